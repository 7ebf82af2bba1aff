package org.scapscope.field;

import static org.scapscope.field.FieldInfo.Argument.NAME;
import static org.scapscope.field.FieldInfo.Argument.NONE;

import java.util.function.Function;
import org.scapscope.scap.EventInfo;
import org.scapscope.scap.EventSchema;
import org.scapscope.scap.EventTypes;
import org.scapscope.scap.ParamInfo;
import org.scapscope.scap.ScapEvent;
import org.scapscope.scap.SystemNames;

/** The {@code evt} field class: what an event says by itself. */
final class EventFields {
    private static final long NS = 1_000_000_000L;
    private static final EventSchema SCHEMA = EventSchema.get();

    private EventFields() {
    }

    static void register(FieldRegistry r) {
        simple(r, "evt.num", FieldType.UINT64, "event number", c -> Long.toString(c.event().number()));
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
        simple(r, "evt.outputtime", FieldType.CHARBUF, "event time as the default output shows it",
                c -> Times.time(c.event().ts(), c.zone()));
        simple(r, "evt.cpu", FieldType.INT16, "CPU that recorded the event", c -> Integer.toString(c.event().cpu()));
        simple(r, "evt.dir", FieldType.CHARBUF, "'>' for an enter event, '<' for an exit event",
                c -> c.event().isEnter() ? ">" : "<");
        simple(r, "evt.type", FieldType.CHARBUF, "event name, such as open or connect", c -> typeName(c.event()));
        simple(r, "evt.res", FieldType.CHARBUF,
                "result as text: SUCCESS, or the error name (ENOENT, ...) when the call failed", EventFields::res);
        simple(r, "evt.rawres", FieldType.INT64, "result as a number (-2 for ENOENT)", c -> {
            int i = resultParam(c.event());
            return i < 0 ? null : Long.toString(c.event().paramAsLong(i));
        });
        simple(r, "evt.failed", FieldType.BOOL, "true when the call returned an error", c -> {
            int i = resultParam(c.event());
            return i >= 0 && c.event().paramAsLong(i) < 0 ? "true" : "false";
        });
        simple(r, "evt.latency", FieldType.RELTIME, "nanoseconds from the enter event to this exit event",
                c -> latency(c) < 0 ? null : Long.toString(latency(c)));
        simple(r, "evt.latency.s", FieldType.RELTIME, "whole seconds of the latency",
                c -> latency(c) < 0 ? null : Long.toString(latency(c) / NS));
        simple(r, "evt.latency.ns", FieldType.RELTIME, "nanosecond part of the latency",
                c -> latency(c) < 0 ? null : Times.padded(latency(c) % NS));
        simple(r, "evt.buflen", FieldType.UINT32, "bytes read or written by an I/O event", EventFields::bufferLength);
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
            String name = SCHEMA.syscallDisplayName((int) e.paramAsLong(0));
            if (name != null) {
                return name;
            }
        }
        return SCHEMA.displayName(type);
    }

    /** The parameter holding the result: {@code res}, or {@code fd} on the exit of a call that creates one; -1 if none. */
    static int resultParam(ScapEvent e) {
        int i = e.paramIndex("res");
        if (i >= 0) {
            return i;
        }
        EventInfo info = e.info();
        if (info != null && !e.isEnter() && (info.flags() & EventInfo.EF_CREATES_FD) != 0) {
            return e.paramIndex("fd");
        }
        return -1;
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

    private static String bufferLength(FieldContext c) {
        ScapEvent e = c.event();
        EventInfo info = e.info();
        if (info == null || e.isEnter() || info.syscallClass() < EventInfo.EC_IO_BASE
                || (info.syscallClass() & EventInfo.EC_IO_BASE) == 0 || e.paramCount() == 0) {
            return null;
        }
        long v = e.paramAsLong(0);
        return v >= 0 ? Long.toString(v) : null;
    }

    /** The latency of the current event, 0 without a thread, -1 for internal events (no latency at all). */
    static long latency(FieldContext c) {
        org.scapscope.state.ThreadInfo t = c.thread();
        if (t == null) {
            return 0;
        }
        return isInternal(c.event()) ? -1 : t.latency();
    }

    private static boolean isInternal(ScapEvent e) {
        EventInfo info = e.info();
        return info != null && info.isInternal();
    }

    /** A field computed by one function of the context. */
    static final class Simple implements BoundField {
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
