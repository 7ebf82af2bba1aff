package org.scapscope.view;

import java.util.List;
import java.util.Locale;
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
import org.scapscope.scap.ScapFile;
import org.scapscope.state.StateHistory;

/**
 * csysdig's latency spectrograms: how many system calls took how long, over time. Each completed
 * call (an exit event whose enter event came before it) falls into a time slice of the window and a
 * latency band; the bands split each power of ten of nanoseconds, from 1 ns to 100 s, in
 * {@link #PER_DECADE}. A band is a whole range of nanoseconds, so that the events of any cell are
 * exactly those of {@link #bandFilter}.
 */
public final class Spectrogram {
    /** Latency bands per power of ten. */
    public static final int PER_DECADE = 4;
    /** Powers of ten covered: 1 ns to 100 s; longer calls count in the last band. */
    public static final int DECADES = 11;
    public static final int BANDS = PER_DECADE * DECADES;
    /** The lowest latency of each band, in ns; after the last, no bound. */
    private static final long[] LOWEST = lowest();

    /** Which calls a spectrogram counts: all of them, or those on files (csysdig's two spectrograms). */
    public enum Kind {
        ALL("spectro_all", "Latency of all calls", "evt.dir = <"),
        FILE("spectro_file", "Latency of file I/O", "evt.dir = < and fd.type = file");

        private final String id;
        private final String title;
        private final String filter;

        Kind(String id, String title, String filter) {
            this.id = id;
            this.title = title;
            this.filter = filter;
        }

        /** csysdig's name of the view ({@code spectro_all}). */
        public String id() {
            return id;
        }

        public String title() {
            return title;
        }

        /** The calls it counts, as a filter (its latency aside). */
        public String filter() {
            return filter;
        }

        /** The kind csysdig names {@code id}, or null. */
        public static Kind of(String id) {
            for (Kind k : values()) {
                if (k.id.equals(id)) {
                    return k;
                }
            }
            return null;
        }
    }

    /**
     * A spectrogram: the time of its first slice, the width of a slice (ns), and the calls counted
     * per slice and band ({@code counts[slice][band]}).
     */
    public record Result(Kind kind, long start, long sliceWidth, long[][] counts) {
        public int slices() {
            return counts.length;
        }

        /** Calls counted in all. */
        public long total() {
            long n = 0;
            for (long[] slice : counts) {
                for (long c : slice) {
                    n += c;
                }
            }
            return n;
        }

        /** The most calls in one cell. */
        public long max() {
            long m = 0;
            for (long[] slice : counts) {
                for (long c : slice) {
                    m = Math.max(m, c);
                }
            }
            return m;
        }

        /** When slice {@code s} starts. */
        public long sliceStart(int s) {
            return start + s * sliceWidth;
        }
    }

    private Spectrogram() {
    }

    private static long[] lowest() {
        long[] b = new long[BANDS];
        for (int i = 0; i < BANDS; i++) {
            b[i] = i == 0 ? 1 : (long) Math.ceil(Math.pow(10, (double) i / PER_DECADE) - 1e-9);
        }
        return b;
    }

    /** The lowest latency of band {@code band}, in ns. */
    public static long bandLow(int band) {
        return LOWEST[band];
    }

    /** The latency past band {@code band}, in ns; {@link Long#MAX_VALUE} after the last. */
    public static long bandHigh(int band) {
        return band + 1 < BANDS ? LOWEST[band + 1] : Long.MAX_VALUE;
    }

    /** The band of a latency of {@code ns} (at least 1). */
    public static int band(long ns) {
        int i = java.util.Arrays.binarySearch(LOWEST, ns);
        return i >= 0 ? i : -i - 2;
    }

    /**
     * The filter that selects the calls of bands {@code [fromBand, toBand]}: the kind's calls with a
     * latency in their range.
     */
    public static String bandFilter(Kind kind, int fromBand, int toBand) {
        String f = kind.filter() + " and evt.latency >= " + bandLow(fromBand);
        return toBand + 1 < BANDS ? f + " and evt.latency < " + bandHigh(toBand) : f;
    }

    /** A latency as a short text: {@code 1.8ms}, {@code 100ns}, {@code 10s}, {@code 20min}, {@code 1.5h}. */
    public static String latencyText(long ns) {
        if (ns >= 100_000_000_000L) {
            double minutes = ns / 60e9;
            return minutes < 90 ? String.format(Locale.ROOT, "%.0fmin", minutes)
                    : String.format(Locale.ROOT, minutes < 600 ? "%.1fh" : "%.0fh", minutes / 60);
        }
        String[] units = {"ns", "us", "ms", "s"};
        double v = ns;
        int u = 0;
        while (v >= 1000 && u < units.length - 1) {
            v /= 1000;
            u++;
        }
        String n = v >= 100 || v == Math.rint(v) ? String.format(Locale.ROOT, "%.0f", v)
                : String.format(Locale.ROOT, v >= 10 ? "%.0f" : "%.1f", v);
        return n + units[u];
    }

