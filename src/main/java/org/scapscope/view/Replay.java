package org.scapscope.view;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BiConsumer;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import java.util.stream.IntStream;
import org.scapscope.field.FieldContext;
import org.scapscope.scap.EventTypes;
import org.scapscope.scap.KeySet;
import org.scapscope.scap.OpenOptions;
import org.scapscope.scap.ScapEvent;
import org.scapscope.scap.ScapFile;
import org.scapscope.scap.TypeColumn;
import org.scapscope.state.MachineState;
import org.scapscope.state.StateHistory;

/**
 * Replays the events of a time window with the machine state they happened in. With the capture's
 * state checkpoints, only the window's events are read, split into parts that run in parallel,
 * each part starting from the state just before its first event; the caller merges the parts' results
 * in order. Without checkpoints, one part replays the capture from its start to the window's end.
 */
final class Replay {
    /** Fewest events worth a part of their own: starting a part replays up to a checkpoint interval. */
    static final long MIN_PART = 1 << 17;
    /** Events between checks for cancellation and progress reports. */
    private static final int BATCH = 4096;

    /** Receives each replayed event; {@code inWindow} tells whether its time is in the window. */
    @FunctionalInterface
    interface Visitor<P> {
        void event(FieldContext ctx, ScapEvent e, boolean inWindow, P part);
    }

    private final ScapFile scap;
    private final StateHistory history;
    private final long from;
    private final long to;
    private final OpenOptions.Progress progress;
    private final BooleanSupplier cancelled;
    private final String work;
    private final long minPart;
    /** When the window is cut into cells: where each starts, and after the last, where it ends. */
    private long[] cellBounds;
    /** Cells not to replay (their result is had otherwise); their parts are null. */
    private boolean[] skipped;

    /** {@code work} names what is computed, for the message when it is cancelled. */
    Replay(ScapFile scap, StateHistory history, long from, long to, OpenOptions.Progress progress,
            BooleanSupplier cancelled, String work) {
        this(scap, history, from, to, progress, cancelled, work, MIN_PART);
    }

    /** As above, with parts of at least {@code minPart} events (tests split small captures finely). */
    Replay(ScapFile scap, StateHistory history, long from, long to, OpenOptions.Progress progress,
            BooleanSupplier cancelled, String work, long minPart) {
        this.minPart = Math.max(1, minPart);
        this.scap = scap;
        this.history = history;
        this.from = from;
        this.to = to;
        this.progress = progress;
        this.cancelled = cancelled;
        this.work = work;
    }

    /**
     * Cuts the window into cells at the multiples of {@code cellSize}: the work then makes one part
     * per cell, and replays a run of neighbouring cells in one go, from one checkpoint (so only the
     * last part of the window is sure to be finished with the context after its own last event).
     * Returns the cells' bounds: cell {@code c} holds events {@code [bounds[c], bounds[c + 1])}; an
     * empty window is one empty cell. Needs the checkpoints.
     */
    long[] cells(long cellSize) {
        if (history == null) {
            throw new IllegalStateException("cells need the state checkpoints");
        }
        long[] window = window();
        long lo = window[0];
        long hi = window[1];
        List<Long> bounds = new ArrayList<>();
        bounds.add(lo);
        for (long at = (lo / cellSize + 1) * cellSize; at < hi; at += cellSize) {
            bounds.add(at);
        }
        bounds.add(hi);
        cellBounds = bounds.stream().mapToLong(Long::longValue).toArray();
        skipped = new boolean[Math.max(0, cellBounds.length - 1)];
        return cellBounds.clone();
    }

    /** Leaves out the cells marked: their parts come back null. */
    void skip(boolean[] cells) {
        if (cellBounds == null || cells.length != skipped.length) {
            throw new IllegalArgumentException("skip needs one mark per cell");
        }
        skipped = cells.clone();
    }

    /**
     * Runs {@code visitor} over the window's events, part by part; returns the parts in file order.
     * {@code finished} gets each part with its context after the part's last event. Work that looks
     * only at the events whose type key is in {@code selectable} passes over the other events that
     * change nothing it reads, neither applied nor visited: the process-info records, which bring CPU
     * times only, unless {@code cpuTimes}.
     */
    <P> List<P> run(ZoneId zone, KeySet selectable, boolean cpuTimes, Visitor<P> visitor, Supplier<P> newPart,
            BiConsumer<P, FieldContext> finished) {
        KeySet read = KeySet.all();
        for (int type = 0; !cpuTimes && type < EventTypes.knownLimit(); type++) {
            if (MachineState.changesCpuTimesOnly(type) && !selectable.contains(type)) {
                read.remove(type);
            }
        }
        boolean passesOver = read.missesSome();
        // without checkpoints every event is read, as the reference the passing over is tested against
        TypeColumn types = passesOver && history != null ? TypeColumn.ifAvailable(scap) : null;
        return runReading(zone, types, read, visitor, newPart, finished);
    }

