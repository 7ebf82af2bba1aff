package org.scapscope.field;

import static org.scapscope.field.FieldInfo.Argument.INDEX;
import static org.scapscope.field.FieldInfo.Argument.INDEX_OR_NAME;
import static org.scapscope.field.FieldInfo.Argument.NAME;
import static org.scapscope.field.FieldInfo.Argument.NONE;
import static org.scapscope.field.FieldInfo.Argument.REQUIRED_NAME;

import java.util.function.Function;
import org.scapscope.scap.EventInfo;
import org.scapscope.scap.EventSchema;
import org.scapscope.scap.EventTypes;
import org.scapscope.scap.FdRecord;
import org.scapscope.scap.ParamInfo;
import org.scapscope.scap.ScapEvent;
import org.scapscope.scap.SysdigTable;
import org.scapscope.scap.SystemNames;
import org.scapscope.state.FdInfo;
import org.scapscope.state.ThreadInfo;

/**
 * The {@code evt} field class: what an event says by itself, as sysdig 0.29.3's
 * {@code sinsp_filter_check_event} extracts it. Event categories, flags and parameters are those
 * of sysdig 0.29.3's table ({@link SysdigTable}).
 */
final class EventFields {
    private static final long NS = 1_000_000_000L;
    private static final EventSchema SCHEMA = EventSchema.get();
    private static final SysdigTable TABLE = SysdigTable.get();

    // event types some fields single out (ppm_event_code)
    static final int OPEN_X = 3;
    static final int CONNECT_X = 23;
    static final int ACCEPT_X = 27;
    static final int ACCEPT4_X = 57;
    static final int CREAT_X = 59;
    static final int OPENAT_E = 102;
    static final int OPENAT_X = 103;
    static final int LINKAT_E = 106;
    static final int UNLINKAT_E = 110;
    static final int SCHEDSWITCH_6_E = 152;
    static final int RENAMEAT_X = 177;
    static final int SYMLINKAT_X = 181;
    static final int ACCEPT_5_X = 247;
    static final int ACCEPT4_5_X = 249;
    static final int UNLINKAT_2_X = 303;
    static final int MKDIRAT_X = 305;
    static final int OPENAT_2_X = 307;
    static final int LINKAT_2_X = 311;
    static final int FCHMODAT_X = 313;
    static final int RENAMEAT2_X = 319;
    static final int OPENAT2_X = 327;

    // ppm_event_flags, as 0.29.3's table sets them
    static final int EF_CREATES_FD = 1;
    static final int EF_READS_FROM_FD = 1 << 3;
    static final int EF_WRITES_TO_FD = 1 << 4;
    static final int EF_WAITS = 1 << 7;
    static final int EF_SKIPPARSERESET = 1 << 8;

    // PPM_O_* and PPM_S_* bits of open flags and modes
    private static final long O_RDONLY = 1;
    private static final long O_WRONLY = 1 << 1;
    private static final long O_CREAT = 1 << 2;
    private static final long O_TMPFILE = 1 << 13;
    private static final long S_IXANY = (1 << 6) | (1 << 3) | 1;

    private EventFields() {
    }

