package org.scapscope.view;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.scapscope.RealCaptures;
import org.scapscope.filter.Filter;
import org.scapscope.filter.FilterCompiler;
import org.scapscope.filter.FilterScan;
import org.scapscope.scap.OpenOptions;
import org.scapscope.scap.ScapFile;

class EventListColorsTest {
    @TempDir
    Path cache;

    /**
     * A row takes the first colouring rule whose filter selects its event, in the capture's list and
     * in a list selected from it; rules set again colour the rows decoded before anew.
     */
    @Test
    void aRowTakesTheFirstRuleThatSelectsItsEvent() throws Exception {
        try (ScapFile scap = ScapFile.open(RealCaptures.named("502Error.scap"), OpenOptions.defaults().cacheDir(cache))) {
            EventList all = EventList.of(scap, null, null);
            Filter connects = FilterCompiler.compile("evt.type = connect");
            Filter curl = FilterCompiler.compile("proc.name = curl");
            all.colorRules().set(List.of(connects, curl));
            EventList narrowed = all.select(FilterCompiler.compile("proc.name in (curl, haproxy)"), 0, Long.MAX_VALUE,
                    null, null);
            for (EventList l : List.of(all, narrowed)) {
                long[] seen = new long[3];
                for (int r = 0; r < l.size(); r++) {
                    l.row(r);
                    int c = l.colorIfDecoded(r);
                    seen[c + 1]++;
                }
                long connect = count(scap, l, "evt.type = connect");
                assertEquals(connect, seen[1]);
                assertEquals(count(scap, l, "proc.name = curl and evt.type != connect"), seen[2]);
                assertTrue(seen[1] > 0 && seen[2] > 0);
            }
            // the rules again, the other way round: rows decoded before are coloured anew
            all.colorRules().set(List.of(curl));
            long curls = 0;
            for (int r = 0; r < all.size(); r++) {
                all.row(r);
                curls += all.colorIfDecoded(r) == 0 ? 1 : 0;
            }
            assertEquals(count(scap, all, "proc.name = curl"), curls);
        }
    }

    /** How many events of the list {@code l} the filter selects. */
    private static long count(ScapFile scap, EventList l, String filter) throws Exception {
        java.util.Set<Long> in = new java.util.HashSet<>();
        for (int r = 0; r < l.size(); r++) {
            in.add(l.eventIndex(r));
        }
        long[] n = {0};
        FilterScan.forEach(scap, FilterCompiler.compile(filter), false, (i, ctx) -> {
            if (in.contains(i)) {
                n[0]++;
            }
        });
        return n[0];
    }
}
