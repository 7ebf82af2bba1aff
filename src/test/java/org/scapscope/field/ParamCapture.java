package org.scapscope.field;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import org.scapscope.scap.FdRecord;
import org.scapscope.scap.MachineInfo;
import org.scapscope.scap.OpenOptions;
import org.scapscope.scap.ScapEvent;
import org.scapscope.scap.ScapFile;
import org.scapscope.scap.ScapWriter;
import org.scapscope.scap.ThreadRecord;
import org.scapscope.scap.UserRecord;

/**
 * Tiny captures for the parameter-text tests, written with {@link ScapWriter}: a machine with two
 * processes ({@code cat}, pid 100, in {@code /home/user}; {@code sh}, pid 200), a few open
 * descriptors, two users and two groups, and events whose parameters cover each parameter type.
 * The expected texts in the tests are what sysdig 0.29.3 prints for these captures; {@link #main}
 * writes them out to run sysdig on ({@code sysdig -r FILE -p '*%evt.num %evt.type %evt.args'}).
 */
final class ParamCapture {
    static final long T0 = 1_700_000_000_000_000_000L;
    static final long CAT = 100;
    static final long SH = 200;

    // event types (ppm_event_code)
    static final int GENERIC_E = 0;
    static final int OPEN_E = 2;
    static final int OPEN_X = 3;
    static final int READ_E = 6;
    static final int READ_X = 7;
    static final int WRITE_E = 8;
    static final int WRITE_X = 9;
    static final int SOCKET_E = 18;
    static final int BIND_X = 21;
    static final int CONNECT_E = 22;
    static final int CONNECT_X = 23;
    static final int SENDTO_E = 30;
    static final int SHUTDOWN_E = 36;
    static final int SETSOCKOPT_X = 45;
    static final int GETSOCKOPT_X = 47;
    static final int EVENTFD_E = 62;
    static final int FUTEX_E = 64;
    static final int FSTAT_E = 70;
    static final int POLL_E = 80;
    static final int LSEEK_E = 86;
    static final int OPENAT_E = 102;
    static final int SIGNALFD_E = 126;
    static final int KILL_E = 128;
    static final int NANOSLEEP_E = 134;
    static final int GETRLIMIT_X = 141;
    static final int FCNTL_E = 150;
    static final int MMAP_E = 160;
    static final int MMAP_X = 161;
    static final int PTRACE_X = 169;
    static final int SETUID_E = 198;
    static final int SETGID_E = 200;
    static final int PPOLL_E = 254;
    static final int MKDIR_2_E = 276;
    static final int MKDIRAT_X = 305;
    static final int OPENAT_2_X = 307;
    static final int FCHMOD_X = 317;
    static final int CLOSE_X = 5;
    static final int ACCEPT4_5_E = 248;
    static final int SEMOP_X = 251;
    static final int SIGNALDELIVER_E = 232;
    static final int PRLIMIT_X = 145;
    static final int EXECVE_19_X = 293;

    private ParamCapture() {
    }

    static ThreadRecord thread(long tid, long pid, String comm, String cwd) {
        return new ThreadRecord(tid, pid, 1, tid, tid, comm, "/usr/bin/" + comm, "/usr/bin/" + comm, List.of("-x"),
                cwd, 1024, 0, 1000, 1001, 10, 20, 0, 1, 2, List.of("A=1"), tid, pid, List.of("cpuset=/"), "/", 0, 0,
                1000, false, 0, 0, 0, false, 0, 0, 0, false, false, pid);
    }

    static FdRecord file(long tid, long fd, String name) {
        return new FdRecord(tid, fd, 1, FdRecord.FILE, name, 0, 0, null, null, 0, 0, 0, 0, 0);
    }

    static FdRecord directory(long tid, long fd, String name) {
        return new FdRecord(tid, fd, 1, FdRecord.DIRECTORY, name, 0, 0, null, null, 0, 0, 0, 0, 0);
    }

    static FdRecord tcp(long tid, long fd) {
        return new FdRecord(tid, fd, 1, FdRecord.IPV4_SOCK, "", 0, 0, ip(10, 0, 0, 1), ip(10, 0, 0, 2), 40000, 80,
                2, 0, 0);
    }

    static FdRecord unix(long tid, long fd, String name) {
        return new FdRecord(tid, fd, 1, FdRecord.UNIX_SOCK, name, 0, 0, null, null, 0, 0, 0, 0xffff0001L,
                0xffff0002L);
    }

    static byte[] ip(int a, int b, int c, int d) {
        return new byte[] {(byte) a, (byte) b, (byte) c, (byte) d};
    }

