package org.scapscope.view;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Locale;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.scapscope.RealCaptures;
import org.scapscope.scap.OpenOptions;
import org.scapscope.scap.ScapFile;

/** A search through the event list finds the row a look at each decoded row finds, in one replay. */
class EventListSearchTest {
    @TempDir
    Path cache;

    private static Predicate<String[]> holding(String text) {
        String needle = text.toLowerCase(Locale.ROOT);
        return cells -> {
            for (String cell : cells) {
                if (cell.toLowerCase(Locale.ROOT).contains(needle)) {
                    return true;
                }
            }
            return false;
        };
    }

    /** The first row of {@code [from, to)} that {@code test} accepts, row by row through the decoded pages. */
    private static int oneByOne(EventList list, int from, int to, Predicate<String[]> test) throws Exception {
        for (int r = from; r < to; r++) {
            if (test.test(list.row(r))) {
                return r;
            }
        }
        return -1;
    }

    /**
     * A search from a row to the end and around from the top, in small stretches searched in
     * parallel, finds the row a look at each row in that order finds, and says how far it got.
     */
    @Test
    void aSearchAroundTheListFindsTheFirstRowInTheOrderSearched() throws Exception {
        try (ScapFile scap = ScapFile.open(RealCaptures.named("502Error.scap"), OpenOptions.defaults().cacheDir(cache))) {
            EventList list = EventList.of(scap, null, null);
            int n = list.size();
            String[] texts = {"haproxy", "502 Bad Gateway", "ENOENT", "00:44:37.3", "13969", "no such text anywhere"};
            int[] starts = {0, 1, n / 2, n - 1, n};
            int wrapped = 0;
            for (String text : texts) {
                for (int start : starts) {
                    int expected = -1;
                    for (int k = 0; k < n && expected < 0; k++) {
                        int r = (start + k) % n;
                        expected = holding(text).test(list.row(r)) ? r : -1;
                    }
                    double[] reached = {0};
                    int got = list.firstRowFrom(start, holding(text), null, f -> {
                        synchronized (reached) {
                            reached[0] = Math.max(reached[0], f);
                        }
                    }, 97);
                    assertEquals(expected, got, "\"" + text + "\" from row " + start);
                    wrapped += expected >= 0 && expected < start % n ? 1 : 0;
                    if (expected < 0) {
                        assertEquals(1.0, reached[0], 1e-9, "a search that finds nothing went through the list");
                    }
                }
            }
            assertTrue(wrapped > 0, "some text is found only around from the top");
            // a cancelled search says so
            org.junit.jupiter.api.Assertions.assertThrows(java.io.InterruptedIOException.class,
                    () -> list.firstRowFrom(0, cells -> false, () -> true, null, 97));
        }
    }

    @Test
    void findsTheFirstRowOfAStretchThatHoldsATextAsTheDecodedRowsShow() throws Exception {
        try (ScapFile scap = ScapFile.open(RealCaptures.named("502Error.scap"), OpenOptions.defaults().cacheDir(cache))) {
            EventList list = EventList.of(scap, null, null);
            int n = list.size();
            // a search keeps no page of what it read: the table's pages stay those it asked for
            assertEquals(-1, list.firstRowWhere(0, n, cells -> false, null));
            assertEquals(null, list.rowIfDecoded(n - 1));
            // texts of every column: a process, a type, a direction, an address, an error, a time, a number
            String[] texts = {"haproxy", "recvfrom", "502 Bad Gateway", "ENOENT", "192.168.0.3:8", "00:44:37.3",
                "13969", "no such text anywhere"};
            // stretches that start and end inside pages, cross checkpoints, or hold one row
            int[][] stretches = {{0, n}, {1, n}, {n / 3 + 5, 2 * n / 3 + 7}, {n - 1, n}, {4_000, 4_001}, {5, 5}};
            int found = 0;
            for (String text : texts) {
                for (int[] s : stretches) {
                    int expected = oneByOne(list, s[0], s[1], holding(text));
                    assertEquals(expected, list.firstRowWhere(s[0], s[1], holding(text), null),
                            "\"" + text + "\" in rows [" + s[0] + ", " + s[1] + ")");
                    found += expected >= 0 ? 1 : 0;
                }
            }
            assertTrue(found > 10, found + " texts found");
        }
    }
}
