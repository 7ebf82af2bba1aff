package org.scapscope.view;

import java.util.Arrays;
import java.util.stream.IntStream;
import org.scapscope.filter.Filter;

/**
 * Of several filters tried one after another on each event (the overview's tiles, Falco's rules),
 * those that may match an event of a type, in their order: the others need not be tried.
 */
final class FiltersByType {
    /** Event types sorted in advance (the schema's are fewer). */
    private static final int TYPES = 1024;

    private final int[][] byType = new int[TYPES][];
    /** Every filter, for event types past those of the table. */
    private final int[] every;

    /** For {@code filters}, a null one matching events of every type. */
    FiltersByType(Filter[] filters) {
        int n = filters.length;
        every = IntStream.range(0, n).toArray();
        for (int type = 0; type < TYPES; type++) {
            int[] k = new int[n];
            int m = 0;
            for (int i = 0; i < n; i++) {
                if (filters[i] == null || filters[i].mayMatchType(type)) {
                    k[m++] = i;
                }
            }
            byType[type] = Arrays.copyOf(k, m);
        }
    }

    /** The indexes of the filters that may match an event of {@code type}, in order. */
    int[] of(int type) {
        return type >= 0 && type < TYPES ? byType[type] : every;
    }
}
