package org.scapscope.field;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.scapscope.field.FieldInfo.Argument;
import org.scapscope.state.FdTable;
import org.scapscope.state.ThreadInfo;

/**
 * The {@code proc} field class: the process of the thread that caused the event, as libsinsp's
 * thread filter check shows it. Also the helpers the {@code thread}, {@code user} and {@code group}
 * classes share: every field of those classes has no value when the event has no thread.
 */
final class ProcFields {
    private static final long UINT32_MASK = 0xFFFF_FFFFL;
    /** Ancestor walks up to this many levels need no loop check. */
    private static final int SHORT_WALK = 64;

    private ProcFields() {
    }

    static void register(FieldRegistry r) {
        addNumber(r, "proc.pid", FieldType.INT64, "process id", (c, t) -> t.pid());
        add(r, "proc.exe", FieldType.CHARBUF, "argv[0] of the process, as it was given", (c, t) -> t.exe());
        add(r, "proc.name", FieldType.CHARBUF, "name of the process's executable, without the path",
                (c, t) -> t.comm());
        add(r, "proc.args", FieldType.CHARBUF, "command-line arguments of the process, after argv[0]",
                (c, t) -> joined(t.args()));
        add(r, "proc.env", FieldType.CHARBUF, "environment variables of the process",
                (c, t) -> joined(environment(t)));
        add(r, "proc.cmdline", FieldType.CHARBUF, "process name followed by its arguments",
                (c, t) -> t.commandLine());
        add(r, "proc.exeline", FieldType.CHARBUF, "argv[0] followed by the arguments", (c, t) -> t.exeLine());
        add(r, "proc.cwd", FieldType.CHARBUF, "current working directory of the process", (c, t) -> t.cwd());
        addNumber(r, "proc.nthreads", FieldType.UINT32, "number of threads in the process, main thread included",
                (c, t) -> {
                    ThreadInfo main = t.mainThread();
                    return main == null ? BoundField.NO_NUMBER : (main.childThreads() + 1) & UINT32_MASK;
                });
        addNumber(r, "proc.nchilds", FieldType.UINT32, "number of threads in the process, main thread excluded",
                (c, t) -> t.childThreads() & UINT32_MASK);
        addNumber(r, "proc.ppid", FieldType.INT64, "parent process id", (c, t) -> {
            ThreadInfo main = t.mainThread();
            return main == null ? BoundField.NO_NUMBER : main.ptid();
        });
        add(r, "proc.pname", FieldType.CHARBUF, "executable name of the parent process, without the path",
                (c, t) -> {
                    ThreadInfo parent = t.parent();
                    return parent == null ? null : parent.comm();
                });
        add(r, "proc.pcmdline", FieldType.CHARBUF, "name and arguments of the parent process", (c, t) -> {
            ThreadInfo parent = t.parent();
            return parent == null ? null : parent.commandLine();
        });
        ancestor(r, "proc.apid", FieldType.INT64,
                "pid of the ancestor N levels up ([0] is the process itself); bare form matches any ancestor in filters",
                a -> Long.toString(a.pid()));
        ancestor(r, "proc.aname", FieldType.CHARBUF,
                "name of the ancestor N levels up ([0] is the process itself); bare form matches any ancestor in filters",
                ThreadInfo::comm);
        add(r, "proc.loginshellid", FieldType.INT64,
                "pid of the eldest shell among the process's ancestors, if one exists", (c, t) -> loginShellId(t));
        add(r, "proc.duration", FieldType.RELTIME, "nanoseconds since the process started",
                (c, t) -> t.cloneTs() == 0 ? null : Long.toUnsignedString(c.event().ts() - t.cloneTs()));
        addNumber(r, "proc.fdopencount", FieldType.UINT64, "number of file descriptors the process has open",
                (c, t) -> {
                    ThreadInfo main = t.mainThread();
                    return main == null ? BoundField.NO_NUMBER : openCount(main);
                });
        addNumber(r, "proc.fdlimit", FieldType.INT64, "most file descriptors the process may open", (c, t) -> {
            ThreadInfo main = t.mainThread();
            return main == null ? BoundField.NO_NUMBER : main.fdlimit();
        });
        addDecimal(r, "proc.fdusage", "open file descriptors divided by the descriptor limit", (c, t) -> {
            ThreadInfo main = t.mainThread();
            return main == null ? null : fdUsage(main);
        });
        addNumber(r, "proc.vmsize", FieldType.UINT64, "virtual memory size of the process, in kB",
                (c, t) -> t.vmSizeKb() & UINT32_MASK);
        addNumber(r, "proc.vmrss", FieldType.UINT64, "resident memory of the process, in kB",
                (c, t) -> t.vmRssKb() & UINT32_MASK);
        addNumber(r, "proc.vmswap", FieldType.UINT64, "swapped-out memory of the process, in kB",
                (c, t) -> t.vmSwapKb() & UINT32_MASK);
        addNumber(r, "proc.vpid", FieldType.INT64, "process id inside the process's PID namespace",
                (c, t) -> t.vpid() == -1 ? BoundField.NO_NUMBER : t.vpid());
        addNumber(r, "proc.sid", FieldType.INT64, "session id of the process", (c, t) -> t.sid());
        add(r, "proc.sname", FieldType.CHARBUF,
                "name of the process's session leader (or eldest ancestor in the same session)",
                (c, t) -> sessionName(c, t));
        add(r, "proc.tty", FieldType.INT32, "controlling terminal number of the process; 0 when there is none",
                (c, t) -> Integer.toString((int) t.tty()));
        add(r, "proc.exepath", FieldType.CHARBUF, "full path of the process's executable", (c, t) -> t.exepath());
        add(r, "proc.vpgid", FieldType.INT64, "process group id inside the process's PID namespace",
                (c, t) -> Long.toString(t.vpgid()));
        add(r, "proc.is_container_healthcheck", FieldType.BOOL,
                "true when the process runs as part of a container health check",
                (c, t) -> bool(t.category() == ThreadInfo.CATEGORY_HEALTHCHECK));
        add(r, "proc.is_container_liveness_probe", FieldType.BOOL,
                "true when the process runs as part of a container liveness probe",
                (c, t) -> bool(t.category() == ThreadInfo.CATEGORY_LIVENESS_PROBE));
        add(r, "proc.is_container_readiness_probe", FieldType.BOOL,
                "true when the process runs as part of a container readiness probe",
                (c, t) -> bool(t.category() == ThreadInfo.CATEGORY_READINESS_PROBE));
        add(r, "proc.is_exe_writable", FieldType.BOOL,
                "true when the executable file is writable by the user who started the process",
                (c, t) -> bool(t.exeWritable()));
    }

