package org.scapscope.field;

import org.scapscope.field.FieldInfo.Argument;
import org.scapscope.scap.FdRecord;
import org.scapscope.scap.Params;
import org.scapscope.scap.ScapEvent;
import org.scapscope.state.AddressText;
import org.scapscope.state.FdInfo;
import org.scapscope.state.ThreadInfo;

/** The {@code fdlist} field class: the descriptors a poll or ppoll waits on. */
final class FdlistFields {
    private static final int POLL_E = 80;
    private static final int POLL_X = 81;
    private static final int PPOLL_E = 254;
    private static final int PPOLL_X = 255;

    private FdlistFields() {
    }

    private interface Item {
        /** Appends the item for one descriptor; returns false when it appended nothing. */
        boolean append(StringBuilder sb, long fd, FdInfo info);
    }

    static void register(FieldRegistry r) {
        add(r, "fdlist.nums", "numbers of the descriptors, comma-separated", (sb, fd, info) -> {
            sb.append(fd);
            return true;
        });
        add(r, "fdlist.names", "names of the descriptors, comma-separated", (sb, fd, info) -> {
            sb.append(info != null && !info.name().isEmpty() ? info.name() : "<NA>");
            return true;
        });
        add(r, "fdlist.cips", "client addresses of the connections, comma-separated", (sb, fd, info) -> {
            if (info != null && info.type() == FdRecord.IPV4_SOCK) {
                sb.append(ip4(info.v4SourceIp()));
                return true;
            }
            if (info != null && info.type() == FdRecord.IPV6_SOCK) {
                sb.append(AddressText.ip6(info.v6SourceIp()));
                return true;
            }
            return false;
        });
        add(r, "fdlist.sips", "server addresses of the connections, comma-separated", (sb, fd, info) -> {
            if (info == null) {
                return false;
            }
            switch (info.type()) {
                case FdRecord.IPV4_SOCK: sb.append(ip4(info.v4DestIp())); return true;
                case FdRecord.IPV6_SOCK: sb.append(AddressText.ip6(info.v6DestIp())); return true;
                case FdRecord.IPV4_SERVSOCK: sb.append(ip4(info.v4ServerIp())); return true;
                // libsinsp prints the first four bytes of an IPv6 server address as IPv4 here
                case FdRecord.IPV6_SERVSOCK: sb.append(ip4(info.v6ServerIp())); return true;
                default: return false;
            }
        });
        add(r, "fdlist.cports", "client ports of the connections, comma-separated", (sb, fd, info) -> {
            if (info != null && info.type() == FdRecord.IPV4_SOCK) {
                sb.append(info.v4SourcePort());
                return true;
            }
            if (info != null && info.type() == FdRecord.IPV6_SOCK) {
                sb.append(info.v6SourcePort());
                return true;
            }
            return false;
        });
        add(r, "fdlist.sports", "server ports of the connections, comma-separated", (sb, fd, info) -> {
            if (info != null && info.type() == FdRecord.IPV4_SOCK) {
                sb.append(info.v4DestPort());
                return true;
            }
            if (info != null && info.type() == FdRecord.IPV6_SOCK) {
                sb.append(info.v6DestPort());
                return true;
            }
            return false;
        });
    }

    private static String ip4(byte[] b) {
        return (b[0] & 0xFF) + "." + (b[1] & 0xFF) + "." + (b[2] & 0xFF) + "." + (b[3] & 0xFF);
    }

    private static void add(FieldRegistry r, String name, String description, Item item) {
        r.add("fdlist", new FieldInfo(name, FieldType.CHARBUF, description, Argument.NONE),
                (i, arg) -> new EventFields.Simple(i, c -> list(c, item)));
    }

    private static String list(FieldContext c, Item item) {
        ScapEvent e = c.event();
        int param;
        switch (e.type()) {
            case POLL_E: case PPOLL_E: param = 0; break;
            case POLL_X: case PPOLL_X: param = 1; break;
            default: return null;
        }
        if (param >= e.paramCount()) {
            return null;
        }
        ThreadInfo t = c.thread();
        long[] fds = Params.fdList(e, param);
        StringBuilder sb = new StringBuilder();
        for (int k = 0; k < fds.length; k += 2) {
            FdInfo info = t == null ? null : t.fd(fds[k]);
            if (item.append(sb, fds[k], info)) {
                sb.append(',');
            }
        }
        if (sb.length() == 0) {
            return null;
        }
        if (sb.charAt(sb.length() - 1) == ',') {
            sb.setLength(sb.length() - 1);
        }
        return sb.toString();
    }
}
