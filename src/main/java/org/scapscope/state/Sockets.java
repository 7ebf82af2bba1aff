package org.scapscope.state;

import java.util.Arrays;
import org.scapscope.scap.FdRecord;
/** Text of socket addresses as libsinsp names descriptors ({@code 10.0.0.1:80->10.0.0.2:4000}). */
final class Sockets {
    private Sockets() {
    }

    static boolean isV4Mapped(byte[] ip) {
        return isV4Mapped(ip, 0);
    }

    /** An IPv4-mapped IPv6 address, or the all-zero address, which libsinsp also takes for IPv4. */
    static boolean isV4Mapped(byte[] b, int at) {
        for (int i = 0; i < 10; i++) {
            if (b[at + i] != 0) {
                return false;
            }
        }
        if ((b[at + 10] & 0xFF) == 0xFF && (b[at + 11] & 0xFF) == 0xFF) {
            return true;
        }
        for (int i = 10; i < 16; i++) {
            if (b[at + i] != 0) {
                return false;
            }
        }
        return true;
    }

    static String ip4(int raw) {
        return (raw & 0xFF) + "." + ((raw >>> 8) & 0xFF) + "." + ((raw >>> 16) & 0xFF) + "." + ((raw >>> 24) & 0xFF);
    }

    static String ip4(byte[] b) {
        return (b[0] & 0xFF) + "." + (b[1] & 0xFF) + "." + (b[2] & 0xFF) + "." + (b[3] & 0xFF);
    }

    /** IPv6 text as inet_ntop writes it: the longest run of zero words folded, an IPv4 tail where it applies. */
    static String ip6(byte[] b) {
        int[] w = new int[8];
        for (int i = 0; i < 8; i++) {
            w[i] = ((b[2 * i] & 0xFF) << 8) | (b[2 * i + 1] & 0xFF);
        }
        int best = -1;
        int bestLen = 0;
        for (int i = 0; i < 8;) {
            if (w[i] != 0) {
                i++;
                continue;
            }
            int j = i;
            while (j < 8 && w[j] == 0) {
                j++;
            }
            if (j - i > bestLen) {
                best = i;
                bestLen = j - i;
            }
            i = j;
        }
        if (bestLen < 2) {
            best = -1;
            bestLen = 0;
        }
        StringBuilder sb = new StringBuilder(40);
        for (int i = 0; i < 8; i++) {
            if (best >= 0 && i >= best && i < best + bestLen) {
                if (i == best) {
                    sb.append(':');
                }
                continue;
            }
            if (i != 0) {
                sb.append(':');
            }
            if (i == 6 && best == 0 && (bestLen == 6 || (bestLen == 7 && w[7] != 1) || (bestLen == 5 && w[5] == 0xFFFF))) {
                sb.append(b[12] & 0xFF).append('.').append(b[13] & 0xFF).append('.').append(b[14] & 0xFF)
                        .append('.').append(b[15] & 0xFF);
                return sb.toString();
            }
            sb.append(Integer.toHexString(w[i]));
        }
        if (best >= 0 && best + bestLen == 8) {
            sb.append(':');
        }
        return sb.toString();
    }

    static String v4TupleText(FdInfo fd) {
        return ip4(fd.v4SourceIpRaw()) + ":" + fd.v4SourcePort() + "->" + ip4(fd.v4DestIpRaw()) + ":" + fd.v4DestPort();
    }

    static String v4ServerText(FdInfo fd) {
        return ip4(fd.v4ServerIp()) + ":" + fd.v4ServerPort();
    }

    static String v6TupleText(FdInfo fd) {
        return ip6(fd.v6SourceIp()) + ":" + fd.v6SourcePort() + "->" + ip6(fd.v6DestIp()) + ":" + fd.v6DestPort();
    }

    static String v6ServerText(FdInfo fd) {
        return ip6(fd.v6ServerIp()) + ":" + fd.v6ServerPort();
    }

    /** The name libsinsp gives a connected inet socket, by its protocol. */
    static String socketName(FdInfo fd) {
        if (fd.type == FdRecord.IPV4_SOCK) {
            int proto = fd.v4Proto();
            if (proto == FdInfo.L4_TCP || proto == FdInfo.L4_UDP) {
                return v4TupleText(fd);
            }
            if (proto == FdInfo.L4_ICMP || proto == FdInfo.L4_RAW) {
                return ip4(fd.v4SourceIpRaw()) + "->" + ip4(fd.v4DestIpRaw());
            }
            return "<unknown>";
        }
        int proto = fd.v6Proto();
        if (proto == FdInfo.L4_TCP || proto == FdInfo.L4_UDP) {
            byte[] s = fd.v6SourceIp();
            byte[] d = fd.v6DestIp();
            if (isV4Mapped(s) && isV4Mapped(d)) {
                // libsinsp reads the ports of the IPv4 view of the same bytes here
                return ip4(Arrays.copyOfRange(s, 12, 16)) + ":" + fd.v4SourcePort() + "->"
                        + ip4(Arrays.copyOfRange(d, 12, 16)) + ":" + fd.v4DestPort();
            }
            return v6TupleText(fd);
        }
        if (proto == FdInfo.L4_ICMP) {
            return ip6(fd.v6SourceIp()) + "->" + ip6(fd.v6DestIp());
        }
        return "<unknown>";
    }
}
