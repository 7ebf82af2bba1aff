package org.scapscope.view;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.BooleanSupplier;
import org.scapscope.scap.ScapFile;
import org.scapscope.scap.SysdigTable;
import org.scapscope.scap.UserRecord;
import org.scapscope.state.ContainerInfo;
import org.scapscope.state.FdInfo;
import org.scapscope.state.MachineState;
import org.scapscope.state.StateHistory;
import org.scapscope.state.ThreadInfo;

/**
 * Values a capture holds for the fields analysts filter on most, for completing filters: the event
 * types it has (from the index), and the process names, executables, containers, users and file
 * and connection names of the machine as a sample of the state checkpoints across the capture
 * shows it.
 */
public final class SeenValues {
    /** Checkpoints read, evenly spread: enough to meet the processes of a capture, few enough to be quick. */
    private static final int SAMPLES = 48;
    /** Most values kept per field. */
    private static final int MOST = 5_000;

    private SeenValues() {
    }

    /** The values by field name, each sorted. */
    public static Map<String, List<String>> of(ScapFile scap, StateHistory history, BooleanSupplier cancelled)
            throws IOException {
        Map<String, TreeSet<String>> seen = new TreeMap<>();
        SysdigTable table = SysdigTable.get();
        for (int type = 0; type < 1024; type++) {
            if (scap.countOfType(type) > 0) {
                String name = table.typeName(type);
                if (name != null && !name.isEmpty()) {
                    add(seen, "evt.type", name);
                }
            }
        }
        long events = scap.eventCount();
        int samples = (int) Math.min(SAMPLES, Math.max(1, history.checkpointCount()));
        for (int s = 0; s <= samples; s++) {
            if (cancelled != null && cancelled.getAsBoolean()) {
                break;
            }
            MachineState state = history.before(Math.min(events, events * s / samples));
            for (ThreadInfo t : state.threads().all()) {
                add(seen, "proc.name", t.comm());
                add(seen, "proc.exepath", t.exepath());
                for (FdInfo fd : t.fdTable().values()) {
                    add(seen, "fd.name", fd.name());
                }
            }
            for (ContainerInfo c : state.containers().all()) {
                add(seen, "container.id", c.id());
                add(seen, "container.name", c.name());
                add(seen, "container.image", c.image());
            }
            for (UserRecord u : state.users().allUsers().values()) {
                add(seen, "user.name", u.name());
            }
        }
        Map<String, List<String>> out = new TreeMap<>();
        seen.forEach((k, v) -> out.put(k, List.copyOf(v)));
        // the names threads go by are the process names
        out.put("thread.name", out.getOrDefault("proc.name", List.of()));
        out.put("proc.pname", out.getOrDefault("proc.name", List.of()));
        out.put("proc.aname", out.getOrDefault("proc.name", List.of()));
        return out;
    }

    private static void add(Map<String, TreeSet<String>> seen, String field, String value) {
        if (value == null || value.isEmpty()) {
            return;
        }
        TreeSet<String> values = seen.computeIfAbsent(field, k -> new TreeSet<>());
        if (values.size() < MOST) {
            values.add(value);
        }
    }
}
