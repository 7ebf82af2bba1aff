package org.scapscope.view;

import java.math.BigInteger;
import java.util.Locale;

/** A view's values as people read them, by what each column measures: the app's tables and the command line's. */
public final class ViewFormat {
    private ViewFormat() {
    }

    /** Whether a column holds numbers, shown aligned to the right. */
    public static boolean isNumeric(ViewColumn c) {
        String t = c.sinspType() == null ? "" : c.sinspType();
        return !"text".equals(c.format()) && !"timestamp".equals(c.format()) && !"ip".equals(c.format())
                && (t.startsWith("INT") || t.startsWith("UINT") || t.equals("DOUBLE") || t.equals("RELTIME")
                || t.equals("PORT") || t.equals("ERRNO") || t.equals("PID"));
    }

    /**
     * A value as a cell shows it: bytes in KB and MB, rates per second of the window ({@code seconds}
     * long), percentages and averages to two places, durations in their unit.
     */
    public static String cell(ViewColumn c, Object v, double seconds) {
        if (c == null || !(v instanceof Number n)) {
            return v == null ? "" : v.toString();
        }
        String format = c.format() == null ? "" : c.format();
        boolean bytes = c.field() != null && (c.field().contains("buflen") || c.field().contains(".b"));
        switch (format) {
            case "bytes":
                return n instanceof BigInteger ? n.toString() : ByteSizes.of(n.longValue());
            case "rate": {
                double perSecond = n.doubleValue() / seconds;
                return bytes ? ByteSizes.of(Math.round(perSecond)) + "/s"
                        : String.format(Locale.ROOT, perSecond >= 100 ? "%,.0f/s" : "%.2f/s", perSecond);
            }
            case "percent":
                return String.format(Locale.ROOT, "%.2f", n.doubleValue());
            case "time":
                return TimeText.of(n.longValue()).strip();
            case "count":
                return n instanceof Double ? String.format(Locale.ROOT, "%.2f", n.doubleValue())
                        : String.format(Locale.ROOT, "%,d", n.longValue());
            default:
                return n.toString();
        }
    }

    /** Numbers by value, anything else as text. */
    public static int compare(Object a, Object b) {
        if (a instanceof Number x && b instanceof Number y) {
            return Double.compare(x.doubleValue(), y.doubleValue());
        }
        return String.valueOf(a).compareTo(String.valueOf(b));
    }

    /** An overview tile's total: bytes in KB and MB for tiles that sum bytes, else a count. */
    public static String tileTotal(OverviewTile tile, long total) {
        String id = tile.id().toLowerCase(Locale.ROOT);
        if (tile.aggregation().equals("sum") && (id.contains("bytes") || "evt.buflen".equals(tile.field()))) {
            return ByteSizes.of(total);
        }
        return String.format(Locale.ROOT, "%,d", total);
    }

    /** Seconds of a capture (its first and last event times) a window {@code [from, to)} covers, for rates. */
    public static double windowSeconds(long firstTs, long lastTs, long from, long to) {
        return Math.max(1e-9, (Math.min(lastTs, to) - Math.max(firstTs, from)) / 1e9);
    }
}
