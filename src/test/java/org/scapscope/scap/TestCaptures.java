package org.scapscope.scap;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Builds tiny captures with {@link ScapWriter} for tests. */
final class TestCaptures {
    static final long T0 = 1_700_000_000_000_000_000L;
    static final int READ_X = 7;
    static final int OPEN_E = 2;
    static final int OPEN_X = 3;
    static final int CLOSE_X = 5;

    private TestCaptures() {
    }

    interface Content {
        void write(ScapWriter w) throws IOException;
    }

    static byte[] bytes(Content content) throws IOException {
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        try (ScapWriter w = new ScapWriter(buf)) {
            content.write(w);
        }
        return buf.toByteArray();
    }

    static Path file(Path dir, String name, Content content) throws IOException {
        Path p = dir.resolve(name);
        Files.write(p, bytes(content));
        return p;
    }

    static ThreadRecord thread(long tid, long pid, String comm) {
        return new ThreadRecord(tid, pid, 1, 5, 6, comm, "/usr/bin/" + comm, "/usr/bin/" + comm,
                List.of("-x", "arg"), "/home", 1024, 0, 1000, 1001, 10, 20, 30, 1, 2, List.of("A=1", "B=2"),
                tid, pid, List.of("cpuset=/", "memory=/user.slice"), "/", 77, 3, 1000, true, 4, 5, 6, true,
                123, 456, 789, false, true, 42);
    }

    static MachineInfo machine() {
        return new MachineInfo(4, 8L << 30, 32768, "testhost", T0 - 1_000_000_000L);
    }

    /** A small, valid little-endian capture: header, machine, one process, three events. */
    static void simple(ScapWriter w) throws IOException {
        w.sectionHeader(ByteOrder.LITTLE_ENDIAN, 1, 2)
                .machineInfo(machine())
                .processList(9, List.of(thread(100, 100, "cat")))
                .event(1, T0, 100, OPEN_E, "/etc/passwd", 0L, 0L)
                .event(1, T0 + 10, 100, OPEN_X, 3L, "/etc/passwd", 1L, 0L, 0L, 99L)
                .event(2, T0 + 20, 100, READ_X, 5L, "hello".getBytes(), 3L, 5L);
    }
}