    /** Replays the window, reading only the events whose key is in {@code read}; all of them when {@code types} is null. */
    private <P> List<P> runReading(ZoneId zone, TypeColumn types, KeySet read, Visitor<P> visitor,
            Supplier<P> newPart, BiConsumer<P, FieldContext> finished) {
        if (types == null) {
            return inParts(partStarts(true), true, zone, newPart, (ctx, e, first, end, part) -> {
                for (long i = first; i < end; i++) {
                    ctx.advance(scap.read(i, e));
                    long ts = e.ts();
                    visitor.event(ctx, e, ts >= from && ts < to, part);
                }
            }, finished);
        }
        return inParts(partStarts(true), true, zone, newPart, readingOnly(types, read, false, null, visitor), finished);
    }

    /**
     * A batch that applies only the events whose key is in {@code read} (only what they tell of
     * processes with {@code threadsOnly}) and hands on those whose key is in {@code visited} (all
     * those read when null); after the batch, what the events passed over would have finished is.
     */
    private <P> Batch<P> readingOnly(TypeColumn types, KeySet read, boolean threadsOnly, KeySet visited,
            Visitor<P> visitor) {
        return (ctx, e, first, end, part) -> {
            int[] at = new int[BATCH];
            int[] keys = visited == null ? null : new int[BATCH];
            int n = types.find(first, end, read, at, keys);
            for (int k = 0; k < n; k++) {
                long i = first + at[k];
                ctx.advance(scap.read(i, e), threadsOnly);
                if (visited == null || visited.contains(keys[k])) {
                    long ts = e.ts();
                    visitor.event(ctx, e, ts >= from && ts < to, part);
                }
            }
            if (n == 0 || first + at[n - 1] != end - 1) {
                ctx.passOver();
            }
        };
    }

    /**
     * The times of the window's first and last events, whichever work reads them; both -1 when the
     * window holds no event.
     */
    long[] windowTimes() {
        long[] window = window();
        long lo = window[0];
        long hi = window[1];
        ScapEvent e = scap.newEvent();
        long first = -1;
        for (long i = lo; i < hi && first < 0; i++) {
            long ts = scap.read(i, e).ts();
            if (ts >= from && ts < to) {
                first = ts;
            }
        }
        long last = -1;
        for (long i = hi - 1; i >= lo && last < 0 && first >= 0; i--) {
            long ts = scap.read(i, e).ts();
            if (ts >= from && ts < to) {
                last = ts;
            }
        }
        return new long[] {first, last};
    }

    /**
     * As {@link #run}, for work that reads the events alone (no process or descriptor): each part
     * reads its events where they lie, with no state to reach or replay.
     */
    <P> List<P> runWithoutState(Visitor<P> visitor, Supplier<P> newPart) {
        return inParts(partStarts(false), false, ZoneId.systemDefault(), newPart, (ctx, e, first, end, part) -> {
            for (long i = first; i < end; i++) {
                ctx.at(scap.read(i, e));
                long ts = e.ts();
                visitor.event(ctx, e, ts >= from && ts < to, part);
            }
        }, (part, ctx) -> { });
    }

    /**
     * As {@link #run}, for work that reads processes but not descriptors, on a few event types:
     * each part applies only the events that change processes and threads, and hands on only the
     * events whose type key is in {@code candidate} (the others are not even read); process-info
     * records, which bring CPU times only, are passed over unless {@code cpuTimes}.
     */
    <P> List<P> runOnThreads(TypeColumn types, KeySet candidate,
            boolean cpuTimes, Visitor<P> visitor, Supplier<P> newPart) {
        return runOnThreads(ZoneId.systemDefault(), types, candidate, cpuTimes, visitor, newPart, (part, ctx) -> { });
    }

    /** As above; {@code finished} gets each part with its context after the part's last event. */
    <P> List<P> runOnThreads(ZoneId zone, TypeColumn types, KeySet candidate,
            boolean cpuTimes, Visitor<P> visitor, Supplier<P> newPart, BiConsumer<P, FieldContext> finished) {
        KeySet read = candidate.or(MachineState.threadKeys(cpuTimes));
        return inParts(partStarts(true), true, zone, newPart, readingOnly(types, read, true, candidate, visitor), finished);
    }

    /** What a part does with the events {@code [first, end)} of one batch. */
    @FunctionalInterface
    private interface Batch<P> {
        void run(FieldContext ctx, ScapEvent e, long first, long end, P part);
    }

    /**
     * Where each part starts, and after the last, where the last ends: the window's events split
     * evenly; work that replays state without checkpoints is one part from the capture's start.
     */
    private long[] partStarts(boolean replaysState) {
        long[] window = window();
        long lo = window[0];
        long hi = window[1];
        if (replaysState && history == null) {
            return new long[] {0, hi};
        }
        int n = (int) Math.max(1, Math.min(4L * Runtime.getRuntime().availableProcessors(), (hi - lo) / minPart));
        long[] starts = new long[n + 1];
        for (int p = 0; p <= n; p++) {
            starts[p] = lo + (hi - lo) * p / n;
        }
        return starts;
    }

