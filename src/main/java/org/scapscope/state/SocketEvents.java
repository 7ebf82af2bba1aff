package org.scapscope.state;

import static org.scapscope.state.EventTypeIds.*;
import static org.scapscope.state.ProcessEvents.num;

import java.util.Arrays;
import org.scapscope.scap.FdRecord;
import org.scapscope.scap.Params;
import org.scapscope.scap.ScapEvent;

/** How network events change the descriptor tables: sockets, bind, connect, accept, and the tuples of I/O. */
final class SocketEvents {
    private static final int IPPROTO_IP = 0;
    private static final int IPPROTO_ICMP = 1;
    private static final int IPPROTO_TCP = 6;
    private static final int IPPROTO_UDP = 17;
    private static final int IPPROTO_RAW = 255;
    private static final int SOCK_STREAM = 1;
    private static final int SOCK_DGRAM = 2;
    private static final int SOCK_RAW = 3;
    private static final int AF_NETLINK = 16;

    private SocketEvents() {
    }

    static void socketExit(MachineState s, ScapEvent e) {
        long fd = num(e, 0);
        if (fd < 0 || s.tinfo == null) {
            return;
        }
        ScapEvent enter = s.enterOf(e);
        long domain;
        long type;
        long proto;
        if (enter != null && enter.paramCount() >= 3) {
            domain = enter.paramAsLong(0);
            type = enter.paramAsLong(1);
            proto = enter.paramAsLong(2);
        } else if (e.paramCount() >= 4) {
            // current drivers carry the arguments in the exit event
            domain = e.paramAsLong(1);
            type = e.paramAsLong(2);
            proto = e.paramAsLong(3);
        } else {
            return;
        }
        addSocket(s, fd, (int) domain, (int) type, (int) proto);
    }

    static void addSocket(MachineState s, long fd, int domain, int type, int protocol) {
        FdInfo info = new FdInfo();
        info.type = FdRecord.UNKNOWN;
        if (domain == Params.AF_UNIX) {
            info.type = FdRecord.UNIX_SOCK;
        } else if (domain == Params.AF_INET || domain == Params.AF_INET6) {
            info.type = domain == Params.AF_INET ? FdRecord.IPV4_SOCK : FdRecord.IPV6_SOCK;
            int l4 = FdInfo.L4_UNKNOWN;
            if (protocol == IPPROTO_TCP) {
                l4 = type == SOCK_RAW ? FdInfo.L4_RAW : FdInfo.L4_TCP;
            } else if (protocol == IPPROTO_UDP) {
                l4 = type == SOCK_RAW ? FdInfo.L4_RAW : FdInfo.L4_UDP;
            } else if (protocol == IPPROTO_IP) {
                if ((type & 0xFF) == SOCK_STREAM) {
                    l4 = FdInfo.L4_TCP;
                } else if ((type & 0xFF) == SOCK_DGRAM) {
                    l4 = FdInfo.L4_UDP;
                }
            } else if (protocol == IPPROTO_ICMP) {
                l4 = type == SOCK_RAW ? FdInfo.L4_RAW : FdInfo.L4_ICMP;
            } else if (protocol == IPPROTO_RAW) {
                l4 = FdInfo.L4_RAW;
            }
            if (domain == Params.AF_INET) {
                info.setV4Proto(l4);
            } else {
                info.setV6Proto(l4);
            }
        } else if (domain == AF_NETLINK) {
            info.type = FdRecord.NETLINK;
        }
        if (info.type == FdRecord.UNKNOWN) {
            return;
        }
        s.fdinfo = s.tinfo.addFd(fd, info);
    }

    /** A sendto on a descriptor the capture never saw created: take it for a UDP socket. */
    static void inferSendtoSocket(MachineState s, ScapEvent e) {
        long fd = num(e, 0);
        if (fd < 0 || e.paramCount() < 3 || e.paramLength(2) == 0) {
            return;
        }
        int family = e.paramByte(2, 0);
        if (family == Params.AF_INET || family == Params.AF_INET6) {
            addSocket(s, fd, family, SOCK_DGRAM, IPPROTO_UDP);
        }
    }

