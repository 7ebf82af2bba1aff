package org.scapscope.field;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import org.scapscope.scap.DynamicTable;
import org.scapscope.scap.FdRecord;
import org.scapscope.scap.ParamInfo;
import org.scapscope.scap.ParamType;
import org.scapscope.scap.Params;
import org.scapscope.scap.PrintFormat;
import org.scapscope.scap.ScapEvent;
import org.scapscope.scap.SocketAddress;
import org.scapscope.scap.SocketTuple;
import org.scapscope.scap.SysdigTable;
import org.scapscope.scap.SystemNames;
import org.scapscope.scap.UserRecord;
import org.scapscope.state.FdInfo;
import org.scapscope.state.FilePaths;
import org.scapscope.state.ThreadInfo;

/**
 * Text of event parameters as sysdig 0.29.3 writes it: each parameter has a value ({@code 3},
 * {@code -2}, {@code 4097}) and, where the value names something, a resolved text ({@code <f>/etc/passwd},
 * {@code ENOENT}, {@code O_RDONLY|O_CLOEXEC}). {@code evt.args} shows both as {@code fd=3(<f>/etc/passwd)};
 * {@code evt.arg} shows the resolved text when there is one. Parameters are described by
 * {@link SysdigTable}, sysdig 0.29.3's own event table.
 */
final class ParamText {
    static final long AT_FDCWD = -100;

    private ParamText() {
    }

    // ------------------------------------------------------------------------------- raw values

    /** A parameter's raw value: numbers in decimal, strings and buffers as they are, addresses as {@code ip:port}. */
    static String raw(ScapEvent e, int i) {
        ParamInfo p = e.paramInfo(i);
        ParamType type = p == null ? ParamType.BYTEBUF : p.type();
        if (type.isFixedWidth()) {
            if (!e.paramHasValue(i)) {
                return "<NA>";
            }
            long v = e.paramAsLong(i);
            return type == ParamType.UINT64 || type == ParamType.ABSTIME || type == ParamType.RELTIME
                    ? Long.toUnsignedString(v) : Long.toString(v);
        }
        switch (type) {
            case CHARBUF: case FSPATH: case FSRELPATH:
                return e.paramAsString(i);
            case SOCKADDR:
                return sockaddr(Params.sockaddr(e, i));
            case SOCKTUPLE:
                return tuple(Params.tuple(e, i));
            case DYN:
                return Long.toString(Params.dynamicLong(e, i));
            default: {
                // a buffer is printed as a C string, as sysdig prints it: up to its first NUL
                byte[] bytes = e.paramBytes(i);
                int end = 0;
                while (end < bytes.length && bytes[end] != 0) {
                    end++;
                }
                return new String(bytes, 0, end, StandardCharsets.ISO_8859_1);
            }
        }
    }

    static String sockaddr(SocketAddress a) {
        if (a == null) {
            return "NULL";
        }
        switch (a.family()) {
            case Params.AF_INET: case Params.AF_INET6:
                return Addresses.ip(a.ip()) + ":" + a.port();
            case Params.AF_UNIX:
                return a.path();
            default:
                return "family " + a.family();
        }
    }

    static String tuple(SocketTuple t) {
        if (t == null) {
            return "NULL";
        }
        switch (t.family()) {
            case Params.AF_INET: case Params.AF_INET6:
                if (t.sourceIp() == null) {
                    return t.family() == Params.AF_INET ? "INVALID IPv4" : "INVALID IPv6";
                }
                return Addresses.ip(t.sourceIp()) + ":" + t.sourcePort() + "->" + Addresses.ip(t.destIp()) + ":"
                        + t.destPort();
            case Params.AF_UNIX:
                return Long.toHexString(t.unixSource()) + "->" + Long.toHexString(t.unixDest()) + " " + t.path();
            default:
                return "family " + t.family();
        }
    }

    // ------------------------------------------------------------------------------- formatted text

    /** The parameters the event carries that sysdig 0.29.3 reads: the fewer of the file's and its table's. */
    static int paramCount(ScapEvent e, SysdigTable.Event ev) {
        return ev == null ? 0 : Math.min(e.paramCount(), ev.params().length);
    }

