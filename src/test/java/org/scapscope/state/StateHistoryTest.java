package org.scapscope.state;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.scapscope.RealCaptures;
import org.scapscope.scap.BenchmarkCapture;
import org.scapscope.scap.OpenOptions;
import org.scapscope.scap.ScapEvent;
import org.scapscope.scap.ScapFile;

/** Checkpoints give the same state as replaying the capture from its start. */
class StateHistoryTest {
    @TempDir
    Path tmp;

    /** Every field of every thread and descriptor, in a canonical order. */
    static String describe(MachineState s) throws Exception {
        TreeMap<Long, String> lines = new TreeMap<>();
        for (ThreadInfo t : s.threads().all()) {
            StringBuilder sb = new StringBuilder();
            fields(sb, t);
            TreeMap<Long, FdInfo> fds = new TreeMap<>(t.fdTable.all());
            for (var e : fds.entrySet()) {
                sb.append("\n  fd ").append(e.getKey()).append(' ');
                fields(sb, e.getValue());
                sb.append(Arrays.toString(e.getValue().sock.array()));
            }
            lines.put(t.tid(), sb.toString());
        }
        return String.join("\n", lines.values()) + "\nusers " + s.users().allUsers().keySet() + " containers "
                + s.containers().all().stream().map(ContainerInfo::id).toList() + " pending " + s.tidToRemove + " "
                + s.fdsToRemove;
    }

    private static void fields(StringBuilder sb, Object o) throws Exception {
        List<Field> fs = new ArrayList<>(Arrays.asList(o.getClass().getDeclaredFields()));
        fs.sort((a, b) -> a.getName().compareTo(b.getName()));
        for (Field f : fs) {
            if (Modifier.isStatic(f.getModifiers()) || f.getName().equals("table") || f.getName().equals("fdTable")
                    || f.getName().equals("sock")) {
                continue;
            }
            f.setAccessible(true);
            Object v = f.get(o);
            if (v instanceof List<?> list && !list.isEmpty() && list.get(0) instanceof String[]) {
                List<String> flat = new ArrayList<>();
                for (Object item : list) {
                    flat.add(String.join("=", (String[]) item));
                }
                v = flat;
            }
            sb.append(f.getName()).append('=').append(v).append(' ');
        }
    }

    @Test
    void aStateSurvivesTheCheckpointEncodingField(@TempDir Path cache) throws Exception {
        try (ScapFile f = ScapFile.open(RealCaptures.named("502Error.scap"), OpenOptions.defaults().cacheDir(cache))) {
            MachineState s = MachineState.atSectionStart(f, 0);
            ScapEvent e = new ScapEvent();
            for (long i = 0; i < f.eventCount(); i++) {
                s.apply(f.read(i, e));
                if (i % 5000 == 4999) {
                    assertEquals(describe(s), describe(StateCodec.read(f, StateCodec.write(s))), "after event " + i);
                }
            }
        }
    }

    /** Gives every field that describes a thread or a descriptor a value of its own, none a default. */
    private static void fillEveryField(Object o, int seed) throws Exception {
        int n = seed;
        for (Field f : o.getClass().getDeclaredFields()) {
            int m = f.getModifiers();
            if (Modifier.isStatic(m) || Modifier.isTransient(m) || Modifier.isFinal(m) || f.getName().equals("fdTable")) {
                continue;
            }
            f.setAccessible(true);
            n++;
            Class<?> type = f.getType();
            if (type == long.class) {
                f.setLong(o, 1_000_000L * n + 7);
            } else if (type == int.class) {
                f.setInt(o, 1000 + n);
            } else if (type == boolean.class) {
                f.setBoolean(o, !f.getBoolean(o));
            } else if (type == String.class) {
                f.set(o, f.getName() + "-" + n + "-\u00e9");
            } else if (f.getGenericType().getTypeName().contains("String[]")) {
                f.set(o, List.of(new String[] {"cpu", "/a/" + n}, new String[] {"memory", "/b/" + n}));
            } else if (type == List.class) {
                f.set(o, List.of(f.getName() + n, "x=" + n));
            } else {
                throw new AssertionError("the test does not know how to fill " + f);
            }
        }
    }

    @Test
    void everyFieldOfAThreadAndADescriptorIsWrittenAndReadBack(@TempDir Path cache) throws Exception {
        try (ScapFile f = ScapFile.open(RealCaptures.named("502Error.scap"), OpenOptions.defaults().cacheDir(cache))) {
            MachineState s = MachineState.empty(f);
            for (int k = 0; k < 3; k++) {
                ThreadInfo t = new ThreadInfo(s.threads);
                fillEveryField(t, 100 * k);
                for (int d = 0; d < 2; d++) {
                    FdInfo fd = new FdInfo();
                    fillEveryField(fd, 100 * k + 50 + 10 * d);
                    for (int b = 0; b < 40; b++) {
                        fd.sock.put(b, (byte) (b + k + d));
                    }
                    t.fdTable.put(d + 3, fd);
                }
                s.threads.put(t);
            }
            StateCodec.Writer writer = new StateCodec.Writer();
            writer.write(s);
            byte[] first = writer.toBytes();
            assertEquals(describe(s), describe(StateCodec.read(f, first)));
            // written again by the same writer, from the strings and lists it has seen
            writer.write(s);
            assertTrue(Arrays.equals(first, writer.toBytes()), "the same state gives the same bytes");
            assertEquals(describe(s), describe(StateCodec.read(f, StateCodec.write(StateCodec.read(f, first)))));
        }
    }

