package org.scapscope.state;

import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import org.scapscope.scap.InterfaceRecord;
import org.scapscope.scap.ScapFile;
import org.scapscope.scap.UserRecord;

/**
 * Writes a machine state as bytes and reads it back, for state checkpoints. Threads and
 * descriptors are written field by field, in the order of their names. {@link #LAYOUT} is made
 * from the fields the classes declare, so checkpoints written before a field was added, removed or
 * retyped are not read; a test checks that every field declared is written and read back.
 * Transient fields are derived, and not written.
 */
final class StateCodec {
    private static final Field[] THREAD_FIELDS = fields(ThreadInfo.class, "table", "fdTable");
    private static final Field[] FD_FIELDS = fields(FdInfo.class, "sock");

    /** A fingerprint of the layout: the fields written, by name and type. */
    static final long LAYOUT = layout();

    private StateCodec() {
    }

    private static Field[] fields(Class<?> type, String... skip) {
        List<Field> out = new ArrayList<>();
        outer:
        for (Field f : type.getDeclaredFields()) {
            // transient: what a thread derives from its other fields, made again when asked
            if (Modifier.isStatic(f.getModifiers()) || Modifier.isTransient(f.getModifiers())) {
                continue;
            }
            for (String s : skip) {
                if (f.getName().equals(s)) {
                    continue outer;
                }
            }
            out.add(f);
        }
        out.sort((a, b) -> a.getName().compareTo(b.getName()));
        return out.toArray(new Field[0]);
    }

    private static long layout() {
        long h = 1125899906842597L;
        for (Field[] group : new Field[][] {THREAD_FIELDS, FD_FIELDS}) {
            for (Field f : group) {
                for (char c : (f.getName() + ":" + f.getGenericType().getTypeName()).toCharArray()) {
                    h = 31 * h + c;
                }
            }
        }
        return h;
    }

    /** A machine state as checkpoint bytes. */
    static byte[] write(MachineState s) {
        Writer w = new Writer();
        w.write(s);
        return w.toBytes();
    }

    /**
     * Writes one checkpoint after another. The state between two checkpoints mostly keeps its
     * strings and lists (a program's arguments and environment are shared by its threads and kept
     * until it runs another), so each is encoded once and its bytes reused while it is the same object.
     */
    static final class Writer {
        private static final int CACHED = 1 << 12;
        private final Out out = new Out();
        private final Object[] cachedKeys = new Object[CACHED];
        private final byte[][] cachedBytes = new byte[CACHED][];

        /** Encodes {@code s}, replacing what the last call encoded; {@link #bytes} and {@link #length} give it. */
        void write(MachineState s) {
            out.length = 0;
            out.writeLong(s.tidToRemove);
            out.writeLong(s.tidOfFdsToRemove);
            out.writeInt(s.fdsToRemove.size());
            for (long fd : s.fdsToRemove) {
                out.writeLong(fd);
            }
            out.writeInt(s.lastSwitchTs.length);
            for (long ts : s.lastSwitchTs) {
                out.writeLong(ts);
            }
            out.writeLong(s.execTime);
            out.writeInt(s.serverPorts.size());
            for (int p : s.serverPorts) {
                out.writeInt(p);
            }
            List<UserRecord> users = new ArrayList<>(s.users.allUsers().values());
            users.addAll(s.users.allGroups().values());
            out.writeInt(users.size());
            for (UserRecord u : users) {
                out.writeBoolean(u.group());
                out.writeLong(u.uid());
                out.writeLong(u.gid());
                text(u.name());
                text(u.home());
                text(u.shell());
            }
            List<InterfaceRecord> ifs = s.interfaces.all();
            out.writeInt(ifs.size());
            for (InterfaceRecord i : ifs) {
                out.writeBoolean(i.ipv6());
                text(i.name());
                out.writeBytes(i.address());
                out.writeBytes(i.netmask());
                out.writeBytes(i.broadcast());
                out.writeLong(i.linkSpeed());
            }
            out.writeBytes(s.containers.toBytes());
            Collection<ThreadInfo> threads = s.threads.all();
            out.writeInt(threads.size());
            for (ThreadInfo t : threads) {
                thread(t);
                Map<Long, FdInfo> fds = t.fdTable.all();
                out.writeInt(fds.size());
                for (Map.Entry<Long, FdInfo> e : fds.entrySet()) {
                    out.writeLong(e.getKey());
                    fd(e.getValue());
                }
            }
        }

        byte[] bytes() {
            return out.buf;
        }

        int length() {
            return out.length;
        }

        byte[] toBytes() {
            return Arrays.copyOf(out.buf, out.length);
        }

