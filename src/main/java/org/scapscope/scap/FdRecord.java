package org.scapscope.scap;

/**
 * One file descriptor of an fd-list block.
 *
 * @param tid thread the descriptor belongs to
 * @param fd descriptor number
 * @param ino inode
 * @param type {@code scap_fd_type} ({@link #FILE}, {@link #IPV4_SOCK}, ...)
 * @param name path or description; empty for inet sockets
 * @param openFlags {@code PPM_O_*} flags (file descriptors of type FILE_V2)
 * @param dev device number, 0 when not recorded
 * @param sourceIp local address of an inet socket (4 or 16 bytes), or the bound address of a server socket
 * @param destIp remote address of an inet socket, null for server sockets
 * @param sourcePort local or bound port
 * @param destPort remote port
 * @param l4proto {@code scap_l4_proto}: 2 TCP, 3 UDP, 4 ICMP, 5 RAW
 * @param unixSource kernel address of a unix socket
 * @param unixDest kernel address of its peer
 */
public record FdRecord(long tid, long fd, long ino, int type, String name, long openFlags, long dev,
                       byte[] sourceIp, byte[] destIp, int sourcePort, int destPort, int l4proto,
                       long unixSource, long unixDest) {
    public static final int UNKNOWN = 0;
    public static final int FILE = 1;
    public static final int DIRECTORY = 2;
    public static final int IPV4_SOCK = 3;
    public static final int IPV6_SOCK = 4;
    public static final int IPV4_SERVSOCK = 5;
    public static final int IPV6_SERVSOCK = 6;
    public static final int FIFO = 7;
    public static final int UNIX_SOCK = 8;
    public static final int EVENT = 9;
    public static final int UNSUPPORTED = 10;
    public static final int SIGNALFD = 11;
    public static final int EVENTPOLL = 12;
    public static final int INOTIFY = 13;
    public static final int TIMERFD = 14;
    public static final int NETLINK = 15;
    public static final int FILE_V2 = 16;
    public static final int BPF = 17;
    public static final int USERFAULTFD = 18;
    public static final int IOURING = 19;
    public static final int MEMFD = 20;
    public static final int PIDFD = 21;
}
