package org.scapscope.view;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.scapscope.RealCaptures;
import org.scapscope.field.FieldContext;
import org.scapscope.filter.Filter;
import org.scapscope.filter.FilterCompiler;
import org.scapscope.scap.OpenOptions;
import org.scapscope.scap.ScapEvent;
import org.scapscope.scap.ScapFile;

/** The event list, the I/O streams and the timeline of a window, read in parallel, equal one pass over the capture. */
class WindowedSelectionsTest {
    @TempDir
    static Path cache;

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "502Error.scap|proc.name=nginx",
        "502Error.scap|proc.name=curl and evt.type=connect",
        "502Error.scap|evt.type in (execve, clone, procexit) and proc.name != haproxy",
        "open-multiple-files.scap|evt.type=openat and container.id != host",
        "502Error.scap|evt.type=read and fd.type=ipv4",
        "502Error.scap|evt.buffer contains HTTP",
        "502Error.scap|",
        "sample.scap|fd.name contains /etc",
        "open-multiple-files.scap|container.id != host"})
    void eventListOfAWindowEqualsOnePass(String capture, String expression) throws Exception {
        try (ScapFile scap = ScapFile.open(RealCaptures.named(capture), OpenOptions.defaults().cacheDir(cache))) {
            EventList all = EventList.of(scap, null, null);
            Filter f = expression == null ? null : FilterCompiler.compile(expression);
            long first = scap.firstTs();
            long from = first + (scap.lastTs() - first) / 4;
            long to = first + (scap.lastTs() - first) * 3 / 4;
            for (long[] w : new long[][] {{0, Long.MAX_VALUE}, {from, to}}) {
                EventList selected = all.select(f, w[0], w[1], null, null);
                List<Long> expected = new ArrayList<>();
                FieldContext ctx = new FieldContext(scap);
                ScapEvent e = scap.newEvent();
                for (long i = 0; i < scap.eventCount(); i++) {
                    ctx.advance(scap.read(i, e));
                    if (!ScapFile.isHidden(e) && e.ts() >= w[0] && e.ts() < w[1] && (f == null || f.test(ctx))) {
                        expected.add(i);
                    }
                }
                List<Long> actual = new ArrayList<>();
                for (int r = 0; r < selected.size(); r++) {
                    actual.add(selected.eventIndex(r));
                }
                assertEquals(expected, actual, capture + " " + expression + " " + Arrays.toString(w));
                assertTrue(w[0] == 0 || expected.size() < all.size());
            }
        }
    }

    @org.junit.jupiter.api.Test
    void ioStreamsCutInManyPartsKeepTheFirstChunksOnly() throws Exception {
        try (ScapFile scap = ScapFile.open(RealCaptures.named("502Error.scap"), OpenOptions.defaults().cacheDir(cache))) {
            EventList all = EventList.of(scap, null, null);
            List<IoChunk> expected = IoStreams.all(scap, null);
            assertTrue(expected.size() > 300, expected.size() + " chunks");
            // parts of 500 events: the parts after those that hold the limit stop keeping chunks
            for (int limit : new int[] {1, 64, 200, expected.size() - 1, expected.size()}) {
                IoStreams.Collected got = IoStreams.collect(scap, all.history(), null, 0, Long.MAX_VALUE, limit, null, null,
                        500);
                assertEquals(limit < expected.size(), got.cut(), "limit " + limit);
                assertEquals(limit, got.chunks().size());
                for (int i = 0; i < limit; i++) {
                    assertEquals(expected.get(i).eventNumber(), got.chunks().get(i).eventNumber());
                }
            }
        }
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {"502Error.scap|", "502Error.scap|fd.type=ipv4", "cat_write.scap|"})
    void ioStreamsOfAWindowEqualOnePass(String capture, String expression) throws Exception {
        try (ScapFile scap = ScapFile.open(RealCaptures.named(capture), OpenOptions.defaults().cacheDir(cache))) {
            Filter f = expression == null ? null : FilterCompiler.compile(expression);
            EventList all = EventList.of(scap, null, null);
            List<IoChunk> expected = IoStreams.all(scap, f);
            assertFalse(expected.isEmpty());
            IoStreams.Collected got = IoStreams.collect(scap, all.history(), f, 0, Long.MAX_VALUE, 1_000_000, null, null);
            assertFalse(got.cut());
            assertEquals(expected.size(), got.chunks().size());
            for (int i = 0; i < expected.size(); i++) {
                IoChunk a = expected.get(i);
                IoChunk b = got.chunks().get(i);
                assertEquals(a.eventNumber(), b.eventNumber());
                assertEquals(a.fdName(), b.fdName());
                assertEquals(a.process(), b.process());
                assertTrue(Arrays.equals(a.data(), b.data()));
            }
            IoStreams.Collected few = IoStreams.collect(scap, all.history(), f, 0, Long.MAX_VALUE, 3, null, null);
            assertEquals(expected.size() > 3, few.cut());
            assertEquals(Math.min(3, expected.size()), few.chunks().size());
            assertEquals(expected.get(0).eventNumber(), few.chunks().get(0).eventNumber());
        }
    }

    @ParameterizedTest
    @CsvSource({"502Error.scap", "sample.scap", "empty.scap"})
    void timelineCountsEveryEventShown(String capture) throws Exception {
        try (ScapFile scap = ScapFile.open(RealCaptures.named(capture), OpenOptions.defaults().cacheDir(cache))) {
            Timeline t = Timeline.of(scap, 120, null);
            assertEquals(120, t.counts().length);
            assertEquals(scap.visibleEventCount(), Arrays.stream(t.counts()).sum());
            assertTrue(t.bucketStart(120) > scap.lastTs(), "the buckets cover the capture");
        }
    }
}
