package org.scapscope.state;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.scapscope.state.Replay.SHELL;
import static org.scapscope.state.Replay.T0;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.scapscope.scap.BlockType;
import org.scapscope.scap.ScapWriter;

/** clone, execve, exit and credential events, as libsinsp's process parsers handle them. */
class ProcessEventsTest {
    private static final int CLONE_20_E = 222;
    private static final int CLONE_20_X = 223;
    private static final int EXECVE_19_E = 292;
    private static final int EXECVE_19_X = 293;
    private static final int PROCEXIT_1_E = 186;
    private static final int SETUID_E = 198;
    private static final int SETUID_X = 199;
    private static final int CHDIR_E = 94;
    private static final int CHDIR_X = 95;
    private static final int READ_E = 6;
    private static final long CLONE_THREAD = 1 << 13;
    private static final long CLONE_FILES = 1;

    @TempDir
    Path tmp;

    private static byte[] nul(String... items) {
        return (String.join("\0", items) + "\0").getBytes(StandardCharsets.UTF_8);
    }

    /** A clone exit as the parent ({@code res} = child) or the child ({@code res} = 0) sees it. */
    private static void cloneExit(ScapWriter w, long ts, long tid, long res, long pid, long ptid, String comm,
                                  long flags) throws IOException {
        w.event(0, ts, tid, CLONE_20_X, res, "/bin/" + comm, nul("-c", "ls"), tid, pid, ptid, "", 1024L, 0L, 0L,
                10L, 20L, 0L, comm, nul("cpu=/"), flags, 1000L, 1000L, tid, pid);
    }

    @Test
    void aForkInTheParentAddsTheChildWithTheParentsDescriptorsAndDirectory() throws Exception {
        try (Replay r = Replay.of(tmp, w -> {
            w.event(0, T0, SHELL, CLONE_20_E);
            cloneExit(w, T0 + 1, SHELL, 200, SHELL, 1, "bash", 0);
            w.event(1, T0 + 2, 200, READ_E, 3L, 100L);
        })) {
            MachineState s = r.all();
            ThreadInfo child = s.threads().get(200);
            assertNotNull(child);
            assertEquals(200, child.pid());
            assertEquals(SHELL, child.ptid());
            assertEquals("bash", child.comm());
            assertEquals("/home/u/", child.cwd());
            assertEquals("/etc/hosts", child.fd(3).name());
            assertSame(child, s.thread(), "the child's own event finds it");
        }
    }

    @Test
    void aThreadSharesItsProcessDescriptorTable() throws Exception {
        try (Replay r = Replay.of(tmp, w -> {
            w.event(0, T0, SHELL, CLONE_20_E);
            cloneExit(w, T0 + 1, SHELL, 101, SHELL, 1, "bash", CLONE_THREAD | CLONE_FILES);
        })) {
            MachineState s = r.all();
            ThreadInfo thread = s.threads().get(101);
            assertEquals(SHELL, thread.pid());
            assertSame(s.threads().get(SHELL).fdTable(), thread.fdTable());
            assertEquals(1, s.threads().get(SHELL).childThreads());
        }
    }

    @Test
    void aChildWhoseCloneReturnsFirstIsAddedFromItsOwnEvent() throws Exception {
        try (Replay r = Replay.of(tmp, w -> cloneExit(w, T0, 300, 0, 300, SHELL, "worker", 0))) {
            MachineState s = r.all();
            ThreadInfo child = s.threads().get(300);
            assertEquals("worker", child.comm());
            assertEquals(SHELL, child.ptid());
            assertEquals(ThreadInfo.CLONE_INVERTED, child.flags() & ThreadInfo.CLONE_INVERTED);
        }
    }

    @Test
    void execveReplacesTheProgramAndResolvesItsPath() throws Exception {
        try (Replay r = Replay.of(tmp, w -> {
            w.event(0, T0, SHELL, EXECVE_19_E, "bin/tool");
            w.event(0, T0 + 5, SHELL, EXECVE_19_X, 0L, "tool", nul("--fast", "x"), SHELL, SHELL, 1L, "/home/u",
                    1024L, 0L, 0L, 1L, 2L, 0L, "tool", nul("cpu=/"), nul("A=1"), 4L, 1L, 500L);
        })) {
            ThreadInfo t = r.all().threads().get(SHELL);
            assertEquals("tool", t.comm());
            assertEquals("tool", t.exe());
            assertEquals(List.of("--fast", "x"), t.args());
            assertEquals("/home/u/bin/tool", t.exepath());
            assertEquals(List.of("A=1"), t.env());
            assertEquals(500, t.loginuid());
        }
    }

