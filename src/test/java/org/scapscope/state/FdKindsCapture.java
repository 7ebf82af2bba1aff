package org.scapscope.state;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Paths;

/**
 * A capture, written with the project's writer in sysdig 0.29.3's event layouts, in which a shell
 * (tid 100, in /home/u, fd 3 on /etc/hosts) creates one descriptor of every kind 0.29.3 knows
 * (eventfd, signalfd, timerfd, inotify, a unix socket pair, creat, pipe, dup, IPv4, IPv6 and netlink
 * sockets, userfaultfd), closes one, then reads from each so that each shows in the fd fields. The
 * golden lines in golden/synthetic-fd-kinds were printed by sysdig 0.29.3 from it ({@link #main}
 * writes it; tools/make-state-goldens.sh regenerates them).
 */
final class FdKindsCapture {
    static final long LAST = 17;

    private FdKindsCapture() {
    }

    static byte[] bytes() throws IOException {
        return ShellCapture.bytes(p -> {
            p.call(62, 63, new Object[] {0L, 0L}, new Object[] {4L});                          // eventfd
            p.call(126, 127, new Object[] {-1L, 0L, 0L}, new Object[] {5L});                   // signalfd
            p.call(136, 137, new Object[] {1L, 0L}, new Object[] {6L});                        // timerfd_create
            p.call(138, 139, new Object[] {0L}, new Object[] {7L});                            // inotify_init
            p.call(42, 43, new Object[] {1L, 1L, 0L},                                          // socketpair (unix)
                    new Object[] {0L, 8L, 9L, 0xffff0001L, 0xffff0002L});
            p.call(58, 59, new Object[] {"docs/../new.txt", 0644L},                            // creat
                    new Object[] {10L, "docs/../new.txt", 0644L, 0L});
            p.call(60, 61, new Object[] {}, new Object[] {0L, 11L, 12L, 777L});                // pipe
            p.call(124, 125, new Object[] {3L}, new Object[] {13L});                           // dup
            p.call(4, 5, new Object[] {10L}, new Object[] {0L});                               // close
            p.call(18, 19, new Object[] {2L, 1L, 6L}, new Object[] {14L});                     // socket (inet tcp)
            p.call(18, 19, new Object[] {10L, 2L, 17L}, new Object[] {15L});                   // socket (inet6 udp)
            p.call(18, 19, new Object[] {16L, 3L, 0L}, new Object[] {16L});                    // socket (netlink)
            p.call(320, 321, new Object[] {}, new Object[] {17L, 0L});                         // userfaultfd
            for (long fd = 3; fd <= LAST; fd++) {
                p.call(6, 7, new Object[] {fd, 16L}, new Object[] {0L, new byte[0]});          // read
            }
        });
    }

    public static void main(String[] args) throws IOException {
        Files.write(Paths.get(args[0]), bytes());
    }
}
