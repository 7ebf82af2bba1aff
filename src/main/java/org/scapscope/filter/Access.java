package org.scapscope.filter;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.scapscope.field.BoundField;
import org.scapscope.field.FieldContext;
import org.scapscope.field.FieldType;
import org.scapscope.scap.ScapEvent;

/** Reads the value a comparison compares from the current event: a field, possibly transformed. */
abstract class Access {
    final FieldType type;

    Access(FieldType type) {
        this.type = type;
    }

    /** The value as text (bytes one per character for buffers), or null when the event has none. */
    abstract String value(FieldContext c);

    ValueKind kind() {
        return ValueKind.of(type);
    }

    /** A field as the registry extracts it. */
    static final class Field extends Access {
        private final BoundField field;

        Field(BoundField field, FieldType type) {
            super(type);
            this.field = field;
        }

        @Override
        String value(FieldContext c) {
            return field.text(c);
        }

        /** The value as a number, without text, for integer comparisons; {@link BoundField#NO_NUMBER} when none. */
        long number(FieldContext c) {
            return field.number(c);
        }
    }

    /** The raw bytes of the event's data buffer ({@code evt.buffer}), one character per byte. */
    static final class Buffer extends Access {
        Buffer() {
            super(FieldType.BYTEBUF);
        }

        @Override
        String value(FieldContext c) {
            ScapEvent e = c.event();
            int i = e.paramIndex("data");
            // an event that carries data carries it even when it is empty: sysdig's evt.buffer exists then
            if (i < 0 || i >= e.paramCount()) {
                return null;
            }
            return new String(e.paramBytes(i), StandardCharsets.ISO_8859_1);
        }
    }

    /** ASCII letters to one case, every other character as it is (C's tolower and toupper, as Falco applies them). */
    static String asciiCase(String v, boolean upper) {
        char[] out = null;
        for (int i = 0; i < v.length(); i++) {
            char c = v.charAt(i);
            char d = upper ? (c >= 'a' && c <= 'z' ? (char) (c - 32) : c) : (c >= 'A' && c <= 'Z' ? (char) (c + 32) : c);
            if (d != c) {
                if (out == null) {
                    out = v.toCharArray();
                }
                out[i] = d;
            }
        }
        return out == null ? v : new String(out);
    }

    /** A transformer applied to another value. */
    static final class Transformed extends Access {
        private final Transformer transformer;
        private final Access inner;

        Transformed(Transformer transformer, Access inner) {
            super(resultType(transformer, inner.type));
            this.transformer = transformer;
            this.inner = inner;
        }

        static FieldType resultType(Transformer t, FieldType input) {
            return t == Transformer.LEN ? FieldType.UINT64 : input == FieldType.BYTEBUF ? FieldType.BYTEBUF
                    : FieldType.CHARBUF;
        }

        @Override
        String value(FieldContext c) {
            String v = inner.value(c);
            if (v == null) {
                return null;
            }
            switch (transformer) {
                case TOLOWER:
                    return asciiCase(v, false);
                case TOUPPER:
                    return asciiCase(v, true);
                case BASENAME: {
                    int slash = v.lastIndexOf('/');
                    return slash < 0 ? v : v.substring(slash + 1);
                }
                case B64:
                    try {
                        byte[] raw = inner.kind() == ValueKind.BYTES ? v.getBytes(StandardCharsets.ISO_8859_1)
                                : v.getBytes(StandardCharsets.UTF_8);
                        // decoded bytes need not be text: one character per byte, as \xHH values are written
                        return new String(Base64.getDecoder().decode(raw), StandardCharsets.ISO_8859_1);
                    } catch (IllegalArgumentException e) {
                        return null;
                    }
                case LEN:
                    return Integer.toString(inner.kind() == ValueKind.BYTES ? v.length()
                            : v.getBytes(StandardCharsets.UTF_8).length);
                default:
                    throw new AssertionError(transformer);
            }
        }
    }
}
