package org.scapscope.view;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;

/**
 * A view's rows by key, in the order their keys were first seen. Integer keys (pids, ports, fd
 * numbers: most views) are kept without boxing, since the key of every event is looked up; text
 * keys go to a hash map.
 */
final class RowMap<V> {
    private long[] numberKeys = new long[64];
    private int[] numberRows = new int[64];
    private int numberCount;
    private final HashMap<String, Integer> textRows = new HashMap<>();
    private final List<Object> keys = new ArrayList<>();
    private final List<V> values = new ArrayList<>();

    int size() {
        return values.size();
    }

    /** The key of row {@code i}: a Long or a String. */
    Object key(int i) {
        return keys.get(i);
    }

    V value(int i) {
        return values.get(i);
    }

    V get(long key) {
        int mask = numberKeys.length - 1;
        for (int s = slot(key, mask); ; s = (s + 1) & mask) {
            int row = numberRows[s];
            if (row == 0) {
                return null;
            }
            if (numberKeys[s] == key) {
                return values.get(row - 1);
            }
        }
    }

    void put(long key, V value) {
        if ((numberCount + 1) * 2 > numberKeys.length) {
            grow();
        }
        int mask = numberKeys.length - 1;
        for (int s = slot(key, mask); ; s = (s + 1) & mask) {
            int row = numberRows[s];
            if (row == 0) {
                keys.add(key);
                values.add(value);
                numberKeys[s] = key;
                numberRows[s] = values.size();
                numberCount++;
                return;
            }
            if (numberKeys[s] == key) {
                values.set(row - 1, value);
                return;
            }
        }
    }

    V get(String key) {
        Integer row = textRows.get(key);
        return row == null ? null : values.get(row);
    }

    void put(String key, V value) {
        Integer row = textRows.get(key);
        if (row != null) {
            values.set(row, value);
            return;
        }
        textRows.put(key, values.size());
        keys.add(key);
        values.add(value);
    }

    /** The row of {@code key}, a Long or a String. */
    V get(Object key) {
        return key instanceof Long n ? get(n.longValue()) : get((String) key);
    }

    void put(Object key, V value) {
        if (key instanceof Long n) {
            put(n.longValue(), value);
        } else {
            put((String) key, value);
        }
    }

    private static int slot(long key, int mask) {
        long h = key * 0x9E37_79B9_7F4A_7C15L;
        return (int) (h ^ (h >>> 32)) & mask;
    }

    private void grow() {
        long[] oldKeys = numberKeys;
        int[] oldRows = numberRows;
        numberKeys = new long[oldKeys.length * 2];
        numberRows = new int[oldKeys.length * 2];
        int mask = numberKeys.length - 1;
        for (int i = 0; i < oldKeys.length; i++) {
            if (oldRows[i] != 0) {
                int s = slot(oldKeys[i], mask);
                while (numberRows[s] != 0) {
                    s = (s + 1) & mask;
                }
                numberKeys[s] = oldKeys[i];
                numberRows[s] = oldRows[i];
            }
        }
    }
}
