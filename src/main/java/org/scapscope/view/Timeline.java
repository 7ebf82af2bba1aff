package org.scapscope.view;

import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.function.BooleanSupplier;
import org.scapscope.scap.ScapEvent;
import org.scapscope.scap.ScapFile;

/**
 * Events per interval across a whole capture, for the timeline a time range is chosen on: the
 * events sysdig shows, counted from their times alone, in parallel.
 *
 * @param start the time of the first bucket, ns since the epoch
 * @param width the width of each bucket, ns
 * @param counts the events in each bucket
 */
public record Timeline(long start, long width, long[] counts) {

    /** The capture's events in {@code buckets} equal intervals from its first event to its last. */
    public static Timeline of(ScapFile scap, int buckets, BooleanSupplier cancelled) {
        int n = Math.max(1, buckets);
        long start = Math.max(0, scap.firstTs());
        long end = Math.max(start, scap.lastTs());
        long width = Math.max(1, (end - start) / n + 1);
        Replay replay = new Replay(scap, null, 0, Long.MAX_VALUE, null, cancelled, "the timeline");
        List<long[]> parts = replay.runWithoutState((ctx, e, inWindow, counts) -> {
            if (!ScapFile.isHidden(e)) {
                counts[(int) Math.min(n - 1, Math.max(0, (e.ts() - start) / width))]++;
            }
        }, () -> new long[n]);
        long[] counts = new long[n];
        for (long[] p : parts) {
            for (int i = 0; i < n; i++) {
                counts[i] += p[i];
            }
        }
        return new Timeline(start, width, counts);
    }

    /**
     * The events of a selection (a filter's events, say) in the intervals of {@code like}: where in
     * the capture they lie.
     */
    public static Timeline of(ScapFile scap, EventList selection, Timeline like, BooleanSupplier cancelled) {
        int n = like.counts().length;
        long[] counts = new long[n];
        ScapEvent e = scap.newEvent();
        for (int row = 0; row < selection.size(); row++) {
            if ((row & 0xFFFF) == 0 && cancelled != null && cancelled.getAsBoolean()) {
                throw new CancellationException("counting the selected events over time was cancelled");
            }
            counts[like.bucketOf(scap.read(selection.eventIndex(row), e).ts())]++;
        }
        return new Timeline(like.start(), like.width(), counts);
    }

    /** The bucket a time falls in; those before the first or after the last go to it. */
    public int bucketOf(long ts) {
        return (int) Math.min(counts.length - 1, Math.max(0, (ts - start) / width));
    }

    /** The start of bucket {@code i}. */
    public long bucketStart(int i) {
        return start + i * width;
    }
}
