package org.scapscope.field;

import java.util.Set;

/** Field values as sysdig writes them in JSON output: times and counts as numbers, flags as booleans. */
public final class FieldJson {
    /** Times that JSON gives as nanoseconds since the epoch rather than as text. */
    private static final Set<String> EPOCH_TIMES = Set.of("evt.time", "evt.time.s", "evt.time.iso8601",
            "evt.datetime", "evt.datetime.s", "evt.outputtime");

    private FieldJson() {
    }

    /** A Long, Double, Boolean or String for the field on the current event; null when it has no value. */
    public static Object value(BoundField f, FieldContext c) {
        String name = f.info().name();
        if (EPOCH_TIMES.contains(name)) {
            return c.event().ts();
        }
        String text = f.printed(c);
        if (text == null) {
            return null;
        }
        FieldType type = f.info().type();
        if (type == FieldType.BOOL) {
            return Boolean.valueOf(text);
        }
        if (type == FieldType.DOUBLE) {
            try {
                return Double.valueOf(text);
            } catch (NumberFormatException e) {
                return text;
            }
        }
        if (type.isNumeric()) {
            try {
                return Long.valueOf(text);
            } catch (NumberFormatException e) {
                return text;
            }
        }
        return text;
    }
}
