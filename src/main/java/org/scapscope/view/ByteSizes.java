package org.scapscope.view;

import java.util.Locale;

/** Byte counts as people read them: {@code 512 B}, {@code 4.0 KB}, {@code 73 MB}, in powers of 1024. */
public final class ByteSizes {
    private ByteSizes() {
    }

    public static String of(long bytes) {
        if (bytes < 1024) {
            return bytes + " B";
        }
        String[] units = {"KB", "MB", "GB", "TB"};
        double v = bytes;
        int u = -1;
        while (v >= 1024 && u < units.length - 1) {
            v /= 1024;
            u++;
        }
        return String.format(Locale.ROOT, v < 10 ? "%.1f %s" : "%.0f %s", v, units[u]);
    }
}