    static byte[] ip6(int... words) {
        ByteBuffer b = ByteBuffer.allocate(16);
        for (int w : words) {
            b.putShort((short) w);
        }
        return b.array();
    }

    /** The start of every capture here: section, machine, processes, descriptors, users. */
    static void machine(ScapWriter w) throws IOException {
        w.sectionHeader(ByteOrder.LITTLE_ENDIAN, 1, 2)
                .machineInfo(new MachineInfo(2, 1L << 30, 32768, "testhost", T0 - 1_000_000_000L))
                .processList(9, List.of(thread(CAT, CAT, "cat", "/home/user"), thread(SH, SH, "sh", "/")))
                .fdList(false, CAT, List.of(file(CAT, 3, "/etc/passwd"), tcp(CAT, 4), unix(CAT, 5, "/run/x.sock"),
                        directory(CAT, 7, "/tmp/dir"), unix(CAT, 8, "/dev/log")))
                .userList(false, List.of(new UserRecord(false, 0, 0, "root", "/root", "/bin/sh"),
                        new UserRecord(false, 1000, 1001, "alice", "/home/alice", "/bin/sh"),
                        new UserRecord(true, -1, 0, "root", "", ""), new UserRecord(true, -1, 1001, "staff", "", "")));
    }

    /** A little-endian dynamic parameter: its index byte, then the value. */
    static byte[] dyn(int index, long value, int width) {
        ByteBuffer b = ByteBuffer.allocate(1 + width).order(ByteOrder.LITTLE_ENDIAN);
        b.put((byte) index);
        switch (width) {
            case 1: b.put((byte) value); break;
            case 4: b.putInt((int) value); break;
            default: b.putLong(value); break;
        }
        return b.array();
    }

    static byte[] dynBytes(int index, byte[] value) {
        byte[] out = new byte[1 + value.length];
        out[0] = (byte) index;
        System.arraycopy(value, 0, out, 1, value.length);
        return out;
    }

    /** An fd list: a count, then (fd, flags) pairs. */
    static byte[] fdList(long... fdAndFlags) {
        ByteBuffer b = ByteBuffer.allocate(2 + 5 * fdAndFlags.length).order(ByteOrder.LITTLE_ENDIAN);
        b.putShort((short) (fdAndFlags.length / 2));
        for (int k = 0; k < fdAndFlags.length; k += 2) {
            b.putLong(fdAndFlags[k]).putShort((short) fdAndFlags[k + 1]);
        }
        return b.array();
    }

    static byte[] unixTuple(long source, long dest, String path) {
        byte[] p = path.getBytes(StandardCharsets.UTF_8);
        ByteBuffer b = ByteBuffer.allocate(1 + 16 + p.length + 1).order(ByteOrder.LITTLE_ENDIAN);
        b.put((byte) 1).putLong(source).putLong(dest).put(p).put((byte) 0);
        return b.array();
    }

    static byte[] unixAddress(String path) {
        byte[] p = path.getBytes(StandardCharsets.UTF_8);
        byte[] out = new byte[p.length + 2];
        out[0] = 1;
        System.arraycopy(p, 0, out, 1, p.length);
        return out;
    }

