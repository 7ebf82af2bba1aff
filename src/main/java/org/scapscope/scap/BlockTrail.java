package org.scapscope.scap;

/**
 * Follows the block headers of a capture as its bytes stream past, as they are inflated, to see
 * where it stops being a capture: a block shorter than a header, a section header with no byte-order
 * magic or too short, a trailer that differs from its header. The reader stops at such a block and
 * reads nothing after it, so nothing after it needs to be inflated either: a gzip file of a few
 * megabytes holding gigabytes of zeros after a section header is not written out whole.
 *
 * <p>What the trail cannot judge without the bytes that follow (a block longer than what is left,
 * an event's own fields) it leaves to the reader.
 */
final class BlockTrail {
    private static final int HEADER = 8;
    private static final int SHB_HEAD = 12;

    private final byte[] gathered = new byte[SHB_HEAD];
    private int have;
    /** Where the next block header starts, or, while {@link #inBlock}, the current block. */
    private long next;
    private boolean inBlock;
    private long blockLength;
    private boolean sectionHeader;
    private boolean bigEndian;
    private long seen;
    private long brokenAt = -1;

    /**
     * Follows {@code n} more bytes of the stream; returns true once the block at {@link #brokenAt}
     * is known to end the capture (the bytes that show it are among those seen).
     */
    boolean follow(byte[] b, int off, int n) {
        long start = seen;
        seen += n;
        while (brokenAt < 0) {
            if (inBlock) {
                // the trailer: the block's last four bytes repeat its length
                if (!gather(b, off, start, n, next + blockLength - 4, 4)) {
                    return false;
                }
                // a section header too short to be one is judged after its trailer, as the reader
                // judges it: a block reaching past what is left is cut short rather than corrupt
                if ((read(0) & 0xFFFF_FFFFL) != blockLength || (sectionHeader && blockLength < 28)) {
                    brokenAt = next;
                    return true;
                }
                next += blockLength;
                inBlock = false;
                have = 0;
                continue;
            }
            if (!gather(b, off, start, n, next, HEADER)) {
                return false;
            }
            int type = read(0); // the same in both byte orders
            if (type == BlockType.SHB) {
                if (!gather(b, off, start, n, next, SHB_HEAD)) {
                    return false;
                }
                bigEndian = false;
                int magic = read(8);
                if (magic == BlockType.SHB_MAGIC_SWAPPED) {
                    bigEndian = true;
                } else if (magic != BlockType.SHB_MAGIC) {
                    brokenAt = next;
                    return true;
                }
            }
            blockLength = read(4) & 0xFFFF_FFFFL;
            sectionHeader = type == BlockType.SHB;
            if (blockLength < 12) {
                brokenAt = next;
                return true;
            }
            inBlock = true;
            have = 0;
        }
        return true;
    }

    /** Where the block that ends the capture starts, or -1 while none does. */
    long brokenAt() {
        return brokenAt;
    }

    /**
     * Gathers the {@code length} bytes at stream offset {@code at} from the stream's bytes
     * {@code [start, start + n)}, held at {@code b[off..]}; true once all are gathered.
     */
    private boolean gather(byte[] b, int off, long start, int n, long at, int length) {
        while (have < length) {
            long want = at + have;
            if (want >= start + n) {
                return false;
            }
            gathered[have++] = b[off + (int) (want - start)];
        }
        return true;
    }

    /** The four gathered bytes at {@code i}, in the section's byte order. */
    private int read(int i) {
        int little = (gathered[i] & 0xFF) | (gathered[i + 1] & 0xFF) << 8 | (gathered[i + 2] & 0xFF) << 16
                | (gathered[i + 3] & 0xFF) << 24;
        return bigEndian ? Integer.reverseBytes(little) : little;
    }
}
