package org.scapscope.scap;

import java.nio.charset.StandardCharsets;

/** Decoders for the structured parameter types: socket addresses and tuples, fd lists, dynamic parameters, flags. */
public final class Params {
    public static final int AF_UNIX = 1;
    public static final int AF_INET = 2;
    public static final int AF_INET6 = 10;

    private Params() {
    }

    /** A socket address, or null when the parameter is empty or malformed. */
    public static SocketAddress sockaddr(ScapEvent e, int i) {
        int len = e.paramLength(i);
        if (len == 0) {
            return null;
        }
        MappedInput in = e.input();
        long at = e.paramOffset(i);
        int family = in.getUnsignedByte(at);
        if (family == AF_INET && len >= 7) {
            return new SocketAddress(family, in.bytes(at + 1, 4), in.getUnsignedShort(at + 5), null);
        }
        if (family == AF_INET6 && len >= 19) {
            return new SocketAddress(family, in.bytes(at + 1, 16), in.getUnsignedShort(at + 17), null);
        }
        if (family == AF_UNIX) {
            return new SocketAddress(family, null, 0, cString(in, at + 1, len - 1));
        }
        return new SocketAddress(family, null, 0, null);
    }

    /** A socket tuple, or null when the parameter is empty. */
    public static SocketTuple tuple(ScapEvent e, int i) {
        int len = e.paramLength(i);
        if (len == 0) {
            return null;
        }
        MappedInput in = e.input();
        long at = e.paramOffset(i);
        int family = in.getUnsignedByte(at);
        if (family == AF_INET && len >= 13) {
            return new SocketTuple(family, in.bytes(at + 1, 4), in.getUnsignedShort(at + 5), in.bytes(at + 7, 4),
                    in.getUnsignedShort(at + 11), 0, 0, null);
        }
        if (family == AF_INET6 && len >= 37) {
            return new SocketTuple(family, in.bytes(at + 1, 16), in.getUnsignedShort(at + 17), in.bytes(at + 19, 16),
                    in.getUnsignedShort(at + 35), 0, 0, null);
        }
        if (family == AF_UNIX && len >= 17) {
            return new SocketTuple(family, null, 0, null, 0, in.getLong(at + 1), in.getLong(at + 9),
                    cString(in, at + 17, len - 17));
        }
        return new SocketTuple(family, null, 0, null, 0, 0, 0, null);
    }

    /** An fd list as pairs {fd, flags}; empty when the parameter is. */
    public static long[] fdList(ScapEvent e, int i) {
        int len = e.paramLength(i);
        if (len < 2) {
            return new long[0];
        }
        MappedInput in = e.input();
        long at = e.paramOffset(i);
        int count = Math.min(in.getUnsignedShort(at), (len - 2) / 10);
        long[] out = new long[2 * count];
        for (int k = 0; k < count; k++) {
            out[2 * k] = in.getLong(at + 2 + 10L * k);
            out[2 * k + 1] = in.getShort(at + 2 + 10L * k + 8);
        }
        return out;
    }

    /** The sub-type of a dynamic parameter, or null when it is empty or its index is out of its table. */
    public static ParamType dynamicType(ScapEvent e, int i) {
        ParamInfo p = e.paramInfo(i);
        if (p == null || p.dynamic() == null || e.paramLength(i) == 0) {
            return null;
        }
        return p.dynamic().typeAt(e.paramByte(i, 0));
    }

    /** The value of a dynamic parameter read as a number of its sub-type's width. */
    public static long dynamicLong(ScapEvent e, int i) {
        ParamType t = dynamicType(e, i);
        MappedInput in = e.input();
        long at = e.paramOffset(i) + 1;
        int len = e.paramLength(i) - 1;
        int width = t == null || !t.isFixedWidth() ? len : Math.min(t.width(), len);
        boolean signed = t != null && t.isSigned();
        switch (width) {
            case 1: return signed ? in.get(at) : in.getUnsignedByte(at);
            case 2: return signed ? in.getShort(at) : in.getUnsignedShort(at);
            case 4: return signed ? in.getInt(at) : in.getUnsignedInt(at);
            case 8: return in.getLong(at);
            default: return 0;
        }
    }

    /** The bytes of a dynamic parameter after its index byte. */
    public static byte[] dynamicBytes(ScapEvent e, int i) {
        int len = e.paramLength(i);
        return len <= 1 ? new byte[0] : e.input().bytes(e.paramOffset(i) + 1, len - 1);
    }

    /**
     * The names of a flags value joined by {@code |}, in table order: a flag whose value is 0 names
     * only the value 0, and an enum names only its exact value. Null when nothing matches.
     */
    public static String flagNames(FlagTable table, long value, boolean isEnum) {
        if (table == null) {
            return null;
        }
        String exact = table.nameOf(value);
        if (isEnum || exact != null) {
            return exact;
        }
        StringBuilder sb = new StringBuilder();
        for (int k = 0; k < table.size(); k++) {
            long flag = table.valueAt(k);
            if ((flag == 0 && value == 0) || (flag != 0 && value != 0 && (value & flag) == flag)) {
                if (sb.length() > 0) {
                    sb.append('|');
                }
                sb.append(table.nameAt(k));
            }
        }
        return sb.length() == 0 ? null : sb.toString();
    }

    private static String cString(MappedInput in, long at, int max) {
        int n = 0;
        while (n < max && in.get(at + n) != 0) {
            n++;
        }
        return new String(in.bytes(at, n), StandardCharsets.UTF_8);
    }
}
