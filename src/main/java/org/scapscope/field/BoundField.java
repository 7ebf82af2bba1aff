package org.scapscope.field;

/** A field with its argument resolved, ready to extract values from events. */
public interface BoundField {
    FieldInfo info();

    /** The text of the field for the current event, as sysdig prints it; null when the event has no such value. */
    String text(FieldContext ctx);

    /**
     * The text of the field in output formats ({@code -p}); usually {@link #text}. sysdig prints no
     * value for a few fields that filters and views still read (numbers it has no print form for).
     */
    default String printed(FieldContext ctx) {
        return text(ctx);
    }

    /** What {@link #number} returns for an event without the value. */
    long NO_NUMBER = Long.MIN_VALUE;

    /**
     * The value of an integer field without going through text (views sum millions of them), or
     * {@link #NO_NUMBER}; unsigned values past 2^63 come back negative, as Java keeps them.
     */
    default long number(FieldContext ctx) {
        String text = text(ctx);
        if (text == null) {
            return NO_NUMBER;
        }
        try {
            return text.startsWith("-") ? Long.parseLong(text) : Long.parseUnsignedLong(text);
        } catch (NumberFormatException e) {
            return NO_NUMBER;
        }
    }

    /**
     * The value of a decimal field at full precision (its text is rounded as sysdig prints it); null
     * when the event has no such value. Views sum and average these.
     */
    default Double decimal(FieldContext ctx) {
        String text = text(ctx);
        return text == null ? null : Double.valueOf(text);
    }

    /** The value for JSON output: a Long, Double, Boolean or String; null when the event has no such value. */
    default Object json(FieldContext ctx) {
        String text = text(ctx);
        if (text == null || !info().type().isNumeric()) {
            return text;
        }
        try {
            return Long.parseLong(text);
        } catch (NumberFormatException e) {
            return text;
        }
    }
}
