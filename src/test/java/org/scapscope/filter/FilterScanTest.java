package org.scapscope.filter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.scapscope.RealCaptures;
import org.scapscope.scap.OpenOptions;
import org.scapscope.scap.ScapEvent;
import org.scapscope.scap.ScapFile;
import org.scapscope.scap.TypeColumn;

class FilterScanTest {
    @TempDir
    Path cache;

    @Test
    void timeBoundsComeFromTheConditionsEveryMatchMeets() throws FilterException {
        assertEquals(100, FilterCompiler.compile("evt.rawtime >= 100").earliest());
        assertEquals(101, FilterCompiler.compile("evt.rawtime > 100 and evt.type = open").earliest());
        assertEquals(200, FilterCompiler.compile("evt.rawtime > 100 and (evt.rawtime >= 200 and fd.num > 2)").earliest());
        assertEquals(0, FilterCompiler.compile("evt.rawtime > 100 or evt.type = open").earliest());
        assertEquals(0, FilterCompiler.compile("not evt.rawtime > 100").earliest());
        assertEquals(0, FilterCompiler.compile("evt.rawtime < 100").earliest());
    }

    @Test
    void aTimeBoundSkipsOnlyEventsBeforeIt() throws Exception {
        try (ScapFile scap = ScapFile.open(RealCaptures.named("502Error.scap"), OpenOptions.defaults().cacheDir(cache))) {
            ScapEvent e = scap.newEvent();
            for (long at : new long[] {0, 1, scap.eventCount() / 3, scap.eventCount() / 2, scap.eventCount() - 1}) {
                long t = scap.read(at, e).ts();
                long expected = 0;
                for (long i = 0; i < scap.eventCount(); i++) {
                    scap.read(i, e);
                    if (!ScapFile.isHidden(e) && Long.compareUnsigned(e.ts(), t) >= 0 && !e.isEnter()) {
                        expected++;
                    }
                }
                Filter f = FilterCompiler.compile("evt.rawtime >= " + Long.toUnsignedString(t) + " and evt.dir = <");
                assertEquals(expected, FilterScan.count(scap, f, false, null), "from " + t);
            }
        }
    }

    @Test
    void theTypeColumnHoldsEveryEventsTypeAndIsReusedFromTheCache() throws Exception {
        Path capture = RealCaptures.named("sample.scap");
        try (ScapFile scap = ScapFile.open(capture, OpenOptions.defaults().cacheDir(cache))) {
            TypeColumn column = TypeColumn.of(scap);
            assertEquals(scap.eventCount(), column.size());
            ScapEvent e = scap.newEvent();
            for (long i = 0; i < scap.eventCount(); i++) {
                assertEquals(TypeColumn.keyOf(scap.read(i, e)), column.key(i));
            }
            long stamp = java.nio.file.Files.getLastModifiedTime(scap.cacheFile("types")).toMillis();
            TypeColumn again = TypeColumn.of(scap);
            assertEquals(column.size(), again.size());
            assertEquals(stamp, java.nio.file.Files.getLastModifiedTime(scap.cacheFile("types")).toMillis());
            assertTrue(java.nio.file.Files.size(scap.cacheFile("types")) >= 2 * scap.eventCount());
        }
    }
}
