package org.scapscope.view;

import com.fasterxml.jackson.core.type.TypeReference;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.BooleanSupplier;
import org.scapscope.field.BoundField;
import org.scapscope.field.FieldContext;
import org.scapscope.field.FieldException;
import org.scapscope.field.FieldRegistry;
import org.scapscope.filter.Filter;
import org.scapscope.filter.FilterCompiler;
import org.scapscope.filter.FilterException;
import org.scapscope.scap.KeySet;
import org.scapscope.scap.OpenOptions;
import org.scapscope.scap.ScapEvent;
import org.scapscope.scap.ScapFile;
import org.scapscope.state.StateHistory;

/**
 * The overview of a capture, as Sysdig Inspect's first page shows it: each tile's total and its
 * series over {@code samples} equal stretches of the capture, from one pass over the events.
 * Tiles whose total is zero are left out, except those Inspect always shows.
 */
public final class Overview {
    /** Tiles shown even when nothing was counted. */
    private static final Set<String> ALWAYS = Set.of("procCount", "containerCount", "syscallCount", "fileBytes",
            "fileBytesR", "fileBytesW", "netBytes", "netBytesR", "netBytesW", "executedCommands");

    /** One tile's result: its total and its values per sample. */
    public record TileResult(OverviewTile tile, long total, long[] series) {
    }

    /** The overview: the time of the first event, the width of a sample (ns) and the tiles. */
    public record Result(long start, long sampleWidth, List<TileResult> tiles) {
    }

    private Overview() {
    }

    /** The tiles, as defined in overview.json. */
    public static List<OverviewTile> tiles() {
        return Tiles.ALL;
    }

    /** The tile definitions, read once (they are immutable). */
    private static final class Tiles {
        static final List<OverviewTile> ALL = ViewCatalog.readDefinitions("overview.json",
                new TypeReference<List<OverviewTile>>() { }, "the overview tiles");
    }

    /** Computes every tile over the events that pass {@code userFilter} (null: all). */
    public static Result compute(ScapFile scap, Filter userFilter, int samples, BooleanSupplier cancelled)
            throws FilterException, FieldException {
        return compute(scap, userFilter, 0, Long.MAX_VALUE, samples, cancelled);
    }

    /** Computes every tile over the events of {@code [from, to)} that pass {@code userFilter} (null: all). */
    public static Result compute(ScapFile scap, Filter userFilter, long from, long to, int samples,
            BooleanSupplier cancelled) throws FilterException, FieldException {
        return compute(scap, userFilter, from, to, samples, null, null, cancelled);
    }

    /**
     * Computes every tile over the events of {@code [from, to)} that pass {@code userFilter} (null:
     * all); with the capture's state checkpoints only the window's events are read, in parallel parts.
     */
    public static Result compute(ScapFile scap, Filter userFilter, long from, long to, int samples,
            StateHistory history, OpenOptions.Progress progress, BooleanSupplier cancelled)
            throws FilterException, FieldException {
        return new Overview.Pass(scap, userFilter, from, to, samples).run(history, Replay.MIN_PART, progress,
                cancelled);
    }

    /** As above, in parts of at least {@code minPart} events. */
    static Result compute(ScapFile scap, Filter userFilter, long from, long to, int samples, StateHistory history,
            long minPart) throws FilterException, FieldException {
        return new Overview.Pass(scap, userFilter, from, to, samples).run(history, minPart, null, null);
    }

    /** How a tile adds up the events it counts. */
    private enum TileAggregation {
        COUNT, SUM, DISTINCT, LINES;

        static TileAggregation of(OverviewTile t) {
            switch (t.aggregation()) {
                case "count":
                    return COUNT;
                case "sum":
                    return SUM;
                case "distinct":
                    return DISTINCT;
                case "lines":
                    return LINES;
                default:
                    throw new IllegalStateException("tile " + t.id() + " has an unknown aggregation " + t.aggregation());
            }
        }
    }