    static void register(FieldRegistry r) {
        numeric(r, "evt.num", FieldType.UINT64, "event number", c -> c.event().number());
        simple(r, "evt.time", FieldType.CHARBUF, "event time, with nanoseconds",
                c -> Times.time(c.event().ts(), c.zone()));
        simple(r, "evt.time.s", FieldType.CHARBUF, "event time, whole seconds",
                c -> Times.timeSeconds(c.event().ts(), c.zone()));
        simple(r, "evt.time.iso8601", FieldType.CHARBUF, "event time in ISO 8601, UTC, with nanoseconds",
                c -> Times.iso8601(c.event().ts()));
        simple(r, "evt.datetime", FieldType.CHARBUF, "event date and time, with nanoseconds",
                c -> Times.dateTime(c.event().ts(), c.zone()));
        simple(r, "evt.datetime.s", FieldType.CHARBUF, "event date and time, whole seconds",
                c -> Times.dateTimeSeconds(c.event().ts(), c.zone()));
        simple(r, "evt.rawtime", FieldType.ABSTIME, "event time in nanoseconds since the epoch",
                c -> Long.toString(c.event().ts()));
        simple(r, "evt.rawtime.s", FieldType.ABSTIME, "whole seconds of the event time since the epoch",
                c -> Long.toString(c.event().ts() / NS));
        simple(r, "evt.rawtime.ns", FieldType.ABSTIME, "nanosecond part of the event time",
                c -> Times.padded(c.event().ts() % NS));
        simple(r, "evt.reltime", FieldType.RELTIME, "nanoseconds since the start of the capture",
                c -> Times.padded(c.event().ts() - c.capture().firstTs()));
        simple(r, "evt.reltime.s", FieldType.RELTIME, "whole seconds since the start of the capture",
                c -> Long.toString((c.event().ts() - c.capture().firstTs()) / NS));
        simple(r, "evt.reltime.ns", FieldType.RELTIME, "nanosecond part of the time since the start of the capture",
                c -> Times.padded((c.event().ts() - c.capture().firstTs()) % NS));
        r.add("evt", new FieldInfo("evt.outputtime", FieldType.CHARBUF, "event time as the default output shows it"
                + " (sysdig's -t chooses which)", NONE), (info, arg) -> new OutputTime(info, TextOptions.TimeType.HUMAN));
        simple(r, "evt.pluginname", FieldType.CHARBUF, "name of the plugin that generated the event",
                c -> null);
        simple(r, "evt.plugininfo", FieldType.CHARBUF, "summary of the plugin event, as its plugin writes it",
                c -> null);
        numeric(r, "evt.latency", FieldType.RELTIME, "nanoseconds from the enter event to this exit event",
                c -> latency(c) < 0 ? BoundField.NO_NUMBER : latency(c));
        numeric(r, "evt.latency.s", FieldType.RELTIME, "whole seconds of the latency",
                c -> latency(c) < 0 ? BoundField.NO_NUMBER : latency(c) / NS);
        simple(r, "evt.latency.ns", FieldType.RELTIME, "nanosecond part of the latency",
                c -> latency(c) < 0 ? null : Times.padded(latency(c) % NS));
        r.add("evt", new FieldInfo("evt.latency.human", FieldType.CHARBUF,
                "the latency as a short text, such as 10.3ms", NONE), (info, arg) -> new HumanLatency(info));
        delta(r, "evt.deltatime", "nanoseconds since the previous event shown", 0);
        delta(r, "evt.deltatime.s", "whole seconds since the previous event shown", 1);
        delta(r, "evt.deltatime.ns", "nanosecond part of the time since the previous event shown", 2);
        simple(r, "evt.dir", FieldType.CHARBUF, "'>' for an enter event, '<' for an exit event",
                c -> c.event().isEnter() ? ">" : "<");
        simple(r, "evt.type", FieldType.CHARBUF, "event name, such as open or connect", c -> typeName(c.event()));
        r.add("evt", new FieldInfo("evt.type.is", FieldType.UINT32,
                "1 for events of the named type (evt.type.is.open), else 0", REQUIRED_NAME),
                (info, arg) -> {
                    boolean[] types = typeIsTypes(arg);
                    return new Simple(info, c -> types[c.event().type()] ? "1" : "0") {
                        @Override
                        public long number(FieldContext ctx) {
                            return types[ctx.event().type()] ? 1 : 0;
                        }

                        @Override
                        public String printed(FieldContext ctx) {
                            return null; // sysdig 0.29.3 has no print form for it: <NA>
                        }
                    };
                });
        r.add("evt", new FieldInfo("syscall.type", FieldType.CHARBUF,
                "the system call of a system call event; none for other events", NONE),
                (info, arg) -> new Simple(info, EventFields::syscallType));
        r.valuesOnlyOn("syscall.type", EventFields::isSyscall);
        simple(r, "evt.category", FieldType.CHARBUF, "the event category: file, net, memory, process, ...",
                EventFields::category);
        numeric(r, "evt.cpu", FieldType.INT16, "CPU that recorded the event", c -> c.event().cpu());
        r.add("evt", new FieldInfo("evt.args", FieldType.CHARBUF, "all the arguments of the event, as name=value",
                NONE), (info, arg) -> new ParamField(info, ParamField.ARGS, -1, null, TextOptions.DEFAULT));
        r.add("evt", new FieldInfo("evt.arg", FieldType.CHARBUF,
                "one argument of the event by number or name (evt.arg[0], evt.arg.fd), resolved to text where "
                        + "possible", INDEX_OR_NAME), EventFields::bindArg);
        r.add("evt", new FieldInfo("evt.rawarg", FieldType.CHARBUF,
                "an argument of the event by name, as its raw value (evt.rawarg.fd)", NAME), (info, arg) -> {
                    if (arg == null || arg.isEmpty()) {
                        throw new FieldException("evt.rawarg needs an argument name, as in evt.rawarg.fd");
                    }
                    return new Simple(info, c -> {
                        int i = c.event().paramIndex(arg);
                        return i < 0 ? null : ParamText.raw(c.event(), i);
                    });
                });
        r.add("evt", new FieldInfo("evt.info", FieldType.CHARBUF,
                "the arguments as evt.args shows them, or what a decoder makes of them (syslog writes)", NONE),
                (info, arg) -> new ParamField(info, ParamField.INFO, -1, null, TextOptions.DEFAULT));
        r.add("evt", new FieldInfo("evt.buffer", FieldType.BYTEBUF, "the data buffer of a read or write", NONE),
                (info, arg) -> new ParamField(info, ParamField.BUFFER, -1, "data", TextOptions.DEFAULT));
        numeric(r, "evt.buflen", FieldType.UINT64, "bytes read or written by an I/O event", EventFields::bufferBytes);
        // what views sum: bytes by direction and by kind of descriptor
        ioBytes(r, "evt.buflen.in", "bytes read by an I/O event", false, true, false, false);
        ioBytes(r, "evt.buflen.out", "bytes written by an I/O event", false, false, true, false);
        ioBytes(r, "evt.buflen.file", "bytes read or written on a file", true, false, false, false);
        ioBytes(r, "evt.buflen.file.in", "bytes read from a file", true, true, false, false);
        ioBytes(r, "evt.buflen.file.out", "bytes written to a file", true, false, true, false);
        ioBytes(r, "evt.buflen.net", "bytes read or written on a network socket", false, false, false, true);
        ioBytes(r, "evt.buflen.net.in", "bytes read from a network socket", false, true, false, true);
        ioBytes(r, "evt.buflen.net.out", "bytes written to a network socket", false, false, true, true);
        r.addTableOnly("evt", new FieldInfo("evt.count.procinfo", FieldType.UINT32,
                "1 for the CPU-usage records of a process's main thread", NONE), (info, arg) -> new Numeric(info, c -> {
                    if (c.event().type() != EventTypes.PROCINFO_E) {
                        return BoundField.NO_NUMBER;
                    }
                    ThreadInfo t = c.thread();
                    return t != null && t.isMainThread() ? 1 : BoundField.NO_NUMBER;
                }));
        infra(r, "evt.infra.docker.name", "the kind of a docker infrastructure event", "Event");
        infra(r, "evt.infra.docker.container.id", "the container a docker infrastructure event is about", "ID");
        infra(r, "evt.infra.docker.container.name", "the name of the container a docker event is about", "name");
        infra(r, "evt.infra.docker.container.image", "the image of the container a docker event is about", "Image");
        r.addTableOnly("evt", new FieldInfo("evt.count.threadinfo", FieldType.UINT32,
                "1 for the CPU-usage records of every thread", NONE),
                (info, arg) -> new Numeric(info, c -> c.event().type() == EventTypes.PROCINFO_E ? 1 : BoundField.NO_NUMBER));
        simple(r, "evt.res", FieldType.CHARBUF,
                "result as text: SUCCESS, or the error name (ENOENT, ...) when the call failed", EventFields::res);
        // a number read as one: filters test evt.rawres >= 0 on most I/O events
        numeric(r, "evt.rawres", FieldType.INT64, "result as a number (-2 for ENOENT)", c -> {
            int i = resultParam(c.event());
            return i < 0 ? BoundField.NO_NUMBER : c.event().paramAsLong(i);
        });
        r.valuesOnlyOn("evt.res", EventFields::hasResult);
        r.valuesOnlyOn("evt.rawres", EventFields::hasResult);
        simple(r, "evt.failed", FieldType.BOOL, "true when the call returned an error", c -> {
            int i = resultParam(c.event());
            return i >= 0 && c.event().paramAsLong(i) < 0 ? "true" : "false";
        });
        simple(r, "evt.is_io", FieldType.BOOL, "true for events that read or write a descriptor",
                c -> bool((flags(c) & (EF_READS_FROM_FD | EF_WRITES_TO_FD)) != 0));
        simple(r, "evt.is_io_read", FieldType.BOOL, "true for events that read from a descriptor",
                c -> bool((flags(c) & EF_READS_FROM_FD) != 0));
        simple(r, "evt.is_io_write", FieldType.BOOL, "true for events that write to a descriptor",
                c -> bool((flags(c) & EF_WRITES_TO_FD) != 0));
        simple(r, "evt.io_dir", FieldType.CHARBUF, "read or write, for I/O events", c -> {
            int f = flags(c);
            return (f & EF_WRITES_TO_FD) != 0 ? "write" : (f & EF_READS_FROM_FD) != 0 ? "read" : null;
        });
        simple(r, "evt.is_wait", FieldType.BOOL, "true for events that make the thread wait (sleep, select, poll)",
                c -> bool((flags(c) & EF_WAITS) != 0));
        simple(r, "evt.wait_latency", FieldType.RELTIME, "nanoseconds a waiting event waited", c -> {
            if ((flags(c) & EF_WAITS) == 0 || c.event().isEnter()) {
                return null;
            }
            ThreadInfo t = c.state().thread();
            return Long.toUnsignedString(t == null ? 0 : t.latency());
        });
        simple(r, "evt.is_syslog", FieldType.BOOL, "true for writes to /dev/log",
                c -> bool((flags(c) & EF_WRITES_TO_FD) != 0 && Syslog.isLogFd(c.fd())));
        numeric(r, "evt.count", FieldType.UINT32, "1 for every event, to count them", c -> 1);
        numeric(r, "evt.count.error", FieldType.UINT32, "1 for events that failed", EventFields::errorCount);
        numeric(r, "evt.count.error.file", FieldType.UINT32, "1 for failed events on files",
                EventFields::fileErrorCount);
        numeric(r, "evt.count.error.net", FieldType.UINT32, "1 for failed events on network sockets",
                EventFields::netErrorCount);
        numeric(r, "evt.count.error.memory", FieldType.UINT32, "1 for failed memory events",
                c -> category(c.event()) == SysdigTable.EC_MEMORY ? errorCount(c) : BoundField.NO_NUMBER);
        numeric(r, "evt.count.error.other", FieldType.UINT32, "1 for failed events of no category above",
                EventFields::otherErrorCount);
        numeric(r, "evt.count.exit", FieldType.UINT32, "1 for exit events", c -> c.event().isEnter() ? BoundField.NO_NUMBER : 1);
        r.addFilterOnly("evt", new FieldInfo("evt.around", FieldType.UINT64,
                "events within D milliseconds of time T, as evt.around[T]=D (filters only)", INDEX));
        r.add("evt", new FieldInfo("evt.abspath", FieldType.CHARBUF,
                "absolute path from a directory descriptor and a relative path (evt.abspath.src, evt.abspath.dst)",
                NAME), EventFields::bindAbsPath);
        simple(r, "evt.is_open_read", FieldType.BOOL, "true for opens of a file for reading",
                c -> openTest(c, 0));
        simple(r, "evt.is_open_write", FieldType.BOOL, "true for opens of a file for writing",
                c -> openTest(c, 1));
        simple(r, "evt.is_open_exec", FieldType.BOOL, "true for opens that create a file with execute permission",
                c -> openTest(c, 2));
    }

