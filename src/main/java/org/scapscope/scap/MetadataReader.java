package org.scapscope.scap;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Parses the metadata blocks of a section: machine info, process lists V1-V9, fd lists V1-V2,
 * interface lists V1-V2 and user lists V1-V2, in every byte order.
 *
 * <p>Each entry is bounded by its block (and, in the V2 formats, by its own length), so a damaged
 * entry ends the list with {@link #problem()} set instead of reading past the block.
 */
public final class MetadataReader {
    private static final int MAX_PATH = 1024;
    private static final int MAX_ARGS = 4096;

    private final MappedInput in;
    private final BlockRef block;
    private final long end;
    private long pos;
    private String problem;

    MetadataReader(MappedInput in, BlockRef block) {
        this.in = in;
        this.block = block;
        this.pos = block.offset() + 8;
        this.end = block.offset() + block.length() - 4;
    }

    /** What stopped the parse early, or null when the whole block was read. */
    public String problem() {
        return problem;
    }

    static MachineInfo machineInfo(MappedInput in, BlockRef block) {
        long body = block.offset() + 8;
        if (block.length() - 12 < 156) {
            return null;
        }
        int cpus = in.getInt(body);
        long memory = in.getLong(body + 4);
        long maxPid = in.getLong(body + 12);
        String host = cString(in, body + 20, 128);
        long boot = block.length() - 12 >= 156 ? in.getLong(body + 148) : 0;
        return new MachineInfo(cpus, memory, maxPid, host, boot);
    }

    // ---------------------------------------------------------------- process lists

    /** The threads of a process-list block. */
    public List<ThreadRecord> threads() {
        int version = BlockType.processListVersion(block.type());
        if (version == 0) {
            return List.of();
        }
        List<ThreadRecord> out = new ArrayList<>();
        try {
            while (end - pos >= 4 && problem == null) {
                long entryStart = pos;
                long entryEnd = end;
                if (version == 9) {
                    long entryLen = u32();
                    if (entryLen < 4 || entryStart + entryLen > end) {
                        fail(entryStart, "thread entry length " + entryLen + " runs past the block");
                        break;
                    }
                    entryEnd = entryStart + entryLen;
                }
                ThreadRecord t = thread(version, entryEnd);
                if (t == null) {
                    break;
                }
                out.add(t);
                if (version == 9) {
                    if (pos > entryEnd) {
                        fail(entryStart, "thread entry is longer than its recorded length");
                        break;
                    }
                    pos = entryEnd;
                }
            }
        } catch (IndexOutOfBoundsException | IllegalStateException e) {
            fail(pos, "thread entry runs past the block");
        }
        return Collections.unmodifiableList(out);
    }

    private ThreadRecord thread(int v, long entryEnd) {
        long tid = i64();
        long pid = i64();
        long ptid = i64();
        long sid = v >= 6 ? i64() : -1;
        long vpgid = v >= 8 ? i64() : -1;
        String comm = str16(MAX_PATH);
        String exe = str16(MAX_PATH);
        String exepath = v >= 7 ? str16(MAX_PATH) : "";
        List<String> args = strings16(MAX_ARGS);
        String cwd = str16(MAX_PATH);
        long fdlimit = i64();
        long flags = u32();
        long uid = u32();
        long gid = u32();
        long vmSize = 0;
        long vmRss = 0;
        long vmSwap = 0;
        long pfMaj = 0;
        long pfMin = 0;
        List<String> env = List.of();
        long vtid = -1;
        long vpid = -1;
        List<String> cgroups = List.of();
        String root = "";
        if (v >= 2) {
            vmSize = u32();
            vmRss = u32();
            vmSwap = u32();
            pfMaj = i64();
            pfMin = i64();
        }
        if (v >= 3) {
            env = strings16(MAX_ARGS);
        }
        if (v >= 4) {
            vtid = i64();
            vpid = i64();
            cgroups = strings16(MAX_ARGS);
        }
        if (v >= 5) {
            root = str16(MAX_PATH);
        }
        long pidnsStart = 0;
        long tty = 0;
        long loginuid = 0xFFFF_FFFFL;
        boolean exeWritable = false;
        long capInh = 0;
        long capPerm = 0;
        long capEff = 0;
        boolean upper = false;
        long ino = 0;
        long inoCtime = 0;
        long inoMtime = 0;
        boolean memfd = false;
        boolean lower = false;
        long pgid = -1;
        if (v == 9) {
            // libs 0.10 put pidns_init_start_ts and tty before loginuid; an older tail is at most 29 bytes.
            if (entryEnd - pos > 29) {
                pidnsStart = i64();
                tty = u32();
            }
            if (fits(4, entryEnd)) {
                loginuid = u32();
            }
            if (fits(1, entryEnd)) {
                exeWritable = u8() != 0;
            }
            if (fits(8, entryEnd)) {
                capInh = i64();
            }
            if (fits(8, entryEnd)) {
                capPerm = i64();
            }
            if (fits(8, entryEnd)) {
                capEff = i64();
            }
            if (fits(1, entryEnd)) {
                upper = u8() != 0;
            }
            if (fits(8, entryEnd)) {
                ino = i64();
            }
            if (fits(8, entryEnd)) {
                inoCtime = i64();
            }
            if (fits(8, entryEnd)) {
                inoMtime = i64();
            }
            if (fits(1, entryEnd)) {
                memfd = u8() != 0;
            }
            if (fits(1, entryEnd)) {
                lower = u8() != 0;
            }
            if (fits(8, entryEnd)) {
                pgid = i64();
            }
        }
        if (pos > entryEnd) {
            throw new IllegalStateException("entry overrun");
        }
        return new ThreadRecord(tid, pid, ptid, sid, vpgid, comm, exe, exepath, args, cwd, fdlimit, flags, uid, gid,
                vmSize, vmRss, vmSwap, pfMaj, pfMin, env, vtid, vpid, cgroups, root, pidnsStart, tty, loginuid,
                exeWritable, capInh, capPerm, capEff, upper, ino, inoCtime, inoMtime, memfd, lower, pgid);
    }

    // ---------------------------------------------------------------- fd lists

    /** The thread an fd-list block belongs to. */
    public long fdListThread() {
        return in.getLong(block.offset() + 8);
    }

    /** The descriptors of an fd-list block. */
    public List<FdRecord> fds() {
        boolean v2 = block.type() == BlockType.FDL_V2;
        if (!v2 && block.type() != BlockType.FDL && block.type() != BlockType.FDL_INT) {
            return List.of();
        }
        List<FdRecord> out = new ArrayList<>();
        try {
            long tid = i64();
            while (end - pos >= 4 && problem == null) {
                long entryStart = pos;
                long entryEnd = end;
                if (v2) {
                    long entryLen = u32();
                    if (entryLen < 4 || entryStart + entryLen > end) {
                        fail(entryStart, "fd entry length " + entryLen + " runs past the block");
                        break;
                    }
                    entryEnd = entryStart + entryLen;
                }
                long fd = i64();
                long ino = i64();
                int type = u8();
                FdRecord r = fd(tid, fd, ino, type, v2, entryEnd);
                if (r == null) {
                    if (!v2) {
                        fail(entryStart, "fd entry of unknown type " + type + " cannot be skipped in an FDL block");
                        break;
                    }
                    r = new FdRecord(tid, fd, ino, FdRecord.UNSUPPORTED, "unknown-type:[" + type + "]", 0, 0, null,
                            null, 0, 0, 0, 0, 0);
                }
                out.add(r);
                if (v2) {
                    if (pos > entryEnd) {
                        fail(entryStart, "fd entry is longer than its recorded length");
                        break;
                    }
                    pos = entryEnd;
                }
            }
        } catch (IndexOutOfBoundsException | IllegalStateException e) {
            fail(pos, "fd entry runs past the block");
        }
        return Collections.unmodifiableList(out);
    }

    private FdRecord fd(long tid, long fd, long ino, int type, boolean v2, long entryEnd) {
        switch (type) {
            case FdRecord.IPV4_SOCK: {
                byte[] sip = bytes(4);
                byte[] dip = bytes(4);
                int sport = u16();
                int dport = u16();
                int proto = u8();
                return new FdRecord(tid, fd, ino, type, "", 0, 0, sip, dip, sport, dport, proto, 0, 0);
            }
            case FdRecord.IPV4_SERVSOCK: {
                byte[] ip = bytes(4);
                int port = u16();
                int proto = u8();
                return new FdRecord(tid, fd, ino, type, "", 0, 0, ip, null, port, 0, proto, 0, 0);
            }
            case FdRecord.IPV6_SOCK: {
                byte[] sip = bytes(16);
                byte[] dip = bytes(16);
                int sport = u16();
                int dport = u16();
                int proto = u8();
                return new FdRecord(tid, fd, ino, type, "", 0, 0, sip, dip, sport, dport, proto, 0, 0);
            }
            case FdRecord.IPV6_SERVSOCK: {
                byte[] ip = bytes(16);
                int port = u16();
                int proto = u8();
                return new FdRecord(tid, fd, ino, type, "", 0, 0, ip, null, port, 0, proto, 0, 0);
            }
            case FdRecord.UNIX_SOCK: {
                long src = i64();
                long dst = i64();
                String name = str16(MAX_PATH);
                return new FdRecord(tid, fd, ino, type, name, 0, 0, null, null, 0, 0, 0, src, dst);
            }
            case FdRecord.FILE_V2: {
                long flags = u32();
                String name = str16(MAX_PATH);
                long dev = v2 && fits(4, entryEnd) ? u32() : 0;
                return new FdRecord(tid, fd, ino, type, name, flags, dev, null, null, 0, 0, 0, 0, 0);
            }
            case FdRecord.FILE: case FdRecord.DIRECTORY: case FdRecord.FIFO: case FdRecord.EVENT:
            case FdRecord.UNSUPPORTED: case FdRecord.SIGNALFD: case FdRecord.EVENTPOLL: case FdRecord.INOTIFY:
            case FdRecord.TIMERFD: case FdRecord.NETLINK: case FdRecord.BPF: case FdRecord.USERFAULTFD:
            case FdRecord.IOURING: case FdRecord.MEMFD: case FdRecord.PIDFD:
                return new FdRecord(tid, fd, ino, type, str16(MAX_PATH), 0, 0, null, null, 0, 0, 0, 0, 0);
            default:
                return null;
        }
    }

    // ---------------------------------------------------------------- interface lists

    /** The addresses of an interface-list block. */
    public List<InterfaceRecord> interfaces() {
        boolean v2 = block.type() == BlockType.IL_V2;
        if (!v2 && block.type() != BlockType.IL && block.type() != BlockType.IL_INT) {
            return List.of();
        }
        List<InterfaceRecord> out = new ArrayList<>();
        try {
            while (end - pos >= 4 && problem == null) {
                long entryStart = pos;
                long entryEnd = end;
                if (v2) {
                    // the length of an interface entry does not count its own 4 bytes
                    long entryLen = u32();
                    if (pos + entryLen > end) {
                        fail(entryStart, "interface entry length " + entryLen + " runs past the block");
                        break;
                    }
                    entryEnd = pos + entryLen;
                }
                int type = u16();
                int nameLen = u16();
                if (nameLen >= MAX_PATH) {
                    fail(entryStart, "interface name of " + nameLen + " bytes is too long");
                    break;
                }
                InterfaceRecord r;
                switch (type) {
                    case 1: case 3: {
                        byte[] addr = bytes(4);
                        byte[] mask = bytes(4);
                        byte[] bcast = bytes(4);
                        long speed = type == 1 ? i64() : 0;
                        r = new InterfaceRecord(false, text(nameLen), addr, mask, bcast, speed);
                        break;
                    }
                    case 2: case 4: {
                        byte[] addr = bytes(16);
                        byte[] mask = bytes(16);
                        byte[] bcast = bytes(16);
                        long speed = type == 2 ? i64() : 0;
                        r = new InterfaceRecord(true, text(nameLen), addr, mask, bcast, speed);
                        break;
                    }
                    default:
                        fail(entryStart, "interface entry of unknown type " + type);
                        return Collections.unmodifiableList(out);
                }
                out.add(r);
                if (v2) {
                    pos = Math.max(pos, entryEnd);
                }
            }
        } catch (IndexOutOfBoundsException | IllegalStateException e) {
            fail(pos, "interface entry runs past the block");
        }
        return Collections.unmodifiableList(out);
    }

    // ---------------------------------------------------------------- user lists

    /** The users and groups of a user-list block. */
    public List<UserRecord> users() {
        boolean v2 = block.type() == BlockType.UL_V2;
        if (!v2 && block.type() != BlockType.UL && block.type() != BlockType.UL_INT) {
            return List.of();
        }
        List<UserRecord> out = new ArrayList<>();
        try {
            while (end - pos >= 4 && problem == null) {
                long entryStart = pos;
                long entryEnd = end;
                if (v2) {
                    long entryLen = u32();
                    if (entryLen < 4 || entryStart + entryLen > end) {
                        fail(entryStart, "user entry length " + entryLen + " runs past the block");
                        break;
                    }
                    entryEnd = entryStart + entryLen;
                }
                int kind = u8();
                if (kind == 0) {
                    long uid = u32();
                    long gid = u32();
                    String name = str16(MAX_PATH);
                    String home = str16(MAX_PATH);
                    String shell = str16(MAX_PATH);
                    out.add(new UserRecord(false, uid, gid, name, home, shell));
                } else {
                    long gid = u32();
                    String name = str16(MAX_PATH);
                    out.add(new UserRecord(true, -1, gid, name, "", ""));
                }
                if (v2) {
                    if (pos > entryEnd) {
                        fail(entryStart, "user entry is longer than its recorded length");
                        break;
                    }
                    pos = entryEnd;
                }
            }
        } catch (IndexOutOfBoundsException | IllegalStateException e) {
            fail(pos, "user entry runs past the block");
        }
        return Collections.unmodifiableList(out);
    }

    // ---------------------------------------------------------------- primitives

    private void fail(long at, String what) {
        problem = String.format("%s block at offset %d: %s (at offset %d)", BlockType.describe(block.type()),
                block.offset(), what, at);
    }

    private boolean fits(int n, long entryEnd) {
        return pos + n <= entryEnd;
    }

    private void need(long n) {
        if (pos + n > end) {
            throw new IllegalStateException("past block end");
        }
    }

    private int u8() {
        need(1);
        return in.getUnsignedByte(pos++);
    }

    private int u16() {
        need(2);
        int v = in.getUnsignedShort(pos);
        pos += 2;
        return v;
    }

    private long u32() {
        need(4);
        long v = in.getUnsignedInt(pos);
        pos += 4;
        return v;
    }

    private long i64() {
        need(8);
        long v = in.getLong(pos);
        pos += 8;
        return v;
    }

    private byte[] bytes(int n) {
        need(n);
        byte[] b = in.bytes(pos, n);
        pos += n;
        return b;
    }

    private String text(int n) {
        byte[] b = bytes(n);
        int len = 0;
        while (len < b.length && b[len] != 0) {
            len++;
        }
        return new String(b, 0, len, StandardCharsets.UTF_8);
    }

    private String str16(int max) {
        int len = u16();
        if (len > max) {
            throw new IllegalStateException("string of " + len + " bytes exceeds " + max);
        }
        return text(len);
    }

    /** A u16-length list of NUL-separated strings (argv, env, cgroups). */
    private List<String> strings16(int max) {
        int len = u16();
        if (len > max) {
            throw new IllegalStateException("list of " + len + " bytes exceeds " + max);
        }
        return splitNul(bytes(len));
    }

    static List<String> splitNul(byte[] b) {
        List<String> out = new ArrayList<>();
        int start = 0;
        for (int i = 0; i < b.length; i++) {
            if (b[i] == 0) {
                out.add(new String(b, start, i - start, StandardCharsets.UTF_8));
                start = i + 1;
            }
        }
        if (start < b.length) {
            out.add(new String(b, start, b.length - start, StandardCharsets.UTF_8));
        }
        return List.copyOf(out);
    }

    private static String cString(MappedInput in, long at, int max) {
        byte[] b = in.bytes(at, max);
        int len = 0;
        while (len < max && b[len] != 0) {
            len++;
        }
        return new String(b, 0, len, StandardCharsets.UTF_8);
    }
}