    // ------------------------------------------------------------------------------- values

    /** Strings joined by single spaces. */
    static String joined(List<String> parts) {
        if (parts.isEmpty()) {
            return "";
        }
        if (parts.size() == 1) {
            return parts.get(0);
        }
        return String.join(" ", parts);
    }

    /** The environment of the thread's process: the main thread's, or the thread's own without one. */
    static List<String> environment(ThreadInfo t) {
        if (t.isMainThread()) {
            return t.env();
        }
        ThreadInfo main = t.mainThread();
        return main != null ? main.env() : t.env();
    }

    /** The process itself ({@code levels} 0 or less) or its ancestor that many parents up; null if unknown. */
    static ThreadInfo ancestor(ThreadInfo t, int levels) {
        ThreadInfo a = t.mainThread();
        if (levels <= SHORT_WALK) {
            for (int i = 0; i < levels && a != null; i++) {
                a = a.parent();
            }
            return a;
        }
        // A long walk may go round a loop of parents: find the loop and skip its whole turns.
        List<ThreadInfo> path = new ArrayList<>();
        Map<ThreadInfo, Integer> seen = new IdentityHashMap<>();
        for (int i = 0; i < levels && a != null; i++) {
            Integer first = seen.putIfAbsent(a, i);
            if (first != null) {
                int loop = i - first;
                return path.get(first + (levels - i) % loop);
            }
            path.add(a);
            a = a.parent();
        }
        return a;
    }

    /**
     * The pid of the eldest process named like a shell (its name ends in {@code sh}) among the
     * process and its ancestors, or null.
     */
    private static String loginShellId(ThreadInfo t) {
        ThreadInfo main = t.mainThread();
        if (main == null) {
            return null;
        }
        long[] shell = {0};
        boolean[] found = {false};
        if (isShell(main)) {
            shell[0] = main.pid();
            found[0] = true;
        }
        main.forEachAncestor(a -> {
            if (isShell(a)) {
                shell[0] = a.pid();
                found[0] = true;
            }
            return true;
        });
        return found[0] ? Long.toString(shell[0]) : null;
    }

    private static boolean isShell(ThreadInfo t) {
        String comm = t.comm();
        return comm.length() >= 2 && comm.endsWith("sh");
    }

    /**
     * The name of the session leader: the thread whose id is the session id, or else the eldest
     * ancestor of the process still in the process's session.
     */
    private static String sessionName(FieldContext c, ThreadInfo t) {
        ThreadInfo leader = c.state().threads().get(t.sid());
        if (leader != null) {
            return leader.comm();
        }
        ThreadInfo main = t.mainThread();
        if (main == null) {
            return null;
        }
        long sid = main.sid();
        ThreadInfo[] eldest = {main};
        main.forEachAncestor(a -> {
            if (a.sid() != sid) {
                return false;
            }
            eldest[0] = a;
            return true;
        });
        return eldest[0].comm();
    }

    private static long openCount(ThreadInfo main) {
        FdTable fds = main.fdTable();
        return fds == null ? 0 : fds.size();
    }

    /** Open descriptors as a percentage of the limit: 0 without a limit, at most 100. */
    private static double fdUsage(ThreadInfo main) {
        long limit = main.fdlimit();
        if (limit <= 0) {
            return 0;
        }
        long open = openCount(main);
        return open <= limit ? open * 100.0 / limit : 100;
    }

    /** A 32-bit unsigned counter as libsinsp keeps it. */
    static String bool(boolean b) {
        return b ? "true" : "false";
    }

