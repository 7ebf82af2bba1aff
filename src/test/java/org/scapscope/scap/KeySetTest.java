package org.scapscope.scap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.function.IntPredicate;
import org.junit.jupiter.api.Test;

class KeySetTest {
    private static final int KEYS = 1 << 16;

    /** The keys of a set, one by one, for comparing with what a predicate says of each key. */
    private static void assertKeys(IntPredicate expected, KeySet s) {
        for (int k = 0; k < KEYS; k++) {
            assertEquals(expected.test(k), s.contains(k), "key " + k);
        }
    }

    /** The keys a predicate accepts, added one by one. */
    private static KeySet keys(IntPredicate accepted) {
        KeySet s = KeySet.none();
        for (int k = 0; k < KEYS; k++) {
            if (accepted.test(k)) {
                s.add(k);
            }
        }
        return s;
    }

    @Test
    void rangesOfEveryAlignmentHoldExactlyTheirKeys() {
        int[][] ranges = {{0, 0}, {10, 20}, {60, 130}, {64, 128}, {63, 65}, {456, TypeColumn.GENERIC_KEYS},
            {0, KEYS}, {KEYS - 1, KEYS}, {1, 64}};
        for (int[] r : ranges) {
            KeySet s = KeySet.none();
            s.addRange(r[0], r[1]);
            assertKeys(k -> k >= r[0] && k < r[1], s);
        }
    }

    @Test
    void combiningSetsGivesTheKeysOfBothOrEither() {
        KeySet threes = keys(k -> k % 3 == 0);
        KeySet fives = keys(k -> k % 5 == 0);
        assertKeys(k -> k % 15 == 0, threes.and(fives));
        assertKeys(k -> k % 3 == 0 || k % 5 == 0, threes.or(fives));
        // neither operand changes
        assertKeys(k -> k % 3 == 0, threes);
        KeySet copy = fives.copy();
        copy.add(1);
        assertFalse(fives.contains(1));
        assertTrue(copy.contains(1));
    }

    @Test
    void aDirectionHoldsTheOddOrTheEvenKeys() {
        assertKeys(k -> (k & 1) == 1, KeySet.direction(true));
        assertKeys(k -> (k & 1) == 0, KeySet.direction(false));
    }

    @Test
    void genericKeysFollowThePlainGenericTypes() {
        KeySet exitsOnly = KeySet.none();
        exitsOnly.add(EventTypes.GENERIC_X);
        exitsOnly.add(300);
        exitsOnly.genericKeysAsGenericTypes();
        assertKeys(k -> k == EventTypes.GENERIC_X || k == 300 || k >= TypeColumn.GENERIC_KEYS && (k & 1) == 1,
                exitsOnly);
        KeySet all = KeySet.all();
        all.genericKeysAsGenericTypes();
        assertFalse(all.missesSome());
        KeySet none = keys(k -> k >= TypeColumn.GENERIC_KEYS);
        none.genericKeysAsGenericTypes();
        assertKeys(k -> false, none);
    }

    @Test
    void typesAskTheKnownTypesOneByOneAndTheUnknownOnesOnce() {
        int known = EventTypes.knownLimit();
        assertTrue(known > EventTypes.ASYNCEVENT_E && known < TypeColumn.GENERIC_KEYS);
        int[] asked = new int[KEYS];
        KeySet s = KeySet.ofTypes(t -> {
            asked[t]++;
            return t % 7 == 0 || t >= known;
        });
        assertKeys(k -> k < TypeColumn.GENERIC_KEYS && (k % 7 == 0 || k >= known), s);
        for (int t = 0; t <= known; t++) {
            assertEquals(1, asked[t], "type " + t);
        }
        assertEquals(0, asked[known + 1]);
    }

    @Test
    void theVisibleKeysAreThoseOfEveryTypeSysdigDoesNotAlwaysHide() {
        KeySet visible = ScapFile.visibleKeys();
        assertKeys(k -> !ScapFile.isHiddenType(k), visible);
        assertFalse(visible.contains(EventTypes.CONTAINER_JSON_E));
        assertTrue(visible.contains(TypeColumn.genericKey(42, true)));
        visible.remove(3);
        assertTrue(ScapFile.visibleKeys().contains(3), "each caller has a set of its own");
    }

    @Test
    void aSetMissesSomeKeyUnlessItHoldsAll() {
        assertFalse(KeySet.all().missesSome());
        KeySet s = KeySet.all().and(keys(k -> k != 40_000));
        assertTrue(s.missesSome());
        assertFalse(s.contains(40_000));
        assertFalse(s.contains(-1));
        assertFalse(s.contains(KEYS));
    }
}