    /**
     * {@code evt.args}: every parameter as {@code name=value} or {@code name=value(resolved)}, each
     * followed by a space; empty for generic system calls.
     */
    static String args(FieldContext c, Formatter f) {
        ScapEvent e = c.event();
        SysdigTable.Event ev = SysdigTable.get().event(e.type());
        if (e.type() == 0 || e.type() == 1) {
            return "";
        }
        int n = paramCount(e, ev);
        StringBuilder sb = new StringBuilder(64);
        for (int i = 0; i < n; i++) {
            f.format(c, ev, i);
            sb.append(ev.params()[i].name()).append('=').append(f.value);
            if (f.resolved.length() > 0) {
                sb.append('(').append(f.resolved).append(')');
            }
            sb.append(' ');
        }
        return sb.toString();
    }

    /**
     * Formats one parameter at a time into {@link #value} and {@link #resolved}. Holds its buffers
     * between calls; one per bound field.
     */
    static final class Formatter {
        final TextOptions options;
        final StringBuilder value = new StringBuilder(64);
        final StringBuilder resolved = new StringBuilder(64);

        Formatter(TextOptions options) {
            this.options = options;
        }

        /** The text sysdig shows for one parameter: the resolved text when there is one, else the value. */
        String shown() {
            return resolved.length() > 0 ? resolved.toString() : value.toString();
        }

        /** Formats parameter {@code i} of the current event, described by {@code ev}. */
        void format(FieldContext c, SysdigTable.Event ev, int i) {
            value.setLength(0);
            resolved.setLength(0);
            ScapEvent e = c.event();
            SysdigTable.Param p = ev.params()[i];
            ParamType type = p.type();
            PrintFormat fmt = p.format();
            int len = e.paramLength(i);
            int skip = 0;
            if (type == ParamType.DYN && p.dynamic() != null && len != 0) {
                DynamicTable dyn = p.dynamic();
                int index = e.paramByte(i, 0);
                if (index < dyn.size()) {
                    type = dyn.typeAt(index);
                    skip = 1;
                }
            }
            switch (type) {
                case INT8: case INT16: case INT32:
                    numeric32((int) fixed(e, i, skip, type.width(), true), fmt, value);
                    break;
                case UINT8: case UINT16:
                    numeric32((int) fixed(e, i, skip, type.width(), false), fmt, value);
                    break;
                case UINT32:
                    numeric32((int) fixed(e, i, skip, 4, false), fmt, value);
                    break;
                case INT64: case UINT64:
                    numeric64(fixed(e, i, skip, 8, true), fmt, value);
                    break;
                case FD:
                    fd(c, fixed(e, i, skip, 8, true));
                    break;
                case PID:
                    pid(c, fixed(e, i, skip, 8, true));
                    break;
                case ERRNO: {
                    long v = fixed(e, i, skip, 8, true);
                    value.append(v);
                    if (v < 0) {
                        appendErrno(v, resolved);
                    }
                    break;
                }
                case CHARBUF:
                    value.append(cString(e, i, skip));
                    break;
                case FSPATH: case FSRELPATH:
                    path(c, ev, i, p);
                    break;
                case BYTEBUF:
                    buffer(e, i, skip, options, value);
                    break;
                case SOCKADDR:
                    sockaddrText(e, i);
                    break;
                case SOCKTUPLE:
                    tupleText(e, i);
                    break;
                case FDLIST:
                    fdList(c, e, i);
                    break;
                case SYSCALLID: {
                    int code = (int) fixed(e, i, skip, 2, false);
                    SysdigTable table = SysdigTable.get();
                    if (code >= table.syscallCount()) {
                        value.append("<unknown syscall>");
                    } else {
                        value.append(code);
                        resolved.append(table.syscallName(code));
                    }
                    break;
                }
                case SIGTYPE: {
                    int sig = (int) fixed(e, i, skip, 1, false);
                    value.append(sig);
                    String name = SystemNames.signal(sig);
                    if (name != null) {
                        resolved.append(name);
                    }
                    break;
                }
                case RELTIME: {
                    long v = fixed(e, i, skip, 8, false);
                    if (v == -1) {
                        value.append("none");
                    } else {
                        value.append(Long.toUnsignedString(v));
                        resolved.append(formatG(unsignedToDouble(v) / 1_000_000_000.0)).append('s');
                    }
                    break;
                }
                case FLAGS8: case FLAGS16: case FLAGS32: {
                    long v = fixed(e, i, skip, type.width(), false);
                    value.append(v);
                    flagNames(p.flags(), v, resolved);
                    break;
                }
                case MODE: {
                    long v = fixed(e, i, skip, 4, false);
                    numeric32((int) v, fmt, value);
                    flagNames(p.flags(), v, resolved);
                    break;
                }
                case UID: case GID: {
                    long v = fixed(e, i, skip, 4, false);
                    if (v < 0xFFFF_FFFFL) {
                        value.append((int) v);
                        UserRecord u = type == ParamType.UID ? c.state().users().user(v) : c.state().users().group(v);
                        resolved.append(u != null ? sanitize(u.name()) : "<NA>");
                    } else {
                        value.append("-1");
                        resolved.append("<NONE>");
                    }
                    break;
                }
                case SIGSET: {
                    long v = fixed(e, i, skip, 4, false);
                    boolean first = true;
                    for (int sig = 0; sig < 32; sig++) {
                        if ((v & (1L << sig)) != 0) {
                            String name = SystemNames.signal(sig + 1);
                            if (name != null) {
                                if (!first) {
                                    value.append(' ');
                                }
                                value.append(name);
                                first = false;
                            }
                        }
                    }
                    break;
                }
                case CHARBUFARRAY: case CHARBUF_PAIR_ARRAY:
                    // in memory these hold pointers; a capture cannot carry them
                    break;
                case ABSTIME: case DYN:
                    value.append("INVALID DYNAMIC PARAMETER");
                    break;
                default:
                    value.append("(n.a.)");
                    break;
            }
        }

