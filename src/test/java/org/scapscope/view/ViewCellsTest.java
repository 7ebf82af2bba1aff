package org.scapscope.view;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;

class ViewCellsTest {
    private static ViewCells.Key key(long cell) {
        return new ViewCells.Key(null, "proc.name = curl", "UTC", cell * 100, cell * 100 + 100);
    }

    @Test
    void cutsACaptureIntoAtMostSixtyFourCellsOfAtLeastTheSmallestSize() {
        assertEquals(15_625, new ViewCells(1_000_000, 10, 1000).cellSize());
        assertEquals(15_626, new ViewCells(1_000_001, 10, 1000).cellSize());
        assertEquals(50_000, new ViewCells(1_000_000, 50_000, 1000).cellSize());
        assertEquals(1, new ViewCells(0, 0, 1000).cellSize());
    }

    @Test
    void keepsWithinItsBudgetDroppingTheLeastRecentlyUsed() {
        ViewCells cells = new ViewCells(6400, 100, 1000);
        cells.put(key(0), "a", 400);
        cells.put(key(1), "b", 400);
        assertEquals("a", cells.get(key(0)));
        cells.put(key(2), "c", 400);
        assertNull(cells.get(key(1)), "the least recently used is dropped");
        assertNotNull(cells.get(key(0)));
        assertNotNull(cells.get(key(2)));
        assertEquals(800, cells.bytes());
        cells.put(key(3), "too big", 1001);
        assertNull(cells.get(key(3)));
        assertEquals(2, cells.size());
        cells.put(key(2), "c again", 100);
        assertEquals(500, cells.bytes());
        cells.clear();
        assertEquals(0, cells.size());
        assertEquals(0, cells.bytes());
    }

    @Test
    void capturesSharingAPoolKeepWithinItTogether() {
        ViewCells.Pool pool = new ViewCells.Pool(1000);
        ViewCells a = new ViewCells(6400, 100, pool);
        ViewCells b = new ViewCells(6400, 100, pool);
        a.put(key(0), "a0", 400);
        a.put(key(1), "a1", 400);
        b.put(key(0), "b0", 400);
        assertEquals(800, a.bytes() + b.bytes(), "b's cell made a give one up");
        assertEquals(1, a.size());
        assertNotNull(a.get(key(1)), "a gave up its least recently used");
        assertNotNull(b.get(key(0)), "the cell just put stays");
        assertEquals(800, pool.used());
        b.put(key(1), "b1", 400);
        assertNull(b.get(key(0)), "a capture gives up its own cells first");
        assertNotNull(a.get(key(1)));
        assertNotNull(b.get(key(1)));
        assertEquals(800, pool.used());
    }
}
