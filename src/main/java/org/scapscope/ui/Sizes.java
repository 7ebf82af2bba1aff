package org.scapscope.ui;

import java.time.Duration;
import java.util.Locale;

/** Durations as a table shows them (byte counts: {@link org.scapscope.view.ByteSizes}). */
final class Sizes {
    private Sizes() {
    }

    static String duration(Duration d) {
        if (d == null) {
            return "";
        }
        long s = d.toSeconds();
        if (s >= 3600) {
            return String.format(Locale.ROOT, "%d h %02d min", s / 3600, s / 60 % 60);
        }
        if (s >= 60) {
            return String.format(Locale.ROOT, "%d min %02d s", s / 60, s % 60);
        }
        return String.format(Locale.ROOT, "%.1f s", d.toMillis() / 1000.0);
    }
}
