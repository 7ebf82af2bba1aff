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
}