    static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }

    /** One event per parameter case; the tests name them by number (evt.num, from 1). */
    static void parameters(ScapWriter w) throws IOException {
        machine(w);
        long ts = T0;
        // 1-2: open, relative path resolved against the cwd; flags, octal mode, hex dev
        w.event(0, ts++, CAT, OPEN_E, "sub/../file.txt", 4097L, 0755L);
        w.event(0, ts++, CAT, OPEN_X, 6L, "sub/../file.txt", 4097L, 0755L, 0x803L, 99L);
        // 3: a failed open: errno, absolute path, O_WRONLY|O_CREAT
        w.event(0, ts++, CAT, OPEN_X, -2L, "/nonexistent", 6L, 0644L, 0L, 0L);
        // 4-5: read of binary data; 6: a read longer than 80 characters
        w.event(0, ts++, CAT, READ_E, 3L, 4096L);
        w.event(0, ts++, CAT, READ_X, 9L, bytes("ab\0\ncd\r\n\u00ffe"), 3L, 4096L);
        w.event(0, ts++, CAT, READ_X, 100L, bytes("0123456789".repeat(10)), 3L, 4096L);
        // 7-9: connect enter with inet, inet6 and unix addresses
        w.event(0, ts++, CAT, CONNECT_E, 4L, ScapWriter.sockaddr(ip(10, 0, 0, 2), 80));
        w.event(0, ts++, CAT, CONNECT_E, 4L, ScapWriter.sockaddr(ip6(0x2001, 0xdb8, 0, 0, 0, 0, 0, 1), 443));
        w.event(0, ts++, CAT, CONNECT_E, 5L, unixAddress("/run/x.sock"));
        // 10-13: connect exit with tuples: inet, inet6, IPv4-mapped inet6, unix
        w.event(0, ts++, CAT, CONNECT_X, 0L, ScapWriter.tuple(ip(10, 0, 0, 1), 40000, ip(10, 0, 0, 2), 80));
        w.event(0, ts++, CAT, CONNECT_X, 0L, ScapWriter.tuple(ip6(0xfe80, 0, 0, 0, 0, 0, 0, 1), 5000,
                ip6(0x2001, 0xdb8, 0, 1, 0, 0, 0, 2), 443));
        w.event(0, ts++, CAT, CONNECT_X, -111L, ScapWriter.tuple(ip6(0, 0, 0, 0, 0, 0xffff, 0x7f00, 1), 5001,
                ip6(0, 0, 0, 0, 0, 0xffff, 0x7f00, 1), 8080));
        w.event(0, ts++, CAT, CONNECT_X, 0L, unixTuple(0xffff9a0012345678L, 0, "/run/x.sock"));
        // 14-15: socket domains (FLAGS32 in 0.29.3, an enum today)
        w.event(0, ts++, CAT, SOCKET_E, 2L, 1L, 0L);
        w.event(0, ts++, CAT, SOCKET_E, 10L, 2L, 17L);
        // 16: kill: a pid named by its thread, a signal
        w.event(0, ts++, CAT, KILL_E, SH, 9);
        // 17-20: uids and gids: known, unknown, none
        w.event(0, ts++, CAT, SETUID_E, 1000L);
        w.event(0, ts++, CAT, SETUID_E, 5000L);
        w.event(0, ts++, CAT, SETUID_E, 0xFFFFFFFFL);
        w.event(0, ts++, CAT, SETGID_E, 1001L);
        // 21: a mode with its names
        w.event(0, ts++, CAT, FCHMOD_X, 0L, 3L, 04755L);
        // 22: a relative time
        w.event(0, ts++, CAT, NANOSLEEP_E, 1_500_000_000L);
        // 23: an fd list: known and unknown descriptors
        w.event(0, ts++, CAT, POLL_E, fdList(3, 1, 4, 4, 99, 0x41), -1L);
        // 24: an fd list, a relative time of -1, a signal set
        w.event(0, ts++, CAT, PPOLL_E, fdList(8, 1), -1L, (1L << 1) | (1L << 8) | (1L << 14));
        // 25-26: mmap: flags, fd -1 read as errno, hex result (UINT64 in 0.29.3, ERRNO today)
        w.event(0, ts++, CAT, MMAP_E, 0L, 4096L, 3L, 0x22L, -1L, 0L);
        w.event(0, ts++, CAT, MMAP_X, 0x7f0000001000L, 100L, 20L, 0L);
        // 27-29: sockopt values of several dynamic types; levels and names (FLAGS8 in 0.29.3)
        w.event(0, ts++, CAT, SETSOCKOPT_X, 0L, 4L, 1, 2, dyn(2, 1, 4), 4L);
        w.event(0, ts++, CAT, GETSOCKOPT_X, 0L, 4L, 1, 4, dyn(1, -111, 8), 4L);
        w.event(0, ts++, CAT, GETSOCKOPT_X, 0L, 4L, 6, 99, dynBytes(0, bytes("a\0b")), 3L);
        // 30: ptrace's hex and signal dynamic parameters
        w.event(0, ts++, CAT, PTRACE_X, 0L, dyn(0, 0xdeadbeefL, 8), dyn(1, 11, 1));
        // 31-32: enums printed as flags by 0.29.3
        w.event(0, ts++, CAT, LSEEK_E, 3L, 10L, 2);
        w.event(0, ts++, CAT, FCNTL_E, 3L, 19);
        // 33: a flags parameter without a table (eventfd)
        w.event(0, ts++, CAT, EVENTFD_E, 5L, 0x80800L);
        // 34: a futex operation
        w.event(0, ts++, CAT, FUTEX_E, 0x7fffdeadL, 129, 1L);
        // 35: openat with AT_FDCWD
        w.event(0, ts++, CAT, OPENAT_E, -100L, "rel", 0L, 0L);
        // 36-38: paths relative to a directory descriptor: known, AT_FDCWD, unknown
        w.event(0, ts++, CAT, OPENAT_2_X, 9L, 7L, "sub/f", 1L, 0L, 0L, 0L);
        w.event(0, ts++, CAT, OPENAT_2_X, 9L, -100L, "./g", 1L, 0L, 0L, 0L);
        w.event(0, ts++, CAT, OPENAT_2_X, -13L, 42L, "h", 1L, 0L, 0L, 0L);
        // 39: mkdirat with a hex mode
        w.event(0, ts++, CAT, MKDIRAT_X, 0L, 7L, "newdir", 0755L);
        // 40: a generic system call (uname) and 41: one past 0.29.3's syscall table
        w.event(0, ts++, CAT, GENERIC_E, 63, 63);
        w.event(0, ts++, CAT, GENERIC_E, 400, 400);
        // 42: fstat of a unix socket; 43: of a tcp socket
        w.event(0, ts++, CAT, FSTAT_E, 5L);
        w.event(0, ts++, CAT, FSTAT_E, 4L);
        // 44: sendto with a unix tuple
        w.event(0, ts++, CAT, SENDTO_E, 5L, 3L, unixTuple(0xab, 0xcd, "/run/x.sock"));
        // 45: a socket address of an unknown family; 46: a short inet address
        w.event(0, ts++, CAT, BIND_X, 0L, new byte[] {99, 1, 2});
        w.event(0, ts++, CAT, BIND_X, 0L, new byte[] {2, 1, 2});
        // 47: shutdown how (FLAGS8 in 0.29.3); 48: signalfd flags without a table
        w.event(0, ts++, CAT, SHUTDOWN_E, 4L, 1);
        w.event(0, ts++, CAT, SIGNALFD_E, -1L, 0x4000L, 0x80);
        // 49: getrlimit: resource absent in 0.29.3's exit event (fewer parameters)
        w.event(0, ts++, CAT, GETRLIMIT_X, 0L, 1024L, 4096L, 7);
        // 50: mkdir's hex mode
        w.event(0, ts++, CAT, MKDIR_2_E, 0755L);
        // 51: an event of a thread the capture does not know
        w.event(0, ts++, 999, OPEN_X, 3L, "x", 0L, 0L, 0L, 0L);
    }

    /** Corner cases: non-ASCII text, missing terminators, signs, exponents, IPv6 forms. */
    static void corners(ScapWriter w) throws IOException {
        machine(w);
        long ts = T0;
        // 1: a relative path with non-ASCII characters; 2: with a control character
        w.event(0, ts++, CAT, OPEN_X, 10L, "caf\u00e9/x", 1L, 0L, 0L, 0L);
        w.event(0, ts++, CAT, OPEN_X, 11L, "a\tb", 1L, 0L, 0L, 0L);
        // 3-4: an empty data buffer
        w.event(0, ts++, CAT, READ_E, 3L, 0L);
        w.event(0, ts++, CAT, READ_X, 0L, new byte[0], 3L, 0L);
        // 5: a negative INT32 in hex
        w.event(0, ts++, CAT, ACCEPT4_5_E, -1);
        // 6: INT16 and FLAGS16 (semop)
        w.event(0, ts++, CAT, SEMOP_X, 0L, 2L, 1, -1, 0x1800, 2, 3, 0);
        // 7: pids of known and unknown threads, an unknown signal
        w.event(0, ts++, CAT, SIGNALDELIVER_E, SH, 12345L, 99);
        // 8-10: relative times needing an exponent, rounding and none of them
        w.event(0, ts++, CAT, NANOSLEEP_E, 1_000_000_000_000_000L);
        w.event(0, ts++, CAT, NANOSLEEP_E, 123_456_789L);
        w.event(0, ts++, CAT, NANOSLEEP_E, 1L);
        // 11-13: IPv6 addresses: IPv4-mapped, loopback, unspecified
        w.event(0, ts++, CAT, CONNECT_E, 4L, ScapWriter.sockaddr(ip6(0, 0, 0, 0, 0, 0xffff, 0x0102, 0x0304), 80));
        w.event(0, ts++, CAT, CONNECT_E, 4L, ScapWriter.sockaddr(ip6(0, 0, 0, 0, 0, 0, 0, 1), 80));
        w.event(0, ts++, CAT, CONNECT_E, 4L, ScapWriter.sockaddr(ip6(0, 0, 0, 0, 0, 0, 0, 0), 0));
        // 14: an IPv6 tuple between loopbacks; 15: IPv4-compatible form
        w.event(0, ts++, CAT, CONNECT_X, 0L, ScapWriter.tuple(ip6(0, 0, 0, 0, 0, 0, 0, 1), 1,
                ip6(0, 0, 0, 0, 0, 0, 0, 1), 2));
        w.event(0, ts++, CAT, CONNECT_X, 0L, ScapWriter.tuple(ip6(0, 0, 0, 0, 0, 0, 0x0a00, 1), 1,
                ip6(1, 0, 0, 1, 0, 0, 0, 1), 2));
        // 16: fd list flags with the sign bit
        w.event(0, ts++, CAT, POLL_E, fdList(3, 0x8001), 0L);
        // 17: a positive result; 18: UINT64 with the sign bit in decimal
        w.event(0, ts++, CAT, CLOSE_X, 5L);
        w.event(0, ts++, CAT, MMAP_E, -4096L, -1L, 0L, 0L, 3L, -1L);
        // 19: prlimit's signed limits
        w.event(0, ts++, CAT, PRLIMIT_X, 0L, -1L, 1L << 62, 7L, 8L);
        // 20: execve of sh into a program with a non-ASCII name; 21: kill naming it
        w.event(0, ts++, SH, EXECVE_19_X, 0L, "/bin/t\u00e9st", bytes("t\u00e9st\0-x\0"), SH, SH, 1L, "", 1024L,
                0L, 0L, 10L, 20L, 0L, "t\u00e9st", bytes("cpu=/\0"), bytes("A=1\0"), 34816L, SH, 1000L);
        w.event(0, ts++, CAT, KILL_E, SH, 15);
        // 22: a sockaddr of a unix socket with non-printable characters
        w.event(0, ts++, CAT, CONNECT_E, 5L, unixAddress("\u0000abstract"));
    }

    /** Writes to /dev/log (fd 8) that the syslog decoder reads, and others it does not. */
    static void syslog(ScapWriter w) throws IOException {
        machine(w);
        long ts = T0;
        String[] messages = {"<30>Nov 26 10:00:00 myapp: hello", "<13>x", "<abc>bad", "<>empty", "<191>debug",
            "<200>past", "no priority", "<14>with\0nul"};
        for (String m : messages) {
            byte[] data = bytes(m);
            w.event(0, ts++, CAT, WRITE_E, 8L, (long) data.length);
            w.event(0, ts++, CAT, WRITE_X, (long) data.length, data, 8L, (long) data.length);
        }
        byte[] data = bytes("<30>not a log fd");
        w.event(0, ts++, CAT, WRITE_E, 3L, (long) data.length);
        w.event(0, ts++, CAT, WRITE_X, (long) data.length, data, 3L, (long) data.length);
        w.event(0, ts++, CAT, WRITE_E, 8L, 5L);
        w.event(0, ts++, CAT, WRITE_X, -11L, bytes("<30>x"), 8L, 5L);
    }

    static byte[] capture(Content content) throws IOException {
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        try (ScapWriter w = new ScapWriter(buf)) {
            content.write(w);
        }
        return buf.toByteArray();
    }

    interface Content {
        void write(ScapWriter w) throws IOException;
    }

    /** The lines {@code format} gives for the capture, one per event shown, as {@code scapscope events} prints them. */
    static List<String> render(Path tmp, Content content, String format, TextOptions options) throws Exception {
        Path file = Files.createTempFile(tmp, "capture", ".scap");
        Files.write(file, capture(content));
        OutputFormat output = OutputFormat.parse(format, options);
        List<String> lines = new ArrayList<>();
        try (ScapFile scap = ScapFile.open(file, OpenOptions.defaults().cacheDir(tmp.resolve("cache")))) {
            FieldContext ctx = new FieldContext(scap, ZoneId.of("UTC"));
            ScapEvent e = scap.newEvent();
            for (long i = 0; i < scap.eventCount(); i++) {
                scap.read(i, e);
                ctx.advance(e);
                if (ScapFile.isHidden(e)) {
                    continue;
                }
                String line = output.render(ctx);
                if (line != null) {
                    lines.add(line);
                }
            }
        }
        return lines;
    }

    /** The lines of the events numbered {@code numbers} (lines start with the number and a space or '|'). */
    static List<String> pick(List<String> lines, int... numbers) {
        List<String> out = new ArrayList<>();
        for (int n : numbers) {
            for (String l : lines) {
                if (l.startsWith(n + " ") || l.startsWith(n + "|")) {
                    out.add(l);
                    break;
                }
            }
        }
        return out;
    }

    /** Writes the captures into a directory, to run sysdig on them. */
    public static void main(String[] args) throws IOException {
        Path dir = Path.of(args.length > 0 ? args[0] : ".");
        Files.write(dir.resolve("params.scap"), capture(ParamCapture::parameters));
        Files.write(dir.resolve("syslog.scap"), capture(ParamCapture::syslog));
        Files.write(dir.resolve("corners.scap"), capture(ParamCapture::corners));
    }
}
