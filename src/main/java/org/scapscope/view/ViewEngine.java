package org.scapscope.view;

import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import org.scapscope.field.BoundField;
import org.scapscope.field.FieldContext;
import org.scapscope.field.FieldException;
import org.scapscope.field.FieldRegistry;
import org.scapscope.filter.Filter;
import org.scapscope.filter.FilterCompiler;
import org.scapscope.filter.FilterException;
import org.scapscope.scap.EventTypes;
import org.scapscope.scap.KeySet;
import org.scapscope.scap.OpenOptions;
import org.scapscope.scap.ScapEvent;
import org.scapscope.scap.ScapFile;
import org.scapscope.scap.TypeColumn;
import org.scapscope.state.StateHistory;
import org.scapscope.state.ThreadInfo;

/**
 * Computes a view over a capture, or over the events of {@code [from, to)}: one pass in which each
 * event that passes the view's filter and the user's is added to its row, as csysdig's table does;
 * then, as csysdig does at the end of a capture, one made-up event for each thread still known, so
 * that idle processes have their row; then the rows of a grouped view are merged by group, and
 * sorted.
 */
public final class ViewEngine {
    /** The event csysdig feeds its views for each thread at the end: {@code sysdigevent}, exit. */
    private static final int THREAD_SUMMARY_EVENT = 197;

    private final ScapFile scap;
    private final ViewDefinition view;
    private final Filter viewFilter;
    private final Filter userFilter;
    private final ZoneId zone;
    private final List<ViewColumn> columns = new ArrayList<>();
    private final Kind[] kinds;
    private final boolean[] hasDefault;
    private final int keyColumn;
    private final int groupColumn;
    /** Columns whose value a row keeps from its first event, and which cannot drop an event by lacking it. */
    private final boolean[] skippable;
    /** Each column's aggregation of a row's events, and of a group's rows. */
    private final Aggregation[] aggregations;
    private final Aggregation[] groupAggregations;
    /** Whether events lacking a decimal or text value still count (read once: it is asked for every column). */
    private final boolean useDefaults;

    private enum Kind {
        LONG, UNSIGNED, DOUBLE, TEXT, BOOL, DURATION
    }

    /** Where results on whole cells are kept and found, or null. */
    private ViewCells cells;

    private ViewEngine(ScapFile scap, ViewDefinition view, Filter userFilter, ZoneId zone) throws FilterException,
            FieldException {
        this.scap = scap;
        this.view = view;
        this.userFilter = userFilter;
        this.zone = zone;
        this.viewFilter = viewFilter(view);
        this.useDefaults = view.useDefaults();
        for (ViewColumn c : view.columns()) {
            if (c.hasTag("default")) {
                columns.add(c);
            }
        }
        int n = columns.size();
        kinds = new Kind[n];
        hasDefault = new boolean[n];
        int key = -1;
        int group = -1;
        for (int i = 0; i < n; i++) {
            ViewColumn c = columns.get(i);
            FieldRegistry.get().bind(c.field()); // a column of an unknown field is the view's mistake, said now
            kinds[i] = kindOf(c.sinspType());
            // what csysdig puts for a missing value: 0 for decimal integers and durations, 0.0, "";
            // ids, ports, addresses and times have none and drop the event
            boolean dec = "DEC".equals(c.printFormat());
            String t = c.sinspType() == null ? "" : c.sinspType();
            boolean integer = t.startsWith("INT") || t.startsWith("UINT") || t.equals("RELTIME");
            hasDefault[i] = kinds[i] == Kind.DOUBLE || t.equals("CHARBUF") || dec && integer;
            if (c.key() && key < 0) {
                key = i;
            }
            if (c.isGroupBy() && group < 0) {
                group = i;
            }
        }
        if (!view.isList() && key < 0) {
            throw new FieldException("table view " + view.id() + " has no key column for the default columns");
        }
        this.keyColumn = key;
        this.groupColumn = group;
        skippable = new boolean[n];
        aggregations = new Aggregation[n];
        groupAggregations = new Aggregation[n];
        for (int i = 0; i < n; i++) {
            aggregations[i] = columns.get(i).aggregation();
            groupAggregations[i] = columns.get(i).groupByAggregation();
        }
        for (int i = 0; i < n; i++) {
            Aggregation a = columns.get(i).aggregation();
            boolean keeps = a == Aggregation.NONE || kinds[i] == Kind.TEXT && a != Aggregation.MAX && a != Aggregation.MIN;
            // only when a missing value cannot drop the event
            skippable[i] = keeps && useDefaults && hasDefault[i];
        }
    }

