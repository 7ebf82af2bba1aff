package org.scapscope.scap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.scapscope.RealCaptures;

class BlockTrailTest {
    /** Follows {@code data} in pieces of random sizes; the offset of the broken block, or -1. */
    private static long follow(byte[] data, Random random, int largestPiece) {
        BlockTrail trail = new BlockTrail();
        int at = 0;
        while (at < data.length) {
            int n = Math.min(data.length - at, 1 + random.nextInt(largestPiece));
            // the bytes of a piece sit anywhere in the buffer they come in
            byte[] buf = new byte[n + 7];
            System.arraycopy(data, at, buf, 3, n);
            boolean broken = trail.follow(buf, 3, n);
            at += n;
            assertEquals(broken, trail.brokenAt() >= 0);
            if (broken) {
                assertTrue(trail.brokenAt() < at, "what shows the break has been seen");
                return trail.brokenAt();
            }
        }
        return trail.brokenAt();
    }

    @Test
    void everyRealCaptureIsFollowedToItsEndInPiecesOfAnySize() throws IOException {
        Random random = new Random(11);
        for (Path capture : RealCaptures.all()) {
            byte[] data;
            try (var in = Files.newInputStream(capture)) {
                // the capture a gzip file holds is what is followed as it is inflated
                data = ScapFile.isGzip(capture) ? new java.util.zip.GZIPInputStream(in).readAllBytes() : in.readAllBytes();
            }
            for (int largest : new int[] {1, 5, 13, 4096, 1 << 16}) {
                assertEquals(-1, follow(data, random, largest), capture + " in pieces of up to " + largest);
            }
        }
    }

    @Test
    void sectionsOfBothByteOrdersAreFollowed() throws IOException {
        byte[] data = TestCaptures.bytes(w -> {
            TestCaptures.simple(w);
            w.sectionHeader(ByteOrder.BIG_ENDIAN, 1, 0).event(0, TestCaptures.T0 + 100, 7, TestCaptures.OPEN_E, "/b", 0L, 0L);
            w.sectionHeader(ByteOrder.LITTLE_ENDIAN, 1, 1).event(0, TestCaptures.T0 + 200, 8, TestCaptures.OPEN_E, "/c", 0L, 0L);
        });
        assertEquals(-1, follow(data, new Random(3), 7));
        // the big-endian section's event, with its trailer changed, ends the capture there
        java.util.List<int[]> blocks = blocks(data);
        int second = -1;
        for (int i = 0, sections = 0; i < blocks.size() && second < 0; i++) {
            if (ByteBuffer.wrap(data).order(ByteOrder.LITTLE_ENDIAN).getInt(blocks.get(i)[0]) == BlockType.SHB
                    && ++sections == 2) {
                second = i;
            }
        }
        int[] event = blocks.get(second + 1);
        byte[] bad = data.clone();
        bad[event[0] + event[1] - 4] ^= 1; // the trailer's high byte, in big-endian order
        assertEquals(event[0], follow(bad, new Random(3), 7));
    }

    @Test
    void zerosAfterASectionHeaderEndTheCaptureAtOnce() throws IOException {
        byte[] sample = Files.readAllBytes(RealCaptures.named("sample.scap"));
        int shb = ByteBuffer.wrap(sample).order(ByteOrder.LITTLE_ENDIAN).getInt(4);
        byte[] zeros = Arrays.copyOf(Arrays.copyOf(sample, shb), shb + (1 << 20));
        assertEquals(shb, follow(zeros, new Random(5), 1 << 16));
        // and after a whole capture
        byte[] after = Arrays.copyOf(sample, sample.length + (1 << 20));
        assertEquals(sample.length, follow(after, new Random(5), 1 << 16));
    }

    @Test
    void aSectionHeaderWithoutMagicOrTooShortEndsTheCapture() throws IOException {
        byte[] sample = Files.readAllBytes(RealCaptures.named("sample.scap"));
        ByteArrayOutputStream two = new ByteArrayOutputStream();
        two.write(sample);
        byte[] second = sample.clone();
        second[8] = 0x55; // the byte-order magic
        two.write(second);
        assertEquals(sample.length, follow(two.toByteArray(), new Random(9), 999));
        byte[] shortHeader = sample.clone();
        ByteBuffer.wrap(shortHeader).order(ByteOrder.LITTLE_ENDIAN).putInt(4, 24);
        assertEquals(0, follow(shortHeader, new Random(9), 999));
    }

    @Test
    void aSectionHeaderTooShortIsJudgedOnceItsTrailerIsSeenAsTheReaderJudgesIt() throws IOException {
        byte[] sample = Files.readAllBytes(RealCaptures.named("sample.scap"));
        ByteBuffer shb = ByteBuffer.allocate(20).order(ByteOrder.LITTLE_ENDIAN);
        shb.putInt(BlockType.SHB).putInt(20).putInt(BlockType.SHB_MAGIC).putInt(0).putInt(20);
        BlockTrail trail = new BlockTrail();
        assertFalse(trail.follow(sample, 0, sample.length));
        // its first 12 bytes do not show it whole: cut there, the reader finds the block cut short
        assertFalse(trail.follow(shb.array(), 0, 12));
        assertTrue(trail.follow(shb.array(), 12, 8));
        assertEquals(sample.length, trail.brokenAt());
    }

    @Test
    void aBlockLongerThanWhatFollowsIsLeftToTheReader() throws IOException {
        byte[] sample = Files.readAllBytes(RealCaptures.named("sample.scap"));
        int shb = ByteBuffer.wrap(sample).order(ByteOrder.LITTLE_ENDIAN).getInt(4);
        byte[] longer = sample.clone();
        ByteBuffer.wrap(longer).order(ByteOrder.LITTLE_ENDIAN).putInt(shb + 4, Integer.MAX_VALUE);
        assertFalse(follow(longer, new Random(2), 4096) >= 0);
    }

    /** Each block of a capture, as its start and length, found by walking the blocks from the first. */
    private static java.util.List<int[]> blocks(byte[] data) {
        java.util.List<int[]> all = new java.util.ArrayList<>();
        ByteOrder order = ByteOrder.LITTLE_ENDIAN;
        for (int at = 0; at < data.length; ) {
            ByteBuffer b = ByteBuffer.wrap(data);
            if (b.order(ByteOrder.LITTLE_ENDIAN).getInt(at) == BlockType.SHB) {
                order = b.getInt(at + 8) == BlockType.SHB_MAGIC ? ByteOrder.LITTLE_ENDIAN : ByteOrder.BIG_ENDIAN;
            }
            int length = b.order(order).getInt(at + 4);
            all.add(new int[] {at, length});
            at += length;
        }
        return all;
    }
}
