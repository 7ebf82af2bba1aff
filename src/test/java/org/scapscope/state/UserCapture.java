package org.scapscope.state;

import static org.scapscope.state.ShellCapture.SHELL;
import static org.scapscope.state.ShellCapture.T0;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Paths;
import java.util.List;
import org.scapscope.scap.MachineInfo;
import org.scapscope.scap.ScapWriter;
import org.scapscope.scap.ThreadRecord;
import org.scapscope.scap.UserRecord;

/**
 * A capture with a user list (root, alice, bob; groups root, staff) and a shell of alice's that
 * becomes root, then bob, then joins staff, then a user and a group the list does not have. The
 * golden lines in golden/synthetic-users were printed by sysdig 0.29.3 from it ({@link #main} writes
 * it; tools/make-state-goldens.sh regenerates them).
 */
final class UserCapture {
    private UserCapture() {
    }

    static byte[] bytes() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ThreadRecord shell = new ThreadRecord(SHELL, SHELL, 1, 1, 1, "bash", "/bin/bash", "/bin/bash", List.of(),
                "/home/alice", 1024, 0, 1000, 1000, 0, 0, 0, 0, 0, List.of(), SHELL, SHELL, List.of(), "/", 0, 0,
                1000, false, 0, 0, 0, false, 0, 0, 0, false, false, -1);
        try (ScapWriter w = new ScapWriter(out)) {
            w.sectionHeader(ByteOrder.LITTLE_ENDIAN, 1, 2)
                    .machineInfo(new MachineInfo(1, 1L << 30, 0, "box", 0))
                    .userList(true, List.of(
                            new UserRecord(false, 0, 0, "root", "/root", "/bin/bash"),
                            new UserRecord(false, 1000, 1000, "alice", "/home/alice", "/bin/zsh"),
                            new UserRecord(false, 1001, 1001, "bob", "/home/bob", "/bin/sh"),
                            new UserRecord(true, -1, 0, "root", "", ""),
                            new UserRecord(true, -1, 50, "staff", "", "")))
                    .processList(8, List.of(shell));
            long ts = T0;
            w.event(0, ts++, SHELL, 6, 0L, 16L);                 // read, as alice
            w.event(0, ts++, SHELL, 7, 0L, new byte[0]);
            w.event(0, ts++, SHELL, 198, 0L);                    // setuid(0)
            w.event(0, ts++, SHELL, 199, 0L);
            w.event(0, ts++, SHELL, 192, 1001L, 1001L, 1001L);   // setresuid(bob)
            w.event(0, ts++, SHELL, 193, 0L);
            w.event(0, ts++, SHELL, 200, 50L);                   // setgid(staff)
            w.event(0, ts++, SHELL, 201, 0L);
            w.event(0, ts++, SHELL, 198, 4242L);                 // setuid to a user the list lacks
            w.event(0, ts++, SHELL, 199, 0L);
            w.event(0, ts++, SHELL, 200, 4343L);                 // setgid to a group the list lacks
            w.event(0, ts++, SHELL, 201, 0L);
        }
        return out.toByteArray();
    }

    public static void main(String[] args) throws IOException {
        Files.write(Paths.get(args[0]), bytes());
    }
}
