package org.scapscope.field;

import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;

/** Timestamp texts in sysdig's formats. */
public final class Times {
    private static final long NS = 1_000_000_000L;

    private Times() {
    }

    /** {@code HH:MM:SS.nnnnnnnnn} in the zone. */
    static String time(long ts, ZoneId zone) {
        ZonedDateTime t = at(ts, zone);
        StringBuilder sb = new StringBuilder(18);
        two(sb, t.getHour()).append(':');
        two(sb, t.getMinute()).append(':');
        two(sb, t.getSecond()).append('.');
        return nine(sb, Math.floorMod(ts, NS)).toString();
    }

    /** {@code HH:MM:SS}. */
    static String timeSeconds(long ts, ZoneId zone) {
        ZonedDateTime t = at(ts, zone);
        StringBuilder sb = new StringBuilder(8);
        two(sb, t.getHour()).append(':');
        two(sb, t.getMinute()).append(':');
        return two(sb, t.getSecond()).toString();
    }

    /** {@code YYYY-MM-DD HH:MM:SS.nnnnnnnnn}. */
    static String dateTime(long ts, ZoneId zone) {
        return date(ts, zone) + " " + time(ts, zone);
    }

    static String dateTimeSeconds(long ts, ZoneId zone) {
        return date(ts, zone) + " " + timeSeconds(ts, zone);
    }

    /** ISO 8601 in UTC with nanoseconds, as sysdig writes it: {@code 2023-07-28T15:14:22.753887343+0000}. */
    static String iso8601(long ts) {
        ZonedDateTime t = at(ts, ZoneId.of("UTC"));
        StringBuilder sb = new StringBuilder(30);
        sb.append(String.format("%04d-%02d-%02dT", t.getYear(), t.getMonthValue(), t.getDayOfMonth()));
        two(sb, t.getHour()).append(':');
        two(sb, t.getMinute()).append(':');
        two(sb, t.getSecond()).append('.');
        return nine(sb, Math.floorMod(ts, NS)).append("+0000").toString(); // UTC, written as sysdig writes it
    }

    private static String date(long ts, ZoneId zone) {
        ZonedDateTime t = at(ts, zone);
        return String.format("%04d-%02d-%02d", t.getYear(), t.getMonthValue(), t.getDayOfMonth());
    }

    private static ZonedDateTime at(long ts, ZoneId zone) {
        return Instant.ofEpochSecond(Math.floorDiv(ts, NS), Math.floorMod(ts, NS)).atZone(zone);
    }

    private static StringBuilder two(StringBuilder sb, int v) {
        if (v < 10) {
            sb.append('0');
        }
        return sb.append(v);
    }

    /** Nanoseconds as nine digits. */
    static StringBuilder nine(StringBuilder sb, long v) {
        String s = Long.toString(v);
        for (int i = s.length(); i < 9; i++) {
            sb.append('0');
        }
        return sb.append(s);
    }

    /** Nanoseconds as seconds with nine decimals, read unsigned as sysdig's 64-bit times are: {@code 0.022669396}. */
    public static String seconds(long ns) {
        return Long.toUnsignedString(Long.divideUnsigned(ns, NS)) + "." + padded(Long.remainderUnsigned(ns, NS));
    }

    /** A nanosecond count zero-padded to at least nine digits, as sysdig prints relative times. */
    static String padded(long v) {
        if (v < 0) {
            return Long.toString(v);
        }
        return nine(new StringBuilder(12), v).toString();
    }
}
