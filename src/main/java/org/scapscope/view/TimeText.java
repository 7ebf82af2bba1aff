package org.scapscope.view;

/**
 * Durations as csysdig shows them, right-aligned in 10 characters: {@code 3.05ms}, {@code 40us},
 * {@code 1.28s}, and from a minute on minutes and seconds as C's {@code %u:%u} writes them ({@code 2:5}).
 */
public final class TimeText {
    private TimeText() {
    }

    public static String of(long ns) {
        String s;
        long sec = ns / 1_000_000_000L;
        if (ns >= 3600 * 1_000_000_000L) {
            s = String.format(java.util.Locale.ROOT, "%02d:%02d:%02d", sec / 3600, (sec / 60) % 60, sec % 60);
        } else if (ns >= 60 * 1_000_000_000L) {
            s = (sec / 60) + ":" + (sec % 60);
        } else if (ns >= 1_000_000_000L) {
            s = String.format(java.util.Locale.ROOT, "%d.%02ds", sec, (ns % 1_000_000_000L) / 10_000_000L);
        } else if (ns >= 10_000_000L) {
            s = (ns / 1_000_000L) + "ms";
        } else if (ns >= 1_000_000L) {
            s = String.format(java.util.Locale.ROOT, "%d.%02dms", ns / 1_000_000L, (ns % 1_000_000L) / 10_000L);
        } else if (ns >= 10_000L) {
            s = (ns / 1000L) + "us";
        } else if (ns >= 1000L) {
            s = String.format(java.util.Locale.ROOT, "%d.%02dus", ns / 1000L, (ns % 1000L) / 10L);
        } else {
            s = ns + "ns";
        }
        return s.length() >= 10 ? s : " ".repeat(10 - s.length()) + s;
    }
}
