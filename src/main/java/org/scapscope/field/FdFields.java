package org.scapscope.field;

import org.scapscope.field.FieldInfo.Argument;
import org.scapscope.scap.EventInfo;
import org.scapscope.scap.FdRecord;
import org.scapscope.scap.ScapEvent;
import org.scapscope.scap.SysdigTable;
import org.scapscope.state.AddressText;
import org.scapscope.state.FdInfo;
import org.scapscope.state.MachineState;
import org.scapscope.state.FilePaths;
import org.scapscope.state.ThreadInfo;

/** The {@code fd} field class: the file descriptor an event used or created. */
final class FdFields {
    private static final int OPEN_E = 2;
    private static final int OPEN_X = 3;
    private static final int ACCEPT_X = 27;
    private static final int ACCEPT4_X = 57;
    private static final int CREAT_E = 58;
    private static final int CREAT_X = 59;
    private static final int CONNECT_X = 23;
    private static final int OPENAT_E = 102;
    private static final int OPENAT_X = 103;
    private static final int ACCEPT_5_X = 247;
    private static final int ACCEPT4_5_X = 249;
    private static final int OPENAT_2_E = 306;
    private static final int OPENAT_2_X = 307;
    private static final int OPENAT2_E = 326;
    private static final int OPENAT2_X = 327;
    private static final int SOCKET_E = 18;
    private static final int ACCEPT_E = 26;
    private static final int ACCEPT4_E = 56;
    private static final int ACCEPT_5_E = 246;
    private static final int ACCEPT4_5_E = 248;
    private static final int PIPE_E = 60;
    private static final int EVENTFD_E = 62;
    private static final int SIGNALFD_E = 126;
    private static final int TIMERFD_CREATE_E = 136;
    private static final int INOTIFY_INIT_E = 138;

    private FdFields() {
    }

    /** The thread and descriptor of an fd event, as libsinsp's fd field class finds them. */
    private static final class Target {
        ThreadInfo thread;
        FdInfo fd;
    }

    private interface Extractor {
        String apply(FieldContext c, Target t);
    }

