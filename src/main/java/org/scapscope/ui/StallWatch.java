package org.scapscope.ui;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javafx.animation.AnimationTimer;

/**
 * Measures how long the UI thread goes without drawing a frame, for checking that it is never held
 * for long ({@code -Dscapscope.stalls=MS}, the longest gap in milliseconds to let pass). While it
 * runs the app draws every frame; a thread of its own notes where the UI thread was when a gap grew
 * past the bound, and the gaps are printed to standard error when the app ends.
 */
final class StallWatch {
    /** A gap: when it began (milliseconds after watching began), how long, and where the UI thread was during it. */
    record Stall(long startMillis, long millis, List<String> where) {
    }

    private static final int FRAMES_KEPT = 8;

    private final long boundNanos;
    private final List<Stall> stalls = new ArrayList<>();
    private final long began = System.nanoTime();
    private volatile long lastFrame = began;
    private volatile Thread ui;
    private long frames;
    private long worstNanos;
    /** Where the UI thread was during the gap going on, once it passed the bound; null otherwise. */
    private List<String> heldAt;

    private StallWatch(long boundMillis) {
        this.boundNanos = boundMillis * 1_000_000L;
    }

    /** Starts watching when {@code -Dscapscope.stalls=MS} asks for it; call on the UI thread. */
    static void startIfAsked(PrintStream report) {
        String bound = System.getProperty("scapscope.stalls");
        if (bound == null || bound.isBlank()) {
            return;
        }
        StallWatch w = start(Long.parseLong(bound.trim()));
        Runtime.getRuntime().addShutdownHook(new Thread(() -> w.print(report), "stall report"));
    }

    /** Starts watching for gaps longer than {@code boundMillis}; call on the UI thread. */
    static StallWatch start(long boundMillis) {
        StallWatch w = new StallWatch(boundMillis);
        w.begin();
        return w;
    }

    /** The gaps over the bound so far. */
    synchronized List<Stall> stalls() {
        return List.copyOf(stalls);
    }

    private void begin() {
        ui = Thread.currentThread();
        new AnimationTimer() {
            @Override
            public void handle(long now) {
                long t = System.nanoTime();
                long gap = t - lastFrame;
                lastFrame = t;
                synchronized (StallWatch.this) {
                    frames++;
                    worstNanos = Math.max(worstNanos, gap);
                    // the gap's length is known now that the frame after it came
                    if (heldAt != null) {
                        stalls.add(new Stall((t - gap - began) / 1_000_000L, gap / 1_000_000L, heldAt));
                        heldAt = null;
                    }
                }
            }
        }.start();
        Thread watcher = new Thread(this::watch, "stall watch");
        watcher.setDaemon(true);
        watcher.start();
    }

    /** Notes where the UI thread is once a gap grows past the bound, for the frame that ends it. */
    private void watch() {
        long noted = -1;
        while (true) {
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                return;
            }
            long since = lastFrame;
            if (System.nanoTime() - since > boundNanos && noted != since) {
                noted = since;
                List<String> where = where(ui.getStackTrace());
                synchronized (this) {
                    if (lastFrame == since) {
                        heldAt = where;
                    }
                }
            }
        }
    }

    /** The UI thread's frames in Scapscope, or when it is in JavaFX's own work (layout, CSS, drawing), its top frames. */
    private static List<String> where(StackTraceElement[] stack) {
        List<String> where = new ArrayList<>();
        for (StackTraceElement f : stack) {
            if (f.getClassName().startsWith("org.scapscope") && where.size() < FRAMES_KEPT) {
                where.add(frame(f));
            }
        }
        if (where.isEmpty()) {
            for (int k = 0; k < Math.min(FRAMES_KEPT, stack.length); k++) {
                where.add(frame(stack[k]));
            }
        }
        return where;
    }

    private static String frame(StackTraceElement f) {
        return f.getClassName().substring(f.getClassName().lastIndexOf('.') + 1) + "." + f.getMethodName() + ":"
                + f.getLineNumber();
    }

    private synchronized void print(PrintStream out) {
        out.printf(Locale.ROOT, "UI frames: %,d; longest gap %.0f ms; gaps over %d ms: %d%n", frames, worstNanos / 1e6,
                boundNanos / 1_000_000L, stalls.size());
        for (Stall s : stalls) {
            out.printf(Locale.ROOT, "  %,6d ms at %7.1f s, in %s%n", s.millis(), s.startMillis() / 1e3,
                    String.join(" < ", s.where()));
        }
        out.flush();
    }
}