    @Test
    void theStateBeforeAnyEventEqualsAReplayFromTheStart() throws Exception {
        Path big = tmp.resolve("big.scap");
        try (ScapFile src = ScapFile.open(RealCaptures.named("502Error.scap"),
                OpenOptions.defaults().cacheDir(tmp.resolve("c0")))) {
            BenchmarkCapture.make(src, big, 5L << 20);
        }
        try (ScapFile f = ScapFile.open(big, OpenOptions.defaults().cacheDir(tmp.resolve("c1")));
             StateHistory h = StateHistory.of(f)) {
            assertTrue(h.checkpointCount() >= 3, "the test capture spans several checkpoints");
            long[] targets = {0, 1, StateHistory.INTERVAL - 1, StateHistory.INTERVAL, StateHistory.INTERVAL + 7,
                2L * StateHistory.INTERVAL + 12345, f.eventCount() - 1, f.eventCount()};
            MachineState straight = MachineState.atSectionStart(f, 0);
            ScapEvent e = new ScapEvent();
            long applied = 0;
            for (long target : targets) {
                while (applied < target) {
                    straight.apply(f.read(applied++, e));
                }
                assertEquals(describe(straight), describe(h.before(target)), "before event " + target);
            }
        }
    }

    @Test
    void checkpointsAreReusedWhileTheCaptureIsUnchanged() throws Exception {
        Path capture = tmp.resolve("copy.scap");
        Files.copy(RealCaptures.named("sample.scap"), capture);
        Path cache = tmp.resolve("cache");
        try (ScapFile f = ScapFile.open(capture, OpenOptions.defaults().cacheDir(cache));
             StateHistory h = StateHistory.of(f)) {
            assertEquals(1, h.checkpointCount());
        }
        Path state;
        try (ScapFile f = ScapFile.open(capture, OpenOptions.defaults().cacheDir(cache))) {
            state = f.cacheFile("state");
        }
        Files.setLastModifiedTime(state, FileTime.fromMillis(1_000_000));
        try (ScapFile f = ScapFile.open(capture, OpenOptions.defaults().cacheDir(cache));
             StateHistory h = StateHistory.of(f)) {
            assertEquals(FileTime.fromMillis(1_000_000), Files.getLastModifiedTime(state), "not rebuilt");
            assertTrue(describe(h.before(100)).contains("comm=sysdig"));
        }
    }

    @Test
    void aCheckpointFileCutShortIsMadeAgainAndOneDamagedWithinIsNamedAndRemoved() throws Exception {
        Path capture = RealCaptures.named("502Error.scap");
        Path cache = tmp.resolve("cache");
        String expected;
        Path state;
        long eventAt;
        try (ScapFile f = ScapFile.open(capture, OpenOptions.defaults().cacheDir(cache));
             StateHistory h = StateHistory.of(f)) {
            assertTrue(h.checkpointCount() > 2);
            eventAt = 2L * StateHistory.INTERVAL + 17;
            expected = describe(h.before(eventAt));
            state = f.cacheFile("state");
        }
        byte[] whole = Files.readAllBytes(state);
        // cut short: the table points past the end, so the file is not used but made again
        Files.write(state, Arrays.copyOf(whole, whole.length / 2));
        try (ScapFile f = ScapFile.open(capture, OpenOptions.defaults().cacheDir(cache));
             StateHistory h = StateHistory.of(f)) {
            assertEquals(expected, describe(h.before(eventAt)));
        }
        assertEquals(whole.length, Files.size(state));
        // damaged within a checkpoint: the read names the file, which goes, and the next run makes it again
        byte[] damaged = whole.clone();
        java.nio.ByteBuffer table = java.nio.ByteBuffer.wrap(whole).order(java.nio.ByteOrder.LITTLE_ENDIAN);
        int start = (int) table.getLong(64 + 16 * 2);
        damaged[start + 100] ^= 0x01; // one bit: a decoder alone could read it as another, wrong, state
        Files.write(state, damaged);
        try (ScapFile f = ScapFile.open(capture, OpenOptions.defaults().cacheDir(cache));
             StateHistory h = StateHistory.of(f)) {
            java.io.IOException e = org.junit.jupiter.api.Assertions.assertThrows(java.io.IOException.class,
                    () -> h.before(eventAt));
            assertTrue(e.getMessage().startsWith("the state checkpoints in " + state + " are damaged (checkpoint 2 does"
                    + " not match its checksum)"), e.getMessage());
            assertTrue(e.getMessage().endsWith("the file was removed, and the next run makes them again"), e.getMessage());
        }
        assertTrue(!Files.exists(state));
        try (ScapFile f = ScapFile.open(capture, OpenOptions.defaults().cacheDir(cache));
             StateHistory h = StateHistory.of(f)) {
            assertEquals(expected, describe(h.before(eventAt)));
            // work still running as its tab closes reads a closed file: that is no damage, and the file stays
            h.close();
            org.junit.jupiter.api.Assertions.assertThrows(java.io.IOException.class, () -> h.before(eventAt));
        }
        assertTrue(Files.exists(state));
    }
}
