package org.scapscope.scap;

/**
 * The index keeps one 64-bit word per event: where its header starts and how to read it.
 *
 * <pre>
 * bits  0..47  byte offset of the event header
 * bits 48..55  parameter count of an old-layout event (the old header has no count)
 * bit  56      the section is big-endian
 * bit  57      old 22-byte header
 * bit  58      the block carries dump flags
 * </pre>
 */
final class EventWord {
    static final long OFFSET_MASK = (1L << 48) - 1;
    static final long BIG_ENDIAN = 1L << 56;
    static final long V1 = 1L << 57;
    static final long DUMP_FLAGS = 1L << 58;

    private EventWord() {
    }

    static long of(long headerOffset, int v1Params, boolean bigEndian, boolean v1, boolean dumpFlags) {
        long word = headerOffset | ((long) v1Params << 48);
        if (bigEndian) {
            word |= BIG_ENDIAN;
        }
        if (v1) {
            word |= V1;
        }
        if (dumpFlags) {
            word |= DUMP_FLAGS;
        }
        return word;
    }

    static long offset(long word) {
        return word & OFFSET_MASK;
    }

    static int v1Params(long word) {
        return (int) ((word >>> 48) & 0xFF);
    }

    static boolean isBigEndian(long word) {
        return (word & BIG_ENDIAN) != 0;
    }

    static boolean isV1(long word) {
        return (word & V1) != 0;
    }

    static boolean hasDumpFlags(long word) {
        return (word & DUMP_FLAGS) != 0;
    }
}