    /** The tiles' definitions compiled, and the sampling of the window. */
    private static final class Pass {
        final ScapFile scap;
        final Filter userFilter;
        final long from;
        final long to;
        final int samples;
        final List<OverviewTile> defs = tiles();
        final int n = defs.size();
        /** For each event type, the tiles that may count an event of it. */
        final FiltersByType byType;
        /** The tiles' filters as written, null for tiles of every event. */
        final List<String> expressions = new ArrayList<>();
        final BoundField[] fields = new BoundField[n];
        /** How each tile adds up the events it counts. */
        final TileAggregation[] aggregations = new TileAggregation[n];
        /** Tiles whose field is an integer. */
        final boolean[] numeric = new boolean[n];
        final long start;
        final long width;

        Pass(ScapFile scap, Filter userFilter, long from, long to, int samples) throws FilterException,
                FieldException {
            this.scap = scap;
            this.userFilter = userFilter;
            this.from = from;
            this.to = to;
            this.samples = Math.max(1, samples);
            for (OverviewTile t : defs) {
                expressions.add(t.filter());
            }
            // a mistake in a tile is reported before any event is read
            Filter[] checked = compileTiles();
            byType = new FiltersByType(checked);
            for (int i = 0; i < n; i++) {
                OverviewTile t = defs.get(i);
                TileAggregation a = TileAggregation.of(t);
                aggregations[i] = a;
                if (a == TileAggregation.SUM || a == TileAggregation.DISTINCT) {
                    fields[i] = FieldRegistry.get().bind(t.field());
                    numeric[i] = a == TileAggregation.DISTINCT && fields[i].info().type().isNumeric()
                            && fields[i].info().type() != org.scapscope.field.FieldType.DOUBLE;
                }
            }
            // the capture's first and last event times (records written before the first event carry no time)
            long s = Math.max(from, Math.max(0, scap.firstTs()));
            long end = Math.min(to - 1, Math.max(0, scap.lastTs()));
            if (end < s) {
                end = s;
            }
            this.start = s;
            this.width = Math.max(1, (end - s) / this.samples + 1);
        }

        /**
         * The tiles' filters, compiled together: a condition several tiles share is tested once per
         * event, and remembered, so each part of the capture has filters of its own.
         */
        Filter[] compileTiles() throws FilterException {
            List<String> present = new ArrayList<>();
            for (String e : expressions) {
                if (e != null) {
                    present.add(e);
                }
            }
            List<Filter> compiled = FilterCompiler.compileAll(present, org.scapscope.filter.FalcoRules.none());
            Filter[] out = new Filter[n];
            for (int i = 0, next = 0; i < n; i++) {
                out[i] = expressions.get(i) == null ? null : compiled.get(next++);
            }
            return out;
        }

        /** One part's counts. */
        final class Counts {
            final Filter[] filters;
            final long[] totals = new long[n];
            final long[][] series = new long[n][samples];
            /** For tiles of distinct values, each sample's; the whole window's are their union. */
            final List<List<Set<String>>> distinctPerSample = new ArrayList<>();
            /** For tiles of distinct integers: the values as numbers, with no text made of them. */
            final LongSet[][] distinctNumbersPerSample = new LongSet[n][];
            final String[] lastValue = new String[n];
            /** The state after the part's last event. */
            FieldContext end;
            final int[] lastSample = new int[n];
            final long[] lastNumber = new long[n];

            Counts() {
                try {
                    filters = compileTiles();
                } catch (FilterException e) {
                    throw new IllegalStateException("the overview's tiles compiled once and not again", e);
                }
                for (int i = 0; i < n; i++) {
                    boolean d = aggregations[i] == TileAggregation.DISTINCT;
                    boolean texts = d && !numeric[i];
                    List<Set<String>> per = new ArrayList<>();
                    for (int s = 0; texts && s < samples; s++) {
                        per.add(new HashSet<>());
                    }
                    distinctPerSample.add(per);
                    if (d && numeric[i]) {
                        distinctNumbersPerSample[i] = new LongSet[samples];
                        for (int s = 0; s < samples; s++) {
                            distinctNumbersPerSample[i][s] = new LongSet();
                        }
                    }
                }
                java.util.Arrays.fill(lastSample, -1);
            }