    /** The view's own filter, compiled; a mistake in it is reported as the view's, not the user's. */
    private static Filter viewFilter(ViewDefinition view) throws FilterException {
        if (view.filter() == null || view.filter().isBlank()) {
            return null;
        }
        try {
            return FilterCompiler.compile(view.filter());
        } catch (FilterException e) {
            throw new FilterException(e.code(), "in the filter of view " + view.id() + ": " + e.getMessage(), e.span(),
                    e.source());
        }
    }

    /**
     * The value types a column may give (csysdig's names), with the kind each makes of its values:
     * how they are compared, summed and shown. A column of no type is text.
     */
    private static final Map<String, Kind> KINDS = kinds();

    /** The value types a column may give, in csysdig's order. */
    static final List<String> VALUE_TYPES = List.copyOf(KINDS.keySet());

    private static Map<String, Kind> kinds() {
        Map<String, Kind> m = new LinkedHashMap<>();
        m.put("CHARBUF", Kind.TEXT);
        m.put("BOOL", Kind.BOOL);
        for (String t : List.of("INT8", "INT16", "INT32", "INT64")) {
            m.put(t, Kind.LONG);
        }
        for (String t : List.of("UINT8", "UINT16", "UINT32", "UINT64")) {
            m.put(t, Kind.UNSIGNED);
        }
        m.put("DOUBLE", Kind.DOUBLE);
        m.put("RELTIME", Kind.DURATION);
        m.put("ABSTIME", Kind.UNSIGNED);
        m.put("PORT", Kind.UNSIGNED);
        m.put("ERRNO", Kind.LONG);
        m.put("FD", Kind.LONG);
        m.put("PID", Kind.LONG);
        for (String t : List.of("IPADDR", "IPV4ADDR", "IPV6ADDR", "IPNET", "BYTEBUF", "FSPATH", "SOCKTUPLE")) {
            m.put(t, Kind.TEXT);
        }
        return java.util.Collections.unmodifiableMap(m);
    }

    private static Kind kindOf(String sinspType) {
        return sinspType == null ? Kind.TEXT : KINDS.getOrDefault(sinspType, Kind.TEXT);
    }

    /**
     * Computes a view. {@code userFilter} may be null; {@code from} and {@code to} bound the event
     * times counted (0 and {@code Long.MAX_VALUE} for all); {@code cancelled} is polled as it goes.
     */
    public static ViewTable run(ScapFile scap, ViewDefinition view, Filter userFilter, long from, long to,
            ZoneId zone, OpenOptions.Progress progress, BooleanSupplier cancelled) throws FilterException,
            FieldException {
        return run(scap, view, userFilter, from, to, zone, null, progress, cancelled);
    }

    /**
     * Computes a view, using the capture's state checkpoints when {@code history} is given: only the
     * events of the time window are read, in parts that run in parallel, each from the state before
     * it. Without checkpoints the capture is replayed from its start to the window's end.
     */
    public static ViewTable run(ScapFile scap, ViewDefinition view, Filter userFilter, long from, long to,
            ZoneId zone, StateHistory history, OpenOptions.Progress progress, BooleanSupplier cancelled)
            throws FilterException, FieldException {
        return run(scap, view, userFilter, from, to, zone, history, null, progress, cancelled);
    }

    /**
     * As above; with {@code cells} (and the checkpoints), the view's results on the capture's cells
     * are taken from there when it has them, and those computed are left there, so that the same
     * view and filter over another window replay only the cells not seen yet.
     */
    public static ViewTable run(ScapFile scap, ViewDefinition view, Filter userFilter, long from, long to,
            ZoneId zone, StateHistory history, ViewCells cells, OpenOptions.Progress progress, BooleanSupplier cancelled)
            throws FilterException, FieldException {
        ViewEngine engine = new ViewEngine(scap, view, userFilter, zone);
        engine.cells = history != null ? cells : null;
        return engine.compute(from, to, history, Replay.MIN_PART, progress, cancelled);
    }

    /** As above, in parts of at least {@code minPart} events. */
    static ViewTable run(ScapFile scap, ViewDefinition view, Filter userFilter, long from, long to, ZoneId zone,
            StateHistory history, long minPart) throws FilterException, FieldException {
        return new ViewEngine(scap, view, userFilter, zone).compute(from, to, history, minPart, null, null);
    }

