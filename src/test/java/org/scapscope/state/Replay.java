package org.scapscope.state;

import java.io.IOException;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.scapscope.scap.FdRecord;
import org.scapscope.scap.MachineInfo;
import org.scapscope.scap.OpenOptions;
import org.scapscope.scap.ScapEvent;
import org.scapscope.scap.ScapFile;
import org.scapscope.scap.ScapWriter;
import org.scapscope.scap.ThreadRecord;

/**
 * A tiny capture built with the writer and replayed through the machine state: a shell (tid 100,
 * working in /home/u, descriptor 3 open on /etc/hosts) and the events a test adds.
 */
final class Replay implements AutoCloseable {
    static final long T0 = 1_700_000_000_000_000_000L;
    static final long SHELL = 100;

    interface Events {
        void write(ScapWriter w) throws IOException;
    }

    private final ScapFile capture;
    private final MachineState state;
    private final ScapEvent event = new ScapEvent();
    private long next;

    private Replay(ScapFile capture) {
        this.capture = capture;
        this.state = MachineState.atSectionStart(capture, 0);
    }

    static ThreadRecord thread(long tid, long pid, long ptid, String comm, String cwd, long flags) {
        return new ThreadRecord(tid, pid, ptid, 1, 1, comm, "/bin/" + comm, "/bin/" + comm, List.of("-i"), cwd, 1024,
                flags, 1000, 1000, 100, 50, 0, 0, 0, List.of("HOME=/home/u"), tid, pid, List.of(), "/", 0, 0, 1000,
                false, 0, 0, 0, false, 0, 0, 0, false, false, -1);
    }

    static Replay of(Path dir, Events events) throws Exception {
        Path file = Files.createTempFile(dir, "replay", ".scap");
        try (ScapWriter w = new ScapWriter(Files.newOutputStream(file))) {
            w.sectionHeader(ByteOrder.LITTLE_ENDIAN, 1, 2)
                    .machineInfo(new MachineInfo(2, 1L << 30, 0, "box", 0))
                    .processList(9, List.of(thread(SHELL, SHELL, 1, "bash", "/home/u", 0)))
                    .fdList(true, SHELL, List.of(new FdRecord(SHELL, 3, 9, FdRecord.FILE_V2, "/etc/hosts", 0, 0, null,
                            null, 0, 0, 0, 0, 0)));
            events.write(w);
        }
        return new Replay(ScapFile.open(file, OpenOptions.defaults().cacheDir(dir.resolve("cache"))));
    }

    /** Applies the next event and returns the state after it. */
    MachineState step() {
        state.apply(capture.read(next++, event));
        return state;
    }

    /** Applies every remaining event. */
    MachineState all() {
        while (next < capture.eventCount()) {
            step();
        }
        return state;
    }

    MachineState state() {
        return state;
    }

    @Override
    public void close() throws IOException {
        capture.close();
    }
}
