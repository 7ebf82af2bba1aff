package org.scapscope.cli;

import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeParseException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A time given on the command line, for a capture that starts at {@code start} (ns since the epoch):
 * nanoseconds since the epoch ({@code 1506127470228746993}); an offset from the capture's start
 * ({@code +5s}, {@code +1.5m}, {@code +250ms}); or a clock time on the capture's first day
 * ({@code 00:44:31}, {@code 00:44:31.5}).
 */
final class TimeArg {
    private static final Pattern OFFSET = Pattern.compile("\\+([0-9]+(?:\\.[0-9]+)?)(ns|us|ms|s|m|h)?");

    private TimeArg() {
    }

    /** The time in ns since the epoch; throws IllegalArgumentException naming the form expected. */
    static long resolve(String text, long start, ZoneId zone) {
        String t = text.strip();
        if (t.matches("[0-9]+")) {
            try {
                return Long.parseLong(t);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("`" + text + "` is past any time a capture holds: nanoseconds since"
                        + " the epoch have at most 19 digits");
            }
        }
        Matcher m = OFFSET.matcher(t);
        if (m.matches()) {
            double amount = Double.parseDouble(m.group(1));
            String unit = m.group(2) == null ? "s" : m.group(2);
            double ns;
            switch (unit) {
                case "ns": ns = amount; break;
                case "us": ns = amount * 1e3; break;
                case "ms": ns = amount * 1e6; break;
                case "m": ns = amount * 60e9; break;
                case "h": ns = amount * 3600e9; break;
                default: ns = amount * 1e9; break;
            }
            // an offset past the last time a capture can hold is that last time: nothing after, all before
            return ns >= Long.MAX_VALUE - (double) start ? Long.MAX_VALUE : start + (long) ns;
        }
        try {
            LocalTime clock = LocalTime.parse(t);
            ZonedDateTime day = Instant.ofEpochSecond(0, start).atZone(zone);
            return day.with(clock).toInstant().getEpochSecond() * 1_000_000_000L + day.with(clock).getNano();
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("`" + text + "` is not a time: give nanoseconds since the epoch, "
                    + "an offset from the capture's start such as +5s or +250ms, or a clock time such as 12:34:56.5");
        }
    }
}