    private static void simple(FieldRegistry r, String name, FieldType type, String description,
                               Function<FieldContext, String> extractor) {
        FieldInfo info = new FieldInfo(name, type, description, NONE);
        r.add(name.substring(0, name.indexOf('.')), info, (i, arg) -> new Simple(i, extractor));
    }

    /** The event name; a generic system call is named by the syscall it records. */
    static String typeName(ScapEvent e) {
        int type = e.type();
        if ((type == EventTypes.GENERIC_E || type == EventTypes.GENERIC_X) && e.paramCount() > 0) {
            // named from 0.29.3's syscall table; past its end sysdig reads no name
            return TABLE.syscallName((int) ParamText.fixed(e, 0, 0, 2, false));
        }
        return TABLE.typeName(type);
    }

    /** The parameter holding the result: {@code res}, or {@code fd} on the exit of a call that creates one; -1 if none. */
    static int resultParam(ScapEvent e) {
        int i = resultIndex(e.info(), e.isEnter());
        return i >= 0 && i < e.paramCount() ? i : -1;
    }

    /** Whether events of a type can carry a result ({@link #resultParam}). */
    private static boolean hasResult(int type) {
        return resultIndex(SCHEMA.event(type), EventTypes.isEnter(type)) >= 0;
    }

    /**
     * Where a type keeps its result among its parameters: {@code res}, or the new descriptor of an
     * exit that creates one; -1 when it has none.
     */
    private static int resultIndex(EventInfo info, boolean enter) {
        if (info == null) {
            return -1;
        }
        int i = info.paramIndex("res");
        if (i >= 0) {
            return i;
        }
        return !enter && (info.flags() & EventInfo.EF_CREATES_FD) != 0 ? info.paramIndex("fd") : -1;
    }

