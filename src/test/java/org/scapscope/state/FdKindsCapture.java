package org.scapscope.state;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Paths;
import java.util.List;
import org.scapscope.scap.FdRecord;
import org.scapscope.scap.MachineInfo;
import org.scapscope.scap.ScapWriter;

/**
 * A capture, written with the project's writer in sysdig 0.29.3's event layouts, in which a shell
 * (tid 100, in /home/u, fd 3 on /etc/hosts) creates one descriptor of every kind 0.29.3 knows
 * (eventfd, signalfd, timerfd, inotify, a unix socket pair, creat, pipe, dup, IPv4, IPv6 and netlink
 * sockets, userfaultfd), closes one, then reads from each so that each shows in the fd fields. The
 * golden lines in golden/synthetic-fd-kinds were printed by sysdig 0.29.3 from it ({@link #main}
 * writes it; tools/make-container-goldens.sh regenerates them).
 */
final class FdKindsCapture {
    static final long T0 = 1_700_000_000_000_000_000L;
    static final long SHELL = 100;
    static final long FIRST = 4;
    static final long LAST = 17;

    private FdKindsCapture() {
    }

    static byte[] bytes() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ScapWriter w = new ScapWriter(out)) {
            w.sectionHeader(ByteOrder.LITTLE_ENDIAN, 1, 2)
                    .machineInfo(new MachineInfo(1, 1L << 30, 0, "box", 0))
                    .processList(8, List.of(Replay.thread(SHELL, SHELL, 1, "bash", "/home/u", 0)))
                    .fdList(true, SHELL, List.of(new FdRecord(SHELL, 3, 9, FdRecord.FILE_V2, "/etc/hosts", 0, 0,
                            null, null, 0, 0, 0, 0, 0)));
            long[] ts = {T0};
            Pair p = (enter, exit, enterParams, exitParams) -> {
                w.event(0, ts[0]++, SHELL, enter, enterParams);
                w.event(0, ts[0]++, SHELL, exit, exitParams);
            };
            p.write(62, 63, new Object[] {0L, 0L}, new Object[] {4L});                          // eventfd
            p.write(126, 127, new Object[] {-1L, 0L, 0L}, new Object[] {5L});                   // signalfd
            p.write(136, 137, new Object[] {1L, 0L}, new Object[] {6L});                        // timerfd_create
            p.write(138, 139, new Object[] {0L}, new Object[] {7L});                            // inotify_init
            p.write(42, 43, new Object[] {1L, 1L, 0L},                                          // socketpair (unix)
                    new Object[] {0L, 8L, 9L, 0xffff0001L, 0xffff0002L});
            p.write(58, 59, new Object[] {"docs/../new.txt", 0644L},                            // creat
                    new Object[] {10L, "docs/../new.txt", 0644L, 0L});
            p.write(60, 61, new Object[] {}, new Object[] {0L, 11L, 12L, 777L});                // pipe
            p.write(124, 125, new Object[] {3L}, new Object[] {13L});                           // dup
            p.write(4, 5, new Object[] {10L}, new Object[] {0L});                               // close
            p.write(18, 19, new Object[] {2L, 1L, 6L}, new Object[] {14L});                     // socket (inet tcp)
            p.write(18, 19, new Object[] {10L, 2L, 17L}, new Object[] {15L});                   // socket (inet6 udp)
            p.write(18, 19, new Object[] {16L, 3L, 0L}, new Object[] {16L});                    // socket (netlink)
            p.write(320, 321, new Object[] {}, new Object[] {17L, 0L});                         // userfaultfd
            for (long fd = 3; fd <= LAST; fd++) {
                p.write(6, 7, new Object[] {fd, 16L}, new Object[] {0L, new byte[0]});          // read
            }
        }
        return out.toByteArray();
    }

    private interface Pair {
        void write(int enter, int exit, Object[] enterParams, Object[] exitParams) throws IOException;
    }

    public static void main(String[] args) throws IOException {
        Files.write(Paths.get(args[0]), bytes());
    }
}