    static void register(FieldRegistry r) {
        add(r, "fd.num", FieldType.INT64, "number of the descriptor", (c, t) -> Long.toString(c.fdNumber(t.thread)));
        add(r, "fd.type", FieldType.CHARBUF, "kind of descriptor: file, directory, ipv4, ipv6, unix, pipe, event, ...",
                (c, t) -> t.fd == null ? null : t.fd.typeString());
        add(r, "fd.typechar", FieldType.CHARBUF, "kind of descriptor as one letter (f, d, 4, 6, u, p, e, ...)",
                (c, t) -> t.fd == null ? fromCreatorTypeChar(c) : String.valueOf(t.fd.typeChar()));
        add(r, "fd.name", FieldType.CHARBUF, "full name: a file path, or a connection's addresses and ports",
                (c, t) -> name(c, t, false));
        add(r, "fd.directory", FieldType.CHARBUF, "directory of a file descriptor", (c, t) -> directory(c, t, false));
        add(r, "fd.filename", FieldType.CHARBUF, "file name without the directory", FdFields::filename);
        filterOnly(r, "fd.ip", FieldType.IPADDR, "either end's address of a connection (filters only)");
        add(r, "fd.cip", FieldType.IPADDR, "client address of a connection", (c, t) -> clientIp(t));
        add(r, "fd.sip", FieldType.IPADDR, "server address of a connection", (c, t) -> serverIp(t));
        add(r, "fd.lip", FieldType.IPADDR, "local address of a connection", (c, t) -> localRemoteIp(c, t, true));
        add(r, "fd.rip", FieldType.IPADDR, "remote address of a connection", (c, t) -> localRemoteIp(c, t, false));
        filterOnly(r, "fd.port", FieldType.PORT, "either end's port of a connection (filters only)");
        add(r, "fd.cport", FieldType.PORT, "client port of a TCP or UDP connection", (c, t) -> clientPort(t, "0"));
        add(r, "fd.sport", FieldType.PORT, "server port of a TCP or UDP connection", (c, t) -> serverPort(t));
        add(r, "fd.lport", FieldType.PORT, "local port of a TCP or UDP connection",
                (c, t) -> localRemotePort(c, t, true));
        add(r, "fd.rport", FieldType.PORT, "remote port of a TCP or UDP connection",
                (c, t) -> localRemotePort(c, t, false));
        add(r, "fd.l4proto", FieldType.CHARBUF, "transport protocol: tcp, udp, icmp or raw",
                (c, t) -> t.fd == null ? null : l4name(t.fd.l4proto()));
        add(r, "fd.sockfamily", FieldType.CHARBUF, "socket family: ip or unix", (c, t) -> sockFamily(t.fd));
        add(r, "fd.is_server", FieldType.BOOL, "true when the process is the server end of the connection",
                (c, t) -> isServer(c, t));
        add(r, "fd.uid", FieldType.CHARBUF, "identifier of the descriptor: thread id and descriptor number",
                (c, t) -> isContainerJson(c.event()) ? null : Long.toString(t.thread.tid()) + c.fdNumber(t.thread));
        add(r, "fd.containername", FieldType.CHARBUF, "container id and descriptor name, joined by ':'",
                (c, t) -> {
                    String n = name(c, t, true);
                    return n == null ? null : t.thread.containerId() + ":" + n;
                });
        add(r, "fd.containerdirectory", FieldType.CHARBUF, "container id and directory, joined by ':'",
                (c, t) -> {
                    String d = directory(c, t, true);
                    return d == null ? null : t.thread.containerId() + ":" + d;
                });
        filterOnly(r, "fd.proto", FieldType.PORT, "either end's protocol name of a connection (filters only)");
        add(r, "fd.cproto", FieldType.CHARBUF, "protocol of the client end (the port number here)",
                (c, t) -> clientPort(t, ""));
        add(r, "fd.sproto", FieldType.CHARBUF, "protocol of the server end (the port number here)",
                (c, t) -> serverProto(t));
        add(r, "fd.lproto", FieldType.CHARBUF, "protocol of the local end (the port number here)",
                (c, t) -> localRemotePort(c, t, true));
        add(r, "fd.rproto", FieldType.CHARBUF, "protocol of the remote end (the port number here)",
                (c, t) -> localRemotePort(c, t, false));
        filterOnly(r, "fd.net", FieldType.IPNET, "either end's network of a connection (filters only)");
        filterOnly(r, "fd.cnet", FieldType.IPNET, "client network of a connection (filters only)");
        filterOnly(r, "fd.snet", FieldType.IPNET, "server network of a connection (filters only)");
        filterOnly(r, "fd.lnet", FieldType.IPNET, "local network of a connection (filters only)");
        filterOnly(r, "fd.rnet", FieldType.IPNET, "remote network of a connection (filters only)");
        add(r, "fd.connected", FieldType.BOOL, "true when a TCP or UDP socket is connected",
                (c, t) -> t.fd == null ? null : bool(t.fd.isConnected()));
        add(r, "fd.name_changed", FieldType.BOOL, "true when this event changed the descriptor's name",
                (c, t) -> t.fd == null ? null : bool(c.fdNameChanged()));
        add(r, "fd.cip.name", FieldType.CHARBUF, "host name of the client address", (c, t) -> null);
        add(r, "fd.sip.name", FieldType.CHARBUF, "host name of the server address", (c, t) -> null);
        add(r, "fd.lip.name", FieldType.CHARBUF, "host name of the local address", (c, t) -> null);
        add(r, "fd.rip.name", FieldType.CHARBUF, "host name of the remote address", (c, t) -> null);
        add(r, "fd.dev", FieldType.INT32, "device of the file (major and minor, in hex)",
                (c, t) -> t.fd == null ? null : Long.toHexString(t.fd.dev() & 0xFFFF_FFFFL).toUpperCase());
        add(r, "fd.dev.major", FieldType.INT32, "major device number of the file",
                (c, t) -> t.fd == null ? null : Long.toString((t.fd.dev() & 0xfff00) >> 8));
        add(r, "fd.dev.minor", FieldType.INT32, "minor device number of the file",
                (c, t) -> t.fd == null ? null : Long.toString((t.fd.dev() & 0xff) | ((t.fd.dev() >> 12) & 0xfff00)));
    }