    private static String res(FieldContext c) {
        ScapEvent e = c.event();
        int i = resultParam(e);
        if (i < 0) {
            return null;
        }
        long v = e.paramAsLong(i);
        if (v >= 0) {
            return "SUCCESS";
        }
        String name = SystemNames.errno(-v);
        return name != null ? name : Long.toString(v);
    }

    /** {@code evt.buflen}: the result of a successful read or write on a known descriptor. */
    /**
     * A part of a docker infrastructure event's description ({@code Event: start; ID: 3f2...; name: web;
     * Image: nginx@sha256:...}), found by the word it starts with, as libsinsp reads it: the text after
     * its first colon and before the next (an id cut to 12 characters; an image before any {@code @}).
     */
    private static void infra(FieldRegistry r, String name, String description, String prefix) {
        r.addTableOnly("evt", new FieldInfo(name, FieldType.CHARBUF, description, NONE), (info, arg) -> new Simple(info, c -> {
            ScapEvent e = c.event();
            if (e.type() != EventTypes.INFRASTRUCTURE_EVENT_E || e.paramCount() < 3) {
                return null;
            }
            for (String part : e.paramAsString(2).split(";")) {
                String item = part.strip();
                if (!item.startsWith(prefix)) {
                    continue;
                }
                String[] sub = item.split(":", -1);
                if (sub.length < 2) {
                    return null;
                }
                switch (prefix) {
                    case "ID": {
                        String id = sub[1].strip();
                        return id.length() > 12 ? id.substring(0, 12) : id;
                    }
                    case "Image": {
                        String image = sub[1];
                        if (image.contains("@")) {
                            image = image.substring(0, image.indexOf('@'));
                        } else if (image.contains("sha256")) {
                            image = item.substring(item.indexOf(':') + 1);
                        }
                        return image.strip();
                    }
                    default:
                        return sub[1].strip();
                }
            }
            return null;
        }));
    }

    /**
     * A table-only byte count: {@link #bufferBytes} for reads ({@code in}), writes ({@code out}) or
     * both, on files ({@code file}), on IP sockets ({@code net}) or on any descriptor.
     */
    private static void ioBytes(FieldRegistry r, String name, String description, boolean file, boolean in,
                                boolean out, boolean net) {
        r.addTableOnly("evt", new FieldInfo(name, FieldType.UINT64, description, NONE), (info, arg) -> new Numeric(info, c -> {
            FdInfo fd = c.fd();
            if (fd == null) {
                return BoundField.NO_NUMBER;
            }
            int category = category(c.event());
            if (in ? category != SysdigTable.EC_IO_READ : out ? category != SysdigTable.EC_IO_WRITE
                    : (category & SysdigTable.EC_IO_BASE) == 0) {
                return BoundField.NO_NUMBER;
            }
            int t = fd.type();
            if (file && t != FdRecord.FILE && t != FdRecord.FILE_V2) {
                return BoundField.NO_NUMBER;
            }
            if (net && (t < FdRecord.IPV4_SOCK || t > FdRecord.IPV6_SERVSOCK)) {
                return BoundField.NO_NUMBER;
            }
            return bufferBytes(c);
        }));
    }