        private void fd(FieldContext c, long fd) {
            value.append(fd);
            ThreadInfo t = c.thread();
            if (t == null) {
                return;
            }
            if (fd >= 0) {
                FdInfo info = t.fd(fd);
                if (info != null) {
                    resolved.append('<').append(info.typeChar());
                    char proto = protoChar(info);
                    if (proto != 0) {
                        resolved.append(proto);
                    }
                    resolved.append('>').append(sanitize(info.name()));
                }
            } else if (fd == AT_FDCWD) {
                resolved.append("AT_FDCWD");
            } else {
                appendErrno(fd, resolved);
            }
        }

        private void pid(FieldContext c, long pid) {
            value.append(pid);
            ThreadInfo t = c.state().threads().get(pid);
            if (t != null) {
                resolved.append(t.comm());
            }
        }

        private void path(FieldContext c, SysdigTable.Event ev, int i, SysdigTable.Param p) {
            ScapEvent e = c.event();
            int len = e.paramLength(i);
            byte[] bytes = e.paramBytes(i);
            int end = 0;
            while (end < len && bytes[end] != 0) {
                end++;
            }
            int kept = 0;
            for (int k = 0; k < end; k++) {
                int b = bytes[k] & 0xFF;
                if (b >= 0x20 && b <= 0x7E) {
                    value.append((char) b);
                    kept++;
                }
            }
            if (end == len && kept == len && kept > 0) {
                // without a terminator libsinsp copies one character less than the length
                value.setLength(value.length() - 1);
            }
            ThreadInfo t = c.thread();
            if (t == null || len == 0 || (end >= 4 && bytes[0] == '<' && bytes[1] == 'N' && bytes[2] == 'A'
                    && bytes[3] == '>')) {
                return;
            }
            String path = new String(bytes, 0, end, StandardCharsets.UTF_8);
            if (path.isEmpty() || path.charAt(0) == '/') {
                return; // absolute: libsinsp reports no resolved text
            }
            resolved.append(FilePaths.concatenate(baseDir(c, t, ev, i, p), path));
        }

