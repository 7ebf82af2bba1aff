package org.scapscope.view;

import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What views gave on stretches of one capture, kept so that a view asked again over another time
 * range, or again after other work, reads only the stretches it has not seen. A capture's events are
 * cut into cells of {@link #cellSize} events at fixed places; a view's result on a whole cell whose
 * events all lie in the window is the same for every window that holds the cell, so it is kept by
 * view, filter, time zone and cell. Cells at the window's edges, and the capture's last cell (after
 * which a table adds a row for each thread still known), are always replayed.
 *
 * <p>The cells kept are bounded by an estimate of the memory they hold; the least recently used go
 * first. Safe for use from several threads.
 */
public final class ViewCells {
    /** Cells a capture is cut into, at most: few enough that each is worth its own start from a checkpoint. */
    static final int CELLS = 64;

    private final long cellSize;
    private final long budget;
    private long used;
    private final Map<Key, Entry> entries = new LinkedHashMap<>(64, 0.75f, true);

    /** What identifies a kept cell: the view and filter it was computed for, and where it lies. */
    record Key(ViewDefinition view, String filter, String zone, long first, long end) {
    }

    /** One cell's result, its estimated size in bytes. */
    record Entry(Object result, long bytes) {
    }

    /**
     * Cells for a capture of {@code events} events, cut so that no cell is smaller than
     * {@code minCell}; {@code budget} bounds the bytes kept.
     */
    public ViewCells(long events, long minCell, long budget) {
        this.cellSize = Math.max(Math.max(1, minCell), (events + CELLS - 1) / CELLS);
        this.budget = budget;
    }

    /** Cells for a capture of {@code events} events, with an eighth of the heap to keep them in. */
    public static ViewCells forCapture(long events) {
        return new ViewCells(events, Replay.MIN_PART, Runtime.getRuntime().maxMemory() / 8);
    }

    /** Events per cell; cell {@code k} holds events {@code [k * cellSize, (k + 1) * cellSize)}. */
    public long cellSize() {
        return cellSize;
    }

    synchronized Object get(Key key) {
        Entry e = entries.get(key);
        return e == null ? null : e.result();
    }

    synchronized void put(Key key, Object result, long bytes) {
        if (bytes > budget) {
            return;
        }
        Entry old = entries.put(key, new Entry(result, bytes));
        used += bytes - (old == null ? 0 : old.bytes());
        for (Iterator<Entry> it = entries.values().iterator(); used > budget && it.hasNext(); ) {
            used -= it.next().bytes();
            it.remove();
        }
    }

    /** Cells kept. */
    public synchronized int size() {
        return entries.size();
    }

    /** Estimated bytes kept. */
    public synchronized long bytes() {
        return used;
    }

    /** Forgets every cell. */
    public synchronized void clear() {
        entries.clear();
        used = 0;
    }
}