    @Test
    void aThreadThatExitsIsGoneAfterTheNextEvent() throws Exception {
        try (Replay r = Replay.of(tmp, w -> {
            w.event(0, T0, SHELL, PROCEXIT_1_E, 0L, 0L, 0L, 0L, 0L);
            w.event(0, T0 + 1, 999, READ_E, 0L, 1L);
        })) {
            assertNotNull(r.step().threads().get(SHELL), "the exit event itself still sees the thread");
            assertNull(r.step().threads().get(SHELL));
        }
    }

    @Test
    void setuidChangesTheUserAndAnUnknownThreadGetsAPlaceholder() throws Exception {
        try (Replay r = Replay.of(tmp, w -> {
            w.event(0, T0, SHELL, SETUID_E, 0L);
            w.event(0, T0 + 1, SHELL, SETUID_X, 0L, 0L);
            w.event(0, T0 + 2, 4242, READ_E, 0L, 1L);
        })) {
            MachineState s = r.all();
            assertEquals(0, s.threads().get(SHELL).uid());
            ThreadInfo unknown = s.threads().get(4242);
            assertEquals("<NA>", unknown.comm());
            assertEquals(-1, unknown.ptid());
        }
    }

    @Test
    void chdirMovesTheProcessDirectory() throws Exception {
        try (Replay r = Replay.of(tmp, w -> {
            w.event(0, T0, SHELL, CHDIR_E);
            w.event(0, T0 + 1, SHELL, CHDIR_X, 0L, "../srv/./data");
        })) {
            assertEquals("/home/srv/data/", r.all().threads().get(SHELL).cwd());
        }
    }

    @Test
    void oldCloneEventsCarryTheCommandAsTheName() throws Exception {
        // clone with 16 parameters (2015): no comm, the exe is the name
        try (Replay r = Replay.of(tmp, w -> w.event(BlockType.EV, 0, 0, T0, SHELL, 157, 201L, "/bin/sleep",
                nul("1"), SHELL, SHELL, 1L, "", 1024L, 0L, 0L, 10L, 20L, 0L, 0L, 1000L, 1000L))) {
            assertEquals("/bin/sleep", r.all().threads().get(201).comm());
        }
    }

    @Test
    void anUnknownThreadCountsTheThreadsAlreadyInItsProcessAsItsChildren() throws Exception {
        try (Replay r = Replay.of(tmp, w -> {
            w.event(0, T0, SHELL, CLONE_20_E);
            cloneExit(w, T0 + 1, SHELL, 200, SHELL, 1, "bash", 0);
            // both threads then say, by an exec, that they belong to process 300, not seen yet
            w.event(0, T0 + 2, 200, EXECVE_19_X, 0L, "tool", nul("x"), 200L, 300L, SHELL, "/home/u",
                    1024L, 0L, 0L, 1L, 2L, 0L, "tool", nul("cpu=/"), nul("A=1"), 4L, 1L, 500L);
            w.event(0, T0 + 3, SHELL, EXECVE_19_X, 0L, "tool", nul("x"), SHELL, 300L, 1L, "/home/u",
                    1024L, 0L, 0L, 1L, 2L, 0L, "tool", nul("cpu=/"), nul("A=1"), 4L, 1L, 500L);
            w.event(0, T0 + 4, 300, READ_E, 3L, 100L);
            // 200 leaves process 300 again
            w.event(0, T0 + 5, 200, EXECVE_19_X, 0L, "tool", nul("x"), 200L, 200L, SHELL, "/home/u",
                    1024L, 0L, 0L, 1L, 2L, 0L, "tool", nul("cpu=/"), nul("A=1"), 4L, 1L, 500L);
            w.event(0, T0 + 6, 500, READ_E, 3L, 100L);
        })) {
            r.step();
            r.step();
            r.step();
            r.step();
            MachineState s = r.step();
            assertEquals("<NA>", s.threads().get(300).comm());
            assertEquals(2, s.threads().get(300).childThreads());
            r.step();
            // process 300 now: the shell and the placeholder of its main thread
            assertEquals(2, s.threads().withPid(300));
            assertEquals(1, s.threads().withPid(200));
            s = r.step();
            assertEquals(0, s.threads().get(500).childThreads());
        }
    }

    @Test
    void aThreadIdOfTheSmallestLongIsAThreadLikeAnother() throws Exception {
        try (Replay r = Replay.of(tmp, w -> {
            w.event(0, T0, Long.MIN_VALUE, READ_E, Long.MIN_VALUE, 100L);
            w.event(0, T0 + 1, SHELL, READ_E, 3L, 100L);
        })) {
            MachineState s = r.step();
            assertEquals(Long.MIN_VALUE, s.thread().tid());
            assertNull(s.fd());
            s = r.step();
            assertEquals(2, s.threads().size());
            assertEquals("<NA>", s.threads().get(Long.MIN_VALUE).comm());
        }
    }
}