    /** The first event of the window, and the event after its last. */
    private long[] window() {
        long count = scap.eventCount();
        long lo = from <= 0 ? 0 : scap.firstEventAtOrAfter(from);
        long hi = Math.max(lo, to == Long.MAX_VALUE ? count : scap.firstEventAtOrAfter(to));
        return new long[] {lo, hi};
    }

    /**
     * The runs of cells to replay, as {@code [first cell, end cell)} pairs: the neighbouring cells
     * not skipped, the longest cut in two while there are fewer runs than four per core.
     */
    private List<int[]> runs() {
        List<int[]> runs = new ArrayList<>();
        int n = skipped.length;
        for (int c = 0; c < n; c++) {
            if (skipped[c]) {
                continue;
            }
            int end = c;
            while (end < n && !skipped[end]) {
                end++;
            }
            runs.add(new int[] {c, end});
            c = end;
        }
        int wanted = 4 * Runtime.getRuntime().availableProcessors();
        while (runs.size() < wanted) {
            int longest = -1;
            for (int r = 0; r < runs.size(); r++) {
                int[] run = runs.get(r);
                if (run[1] - run[0] >= 2 && (longest < 0 || run[1] - run[0] > runs.get(longest)[1] - runs.get(longest)[0])) {
                    longest = r;
                }
            }
            if (longest < 0) {
                break;
            }
            int[] run = runs.get(longest);
            int middle = (run[0] + run[1]) / 2;
            runs.set(longest, new int[] {run[0], middle});
            runs.add(longest + 1, new int[] {middle, run[1]});
        }
        return runs;
    }

    /**
     * Runs the parts in parallel, each in batches (a call each, so that the compiler optimizes the
     * batch early as a whole rather than the long loop around it), checking for cancellation and
     * reporting progress between batches; returns the parts in file order.
     */
    private <P> List<P> inParts(long[] starts, boolean withState, ZoneId zone, Supplier<P> newPart, Batch<P> batch,
            BiConsumer<P, FieldContext> finished) {
        if (cellBounds != null && withState) {
            return inCells(zone, newPart, batch, finished);
        }
        int n = starts.length - 1;
        long total = starts[n] - starts[0];
        AtomicLong done = new AtomicLong();
        List<P> results = new ArrayList<>(n);
        for (int p = 0; p < n; p++) {
            results.add(newPart.get());
        }
        IntStream.range(0, n).parallel().forEach(p -> {
            FieldContext ctx = withState ? contextBefore(starts[p], zone) : new FieldContext(scap, zone);
            P part = results.get(p);
            inBatches(ctx, scap.newEvent(), starts[p], starts[p + 1], part, batch, done, total);
            finished.accept(part, ctx);
        });
        return results;
    }

    /** Runs {@code batch} over events {@code [first, end)}, checking for cancellation and reporting progress between batches. */
    private <P> void inBatches(FieldContext ctx, ScapEvent e, long first, long end, P part, Batch<P> batch,
            AtomicLong done, long total) {
        for (long i = first; i < end; i += BATCH) {
            long to = Math.min(end, i + BATCH);
            batch.run(ctx, e, i, to, part);
            if (cancelled != null && cancelled.getAsBoolean()) {
                throw new CancellationException(work + " was cancelled");
            }
            report(done.addAndGet(to - i), total);
        }
    }

    /**
     * Runs the cells not skipped, a run of neighbouring cells in one go and the runs in parallel;
     * returns a part per cell in file order, null for the cells skipped.
     */
    private <P> List<P> inCells(ZoneId zone, Supplier<P> newPart, Batch<P> batch, BiConsumer<P, FieldContext> finished) {
        int n = skipped.length;
        long total = 0;
        List<P> results = new ArrayList<>(n);
        for (int c = 0; c < n; c++) {
            results.add(skipped[c] ? null : newPart.get());
            total += skipped[c] ? 0 : cellBounds[c + 1] - cellBounds[c];
        }
        long all = total;
        AtomicLong done = new AtomicLong();
        List<int[]> runs = runs();
        IntStream.range(0, runs.size()).parallel().forEach(r -> {
            int[] run = runs.get(r);
            FieldContext ctx = contextBefore(cellBounds[run[0]], zone);
            ScapEvent e = scap.newEvent();
            for (int c = run[0]; c < run[1]; c++) {
                P part = results.get(c);
                inBatches(ctx, e, cellBounds[c], cellBounds[c + 1], part, batch, done, all);
                finished.accept(part, ctx);
            }
        });
        return results;
    }

    private void report(long done, long total) {
        if (progress != null) {
            synchronized (this) {
                progress.update(done, total);
            }
        }
    }

    /** A context holding the state just before event {@code index}. */
    private FieldContext contextBefore(long index, ZoneId zone) {
        FieldContext ctx = new FieldContext(scap, zone);
        if (index == 0 || history == null) {
            return ctx;
        }
        try {
            ctx.resumeBefore(history, index);
            return ctx;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
