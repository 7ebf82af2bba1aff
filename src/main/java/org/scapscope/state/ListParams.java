package org.scapscope.state;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.scapscope.scap.ScapEvent;

/**
 * Decodes NUL-separated list arguments (argv, environment, cgroups), remembering the lists seen
 * lately in a small table by content: the processes of a busy machine repeat a few lists, and the
 * same immutable list is then shared instead of decoded again.
 */
final class ListParams {
    private static final int SLOTS = 64;
    private byte[] scratch = new byte[512];
    private final byte[][] bytes = new byte[SLOTS][];
    private final List<?>[] lists = new List<?>[SLOTS];

    /** The list in argument {@code i}, empty when the event lacks it. */
    List<String> get(ScapEvent e, int i) {
        if (i >= e.paramCount()) {
            return List.of();
        }
        int len = e.paramLength(i);
        if (scratch.length < len) {
            scratch = new byte[Math.max(len, scratch.length * 2)];
        }
        int n = e.copyParam(i, scratch, len);
        int h = 1;
        for (int k = 0; k < n; k++) {
            h = 31 * h + scratch[k];
        }
        int slot = (h ^ (h >>> 16)) & (SLOTS - 1);
        byte[] seen = bytes[slot];
        if (seen != null && seen.length == n && Arrays.equals(scratch, 0, n, seen, 0, n)) {
            @SuppressWarnings("unchecked")
            List<String> known = (List<String>) lists[slot];
            return known;
        }
        List<String> list = split(scratch, n);
        bytes[slot] = Arrays.copyOf(scratch, n);
        lists[slot] = list;
        return list;
    }

    /** The NUL-separated strings in {@code b[0, n)}. */
    static List<String> split(byte[] b, int n) {
        List<String> out = new ArrayList<>();
        int start = 0;
        while (start < n) {
            int end = start;
            while (end < n && b[end] != 0) {
                end++;
            }
            out.add(new String(b, start, end - start, StandardCharsets.UTF_8));
            start = end + 1;
        }
        return List.copyOf(out);
    }
}
