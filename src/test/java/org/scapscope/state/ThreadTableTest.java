package org.scapscope.state;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.scapscope.RealCaptures;
import org.scapscope.scap.EventTypes;
import org.scapscope.scap.OpenOptions;
import org.scapscope.scap.ScapEvent;
import org.scapscope.scap.ScapFile;
import org.scapscope.scap.ScapWriter;
import org.scapscope.scap.UserRecord;

/** The thread table's count of threads by process id stays what counting its threads gives. */
class ThreadTableTest {
    @TempDir
    Path tmp;

    private static void checkCounts(ThreadTable table, String where) {
        Map<Long, Integer> counted = new HashMap<>();
        for (ThreadInfo t : table.all()) {
            counted.merge(t.pid(), 1, Integer::sum);
        }
        for (Map.Entry<Long, Integer> c : counted.entrySet()) {
            assertEquals(c.getValue().intValue(), table.withPid(c.getKey()), "threads of process " + c.getKey() + " " + where);
        }
        // and none for a process no thread of the table belongs to
        assertEquals(0, table.withPid(Long.MIN_VALUE + 7), where);
    }

    @Test
    void theCountByProcessMatchesTheThreadsThroughoutEveryRealCapture() throws Exception {
        for (Path capture : RealCaptures.all()) {
            try (ScapFile scap = ScapFile.open(capture, OpenOptions.defaults().cacheDir(tmp))) {
                int section = scap.eventCount() == 0 ? 0 : scap.sectionOf(0);
                MachineState s = MachineState.atSectionStart(scap, section);
                checkCounts(s.threads(), "at the start of " + capture.getFileName());
                ScapEvent e = scap.newEvent();
                for (long i = 0; i < scap.eventCount(); i++) {
                    if (scap.sectionOf(i) != section) {
                        section = scap.sectionOf(i);
                        s = MachineState.atSectionStart(scap, section);
                    }
                    s.apply(scap.read(i, e));
                    if (i % 97 == 0 || i == scap.eventCount() - 1) {
                        s.passOver();
                        checkCounts(s.threads(), "after event " + i + " of " + capture.getFileName());
                    }
                }
            }
        }
    }

    @Test
    void eachSectionStartsWithItsOwnTablesAndTheRecordsBeforeItsFirstEvent() throws Exception {
        Path file = tmp.resolve("sections.scap");
        int sections = 30;
        try (ScapWriter w = new ScapWriter(Files.newOutputStream(file))) {
            for (int s = 0; s < sections; s++) {
                w.sectionHeader(s % 2 == 0 ? ByteOrder.LITTLE_ENDIAN : ByteOrder.BIG_ENDIAN, 1, 2)
                        .processList(9, List.of(Replay.thread(1000 + s, 1000 + s, 1, "p" + s, "/", 0)))
                        .userList(true, List.of(new UserRecord(false, s, s, "table" + s, "/", "/bin/sh")))
                        .event(0, Replay.T0 + s, -1, EventTypes.USER_ADDED_E, 500L + s, 500L + s,
                                "record" + s, "/", "/bin/sh", "");
                w.event(0, Replay.T0 + s, 1000 + s, 6, 3L, 100L);
            }
        }
        try (ScapFile scap = ScapFile.open(file, OpenOptions.defaults().cacheDir(tmp.resolve("cache")))) {
            for (int s = 0; s < sections; s++) {
                MachineState state = MachineState.atSectionStart(scap, s);
                assertEquals(List.of(1000L + s), state.threads().all().stream().map(ThreadInfo::tid).toList());
                assertEquals(Set.of((long) s, 500L + s), state.users().allUsers().keySet(), "users of section " + s);
                assertEquals("record" + s, state.users().user(500 + s).name());
            }
        }
    }
}
