package org.scapscope.state;

import static org.scapscope.state.ShellCapture.SHELL;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Paths;
import java.util.List;
import org.scapscope.scap.ScapWriter;

/**
 * A capture, written with the project's writer in sysdig 0.29.3's event layouts, in which the shell
 * forks a child that executes ls and reads the inherited descriptor, starts a thread that opens a
 * file the whole process then shares, vforks a child whose execve fails, and sees its first child
 * exit. The golden lines in golden/synthetic-fork were printed by sysdig 0.29.3 from it ({@link
 * #main} writes it; tools/make-state-goldens.sh regenerates them).
 */
final class ForkCapture {
    private static final int OPEN_E = 2;
    private static final int OPEN_X = 3;
    private static final int READ_E = 6;
    private static final int READ_X = 7;
    private static final int PROCEXIT_1_E = 186;
    private static final int CLONE_20_E = 222;
    private static final int CLONE_20_X = 223;
    private static final int FORK_20_E = 224;
    private static final int FORK_20_X = 225;
    private static final int VFORK_20_E = 226;
    private static final int VFORK_20_X = 227;
    private static final int EXECVE_19_E = 292;
    private static final int EXECVE_19_X = 293;
    private static final long CLONE_FILES = 1 << 0;
    private static final long CLONE_FS = 1 << 1;
    private static final long CLONE_VM = 1 << 6;
    private static final long CLONE_THREAD = 1 << 13;
    private static final long CLONE_VFORK = 1 << 15;
    private static final long CHILD = 200;
    private static final long THREAD = 101;
    private static final long VCHILD = 300;

    private ForkCapture() {
    }

    static byte[] bytes() throws IOException {
        byte[] cgroups = strings("cpu=/user.slice", "memory=/user.slice");
        return ShellCapture.bytes(w -> {
            // fork: the parent's exit, then the child's
            w.event(SHELL, FORK_20_E);
            w.event(SHELL, FORK_20_X, CHILD, "/bin/bash", strings("-i"), SHELL, SHELL, 1L, "/home/u", 1024L, 0L, 0L,
                    100, 200, 0, "bash", cgroups, 0, 1000, 1000, SHELL, SHELL);
            w.event(CHILD, FORK_20_X, 0L, "/bin/bash", strings("-i"), CHILD, CHILD, SHELL, "/home/u", 1024L, 0L, 0L,
                    100, 200, 0, "bash", cgroups, 0, 1000, 1000, CHILD, CHILD);
            w.event(CHILD, EXECVE_19_E, "/usr/bin/ls");
            w.event(CHILD, EXECVE_19_X, 0L, "/usr/bin/ls", strings("-l", "/tmp"), CHILD, CHILD, SHELL, "", 1024L,
                    0L, 0L, 300, 400, 0, "ls", cgroups, strings("PATH=/usr/bin", "LANG=C"), 0, CHILD, 1000L, 0);
            w.event(CHILD, READ_E, 3L, 16L);
            w.event(CHILD, READ_X, 0L, new byte[0]);
            // a thread that shares the descriptor table
            w.event(SHELL, CLONE_20_E);
            long threadFlags = CLONE_THREAD | CLONE_FILES | CLONE_FS | CLONE_VM;
            w.event(SHELL, CLONE_20_X, THREAD, "/bin/bash", strings("-i"), SHELL, SHELL, 1L, "/home/u", 1024L, 0L,
                    0L, 100, 200, 0, "bash", cgroups, threadFlags, 1000, 1000, SHELL, SHELL);
            w.event(THREAD, CLONE_20_X, 0L, "/bin/bash", strings("-i"), THREAD, SHELL, 1L, "/home/u", 1024L, 0L,
                    0L, 100, 200, 0, "bash", cgroups, threadFlags, 1000, 1000, THREAD, SHELL);
            w.event(THREAD, OPEN_E, "log.txt", 1L, 0L);
            w.event(THREAD, OPEN_X, 5L, "log.txt", 1L, 0L, 0L);
            w.event(SHELL, READ_E, 5L, 16L);
            w.event(SHELL, READ_X, 0L, new byte[0]);
            // vfork, and an execve that fails
            w.event(SHELL, VFORK_20_E);
            w.event(SHELL, VFORK_20_X, VCHILD, "/bin/bash", strings("-i"), SHELL, SHELL, 1L, "/home/u", 1024L, 0L,
                    0L, 100, 200, 0, "bash", cgroups, CLONE_VFORK | CLONE_VM, 1000, 1000, SHELL, SHELL);
            w.event(VCHILD, VFORK_20_X, 0L, "/bin/bash", strings("-i"), VCHILD, VCHILD, SHELL, "/home/u", 1024L,
                    0L, 0L, 100, 200, 0, "bash", cgroups, CLONE_VFORK | CLONE_VM, 1000, 1000, VCHILD, VCHILD);
            w.event(VCHILD, EXECVE_19_E, "/nope");
            w.event(VCHILD, EXECVE_19_X, -2L, "/bin/bash", strings("-i"), VCHILD, VCHILD, SHELL, "/home/u", 1024L,
                    0L, 0L, 100, 200, 0, "bash", cgroups, strings(), 0, VCHILD, 1000L, 0);
            // the first child exits
            w.event(CHILD, PROCEXIT_1_E, 0L, 0L, 0L, 0L);
            w.event(SHELL, READ_E, 3L, 16L);
            w.event(SHELL, READ_X, 0L, new byte[0]);
        });
    }

    /** A list parameter: args, env or cgroups. */
    private static byte[] strings(String... items) {
        return ScapWriter.strings(List.of(items));
    }

    public static void main(String[] args) throws IOException {
        Files.write(Paths.get(args[0]), bytes());
    }
}
