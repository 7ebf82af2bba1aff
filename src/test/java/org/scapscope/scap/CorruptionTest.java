package org.scapscope.scap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.scapscope.RealCaptures;
import org.scapscope.field.FieldContext;
import org.scapscope.field.OutputFormat;

/**
 * Damaged captures: truncated at every block boundary and at random offsets, with random bytes
 * flipped. Each gives clean events plus a warning, or an error naming the offset; never a hang, an
 * out-of-memory or another exception. Seeded, so a failure reproduces.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class CorruptionTest {
    private static final long SEED = 20261126L;

    @TempDir
    Path tmp;
    private int opened;

    private static final String FORMAT = "*%evt.num %evt.rawtime %evt.cpu %evt.dir %evt.type %thread.tid %evt.res "
            + "%evt.rawres %evt.failed %evt.latency %evt.buflen %evt.reltime %evt.datetime";

    /** Opens and reads everything in a damaged capture; returns its event count, or -1 if it was rejected. */
    private long exercise(byte[] bytes, String what) throws Exception {
        Path p = tmp.resolve("damaged-" + (opened++) + ".scap");
        Files.write(p, bytes);
        try (ScapFile f = ScapFile.open(p, OpenOptions.defaults().cacheDir(tmp.resolve("cache")))) {
            FieldContext ctx = new FieldContext(f);
            OutputFormat format = OutputFormat.parse(FORMAT);
            ScapEvent e = f.newEvent();
            for (long i = 0; i < f.eventCount(); i++) {
                f.read(i, e);
                ctx.advance(e);
                format.render(ctx);
                for (int k = 0; k < e.paramCount(); k++) {
                    e.paramAsLong(k);
                    e.paramBytes(k);
                    ParamInfo info = e.paramInfo(k);
                    if (info != null && info.type().isString()) {
                        e.paramAsString(k);
                    } else if (info != null && info.type() == ParamType.SOCKTUPLE) {
                        Params.tuple(e, k);
                    } else if (info != null && info.type() == ParamType.SOCKADDR) {
                        Params.sockaddr(e, k);
                    } else if (info != null && info.type() == ParamType.FDLIST) {
                        Params.fdList(e, k);
                    } else if (info != null && info.type() == ParamType.DYN) {
                        Params.dynamicLong(e, k);
                    }
                }
            }
            for (BlockRef b : f.metadataBlocks()) {
                MetadataReader r = f.metadata(b);
                r.threads();
                r.fds();
                r.interfaces();
                r.users();
            }
            for (int r = 0; r < f.stateRecordCount(); r++) {
                f.readStateRecord(r, e).paramCount();
            }
            f.firstEventAtOrAfter(Long.MAX_VALUE / 2);
            f.info();
            return f.eventCount();
        } catch (ScapFormatException expected) {
            assertTrue(expected.getMessage().contains("offset"), what + ": " + expected.getMessage());
            return -1;
        } catch (RuntimeException | Error e) {
            fail(what + ": " + e, e);
            return -2;
        } finally {
            Files.deleteIfExists(p);
        }
    }

    private static byte[] inflate(Path p) throws IOException {
        byte[] raw = Files.readAllBytes(p);
        if (raw.length > 2 && (raw[0] & 0xFF) == 0x1f && (raw[1] & 0xFF) == 0x8b) {
            try (InputStream in = new GZIPInputStream(Files.newInputStream(p))) {
                return in.readAllBytes();
            }
        }
        return raw;
    }

    /** Offsets of every block (little-endian captures). */
    private static List<Integer> blockStarts(byte[] capture) {
        List<Integer> starts = new ArrayList<>();
        ByteBuffer b = ByteBuffer.wrap(capture).order(ByteOrder.LITTLE_ENDIAN);
        int pos = 0;
        while (pos + 8 <= capture.length) {
            starts.add(pos);
            int len = b.getInt(pos + 4);
            if (len < 12) {
                break;
            }
            pos += len;
        }
        return starts;
    }

    @Test
    void truncatingAtEveryBlockBoundaryLeavesTheEventsBeforeIt() throws Exception {
        byte[] capture = inflate(RealCaptures.named("sample.scap"));
        List<Integer> cuts = blockStarts(capture);
        cuts.add(capture.length);
        long previous = 0;
        for (int i = 1; i < cuts.size(); i++) {
            int cut = cuts.get(i);
            long events = exercise(Arrays.copyOf(capture, cut), "cut at block boundary " + cut);
            assertTrue(events >= previous, "events only grow as the cut moves on");
            previous = events;
        }
        try (ScapFile f = ScapFile.open(RealCaptures.named("sample.scap"),
                OpenOptions.defaults().cacheDir(tmp.resolve("cache")))) {
            assertEquals(f.eventCount(), previous);
        }
    }

    @Test
    void truncatingInsideABlockWarnsWithTheOffset() throws Exception {
        byte[] capture = inflate(RealCaptures.named("sample.scap"));
        List<Integer> starts = blockStarts(capture);
        int cut = starts.get(starts.size() / 2) + 5;
        Path p = tmp.resolve("cut.scap");
        Files.write(p, Arrays.copyOf(capture, cut));
        try (ScapFile f = ScapFile.open(p, OpenOptions.defaults().cacheDir(tmp.resolve("cache")))) {
            assertTrue(f.isTruncated());
            String warning = String.join("\n", f.warnings());
            assertTrue(warning.contains("truncated at offset " + (cut - 5)), warning);
        }
    }

    @Test
    void randomTruncationsAndFlippedBytesNeverEscapeAsErrors() throws Exception {
        Random rnd = new Random(SEED);
        for (Path capture : RealCaptures.all()) {
            byte[] clean = inflate(capture);
            int rounds = clean.length > 1_000_000 ? 6 : 25;
            for (int round = 0; round < rounds; round++) {
                int cut = 1 + rnd.nextInt(clean.length - 1);
                exercise(Arrays.copyOf(clean, cut), capture.getFileName() + " cut at " + cut);
                byte[] flipped = clean.clone();
                int flips = 1 + rnd.nextInt(8);
                StringBuilder where = new StringBuilder();
                for (int k = 0; k < flips; k++) {
                    int at = rnd.nextInt(flipped.length);
                    flipped[at] ^= (byte) (1 << rnd.nextInt(8));
                    where.append(' ').append(at);
                }
                exercise(flipped, capture.getFileName() + " flipped at" + where);
            }
        }
    }

    @Test
    void hostileLengthsAreRefusedBeforeAnythingIsAllocated() throws Exception {
        byte[] capture = inflate(RealCaptures.named("sample.scap"));
        List<Integer> starts = blockStarts(capture);
        ByteBuffer b = ByteBuffer.wrap(capture).order(ByteOrder.LITTLE_ENDIAN);
        Random rnd = new Random(SEED + 1);
        int[] hostile = {0, 1, 11, 12, 13, 0x7FFFFFFF, 0xFFFFFFFF, 0x80000000, 65536 + 12, 65540};
        for (int k = 0; k < 40; k++) {
            byte[] copy = capture.clone();
            ByteBuffer c = ByteBuffer.wrap(copy).order(ByteOrder.LITTLE_ENDIAN);
            int block = starts.get(1 + rnd.nextInt(starts.size() - 1));
            int field = rnd.nextInt(4);
            int value = hostile[rnd.nextInt(hostile.length)];
            switch (field) {
                case 0: c.putInt(block + 4, value); break;              // block length
                case 1: c.putInt(block + b.getInt(block + 4) - 4, value); break; // trailer
                case 2: if (block + 30 <= copy.length) c.putInt(block + 26, value); break; // event length
                default: if (block + 40 <= copy.length) c.putInt(block + 36, value); break; // nparams / lengths
            }
            exercise(copy, "hostile value " + Integer.toUnsignedString(value) + " in field " + field
                    + " of block at " + block);
        }
    }
}