    /** One row while it is being filled: per column a number or a text, and how many values it holds. */
    private static final class Cells {
        final long[] num;
        final double[] dbl;
        final String[] text;
        final long[] cnt;

        Cells(int n) {
            num = new long[n];
            dbl = new double[n];
            text = new String[n];
            cnt = new long[n];
        }
    }

    /** What one part of the capture gave: its rows (or list entries), and its context after its last event. */
    private final class Part {
        final RowMap<Cells> rows;
        final List<Cells> list;
        final Cells scratch = new Cells(columns.size());
        /** The columns' fields, bound for this part: a few keep text from the events before (as libsinsp's do). */
        final BoundField[] fields;
        FieldContext ctx;
        /** Whether an event of the part was outside the window (so that its rows are the window's only). */
        boolean outside;
        /** The earliest and latest times of the events handed to the part. */
        long minTs = Long.MAX_VALUE;
        long maxTs = Long.MIN_VALUE;

        Part() {
            this(new RowMap<>(), new ArrayList<>(), bindColumns());
        }

        Part(RowMap<Cells> rows, List<Cells> list, BoundField[] fields) {
            this.rows = rows;
            this.list = list;
            this.fields = fields;
        }
    }

    /**
     * A cell's rows or list entries, as kept: never changed once kept; with the earliest and latest
     * times of its events, for a capture's times need not rise with its events.
     */
    private record CellResult(RowMap<Cells> rows, List<Cells> list, long minTs, long maxTs) {
    }

    /**
     * csysdig's end of a capture, when the window {@code [.., to)} reaches it (and held events:
     * {@code window[1] >= 0}): {@code each} runs once for each thread the state {@code end} still
     * knows, with {@code end} at a made-up event of that thread, as each was left.
     */
    static void forEachThreadStillKnown(ScapFile scap, FieldContext end, long to, long[] window, Runnable each) {
        long count = scap.eventCount();
        long lastTs = count == 0 ? -1 : scap.read(count - 1, scap.newEvent()).ts();
        if (end == null || end.state() == null || lastTs < 0 || lastTs >= to || window[1] < 0) {
            return;
        }
        long summaryTs = lastTs / 1_000_000_000L * 1_000_000_000L - 1;
        for (ThreadInfo t : new ArrayList<>(end.state().threads().all())) {
            end.atThreadOf(ScapEvent.synthetic(THREAD_SUMMARY_EVENT, t.tid(), summaryTs));
            each.run();
        }
    }