    /** The bytes an I/O exit moved (its result), or {@link BoundField#NO_NUMBER}. */
    private static long bufferBytes(FieldContext c) {
        ScapEvent e = c.event();
        if (c.fd() == null || (category(e) & SysdigTable.EC_IO_BASE) == 0 || e.isEnter() || e.paramCount() == 0) {
            return BoundField.NO_NUMBER;
        }
        long v = ParamText.fixed(e, 0, 0, 8, true);
        return v >= 0 ? v : BoundField.NO_NUMBER;
    }

    private static void delta(FieldRegistry r, String name, String description, int part) {
        r.add("evt", new FieldInfo(name, FieldType.RELTIME, description, NONE), (info, arg) -> new Delta(info, part));
    }

    /**
     * The event types {@code evt.type.is.X} is 1 for: type number X, or as sysdig 0.29.3 reads a
     * name, the first type of that name in its table and the one after it (its exit).
     */
    static boolean[] typeIsTypes(String arg) throws FieldException {
        boolean[] types = new boolean[1 << 16];
        if (!arg.isEmpty() && arg.length() < 6 && arg.chars().allMatch(Character::isDigit)) {
            int t = Integer.parseInt(arg);
            if (t < types.length) {
                types[t] = true;
            }
            return types;
        }
        for (int t = 0; t < SCHEMA.size(); t++) {
            if (arg.equals(TABLE.typeName(t))) {
                types[t] = true;
                if (t + 1 < types.length) {
                    types[t + 1] = true;
                }
                return types;
            }
        }
        throw new FieldException("there is no event type `" + arg + "` for evt.type.is");
    }

    /** The 0.29.3 description of the current event, null for a type no table knows. */
    static SysdigTable.Event sysdigEvent(ScapEvent e) {
        return TABLE.event(e.type());
    }

    /** The event's {@code EF_*} flags in 0.29.3's table. */
    static int flags(FieldContext c) {
        SysdigTable.Event ev = sysdigEvent(c.event());
        return ev == null ? 0 : ev.flags();
    }

    /** The event's category in 0.29.3's table, as {@code sinsp_evt::get_category()} returns it. */
    static int category(ScapEvent e) {
        SysdigTable.Event ev = sysdigEvent(e);
        return ev == null ? SysdigTable.EC_UNKNOWN : ev.category();
    }

    static String bool(boolean b) {
        return b ? "true" : "false";
    }

    private static boolean isGeneric(ScapEvent e) {
        return e.type() == EventTypes.GENERIC_E || e.type() == EventTypes.GENERIC_X;
    }

    /** {@code syscall.type}: the event or syscall name, except for events that keep out of the parser's way. */
    private static String syscallType(FieldContext c) {
        ScapEvent e = c.event();
        return isSyscall(e.type()) ? typeName(e) : null;
    }

    /** Whether events of a type stand for a system call (what {@code syscall.type} names). */
    private static boolean isSyscall(int type) {
        // libsinsp tests the flags against EC_INTERNAL (256), which as a flag is EF_SKIPPARSERESET
        return type != SCHEDSWITCH_6_E && (TABLE.flags(type) & EF_SKIPPARSERESET) == 0;
    }

    /** {@code evt.category}: the category name; I/O events are named by the kind of their descriptor. */
    private static String category(FieldContext c) {
        ScapEvent e = c.event();
        int cat;
        String io = "unknown";
        if (isGeneric(e)) {
            if (e.paramCount() == 0) {
                return "unknown";
            }
            int code = (int) ParamText.fixed(e, 0, 0, 2, false);
            if (code >= TABLE.syscallCount()) {
                return "unknown";
            }
            cat = TABLE.syscallCategory(code);
        } else {
            cat = category(e);
            FdInfo fd = c.fd();
            if ((cat & SysdigTable.EC_IO_BASE) != 0 && fd != null) {
                switch (fd.type()) {
                    case FdRecord.FILE: case FdRecord.FILE_V2: case FdRecord.DIRECTORY:
                        io = "file";
                        break;
                    case FdRecord.IPV4_SOCK: case FdRecord.IPV6_SOCK: case FdRecord.IPV4_SERVSOCK: case FdRecord.IPV6_SERVSOCK:
                        io = "net";
                        break;
                    case FdRecord.FIFO: case FdRecord.UNIX_SOCK: case FdRecord.EVENT: case FdRecord.SIGNALFD:
                    case FdRecord.INOTIFY:
                        io = "ipc";
                        break;
                    default:
                        break;
                }
            }
        }
        switch (cat) {
            case 0: return "unknown";
            case 1: return "other";
            case 2: return "file";
            case 3: return "net";
            case 4: return "IPC";
            case 5: return "memory";
            case 6: return "process";
            case 7: return "sleep";
            case 8: return "system";
            case 9: return "signal";
            case 10: return "user";
            case 11: return "time";
            case 12: return "processing";
            case 32: case 33: case 34: return io;
            case 64: return "wait";
            case 128: return "scheduler";
            default: return "unknown";
        }
    }

    /** The value of a 64-bit parameter named {@code name} in 0.29.3's table, or null when the event lacks it. */
    private static Long namedParam(ScapEvent e, String name) {
        SysdigTable.Event ev = sysdigEvent(e);
        if (ev == null) {
            return null;
        }
        int i = ev.paramIndex(name, ParamText.paramCount(e, ev));
        return i < 0 ? null : ParamText.fixed(e, i, 0, 8, true);
    }

