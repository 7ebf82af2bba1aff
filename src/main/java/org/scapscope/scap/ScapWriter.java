package org.scapscope.scap;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Writes captures block by block: section headers, metadata blocks of every version and events in
 * the old and new layouts. Tests build tiny captures with it; parameters are given as values and
 * encoded by the event schema.
 */
public final class ScapWriter implements AutoCloseable {
    private static final EventSchema SCHEMA = EventSchema.get();

    private final OutputStream out;
    private ByteOrder order = ByteOrder.LITTLE_ENDIAN;

    public ScapWriter(OutputStream out) {
        this.out = out;
    }

    /** Starts a section in the given byte order; the blocks that follow are written in that order. */
    public ScapWriter sectionHeader(ByteOrder byteOrder, int major, int minor) throws IOException {
        return sectionHeader(byteOrder, major, minor, new byte[0]);
    }

    /** Starts a section whose header carries pcapng-style options (already encoded). */
    public ScapWriter sectionHeader(ByteOrder byteOrder, int major, int minor, byte[] options) throws IOException {
        this.order = byteOrder;
        Body b = new Body();
        b.u32(BlockType.SHB_MAGIC).u16(major).u16(minor).i64(-1).raw(options);
        return block(BlockType.SHB, b.bytes());
    }

    public ScapWriter machineInfo(MachineInfo mi) throws IOException {
        Body b = new Body();
        byte[] host = new byte[128];
        byte[] name = mi.hostname().getBytes(StandardCharsets.UTF_8);
        System.arraycopy(name, 0, host, 0, Math.min(name.length, 127));
        b.u32(mi.cpus()).i64(mi.memoryBytes()).i64(mi.maxPid()).raw(host).i64(mi.bootTime()).i64(0).i64(0).i64(0);
        return block(BlockType.MI, b.bytes());
    }

    /** A block of any type with the given body; the writer adds the header, padding and trailer. */
    public ScapWriter block(int type, byte[] body) throws IOException {
        int padded = (body.length + 3) & ~3;
        int total = 8 + padded + 4;
        ByteBuffer buf = ByteBuffer.allocate(total).order(order);
        buf.putInt(type).putInt(total).put(body);
        buf.position(8 + padded);
        buf.putInt(total);
        out.write(buf.array());
        return this;
    }

    /** A process-list block of version 1 to 9 ({@code PL_V*}). */
    public ScapWriter processList(int version, List<ThreadRecord> threads) throws IOException {
        Body body = new Body();
        for (ThreadRecord t : threads) {
            Body e = new Body();
            e.i64(t.tid()).i64(t.pid()).i64(t.ptid());
            if (version >= 6) {
                e.i64(t.sid());
            }
            if (version >= 8) {
                e.i64(t.vpgid());
            }
            e.str16(t.comm()).str16(t.exe());
            if (version >= 7) {
                e.str16(t.exepath());
            }
            e.list16(t.args()).str16(t.cwd()).i64(t.fdlimit()).u32(t.flags()).u32(t.uid()).u32(t.gid());
            if (version >= 2) {
                e.u32(t.vmSizeKb()).u32(t.vmRssKb()).u32(t.vmSwapKb()).i64(t.pageFaultsMajor()).i64(t.pageFaultsMinor());
            }
            if (version >= 3) {
                e.list16(t.env());
            }
            if (version >= 4) {
                e.i64(t.vtid()).i64(t.vpid()).list16(t.cgroups());
            }
            if (version >= 5) {
                e.str16(t.root());
            }
            if (version == 9) {
                e.i64(t.pidnsInitStartTs()).u32(t.tty()).u32(t.loginuid()).u8(t.exeWritable() ? 1 : 0)
                        .i64(t.capInheritable()).i64(t.capPermitted()).i64(t.capEffective())
                        .u8(t.exeUpperLayer() ? 1 : 0).i64(t.exeIno()).i64(t.exeInoCtime()).i64(t.exeInoMtime())
                        .u8(t.exeFromMemfd() ? 1 : 0).u8(t.exeLowerLayer() ? 1 : 0).i64(t.pgid());
                body.u32(e.size() + 4);
            }
            body.raw(e.bytes());
        }
        int type;
        switch (version) {
            case 1: type = BlockType.PL_V1; break;
            case 2: type = BlockType.PL_V2; break;
            case 3: type = BlockType.PL_V3; break;
            case 4: type = BlockType.PL_V4; break;
            case 5: type = BlockType.PL_V5; break;
            case 6: type = BlockType.PL_V6; break;
            case 7: type = BlockType.PL_V7; break;
            case 8: type = BlockType.PL_V8; break;
            case 9: type = BlockType.PL_V9; break;
            default: throw new IllegalArgumentException("process lists have versions 1 to 9, not " + version);
        }
        return block(type, body.bytes());
    }