    /**
     * Counts the calls of {@code kind} among the events of {@code [from, to)} that pass
     * {@code userFilter} (null: all), in {@code slices} slices of the window; with the capture's state
     * checkpoints only the window's events are read, in parallel parts.
     */
    public static Result compute(ScapFile scap, Kind kind, Filter userFilter, long from, long to, int slices,
            StateHistory history, OpenOptions.Progress progress, BooleanSupplier cancelled)
            throws FilterException, FieldException {
        return compute(scap, kind, userFilter, from, to, slices, history, Replay.MIN_PART, progress, cancelled);
    }

    /** As above, in parts of at least {@code minPart} events. */
    static Result compute(ScapFile scap, Kind kind, Filter userFilter, long from, long to, int slices,
            StateHistory history, long minPart, OpenOptions.Progress progress, BooleanSupplier cancelled)
            throws FilterException, FieldException {
        int n = Math.max(1, slices);
        Filter own = FilterCompiler.compile(kind.filter());
        BoundField latency = FieldRegistry.get().bind("evt.latency");
        long start = Math.max(from, Math.max(0, scap.firstTs()));
        long end = Math.min(to - 1, Math.max(0, scap.lastTs()));
        long width = Math.max(1, (Math.max(end, start) - start) / n + 1);
        Replay replay = new Replay(scap, history, from, to, progress, cancelled, "the latency spectrogram", minPart);
        KeySet counted = userFilter == null ? own.keys() : own.keys().and(userFilter.keys());
        boolean cpuTimes = userFilter != null && userFilter.readsCpuTimes();
        // a compiled filter keeps nothing between events: the parts share it; each counts in a grid of its own
        List<long[][]> parts = replay.run(java.time.ZoneId.systemDefault(), counted, cpuTimes, (ctx, e, inWindow, p) -> {
            if (!inWindow || ScapFile.isHidden(e) || !own.mayMatchType(e.type())) {
                return;
            }
            if (!own.test(ctx) || userFilter != null && !userFilter.test(ctx)) {
                return;
            }
            long ns = latency.number(ctx);
            if (ns == BoundField.NO_NUMBER || ns <= 0) {
                return;
            }
            int s = (int) Math.min(n - 1, Math.max(0, (e.ts() - start) / width));
            p[s][band(ns)]++;
        }, () -> new long[n][BANDS], (p, ctx) -> { });
        long[][] all = new long[n][BANDS];
        for (long[][] p : parts) {
            for (int s = 0; s < n; s++) {
                for (int b = 0; b < BANDS; b++) {
                    all[s][b] += p[s][b];
                }
            }
        }
        return new Result(kind, start, width, all);
    }

    /** Shades from few calls to many, for text: a space for none. */
    private static final String SHADES = " .:-=+*#%@";

    /**
     * The spectrogram as text, as csysdig draws it in a terminal: a line per slice (its time, then a
     * character per band, darker for more calls, on a logarithmic scale), under a scale of latencies.
     */
    public static List<String> text(Result r, java.util.function.LongFunction<String> timeText) {
        List<String> lines = new java.util.ArrayList<>();
        String pad = " ".repeat(timeText.apply(r.start()).length() + 1);
        lines.add(scaleLine(pad));
        double top = Math.log1p(r.max());
        for (int s = 0; s < r.slices(); s++) {
            StringBuilder line = new StringBuilder(timeText.apply(r.sliceStart(s))).append(' ');
            for (int b = 0; b < BANDS; b++) {
                long c = r.counts()[s][b];
                int shade = c == 0 ? 0 : 1 + (int) Math.min(SHADES.length() - 2,
                        Math.floor(Math.log1p(c) / top * (SHADES.length() - 2)));
                line.append(SHADES.charAt(shade));
            }
            lines.add(line.toString().stripTrailing());
        }
        return lines;
    }

    /** The latency scale over the bands: a mark and a label at each power of ten that has room. */
    private static String scaleLine(String pad) {
        char[] line = new char[BANDS + 8];
        java.util.Arrays.fill(line, ' ');
        int free = 0;
        for (int d = 0; d < DECADES; d++) {
            int at = d * PER_DECADE;
            String label = "|" + latencyText(bandLow(at));
            if (at < free) {
                continue;
            }
            for (int i = 0; i < label.length() && at + i < line.length; i++) {
                line[at + i] = label.charAt(i);
            }
            free = at + label.length() + 1;
        }
        return (pad + new String(line)).stripTrailing();
    }
}
