package org.scapscope.field;

import static org.scapscope.field.ProcFields.add;
import static org.scapscope.field.ProcFields.bool;

import java.util.List;
import java.util.function.Function;
import org.scapscope.field.FieldInfo.Argument;
import org.scapscope.scap.EventTypes;
import org.scapscope.scap.ScapEvent;
import org.scapscope.state.ThreadInfo;

/** The {@code thread} field class: the thread that caused the event. */
final class ThreadFields {
    private static final int SCHEDSWITCH_1_E = 146;
    private static final int SCHEDSWITCH_6_E = 152;
    private static final double MAX_CPU = 100;

    private ThreadFields() {
    }

    static void register(FieldRegistry r) {
        ProcFields.addNumber(r, "thread.pfmajor", FieldType.UINT64, "major page faults of the thread since it started",
                (c, t) -> t.pageFaultsMajor());
        ProcFields.addNumber(r, "thread.pfminor", FieldType.UINT64, "minor page faults of the thread since it started",
                (c, t) -> t.pageFaultsMinor());
        // The thread id is the event's own, with or without a known thread.
        EventFields.numeric(r, "thread.tid", FieldType.INT64, "thread id", c -> c.event().tid());
        add(r, "thread.ismain", FieldType.BOOL, "true when the thread is the process's main thread",
                (c, t) -> bool(t.isMainThread()));
        independent(r, "thread.exectime", FieldType.RELTIME,
                "CPU time, in ns, of the thread switched out; set on switch events only",
                c -> Long.toUnsignedString(execTime(c)));
        independent(r, "thread.totexectime", FieldType.RELTIME,
                "CPU time, in ns, of the current thread since capture start; set on switch events only", c -> {
                    ThreadInfo t = c.thread();
                    return t == null ? null : Long.toUnsignedString(t.totalExecTime());
                });
        add(r, "thread.cgroups", FieldType.CHARBUF, "all cgroups of the thread as one text",
                (c, t) -> cgroups(t.cgroups()));
        r.add("thread", new FieldInfo("thread.cgroup", FieldType.CHARBUF,
                "cgroup of the thread for the subsystem given as the argument, such as thread.cgroup.cpu",
                Argument.REQUIRED_NAME), (info, arg) -> {
                    String subsystem = subsystem(arg);
                    return new ProcFields.ThreadField(info, (c, t) -> t.cgroups().isEmpty() ? null
                            : t.cgroup(subsystem));
                });
        ProcFields.addNumber(r, "thread.vtid", FieldType.INT64, "thread id inside the thread's PID namespace",
                (c, t) -> t.vtid() == -1 ? BoundField.NO_NUMBER : t.vtid());
        ProcFields.addDecimal(r, "thread.cpu", "CPU used by the thread over the last second",
                (c, t) -> cpu(c, t, true, true));
        ProcFields.addDecimal(r, "thread.cpu.user", "user-mode CPU used by the thread over the last second",
                (c, t) -> cpu(c, t, true, false));
        ProcFields.addDecimal(r, "thread.cpu.system", "kernel-mode CPU used by the thread over the last second",
                (c, t) -> cpu(c, t, false, true));
        ProcFields.addNumber(r, "thread.vmsize", FieldType.UINT64,
                "process virtual memory in kB for the main thread; 0 for other threads",
                (c, t) -> t.isMainThread() ? t.vmSizeKb() & 0xFFFF_FFFFL : 0);
        ProcFields.addNumber(r, "thread.vmrss", FieldType.UINT64,
                "process resident memory in kB for the main thread; 0 for other threads",
                (c, t) -> t.isMainThread() ? t.vmRssKb() & 0xFFFF_FFFFL : 0);
        // Fields sysdig -l leaves out (its table-only fields), which sysdig's -p accepts all the same.
        ProcFields.addNumber(r, "thread.vmsize.b", FieldType.UINT64,
                "process virtual memory in bytes for the main thread; 0 for other threads",
                (c, t) -> t.isMainThread() ? bytes(t.vmSizeKb()) : 0);
        ProcFields.addNumber(r, "thread.vmrss.b", FieldType.UINT64,
                "process resident memory in bytes for the main thread; 0 for other threads",
                (c, t) -> t.isMainThread() ? bytes(t.vmRssKb()) : 0);
        add(r, "thread.nametid", FieldType.CHARBUF, "process name followed by the thread id, with nothing between",
                (c, t) -> t.comm() + c.event().tid());
    }

    /** Kilobytes in bytes, computed as libsinsp does in 32 bits (so it wraps from 4 GiB on). */
    private static long bytes(long kb) {
        return (kb & 0xFFFF_FFFFL) * 1024 & 0xFFFF_FFFFL;
    }

    /** Registers a field that has a value even when the event has no thread. */
    private static void independent(FieldRegistry r, String name, FieldType type, String description,
                                    Function<FieldContext, String> f) {
        FieldInfo info = new FieldInfo(name, type, description, Argument.NONE);
        r.add("thread", info, (i, arg) -> new EventFields.Simple(i, f));
    }

    private static boolean isSwitch(ScapEvent e) {
        return e.type() == SCHEDSWITCH_1_E || e.type() == SCHEDSWITCH_6_E;
    }

    /** The exec time a switch event ends; 0 on other events. */
    private static long execTime(FieldContext c) {
        return isSwitch(c.event()) ? c.state().execTime() : 0;
    }

    /** {@code subsystem=path} for each cgroup, separated by spaces; null when the thread has none. */
    static String cgroups(List<String[]> cgroups) {
        if (cgroups.isEmpty()) {
            return null;
        }
        StringBuilder sb = new StringBuilder();
        for (String[] c : cgroups) {
            if (sb.length() > 0) {
                sb.append(' ');
            }
            sb.append(c[0]).append('=').append(c[1]);
        }
        return sb.toString();
    }

    /** The subsystem name of a {@code thread.cgroup.NAME} reference: letters and underscores only. */
    private static String subsystem(String arg) throws FieldException {
        int end = 0;
        while (end < arg.length() && isNameChar(arg.charAt(end))) {
            end++;
        }
        if (end < arg.length()) {
            throw new FieldException("thread.cgroup." + arg + ": a cgroup subsystem name has only letters and '_'");
        }
        return arg;
    }

    private static boolean isNameChar(char ch) {
        return (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') || ch == '_';
    }

    /**
     * CPU the thread used between its last two procinfo events, in the selected modes, capped at 100;
     * 0 on its first one; no value on other events.
     */
    private static Double cpu(FieldContext c, ThreadInfo t, boolean user, boolean system) {
        if (c.event().type() != EventTypes.PROCINFO_E) {
            return null;
        }
        long now = (user ? t.cpuUser() : 0) + (system ? t.cpuSystem() : 0);
        long before = (user ? t.previousCpuUser() : 0) + (system ? t.previousCpuSystem() : 0);
        double v = 0;
        if (before != 0) {
            long delta = now - before;
            v = Long.compareUnsigned(delta, (long) MAX_CPU) > 0 ? MAX_CPU : delta;
        }
        return v;
    }
}
