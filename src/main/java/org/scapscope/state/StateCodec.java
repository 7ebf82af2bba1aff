package org.scapscope.state;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.scapscope.scap.InterfaceRecord;
import org.scapscope.scap.ScapFile;
import org.scapscope.scap.UserRecord;

/**
 * Writes a machine state as bytes and reads it back, for state checkpoints. Threads and
 * descriptors are written field by field as their classes declare them, so a field added to
 * either is kept without touching this class; {@link #LAYOUT} changes with the fields, and
 * checkpoints written with another layout are not read. Transient fields are derived, and not written.
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
            f.setAccessible(true);
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

    static byte[] write(MachineState s) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(1 << 14);
        DataOutputStream out = new DataOutputStream(bytes);
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
            text(out, u.name());
            text(out, u.home());
            text(out, u.shell());
        }
        List<InterfaceRecord> ifs = s.interfaces.all();
        out.writeInt(ifs.size());
        for (InterfaceRecord i : ifs) {
            out.writeBoolean(i.ipv6());
            text(out, i.name());
            bytes(out, i.address());
            bytes(out, i.netmask());
            bytes(out, i.broadcast());
            out.writeLong(i.linkSpeed());
        }
        bytes(out, s.containers.toBytes());
        List<ThreadInfo> threads = new ArrayList<>(s.threads.all());
        out.writeInt(threads.size());
        for (ThreadInfo t : threads) {
            writeFields(out, t, THREAD_FIELDS);
            List<Long> fds = new ArrayList<>(t.fdTable.all().keySet());
            out.writeInt(fds.size());
            for (long fd : fds) {
                out.writeLong(fd);
                FdInfo info = t.fdTable.get(fd);
                writeFields(out, info, FD_FIELDS);
                out.write(info.sock.array(), 0, 40);
            }
        }
        out.flush();
        return bytes.toByteArray();
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
            readFields(in, t, THREAD_FIELDS);
            int fds = in.readInt();
            for (int k = 0; k < fds; k++) {
                long fd = in.readLong();
                FdInfo info = new FdInfo();
                readFields(in, info, FD_FIELDS);
                in.readFully(info.sock.array(), 0, 40);
                t.fdTable.put(fd, info);
            }
            s.threads.put(t);
        }
        return s;
    }

    private static void writeFields(DataOutputStream out, Object o, Field[] fields) throws IOException {
        try {
            for (Field f : fields) {
                Class<?> type = f.getType();
                if (type == long.class) {
                    out.writeLong(f.getLong(o));
                } else if (type == int.class) {
                    out.writeInt(f.getInt(o));
                } else if (type == boolean.class) {
                    out.writeBoolean(f.getBoolean(o));
                } else if (type == String.class) {
                    text(out, (String) f.get(o));
                } else if (type == List.class) {
                    List<?> list = (List<?>) f.get(o);
                    out.writeInt(list.size());
                    for (Object item : list) {
                        if (item instanceof String[] pair) {
                            out.writeInt(pair.length);
                            for (String p : pair) {
                                text(out, p);
                            }
                        } else {
                            out.writeInt(-1);
                            text(out, (String) item);
                        }
                    }
                } else {
                    throw new IOException("no checkpoint encoding for " + f);
                }
            }
        } catch (IllegalAccessException e) {
            throw new IOException(e);
        }
    }

    private static void readFields(DataInputStream in, Object o, Field[] fields) throws IOException {
        try {
            for (Field f : fields) {
                Class<?> type = f.getType();
                if (type == long.class) {
                    f.setLong(o, in.readLong());
                } else if (type == int.class) {
                    f.setInt(o, in.readInt());
                } else if (type == boolean.class) {
                    f.setBoolean(o, in.readBoolean());
                } else if (type == String.class) {
                    f.set(o, text(in));
                } else if (type == List.class) {
                    int n = in.readInt();
                    List<Object> list = new ArrayList<>(n);
                    for (int i = 0; i < n; i++) {
                        int width = in.readInt();
                        if (width < 0) {
                            list.add(text(in));
                        } else {
                            String[] pair = new String[width];
                            for (int k = 0; k < width; k++) {
                                pair[k] = text(in);
                            }
                            list.add(pair);
                        }
                    }
                    f.set(o, List.copyOf(list));
                } else {
                    throw new IOException("no checkpoint encoding for " + f);
                }
            }
        } catch (IllegalAccessException e) {
            throw new IOException(e);
        }
    }

    private static void text(DataOutputStream out, String s) throws IOException {
        bytes(out, (s == null ? "" : s).getBytes(StandardCharsets.UTF_8));
    }

    private static String text(DataInputStream in) throws IOException {
        return new String(bytes(in), StandardCharsets.UTF_8);
    }

    private static void bytes(DataOutputStream out, byte[] b) throws IOException {
        out.writeInt(b.length);
        out.write(b);
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
