package org.scapscope.scap;

import java.util.Arrays;
import java.util.function.IntPredicate;

/**
 * A set of event type keys ({@link TypeColumn#keyOf}): one bit for each of the 65,536 keys. Looking
 * a key up touches 8 KB at most, and combining two sets takes 1,024 word operations, not one per
 * key: sets are made at the start of every filter and scan, while the code is not compiled yet.
 */
public final class KeySet {
    private static final int KEYS = 1 << 16;
    private static final int WORDS = KEYS >>> 6;
    /** Every even key, as a word: enter events, and generic keys of enter events. */
    private static final long EVEN = 0x5555_5555_5555_5555L;

    private final long[] bits;

    private KeySet(long[] bits) {
        this.bits = bits;
    }

    /** A new set holding no key. */
    public static KeySet none() {
        return new KeySet(new long[WORDS]);
    }

    /** A new set holding every key. */
    public static KeySet all() {
        long[] b = new long[WORDS];
        Arrays.fill(b, -1L);
        return new KeySet(b);
    }

    /**
     * A new set of the event types {@code type} accepts, asked about each type some table knows
     * ({@link EventTypes#knownLimit}) and once for all the unknown types above, which are alike; no
     * generic system-call key.
     */
    public static KeySet ofTypes(IntPredicate type) {
        KeySet s = none();
        int known = EventTypes.knownLimit();
        for (int t = 0; t < known; t++) {
            if (type.test(t)) {
                s.add(t);
            }
        }
        if (type.test(known)) {
            s.addRange(known, TypeColumn.GENERIC_KEYS);
        }
        return s;
    }

    /** A new set of the keys of one direction: exits (odd keys) or enters (even keys), generic ones included. */
    public static KeySet direction(boolean exit) {
        long[] b = new long[WORDS];
        Arrays.fill(b, exit ? ~EVEN : EVEN);
        return new KeySet(b);
    }

    public boolean contains(int key) {
        return key >= 0 && key < KEYS && (bits[key >>> 6] & 1L << key) != 0;
    }

    /** Whether some key is not in the set. */
    public boolean missesSome() {
        for (long w : bits) {
            if (w != -1L) {
                return true;
            }
        }
        return false;
    }

    public void add(int key) {
        bits[key >>> 6] |= 1L << key;
    }

    public void remove(int key) {
        bits[key >>> 6] &= ~(1L << key);
    }

    /** Adds the keys {@code [from, to)}. */
    public void addRange(int from, int to) {
        for (int k = from; k < to && (k & 63) != 0; k++) {
            add(k);
        }
        int w = (from + 63) >>> 6;
        for (; w < to >>> 6; w++) {
            bits[w] = -1L;
        }
        for (int k = Math.max(from, w << 6); k < to; k++) {
            add(k);
        }
    }

    /** Adds every key of {@code other}. */
    public void addAll(KeySet other) {
        for (int w = 0; w < WORDS; w++) {
            bits[w] |= other.bits[w];
        }
    }

    /** A new set of the keys in both. */
    public KeySet and(KeySet other) {
        long[] b = new long[WORDS];
        for (int w = 0; w < WORDS; w++) {
            b[w] = bits[w] & other.bits[w];
        }
        return new KeySet(b);
    }

    /** A new set of the keys in either. */
    public KeySet or(KeySet other) {
        KeySet s = copy();
        s.addAll(other);
        return s;
    }

    /**
     * Sets the generic system-call keys ({@link TypeColumn#GENERIC_KEYS} and above) as the plain
     * generic event types are set: each call's enter key as {@link EventTypes#GENERIC_E}, its exit key
     * as {@link EventTypes#GENERIC_X}.
     */
    public void genericKeysAsGenericTypes() {
        long w = (contains(EventTypes.GENERIC_E) ? EVEN : 0) | (contains(EventTypes.GENERIC_X) ? ~EVEN : 0);
        Arrays.fill(bits, TypeColumn.GENERIC_KEYS >>> 6, WORDS, w);
    }

    public KeySet copy() {
        return new KeySet(bits.clone());
    }
}