    /** A double as sysdig prints one ({@code %.1lf}: one decimal, the exact value rounded half to even). */
    static String decimal(double d) {
        if (Double.isNaN(d) || Double.isInfinite(d)) {
            return Double.isNaN(d) ? "nan" : d > 0 ? "inf" : "-inf";
        }
        String s = new BigDecimal(d).setScale(1, RoundingMode.HALF_EVEN).toPlainString();
        boolean negative = d < 0 || (d == 0 && 1 / d < 0);
        // BigDecimal has no negative zero; printf keeps the sign of -0.04 and of -0.0
        return negative && !s.startsWith("-") ? "-" + s : s;
    }

    // ------------------------------------------------------------------------------- registration

    /** proc.exeline's last line and what it was made of. */
    /** Computes a field's text from the event's thread; null when the event has no such value. */
    @FunctionalInterface
    interface ThreadText {
        String text(FieldContext c, ThreadInfo t);
    }

    interface ThreadDecimal {
        Double value(FieldContext c, ThreadInfo t);
    }

    /** Registers a decimal field of the event's thread: printed with one decimal, kept whole for views. */
    static void addDecimal(FieldRegistry r, String name, String description, ThreadDecimal f) {
        FieldInfo info = new FieldInfo(name, FieldType.DOUBLE, description, Argument.NONE);
        ThreadField field = new ThreadField(info, (c, t) -> {
            Double v = f.value(c, t);
            return v == null ? null : decimal(v);
        }) {
            @Override
            public Double decimal(FieldContext ctx) {
                ThreadInfo t = ctx.thread();
                return t == null ? null : f.value(ctx, t);
            }
        };
        r.add(name.substring(0, name.indexOf('.')), info, (i, arg) -> field);
    }

    /** Computes an integer field from the event's thread; {@link BoundField#NO_NUMBER} when it has no value. */
    @FunctionalInterface
    interface ThreadNumber {
        long value(FieldContext c, ThreadInfo t);
    }

    /**
     * Registers an integer field of the event's thread, read as a number by views and filters and
     * printed signed or unsigned by its type.
     */
    static void addNumber(FieldRegistry r, String name, FieldType type, String description, ThreadNumber f) {
        FieldInfo info = new FieldInfo(name, type, description, Argument.NONE);
        boolean signed = type.name().startsWith("INT");
        ThreadField field = new ThreadField(info, (c, t) -> {
            long v = f.value(c, t);
            return v == BoundField.NO_NUMBER ? null : signed ? Long.toString(v) : Long.toUnsignedString(v);
        }) {
            @Override
            public long number(FieldContext ctx) {
                ThreadInfo t = ctx.thread();
                return t == null ? BoundField.NO_NUMBER : f.value(ctx, t);
            }
        };
        r.add(name.substring(0, name.indexOf('.')), info, (i, arg) -> field);
    }

    /** Registers a field that has no value without the event's thread. */
    static void add(FieldRegistry r, String name, FieldType type, String description, ThreadText f) {
        FieldInfo info = new FieldInfo(name, type, description, Argument.NONE);
        ThreadField field = new ThreadField(info, f);
        r.add(name.substring(0, name.indexOf('.')), info, (i, arg) -> field);
    }

    private static void ancestor(FieldRegistry r, String name, FieldType type, String description,
                                 Function<ThreadInfo, String> f) {
        FieldInfo info = new FieldInfo(name, type, description, Argument.INDEX);
        r.add("proc", info, (i, arg) -> {
            // Without an index the field shows the process itself (in filters it matches any ancestor).
            int levels = arg == null ? -1 : level(name, arg);
            return new ThreadField(i, (c, t) -> {
                ThreadInfo a = ancestor(t, levels);
                return a == null ? null : f.apply(a);
            });
        });
    }

    private static int level(String name, String arg) throws FieldException {
        try {
            return Integer.parseInt(arg.strip());
        } catch (NumberFormatException e) {
            throw new FieldException("field " + name + " needs a number of levels, as in " + name + "[1], not ["
                    + arg + "]");
        }
    }

    /** A field of the event's thread, with JSON values of its type. */
    static class ThreadField implements BoundField {
        private final FieldInfo info;
        private final ThreadText extractor;

        ThreadField(FieldInfo info, ThreadText extractor) {
            this.info = info;
            this.extractor = extractor;
        }

        @Override
        public FieldInfo info() {
            return info;
        }

        @Override
        public String text(FieldContext ctx) {
            ThreadInfo t = ctx.thread();
            return t == null ? null : extractor.text(ctx, t);
        }

        @Override
        public Object json(FieldContext ctx) {
            String text = text(ctx);
            if (text == null) {
                return null;
            }
            switch (info.type()) {
                case BOOL:
                    return Boolean.valueOf(text);
                case DOUBLE:
                    return Double.valueOf(text);
                case UINT64: case RELTIME:
                    long v = Long.parseUnsignedLong(text);
                    return v >= 0 ? (Object) v : new BigInteger(text);
                default:
                    return BoundField.super.json(ctx);
            }
        }
    }
}
