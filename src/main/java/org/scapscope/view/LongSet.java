package org.scapscope.view;

import java.util.Arrays;

/** A set of longs without boxing: the distinct pids or ports a tile counts, over millions of events. */
final class LongSet {
    /** Marks a free slot; the value itself is kept apart. */
    private static final long FREE = Long.MIN_VALUE;

    private long[] slots = newSlots(16);
    private int size;
    private boolean hasFree;

    /** Adds a value; whether it was new. */
    boolean add(long v) {
        if (v == FREE) {
            boolean added = !hasFree;
            hasFree = true;
            return added;
        }
        int mask = slots.length - 1;
        int i = slot(v, mask);
        while (true) {
            long s = slots[i];
            if (s == v) {
                return false;
            }
            if (s == FREE) {
                slots[i] = v;
                if (++size * 2 > slots.length) {
                    grow();
                }
                return true;
            }
            i = (i + 1) & mask;
        }
    }

    void addAll(LongSet other) {
        if (other.hasFree) {
            add(FREE);
        }
        for (long v : other.slots) {
            if (v != FREE) {
                add(v);
            }
        }
    }

    int size() {
        return size + (hasFree ? 1 : 0);
    }

    private void grow() {
        long[] old = slots;
        slots = newSlots(old.length * 2);
        size = 0;
        for (long v : old) {
            if (v != FREE) {
                add(v);
            }
        }
    }

    private static long[] newSlots(int n) {
        long[] s = new long[n];
        Arrays.fill(s, FREE);
        return s;
    }

    private static int slot(long v, int mask) {
        long h = v * 0x9E37_79B9_7F4A_7C15L;
        return (int) (h ^ (h >>> 32)) & mask;
    }
}
