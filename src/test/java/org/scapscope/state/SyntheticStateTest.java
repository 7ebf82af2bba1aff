package org.scapscope.state;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.scapscope.RealCaptures;
import org.scapscope.field.FieldContext;
import org.scapscope.field.OutputFormat;
import org.scapscope.scap.OpenOptions;
import org.scapscope.scap.ScapEvent;
import org.scapscope.scap.ScapFile;

/** The fd, process and user fields of synthetic captures, every event, as sysdig 0.29.3 printed them from the same bytes. */
class SyntheticStateTest {
    @TempDir
    Path tmp;

    /**
     * Every kind of descriptor sysdig 0.29.3 tracks: eventfd, signalfd, timerfd, inotify, a unix
     * socket pair, creat, pipe, dup, close, IPv4, IPv6 and netlink sockets, and a userfaultfd it
     * does not track.
     */
    @Test
    void everyDescriptorKindMatchesSysdig() throws Exception {
        assertMatchesSysdig("synthetic-fd-kinds", FdKindsCapture.bytes());
    }

    /**
     * Sockets as client and server: connect, bind, listen, accept, datagrams with their tuples,
     * IPv6, unix sockets, a refused connect, shutdown and close; with each event's arguments.
     */
    @Test
    void socketsMatchSysdig() throws Exception {
        assertMatchesSysdig("synthetic-net", NetCapture.bytes());
    }

    /**
     * A shell changing its working directory, users, groups, session, process group and root, then
     * exiting: the process fields after each event.
     */
    @Test
    void processChangesMatchSysdig() throws Exception {
        assertMatchesSysdig("synthetic-proc", ProcCapture.bytes());
    }

    /**
     * fork and the child's execve, a thread that shares the descriptor table, vfork, a failed
     * execve and a child's exit: the process tree fields after each event.
     */
    @Test
    void forkExecAndExitMatchSysdig() throws Exception {
        assertMatchesSysdig("synthetic-fork", ForkCapture.bytes());
    }

    /** The user and group fields from the user list, as a shell becomes root, another user, and unknown ones. */
    @Test
    void usersAndGroupsMatchSysdig() throws Exception {
        assertMatchesSysdig("synthetic-users", UserCapture.bytes());
    }

    private void assertMatchesSysdig(String name, byte[] bytes) throws Exception {
        Path golden = RealCaptures.goldens().resolve(name);
        String sha = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        assertEquals(Files.readString(golden.resolve("capture.sha256"), StandardCharsets.UTF_8).strip(), sha,
                "the synthetic capture changed: rerun tools/make-state-goldens.sh");
        Path capture = Files.write(tmp.resolve(name + ".scap"), bytes);
        OutputFormat format = OutputFormat.parse(
                Files.readString(golden.resolve("fields.format"), StandardCharsets.UTF_8).strip());
        List<String> ours = new ArrayList<>();
        try (ScapFile f = ScapFile.open(capture, OpenOptions.defaults().cacheDir(tmp.resolve("cache")))) {
            FieldContext ctx = new FieldContext(f);
            ScapEvent e = f.newEvent();
            for (long i = 0; i < f.eventCount(); i++) {
                ctx.advance(f.read(i, e));
                ours.add(format.render(ctx));
            }
        }
        assertEquals(Files.readAllLines(golden.resolve("fields.txt"), StandardCharsets.UTF_8), ours);
    }
}