        /** The directory a relative path is resolved against: the cwd, or the directory of its dirfd. */
        private String baseDir(FieldContext c, ThreadInfo t, SysdigTable.Event ev, int i, SysdigTable.Param p) {
            String cwd = t.cwd();
            if (p.type() != ParamType.FSRELPATH) {
                return cwd;
            }
            int dirfdIndex = p.dirfd();
            if (dirfdIndex < 0 || dirfdIndex >= ev.params().length
                    || ev.params()[dirfdIndex].type() != ParamType.FD
                    || dirfdIndex >= c.event().paramCount()) {
                return cwd;
            }
            long dirfd = fixed(c.event(), dirfdIndex, 0, 8, true);
            if (dirfd == AT_FDCWD) {
                return cwd;
            }
            FdInfo dir = t.fd(dirfd);
            if (dir == null || dir.name().isEmpty()) {
                // sysdig would ask /proc of the machine it runs on, which knows nothing of the capture
                return "";
            }
            return sanitize(dir.name()) + "/";
        }

        private void sockaddrText(ScapEvent e, int i) {
            int len = e.paramLength(i);
            if (len == 0) {
                value.append("NULL");
                return;
            }
            int family = e.paramByte(i, 0);
            SocketAddress a = Params.sockaddr(e, i);
            if (family == Params.AF_UNIX) {
                value.append(sanitize(a.path()));
            } else if (family == Params.AF_INET) {
                if (len == 7) {
                    appendIp4(a.ip(), 0, value);
                    value.append(':').append(a.port());
                } else {
                    value.append("INVALID IPv4");
                }
            } else if (family == Params.AF_INET6) {
                if (len == 19) {
                    appendIp6(a.ip(), value);
                    value.append(':').append(a.port());
                } else {
                    value.append("INVALID IPv6");
                }
            } else {
                value.append("family ").append((int) (byte) family);
            }
        }

        private void tupleText(ScapEvent e, int i) {
            int len = e.paramLength(i);
            if (len == 0) {
                value.append("NULL");
                return;
            }
            int family = e.paramByte(i, 0);
            SocketTuple t = Params.tuple(e, i);
            if (family == Params.AF_INET) {
                if (len == 13) {
                    appendIp4(t.sourceIp(), 0, value);
                    value.append(':').append(t.sourcePort()).append("->");
                    appendIp4(t.destIp(), 0, value);
                    value.append(':').append(t.destPort());
                } else {
                    value.append("INVALID IPv4");
                }
            } else if (family == Params.AF_INET6) {
                if (len == 37) {
                    if (isV4MappedOrZero(t.sourceIp()) && isV4MappedOrZero(t.destIp())) {
                        appendIp4(t.sourceIp(), 12, value);
                        value.append(':').append(t.sourcePort()).append("->");
                        appendIp4(t.destIp(), 12, value);
                        value.append(':').append(t.destPort());
                    } else {
                        appendIp6(t.sourceIp(), value);
                        value.append(':').append(t.sourcePort()).append("->");
                        appendIp6(t.destIp(), value);
                        value.append(':').append(t.destPort());
                    }
                } else {
                    value.append("INVALID IPv6");
                }
            } else if (family == Params.AF_UNIX) {
                String path = t.path() == null ? "" : t.path();
                value.append(Long.toHexString(t.unixSource())).append("->").append(Long.toHexString(t.unixDest()))
                        .append(' ').append(sanitize(path));
            } else {
                value.append("family ").append((int) (byte) family);
            }
        }

        private void fdList(FieldContext c, ScapEvent e, int i) {
            ThreadInfo t = c.thread();
            if (t == null) {
                return;
            }
            long[] fds = Params.fdList(e, i);
            for (int k = 0; k < fds.length; k += 2) {
                long fd = fds[k];
                FdInfo info = t.fd(fd);
                value.append(Long.toUnsignedString(fd)).append(':').append(info != null ? info.typeChar() : '?')
                        .append(Integer.toHexString((short) fds[k + 1]));
                if (k + 2 < fds.length) {
                    value.append(' ');
                }
            }
        }
    }

    // ------------------------------------------------------------------------------- helpers