    private ViewTable compute(long from, long to, StateHistory history, long minPart, OpenOptions.Progress progress,
            BooleanSupplier cancelled) {
        Replay replay = new Replay(scap, history, from, to, progress, cancelled, "computing view " + view.id(),
                minPart);
        boolean keeping = cells != null;
        Replay.Visitor<Part> visitor = (ctx, event, inWindow, part) -> {
            // container records only fill the container table: libsinsp does not hand them on
            if (inWindow && !EventTypes.isContainerRecord(event.type())) {
                consider(ctx, part);
            }
            if (keeping) {
                part.outside |= !inWindow;
                long ts = event.ts();
                part.minTs = Math.min(part.minTs, ts);
                part.maxTs = Math.max(part.maxTs, ts);
            }
        };
        KeySet selectable = keys(viewFilter).and(keys(userFilter));
        TypeColumn types = history == null ? null : typesToSkipBy();
        ViewCells.Key[] keys = null;
        CellResult[] kept = null;
        if (keeping) {
            long[] bounds = replay.cells(cells.cellSize());
            keys = new ViewCells.Key[bounds.length - 1];
            kept = new CellResult[keys.length];
            boolean[] skip = new boolean[kept.length];
            for (int c = 0; c < keys.length; c++) {
                keys[c] = keepable(bounds[c], bounds[c + 1], scap.eventCount());
            }
            // the window's last cell is always replayed: the context after it gives the rows of the
            // threads still known; a cell kept holds for this window only if all its events are in it
            for (int c = 0; c + 1 < kept.length; c++) {
                CellResult r = keys[c] == null ? null : (CellResult) cells.get(keys[c]);
                if (r != null && (r.minTs() > r.maxTs() || r.minTs() >= from && r.maxTs() < to)) {
                    kept[c] = r;
                    skip[c] = true;
                }
            }
            replay.skip(skip);
        }
        List<Part> parts;
        if (types != null) {
            parts = replay.runOnThreads(zone, types, selectable, readsCpuTimes(), visitor, Part::new,
                    (part, ctx) -> part.ctx = ctx);
        } else {
            parts = replay.run(zone, selectable, readsCpuTimes(), visitor, Part::new, (part, ctx) -> part.ctx = ctx);
        }
        long[] window = replay.windowTimes();
        if (keeping) {
            keep(parts, kept, keys);
        }
        Part last = parts.get(parts.size() - 1);
        // kept cells must stay as they are: their rows are merged into rows of their own; with nothing
        // kept, the other parts are merged into the first
        Part all = keeping ? new Part(new RowMap<>(), new ArrayList<>(), null) : parts.get(0);
        for (Part next : parts) {
            if (next == all) {
                continue;
            }
            all.list.addAll(next.list);
            for (int r = 0; r < next.rows.size(); r++) {
                Object key = next.rows.key(r);
                Cells into = all.rows.get(key);
                if (into == null) {
                    all.rows.put(key, keeping ? copy(next.rows.value(r)) : next.rows.value(r));
                } else {
                    merge(into, next.rows.value(r), false);
                }
            }
        }
        FieldContext ctx = last.ctx;
        // each thread still known at the end, read with the fields of the last part (which the capture's
        // last cell always has: it is not kept)
        if (!view.isList()) {
            Part summaries = new Part(all.rows, all.list, last.fields);
            forEachThreadStillKnown(scap, ctx, to, window, () -> consider(ctx, summaries));
        }
        double seconds = window[0] < 0 ? 0 : (window[1] - window[0]) / 1e9;
        if (view.isList()) {
            List<ViewTable.Row> out = new ArrayList<>();
            for (int r = 0; r < all.list.size(); r++) {
                out.add(row(Integer.toString(r + 1), all.list.get(r), seconds));
            }
            return finish(out);
        }
        Map<String, Cells> result = new LinkedHashMap<>();
        for (int r = 0; r < all.rows.size(); r++) {
            Cells c = all.rows.value(r);
            if (groupColumn < 0) {
                result.put(keyText(c, keyColumn), c);
                continue;
            }
            String k = keyText(c, groupColumn);
            Cells into = result.get(k);
            if (into == null) {
                result.put(k, firstOfGroup(c));
            } else {
                merge(into, c, true);
            }
        }
        List<ViewTable.Row> out = new ArrayList<>();
        for (Map.Entry<String, Cells> r : result.entrySet()) {
            out.add(row(r.getKey(), r.getValue(), seconds));
        }
        return finish(out);
    }

    /**
     * The key a cell's result is kept by, when it may be kept: a whole cell, and not the capture's
     * last (whose context after it the rows of the threads still known are read from); else null.
     */
    private ViewCells.Key keepable(long first, long end, long count) {
        long size = cells.cellSize();
        if (first % size != 0 || end != first + size || end >= count) {
            return null;
        }
        return new ViewCells.Key(view, userFilter == null ? "" : userFilter.source(), zone.getId(), first, end);
    }

    /**
     * Puts the kept cells' results in their places among the parts, and keeps the results of the
     * cells just computed that may be kept and had no event outside the window.
     */
    private void keep(List<Part> parts, CellResult[] kept, ViewCells.Key[] keys) {
        for (int c = 0; c < kept.length; c++) {
            if (kept[c] != null) {
                parts.set(c, new Part(kept[c].rows(), kept[c].list(), null));
                continue;
            }
            Part p = parts.get(c);
            if (keys[c] != null && !p.outside) {
                cells.put(keys[c], new CellResult(p.rows, p.list, p.minTs, p.maxTs), bytes(p));
            }
        }
    }

    /** An estimate of the memory a part's rows hold: the arrays of each row, and the texts in them. */
    private long bytes(Part p) {
        long total = 64;
        int n = columns.size();
        for (int r = 0; r < p.rows.size(); r++) {
            total += 64 + rowBytes(p.rows.value(r), n);
        }
        for (Cells c : p.list) {
            total += rowBytes(c, n);
        }
        return total;
    }

    private static long rowBytes(Cells c, int n) {
        long b = 4 * 16 + 32L * n;
        for (String t : c.text) {
            if (t != null) {
                b += 40 + t.length();
            }
        }
        return b;
    }

