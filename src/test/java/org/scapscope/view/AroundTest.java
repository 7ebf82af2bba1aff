package org.scapscope.view;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.scapscope.RealCaptures;
import org.scapscope.filter.Filter;
import org.scapscope.filter.FilterCompiler;
import org.scapscope.filter.FilterScan;
import org.scapscope.scap.OpenOptions;
import org.scapscope.scap.ScapEvent;
import org.scapscope.scap.ScapFile;

class AroundTest {
    @TempDir
    Path cache;

    /**
     * The events around the matches are exactly those of a match's thread within the time either
     * side of it, counted the long way over every event; none when nothing matches.
     */
    @Test
    void theEventsAroundAreThoseOfTheMatchesThreadsWithinTheTime() throws Exception {
        try (ScapFile scap = ScapFile.open(RealCaptures.named("502Error.scap"), OpenOptions.defaults().cacheDir(cache))) {
            Filter matches = FilterCompiler.compile("proc.name = curl and evt.type = connect");
            long range = 2_000_000; // 2 ms
            List<long[]> hits = new ArrayList<>();
            FilterScan.forEach(scap, matches, false, (i, ctx) -> hits.add(new long[] {ctx.event().tid(), ctx.event().ts()}));
            assertTrue(hits.size() > 10);
            long expected = 0;
            ScapEvent e = scap.newEvent();
            for (long i = 0; i < scap.eventCount(); i++) {
                scap.read(i, e);
                if (ScapFile.isHidden(e)) {
                    continue;
                }
                for (long[] h : hits) {
                    if (h[0] == e.tid() && Math.abs(e.ts() - h[1]) <= range) {
                        expected++;
                        break;
                    }
                }
            }
            Filter around = Around.filter(scap, matches, range);
            assertEquals(expected, FilterScan.count(scap, around, false, null));
            assertTrue(expected > hits.size(), "more than the matches themselves");
            assertNull(Around.filter(scap, FilterCompiler.compile("proc.name = no-such-process"), range));
            // a range as long as time itself: every event of the matches' threads, no span wrapping past the end
            java.util.Set<Long> threads = new java.util.HashSet<>();
            hits.forEach(h -> threads.add(h[0]));
            Filter ofThreads = FilterCompiler.compile("thread.tid in (" + threads.stream().map(String::valueOf)
                    .collect(java.util.stream.Collectors.joining(", ")) + ")");
            assertEquals(FilterScan.count(scap, ofThreads, false, null),
                    FilterScan.count(scap, Around.filter(scap, matches, Long.MAX_VALUE), false, null));
        }
    }
}
