package org.scapscope.scap;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The event schema of falcosecurity/libs: every event type with its parameters, the flag tables,
 * the dynamic-parameter tables and the syscall names of generic events. Loaded once from the
 * resources that {@code tools/gen-event-schema.py} writes.
 *
 * <p>The table only ever grows, and an event type never changes meaning, so this one table reads
 * captures of every age: an older capture simply carries fewer parameters for some events.
 */
public final class EventSchema {
    private static final EventSchema INSTANCE = load();



    private final EventInfo[] events;
    private final Map<String, FlagTable> flagTables;
    private final String[] syscallNames;
    private final Map<String, List<EventInfo>> byName;

    private EventSchema(EventInfo[] events, Map<String, FlagTable> flagTables, String[] syscallNames) {
        this.events = events;
        this.flagTables = flagTables;
        this.syscallNames = syscallNames;
        Map<String, List<EventInfo>> names = new HashMap<>();
        for (EventInfo e : events) {
            names.computeIfAbsent(e.name(), k -> new ArrayList<>()).add(e);
        }
        this.byName = Collections.unmodifiableMap(names);
    }

    public static EventSchema get() {
        return INSTANCE;
    }

    /** Number of event types known ({@code PPM_EVENT_MAX}). */
    public int size() {
        return events.length;
    }

    /** The event type, or null for a type newer than this schema. */
    public EventInfo event(int type) {
        return type >= 0 && type < events.length ? events[type] : null;
    }

    /** The event types with this name, both directions and every version. */
    public List<EventInfo> eventsNamed(String name) {
        return byName.getOrDefault(name, List.of());
    }

    /** The name of an event type, "unknown" for a type newer than the schema. */
    public String displayName(int type) {
        EventInfo info = event(type);
        return info == null ? "unknown" : info.name();
    }

    public FlagTable flagTable(String name) {
        return flagTables.get(name);
    }

    /** Name of a syscall by its {@code ppm_sc} code, or null. */
    public String syscallName(int code) {
        return code >= 0 && code < syscallNames.length ? syscallNames[code] : null;
    }


    private static EventSchema load() {
        try {
            Map<String, List<String>> flagNames = new LinkedHashMap<>();
            Map<String, List<Long>> flagValues = new LinkedHashMap<>();
            readTable("flags.tsv", cols -> {
                flagNames.computeIfAbsent(cols[0], k -> new ArrayList<>()).add(cols[1]);
                flagValues.computeIfAbsent(cols[0], k -> new ArrayList<>()).add(Long.decode(cols[2]));
            });
            Map<String, FlagTable> flags = new HashMap<>();
            flagNames.forEach((table, names) -> flags.put(table, new FlagTable(table, names, flagValues.get(table))));

            Map<String, List<ParamType>> dynTypes = new LinkedHashMap<>();
            Map<String, List<PrintFormat>> dynFormats = new LinkedHashMap<>();
            readTable("dyn_params.tsv", cols -> {
                dynTypes.computeIfAbsent(cols[0], k -> new ArrayList<>()).add(ParamType.byName(cols[3]));
                dynFormats.computeIfAbsent(cols[0], k -> new ArrayList<>()).add(PrintFormat.byName(cols[4]));
            });
            Map<String, DynamicTable> dyn = new HashMap<>();
            dynTypes.forEach((table, types) -> dyn.put(table, new DynamicTable(table, types, dynFormats.get(table))));

            List<String> syscalls = new ArrayList<>();
            readTable("ppm_sc.tsv", cols -> {
                int id = Integer.parseInt(cols[0]);
                while (syscalls.size() <= id) {
                    syscalls.add(null);
                }
                syscalls.set(id, cols[1]);
            });

            List<EventInfo> events = new ArrayList<>();
            readTable("event_schema.tsv", cols -> events.add(parseEvent(cols, flags, dyn)));
            return new EventSchema(events.toArray(new EventInfo[0]), flags, syscalls.toArray(new String[0]));
        } catch (IOException e) {
            throw new UncheckedIOException("the event schema resources are missing or unreadable", e);
        }
    }

    // columns: id enum name dir category category_num flags flags_num nparams large_payload params
    private static EventInfo parseEvent(String[] cols, Map<String, FlagTable> flags, Map<String, DynamicTable> dyn) {
        int id = Integer.parseInt(cols[0]);
        List<ParamInfo> params = new ArrayList<>();
        if (cols.length > 10 && !cols[10].isEmpty()) {
            for (String p : cols[10].split(";")) {
                String[] parts = p.split(":");
                FlagTable flagTable = null;
                DynamicTable dynTable = null;
                int dirfd = -1;
                if (parts.length > 3) {
                    String info = parts[3];
                    if (info.startsWith("dirfd=")) {
                        dirfd = Integer.parseInt(info.substring(6));
                    } else if (info.startsWith("dyn=")) {
                        dynTable = dyn.get(info.substring(4));
                    } else {
                        flagTable = flags.get(info);
                    }
                }
                params.add(new ParamInfo(parts[0], ParamType.byName(parts[1]), PrintFormat.byName(parts[2]),
                        flagTable, dynTable, dirfd));
            }
        }
        return new EventInfo(id, cols[2], "E".equals(cols[3]), Integer.parseInt(cols[5]), Integer.parseInt(cols[7]),
                "1".equals(cols[9]), List.copyOf(params));
    }

    /**
     * Reads a tab-separated table resource of this package: comment lines start with '#', the first
     * other line names the columns, each further line is passed on split into its columns.
     */
    static void readTable(String name, Consumer<String[]> row) throws IOException {
        try (InputStream in = EventSchema.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IOException("resource " + name + " not found");
            }
            BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            String line;
            boolean header = true;
            while ((line = reader.readLine()) != null) {
                if (line.startsWith("#") || line.isEmpty()) {
                    continue;
                }
                if (header) {
                    header = false;
                    continue;
                }
                row.accept(line.split("\t", -1));
            }
        }
    }
}