    private static void add(FieldRegistry r, String name, FieldType type, String description, Extractor f) {
        FieldInfo info = new FieldInfo(name, type, description, Argument.NONE);
        r.add("fd", info, (i, arg) -> new EventFields.Simple(i, c -> {
            Target t = target(c);
            return t == null ? null : f.apply(c, t);
        }));
        // only events that act on a descriptor have a target
        r.valuesOnlyOn(name, FieldContext::actsOnDescriptor);
    }

    private static void filterOnly(FieldRegistry r, String name, FieldType type, String description) {
        r.addFilterOnly("fd", new FieldInfo(name, type, description, Argument.NONE));
    }

    /** The descriptor of an event that creates, uses or destroys one; null for other events. */
    private static Target target(FieldContext c) {
        if (c.fdTargetKnown) {
            return (Target) c.fdTarget; // the fields of one event share it: it is never changed
        }
        ThreadInfo thread = c.fdEventThread();
        Target t = null;
        if (thread != null) {
            t = new Target();
            t.thread = thread;
            t.fd = c.eventFd();
        }
        c.fdTarget = t;
        c.fdTargetKnown = true;
        return t;
    }

    private static String name(FieldContext c, Target t, boolean container) {
        ScapEvent e = c.event();
        if (t.fd == null || (e.type() == CONNECT_X && e.paramCount() > 0 && e.paramAsLong(0) < 0)) {
            return fromCreator(c);
        }
        return t.fd.printableName();
    }

    private static String directory(FieldContext c, Target t, boolean container) {
        if (t.fd == null) {
            String n = fromCreator(c);
            if (n == null) {
                return null;
            }
            return dirOf(AddressText.sanitize(n));
        }
        if (!t.fd.isFile()) {
            return null;
        }
        String n = t.fd.printableName();
        if (t.fd.type() != FdRecord.DIRECTORY) {
            n = dirOf(n);
        }
        return n;
    }

    private static String dirOf(String n) {
        int pos = n.lastIndexOf('/');
        if (pos > 0) {
            return pos < n.length() - 1 ? n.substring(0, pos) : n;
        }
        return "/";
    }

    private static String filename(FieldContext c, Target t) {
        String n;
        if (t.fd == null) {
            int type = c.event().type();
            if (type != OPEN_E && type != OPENAT_E && type != OPENAT_2_E && type != OPENAT2_E && type != CREAT_E) {
                return null;
            }
            n = fromCreator(c);
            if (n == null) {
                return null;
            }
            n = AddressText.sanitize(n);
            int pos = n.lastIndexOf('/');
            return pos >= 0 && pos < n.length() - 1 ? n.substring(pos + 1) : n;
        }
        if (!t.fd.isFile() || t.fd.type() == FdRecord.DIRECTORY) {
            return null;
        }
        n = t.fd.printableName();
        int pos = n.lastIndexOf('/');
        if (pos < 0) {
            return "/";
        }
        return pos < n.length() - 1 ? n.substring(pos + 1) : n;
    }