    /**
     * The capture's event type column, when this view may skip the events its filters cannot
     * select: they look at a few event types, and nothing the view reads needs descriptors. Else null.
     */
    private TypeColumn typesToSkipBy() {
        boolean narrow = viewFilter != null && viewFilter.narrowsTypes() || userFilter != null && userFilter.narrowsTypes();
        if (!narrow || !threadsAtMost(viewFilter) || !threadsAtMost(userFilter)) {
            return null;
        }
        for (int i = 0; i < columns.size(); i++) {
            try {
                if (!threadsAtMost(FilterCompiler.compile(columns.get(i).field() + " exists"))) {
                    return null;
                }
            } catch (FilterException e) {
                return null;
            }
        }
        return TypeColumn.ifAvailable(scap);
    }

    /** The type keys a filter can select; every key when there is none. */
    private static KeySet keys(Filter f) {
        return f == null ? KeySet.all() : f.keys();
    }

    /** Whether the view's columns or filters read threads' CPU times. */
    private boolean readsCpuTimes() {
        for (ViewColumn c : columns) {
            if (c.field().startsWith("thread.cpu")) {
                return true;
            }
        }
        return viewFilter != null && viewFilter.readsCpuTimes() || userFilter != null && userFilter.readsCpuTimes();
    }

    private static boolean threadsAtMost(Filter f) {
        return f == null || f.stateNeed() != Filter.StateNeed.FULL;
    }

    private BoundField[] bindColumns() {
        BoundField[] out = new BoundField[columns.size()];
        for (int i = 0; i < out.length; i++) {
            try {
                out[i] = FieldRegistry.get().bind(columns.get(i).field());
            } catch (FieldException e) {
                throw new IllegalStateException("column " + columns.get(i).field() + " was bound once and not again", e);
            }
        }
        return out;
    }

    private boolean numericKey() {
        Kind k = kinds[keyColumn];
        return k == Kind.LONG || k == Kind.UNSIGNED || k == Kind.DURATION;
    }

    /** Adds the current event to its row (or, for a list, as a row) if it passes the filters and has every value. */
    private void consider(FieldContext ctx, Part part) {
        if (viewFilter != null && !viewFilter.test(ctx)) {
            return;
        }
        if (userFilter != null && !userFilter.test(ctx)) {
            return;
        }
        Cells cells = part.scratch;
        BoundField[] fields = part.fields;
        int n = columns.size();
        Cells existing = null;
        // the row's key: a number kept unboxed (most views' keys; every event looks its row up), or text
        boolean numbered = false;
        long number = 0;
        boolean looked = false;
        if (!view.isList() && keyColumn >= 0) {
            // a row that exists keeps its first value in columns that do not aggregate: those need not be read
            boolean missingAllowed = useDefaults && hasDefault[keyColumn];
            if (numericKey()) {
                long k = fields[keyColumn].number(ctx);
                if (k == BoundField.NO_NUMBER) {
                    if (!missingAllowed) {
                        return;
                    }
                    k = 0;
                }
                existing = part.rows.get(k);
                numbered = true;
                number = k;
            } else {
                String k = fields[keyColumn].text(ctx);
                if (k == null && !missingAllowed) {
                    return;
                }
                existing = part.rows.get(k != null ? k : kinds[keyColumn] == Kind.TEXT ? "" : "0");
                // a text key is looked up as it is kept; other kinds are kept as their value reads
                looked = kinds[keyColumn] == Kind.TEXT;
            }
        }
        for (int i = 0; i < n; i++) {
            if (existing != null && i != keyColumn && skippable[i]) {
                cells.cnt[i] = 0;
                continue;
            }
            String t;
            Kind kind = kinds[i];
            if (kind == Kind.DOUBLE) {
                Double d = fields[i].decimal(ctx);
                t = d == null ? null : "";
                if (d != null) {
                    cells.dbl[i] = d;
                }
            } else if (kind == Kind.LONG || kind == Kind.UNSIGNED || kind == Kind.DURATION) {
                long v = fields[i].number(ctx);
                t = v == BoundField.NO_NUMBER ? null : "";
                cells.num[i] = v;
            } else {
                t = fields[i].text(ctx);
            }
            if (t == null) {
                if (!useDefaults || !hasDefault[i]) {
                    return;
                }
                cells.num[i] = 0;
                cells.dbl[i] = 0;
                cells.text[i] = "";
                cells.cnt[i] = 0;
                continue;
            }
            if (!parse(cells, i, t)) {
                return;
            }
            cells.cnt[i] = 1;
        }
        if (view.isList()) {
            part.list.add(copy(cells));
            return;
        }
        if (numbered) {
            if (existing == null) {
                part.rows.put(number, copy(cells));
            } else {
                merge(existing, cells, false);
            }
            return;
        }
        String key = keyText(cells, keyColumn);
        Cells row = looked ? existing : part.rows.get(key);
        if (row == null) {
            part.rows.put(key, copy(cells));
        } else {
            merge(row, cells, false);
        }
    }