    /** An fd-list block, {@code FDL} or {@code FDL_V2}. */
    public ScapWriter fdList(boolean v2, long tid, List<FdRecord> fds) throws IOException {
        Body body = new Body().i64(tid);
        for (FdRecord f : fds) {
            Body e = new Body();
            e.i64(f.fd()).i64(f.ino()).u8(f.type());
            switch (f.type()) {
                case FdRecord.IPV4_SOCK: case FdRecord.IPV6_SOCK:
                    e.raw(f.sourceIp()).raw(f.destIp()).u16(f.sourcePort()).u16(f.destPort()).u8(f.l4proto());
                    break;
                case FdRecord.IPV4_SERVSOCK: case FdRecord.IPV6_SERVSOCK:
                    e.raw(f.sourceIp()).u16(f.sourcePort()).u8(f.l4proto());
                    break;
                case FdRecord.UNIX_SOCK:
                    e.i64(f.unixSource()).i64(f.unixDest()).str16(f.name());
                    break;
                case FdRecord.FILE_V2:
                    e.u32(f.openFlags()).str16(f.name());
                    if (v2) {
                        e.u32(f.dev());
                    }
                    break;
                default:
                    e.str16(f.name());
                    break;
            }
            if (v2) {
                body.u32(e.size() + 4);
            }
            body.raw(e.bytes());
        }
        return block(v2 ? BlockType.FDL_V2 : BlockType.FDL, body.bytes());
    }

    /** An interface-list block, {@code IL} or {@code IL_V2}. */
    public ScapWriter interfaceList(boolean v2, List<InterfaceRecord> interfaces) throws IOException {
        Body body = new Body();
        for (InterfaceRecord r : interfaces) {
            Body e = new Body();
            byte[] name = r.name().getBytes(StandardCharsets.UTF_8);
            e.u16(r.ipv6() ? 2 : 1).u16(name.length).raw(r.address()).raw(r.netmask()).raw(r.broadcast())
                    .i64(r.linkSpeed()).raw(name);
            if (v2) {
                body.u32(e.size());
            }
            body.raw(e.bytes());
        }
        return block(v2 ? BlockType.IL_V2 : BlockType.IL, body.bytes());
    }

    /** A user-list block, {@code UL} or {@code UL_V2}. */
    public ScapWriter userList(boolean v2, List<UserRecord> users) throws IOException {
        Body body = new Body();
        for (UserRecord u : users) {
            Body e = new Body();
            if (u.group()) {
                e.u8(1).u32(u.gid()).str16(u.name());
            } else {
                e.u8(0).u32(u.uid()).u32(u.gid()).str16(u.name()).str16(u.home()).str16(u.shell());
            }
            if (v2) {
                body.u32(e.size() + 4);
            }
            body.raw(e.bytes());
        }
        return block(v2 ? BlockType.UL_V2 : BlockType.UL, body.bytes());
    }

    /** An event in the current layout, in an {@code EV_V2} block ({@code EV_V2_LARGE} for large-payload types). */
    public ScapWriter event(int cpu, long ts, long tid, int type, Object... params) throws IOException {
        EventInfo info = SCHEMA.event(type);
        boolean large = info != null && info.largePayload();
        return event(large ? BlockType.EV_V2_LARGE : BlockType.EV_V2, 0, cpu, ts, tid, type, params);
    }

    /**
     * An event in a block of the given type: {@code EV}, {@code EV_INT} and {@code EVF} use the old
     * 22-byte header; the {@code EVF*} types carry {@code dumpFlags}.
     */
    public ScapWriter event(int blockType, int dumpFlags, int cpu, long ts, long tid, int type, Object... params)
            throws IOException {
        if (!BlockType.isEvent(blockType)) {
            throw new IllegalArgumentException(BlockType.describe(blockType) + " is not an event block type");
        }
        boolean v1 = BlockType.isV1Event(blockType);
        EventInfo info = SCHEMA.event(type);
        int lsz = !v1 && info != null && info.largePayload() ? 4 : 2;
        byte[][] values = new byte[params.length][];
        int dataLen = 0;
        for (int i = 0; i < params.length; i++) {
            ParamInfo p = info != null && i < info.paramCount() ? info.params().get(i) : null;
            values[i] = encode(p, params[i]);
            dataLen += values[i].length;
        }
        int headerLen = v1 ? 22 : 26;
        int evtLen = headerLen + params.length * lsz + dataLen;
        Body b = new Body();
        b.u16(cpu);
        if (BlockType.hasDumpFlags(blockType)) {
            b.u32(dumpFlags);
        }
        b.i64(ts).i64(tid).u32(evtLen).u16(type);
        if (!v1) {
            b.u32(params.length);
        }
        for (byte[] v : values) {
            if (lsz == 2) {
                b.u16(v.length);
            } else {
                b.u32(v.length);
            }
        }
        for (byte[] v : values) {
            b.raw(v);
        }
        return block(blockType, b.bytes());
    }

