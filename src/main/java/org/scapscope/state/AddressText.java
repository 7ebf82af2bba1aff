package org.scapscope.state;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.scapscope.scap.Params;

/** Socket addresses and tuples as sysdig writes them in parameters and descriptor names. */
public final class AddressText {
    private AddressText() {
    }


    /** An IPv4 address in dotted decimal, from its four bytes in network order. */
    public static String ip4(byte[] b) {
        return Sockets.ip4(b);
    }

    /** An IPv6 address as inet_ntop writes it. */
    public static String ip6(byte[] b) {
        return Sockets.ip6(b);
    }

    /** A socket address as sysdig prints it: ip:port, a unix path, or "family N". */
    public static String sockaddrText(byte[] a) {
        if (a.length == 0) {
            return "NULL";
        }
        int family = a[0] & 0xFF;
        if (family == Params.AF_UNIX) {
            return sanitize(cString(a, 1));
        }
        if (family == Params.AF_INET) {
            if (a.length != 7) {
                return "INVALID IPv4";
            }
            return Sockets.ip4(i32(a, 1)) + ":" + u16(a, 5);
        }
        if (family == Params.AF_INET6) {
            if (a.length != 19) {
                return "INVALID IPv6";
            }
            return Sockets.ip6(Arrays.copyOfRange(a, 1, 17)) + ":" + u16(a, 17);
        }
        return "family " + (int) a[0];
    }

    /** A socket tuple as sysdig prints it. */
    public static String tupleText(byte[] t) {
        if (t.length == 0) {
            return "NULL";
        }
        int family = t[0] & 0xFF;
        if (family == Params.AF_INET) {
            if (t.length != 13) {
                return "INVALID IPv4";
            }
            return Sockets.ip4(i32(t, 1)) + ":" + u16(t, 5) + "->" + Sockets.ip4(i32(t, 7)) + ":" + u16(t, 11);
        }
        if (family == Params.AF_INET6) {
            if (t.length == 37) {
                if (Sockets.isV4Mapped(t, 1) && Sockets.isV4Mapped(t, 19)) {
                    return Sockets.ip4(i32(t, 13)) + ":" + u16(t, 17) + "->" + Sockets.ip4(i32(t, 31)) + ":"
                            + u16(t, 35);
                }
                return Sockets.ip6(Arrays.copyOfRange(t, 1, 17)) + ":" + u16(t, 17) + "->"
                        + Sockets.ip6(Arrays.copyOfRange(t, 19, 35)) + ":" + u16(t, 35);
            }
            return "INVALID IPv6";
        }
        if (family == Params.AF_UNIX) {
            if (t.length < 17) {
                return "family 1";
            }
            return Long.toHexString(i64(t, 1)) + "->" + Long.toHexString(i64(t, 9)) + " " + sanitize(cString(t, 17));
        }
        return "family " + (int) t[0];
    }

    /** Replaces characters sysdig would not print with nothing, as its sanitize_string does. */
    public static String sanitize(String s) {
        StringBuilder sb = null;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            boolean bad = c < 32 || c > 126;
            if (bad && sb == null) {
                sb = new StringBuilder(s.substring(0, i));
            }
            if (!bad && sb != null) {
                sb.append(c);
            }
        }
        return sb == null ? s : sb.toString();
    }

    static String cString(byte[] b, int at) {
        int end = at;
        while (end < b.length && b[end] != 0) {
            end++;
        }
        return at >= b.length ? "" : new String(b, at, end - at, StandardCharsets.UTF_8);
    }

    static int u16(byte[] b, int at) {
        return (b[at] & 0xFF) | (b[at + 1] & 0xFF) << 8;
    }

    static int i32(byte[] b, int at) {
        return (b[at] & 0xFF) | (b[at + 1] & 0xFF) << 8 | (b[at + 2] & 0xFF) << 16 | (b[at + 3] & 0xFF) << 24;
    }

    static long i64(byte[] b, int at) {
        return (i32(b, at) & 0xFFFF_FFFFL) | ((long) i32(b, at + 4) << 32);
    }
}
