package org.scapscope.filter;

import java.net.InetAddress;
import java.net.UnknownHostException;

/** IP addresses and networks as filter values: parsed from text without name lookups. */
final class IpValues {
    private IpValues() {
    }

    /** The address written in {@code text} (IPv4 dotted quad or IPv6), as 4 or 16 bytes; null if it is not one. */
    static byte[] parseAddress(String text) {
        if (text.indexOf(':') >= 0) {
            return parseV6(text);
        }
        return parseV4(text);
    }

    static byte[] parseV4(String text) {
        byte[] out = new byte[4];
        int part = 0;
        int value = -1;
        for (int i = 0; i <= text.length(); i++) {
            char c = i < text.length() ? text.charAt(i) : '.';
            if (c == '.') {
                if (value < 0 || part > 3) {
                    return null;
                }
                out[part++] = (byte) value;
                value = -1;
            } else if (c >= '0' && c <= '9') {
                if (value == 0) {
                    return null; // a part with a leading zero (010), which inet_pton refuses too
                }
                value = (value < 0 ? 0 : value * 10) + (c - '0');
                if (value > 255) {
                    return null;
                }
            } else {
                return null;
            }
        }
        return part == 4 ? out : null;
    }

    private static byte[] parseV6(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (!(Character.digit(c, 16) >= 0 || c == ':' || c == '.')) {
                return null; // only literal characters: never a name lookup
            }
        }
        try {
            byte[] b = InetAddress.getByName(text).getAddress();
            if (b.length == 4) {
                // an IPv4-mapped address: keep the 16-byte form, as it was written
                byte[] mapped = new byte[16];
                mapped[10] = (byte) 0xFF;
                mapped[11] = (byte) 0xFF;
                System.arraycopy(b, 0, mapped, 12, 4);
                return mapped;
            }
            return b;
        } catch (UnknownHostException e) {
            return null;
        }
    }

    /**
     * Whether an address equals a value: byte for byte, or both the unspecified address ({@code
     * 0.0.0.0} and {@code ::} name the same nothing, as they do in sysdig). Otherwise an IPv4 address
     * never equals an IPv6 value, nor the other way round.
     */
    static boolean same(byte[] address, byte[] value) {
        if (address == null || value == null) {
            return false;
        }
        if (address.length == value.length) {
            return java.util.Arrays.equals(address, value);
        }
        return unspecified(address) && unspecified(value);
    }

    private static boolean unspecified(byte[] address) {
        for (byte b : address) {
            if (b != 0) {
                return false;
            }
        }
        return true;
    }

    /** A network: an address and how many leading bits of it count. */
    record Network(byte[] address, int prefix) {
        boolean contains(byte[] ip) {
            if (ip == null || ip.length != address.length) {
                return false;
            }
            int full = prefix / 8;
            for (int i = 0; i < full; i++) {
                if (ip[i] != address[i]) {
                    return false;
                }
            }
            int rest = prefix % 8;
            if (rest == 0) {
                return true;
            }
            int mask = (0xFF << (8 - rest)) & 0xFF;
            return (ip[full] & mask) == (address[full] & mask);
        }
    }

    /** {@code ADDRESS/BITS}; null when the text is not one. */
    static Network parseNetwork(String text) {
        int slash = text.indexOf('/');
        if (slash < 0) {
            return null;
        }
        byte[] a = parseAddress(text.substring(0, slash));
        String bits = text.substring(slash + 1);
        if (a == null || bits.isEmpty() || bits.length() > 3) {
            return null;
        }
        for (int i = 0; i < bits.length(); i++) {
            if (!Character.isDigit(bits.charAt(i))) {
                return null;
            }
        }
        int prefix = Integer.parseInt(bits);
        if (prefix > a.length * 8) {
            return null;
        }
        return new Network(a, prefix);
    }
}
