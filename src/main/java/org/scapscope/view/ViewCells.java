package org.scapscope.view;

import java.lang.ref.WeakReference;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What views gave on stretches of one capture, kept so that a view asked again over another time
 * range, or again after other work, reads only the stretches it has not seen. A capture's events are
 * cut into cells of {@link #cellSize} events at fixed places; a view's result on a whole cell whose
 * events all lie in the window is the same for every window that holds the cell, so it is kept by
 * view, filter, time zone and cell. Cells at the window's edges, and the capture's last cell (after
 * which a table adds a row for each thread still known), are always replayed.
 *
 * <p>The cells kept are bounded by an estimate of the memory they hold, shared with the other
 * captures open; the least recently used go first. Safe for use from several threads.
 */
public final class ViewCells {
    /** Cells a capture is cut into, at most: few enough that each is worth its own start from a checkpoint. */
    static final int CELLS = 64;

    private final long cellSize;
    private final Pool pool;
    /** Estimated bytes this capture's cells hold. */
    private long used;
    private final Map<Key, Entry> entries = new LinkedHashMap<>(64, 0.75f, true);

    /**
     * The memory the cells of several captures share (the app's tabs share one): what each holds is
     * summed over those still in use, so a capture closed and forgotten gives its share back.
     */
    static final class Pool {
        final long budget;
        private final List<WeakReference<ViewCells>> members = new ArrayList<>();

        Pool(long budget) {
            this.budget = budget;
        }

        /** The bytes held by the cells still in use. */
        long used() {
            long total = 0;
            for (ViewCells c : live()) {
                total += c.used;
            }
            return total;
        }

        /** The captures' cells still in use; forgets the others. */
        List<ViewCells> live() {
            List<ViewCells> out = new ArrayList<>();
            for (Iterator<WeakReference<ViewCells>> it = members.iterator(); it.hasNext(); ) {
                ViewCells c = it.next().get();
                if (c == null) {
                    it.remove();
                } else {
                    out.add(c);
                }
            }
            return out;
        }
    }

    /** The pool of the app's captures: an eighth of the heap. */
    private static final Pool SHARED = new Pool(Runtime.getRuntime().maxMemory() / 8);

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
        this(events, minCell, new Pool(budget));
    }

    ViewCells(long events, long minCell, Pool pool) {
        this.cellSize = Math.max(Math.max(1, minCell), (events + CELLS - 1) / CELLS);
        this.pool = pool;
        synchronized (pool) {
            pool.members.add(new WeakReference<>(this));
        }
    }

    /** Cells for a capture of {@code events} events, sharing an eighth of the heap with the other captures open. */
    public static ViewCells forCapture(long events) {
        return new ViewCells(events, Replay.MIN_PART, SHARED);
    }

    /** Events per cell; cell {@code k} holds events {@code [k * cellSize, (k + 1) * cellSize)}. */
    public long cellSize() {
        return cellSize;
    }

    Object get(Key key) {
        synchronized (pool) {
            Entry e = entries.get(key);
            return e == null ? null : e.result();
        }
    }

    /**
     * Keeps a cell's result. While the pool holds too much, this capture's least recently used
     * cells go first, then the other captures'.
     */
    void put(Key key, Object result, long bytes) {
        synchronized (pool) {
            if (bytes > pool.budget) {
                return;
            }
            Entry old = entries.put(key, new Entry(result, bytes));
            used += bytes - (old == null ? 0 : old.bytes());
            long all = evict(key, pool.used());
            for (ViewCells other : pool.live()) {
                if (other != this) {
                    all = other.evict(null, all);
                }
            }
        }
    }

    /** Drops this capture's least recently used cells, but {@code keep}, while {@code all} is over budget; returns what is left. */
    private long evict(Key keep, long all) {
        for (Iterator<Map.Entry<Key, Entry>> it = entries.entrySet().iterator(); all > pool.budget && it.hasNext(); ) {
            Map.Entry<Key, Entry> e = it.next();
            if (e.getKey().equals(keep)) {
                continue;
            }
            it.remove();
            used -= e.getValue().bytes();
            all -= e.getValue().bytes();
        }
        return all;
    }

    /** Cells kept. */
    public int size() {
        synchronized (pool) {
            return entries.size();
        }
    }

    /** Estimated bytes kept. */
    public long bytes() {
        synchronized (pool) {
            return used;
        }
    }

    /** Forgets every cell. */
    public void clear() {
        synchronized (pool) {
            entries.clear();
            used = 0;
        }
    }
}
