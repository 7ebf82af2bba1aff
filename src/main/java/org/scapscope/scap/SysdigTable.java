package org.scapscope.scap;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The event table sysdig 0.29.3 formats parameters with (falcosecurity/libs e5c53d64): today's
 * schema, corrected where the two differ. The differences come from three resources that
 * {@code tools/gen-sysdig029-table.py} writes:
 * <ul>
 * <li>{@code sysdig029_events.tsv}: each event type whose 0.29.3 entry differs in name, category,
 * the flags a field reads, or parameters. Most rows are shorter parameter lists (0.29.3 knew fewer
 * parameters); the rest change the text: {@code ENUMFLAGS} parameters that were {@code FLAGS}
 * (socket domain, shutdown how, lseek whence, rlimit resource, fcntl cmd, sockopt level and
 * optname, ptrace request), flags parameters that had a flag type without a table (eventfd,
 * signalfd, timerfd_create, inotify_init), mmap and mmap2 res ({@code UINT64} in hex, today
 * {@code ERRNO}), setpgid res ({@code PID}, today {@code ERRNO}), listen backlog ({@code UINT32},
 * today {@code INT32}), execve tty and loginuid ({@code INT32}), execve {@code pgid} (today
 * {@code vpgid}), the plugin event's {@code plugin ID} (today {@code plugin_id}), and openat2's
 * name resolved against parameter 1 (a 0.29.3 slip: the name itself, so the cwd is used).</li>
 * <li>{@code sysdig029_flags.tsv}: the flag tables whose 0.29.3 content differs: file_flags
 * without O_F_CREATED and the overlay bits, clone_flags without CLONE_CHILD_IN_PIDNS,
 * fcntl_commands with F_SETLKW64 and F_GETSIG, shutdown_how without SHUT_UNKNOWN, execve_flags
 * without the overlay and memfd bits.</li>
 * <li>{@code sysdig029_syscalls.tsv}: the 0.29.3 syscall table (names and categories of generic
 * events), which today's schema does not carry.</li>
 * </ul>
 * Event types past 0.29.3's table are described by today's schema.
 */
public final class SysdigTable {
    public static final int EC_UNKNOWN = 0;
    public static final int EC_OTHER = 1;
    public static final int EC_FILE = 2;
    public static final int EC_NET = 3;
    public static final int EC_IPC = 4;
    public static final int EC_MEMORY = 5;
    public static final int EC_IO_BASE = 32;
    public static final int EC_IO_READ = 32;
    public static final int EC_IO_WRITE = 33;
    public static final int EC_INTERNAL = 256;

    private static final SysdigTable INSTANCE = load();

    /** One parameter as 0.29.3 describes it. */
    public record Param(String name, ParamType type, PrintFormat format, Flags flags, DynamicTable dynamic, int dirfd) {
    }

    /** One event type as 0.29.3 describes it; {@code category} and {@code flags} without today's extra bits. */
    public record Event(int id, String name, int category, int flags, Param[] params) {
        public int paramIndex(String paramName, int count) {
            for (int i = 0; i < count && i < params.length; i++) {
                if (params[i].name.equals(paramName)) {
                    return i;
                }
            }
            return -1;
        }

        public boolean isEnter() {
            return (id & 1) == 0;
        }
    }

    /** A flag or mode table: names and values in table order. */
    public static final class Flags {
        public final String name;
        public final String[] names;
        public final long[] values;

        Flags(String name, List<String> names, List<Long> values) {
            this.name = name;
            this.names = names.toArray(new String[0]);
            this.values = new long[values.size()];
            for (int i = 0; i < this.values.length; i++) {
                this.values[i] = values.get(i);
            }
        }
    }

    private final Event[] events;
    private final int sysdigEventMax;
    private final String[] syscallNames;
    private final int[] syscallCategories;
    private final Map<String, List<String>> paramNames;

    private SysdigTable(Event[] events, int sysdigEventMax, String[] syscallNames, int[] syscallCategories) {
        this.events = events;
        this.sysdigEventMax = sysdigEventMax;
        this.syscallNames = syscallNames;
        this.syscallCategories = syscallCategories;
        Map<String, List<String>> names = new HashMap<>();
        for (Event e : events) {
            for (Param p : e.params) {
                names.computeIfAbsent(p.name, k -> new ArrayList<>()).add(e.name);
            }
        }
        this.paramNames = names;
    }

    public static SysdigTable get() {
        return INSTANCE;
    }

    /** One past the highest event type either table knows. */
    public int typeCount() {
        return events.length;
    }

    /** The description of an event type, or null for a type neither table knows. */
    public Event event(int type) {
        return type >= 0 && type < events.length ? events[type] : null;
    }

    /** The flags ({@code EF_*}) of an event type as sysdig 0.29.3 has them, which decide how it parses state. */
    public int flags(int type) {
        Event e = event(type);
        return e == null ? 0 : e.flags();
    }

    /** Whether sysdig 0.29.3's own table has this event type. */
    public boolean isSysdigType(int type) {
        return type >= 0 && type < sysdigEventMax;
    }

    /**
     * The name sysdig shows for an event type ({@code evt.type}): its 0.29.3 name, or the current
     * schema's for types 0.29.3 did not have. Generic system-call events are named by their
     * syscall code instead, which only the event carries.
     */
    public String typeName(int type) {
        if (isSysdigType(type)) {
            return event(type).name();
        }
        return EventSchema.get().displayName(type);
    }

    /** The number of syscall codes of 0.29.3 ({@code PPM_SC_MAX}). */
    public int syscallCount() {
        return syscallNames.length;
    }

    /** The 0.29.3 name of a syscall code, or null past its table. */
    public String syscallName(int code) {
        return code >= 0 && code < syscallNames.length ? syscallNames[code] : null;
    }