    static void bindExit(MachineState s, ScapEvent e) {
        FdInfo fd = s.fdinfo;
        if (fd == null || num(e, 0) < 0 || e.paramCount() < 2 || e.paramLength(1) == 0) {
            return;
        }
        byte[] addr = e.paramBytes(1);
        int family = addr[0] & 0xFF;
        if (family == Params.AF_INET && addr.length >= 7) {
            int port = AddressText.u16(addr, 5);
            if (port > 0) {
                int proto = fd.v4Proto();
                fd.type = FdRecord.IPV4_SERVSOCK;
                fd.setV4Server(AddressText.i32(addr, 1), port, proto);
                fd.setRoleServer();
            }
        } else if (family == Params.AF_INET6 && addr.length >= 19) {
            int port = AddressText.u16(addr, 17);
            if (port > 0) {
                byte[] ip = Arrays.copyOfRange(addr, 1, 17);
                if (Sockets.isV4Mapped(ip)) {
                    int proto = fd.v6Proto();
                    fd.type = FdRecord.IPV4_SERVSOCK;
                    fd.setV4Server(AddressText.i32(addr, 13), port, proto);
                } else {
                    int proto = fd.v6Proto();
                    fd.type = FdRecord.IPV6_SERVSOCK;
                    fd.setV6Server(ip, port, proto);
                }
                fd.setRoleServer();
            }
        }
        fd.name = AddressText.sockaddrText(addr);
    }

    static void connectEnter(MachineState s, ScapEvent e) {
        FdInfo fd = s.fdinfo;
        if (fd == null || e.paramCount() < 2 || e.paramLength(1) == 0) {
            return;
        }
        byte[] addr = e.paramBytes(1);
        int family = addr[0] & 0xFF;
        if (family == Params.AF_INET && addr.length >= 7) {
            fd.type = FdRecord.IPV4_SOCK;
            fd.setV4DestIp(AddressText.i32(addr, 1));
            fd.setV4DestPort(AddressText.u16(addr, 5));
        } else if (family == Params.AF_INET6 && addr.length >= 19) {
            int port = AddressText.u16(addr, 17);
            byte[] ip = Arrays.copyOfRange(addr, 1, 17);
            if (Sockets.isV4Mapped(ip)) {
                fd.type = FdRecord.IPV4_SOCK;
                fd.setV4DestIp(AddressText.i32(addr, 13));
                fd.setV4DestPort(port);
            } else {
                fd.type = FdRecord.IPV6_SOCK;
                fd.setV6DestPort(port);
                fd.setV6DestIp(ip);
            }
        } else {
            fd.name = AddressText.sockaddrText(addr);
            if (addr.length >= 17) {
                fd.setUnix(AddressText.i64(addr, 1), AddressText.i64(addr, 9));
            }
        }
    }

    static void connectExit(MachineState s, ScapEvent e) {
        FdInfo fd = s.fdinfo;
        if (fd == null) {
            return;
        }
        long res = num(e, 0);
        if (res < 0 && res != -115) {
            return;
        }
        fd.setConnected();
        if (e.paramCount() < 2 || e.paramLength(1) == 0) {
            return;
        }
        fillClientSocket(s, fd, e.paramBytes(1));
    }

