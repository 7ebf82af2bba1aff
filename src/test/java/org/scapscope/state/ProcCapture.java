package org.scapscope.state;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Paths;

/**
 * A capture, written with the project's writer in sysdig 0.29.3's event layouts, in which a shell
 * changes its own state: working directory (chdir, fchdir through a directory fd, a failed chdir),
 * users and groups (setuid, setgid, setresuid, setresgid, a failed setresuid), session and process
 * group, root directory, and finally exits, after which an event of the same thread id meets no
 * thread. The golden lines in golden/synthetic-proc were printed by sysdig 0.29.3 from it ({@link
 * #main} writes it; tools/make-state-goldens.sh regenerates them).
 */
final class ProcCapture {
    private static final long O_DIRECTORY = 1 << 10;

    private ProcCapture() {
    }

    static byte[] bytes() throws IOException {
        return ShellCapture.bytes(p -> {
            p.call(94, 95, new Object[] {}, new Object[] {0L, "src/../build"});                   // chdir
            p.call(2, 3, new Object[] {"/var/tmp", O_DIRECTORY, 0L},                              // open a dir
                    new Object[] {4L, "/var/tmp", O_DIRECTORY, 0L, 0L});
            p.call(96, 97, new Object[] {4L}, new Object[] {0L});                                 // fchdir
            p.call(94, 95, new Object[] {}, new Object[] {-2L, "nope"});                          // chdir, failed
            p.call(198, 199, new Object[] {0L}, new Object[] {0L});                               // setuid
            p.call(200, 201, new Object[] {0L}, new Object[] {0L});                               // setgid
            p.call(192, 193, new Object[] {1001L, 1002L, 1003L}, new Object[] {0L});              // setresuid
            p.call(192, 193, new Object[] {5L, 5L, 5L}, new Object[] {-1L});                      // setresuid, failed
            p.call(194, 195, new Object[] {2001L, 2002L, 2003L}, new Object[] {0L});              // setresgid
            p.call(274, 275, new Object[] {}, new Object[] {100L});                               // setsid
            p.call(294, 295, new Object[] {0L, 0L}, new Object[] {0L});                           // setpgid
            p.call(266, 267, new Object[] {}, new Object[] {0L, "/srv/jail"});                    // chroot
            p.call(6, 7, new Object[] {3L, 16L}, new Object[] {0L, new byte[0]});                 // read
            p.call(186, 6, new Object[] {0L, 0L, 0L, 0L}, new Object[] {3L, 16L});                // procexit, read
        });
    }

    public static void main(String[] args) throws IOException {
        Files.write(Paths.get(args[0]), bytes());
    }
}