    private boolean parse(Cells cells, int i, String t) {
        try {
            switch (kinds[i]) {
                case LONG: case DURATION: case UNSIGNED:
                    return true; // read as a number above
                case BOOL:
                    cells.num[i] = t.equals("true") ? 1 : 0;
                    return true;
                case DOUBLE:
                    return true; // read whole above
                default:
                    cells.text[i] = t;
                    return true;
            }
        } catch (NumberFormatException ex) {
            return false;
        }
    }

    private String keyText(Cells c, int column) {
        switch (kinds[column]) {
            case TEXT:
                return c.text[column];
            case DOUBLE:
                return Double.toString(c.dbl[column]);
            case UNSIGNED:
                return Long.toUnsignedString(c.num[column]);
            case BOOL:
                return c.num[column] != 0 ? "true" : "false";
            default:
                return Long.toString(c.num[column]);
        }
    }

    /**
     * A group's row from its first member: summed columns of averaged rows start from the member's
     * average, as csysdig's merge does (so PROCS of a container counts processes, not their samples).
     */
    private Cells firstOfGroup(Cells c) {
        Cells d = copy(c);
        for (int i = 0; i < columns.size(); i++) {
            Aggregation a = columns.get(i).groupByAggregation();
            if ((a == Aggregation.SUM || a == Aggregation.TIME_AVG) && d.cnt[i] >= 2 && kinds[i] != Kind.TEXT) {
                if (kinds[i] == Kind.DOUBLE) {
                    d.dbl[i] /= d.cnt[i];
                } else {
                    d.num[i] /= d.cnt[i];
                }
                d.cnt[i] = 1;
            }
        }
        return d;
    }

    private Cells copy(Cells c) {
        Cells d = new Cells(columns.size());
        System.arraycopy(c.num, 0, d.num, 0, c.num.length);
        System.arraycopy(c.dbl, 0, d.dbl, 0, c.dbl.length);
        System.arraycopy(c.text, 0, d.text, 0, c.text.length);
        System.arraycopy(c.cnt, 0, d.cnt, 0, c.cnt.length);
        return d;
    }

    /** Combines {@code src} into {@code dst} by each column's aggregation (its group aggregation when grouping). */
    private void merge(Cells dst, Cells src, boolean grouping) {
        Aggregation[] aggs = grouping ? groupAggregations : aggregations;
        for (int i = 0; i < aggs.length; i++) {
            Aggregation a = aggs[i];
            boolean text = kinds[i] == Kind.TEXT;
            switch (a) {
                case SUM: case TIME_AVG:
                    if (text) {
                        break;
                    }
                    if (src.cnt[i] < 2) {
                        add(dst, src, i);
                    } else {
                        // csysdig's "sum of averages" when merging averaged rows
                        if (kinds[i] == Kind.DOUBLE) {
                            dst.dbl[i] = (dst.cnt[i] > 1 ? dst.dbl[i] / dst.cnt[i] : dst.dbl[i]) + src.dbl[i] / src.cnt[i];
                        } else {
                            dst.num[i] = (dst.cnt[i] > 1 ? dst.num[i] / dst.cnt[i] : dst.num[i]) + src.num[i] / src.cnt[i];
                        }
                        dst.cnt[i] = 1;
                    }
                    break;
                case AVG:
                    if (!text) {
                        add(dst, src, i);
                        dst.cnt[i] += src.cnt[i];
                    }
                    break;
                case MAX:
                    if (text) {
                        dst.text[i] = src.text[i];
                    } else if (kinds[i] == Kind.DOUBLE) {
                        dst.dbl[i] = Math.max(dst.dbl[i], src.dbl[i]);
                    } else if (kinds[i] == Kind.UNSIGNED) {
                        dst.num[i] = Long.compareUnsigned(src.num[i], dst.num[i]) > 0 ? src.num[i] : dst.num[i];
                    } else {
                        dst.num[i] = Math.max(dst.num[i], src.num[i]);
                    }
                    break;
                case MIN:
                    if (src.cnt[i] == 0) {
                        break;
                    }
                    if (dst.cnt[i] == 0) {
                        add(dst, src, i);
                        dst.cnt[i]++;
                    } else if (text) {
                        if (src.text[i].compareTo(dst.text[i]) < 0) {
                            dst.text[i] = src.text[i];
                        }
                    } else if (kinds[i] == Kind.DOUBLE) {
                        dst.dbl[i] = Math.min(dst.dbl[i], src.dbl[i]);
                    } else if (kinds[i] == Kind.UNSIGNED) {
                        dst.num[i] = Long.compareUnsigned(src.num[i], dst.num[i]) < 0 ? src.num[i] : dst.num[i];
                    } else {
                        dst.num[i] = Math.min(dst.num[i], src.num[i]);
                    }
                    break;
                default:
                    break;
            }
        }
    }