    private static void fillClientSocket(MachineState s, FdInfo fd, byte[] tuple) {
        int family = tuple[0] & 0xFF;
        if (family == Params.AF_INET || family == Params.AF_INET6) {
            boolean changed;
            if (family == Params.AF_INET6) {
                if (tuple.length < 37) {
                    return;
                }
                if (!(Sockets.isV4Mapped(tuple, 1) && Sockets.isV4Mapped(tuple, 19))) {
                    fd.type = FdRecord.IPV6_SOCK;
                    changed = setV6Tuple(fd, tuple);
                } else {
                    fd.type = FdRecord.IPV4_SOCK;
                    changed = setV4Tuple(fd, AddressText.i32(tuple, 13), AddressText.u16(tuple, 17), AddressText.i32(tuple, 31), AddressText.u16(tuple, 35));
                }
            } else {
                if (tuple.length < 13) {
                    return;
                }
                fd.type = FdRecord.IPV4_SOCK;
                changed = setV4Tuple(fd, AddressText.i32(tuple, 1), AddressText.u16(tuple, 5), AddressText.i32(tuple, 7), AddressText.u16(tuple, 11));
            }
            if (changed && fd.isRoleServer() && fd.isUdpSocket()) {
                swap(fd);
            }
            fd.name = Sockets.socketName(fd);
        } else {
            fd.name = AddressText.tupleText(tuple);
            if (tuple.length >= 17) {
                fd.setUnix(AddressText.i64(tuple, 1), AddressText.i64(tuple, 9));
            }
        }
        if (fd.isRoleNone()) {
            fd.setRoleClient();
        }
    }

    static void acceptExit(MachineState s, ScapEvent e) {
        if (s.tinfo == null) {
            return;
        }
        long fd = num(e, 0);
        if (fd < 0) {
            return;
        }
        s.tinfo.lastEventFd = fd;
        if (e.paramCount() < 2 || e.paramLength(1) == 0) {
            return;
        }
        byte[] tuple = e.paramBytes(1);
        FdInfo info = new FdInfo();
        int family = tuple[0] & 0xFF;
        if (family == Params.AF_INET && tuple.length >= 13) {
            setV4Tuple(info, AddressText.i32(tuple, 1), AddressText.u16(tuple, 5), AddressText.i32(tuple, 7), AddressText.u16(tuple, 11));
            info.type = FdRecord.IPV4_SOCK;
            info.setV4Proto(FdInfo.L4_TCP);
        } else if (family == Params.AF_INET6 && tuple.length >= 37) {
            if (Sockets.isV4Mapped(tuple, 1) && Sockets.isV4Mapped(tuple, 19)) {
                setV4Tuple(info, AddressText.i32(tuple, 13), AddressText.u16(tuple, 17), AddressText.i32(tuple, 31), AddressText.u16(tuple, 35));
                info.type = FdRecord.IPV4_SOCK;
                info.setV4Proto(FdInfo.L4_TCP);
            } else {
                setV6Tuple(info, tuple);
                info.type = FdRecord.IPV6_SOCK;
                info.setV6Proto(FdInfo.L4_TCP);
            }
        } else if (family == Params.AF_UNIX) {
            info.type = FdRecord.UNIX_SOCK;
            if (tuple.length >= 17) {
                info.setUnix(AddressText.i64(tuple, 1), AddressText.i64(tuple, 9));
            }
        } else {
            return;
        }
        info.name = AddressText.tupleText(tuple);
        info.flags = 0;
        info.setRoleServer();
        info.setConnected();
        s.fdinfo = s.tinfo.addFd(fd, info);
    }

    static void socketpairExit(MachineState s, ScapEvent e) {
        if (num(e, 0) < 0 || s.tinfo == null || e.paramCount() < 5) {
            return;
        }
        FdInfo info = new FdInfo();
        info.type = FdRecord.UNIX_SOCK;
        info.setUnix(num(e, 3), num(e, 4));
        s.fdinfo = s.tinfo.addFd(num(e, 1), info);
        s.tinfo.addFd(num(e, 2), info);
    }

