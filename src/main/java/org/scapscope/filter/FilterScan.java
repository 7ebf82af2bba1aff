package org.scapscope.filter;

import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;
import java.util.stream.IntStream;
import org.scapscope.field.FieldContext;
import org.scapscope.scap.KeySet;
import org.scapscope.scap.ScapEvent;
import org.scapscope.scap.ScapFile;
import org.scapscope.scap.TypeColumn;
import org.scapscope.state.MachineState;

/**
 * Runs a filter over a capture. Filters that read the event alone skip the events whose type
 * cannot match before decoding anything else, and run over ranges of the capture in parallel;
 * filters that read machine state replay the capture in order.
 */
public final class FilterScan {
    /** Events per parallel range. */
    private static final long RANGE = 1 << 18;
    /** Events whose types are looked through at once. */
    private static final int BATCH = 4096;

    private FilterScan() {
    }

    /** Receives the index of each selected event, in file order. */
    @FunctionalInterface
    public interface Visitor {
        void selected(long eventIndex, FieldContext ctx) throws Exception;
    }

    /**
     * The number of events the filter selects; internal events count only with {@code includeHidden}.
     * {@code cancelled} is polled between ranges.
     */
    public static long count(ScapFile scap, Filter f, boolean includeHidden, BooleanSupplier cancelled) {
        long n = scap.eventCount();
        if (f.stateNeed() == Filter.StateNeed.THREADS && f.narrowsTypes()) {
            TypeColumn types = typeColumn(scap, f);
            if (types != null) {
                return countWithThreads(scap, f, types, includeHidden, cancelled);
            }
        }
        if (f.needsState()) {
            long[] count = {0};
            FieldContext ctx = new FieldContext(scap);
            ScapEvent e = scap.newEvent();
            for (long i = 0; i < n; i++) {
                ctx.advance(scap.read(i, e));
                if ((includeHidden || !ScapFile.isHidden(e)) && f.test(ctx)) {
                    count[0]++;
                }
                if ((i & 0xFFFF) == 0 && cancelled != null && cancelled.getAsBoolean()) {
                    break;
                }
            }
            return count[0];
        }
        TypeColumn types = typeColumn(scap, f);
        KeySet candidates = types == null ? null : f.keys();
        AtomicLong total = new AtomicLong();
        // events before the filter's earliest time cannot match: the index finds where they end
        long first = f.earliest() > 0 ? scap.firstEventAtOrAfter(f.earliest()) : 0;
        int ranges = (int) ((n - first + RANGE - 1) / RANGE);
        IntStream.range(0, ranges).parallel().forEach(r -> {
            if (cancelled != null && cancelled.getAsBoolean()) {
                return;
            }
            FieldContext ctx = new FieldContext(scap);
            ScapEvent e = scap.newEvent();
            long found = 0;
            long end = Math.min(n, first + (r + 1) * RANGE);
            int[] hits = new int[BATCH];
            for (long from = first + r * RANGE; from < end; from += BATCH) {
                long to = Math.min(end, from + BATCH);
                int m = candidates != null ? types.find(from, to, candidates, hits) : (int) (to - from);
                for (int k = 0; k < m; k++) {
                    scap.read(candidates != null ? from + hits[k] : from + k, e);
                    if (!f.mayMatchType(e.type()) || (!includeHidden && ScapFile.isHidden(e))) {
                        continue;
                    }
                    ctx.at(e);
                    if (f.test(ctx)) {
                        found++;
                    }
                }
            }
            total.addAndGet(found);
        });
        return total.get();
    }

    /**
     * A filter on some event types that reads processes but not descriptors: only the events that
     * change processes, and the events of the filter's types, are applied and read.
     */
    private static long countWithThreads(ScapFile scap, Filter f, TypeColumn types, boolean includeHidden,
            BooleanSupplier cancelled) {
        long n = scap.eventCount();
        FieldContext ctx = new FieldContext(scap);
        ScapEvent e = scap.newEvent();
        long count = 0;
        boolean cpuTimes = f.readsCpuTimes();
        KeySet candidates = f.keys();
        KeySet read = candidates.or(MachineState.threadKeys(cpuTimes));
        int[] found = new int[BATCH];
        int[] keys = new int[BATCH];
        for (long first = 0; first < n; first += BATCH) {
            int hits = types.find(first, Math.min(n, first + BATCH), read, found, keys);
            for (int k = 0; k < hits; k++) {
                long i = first + found[k];
                ctx.advance(scap.read(i, e), true);
                if (candidates.contains(keys[k]) && (includeHidden || !ScapFile.isHidden(e)) && f.test(ctx)) {
                    count++;
                }
            }
            if (cancelled != null && cancelled.getAsBoolean()) {
                break;
            }
        }
        return count;
    }

    /** The type of every event, when the filter looks at some types only and the column can be had. */
    private static TypeColumn typeColumn(ScapFile scap, Filter f) {
        return f.narrowsTypes() ? TypeColumn.ifAvailable(scap) : null;
    }

    /**
     * Calls {@code visitor} for each selected event in file order; the context holds the event and,
     * for filters that read state, the state before the next event.
     */
    public static void forEach(ScapFile scap, Filter f, boolean includeHidden, Visitor visitor) throws Exception {
        walk(scap, f, e -> includeHidden || !ScapFile.isHidden(e), (i, ctx) -> {
            visitor.selected(i, ctx);
            return true;
        });
    }

    /** The index of the first event in file order that {@code shown} admits and the filter selects, or -1. */
    public static long first(ScapFile scap, Filter f, java.util.function.Predicate<ScapEvent> shown) throws Exception {
        long[] found = {-1};
        walk(scap, f, shown, (i, ctx) -> {
            found[0] = i;
            return false;
        });
        return found[0];
    }

    /** Told each selected event; returns whether to go on. */
    @FunctionalInterface
    private interface Step {
        boolean next(long eventIndex, FieldContext ctx) throws Exception;
    }

    /** Goes through the events {@code shown} admits and the filter selects, in file order, while {@code step} goes on. */
    private static void walk(ScapFile scap, Filter f, java.util.function.Predicate<ScapEvent> shown, Step step)
            throws Exception {
        long n = scap.eventCount();
        FieldContext ctx = new FieldContext(scap);
        ScapEvent e = scap.newEvent();
        long first = !f.needsState() && f.earliest() > 0 ? scap.firstEventAtOrAfter(f.earliest()) : 0;
        for (long i = first; i < n; i++) {
            scap.read(i, e);
            if (f.needsState()) {
                ctx.advance(e);
            } else if (!f.mayMatchType(e.type())) {
                continue;
            } else {
                ctx.at(e);
            }
            if (shown.test(e) && f.test(ctx) && !step.next(i, ctx)) {
                return;
            }
        }
    }
}