    /** {@code evt.count.error}: 1 when the result (res, or the new fd) is an error. */
    private static long errorCount(FieldContext c) {
        ScapEvent e = c.event();
        Long res = namedParam(e, "res");
        if (res != null) {
            return res < 0 ? 1 : BoundField.NO_NUMBER;
        }
        if ((flags(c) & EF_CREATES_FD) != 0 && !e.isEnter()) {
            Long fd = namedParam(e, "fd");
            if (fd != null && fd < 0) {
                return 1;
            }
        }
        return BoundField.NO_NUMBER;
    }

    private static boolean isFileOpen(int type) {
        return type == OPEN_X || type == CREAT_X || type == OPENAT_X || type == OPENAT_2_X || type == OPENAT2_X;
    }

    private static boolean isNetCreate(int type) {
        return type == ACCEPT_X || type == ACCEPT_5_X || type == ACCEPT4_X || type == ACCEPT4_5_X || type == CONNECT_X;
    }

    private static boolean isFileFd(FdInfo fd) {
        return fd.type() == FdRecord.FILE || fd.type() == FdRecord.FILE_V2 || fd.type() == FdRecord.DIRECTORY;
    }

    private static boolean isNetFd(FdInfo fd) {
        int t = fd.type();
        return t == FdRecord.IPV4_SOCK || t == FdRecord.IPV6_SOCK || t == FdRecord.IPV4_SERVSOCK || t == FdRecord.IPV6_SERVSOCK
                || t == FdRecord.UNIX_SOCK;
    }

    private static long fileErrorCount(FieldContext c) {
        FdInfo fd = c.fd();
        if (fd != null ? isFileFd(fd) : isFileOpen(c.event().type())) {
            return errorCount(c);
        }
        return BoundField.NO_NUMBER;
    }

    private static long netErrorCount(FieldContext c) {
        FdInfo fd = c.fd();
        if (fd != null ? isNetFd(fd) : isNetCreate(c.event().type())) {
            return errorCount(c);
        }
        return BoundField.NO_NUMBER;
    }

    private static long otherErrorCount(FieldContext c) {
        FdInfo fd = c.fd();
        int type = c.event().type();
        boolean other = fd != null ? !isFileFd(fd) && !isNetFd(fd)
                : !(isFileOpen(type) || isNetCreate(type) || category(c.event()) == SysdigTable.EC_MEMORY);
        return other ? errorCount(c) : BoundField.NO_NUMBER;
    }

    /** {@code evt.is_open_read} (0), {@code _write} (1), {@code _exec} (2) of open events. */
    private static String openTest(FieldContext c, int which) {
        ScapEvent e = c.event();
        int type = e.type();
        SysdigTable.Event ev = sysdigEvent(e);
        int n = ParamText.paramCount(e, ev);
        boolean result = false;
        if (type == OPEN_X || type == OPENAT_E || type == OPENAT_2_X || type == OPENAT2_X) {
            int flagsAt = type == OPENAT_2_X || type == OPENAT2_X ? 3 : 2;
            if (flagsAt < n) {
                long flags = ParamText.fixed(e, flagsAt, 0, 4, false);
                if (which == 0) {
                    result = (flags & O_RDONLY) != 0;
                } else if (which == 1) {
                    result = (flags & O_WRONLY) != 0;
                } else if ((flags & (O_TMPFILE | O_CREAT)) != 0 && flagsAt + 1 < n) {
                    result = (ParamText.fixed(e, flagsAt + 1, 0, 4, false) & S_IXANY) != 0;
                }
            }
        } else if (which == 2 && type == CREAT_X && n > 2) {
            result = (ParamText.fixed(e, 2, 0, 4, false) & S_IXANY) != 0;
        }
        return bool(result);
    }

    /** {@code evt.arg[N]} or {@code evt.arg.NAME}. */
    private static BoundField bindArg(FieldInfo info, String arg) throws FieldException {
        if (arg == null || arg.isEmpty()) {
            throw new FieldException("evt.arg needs an argument, as in evt.arg[0] or evt.arg.fd");
        }
        if (arg.chars().allMatch(Character::isDigit)) {
            try {
                return new ParamField(info, ParamField.ARG, Integer.parseInt(arg), null, TextOptions.DEFAULT);
            } catch (NumberFormatException e) {
                throw new FieldException("evt.arg index " + arg + " is too large");
            }
        }
        if (!TABLE.isParamName(arg)) {
            throw new FieldException("unknown event argument " + arg);
        }
        return new ParamField(info, ParamField.ARG, -1, arg, TextOptions.DEFAULT);
    }

    /** {@code evt.abspath}, {@code evt.abspath.src} or {@code evt.abspath.dst}. */
    private static BoundField bindAbsPath(FieldInfo info, String arg) throws FieldException {
        int which;
        if (arg == null) {
            which = 0;
        } else if (arg.equals("src")) {
            which = 1;
        } else if (arg.equals("dst")) {
            which = 2;
        } else {
            throw new FieldException("evt.abspath takes .src or .dst, not ." + arg);
        }
        return new Simple(info, c -> absPath(c, which));
    }

