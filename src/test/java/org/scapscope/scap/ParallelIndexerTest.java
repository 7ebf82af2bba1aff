package org.scapscope.scap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.scapscope.scap.TestCaptures.OPEN_E;
import static org.scapscope.scap.TestCaptures.OPEN_X;
import static org.scapscope.scap.TestCaptures.READ_X;
import static org.scapscope.scap.TestCaptures.T0;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Indexing in parallel byte ranges gives exactly what one pass gives. */
class ParallelIndexerTest {
    @TempDir
    Path tmp;

    private List<String> describe(Path capture, OpenOptions options) throws Exception {
        List<String> lines = new ArrayList<>();
        try (ScapFile f = ScapFile.open(capture, options)) {
            lines.add("events " + f.eventCount() + " visible " + f.visibleEventCount() + " records "
                    + f.stateRecordCount());
            lines.add("sections " + f.sections());
            lines.add("blocks " + f.metadataBlocks());
            lines.add("warnings " + f.warnings());
            lines.add("counts " + f.info().blockCounts());
            ScapEvent e = f.newEvent();
            // the indexing pass writes the column of type keys beside the index
            assertTrue(Files.exists(f.cacheFile("types")), "no type column after indexing");
            TypeColumn keys = TypeColumn.of(f);
            for (long i = 0; i < f.eventCount(); i++) {
                f.read(i, e);
                assertEquals(TypeColumn.keyOf(e), keys.key(i), "type key of event " + i);
                lines.add(i + " " + e.blockOffset() + " " + e.ts() + " " + e.type() + " " + e.paramCount() + " "
                        + keys.key(i));
            }
            for (int r = 0; r < f.stateRecordCount(); r++) {
                f.readStateRecord(r, e);
                lines.add("record " + e.index() + " " + e.blockOffset());
            }
            for (long t = T0; t < T0 + 40_000; t += 997) {
                lines.add("at " + t + " " + f.firstEventAtOrAfter(t));
            }
        }
        return lines;
    }

    private OpenOptions single(String cache) {
        return OpenOptions.defaults().cacheDir(tmp.resolve(cache)).parallelIndexing(1, Long.MAX_VALUE);
    }

    private OpenOptions parallel(String cache, int threads) {
        return OpenOptions.defaults().cacheDir(tmp.resolve(cache)).parallelIndexing(threads, 1);
    }

    /** Several sections in both byte orders, old and new layouts, records, metadata between events. */
    private static void mixed(ScapWriter w, Random rnd) throws IOException {
        long ts = T0;
        for (int s = 0; s < 3; s++) {
            w.sectionHeader(s == 1 ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN, 1, 2)
                    .machineInfo(TestCaptures.machine())
                    .processList(9, List.of(TestCaptures.thread(100 + s, 100, "p" + s)))
                    .event(0, ts, -1, EventTypes.USER_ADDED_E, 0L, 0L, "root", "/root", "/bin/sh", "");
            for (int i = 0; i < 3000; i++) {
                ts += 1 + rnd.nextInt(20);
                byte[] data = new byte[rnd.nextInt(300)];
                rnd.nextBytes(data);
                switch (rnd.nextInt(5)) {
                    case 4: w.event(0, ts, 100, rnd.nextBoolean() ? EventTypes.GENERIC_E : EventTypes.GENERIC_X,
                            (long) rnd.nextInt(400), (long) rnd.nextInt(400)); break;
                    case 0: w.event(1, ts, 100, READ_X, (long) data.length, data, 3L, (long) data.length); break;
                    case 1: w.event(BlockType.EV, 0, 2, ts, 100, READ_X, 2L, data); break;
                    case 2: w.event(0, ts, 100, OPEN_X, 3L, "/etc/f" + i, 1L, 0L, 0L, 9L); break;
                    default: w.event(BlockType.EVF_V2, 0, 3, ts, 100, OPEN_E, "/x", 0L, 0L); break;
                }
            }
        }
    }

    @Test
    void parallelRangesEqualOnePass() throws Exception {
        Path p = TestCaptures.file(tmp, "mixed.scap", w -> mixed(w, new Random(42)));
        List<String> expected = describe(p, single("one"));
        for (int threads = 2; threads <= 5; threads++) {
            assertEquals(expected, describe(p, parallel("par" + threads, threads)), threads + " ranges");
        }
    }

    @Test
    void aChainOfFakeBlocksInsideAnEventFallsBackToOnePass() throws Exception {
        // An event whose data is itself a run of well-formed blocks: resynchronising inside it is fooled.
        ByteArrayOutputStream fake = new ByteArrayOutputStream();
        try (ScapWriter inner = new ScapWriter(fake)) {
            for (int i = 0; i < 400; i++) {
                inner.event(0, T0, 7, OPEN_E, "/fake", 0L, 0L);
            }
        }
        byte[] payload = fake.toByteArray();
        Path p = TestCaptures.file(tmp, "fooled.scap", w -> {
            w.sectionHeader(ByteOrder.LITTLE_ENDIAN, 1, 2);
            for (int i = 0; i < 4; i++) {
                w.event(BlockType.EV_V2_LARGE, 0, 0, T0 + i, 1, EventTypes.ASYNCEVENT_E, 0L, "xyz", payload);
            }
            w.event(0, T0 + 10, 1, OPEN_E, "/real", 0L, 0L);
        });
        List<String> expected = describe(p, single("one"));
        assertEquals("events 5 visible 1 records 0", expected.get(0));
        for (int threads = 2; threads <= 6; threads++) {
            assertEquals(expected, describe(p, parallel("par" + threads, threads)), threads + " ranges");
        }
    }

    @Test
    void aCorruptBlockInALaterRangeEndsTheCaptureThereAsInOnePass() throws Exception {
        byte[] bytes = TestCaptures.bytes(w -> mixed(w, new Random(7)));
        // Break a block header two thirds of the way in.
        Path clean = tmp.resolve("clean.scap");
        Files.write(clean, bytes);
        long target;
        try (ScapFile f = ScapFile.open(clean, single("probe"))) {
            target = f.read(f.eventCount() * 2 / 3, f.newEvent()).blockOffset();
        }
        bytes[(int) target + 4] ^= 0x40;
        Path p = tmp.resolve("broken.scap");
        Files.write(p, bytes);
        List<String> expected = describe(p, single("one"));
        for (int threads = 2; threads <= 4; threads++) {
            assertEquals(expected, describe(p, parallel("par" + threads, threads)), threads + " ranges");
        }
    }
}
