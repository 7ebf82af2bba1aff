package org.scapscope.state;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.scapscope.state.Replay.SHELL;
import static org.scapscope.state.Replay.T0;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.scapscope.scap.FdRecord;

/** The open family, close, dup, pipe and fcntl, as libsinsp's file parsers handle them. */
class FileEventsTest {
    private static final int OPEN_E = 2;
    private static final int OPEN_X = 3;
    private static final int CLOSE_E = 4;
    private static final int CLOSE_X = 5;
    private static final int PIPE_E = 60;
    private static final int PIPE_X = 61;
    private static final int DUP_E = 124;
    private static final int DUP_X = 125;
    private static final int FCNTL_E = 150;
    private static final int FCNTL_X = 151;
    private static final int OPENAT_2_E = 306;
    private static final int OPENAT_2_X = 307;
    private static final long O_RDONLY = 1;
    private static final long O_DIRECTORY = 1 << 10;

    @TempDir
    Path tmp;

    @Test
    void openAddsAFileNamedAgainstTheWorkingDirectory() throws Exception {
        try (Replay r = Replay.of(tmp, w -> {
            w.event(0, T0, SHELL, OPEN_E, "notes/../todo.txt", O_RDONLY, 0L);
            w.event(0, T0 + 1, SHELL, OPEN_X, 4L, "notes/../todo.txt", O_RDONLY, 0L, 0x803L, 77L);
        })) {
            MachineState s = r.all();
            assertTrue(s.fdNameChanged(), "a new descriptor counts as renamed");
            FdInfo fd = s.threads().get(SHELL).fd(4);
            assertEquals("/home/u/todo.txt", fd.name());
            assertEquals(FdRecord.FILE_V2, fd.type());
            assertEquals(0x803, fd.dev());
            assertEquals(4, s.threads().get(SHELL).lastEventFd());
        }
    }

    @Test
    void openatResolvesAgainstTheDirectoryDescriptor() throws Exception {
        try (Replay r = Replay.of(tmp, w -> {
            w.event(0, T0, SHELL, OPEN_E, "/var/log", O_DIRECTORY, 0L);
            w.event(0, T0 + 1, SHELL, OPEN_X, 5L, "/var/log", O_DIRECTORY, 0L);
            w.event(0, T0 + 2, SHELL, OPENAT_2_E, 5L, "syslog", O_RDONLY, 0L);
            w.event(0, T0 + 3, SHELL, OPENAT_2_X, 6L, 5L, "syslog", O_RDONLY, 0L, 0L, 0L);
        })) {
            ThreadInfo t = r.all().threads().get(SHELL);
            assertEquals(FdRecord.DIRECTORY, t.fd(5).type());
            assertEquals("/var/log/syslog", t.fd(6).name());
        }
    }

    @Test
    void aClosedDescriptorIsStillSeenByTheCloseExitAndGoneAfter() throws Exception {
        try (Replay r = Replay.of(tmp, w -> {
            w.event(0, T0, SHELL, CLOSE_E, 3L);
            w.event(0, T0 + 1, SHELL, CLOSE_X, 0L);
            w.event(0, T0 + 2, SHELL, CLOSE_E, 8L);
        })) {
            r.step();
            MachineState s = r.step();
            assertNotNull(s.fd(), "close exit still sees /etc/hosts");
            assertEquals("/etc/hosts", s.fd().name());
            assertNull(r.step().threads().get(SHELL).fd(3));
        }
    }

    @Test
    void aFailedCloseKeepsTheDescriptor() throws Exception {
        try (Replay r = Replay.of(tmp, w -> {
            w.event(0, T0, SHELL, CLOSE_E, 3L);
            w.event(0, T0 + 1, SHELL, CLOSE_X, -9L);
            w.event(0, T0 + 2, SHELL, CLOSE_E, 8L);
        })) {
            assertNotNull(r.all().threads().get(SHELL).fd(3));
        }
    }