    private void add(Cells dst, Cells src, int i) {
        if (kinds[i] == Kind.DOUBLE) {
            dst.dbl[i] += src.dbl[i];
        } else if (kinds[i] != Kind.TEXT) {
            dst.num[i] += src.num[i];
        }
    }

    private ViewTable.Row row(String key, Cells c, double seconds) {
        List<Object> order = new ArrayList<>();
        List<Object> shown = values(c, seconds, order);
        return new ViewTable.Row(key, shown, order);
    }

    /** The shown values of a row: averages divided out, durations as text; {@code order} gets them as ordered. */
    private List<Object> values(Cells c, double seconds, List<Object> order) {
        List<Object> out = new ArrayList<>();
        for (int i = 0; i < columns.size(); i++) {
            ViewColumn col = columns.get(i);
            if (col.hidden()) {
                continue;
            }
            double divisor = col.aggregation() == Aggregation.TIME_AVG ? seconds : c.cnt[i];
            switch (kinds[i]) {
                case DOUBLE:
                    out.add(divisor > 1 ? c.dbl[i] / divisor : c.dbl[i]);
                    break;
                case DURATION: {
                    long ns = divisor > 1 ? (long) (c.num[i] / divisor) : c.num[i];
                    out.add(TimeText.of(ns));
                    order.add(ns);
                    continue;
                }
                case BOOL:
                    out.add(c.num[i] != 0);
                    break;
                case TEXT:
                    out.add(c.text[i] == null ? "" : c.text[i]);
                    break;
                case UNSIGNED:
                    // past 2^63 a number still, so that rows sort by value
                    out.add(c.num[i] < 0 ? (Object) new java.math.BigInteger(Long.toUnsignedString(c.num[i]))
                            : (Object) c.num[i]);
                    break;
                default:
                    out.add(c.num[i]);
            }
            order.add(out.get(out.size() - 1));
        }
        return out;
    }

    /** Names the columns and sorts the rows by the view's sort column, ties by key. */
    private ViewTable finish(List<ViewTable.Row> rows) {
        List<String> titles = new ArrayList<>();
        List<String> types = new ArrayList<>();
        for (ViewColumn c : columns) {
            if (!c.hidden()) {
                titles.add(c.title());
                types.add(c.sinspType());
            }
        }
        int sortIndex = view.sort() == null ? -1 : titles.indexOf(view.sort().column());
        if (sortIndex >= 0) {
            int s = sortIndex;
            boolean descending = view.sort().descending();
            Comparator<ViewTable.Row> byValue = (a, b) -> compareValues(a.order().get(s), b.order().get(s));
            Comparator<ViewTable.Row> order = descending ? byValue.reversed() : byValue;
            rows.sort(order);
        }
        return new ViewTable(view, titles, types, rows);
    }

    @SuppressWarnings("unchecked")
    static int compareValues(Object a, Object b) {
        if (a instanceof Number x && b instanceof Number y) {
            return Double.compare(x.doubleValue(), y.doubleValue());
        }
        if (a instanceof Comparable && a.getClass() == b.getClass()) {
            return ((Comparable<Object>) a).compareTo(b);
        }
        return String.valueOf(a).compareTo(String.valueOf(b));
    }
}
