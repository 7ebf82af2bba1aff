package org.scapscope.scap;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Chunked reads against a plain byte-array reference, with chunks small enough that reads straddle them. */
class MappedInputTest {
    @TempDir
    Path tmp;

    @Test
    void everyWidthAtEveryOffsetMatchesTheReferenceForTinyChunks() {
        byte[] data = randomBytes(1000, 7);
        for (int shift = 1; shift <= 6; shift++) {
            for (ByteOrder order : new ByteOrder[] {ByteOrder.LITTLE_ENDIAN, ByteOrder.BIG_ENDIAN}) {
                MappedInput in = MappedInput.wrap(data, shift).withOrder(order);
                ByteBuffer ref = ByteBuffer.wrap(data).order(order);
                for (int pos = 0; pos + 8 <= data.length; pos++) {
                    assertEquals(ref.get(pos), in.get(pos));
                    assertEquals(ref.getShort(pos), in.getShort(pos), "short at " + pos + " shift " + shift);
                    assertEquals(ref.getInt(pos), in.getInt(pos), "int at " + pos + " shift " + shift);
                    assertEquals(ref.getLong(pos), in.getLong(pos), "long at " + pos + " shift " + shift);
                }
            }
        }
    }

    @Test
    void bulkReadsAcrossChunksMatchTheReference() {
        byte[] data = randomBytes(4099, 11);
        MappedInput in = MappedInput.wrap(data, 5);
        Random rnd = new Random(3);
        for (int k = 0; k < 2000; k++) {
            int pos = rnd.nextInt(data.length);
            int len = rnd.nextInt(data.length - pos + 1);
            byte[] expected = new byte[len];
            System.arraycopy(data, pos, expected, 0, len);
            assertArrayEquals(expected, in.bytes(pos, len));
        }
    }

    @Test
    void mappedFileWithTinyChunksMatchesTheReference() throws IOException {
        byte[] data = randomBytes(5000, 5);
        Path file = tmp.resolve("data.bin");
        Files.write(file, data);
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            MappedInput in = MappedInput.map(ch, data.length, 12);
            ByteBuffer ref = ByteBuffer.wrap(data).order(ByteOrder.LITTLE_ENDIAN);
            for (int pos = 4000; pos < 4200; pos++) {
                assertEquals(ref.getLong(pos), in.getLong(pos));
                assertEquals(ref.getInt(pos), in.getInt(pos));
            }
            assertEquals(data.length, in.length());
        }
    }

    @Test
    void readsPastTheEndAreRefused() {
        MappedInput in = MappedInput.wrap(new byte[16], 3);
        assertThrows(IndexOutOfBoundsException.class, () -> in.getLong(9));
        assertThrows(IndexOutOfBoundsException.class, () -> in.get(16));
        assertThrows(IndexOutOfBoundsException.class, () -> in.getInt(-1));
        assertEquals(0, in.getLong(8));
    }

    private static byte[] randomBytes(int n, long seed) {
        byte[] b = new byte[n];
        new Random(seed).nextBytes(b);
        return b;
    }
}
