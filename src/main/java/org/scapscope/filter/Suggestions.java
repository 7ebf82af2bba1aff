package org.scapscope.filter;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import org.scapscope.field.FieldInfo;
import org.scapscope.field.FieldRegistry;

/** "Did you mean" for misspelled field and macro names. */
public final class Suggestions {
    private static volatile List<String> fieldNames;

    private Suggestions() {
    }

    /** The field name closest to {@code name}, or null when none is close. */
    static String closestField(String name) {
        List<String> names = fieldNames;
        if (names == null) {
            names = new ArrayList<>();
            for (FieldInfo f : FieldRegistry.get().fields()) {
                names.add(f.name());
            }
            fieldNames = names;
        }
        return closest(name, names);
    }

    /**
     * The candidate closest to {@code name} by edit distance, if it is within a third of the name's
     * length (at least 1, at most 3 edits); ties go to the earlier candidate.
     */
    public static String closest(String name, Collection<String> candidates) {
        int limit = Math.max(1, Math.min(3, name.length() / 3));
        String best = null;
        int bestDistance = limit + 1;
        for (String c : candidates) {
            if (Math.abs(c.length() - name.length()) > limit) {
                continue;
            }
            int d = distance(name, c, bestDistance);
            if (d < bestDistance) {
                best = c;
                bestDistance = d;
            }
        }
        return best;
    }

    /** Damerau-Levenshtein distance (adjacent swaps count once), or {@code cap} when it is at least that. */
    static int distance(String a, String b, int cap) {
        int n = a.length();
        int m = b.length();
        int[] prev2 = new int[m + 1];
        int[] prev = new int[m + 1];
        int[] cur = new int[m + 1];
        for (int j = 0; j <= m; j++) {
            prev[j] = j;
        }
        for (int i = 1; i <= n; i++) {
            cur[0] = i;
            int rowMin = cur[0];
            for (int j = 1; j <= m; j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                int v = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
                if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
                    v = Math.min(v, prev2[j - 2] + 1);
                }
                cur[j] = v;
                rowMin = Math.min(rowMin, v);
            }
            if (rowMin >= cap) {
                return cap;
            }
            int[] t = prev2;
            prev2 = prev;
            prev = cur;
            cur = t;
        }
        return Math.min(prev[m], cap);
    }
}