    private byte[] encode(ParamInfo p, Object value) {
        if (value == null) {
            return new byte[0];
        }
        if (value instanceof byte[] raw) {
            return raw;
        }
        if (value instanceof String s) {
            byte[] text = s.getBytes(StandardCharsets.UTF_8);
            byte[] withNul = new byte[text.length + 1];
            System.arraycopy(text, 0, withNul, 0, text.length);
            return withNul;
        }
        if (value instanceof Number n) {
            int width = p != null && p.type().isFixedWidth() ? p.type().width() : 8;
            ByteBuffer buf = ByteBuffer.allocate(width).order(order);
            switch (width) {
                case 1: buf.put(n.byteValue()); break;
                case 2: buf.putShort(n.shortValue()); break;
                case 4: buf.putInt(n.intValue()); break;
                case 16: throw new IllegalArgumentException("give a 16-byte address as byte[]");
                default: buf.putLong(n.longValue()); break;
            }
            return buf.array();
        }
        throw new IllegalArgumentException("cannot encode a parameter from " + value.getClass().getSimpleName());
    }

    /** Encodes an inet socket tuple parameter (addresses as 4 or 16 bytes). */
    public static byte[] tuple(byte[] sourceIp, int sourcePort, byte[] destIp, int destPort) {
        ByteBuffer b = ByteBuffer.allocate(1 + 2 * sourceIp.length + 4).order(ByteOrder.LITTLE_ENDIAN);
        b.put((byte) (sourceIp.length == 4 ? Params.AF_INET : Params.AF_INET6)).put(sourceIp).putShort((short) sourcePort)
                .put(destIp).putShort((short) destPort);
        return b.array();
    }

    /** Encodes a list parameter (args, env, cgroups): each string followed by a NUL. */
    public static byte[] strings(List<String> items) {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        for (String item : items) {
            byte[] bytes = item.getBytes(StandardCharsets.UTF_8);
            b.write(bytes, 0, bytes.length);
            b.write(0);
        }
        return b.toByteArray();
    }

    /** Encodes an inet socket address parameter. */
    public static byte[] sockaddr(byte[] ip, int port) {
        ByteBuffer b = ByteBuffer.allocate(1 + ip.length + 2).order(ByteOrder.LITTLE_ENDIAN);
        b.put((byte) (ip.length == 4 ? Params.AF_INET : Params.AF_INET6)).put(ip).putShort((short) port);
        return b.array();
    }

    @Override
    public void close() throws IOException {
        out.close();
    }

    /** A growing block body in the writer's byte order. */
    private final class Body {
        private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        private final ByteBuffer scratch = ByteBuffer.allocate(8).order(order);

        Body u8(int v) {
            bytes.write(v);
            return this;
        }

        Body u16(int v) {
            scratch.clear();
            scratch.putShort((short) v);
            bytes.write(scratch.array(), 0, 2);
            return this;
        }

        Body u32(long v) {
            scratch.clear();
            scratch.putInt((int) v);
            bytes.write(scratch.array(), 0, 4);
            return this;
        }

        Body i64(long v) {
            scratch.clear();
            scratch.putLong(v);
            bytes.write(scratch.array(), 0, 8);
            return this;
        }

        Body raw(byte[] b) {
            bytes.write(b, 0, b.length);
            return this;
        }

        Body str16(String s) {
            byte[] b = s.getBytes(StandardCharsets.UTF_8);
            return u16(b.length).raw(b);
        }

        Body list16(List<String> items) {
            ByteArrayOutputStream joined = new ByteArrayOutputStream();
            for (String s : items) {
                byte[] b = s.getBytes(StandardCharsets.UTF_8);
                joined.write(b, 0, b.length);
                joined.write(0);
            }
            return u16(joined.size()).raw(joined.toByteArray());
        }

        int size() {
            return bytes.size();
        }

        byte[] bytes() {
            return bytes.toByteArray();
        }
    }
}
