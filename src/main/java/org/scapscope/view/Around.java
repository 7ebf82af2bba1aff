package org.scapscope.view;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.scapscope.filter.Filter;
import org.scapscope.filter.FilterScan;
import org.scapscope.scap.ScapFile;

/**
 * What happened around the events a filter selects, as sysdig's {@code around} chisel keeps it:
 * the events of the same thread within a time either side of each.
 */
public final class Around {
    private Around() {
    }

    /**
     * A filter selecting the events of each thread within {@code range} ns before or after an event
     * of that thread that {@code matches} selects (sysdig hides none of them for it; the internal
     * ones are left out); null when it selects none.
     */
    public static Filter filter(ScapFile scap, Filter matches, long range) throws Exception {
        Map<Long, List<long[]>> byThread = new HashMap<>();
        FilterScan.forEach(scap, matches, false, (i, ctx) -> {
            long ts = ctx.event().ts();
            byThread.computeIfAbsent(ctx.event().tid(), k -> new ArrayList<>())
                    .add(new long[] {Math.max(0, ts - range), ts > Long.MAX_VALUE - range ? Long.MAX_VALUE : ts + range});
        });
        if (byThread.isEmpty()) {
            return null;
        }
        Map<Long, long[][]> merged = new HashMap<>();
        byThread.forEach((tid, spans) -> merged.put(tid, merge(spans)));
        return Filter.ofEvents("the events of each thread within " + range + " ns of one that " + matches.source()
                + " selects", c -> inside(merged.get(c.event().tid()), c.event().ts()));
    }

    /** The spans joined where they overlap, in order: starts in [0], ends in [1]. */
    private static long[][] merge(List<long[]> spans) {
        spans.sort((a, b) -> Long.compare(a[0], b[0]));
        List<long[]> out = new ArrayList<>();
        for (long[] s : spans) {
            long[] last = out.isEmpty() ? null : out.get(out.size() - 1);
            if (last != null && s[0] <= last[1]) {
                last[1] = Math.max(last[1], s[1]);
            } else {
                out.add(s.clone());
            }
        }
        long[][] bounds = new long[2][out.size()];
        for (int i = 0; i < out.size(); i++) {
            bounds[0][i] = out.get(i)[0];
            bounds[1][i] = out.get(i)[1];
        }
        return bounds;
    }

    /** Whether {@code ts} lies in one of the spans (both ends included). */
    private static boolean inside(long[][] spans, long ts) {
        if (spans == null) {
            return false;
        }
        int k = java.util.Arrays.binarySearch(spans[0], ts);
        int at = k >= 0 ? k : -k - 2;
        return at >= 0 && ts <= spans[1][at];
    }
}
