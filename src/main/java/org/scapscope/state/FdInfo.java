package org.scapscope.state;

import static org.scapscope.scap.FdRecord.DIRECTORY;
import static org.scapscope.scap.FdRecord.EVENT;
import static org.scapscope.scap.FdRecord.EVENTPOLL;
import static org.scapscope.scap.FdRecord.FIFO;
import static org.scapscope.scap.FdRecord.FILE;
import static org.scapscope.scap.FdRecord.FILE_V2;
import static org.scapscope.scap.FdRecord.INOTIFY;
import static org.scapscope.scap.FdRecord.IPV4_SERVSOCK;
import static org.scapscope.scap.FdRecord.IPV4_SOCK;
import static org.scapscope.scap.FdRecord.IPV6_SERVSOCK;
import static org.scapscope.scap.FdRecord.IPV6_SOCK;
import static org.scapscope.scap.FdRecord.NETLINK;
import static org.scapscope.scap.FdRecord.SIGNALFD;
import static org.scapscope.scap.FdRecord.TIMERFD;
import static org.scapscope.scap.FdRecord.UNIX_SOCK;
import static org.scapscope.scap.FdRecord.UNKNOWN;
import static org.scapscope.scap.FdRecord.UNSUPPORTED;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;

/**
 * One open file descriptor of a process: what it refers to (a file path, a socket's two ends, a
 * pipe, ...), how it was opened, and what role a socket plays.
 *
 * <p>The socket addresses are kept as libsinsp keeps them, in one 40-byte area that holds either an
 * IPv4 tuple, an IPv6 tuple, a server address or a unix-socket pair, so that events which switch a
 * socket from one kind to another read the same bytes libsinsp does. Addresses are stored in network
 * byte order, ports as numbers.
 */
public final class FdInfo {
    /** {@link #printableName} as last made, and the name it was made from. */
    private transient String printable;
    private transient String printableOf;

    // scap_fd_type: the values are FdRecord's; this one marks a descriptor no event has typed yet
    public static final int UNINITIALIZED = -1;

    // scap_l4_proto
    public static final int L4_UNKNOWN = 0;
    public static final int L4_NA = 1;
    public static final int L4_TCP = 2;
    public static final int L4_UDP = 3;
    public static final int L4_ICMP = 4;
    public static final int L4_RAW = 5;

    // flags
    static final int FROM_PROC = 1;
    static final int ROLE_CLIENT = 1 << 2;
    static final int ROLE_SERVER = 1 << 3;
    static final int CLOSE_IN_PROGRESS = 1 << 4;
    static final int CLOSE_CANCELED = 1 << 5;
    static final int SOCKET_CONNECTED = 1 << 13;
    static final int CLONED = 1 << 14;
    static final int CONNECTION_PENDING = 1 << 15;
    static final int CONNECTION_FAILED = 1 << 16;

    int type = UNKNOWN;
    int flags;
    long openFlags;
    long ino;
    long dev;
    String name = "";
    /** The process a pidfd refers to; -1 for every other descriptor. */
    long pid = -1;
    /** The name when the current event found the descriptor, to tell whether the event renamed it. */
    String oldName = "";
    /** The socket address union (see the class comment). */
    final ByteBuffer sock = ByteBuffer.allocate(40).order(ByteOrder.LITTLE_ENDIAN);

    FdInfo() {
    }

    FdInfo copy() {
        FdInfo c = new FdInfo();
        c.type = type;
        c.flags = flags;
        c.openFlags = openFlags;
        c.ino = ino;
        c.dev = dev;
        c.name = name;
        c.pid = pid;
        c.oldName = oldName;
        c.sock.put(0, sock, 0, 40);
        return c;
    }

    public int type() {
        return type;
    }

    public String name() {
        return name;
    }

    /** The name with control and non-ASCII characters left out, as sysdig prints it; made once per name. */
    public String printableName() {
        String n = name;
        if (n != printableOf) {
            printable = AddressText.sanitize(n);
            printableOf = n;
        }
        return printable;
    }

    /** Whether the current event changed this descriptor's name. */
    public boolean nameChanged() {
        return !name.equals(oldName);
    }

    public long openFlags() {
        return openFlags;
    }

    public long ino() {
        return ino;
    }

    public long dev() {
        return dev;
    }

    public boolean isRoleClient() {
        return (flags & ROLE_CLIENT) != 0;
    }

    public boolean isRoleServer() {
        return (flags & ROLE_SERVER) != 0;
    }

    public boolean isRoleNone() {
        return (flags & (ROLE_CLIENT | ROLE_SERVER)) == 0;
    }

    public boolean isConnected() {
        return (flags & SOCKET_CONNECTED) != 0;
    }

    void setRoleClient() {
        flags |= ROLE_CLIENT;
    }

    void setRoleServer() {
        flags |= ROLE_SERVER;
    }

    void setConnected() {
        flags = (flags & ~(CONNECTION_PENDING | CONNECTION_FAILED)) | SOCKET_CONNECTED;
    }

    // ---- the socket union: IPv4 tuple view
    public byte[] v4SourceIp() {
        return bytes(0, 4);
    }

    public byte[] v4DestIp() {
        return bytes(4, 4);
    }

    int v4SourceIpRaw() {
        return sock.getInt(0);
    }

    int v4DestIpRaw() {
        return sock.getInt(4);
    }

    public int v4SourcePort() {
        return sock.getShort(8) & 0xFFFF;
    }

    public int v4DestPort() {
        return sock.getShort(10) & 0xFFFF;
    }

    public int v4Proto() {
        return sock.get(12) & 0xFF;
    }

