package org.scapscope.state;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import org.scapscope.scap.FdRecord;
import org.scapscope.scap.InterfaceRecord;

/**
 * The network interfaces of the machine, used as libsinsp uses them: to fill in the missing local
 * address of a connectionless socket, and to tell local addresses from remote ones.
 */
public final class Interfaces {
    private static final int LOOPBACK = 0x0100007f;
    private static final byte[] V6_LOOPBACK = new byte[16];

    static {
        V6_LOOPBACK[15] = 1;
    }

    private final List<int[]> v4 = new ArrayList<>();
    private final List<byte[]> v6 = new ArrayList<>();
    private final List<InterfaceRecord> records = new ArrayList<>();

    void add(InterfaceRecord r) {
        records.add(r);
        if (r.ipv6()) {
            v6.add(r.address());
        } else {
            v4.add(new int[] {raw(r.address()), raw(r.netmask())});
        }
    }

    public List<InterfaceRecord> all() {
        return Collections.unmodifiableList(records);
    }

    static int raw(byte[] b) {
        return (b[0] & 0xFF) | (b[1] & 0xFF) << 8 | (b[2] & 0xFF) << 16 | (b[3] & 0xFF) << 24;
    }

    private int inferV4(int dest) {
        for (int[] i : v4) {
            if (i[0] == dest) {
                return i[0];
            }
        }
        for (int[] i : v4) {
            if ((i[0] & i[1]) == (dest & i[1])) {
                return i[0];
            }
        }
        for (int[] i : v4) {
            if (i[0] != LOOPBACK) {
                return i[0];
            }
        }
        return 0;
    }

    private byte[] inferV6(byte[] dest) {
        for (byte[] i : v6) {
            if (Arrays.equals(i, dest)) {
                return i;
            }
        }
        for (byte[] i : v6) {
            if (sameSubnet(i, dest)) {
                return i;
            }
        }
        for (byte[] i : v6) {
            if (!Arrays.equals(i, V6_LOOPBACK)) {
                return i;
            }
        }
        return new byte[16];
    }

    private static boolean sameSubnet(byte[] a, byte[] b) {
        for (int k = 0; k < 8; k++) {
            if (a[k] != b[k]) {
                return false;
            }
        }
        return true;
    }

    /** Completes a socket whose local or remote address is missing with the interface that would carry it. */
    void updateFd(FdInfo fd) {
        if (fd.type == FdRecord.IPV4_SOCK) {
            int sip = fd.v4SourceIpRaw();
            int dip = fd.v4DestIpRaw();
            if (sip != 0 && dip != 0) {
                return;
            }
            if (sip == 0) {
                int n = inferV4(dip);
                if (n == dip && fd.v4SourcePort() == fd.v4DestPort()) {
                    return;
                }
                fd.setV4SourceIp(n);
            } else {
                int n = inferV4(sip);
                if (n == sip && fd.v4SourcePort() == fd.v4DestPort()) {
                    return;
                }
                fd.setV4DestIp(n);
            }
        } else if (fd.type == FdRecord.IPV6_SOCK) {
            byte[] empty = new byte[16];
            byte[] sip = fd.v6SourceIp();
            byte[] dip = fd.v6DestIp();
            if (!Arrays.equals(sip, empty) && !Arrays.equals(dip, empty)) {
                return;
            }
            if (Arrays.equals(sip, empty)) {
                byte[] n = inferV6(dip);
                if (Arrays.equals(n, dip) && fd.v6SourcePort() == fd.v6DestPort()) {
                    return;
                }
                fd.setV6SourceIp(n);
            } else {
                byte[] n = inferV6(sip);
                if (Arrays.equals(n, sip) && fd.v6SourcePort() == fd.v6DestPort()) {
                    return;
                }
                fd.setV6DestIp(n);
            }
        }
    }

    /** Whether an IPv4 address (network order) is the machine's, or the container's of the thread. */
    public boolean isLocalV4(int addr, ThreadInfo t, Containers containers) {
        if (t != null && !t.containerId.isEmpty()) {
            Integer ip = containers.ipv4Of(t.containerId);
            if (ip != null) {
                if (ip != 0) {
                    if (ip == addr) {
                        return true;
                    }
                } else if (containers.anyHasIpv4(addr)) {
                    // without the container's address, any container's address counts (an unknown one is 0)
                    return true;
                }
            }
        }
        for (int[] i : v4) {
            if (i[0] == addr) {
                return true;
            }
        }
        return false;
    }

    /** Whether an IPv6 address is on one of the machine's networks (never for a container thread). */
    public boolean isLocalV6(byte[] addr, ThreadInfo t) {
        if (t != null && !t.containerId.isEmpty()) {
            return false;
        }
        for (byte[] i : v6) {
            if (sameSubnet(addr, i)) {
                return true;
            }
        }
        return false;
    }
}
