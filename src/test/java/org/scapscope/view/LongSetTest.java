package org.scapscope.view;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

class LongSetTest {
    @Test
    void countsDistinctValuesAsAHashSetDoes() {
        Random rnd = new Random(7);
        LongSet a = new LongSet();
        LongSet b = new LongSet();
        Set<Long> inA = new HashSet<>();
        Set<Long> all = new HashSet<>();
        for (int i = 0; i < 200_000; i++) {
            long v = i % 3 == 0 ? rnd.nextLong() : rnd.nextInt(5_000) - 2_500;
            if (i % 1_000 == 0) {
                v = Long.MIN_VALUE; // the value the set marks its free slots with
            }
            if (i % 2 == 0) {
                assertEquals(inA.add(v), a.add(v), "adding " + v);
            } else {
                b.add(v);
            }
            all.add(v);
        }
        assertEquals(inA.size(), a.size());
        a.addAll(b);
        assertEquals(all.size(), a.size());
        assertFalse(a.add(Long.MIN_VALUE));
        assertTrue(new LongSet().add(Long.MIN_VALUE));
    }
}