    /** The 0.29.3 category of a syscall code, {@link #EC_UNKNOWN} past its table. */
    public int syscallCategory(int code) {
        return code >= 0 && code < syscallCategories.length ? syscallCategories[code] : EC_UNKNOWN;
    }

    /** Whether some event has a parameter with this name. */
    public boolean isParamName(String name) {
        return paramNames.containsKey(name);
    }

    // ------------------------------------------------------------------------------- loading

    private static SysdigTable load() {
        try {
            EventSchema schema = EventSchema.get();
            Map<String, List<String>> flagNames = new LinkedHashMap<>();
            Map<String, List<Long>> flagValues = new LinkedHashMap<>();
            EventSchema.readTable("sysdig029_flags.tsv", cols -> {
                flagNames.computeIfAbsent(cols[0], k -> new ArrayList<>()).add(cols[1]);
                flagValues.computeIfAbsent(cols[0], k -> new ArrayList<>()).add(Long.parseLong(cols[2]));
            });
            Map<String, Flags> flags = new HashMap<>();
            flagNames.forEach((name, names) -> flags.put(name, new Flags(name, names, flagValues.get(name))));

            Map<String, DynamicTable> dynamic = new HashMap<>();
            for (int t = 0; t < schema.size(); t++) {
                EventInfo info = schema.event(t);
                for (ParamInfo p : info.params()) {
                    if (p.dynamic() != null) {
                        dynamic.put(p.dynamic().name(), p.dynamic());
                    }
                    if (p.flags() != null && !flags.containsKey(p.flags().name())) {
                        flags.put(p.flags().name(), copy(p.flags()));
                    }
                }
            }

            Map<Integer, Event> overrides = new HashMap<>();
            int[] max = {0};
            EventSchema.readTable("sysdig029_events.tsv", cols -> {
                if ("PPM_EVENT_MAX".equals(cols[1])) {
                    max[0] = Integer.parseInt(cols[0]);
                    return;
                }
                int id = Integer.parseInt(cols[0]);
                List<Param> params = new ArrayList<>();
                if (cols.length > 6 && !cols[6].isEmpty()) {
                    for (String p : cols[6].split(";")) {
                        params.add(parseParam(p, flags, dynamic));
                    }
                }
                overrides.put(id, new Event(id, cols[2], Integer.parseInt(cols[3]), Integer.parseInt(cols[4]),
                        params.toArray(new Param[0])));
            });

            List<String> scNames = new ArrayList<>();
            List<Integer> scCategories = new ArrayList<>();
            EventSchema.readTable("sysdig029_syscalls.tsv", cols -> {
                scNames.add(cols[1]);
                scCategories.add(Integer.parseInt(cols[2]));
            });

            int size = Math.max(schema.size(), max[0]);
            Event[] events = new Event[size];
            for (int t = 0; t < size; t++) {
                Event o = overrides.get(t);
                if (o != null) {
                    events[t] = o;
                } else if (schema.event(t) != null) {
                    events[t] = fromSchema(schema.event(t), flags);
                }
            }
            int[] categories = new int[scCategories.size()];
            for (int i = 0; i < categories.length; i++) {
                categories[i] = scCategories.get(i);
            }
            return new SysdigTable(events, max[0], scNames.toArray(new String[0]), categories);
        } catch (IOException e) {
            throw new UncheckedIOException("the sysdig 0.29.3 table resources are missing or unreadable", e);
        }
    }

    private static Event fromSchema(EventInfo info, Map<String, Flags> flags) {
        Param[] params = new Param[info.paramCount()];
        for (int i = 0; i < params.length; i++) {
            ParamInfo p = info.params().get(i);
            params[i] = new Param(p.name(), p.type(), p.format(), p.flags() == null ? null : flags.get(p.flags().name()),
                    p.dynamic(), p.dirfdIndex());
        }
        // today's category and flags carry bits 0.29.3 did not have (EC_SYSCALL, EF_CONVERTER_MANAGED, ...)
        return new Event(info.id(), info.name(), info.category() & 0x1FF, info.flags() & 0x3FF, params);
    }

    private static Flags copy(FlagTable t) {
        List<String> names = new ArrayList<>();
        List<Long> values = new ArrayList<>();
        for (int i = 0; i < t.size(); i++) {
            names.add(t.nameAt(i));
            values.add(t.valueAt(i));
        }
        return new Flags(t.name(), names, values);
    }

    // name:PT_TYPE:PF_FORMAT[:flag_table | dyn=TABLE | dirfd=N]
    private static Param parseParam(String spec, Map<String, Flags> flags, Map<String, DynamicTable> dynamic) {
        String[] parts = spec.split(":");
        Flags table = null;
        DynamicTable dyn = null;
        int dirfd = -1;
        if (parts.length > 3) {
            if (parts[3].startsWith("dirfd=")) {
                dirfd = Integer.parseInt(parts[3].substring(6));
            } else if (parts[3].startsWith("dyn=")) {
                dyn = dynamic.get(parts[3].substring(4));
            } else {
                table = flags.get(parts[3]);
            }
        }
        return new Param(parts[0], ParamType.valueOf(parts[1].substring(3)), format(parts[2]), table, dyn, dirfd);
    }

    private static PrintFormat format(String name) {
        switch (name) {
            case "PF_DEC": return PrintFormat.DEC;
            case "PF_HEX": return PrintFormat.HEX;
            case "PF_10_PADDED_DEC": return PrintFormat.PADDED_DEC;
            case "PF_ID": return PrintFormat.ID;
            case "PF_DIR": return PrintFormat.DIR;
            case "PF_OCT": return PrintFormat.OCT;
            default: return PrintFormat.NA;
        }
    }
}