    /**
     * A fixed-width value of {@code width} bytes read from the start of a parameter (after {@code skip}
     * bytes), sign- or zero-extended; what the file does not carry reads as 0.
     */
    static long fixed(ScapEvent e, int i, int skip, int width, boolean signed) {
        int len = e.paramLength(i) - skip;
        if (len <= 0) {
            return 0;
        }
        long v;
        if (skip == 0) {
            v = e.paramAsLong(i);
        } else {
            v = 0;
            // a dynamic parameter: its value follows the index byte, little-endian as the drivers write it
            for (int k = Math.min(len, 8) - 1; k >= 0; k--) {
                v = (v << 8) | e.paramByte(i, skip + k);
            }
        }
        if (width < 8) {
            int bits = 8 * width;
            v &= (1L << bits) - 1;
            if (signed && (v & (1L << (bits - 1))) != 0) {
                v |= -1L << bits;
            }
        }
        return v;
    }

    /** A value printed as libsinsp prints a 32-bit (or narrower) integer with a print format. */
    static void numeric32(int v, PrintFormat fmt, StringBuilder out) {
        switch (fmt) {
            case OCT:
                out.append(v == 0 ? "0" : "0" + Integer.toOctalString(v));
                break;
            case HEX:
                out.append(Integer.toHexString(v).toUpperCase());
                break;
            case PADDED_DEC:
                padded(Integer.toString(v), out);
                break;
            default:
                out.append(v);
                break;
        }
    }

    /** A value printed as libsinsp prints a 64-bit integer with a print format. */
    static void numeric64(long v, PrintFormat fmt, StringBuilder out) {
        switch (fmt) {
            case OCT:
                out.append(v == 0 ? "0" : "0" + Long.toOctalString(v));
                break;
            case HEX:
                out.append(Long.toHexString(v).toUpperCase());
                break;
            case PADDED_DEC:
                padded(Long.toString(v), out);
                break;
            default:
                out.append(v);
                break;
        }
    }

    private static void padded(String digits, StringBuilder out) {
        boolean negative = digits.startsWith("-");
        String body = negative ? digits.substring(1) : digits;
        if (negative) {
            out.append('-');
        }
        for (int k = body.length() + (negative ? 1 : 0); k < 9; k++) {
            out.append('0');
        }
        out.append(body);
    }

    /**
     * The names of a flags value as libsinsp writes them: walking the table in order, each flag
     * whose bits are all set is named and its bits cleared, until an entry equals the whole value,
     * which is named last.
     */
    static void flagNames(SysdigTable.Flags table, long value, StringBuilder out) {
        if (table == null) {
            return;
        }
        long initial = value & 0xFFFF_FFFFL;
        long val = initial;
        String separator = "";
        int k = 0;
        for (; k < table.names.length && table.values[k] != initial; k++) {
            long flag = table.values[k];
            if ((flag == 0 && initial == 0) || (flag != 0 && (val & flag) == flag && val != 0)) {
                out.append(separator).append(table.names[k]);
                separator = "|";
                val &= ~flag;
            }
        }
        if (k < table.names.length) {
            out.append(separator).append(table.names[k]);
        }
    }

    /** The name of an errno given as a negative result, after libsinsp's cut to 32 bits. */
    static void appendErrno(long v, StringBuilder out) {
        int code = (int) v;
        if (code == Integer.MIN_VALUE) {
            return;
        }
        String name = SystemNames.errno(-code);
        if (name != null) {
            out.append(name);
        }
    }

    static char protoChar(FdInfo info) {
        int type = info.type();
        if (type != FdRecord.IPV4_SOCK && type != FdRecord.IPV6_SOCK && type != FdRecord.IPV4_SERVSOCK
                && type != FdRecord.IPV6_SERVSOCK) {
            return 0;
        }
        switch (info.l4proto()) {
            case FdInfo.L4_TCP: return 't';
            case FdInfo.L4_UDP: return 'u';
            case FdInfo.L4_ICMP: return 'i';
            case FdInfo.L4_RAW: return 'r';
            default: return 0;
        }
    }

    /** Drops every character libsinsp cannot print: all but the printable ASCII range. */
    static String sanitize(String s) {
        if (s == null) {
            return "";
        }
        int n = s.length();
        int k = 0;
        while (k < n && s.charAt(k) >= 0x20 && s.charAt(k) <= 0x7E) {
            k++;
        }
        if (k == n) {
            return s;
        }
        StringBuilder sb = new StringBuilder(n);
        for (int j = 0; j < n; j++) {
            char ch = s.charAt(j);
            if (ch >= 0x20 && ch <= 0x7E) {
                sb.append(ch);
            }
        }
        return sb.toString();
    }

