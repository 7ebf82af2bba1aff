package org.scapscope.state;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;

/**
 * A map from long keys to values, with open addressing: no boxing on the per-event lookups. The
 * slots mark emptiness with the smallest long, so that key (a damaged capture may carry it) is kept
 * aside.
 */
final class LongMap<V> {
    private static final long EMPTY = Long.MIN_VALUE;

    private long[] keys;
    private Object[] values;
    /** How many keys, the one kept aside included. */
    private int size;
    private int mask;
    private boolean hasEmptyKey;
    private Object emptyKeyValue;

    LongMap() {
        this(8);
    }

    private LongMap(int capacity) {
        keys = new long[capacity];
        Arrays.fill(keys, EMPTY);
        values = new Object[capacity];
        mask = capacity - 1;
    }

    private static int slot(long key, int mask) {
        long h = key * 0x9E3779B97F4A7C15L;
        return (int) (h ^ (h >>> 32)) & mask;
    }

    @SuppressWarnings("unchecked")
    V get(long key) {
        if (key == EMPTY) {
            return (V) emptyKeyValue;
        }
        int i = slot(key, mask);
        while (true) {
            long k = keys[i];
            if (k == key) {
                return (V) values[i];
            }
            if (k == EMPTY) {
                return null;
            }
            i = (i + 1) & mask;
        }
    }

    void put(long key, V value) {
        if (key == EMPTY) {
            if (!hasEmptyKey) {
                hasEmptyKey = true;
                size++;
            }
            emptyKeyValue = value;
            return;
        }
        if ((size + 1) * 2 > keys.length) {
            grow();
        }
        int i = slot(key, mask);
        while (keys[i] != EMPTY && keys[i] != key) {
            i = (i + 1) & mask;
        }
        if (keys[i] == EMPTY) {
            size++;
        }
        keys[i] = key;
        values[i] = value;
    }

    void remove(long key) {
        if (key == EMPTY) {
            if (hasEmptyKey) {
                hasEmptyKey = false;
                emptyKeyValue = null;
                size--;
            }
            return;
        }
        int i = slot(key, mask);
        while (keys[i] != key) {
            if (keys[i] == EMPTY) {
                return;
            }
            i = (i + 1) & mask;
        }
        keys[i] = EMPTY;
        values[i] = null;
        size--;
        // Re-insert the rest of the cluster so lookups keep finding it.
        int j = (i + 1) & mask;
        while (keys[j] != EMPTY) {
            long k = keys[j];
            Object v = values[j];
            keys[j] = EMPTY;
            values[j] = null;
            size--;
            putRaw(k, v);
            j = (j + 1) & mask;
        }
    }

    private void putRaw(long key, Object value) {
        int i = slot(key, mask);
        while (keys[i] != EMPTY) {
            i = (i + 1) & mask;
        }
        keys[i] = key;
        values[i] = value;
        size++;
    }

    private void grow() {
        long[] oldKeys = keys;
        Object[] oldValues = values;
        keys = new long[oldKeys.length * 2];
        Arrays.fill(keys, EMPTY);
        values = new Object[oldKeys.length * 2];
        mask = keys.length - 1;
        size = hasEmptyKey ? 1 : 0;
        for (int i = 0; i < oldKeys.length; i++) {
            if (oldKeys[i] != EMPTY) {
                putRaw(oldKeys[i], oldValues[i]);
            }
        }
    }

    int size() {
        return size;
    }

    /** The keys, in no particular order. */
    long[] keys() {
        long[] out = new long[size];
        int n = 0;
        for (long k : keys) {
            if (k != EMPTY) {
                out[n++] = k;
            }
        }
        if (hasEmptyKey) {
            out[n] = EMPTY;
        }
        return out;
    }

    @SuppressWarnings("unchecked")
    Collection<V> values() {
        List<V> out = new ArrayList<>(size);
        for (int i = 0; i < keys.length; i++) {
            if (keys[i] != EMPTY) {
                out.add((V) values[i]);
            }
        }
        if (hasEmptyKey) {
            out.add((V) emptyKeyValue);
        }
        return out;
    }
}