            void add(Counts o) {
                for (int k = 0; k < n; k++) {
                    totals[k] += o.totals[k];
                    for (int s = 0; s < samples; s++) {
                        series[k][s] += o.series[k][s];
                    }
                    for (int s = 0; s < distinctPerSample.get(k).size(); s++) {
                        distinctPerSample.get(k).get(s).addAll(o.distinctPerSample.get(k).get(s));
                    }
                    if (distinctNumbersPerSample[k] != null) {
                        for (int s = 0; s < samples; s++) {
                            distinctNumbersPerSample[k][s].addAll(o.distinctNumbersPerSample[k][s]);
                        }
                    }
                }
            }
        }

        Result run(StateHistory history, long minPart, OpenOptions.Progress progress, BooleanSupplier cancelled) {
            Replay replay = new Replay(scap, history, from, to, progress, cancelled, "the overview", minPart);
            // hidden events are not counted: those of types always hidden need not be read
            KeySet counted = userFilter == null ? ScapFile.visibleKeys() : ScapFile.visibleKeys().and(userFilter.keys());
            boolean cpuTimes = userFilter != null && userFilter.readsCpuTimes();
            List<Counts> parts = replay.run(java.time.ZoneId.systemDefault(), counted, cpuTimes, (ctx, e, inWindow, c) -> {
                if (inWindow && !ScapFile.isHidden(e) && (userFilter == null || userFilter.test(ctx))) {
                    count(ctx, e, c);
                }
            }, Counts::new, (c, ctx) -> c.end = ctx);
            FieldContext end = parts.get(parts.size() - 1).end;
            Counts all = parts.get(0);
            for (int p = 1; p < parts.size(); p++) {
                all.add(parts.get(p));
            }
            List<Set<String>> stillKnown = stillKnown(end, replay.windowTimes());
            List<TileResult> out = new ArrayList<>();
            for (int k = 0; k < n; k++) {
                OverviewTile t = defs.get(k);
                if (aggregations[k] == TileAggregation.DISTINCT && numeric[k]) {
                    LongSet union = new LongSet();
                    for (String v : stillKnown.get(k)) {
                        union.add(Long.parseLong(v));
                    }
                    for (int s = 0; s < samples; s++) {
                        all.series[k][s] = all.distinctNumbersPerSample[k][s].size();
                        union.addAll(all.distinctNumbersPerSample[k][s]);
                    }
                    all.totals[k] = union.size();
                } else if (aggregations[k] == TileAggregation.DISTINCT) {
                    Set<String> union = new HashSet<>(stillKnown.get(k));
                    for (int s = 0; s < samples; s++) {
                        all.series[k][s] = all.distinctPerSample.get(k).get(s).size();
                        union.addAll(all.distinctPerSample.get(k).get(s));
                    }
                    all.totals[k] = union.size();
                }
                if (all.totals[k] != 0 || ALWAYS.contains(t.id())) {
                    out.add(new TileResult(t, all.totals[k], all.series[k]));
                }
            }
            return new Result(start, width, out);
        }