    /** A string parameter up to its first NUL. */
    static String cString(ScapEvent e, int i, int skip) {
        if (skip == 0) {
            return e.paramAsString(i);
        }
        byte[] b = e.paramBytes(i);
        int end = skip;
        while (end < b.length && b[end] != 0) {
            end++;
        }
        return new String(b, skip, end - skip, StandardCharsets.UTF_8);
    }

    static void appendIp4(byte[] b, int at, StringBuilder out) {
        out.append(b[at] & 0xFF).append('.').append(b[at + 1] & 0xFF).append('.').append(b[at + 2] & 0xFF)
                .append('.').append(b[at + 3] & 0xFF);
    }

    /** libsinsp's test for an IPv4 address carried in IPv6 form: {@code ::ffff:a.b.c.d}, or all zeros. */
    static boolean isV4MappedOrZero(byte[] b) {
        for (int k = 0; k < 10; k++) {
            if (b[k] != 0) {
                return false;
            }
        }
        if ((b[10] & 0xFF) == 0xFF && (b[11] & 0xFF) == 0xFF) {
            return true;
        }
        for (int k = 10; k < 16; k++) {
            if (b[k] != 0) {
                return false;
            }
        }
        return true;
    }

    /** An IPv6 address as glibc's {@code inet_ntop} writes it. */
    static void appendIp6(byte[] b, StringBuilder out) {
        int[] words = new int[8];
        for (int k = 0; k < 8; k++) {
            words[k] = ((b[2 * k] & 0xFF) << 8) | (b[2 * k + 1] & 0xFF);
        }
        int bestBase = -1;
        int bestLen = 0;
        int curBase = -1;
        int curLen = 0;
        for (int k = 0; k < 8; k++) {
            if (words[k] == 0) {
                if (curBase == -1) {
                    curBase = k;
                    curLen = 1;
                } else {
                    curLen++;
                }
            } else if (curBase != -1) {
                if (bestBase == -1 || curLen > bestLen) {
                    bestBase = curBase;
                    bestLen = curLen;
                }
                curBase = -1;
            }
        }
        if (curBase != -1 && (bestBase == -1 || curLen > bestLen)) {
            bestBase = curBase;
            bestLen = curLen;
        }
        if (bestBase != -1 && bestLen < 2) {
            bestBase = -1;
        }
        for (int k = 0; k < 8; k++) {
            if (bestBase != -1 && k >= bestBase && k < bestBase + bestLen) {
                if (k == bestBase) {
                    out.append(':');
                }
                continue;
            }
            if (k != 0) {
                out.append(':');
            }
            if (k == 6 && bestBase == 0 && (bestLen == 6 || (bestLen == 5 && words[5] == 0xFFFF))) {
                appendIp4(b, 12, out);
                return;
            }
            out.append(Integer.toHexString(words[k]));
        }
        if (bestBase != -1 && bestBase + bestLen == 8) {
            out.append(':');
        }
    }

    // ------------------------------------------------------------------------------- buffers

    /** A data buffer in the chosen format, cut to the options' length in the normal format. */
    static void buffer(ScapEvent e, int i, int skip, TextOptions options, StringBuilder out) {
        int len = e.paramLength(i) - skip;
        if (len <= 0) {
            return;
        }
        byte[] all = e.paramBytes(i);
        int start = out.length();
        bufferText(all, skip, len, options.bufferFormat(), out);
        int max = options.maxBufferText();
        int blen = out.length() - start;
        if (options.bufferFormat() == TextOptions.BufferFormat.NORMAL && max != 0 && blen > max) {
            out.setLength(start + max);
            if (max > 3) {
                out.setCharAt(start + max - 3, '.');
                out.setCharAt(start + max - 2, '.');
                out.setCharAt(start + max - 1, '.');
            }
        }
    }