    /** Reads and writes: a connectionless socket takes its addresses from the tuple of the call. */
    static void readWriteExit(MachineState s, ScapEvent e) {
        FdInfo fd = s.fdinfo;
        if (fd == null) {
            return;
        }
        long res = num(e, 0);
        if (res < 0) {
            return;
        }
        int type = e.type();
        if (fd.type == FdRecord.IPV4_SOCK || fd.type == FdRecord.IPV6_SOCK) {
            fd.setConnected();
        }
        boolean reads = (e.info().flags() & org.scapscope.scap.EventInfo.EF_READS_FROM_FD) != 0;
        ScapEvent tupleEvent = e;
        int tupleParam = -1;
        if (reads) {
            if (type == RECVFROM_X) {
                tupleParam = 2;
            } else if (type == RECVMSG_X) {
                tupleParam = 3;
            }
        } else if (type == SENDTO_X || type == SENDMSG_X) {
            tupleParam = 2;
        }
        if (tupleParam < 0 || !(fd.name.isEmpty() || !fd.isTcpSocket())) {
            return;
        }
        if (!reads) {
            ScapEvent enter = s.enterOf(e);
            if (enter != null) {
                tupleEvent = enter;
            } else {
                int t = e.paramIndex("tuple");
                if (t < 0) {
                    return;
                }
                tupleParam = t;
            }
        }
        if (tupleParam >= tupleEvent.paramCount() || tupleEvent.paramLength(tupleParam) == 0) {
            return;
        }
        byte[] tuple = tupleEvent.paramBytes(tupleParam);
        if (updateFd(s, fd, tuple)) {
            if (fd.type == FdRecord.IPV4_SOCK || fd.type == FdRecord.IPV6_SOCK) {
                if (fd.isRoleNone()) {
                    guessRole(s.tinfo, fd, reads);
                }
                if (reads ? fd.isRoleClient() : fd.isRoleServer()) {
                    swap(fd);
                }
                fd.name = Sockets.socketName(fd);
            } else {
                fd.name = AddressText.tupleText(tuple);
            }
        }
    }

    private static boolean updateFd(MachineState s, FdInfo fd, byte[] tuple) {
        int family = tuple[0] & 0xFF;
        if (family == Params.AF_INET) {
            if (tuple.length < 13) {
                return false;
            }
            if (fd.type == FdRecord.IPV4_SERVSOCK) {
                fd.setV4Proto(fd.v4ServerProto());
            }
            fd.type = FdRecord.IPV4_SOCK;
            if (!setV4Tuple(fd, AddressText.i32(tuple, 1), AddressText.u16(tuple, 5), AddressText.i32(tuple, 7), AddressText.u16(tuple, 11))) {
                return false;
            }
        } else if (family == Params.AF_INET6) {
            if (tuple.length < 37) {
                return false;
            }
            if (Sockets.isV4Mapped(tuple, 1) && Sockets.isV4Mapped(tuple, 19)) {
                fd.type = FdRecord.IPV4_SOCK;
                if (!setV4Tuple(fd, AddressText.i32(tuple, 13), AddressText.u16(tuple, 17), AddressText.i32(tuple, 31), AddressText.u16(tuple, 35))) {
                    return false;
                }
            } else if (!setV6Tuple(fd, tuple)) {
                return false;
            }
        } else if (family == Params.AF_UNIX) {
            fd.type = FdRecord.UNIX_SOCK;
            if (tuple.length >= 17) {
                fd.setUnix(AddressText.i64(tuple, 1), AddressText.i64(tuple, 9));
                fd.name = AddressText.cString(tuple, 17);
            }
            return true;
        }
        if (fd.type == FdRecord.IPV4_SOCK && fd.v4Proto() == FdInfo.L4_UNKNOWN) {
            fd.setV4Proto(FdInfo.L4_UDP);
        } else if (fd.type == FdRecord.IPV6_SOCK && fd.v6Proto() == FdInfo.L4_UNKNOWN) {
            fd.setV6Proto(FdInfo.L4_UDP);
        }
        s.interfaces.updateFd(fd);
        return true;
    }