        /**
         * For each tile of distinct values, the values of the threads the state still holds at the
         * end of the capture, when the window reaches it: as a view gives a row to each thread still
         * known there (csysdig's made-up event per thread), so that "Running Processes" counts the
         * processes its view lists, idle ones too. Empty for other tiles, and for a window that ends
         * before the capture does.
         */
        private List<Set<String>> stillKnown(FieldContext end, long[] window) {
            List<Set<String>> out = new ArrayList<>();
            for (int k = 0; k < n; k++) {
                out.add(new HashSet<>());
            }
            if (end == null) {
                return out;
            }
            // compiled apart from the parts' filters, which remember results by event, and made-up
            // events have no index of their own
            Filter[] filters = new Filter[n];
            for (int k = 0; k < n; k++) {
                String expression = expressions.get(k);
                if (aggregations[k] == TileAggregation.DISTINCT && expression != null) {
                    try {
                        filters[k] = FilterCompiler.compile(expression);
                    } catch (FilterException ex) {
                        throw new IllegalStateException("the overview's tiles compiled once and not again", ex);
                    }
                }
            }
            ViewEngine.forEachThreadStillKnown(scap, end, to, window, () -> {
                if (userFilter != null && !userFilter.test(end)) {
                    return;
                }
                for (int k = 0; k < n; k++) {
                    if (aggregations[k] != TileAggregation.DISTINCT || filters[k] != null && !filters[k].test(end)) {
                        continue;
                    }
                    if (numeric[k]) {
                        long v = fields[k].number(end);
                        if (v != BoundField.NO_NUMBER) {
                            out.get(k).add(Long.toString(v));
                        }
                    } else {
                        String v = fields[k].text(end);
                        if (v != null) {
                            out.get(k).add(v);
                        }
                    }
                }
            });
            return out;
        }

        private void count(FieldContext ctx, ScapEvent e, Counts c) {
            int s = (int) Math.min(samples - 1, Math.max(0, (e.ts() - start) / width));
            int type = e.type();
            // most tiles look at a few event types: only those that may count this one are tested
            int[] candidates = byType.of(type);
            // the tiles that sum bytes mostly sum one field: its value is read once per event
            BoundField summed = null;
            long summedValue = 0;
            for (int k : candidates) {
                Filter f = c.filters[k];
                if (f != null && !f.test(ctx)) {
                    continue;
                }
                switch (aggregations[k]) {
                    case COUNT:
                        c.totals[k]++;
                        c.series[k][s]++;
                        break;
                    case SUM: {
                        if (fields[k] != summed) {
                            summed = fields[k];
                            summedValue = summed.number(ctx);
                        }
                        long add = summedValue == BoundField.NO_NUMBER ? 0 : summedValue;
                        c.totals[k] += add;
                        c.series[k][s] += add;
                        break;
                    }
                    case DISTINCT: {
                        if (numeric[k]) {
                            // an integer (a pid, a port) is kept as a number; runs of one value are added once
                            long number = fields[k].number(ctx);
                            if (number == BoundField.NO_NUMBER
                                    || s == c.lastSample[k] && number == c.lastNumber[k]) {
                                break;
                            }
                            c.distinctNumbersPerSample[k][s].add(number);
                            c.lastNumber[k] = number;
                            c.lastSample[k] = s;
                            break;
                        }
                        String v = fields[k].text(ctx);
                        // runs of events of one process or file repeat the value: added once per run
                        if (v != null && !(s == c.lastSample[k] && v.equals(c.lastValue[k]))) {
                            c.distinctPerSample.get(k).get(s).add(v);
                            c.lastValue[k] = v;
                            c.lastSample[k] = s;
                        }
                        break;
                    }
                    case LINES: {
                        long lines = logLines(e, defs.get(k).lineMatch());
                        c.totals[k] += lines;
                        c.series[k][s] += lines;
                        break;
                    }
                    default:
                        throw new AssertionError(aggregations[k]);
                }
            }
        }
    }

    /** The non-empty lines of the data an event wrote, or those about warnings or errors. */
    static long logLines(ScapEvent e, String match) {
        int data = e.paramIndex("data");
        if (data < 0 || !e.paramHasValue(data)) {
            return 0;
        }
        long n = 0;
        for (String line : new String(e.paramBytes(data), StandardCharsets.ISO_8859_1).split("\n")) {
            if (line.isBlank()) {
                continue;
            }
            String l = line.toLowerCase(Locale.ROOT);
            boolean warn = l.contains("warn");
            boolean error = !warn && (l.contains("error") || l.contains("critic") || l.contains("emergency")
                    || l.contains("alert"));
            if (match == null || match.equals("warning") && warn || match.equals("error") && error) {
                n++;
            }
        }
        return n;
    }
}
