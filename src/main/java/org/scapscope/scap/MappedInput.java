package org.scapscope.scap;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;

/**
 * Random access to a file, or to bytes in memory, as power-of-two chunks.
 *
 * <p>A position is split into chunk and offset by shift and mask. Reads that fit in one chunk take
 * the fast path straight from that chunk's buffer; reads that straddle two chunks are assembled
 * byte by byte. Every buffer has its byte order set once; {@link #withOrder} gives a view of the
 * same bytes in the other order. Reads are absolute: there is no shared cursor, so one instance
 * serves many threads.
 */
final class MappedInput {
    /** One gigabyte chunks: well under the 2 GB limit of a mapped buffer. */
    static final int DEFAULT_CHUNK_SHIFT = 30;

    private final ByteBuffer[] chunks;
    private final int shift;
    private final long mask;
    private final long length;
    private final ByteOrder order;

    private MappedInput(ByteBuffer[] chunks, int shift, long length, ByteOrder order) {
        this.chunks = chunks;
        this.shift = shift;
        this.mask = (1L << shift) - 1;
        this.length = length;
        this.order = order;
    }

    /** Maps the first {@code length} bytes of a channel read-only, in chunks of {@code 1 << shift} bytes. */
    static MappedInput map(FileChannel channel, long length, int shift) throws IOException {
        checkShift(shift);
        long chunkSize = 1L << shift;
        int count = (int) ((length + chunkSize - 1) >>> shift);
        ByteBuffer[] chunks = new ByteBuffer[Math.max(count, 0)];
        for (int i = 0; i < count; i++) {
            long start = (long) i << shift;
            long size = Math.min(chunkSize, length - start);
            chunks[i] = channel.map(FileChannel.MapMode.READ_ONLY, start, size).order(ByteOrder.LITTLE_ENDIAN);
        }
        return new MappedInput(chunks, shift, length, ByteOrder.LITTLE_ENDIAN);
    }

    /**
     * Copies bytes from the heap into chunks of {@code 1 << shift} bytes (tests use tiny chunks).
     * The chunks are read-only direct buffers, of the very class a read-only mapping gives: code the
     * compiler optimized for mapped captures then meets no other kind of buffer, and is not
     * deoptimized (for a long while, in the middle of indexing a large capture) when it does.
     */
    static MappedInput wrap(byte[] data, int shift) {
        checkShift(shift);
        int chunkSize = 1 << Math.min(shift, 30);
        int count = (data.length + chunkSize - 1) / chunkSize;
        ByteBuffer[] chunks = new ByteBuffer[count];
        for (int i = 0; i < count; i++) {
            int start = i * chunkSize;
            int size = Math.min(chunkSize, data.length - start);
            chunks[i] = readOnlyCopy(data, start, size);
        }
        return new MappedInput(chunks, shift, data.length, ByteOrder.LITTLE_ENDIAN);
    }

    private static void checkShift(int shift) {
        if (shift < 1 || shift > 30) {
            throw new IllegalArgumentException("chunk shift must be 1..30, not " + shift);
        }
    }

    /** The same bytes read in the given byte order. */
    MappedInput withOrder(ByteOrder newOrder) {
        if (newOrder.equals(order)) {
            return this;
        }
        ByteBuffer[] copies = new ByteBuffer[chunks.length];
        for (int i = 0; i < chunks.length; i++) {
            copies[i] = chunks[i].duplicate().order(newOrder);
        }
        return new MappedInput(copies, shift, length, newOrder);
    }

    /** The chunk holding {@code pos}; its index 0 is the chunk's first byte ({@link #chunkOffset}). */
    ByteBuffer chunk(long pos) {
        return chunks[(int) (pos >>> shift)];
    }

    /** Position of {@code pos} within its chunk. */
    int chunkOffset(long pos) {
        return (int) (pos & mask);
    }

    ByteOrder order() {
        return order;
    }

    long length() {
        return length;
    }

    byte get(long pos) {
        checkRange(pos, 1);
        return chunks[(int) (pos >>> shift)].get((int) (pos & mask));
    }

    // The fast paths below rely on the chunk array and the buffers' own index checks: a position
    // outside the input fails there with an IndexOutOfBoundsException, as checkRange would.

    int getUnsignedByte(long pos) {
        return get(pos) & 0xFF;
    }

    short getShort(long pos) {
        if (pos < 0) {
            checkRange(pos, 2);
        }
        ByteBuffer chunk = chunks[(int) (pos >>> shift)];
        int offset = (int) (pos & mask);
        if (offset + 2 <= chunk.limit()) {
            return chunk.getShort(offset);
        }
        return (short) assemble(pos, 2);
    }

