package org.scapscope.filter;

import java.nio.charset.StandardCharsets;
import org.scapscope.field.FieldContext;
import org.scapscope.scap.EventInfo;
import org.scapscope.scap.EventSchema;
import org.scapscope.scap.ScapEvent;

/**
 * {@code evt.buffer} compared with bytes ({@code contains}, {@code bcontains}, {@code startswith},
 * {@code bstartswith}, {@code endswith}, {@code =}, {@code !=}): the event's data buffer is copied
 * into a buffer this predicate keeps and searched there, with no allocation per event.
 */
final class BufferMatch extends Predicate {
    /** The index of the {@code data} argument of each event type, or -1. */
    private static final int[] DATA_PARAM = new int[1 << 16];

    static {
        java.util.Arrays.fill(DATA_PARAM, -1);
        EventSchema schema = EventSchema.get();
        for (int t = 0; t < schema.size(); t++) {
            EventInfo info = schema.event(t);
            DATA_PARAM[t] = info == null ? -1 : info.paramIndex("data");
        }
    }

    private final Operator op;
    private final byte[] needle;
    private final ThreadLocal<byte[]> scratch = ThreadLocal.withInitial(() -> new byte[1 << 16]);

    private BufferMatch(Operator op, byte[] needle) {
        this.op = op;
        this.needle = needle;
    }

    /** The predicate for these operators on a value held one byte per character; null for other operators. */
    static BufferMatch of(Operator op, String value) {
        switch (op) {
            case CONTAINS: case BCONTAINS: case STARTSWITH: case BSTARTSWITH: case ENDSWITH: case EQ: case EQ2:
            case NE:
                return new BufferMatch(op, value.getBytes(StandardCharsets.ISO_8859_1));
            default:
                return null;
        }
    }

    @Override
    boolean test(FieldContext c) {
        ScapEvent e = c.event();
        int p = DATA_PARAM[e.type()];
        if (p < 0 || p >= e.paramCount()) {
            return false;
        }
        // an empty buffer is a value too, as sysdig compares it: it equals "", contains "", and nothing else
        int length = e.paramLength(p);
        byte[] buf = scratch.get();
        if (buf.length < length) {
            buf = new byte[Math.max(length, buf.length * 2)];
            scratch.set(buf);
        }
        int n = e.copyParam(p, buf, length);
        switch (op) {
            case CONTAINS: case BCONTAINS:
                return indexOf(buf, n, needle) >= 0;
            case STARTSWITH: case BSTARTSWITH:
                return n >= needle.length && regionEquals(buf, 0, needle);
            case ENDSWITH:
                return n >= needle.length && regionEquals(buf, n - needle.length, needle);
            case EQ: case EQ2:
                return n == needle.length && regionEquals(buf, 0, needle);
            default:
                return !(n == needle.length && regionEquals(buf, 0, needle));
        }
    }

    private static boolean regionEquals(byte[] buf, int at, byte[] part) {
        for (int i = 0; i < part.length; i++) {
            if (buf[at + i] != part[i]) {
                return false;
            }
        }
        return true;
    }

    static int indexOf(byte[] buf, int n, byte[] part) {
        if (part.length == 0) {
            return 0;
        }
        byte first = part[0];
        int last = n - part.length;
        for (int i = 0; i <= last; i++) {
            if (buf[i] == first && regionEquals(buf, i, part)) {
                return i;
            }
        }
        return -1;
    }
}