    @Test
    void dupAndFcntlDupCopyTheDescriptor() throws Exception {
        try (Replay r = Replay.of(tmp, w -> {
            w.event(0, T0, SHELL, DUP_E, 3L);
            w.event(0, T0 + 1, SHELL, DUP_X, 7L);
            w.event(0, T0 + 2, SHELL, FCNTL_E, 3L, 1L);
            w.event(0, T0 + 3, SHELL, FCNTL_X, 9L);
        })) {
            ThreadInfo t = r.all().threads().get(SHELL);
            assertEquals("/etc/hosts", t.fd(7).name());
            assertEquals("/etc/hosts", t.fd(9).name());
        }
    }

    @Test
    void pipeAddsBothEnds() throws Exception {
        try (Replay r = Replay.of(tmp, w -> {
            w.event(0, T0, SHELL, PIPE_E);
            w.event(0, T0 + 1, SHELL, PIPE_X, 0L, 10L, 11L, 555L);
        })) {
            ThreadInfo t = r.all().threads().get(SHELL);
            assertEquals(FdRecord.FIFO, t.fd(10).type());
            assertEquals(555, t.fd(11).ino());
            assertEquals('p', t.fd(10).typeChar());
        }
    }

    /** Calls newer than sysdig 0.29.3, written as current drivers write them (exit events only). */
    @Test
    void newerDescriptorCallsAddTheirKindOfDescriptor() throws Exception {
        try (Replay r = Replay.of(tmp, w -> {
            w.event(0, T0, SHELL, 377, 7L, 0L);                                   // epoll_create1
            w.event(0, T0 + 1, SHELL, 377, -24L, 0L);                             // epoll_create1, EMFILE
            w.event(0, T0 + 2, SHELL, 339, 8L, 64L, 64L, 128L, 0L, 0L, 0L, 0L);   // io_uring_setup
            w.event(0, T0 + 3, SHELL, 405, 9L, "jit-cache", 3L);                  // memfd_create
            w.event(0, T0 + 4, SHELL, 409, 10L, SHELL, 0L);                       // pidfd_open
            w.event(0, T0 + 5, SHELL, 405, -12L, "big", 0L);                      // memfd_create, ENOMEM
            w.event(0, T0 + 6, SHELL, 407, 11L, 10L, 3L, 0L);                     // pidfd_getfd of fd 3
            w.event(0, T0 + 7, SHELL, 407, 12L, 9L, 3L, 0L);                      // through a non-pidfd
        })) {
            ThreadInfo t = r.all().threads().get(SHELL);
            assertEquals(FdRecord.EVENTPOLL, t.fd(7).type());
            assertEquals('l', t.fd(7).typeChar());
            assertEquals(FdRecord.IOURING, t.fd(8).type());
            FdInfo memfd = t.fd(9);
            assertEquals(FdRecord.MEMFD, memfd.type());
            assertEquals("jit-cache", memfd.name());
            assertEquals(3, memfd.openFlags());
            assertEquals(FdRecord.PIDFD, t.fd(10).type());
            assertEquals("/proc/100", t.fd(10).name());
            FdInfo copy = t.fd(11);
            assertEquals("/etc/hosts", copy.name());
            assertEquals(FdRecord.FILE_V2, copy.type());
            assertEquals(1 << 12, copy.openFlags() & (1 << 12), "a pidfd_getfd copy is close-on-exec");
            assertNull(t.fd(12), "pidfd_getfd needs a pidfd");
            assertNull(t.fd(-24));
            assertNull(t.fd(-12));
            assertEquals(6, t.fdTable().all().size(), "fd 3 and the five new ones");
        }
    }

    @Test
    void pathsAreCleanedAsLibsinspCleansThem() {
        assertEquals("/a/c", FilePaths.concatenate("/a/b/", "../c"));
        assertEquals("/x", FilePaths.concatenate("/a/b/", "/x/"));
        assertEquals("/a/b/c", FilePaths.concatenate("/a/b/", "./c"));
        assertEquals("/", FilePaths.concatenate("/", ".."));
        assertEquals("/a/b", FilePaths.concatenate("/a/b/", "."));
        assertEquals("/a/b/x.y", FilePaths.concatenate("/a/b/", "x\ny"));
        assertEquals("/a/b/c", FilePaths.concatenate("/a/b/", "c//"));
    }
}