    /** The name an exit event gives the descriptor it creates, for events whose descriptor is not in the table. */
    private static String fromCreator(FieldContext c) {
        ScapEvent e = c.event();
        int type = e.type();
        if ((type & 1) == 0) {
            return null;
        }
        MachineState s = c.state();
        switch (type) {
            case OPEN_X: case CREAT_X:
                if (e.paramCount() < 2) {
                    return "";
                }
                String path = e.paramAsString(1);
                ThreadInfo t = c.thread();
                if (t != null && !path.isEmpty() && !path.startsWith("<NA>")) {
                    return FilePaths.concatenate(t.cwd(), path);
                }
                return path;
            case ACCEPT_X: case ACCEPT_5_X: case ACCEPT4_X: case ACCEPT4_5_X: case CONNECT_X:
                return e.paramCount() < 2 ? "" : AddressText.tupleText(e.paramBytes(1));
            case OPENAT_X: case OPENAT_2_X: case OPENAT2_X: {
                String name;
                long dirfd;
                if (type == OPENAT_X) {
                    ScapEvent enter = s.storedEnter(e, new ScapEvent());
                    if (enter == null || enter.paramCount() < 2) {
                        return null;
                    }
                    name = enter.paramAsString(1);
                    dirfd = enter.paramAsLong(0);
                } else {
                    if (e.paramCount() < 3) {
                        return null;
                    }
                    name = e.paramAsString(2);
                    dirfd = e.paramAsLong(1);
                }
                return AddressText.sanitize(FilePaths.concatenate(s.directoryFor(name, dirfd), name));
            }
            default:
                return "";
        }
    }

    private static String fromCreatorTypeChar(FieldContext c) {
        switch (c.event().type() & ~1) {
            case OPEN_E: case OPENAT_E: case OPENAT_2_E: case OPENAT2_E: case CREAT_E:
                return "f";
            case SOCKET_E: case ACCEPT_E: case ACCEPT_5_E: case ACCEPT4_E: case ACCEPT4_5_E:
                return "4";
            case PIPE_E:
                return "p";
            case EVENTFD_E:
                return "e";
            case SIGNALFD_E:
                return "s";
            case TIMERFD_CREATE_E:
                return "t";
            case INOTIFY_INIT_E:
                return "i";
            default:
                return "o";
        }
    }

    private static String ip(byte[] b) {
        return b.length == 4 ? (b[0] & 0xFF) + "." + (b[1] & 0xFF) + "." + (b[2] & 0xFF) + "." + (b[3] & 0xFF)
                : AddressText.ip6(b);
    }

    private static String clientIp(Target t) {
        FdInfo f = t.fd;
        if (f == null || f.isRoleNone()) {
            return null;
        }
        if (f.type() == FdRecord.IPV4_SOCK) {
            return ip(f.v4SourceIp());
        }
        if (f.type() == FdRecord.IPV6_SOCK) {
            return ip(f.v6SourceIp());
        }
        return null;
    }

    private static String serverIp(Target t) {
        FdInfo f = t.fd;
        if (f == null || f.isRoleNone()) {
            return null;
        }
        switch (f.type()) {
            case FdRecord.IPV4_SOCK: return ip(f.v4DestIp());
            case FdRecord.IPV4_SERVSOCK: return ip(f.v4ServerIp());
            case FdRecord.IPV6_SOCK: return ip(f.v6DestIp());
            case FdRecord.IPV6_SERVSOCK: return ip(f.v6ServerIp());
            default: return null;
        }
    }

    /** Whether the source address of a connected socket is one of this machine's. */
    private static Boolean sourceIsLocal(FieldContext c, Target t) {
        FdInfo f = t.fd;
        if (f == null || (f.type() != FdRecord.IPV4_SOCK && f.type() != FdRecord.IPV6_SOCK) || f.isRoleNone()) {
            return null;
        }
        MachineState s = c.state();
        if (f.type() == FdRecord.IPV4_SOCK) {
            return s.interfaces().isLocalV4(raw(f.v4SourceIp()), t.thread, s.containers());
        }
        return s.interfaces().isLocalV6(f.v6SourceIp(), t.thread);
    }

    private static int raw(byte[] b) {
        return (b[0] & 0xFF) | (b[1] & 0xFF) << 8 | (b[2] & 0xFF) << 16 | (b[3] & 0xFF) << 24;
    }

    private static String localRemoteIp(FieldContext c, Target t, boolean local) {
        Boolean isLocal = sourceIsLocal(c, t);
        if (isLocal == null) {
            return null;
        }
        boolean source = isLocal == local;
        FdInfo f = t.fd;
        if (f.type() == FdRecord.IPV4_SOCK) {
            return ip(source ? f.v4SourceIp() : f.v4DestIp());
        }
        return ip(source ? f.v6SourceIp() : f.v6DestIp());
    }