    /** Writes {@code len} bytes of {@code src} from {@code from} as libsinsp's buffer formats do. */
    static void bufferText(byte[] src, int from, int len, TextOptions.BufferFormat format, StringBuilder out) {
        switch (format) {
            case ASCII:
                out.append('\n');
                for (int j = 0; j < len; j++) {
                    int b = src[from + j] & 0xFF;
                    if (b >= 0x20 && b <= 0x7E) {
                        out.append((char) b);
                    } else if (b == '\r') {
                        out.append('\n');
                    } else if (b == '\n' && j > 0 && src[from + j - 1] != '\r') {
                        out.append('\n');
                    }
                }
                break;
            case HEX: case HEX_ASCII:
                hex(src, from, len, format == TextOptions.BufferFormat.HEX_ASCII, out);
                break;
            case BASE64:
                out.append(Base64.getEncoder().encodeToString(
                        Arrays.copyOfRange(src, from, from + len)));
                break;
            default:
                for (int j = 0; j < len; j++) {
                    int b = src[from + j] & 0xFF;
                    out.append(b >= 0x20 && b <= 0x7E ? (char) b : '.');
                }
                break;
        }
    }

    private static void hex(byte[] src, int from, int len, boolean ascii, StringBuilder out) {
        for (int j = 0; j < len; j += 16) {
            out.append("\n\t0x");
            hexDigits(j, 4, out);
            out.append(':');
            int chunks = 0;
            for (int p = j; chunks < 8 && p < len; p += 2, chunks++) {
                out.append(' ');
                if (p == len - 1) {
                    hexDigits(src[from + p] & 0xFF, 2, out);
                } else {
                    hexDigits(((src[from + p] & 0xFF) << 8) | (src[from + p + 1] & 0xFF), 4, out);
                }
            }
            if (ascii) {
                for (; chunks < 8; chunks++) {
                    out.append("     ");
                }
                out.append("  ");
                for (int p = j; p < j + 16 && p < len; p++) {
                    int b = src[from + p] & 0xFF;
                    out.append(b >= 0x20 && b <= 0x7E ? (char) b : '.');
                }
            }
        }
        out.append('\n');
    }

    private static void hexDigits(int v, int digits, StringBuilder out) {
        String h = Integer.toHexString(v);
        for (int k = h.length(); k < digits; k++) {
            out.append('0');
        }
        out.append(h);
    }

    // ------------------------------------------------------------------------------- numbers

    static double unsignedToDouble(long v) {
        return v >= 0 ? (double) v : ((double) (v >>> 1)) * 2.0 + (v & 1);
    }

    /** A number as C's {@code %lg} writes it: six significant digits, trailing zeros dropped. */
    static String formatG(double v) {
        if (v == 0) {
            return "0";
        }
        if (Double.isNaN(v)) {
            return "nan";
        }
        if (Double.isInfinite(v)) {
            return v > 0 ? "inf" : "-inf";
        }
        BigDecimal rounded = new BigDecimal(v).round(new MathContext(6, RoundingMode.HALF_EVEN));
        int exponent = rounded.precision() - rounded.scale() - 1;
        if (exponent < -4 || exponent >= 6) {
            String digits = rounded.unscaledValue().abs().toString();
            digits = stripZeros(digits);
            StringBuilder sb = new StringBuilder();
            if (rounded.signum() < 0) {
                sb.append('-');
            }
            sb.append(digits.charAt(0));
            if (digits.length() > 1) {
                sb.append('.').append(digits, 1, digits.length());
            }
            sb.append('e').append(exponent < 0 ? '-' : '+');
            int abs = Math.abs(exponent);
            if (abs < 10) {
                sb.append('0');
            }
            sb.append(abs);
            return sb.toString();
        }
        String plain = rounded.setScale(Math.max(0, 5 - exponent), RoundingMode.HALF_EVEN).toPlainString();
        if (plain.indexOf('.') >= 0) {
            plain = stripZeros(plain);
            if (plain.endsWith(".")) {
                plain = plain.substring(0, plain.length() - 1);
            }
        }
        return plain;
    }

    private static String stripZeros(String s) {
        int end = s.length();
        while (end > 1 && s.charAt(end - 1) == '0') {
            end--;
        }
        return s.substring(0, end);
    }
}