        // The fields in THREAD_FIELDS's order (by name), as the layout fingerprint lists them.
        private void thread(ThreadInfo t) {
            texts(t.args);
            out.writeInt(t.category);
            pairs(t.cgroups);
            out.writeLong(t.cloneTs);
            text(t.comm);
            text(t.containerId);
            out.writeLong(t.cpuSystem);
            out.writeLong(t.cpuUser);
            text(t.cwd);
            texts(t.env);
            text(t.exe);
            out.writeBoolean(t.exeWritable);
            text(t.exepath);
            out.writeLong(t.fdlimit);
            out.writeLong(t.flags);
            out.writeLong(t.gid);
            out.writeLong(t.lastEnterIndex);
            out.writeBoolean(t.lastEnterValid);
            out.writeLong(t.lastEventFd);
            out.writeLong(t.lastEventTs);
            out.writeInt(t.lastEventType);
            out.writeLong(t.lastLatencyEnter);
            out.writeLong(t.latency);
            out.writeLong(t.loginuid);
            out.writeLong(t.nchilds);
            out.writeLong(t.pfMajor);
            out.writeLong(t.pfMinor);
            out.writeLong(t.pid);
            out.writeLong(t.prevCpuSystem);
            out.writeLong(t.prevCpuUser);
            out.writeLong(t.prevEventTs);
            out.writeLong(t.ptid);
            text(t.root);
            out.writeLong(t.sid);
            out.writeLong(t.tid);
            out.writeLong(t.totExecTime);
            out.writeLong(t.tty);
            out.writeLong(t.uid);
            out.writeLong(t.vmRssKb);
            out.writeLong(t.vmSizeKb);
            out.writeLong(t.vmSwapKb);
            out.writeLong(t.vpgid);
            out.writeLong(t.vpid);
            out.writeLong(t.vtid);
        }

        // The fields in FD_FIELDS's order (by name), then the socket address bytes.
        private void fd(FdInfo f) {
            out.writeLong(f.dev);
            out.writeInt(f.flags);
            out.writeLong(f.ino);
            text(f.name);
            text(f.oldName);
            out.writeLong(f.openFlags);
            out.writeLong(f.pid);
            out.writeInt(f.type);
            out.write(f.sock.array(), 0, 40);
        }

        private void text(String s) {
            if (s == null || s.isEmpty()) {
                out.writeInt(0);
                return;
            }
            int slot = System.identityHashCode(s) & (CACHED - 1);
            byte[] b;
            if (cachedKeys[slot] == s) {
                b = cachedBytes[slot];
            } else {
                b = s.getBytes(StandardCharsets.UTF_8);
                cachedKeys[slot] = s;
                cachedBytes[slot] = b;
            }
            out.writeBytes(b);
        }

        /** A list of strings: its count, then for each -1 and the text. */
        private void texts(List<String> list) {
            if (list.isEmpty()) {
                out.writeInt(0);
                return;
            }
            int slot = System.identityHashCode(list) & (CACHED - 1);
            if (cachedKeys[slot] == list) {
                byte[] b = cachedBytes[slot];
                out.write(b, 0, b.length);
                return;
            }
            int from = out.length;
            out.writeInt(list.size());
            for (String item : list) {
                out.writeInt(-1);
                text(item);
            }
            cachedKeys[slot] = list;
            cachedBytes[slot] = Arrays.copyOfRange(out.buf, from, out.length);
        }

        /** A list of string arrays: its count, then for each its width and its texts. */
        private void pairs(List<String[]> list) {
            out.writeInt(list.size());
            for (String[] pair : list) {
                out.writeInt(pair.length);
                for (String p : pair) {
                    text(p);
                }
            }
        }
    }

