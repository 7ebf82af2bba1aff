package org.scapscope.state;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteOrder;
import java.util.List;
import org.scapscope.scap.FdRecord;
import org.scapscope.scap.MachineInfo;
import org.scapscope.scap.ScapWriter;

/**
 * The start shared by the synthetic captures compared with sysdig: one machine, a shell (tid 100,
 * in /home/u, fd 3 on /etc/hosts) in a version-8 process list, then the system calls a capture adds,
 * one nanosecond apart.
 */
final class ShellCapture {
    static final long T0 = 1_700_000_000_000_000_000L;
    static final long SHELL = 100;

    /** Writes the events of a capture, one nanosecond apart. */
    static final class Calls {
        private final ScapWriter w;
        private long ts = T0;

        private Calls(ScapWriter w) {
            this.w = w;
        }

        /** One system call of the shell: its enter and its exit event. */
        void call(int enter, int exit, Object[] enterParams, Object[] exitParams) throws IOException {
            event(SHELL, enter, enterParams);
            event(SHELL, exit, exitParams);
        }

        /** One event of any thread. */
        void event(long tid, int type, Object... params) throws IOException {
            w.event(0, ts++, tid, type, params);
        }
    }

    interface Body {
        void write(Calls calls) throws IOException;
    }

    private ShellCapture() {
    }

    static byte[] bytes(Body body) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ScapWriter w = new ScapWriter(out)) {
            w.sectionHeader(ByteOrder.LITTLE_ENDIAN, 1, 2)
                    .machineInfo(new MachineInfo(1, 1L << 30, 0, "box", 0))
                    .processList(8, List.of(Replay.thread(SHELL, SHELL, 1, "bash", "/home/u", 0)))
                    .fdList(true, SHELL, List.of(new FdRecord(SHELL, 3, 9, FdRecord.FILE_V2, "/etc/hosts", 0, 0,
                            null, null, 0, 0, 0, 0, 0)));
            body.write(new Calls(w));
        }
        return out.toByteArray();
    }
}