    int getUnsignedShort(long pos) {
        return getShort(pos) & 0xFFFF;
    }

    int getInt(long pos) {
        if (pos < 0) {
            checkRange(pos, 4);
        }
        ByteBuffer chunk = chunks[(int) (pos >>> shift)];
        int offset = (int) (pos & mask);
        if (offset + 4 <= chunk.limit()) {
            return chunk.getInt(offset);
        }
        return (int) assemble(pos, 4);
    }

    long getUnsignedInt(long pos) {
        return getInt(pos) & 0xFFFF_FFFFL;
    }

    long getLong(long pos) {
        if (pos < 0) {
            checkRange(pos, 8);
        }
        ByteBuffer chunk = chunks[(int) (pos >>> shift)];
        int offset = (int) (pos & mask);
        if (offset + 8 <= chunk.limit()) {
            return chunk.getLong(offset);
        }
        return assemble(pos, 8);
    }

    /** Copies {@code len} bytes at {@code pos} into {@code dst}. */
    void read(long pos, byte[] dst, int dstOffset, int len) {
        checkRange(pos, len);
        if (len == 0) {
            return;
        }
        ByteBuffer one = chunks[(int) (pos >>> shift)];
        int at = (int) (pos & mask);
        if (at + len <= one.limit()) {
            one.get(at, dst, dstOffset, len); // nearly every read: within one chunk, no walk
            return;
        }
        walk(pos, len, (chunk, offset, done, n) -> {
            chunk.get(offset, dst, dstOffset + done, n);
            return true;
        });
    }

    /** What is done with each chunk's part of a span of bytes; false stops the walk. */
    @FunctionalInterface
    private interface Part {
        boolean take(ByteBuffer chunk, int offset, int done, int n);
    }

    /** Hands {@code len} bytes at {@code pos} to {@code part} a chunk at a time; false when a part stopped it. */
    private boolean walk(long pos, int len, Part part) {
        checkRange(pos, len);
        int done = 0;
        while (done < len) {
            long at = pos + done;
            ByteBuffer chunk = chunks[(int) (at >>> shift)];
            int offset = (int) (at & mask);
            int n = Math.min(len - done, chunk.limit() - offset);
            if (!part.take(chunk, offset, done, n)) {
                return false;
            }
            done += n;
        }
        return true;
    }

    /** A read-only direct buffer holding a copy of {@code size} bytes of {@code data} from {@code start}, little-endian. */
    static ByteBuffer readOnlyCopy(byte[] data, int start, int size) {
        ByteBuffer direct = ByteBuffer.allocateDirect(size);
        direct.put(0, data, start, size);
        return direct.asReadOnlyBuffer().order(ByteOrder.LITTLE_ENDIAN);
    }

    /** Whether the bytes at {@code pos} are {@code expected}, compared a chunk at a time. */
    boolean equalsAt(long pos, byte[] expected) {
        return walk(pos, expected.length,
                (chunk, offset, done, n) -> chunk.slice(offset, n).mismatch(ByteBuffer.wrap(expected, done, n)) < 0);
    }

    /** Copies {@code len} bytes at {@code pos} to the start of {@code dst}. */
    void read(long pos, ByteBuffer dst, int len) {
        checkRange(pos, len);
        if (len == 0) {
            return;
        }
        ByteBuffer one = chunks[(int) (pos >>> shift)];
        int at = (int) (pos & mask);
        if (at + len <= one.limit()) {
            dst.put(0, one, at, len);
            return;
        }
        walk(pos, len, (chunk, offset, done, n) -> {
            dst.put(done, chunk, offset, n);
            return true;
        });
    }

    byte[] bytes(long pos, int len) {
        byte[] out = new byte[len];
        read(pos, out, 0, len);
        return out;
    }

    private long assemble(long pos, int width) {
        checkRange(pos, width);
        long value = 0;
        if (order == ByteOrder.LITTLE_ENDIAN) {
            for (int i = width - 1; i >= 0; i--) {
                value = (value << 8) | (get(pos + i) & 0xFFL);
            }
        } else {
            for (int i = 0; i < width; i++) {
                value = (value << 8) | (get(pos + i) & 0xFFL);
            }
        }
        return value;
    }

    private void checkRange(long pos, int width) {
        if (pos < 0 || width < 0 || pos > length - width) {
            throw new IndexOutOfBoundsException("read of " + width + " bytes at offset " + pos
                    + " is past the end (" + length + " bytes)");
        }
    }
}