    /** The absolute path of the path argument of a *at call, from its directory descriptor. */
    private static String absPath(FieldContext c, int which) {
        ThreadInfo t = c.state().thread();
        if (t == null) {
            return null;
        }
        ScapEvent e = c.event();
        int type = e.type();
        String dirArg = null;
        String pathArg = null;
        if (type == RENAMEAT_X || type == RENAMEAT2_X) {
            dirArg = which == 2 ? "newdirfd" : "olddirfd";
            pathArg = which == 2 ? "newpath" : "oldpath";
        } else if (type == SYMLINKAT_X) {
            dirArg = "linkdirfd";
            pathArg = "linkpath";
        } else if (type == OPENAT_E || type == OPENAT_2_X || type == OPENAT2_X || type == UNLINKAT_E
                || type == UNLINKAT_2_X) {
            dirArg = "dirfd";
            pathArg = "name";
        } else if (type == LINKAT_E || type == LINKAT_2_X) {
            dirArg = which == 2 ? "newdir" : "olddir";
            pathArg = which == 2 ? "newpath" : "oldpath";
        } else if (type == MKDIRAT_X) {
            dirArg = "dirfd";
            pathArg = "path";
        } else if (type == FCHMODAT_X) {
            dirArg = "dirfd";
            pathArg = "filename";
        }
        if (dirArg == null) {
            return null;
        }
        SysdigTable.Event ev = sysdigEvent(e);
        int n = ParamText.paramCount(e, ev);
        int dirIndex = ev.paramIndex(dirArg, n);
        int pathIndex = ev.paramIndex(pathArg, n);
        if (dirIndex < 0 || pathIndex < 0) {
            return null;
        }
        long dirfd = ParamText.fixed(e, dirIndex, 0, 8, true);
        String path = e.paramAsString(pathIndex);
        String dir;
        if (!path.isEmpty() && path.charAt(0) == '/') {
            dir = ".";
        } else if (dirfd == ParamText.AT_FDCWD) {
            dir = t.cwd();
        } else {
            FdInfo fd = t.fd(dirfd);
            // libsinsp means to add a '/' only when the name lacks one, but tests past its end: it always adds one
            dir = fd == null ? "<UNKNOWN>/" : fd.name() + "/";
        }
        if (path.isEmpty() && e.paramLength(pathIndex) > 0) {
            return org.scapscope.state.FilePaths.concatenate(dir, "./");
        }
        return org.scapscope.state.FilePaths.concatenate(dir, path);
    }

    /** The latency of the current event, 0 without a thread, -1 for internal events (no latency at all). */
    static long latency(FieldContext c) {
        ThreadInfo t = c.thread();
        if (t == null) {
            return 0;
        }
        return isInternal(c.event()) ? -1 : t.latency();
    }

    /** Whether the event is one of the capture's internal records, by sysdig 0.29.3's table where it knows the type. */
    private static boolean isInternal(ScapEvent e) {
        SysdigTable.Event ev = sysdigEvent(e);
        if (ev != null) {
            return (ev.category() & SysdigTable.EC_INTERNAL) != 0;
        }
        EventInfo info = e.info();
        return info != null && info.isInternal();
    }

    /** {@code evt.latency.human}: like libsinsp, it repeats its last text for an event without a thread. */
    static final class HumanLatency implements BoundField {
        private final FieldInfo info;
        private String last = "";

        HumanLatency(FieldInfo info) {
            this.info = info;
        }

        @Override
        public FieldInfo info() {
            return info;
        }

        @Override
        public String text(FieldContext c) {
            ThreadInfo t = c.state().thread();
            if (t == null) {
                return last;
            }
            if ((category(c.event()) & SysdigTable.EC_INTERNAL) != 0) {
                return null;
            }
            last = humanTime(t.latency());
            return last;
        }
    }

    /** A duration as sysdig's short form: 12ns, 2.58us, 10ms, 1.50s, 2:03, 01:02:03. */
    static String humanTime(long ns) {
        long v = ns;
        long s = NS;
        if (Long.compareUnsigned(v, 3600 * s) >= 0) {
            return two(v / (3600 * s)) + ":" + two((v / (60 * s)) % 60) + ":" + two((v / s) % 60);
        } else if (v >= 60 * s) {
            return (v / (60 * s)) + ":" + ((v / s) % 60);
        } else if (v >= s) {
            return (v / s) + "." + two((v % s) / 10_000_000) + "s";
        } else if (v >= s / 100) {
            return (v / 1_000_000) + "ms";
        } else if (v >= s / 1000) {
            return (v / 1_000_000) + "." + two((v % 1_000_000) / 10_000) + "ms";
        } else if (v >= s / 100_000) {
            return (v / 1000) + "us";
        } else if (v >= s / 1_000_000) {
            return (v / 1000) + "." + two((v % 1000) / 10) + "us";
        }
        return v + "ns";
    }

    private static String two(long v) {
        return v < 10 ? "0" + v : Long.toString(v);
    }

    /**
     * {@code evt.deltatime} and its parts: the time since the previous event this field was
     * extracted for (each field in a format keeps its own, as in libsinsp); 0 for the first.
     */
    static final class Delta implements BoundField {
        private final FieldInfo info;
        private final int part;
        private final SincePrevious since = new SincePrevious();

        Delta(FieldInfo info, int part) {
            this.info = info;
            this.part = part;
        }

        @Override
        public FieldInfo info() {
            return info;
        }

        @Override
        public String text(FieldContext c) {
            long delta = since.next(c.event().ts());
            switch (part) {
                case 1: return Long.toUnsignedString(Long.divideUnsigned(delta, NS));
                case 2: return Times.padded(Long.remainderUnsigned(delta, NS));
                default: return Long.toUnsignedString(delta);
            }
        }
    }