    private static String localRemotePort(FieldContext c, Target t, boolean local) {
        Boolean isLocal = sourceIsLocal(c, t);
        if (isLocal == null) {
            return null;
        }
        boolean source = isLocal == local;
        FdInfo f = t.fd;
        if (f.type() == FdRecord.IPV4_SOCK) {
            return portText(source ? f.v4SourcePort() : f.v4DestPort());
        }
        return portText(source ? f.v6SourcePort() : f.v6DestPort());
    }

    /**
     * The client port of a connected socket; {@code otherwise} for another kind of descriptor with a
     * role (libsinsp runs on into the next case there: port 0 for fd.cport, "" for fd.cproto).
     */
    private static String clientPort(Target t, String otherwise) {
        FdInfo f = t.fd;
        if (f == null || f.isRoleNone()) {
            return null;
        }
        if (f.type() == FdRecord.IPV4_SOCK) {
            return portText(f.v4SourcePort());
        }
        if (f.type() == FdRecord.IPV6_SOCK) {
            return portText(f.v6SourcePort());
        }
        return otherwise;
    }

    private static String serverPort(Target t) {
        FdInfo f = t.fd;
        if (f == null) {
            return null;
        }
        switch (f.type()) {
            case FdRecord.IPV4_SOCK: return f.isRoleNone() ? null : portText(f.v4DestPort());
            case FdRecord.IPV4_SERVSOCK: return portText(f.v4ServerPort());
            case FdRecord.IPV6_SOCK: return f.isRoleNone() ? null : portText(f.v6DestPort());
            case FdRecord.IPV6_SERVSOCK: return portText(f.v6ServerPort());
            default: return null;
        }
    }

    /** Ports as text, made once each: filters and views read a connection's ports on every event. */
    private static final String[] PORT_TEXT = new String[65536];

    private static String portText(int port) {
        if (port < 0 || port >= PORT_TEXT.length) {
            return Integer.toString(port);
        }
        String text = PORT_TEXT[port];
        if (text == null) {
            text = Integer.toString(port);
            PORT_TEXT[port] = text; // a String is immutable: a race only makes it twice
        }
        return text;
    }

    private static String serverProto(Target t) {
        String port = serverPort(t);
        if (port == null) {
            return null;
        }
        int type = t.fd.type();
        return type == FdRecord.IPV4_SOCK || type == FdRecord.IPV6_SOCK ? port : "";
    }

    private static String l4name(int proto) {
        switch (proto) {
            case FdInfo.L4_TCP: return "tcp";
            case FdInfo.L4_UDP: return "udp";
            case FdInfo.L4_ICMP: return "icmp";
            case FdInfo.L4_RAW: return "raw";
            default: return "<NA>";
        }
    }

    private static String sockFamily(FdInfo f) {
        if (f == null) {
            return null;
        }
        switch (f.type()) {
            case FdRecord.IPV4_SOCK: case FdRecord.IPV6_SOCK: case FdRecord.IPV4_SERVSOCK: case FdRecord.IPV6_SERVSOCK:
                return "ip";
            case FdRecord.UNIX_SOCK:
                return "unix";
            default:
                return null;
        }
    }

    private static String isServer(FieldContext c, Target t) {
        FdInfo f = t.fd;
        if (f == null) {
            return null;
        }
        MachineState s = c.state();
        switch (f.type()) {
            case FdRecord.IPV4_SERVSOCK: case FdRecord.IPV6_SERVSOCK:
                return "true";
            case FdRecord.IPV4_SOCK:
                return bool(s.interfaces().isLocalV4(raw(f.v4DestIp()), t.thread, s.containers()));
            case FdRecord.IPV6_SOCK:
                return bool(s.interfaces().isLocalV6(f.v6DestIp(), t.thread));
            default:
                return "false";
        }
    }

    private static boolean isContainerJson(ScapEvent e) {
        return e.type() == 272 || e.type() == 324;
    }

    static String bool(boolean b) {
        return b ? "true" : "false";
    }
}