    void setV4(int sip, int sport, int dip, int dport) {
        sock.putInt(0, sip).putInt(4, dip).putShort(8, (short) sport).putShort(10, (short) dport);
    }

    void setV4SourceIp(int ip) {
        sock.putInt(0, ip);
    }

    void setV4DestIp(int ip) {
        sock.putInt(4, ip);
    }

    void setV4SourcePort(int port) {
        sock.putShort(8, (short) port);
    }

    void setV4DestPort(int port) {
        sock.putShort(10, (short) port);
    }

    void setV4Proto(int proto) {
        sock.put(12, (byte) proto);
    }

    // ---- IPv6 tuple view
    public byte[] v6SourceIp() {
        return bytes(0, 16);
    }

    public byte[] v6DestIp() {
        return bytes(16, 16);
    }

    public int v6SourcePort() {
        return sock.getShort(32) & 0xFFFF;
    }

    public int v6DestPort() {
        return sock.getShort(34) & 0xFFFF;
    }

    public int v6Proto() {
        return sock.get(36) & 0xFF;
    }

    void setV6SourceIp(byte[] ip) {
        sock.put(0, ip, 0, 16);
    }

    void setV6DestIp(byte[] ip) {
        sock.put(16, ip, 0, 16);
    }

    void setV6SourcePort(int port) {
        sock.putShort(32, (short) port);
    }

    void setV6DestPort(int port) {
        sock.putShort(34, (short) port);
    }

    void setV6Proto(int proto) {
        sock.put(36, (byte) proto);
    }

    // ---- server views
    public byte[] v4ServerIp() {
        return bytes(0, 4);
    }

    public int v4ServerPort() {
        return sock.getShort(4) & 0xFFFF;
    }

    public int v4ServerProto() {
        return sock.get(6) & 0xFF;
    }

    void setV4Server(int ip, int port, int proto) {
        sock.putInt(0, ip).putShort(4, (short) port).put(6, (byte) proto);
    }

    public byte[] v6ServerIp() {
        return bytes(0, 16);
    }

    public int v6ServerPort() {
        return sock.getShort(16) & 0xFFFF;
    }

    public int v6ServerProto() {
        return sock.get(18) & 0xFF;
    }

    void setV6Server(byte[] ip, int port, int proto) {
        sock.put(0, ip, 0, 16);
        sock.putShort(16, (short) port).put(18, (byte) proto);
    }

    // ---- unix view
    public long unixSource() {
        return sock.getLong(0);
    }

    public long unixDest() {
        return sock.getLong(8);
    }

    void setUnix(long source, long dest) {
        sock.putLong(0, source).putLong(8, dest);
    }

    void clearSock(int bytes) {
        for (int i = 0; i < bytes; i++) {
            sock.put(i, (byte) 0);
        }
    }

    private byte[] bytes(int at, int n) {
        byte[] b = new byte[n];
        sock.get(at, b);
        return b;
    }

    /** The layer-4 protocol as sysdig reports it: not known until a socket has a role. */
    public int l4proto() {
        switch (type) {
            case IPV4_SOCK:
                if (v4Proto() == L4_RAW) {
                    return L4_RAW;
                }
                return isRoleNone() ? L4_NA : v4Proto();
            case IPV4_SERVSOCK:
                return v4ServerProto();
            case IPV6_SOCK:
                if (v6Proto() == L4_RAW) {
                    return L4_RAW;
                }
                return isRoleNone() ? L4_NA : v6Proto();
            case IPV6_SERVSOCK:
                return v6ServerProto();
            default:
                return L4_NA;
        }
    }

    public boolean isTcpSocket() {
        return (type == IPV4_SOCK || type == IPV6_SOCK) && l4proto() == L4_TCP;
    }

    public boolean isUdpSocket() {
        return (type == IPV4_SOCK || type == IPV6_SOCK) && l4proto() == L4_UDP;
    }

    public boolean isUnixSocket() {
        return type == UNIX_SOCK;
    }

    public boolean isFile() {
        return type == FILE || type == FILE_V2 || type == DIRECTORY;
    }

    /** One character for the kind: f file, d directory, 4 and 6 sockets, u unix, p pipe, ... */
    public char typeChar() {
        switch (type) {
            case FILE: case FILE_V2: return 'f';
            case IPV4_SOCK: case IPV4_SERVSOCK: return '4';
            case IPV6_SOCK: case IPV6_SERVSOCK: return '6';
            case DIRECTORY: return 'd';
            case FIFO: return 'p';
            case UNIX_SOCK: return 'u';
            case EVENT: return 'e';
            case UNKNOWN: return 'o';
            case UNSUPPORTED: return 'X';
            case SIGNALFD: return 's';
            case EVENTPOLL: return 'l';
            case INOTIFY: return 'i';
            case TIMERFD: return 't';
            case NETLINK: return 'n';
            default: return '?';
        }
    }

    /** The kind as a word: file, directory, ipv4, ipv6, unix, pipe, event, ... */
    public String typeString() {
        switch (type) {
            case FILE: case FILE_V2: return "file";
            case DIRECTORY: return "directory";
            case IPV4_SOCK: case IPV4_SERVSOCK: return "ipv4";
            case IPV6_SOCK: case IPV6_SERVSOCK: return "ipv6";
            case UNIX_SOCK: return "unix";
            case FIFO: return "pipe";
            case EVENT: return "event";
            case SIGNALFD: return "signalfd";
            case EVENTPOLL: return "eventpoll";
            case INOTIFY: return "inotify";
            case TIMERFD: return "timerfd";
            case NETLINK: return "netlink";
            default: return "<NA>";
        }
    }

    @Override
    public String toString() {
        return typeChar() + " " + name + " " + Arrays.toString(sock.array());
    }
}
