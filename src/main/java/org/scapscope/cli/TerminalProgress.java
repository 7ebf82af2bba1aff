package org.scapscope.cli;

import java.io.PrintWriter;
import org.scapscope.scap.OpenOptions;

/**
 * A one-line percentage on the terminal while a capture is inflated or indexed: shown only when the
 * work outlasts a short delay, updated at most ten times a second, and erased when the work ends.
 * Safe to call from the indexing threads.
 */
final class TerminalProgress implements OpenOptions.Progress {
    private static final long STEP_NANOS = 100_000_000L;

    private final PrintWriter err;
    private final String what;
    private final long showAfter;
    private long lastPrint;
    private int lastPercent = -1;
    private boolean shown;

    TerminalProgress(PrintWriter err, String what, long delayNanos) {
        this.err = err;
        this.what = what;
        this.showAfter = System.nanoTime() + delayNanos;
    }

    @Override
    public synchronized void update(long done, long total) {
        long now = System.nanoTime();
        int percent = total <= 0 ? 100 : (int) Math.min(100, done * 100 / total);
        if (now < showAfter || percent == lastPercent || (shown && now - lastPrint < STEP_NANOS)) {
            return;
        }
        lastPercent = percent;
        lastPrint = now;
        shown = true;
        err.print("\rscapscope: reading " + what + " " + percent + "%");
        err.flush();
    }

    /** Erases the line, if one was shown. */
    synchronized void finish() {
        if (shown) {
            err.print("\r\033[K");
            err.flush();
            shown = false;
        }
    }
}
