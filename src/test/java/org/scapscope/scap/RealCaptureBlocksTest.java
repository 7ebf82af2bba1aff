package org.scapscope.scap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.scapscope.RealCaptures;

/**
 * Every event block of every real capture is accounted for: either an event of the stream or a
 * state record (an event written before the stream, such as a container event). The expected
 * count comes from a block walk written here, independent of the reader.
 */
class RealCaptureBlocksTest {
    /** Event block types of the format, written out from the libs block table, not from BlockType. */
    private static final Set<Integer> EVENT_BLOCKS = Set.of(
            0x204, 0x8010ABCD, 0x208, 0x216, 0x217, 0x221, 0x222);
    private static final int SECTION_HEADER = 0x0A0D0D0A;

    @TempDir
    Path tmp;

    static Iterable<Path> captures() throws IOException {
        return RealCaptures.all();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("captures")
    void everyEventBlockIsAnEventOrAStateRecord(Path capture) throws Exception {
        long expected = countEventBlocks(contents(capture));
        try (ScapFile f = ScapFile.open(capture, OpenOptions.defaults().cacheDir(tmp))) {
            assertEquals(expected, f.eventCount() + f.stateRecordCount(), capture.getFileName().toString());
            assertTrue(f.warnings().isEmpty(), f.warnings().toString());
        }
    }

    private static long countEventBlocks(byte[] bytes) {
        ByteBuffer b = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        long events = 0;
        int at = 0;
        while (at + 12 <= bytes.length) {
            // The section header's type reads the same in both byte orders; its magic sets the order.
            if (b.getInt(at) == SECTION_HEADER) {
                b.order(ByteOrder.LITTLE_ENDIAN);
                b.order(b.getInt(at + 8) == 0x1A2B3C4D ? ByteOrder.LITTLE_ENDIAN : ByteOrder.BIG_ENDIAN);
            } else if (EVENT_BLOCKS.contains(b.getInt(at))) {
                events++;
            }
            at += (b.getInt(at + 4) + 3) & ~3;
        }
        return events;
    }

    private static byte[] contents(Path p) throws IOException {
        byte[] raw = Files.readAllBytes(p);
        if (raw.length > 2 && (raw[0] & 0xFF) == 0x1f && (raw[1] & 0xFF) == 0x8b) {
            try (InputStream in = new GZIPInputStream(Files.newInputStream(p))) {
                return in.readAllBytes();
            }
        }
        return raw;
    }
}