    /** A growable buffer written big-endian, as {@link DataOutputStream} writes. */
    private static final class Out {
        private static final VarHandle LONG = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.BIG_ENDIAN);
        private static final VarHandle INT = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.BIG_ENDIAN);
        byte[] buf = new byte[1 << 16];
        int length;

        private void room(int n) {
            if (length + n > buf.length) {
                buf = Arrays.copyOf(buf, Math.max(buf.length * 2, length + n));
            }
        }

        void writeLong(long v) {
            room(8);
            LONG.set(buf, length, v);
            length += 8;
        }

        void writeInt(int v) {
            room(4);
            INT.set(buf, length, v);
            length += 4;
        }

        void writeBoolean(boolean v) {
            room(1);
            buf[length++] = (byte) (v ? 1 : 0);
        }

        void write(byte[] b, int from, int n) {
            room(n);
            System.arraycopy(b, from, buf, length, n);
            length += n;
        }

        /** The length, then the bytes. */
        void writeBytes(byte[] b) {
            writeInt(b.length);
            write(b, 0, b.length);
        }
    }

    static MachineState read(ScapFile capture, byte[] data) throws IOException {
        DataInputStream in = new DataInputStream(new ByteArrayInputStream(data));
        MachineState s = MachineState.empty(capture);
        s.tidToRemove = in.readLong();
        s.tidOfFdsToRemove = in.readLong();
        int n = in.readInt();
        for (int i = 0; i < n; i++) {
            s.fdsToRemove.add(in.readLong());
        }
        n = in.readInt();
        if (n < 0 || n > 1 << 16) {
            throw new IOException("bad checkpoint CPU count " + n);
        }
        s.lastSwitchTs = new long[n];
        for (int i = 0; i < n; i++) {
            s.lastSwitchTs[i] = in.readLong();
        }
        s.execTime = in.readLong();
        n = in.readInt();
        for (int i = 0; i < n; i++) {
            s.serverPorts.add(in.readInt());
        }
        n = in.readInt();
        for (int i = 0; i < n; i++) {
            s.users.add(new UserRecord(in.readBoolean(), in.readLong(), in.readLong(), text(in), text(in), text(in)));
        }
        n = in.readInt();
        for (int i = 0; i < n; i++) {
            s.interfaces.add(new InterfaceRecord(in.readBoolean(), text(in), bytes(in), bytes(in), bytes(in),
                    in.readLong()));
        }
        s.containers = Containers.fromBytes(bytes(in));
        n = in.readInt();
        for (int i = 0; i < n; i++) {
            ThreadInfo t = new ThreadInfo(s.threads);
            readThread(in, t);
            int fds = in.readInt();
            for (int k = 0; k < fds; k++) {
                long fd = in.readLong();
                FdInfo info = new FdInfo();
                readFd(in, info);
                in.readFully(info.sock.array(), 0, 40);
                t.fdTable.put(fd, info);
            }
            s.threads.put(t);
        }
        return s;
    }

    private static void readThread(DataInputStream in, ThreadInfo t) throws IOException {
        t.args = texts(in);
        t.category = in.readInt();
        t.cgroups = pairs(in);
        t.cloneTs = in.readLong();
        t.comm = text(in);
        t.containerId = text(in);
        t.cpuSystem = in.readLong();
        t.cpuUser = in.readLong();
        t.cwd = text(in);
        t.env = texts(in);
        t.exe = text(in);
        t.exeWritable = in.readBoolean();
        t.exepath = text(in);
        t.fdlimit = in.readLong();
        t.flags = in.readLong();
        t.gid = in.readLong();
        t.lastEnterIndex = in.readLong();
        t.lastEnterValid = in.readBoolean();
        t.lastEventFd = in.readLong();
        t.lastEventTs = in.readLong();
        t.lastEventType = in.readInt();
        t.lastLatencyEnter = in.readLong();
        t.latency = in.readLong();
        t.loginuid = in.readLong();
        t.nchilds = in.readLong();
        t.pfMajor = in.readLong();
        t.pfMinor = in.readLong();
        t.pid = in.readLong();
        t.prevCpuSystem = in.readLong();
        t.prevCpuUser = in.readLong();
        t.prevEventTs = in.readLong();
        t.ptid = in.readLong();
        t.root = text(in);
        t.sid = in.readLong();
        t.tid = in.readLong();
        t.totExecTime = in.readLong();
        t.tty = in.readLong();
        t.uid = in.readLong();
        t.vmRssKb = in.readLong();
        t.vmSizeKb = in.readLong();
        t.vmSwapKb = in.readLong();
        t.vpgid = in.readLong();
        t.vpid = in.readLong();
        t.vtid = in.readLong();
    }

    private static void readFd(DataInputStream in, FdInfo f) throws IOException {
        f.dev = in.readLong();
        f.flags = in.readInt();
        f.ino = in.readLong();
        f.name = text(in);
        f.oldName = text(in);
        f.openFlags = in.readLong();
        f.pid = in.readLong();
        f.type = in.readInt();
    }

    private static List<String> texts(DataInputStream in) throws IOException {
        int n = count(in);
        List<String> list = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            if (in.readInt() != -1) {
                throw new IOException("bad checkpoint list entry");
            }
            list.add(text(in));
        }
        return List.copyOf(list);
    }

    private static List<String[]> pairs(DataInputStream in) throws IOException {
        int n = count(in);
        List<String[]> list = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            int width = count(in);
            String[] pair = new String[width];
            for (int k = 0; k < width; k++) {
                pair[k] = text(in);
            }
            list.add(pair);
        }
        return List.copyOf(list);
    }

    private static int count(DataInputStream in) throws IOException {
        int n = in.readInt();
        if (n < 0 || n > (16 << 20)) {
            throw new IOException("bad checkpoint count " + n);
        }
        return n;
    }

    private static String text(DataInputStream in) throws IOException {
        return new String(bytes(in), StandardCharsets.UTF_8);
    }

    private static byte[] bytes(DataInputStream in) throws IOException {
        int n = in.readInt();
        if (n < 0 || n > (64 << 20)) {
            throw new IOException("bad checkpoint length " + n);
        }
        byte[] b = new byte[n];
        in.readFully(b);
        return b;
    }
}