    private static boolean setV4Tuple(FdInfo fd, int sip, int sport, int dip, int dport) {
        if (fd.type == FdRecord.IPV4_SOCK) {
            if ((sip == fd.v4SourceIpRaw() && sport == fd.v4SourcePort() && dip == fd.v4DestIpRaw()
                    && dport == fd.v4DestPort())
                    || (dip == fd.v4SourceIpRaw() && dport == fd.v4SourcePort() && sip == fd.v4DestIpRaw()
                    && sport == fd.v4DestPort())) {
                return false;
            }
        }
        boolean changed = false;
        if (fd.v4SourceIpRaw() != sip) {
            fd.setV4SourceIp(sip);
            changed = true;
        }
        if (fd.v4SourcePort() != sport) {
            fd.setV4SourcePort(sport);
            changed = true;
        }
        if (fd.v4DestIpRaw() == 0) {
            fd.setV4DestIp(dip);
            changed = true;
        }
        if (fd.v4DestPort() == 0) {
            fd.setV4DestPort(dport);
            changed = true;
        }
        return changed;
    }

    private static boolean setV6Tuple(FdInfo fd, byte[] t) {
        byte[] sip = Arrays.copyOfRange(t, 1, 17);
        int sport = AddressText.u16(t, 17);
        byte[] dip = Arrays.copyOfRange(t, 19, 35);
        int dport = AddressText.u16(t, 35);
        if (fd.type == FdRecord.IPV6_SOCK) {
            if ((Arrays.equals(sip, fd.v6SourceIp()) && sport == fd.v6SourcePort()
                    && Arrays.equals(dip, fd.v6DestIp()) && dport == fd.v6DestPort())
                    || (Arrays.equals(dip, fd.v6SourceIp()) && dport == fd.v6SourcePort()
                    && Arrays.equals(sip, fd.v6DestIp()) && sport == fd.v6DestPort())) {
                return false;
            }
        }
        boolean changed = false;
        if (!Arrays.equals(fd.v6SourceIp(), sip)) {
            fd.setV6SourceIp(sip);
            changed = true;
        }
        if (fd.v6SourcePort() != sport) {
            fd.setV6SourcePort(sport);
            changed = true;
        }
        if (Arrays.equals(fd.v6DestIp(), new byte[16])) {
            fd.setV6DestIp(dip);
            changed = true;
        }
        if (fd.v6DestPort() == 0) {
            fd.setV6DestPort(dport);
            changed = true;
        }
        return changed;
    }

    static void swap(FdInfo fd) {
        if (fd.type == FdRecord.IPV4_SOCK) {
            int sip = fd.v4SourceIpRaw();
            int sport = fd.v4SourcePort();
            fd.setV4(fd.v4DestIpRaw(), fd.v4DestPort(), sip, sport);
        } else {
            byte[] sip = fd.v6SourceIp();
            int sport = fd.v6SourcePort();
            fd.setV6SourceIp(fd.v6DestIp());
            fd.setV6SourcePort(fd.v6DestPort());
            fd.setV6DestIp(sip);
            fd.setV6DestPort(sport);
        }
    }

    /** A socket of unknown role is a server if its process owns the port it talks to, else a client. */
    private static void guessRole(ThreadInfo t, FdInfo fd, boolean incoming) {
        if (isBoundToPort(t, fd.v4DestPort())) {
            if (usesClientPort(t, fd.v4SourcePort())) {
                if (fd.isRoleNone()) {
                    if (incoming) {
                        fd.setRoleServer();
                    } else {
                        fd.setRoleClient();
                    }
                }
                return;
            }
            fd.setRoleServer();
        } else {
            fd.setRoleClient();
        }
    }

    private static boolean isBoundToPort(ThreadInfo t, int port) {
        FdTable table = t.fdTable();
        if (table == null) {
            return false;
        }
        for (FdInfo f : table.values()) {
            if (f.type == FdRecord.IPV4_SOCK && f.v4DestPort() == port) {
                return true;
            }
            if (f.type == FdRecord.IPV4_SERVSOCK && f.v4ServerPort() == port) {
                return true;
            }
        }
        return false;
    }

    private static boolean usesClientPort(ThreadInfo t, int port) {
        FdTable table = t.fdTable();
        if (table == null) {
            return false;
        }
        for (FdInfo f : table.values()) {
            if (f.type == FdRecord.IPV4_SOCK && f.v4SourcePort() == port) {
                return true;
            }
        }
        return false;
    }
}