    /** The time since the previous event a field was extracted for, 0 for the first: each field keeps its own. */
    static final class SincePrevious {
        private long previous;

        long next(long ts) {
            long delta = previous == 0 ? 0 : ts - previous;
            previous = ts;
            return delta;
        }
    }

    /**
     * {@code evt.outputtime}: the time the default output shows, as {@code -t} chooses it. The delta
     * since the previous event is, as {@code evt.deltatime}'s, since the previous line this field wrote.
     */
    static final class OutputTime implements BoundField, TextOptionsAware {
        private final FieldInfo info;
        private final TextOptions.TimeType type;
        private final SincePrevious since = new SincePrevious();

        OutputTime(FieldInfo info, TextOptions.TimeType type) {
            this.info = info;
            this.type = type;
        }

        @Override
        public BoundField withTextOptions(TextOptions options) {
            return new OutputTime(info, options.time());
        }

        @Override
        public FieldInfo info() {
            return info;
        }

        @Override
        public String text(FieldContext c) {
            long ts = c.event().ts();
            switch (type) {
                case ABSOLUTE:
                    return Times.seconds(ts);
                case RELATIVE:
                    return Times.seconds(ts - c.capture().firstTs());
                case LATENCY: {
                    // the thread's last latency, as sysdig shows it: 0 after an enter event, and after a
                    // switch (which has no exit) the latency of the call before it
                    ThreadInfo t = c.thread();
                    return Times.seconds(t == null ? 0 : Math.max(0, t.latency()));
                }
                case DELTA:
                    return Times.seconds(since.next(ts));
                default:
                    return Times.time(ts, c.zone());
            }
        }
    }

    /**
     * The fields that format parameters: {@code evt.args}, {@code evt.info}, {@code evt.arg} and
     * {@code evt.buffer}. Each keeps a formatter per thread: one compiled filter is tested by the
     * parts of a capture read at once.
     */
    static final class ParamField implements BoundField, TextOptionsAware {
        static final int ARGS = 0;
        static final int INFO = 1;
        static final int ARG = 2;
        static final int BUFFER = 3;

        private final FieldInfo info;
        private final int kind;
        private final int index;
        private final String name;
        private final ThreadLocal<ParamText.Formatter> formatters;

        ParamField(FieldInfo info, int kind, int index, String name, TextOptions options) {
            this.info = info;
            this.kind = kind;
            this.index = index;
            this.name = name;
            this.formatters = ThreadLocal.withInitial(() -> new ParamText.Formatter(options));
        }

        @Override
        public BoundField withTextOptions(TextOptions options) {
            return new ParamField(info, kind, index, name, options);
        }

        @Override
        public FieldInfo info() {
            return info;
        }

        @Override
        public String text(FieldContext c) {
            ScapEvent e = c.event();
            ParamText.Formatter formatter = formatters.get();
            switch (kind) {
                case INFO: {
                    String line = Syslog.infoLine(c);
                    return line != null ? line : ParamText.args(c, formatter);
                }
                case ARGS:
                    return ParamText.args(c, formatter);
                default:
                    break;
            }
            SysdigTable.Event ev = sysdigEvent(e);
            int n = ParamText.paramCount(e, ev);
            int i = index >= 0 ? index : ev == null ? -1 : ev.paramIndex(name, n);
            if (i < 0 || i >= n) {
                return null;
            }
            formatter.format(c, ev, i);
            return kind == BUFFER ? formatter.value.toString() : formatter.shown();
        }
    }

    /** A field computed by one function of the context. */
    /** An integer field computed as a number; its text is the number's. */
    static final class Numeric implements BoundField {
        private final FieldInfo info;
        private final java.util.function.ToLongFunction<FieldContext> extractor;
        private final boolean unsigned;

        Numeric(FieldInfo info, java.util.function.ToLongFunction<FieldContext> extractor) {
            this.info = info;
            this.extractor = extractor;
            this.unsigned = info.type().name().startsWith("UINT") || info.type() == FieldType.RELTIME;
        }

        @Override
        public FieldInfo info() {
            return info;
        }

        @Override
        public long number(FieldContext ctx) {
            return extractor.applyAsLong(ctx);
        }

        @Override
        public String text(FieldContext ctx) {
            long v = extractor.applyAsLong(ctx);
            return v == NO_NUMBER ? null : unsigned ? Long.toUnsignedString(v) : Long.toString(v);
        }
    }

    static void numeric(FieldRegistry r, String name, FieldType type, String description,
                        java.util.function.ToLongFunction<FieldContext> extractor) {
        FieldInfo info = new FieldInfo(name, type, description, NONE);
        Numeric field = new Numeric(info, extractor);
        r.add(name.substring(0, name.indexOf('.')), info, (i, arg) -> field);
    }

    static class Simple implements BoundField {
        private final FieldInfo info;
        private final Function<FieldContext, String> extractor;

        Simple(FieldInfo info, Function<FieldContext, String> extractor) {
            this.info = info;
            this.extractor = extractor;
        }

        @Override
        public FieldInfo info() {
            return info;
        }

        @Override
        public String text(FieldContext ctx) {
            return extractor.apply(ctx);
        }
    }

    static ParamInfo paramInfo(ScapEvent e, int i) {
        return e.paramInfo(i);
    }
}
