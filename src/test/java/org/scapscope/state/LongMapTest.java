package org.scapscope.state;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.HashMap;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/** The map behaves as a map for every long key, the one that marks empty slots included. */
class LongMapTest {
    private static void same(Map<Long, String> expected, LongMap<String> map) {
        assertEquals(expected.size(), map.size());
        TreeSet<Long> keys = new TreeSet<>();
        for (long k : map.keys()) {
            keys.add(k);
        }
        assertEquals(new TreeSet<>(expected.keySet()), keys);
        assertEquals(new TreeSet<>(expected.values()), new TreeSet<>(map.values()));
        for (Map.Entry<Long, String> e : expected.entrySet()) {
            assertEquals(e.getValue(), map.get(e.getKey()), "key " + e.getKey());
        }
    }

    @Test
    void everyKeyIncludingTheSmallestLongIsKeptRemovedAndListed() {
        LongMap<String> map = new LongMap<>();
        Map<Long, String> expected = new HashMap<>();
        assertNull(map.get(Long.MIN_VALUE));
        map.put(Long.MIN_VALUE, "min");
        expected.put(Long.MIN_VALUE, "min");
        same(expected, map);
        Random rnd = new Random(42);
        long[] pool = {Long.MIN_VALUE, Long.MAX_VALUE, -1, 0, 1, 2, 3, 100, -100};
        for (int i = 0; i < 20_000; i++) {
            long key = rnd.nextInt(4) == 0 ? pool[rnd.nextInt(pool.length)] : rnd.nextInt(3_000) - 1_500;
            if (rnd.nextInt(3) == 0) {
                map.remove(key);
                expected.remove(key);
            } else {
                map.put(key, "v" + i);
                expected.put(key, "v" + i);
            }
            if (i % 997 == 0) {
                same(expected, map);
            }
        }
        same(expected, map);
        map.remove(Long.MIN_VALUE);
        expected.remove(Long.MIN_VALUE);
        same(new TreeMap<>(expected), map);
        assertNull(map.get(Long.MIN_VALUE));
    }
}
