package org.scapscope.state;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * What the capture tells about one thread at the current event: identity, program, credentials,
 * counters, and the descriptors of its process. Threads of one process share the main thread's
 * descriptor table and working directory.
 */
public final class ThreadInfo {
    // PPM_CL_* flags, as the process list and clone events carry them, plus the reader's own.
    public static final long CLONE_FILES = 1;
    public static final long CLONE_FS = 1 << 1;
    public static final long CLONE_THREAD = 1 << 13;
    public static final long CLONE_INVERTED = 1 << 16;
    public static final long NAME_CHANGED = 1 << 17;
    public static final long CLOSED = 1 << 18;
    public static final long ACTIVE = 1 << 19;
    public static final long PIPE_SRC = 1 << 21;
    public static final long PIPE_DST = 1 << 22;
    public static final long CHILD_IN_PIDNS = 1 << 29;
    public static final long IS_MAIN_THREAD = 1L << 30;

    // Thread categories, as libsinsp's command_category.
    public static final int CATEGORY_NONE = 0;
    public static final int CATEGORY_CONTAINER = 1;
    public static final int CATEGORY_HEALTHCHECK = 2;
    public static final int CATEGORY_LIVENESS_PROBE = 3;
    public static final int CATEGORY_READINESS_PROBE = 4;

    /** The table this thread belongs to, to find its main thread. */
    final ThreadTable table;

    long tid;
    long pid;
    long ptid = -1;
    long sid = -1;
    long vpgid = -1;
    long vtid = -1;
    long vpid = -1;
    String comm = "";
    String exe = "";
    String exepath = "";
    List<String> args = List.of();
    List<String> env = List.of();
    /** Cgroups as (subsystem, path) pairs. */
    List<String[]> cgroups = List.of();
    String cwd = "";
    String root = "";
    String containerId = "";
    long fdlimit = -1;
    long flags;
    long uid;
    long gid;
    long loginuid;
    long tty;
    boolean exeWritable;
    long vmSizeKb;
    long vmRssKb;
    long vmSwapKb;
    long pfMajor;
    long pfMinor;
    long cloneTs;
    long nchilds;
    long cpuUser;
    long cpuSystem;

    // Bookkeeping some fields need (thread.totexectime, thread.cpu*, proc.is_container_*); set by
    // ProcessEvents.schedulerTimes, procInfo and identifyCategory.
    long totExecTime;
    long prevCpuUser;
    long prevCpuSystem;
    int category;

    // Parsing state: the last enter event of this thread.
    int lastEventType = -1;
    long lastEventFd = -1;
    long lastEnterIndex = -1;
    boolean lastEnterValid;
    long lastLatencyEnter;
    long latency;
    long lastEventTs;
    long prevEventTs;

    FdTable fdTable = new FdTable();

    /** The program and arguments as one line, and the exe and args it was made from. */
    private transient String exeLine;
    private transient String exeLineExe;
    private transient List<String> exeLineArgs;

    ThreadInfo(ThreadTable table) {
        this.table = table;
    }

    public long tid() {
        return tid;
    }

    public long pid() {
        return pid;
    }

    public long ptid() {
        return ptid;
    }

    public long sid() {
        return sid;
    }

    public long vpgid() {
        return vpgid;
    }

    public long vtid() {
        return vtid;
    }

    public long vpid() {
        return vpid;
    }

    public String comm() {
        return comm;
    }

    public String exe() {
        return exe;
    }

    public String exepath() {
        return exepath;
    }

    public List<String> args() {
        return args;
    }

    /**
     * argv[0] and the arguments, each after one space: made again only when the program changes,
     * since views read it for every event of a thread.
     */
    public String exeLine() {
        if (exe != exeLineExe || args != exeLineArgs) {
            StringBuilder sb = new StringBuilder(exe).append(' ');
            for (int i = 0; i < args.size(); i++) {
                if (i > 0) {
                    sb.append(' ');
                }
                sb.append(args.get(i));
            }
            exeLine = sb.toString();
            exeLineExe = exe;
            exeLineArgs = args;
        }
        return exeLine;
    }

    /** The process name followed by each argument, each after one space: {@code proc.cmdline}. */
    public String commandLine() {
        if (args.isEmpty()) {
            return comm;
        }
        StringBuilder sb = new StringBuilder(comm);
        for (String a : args) {
            sb.append(' ').append(a);
        }
        return sb.toString();
    }

    public List<String> env() {
        return env;
    }

    public List<String[]> cgroups() {
        return cgroups;
    }

    public String root() {
        return root;
    }

    public String containerId() {
        return containerId;
    }

    public long fdlimit() {
        return fdlimit;
    }

    public long flags() {
        return flags;
    }

    public long uid() {
        return uid;
    }

    public long gid() {
        return gid;
    }

    public long loginuid() {
        return loginuid;
    }

    public long tty() {
        return tty;
    }

    public boolean exeWritable() {
        return exeWritable;
    }

    public long vmSizeKb() {
        return vmSizeKb;
    }

    public long vmRssKb() {
        return vmRssKb;
    }

    public long vmSwapKb() {
        return vmSwapKb;
    }

    public long pageFaultsMajor() {
        return pfMajor;
    }

    public long pageFaultsMinor() {
        return pfMinor;
    }

    public long cloneTs() {
        return cloneTs;
    }

    public long childThreads() {
        return nchilds;
    }

    public long cpuUser() {
        return cpuUser;
    }

    public long cpuSystem() {
        return cpuSystem;
    }

    /** CPU time, in ns, the thread ran in the switches seen so far (sum of their exec times). */
    public long totalExecTime() {
        return totExecTime;
    }

    /** User CPU of the thread in the procinfo event before the last one; 0 when none. */
    public long previousCpuUser() {
        return prevCpuUser;
    }

    /** System CPU of the thread in the procinfo event before the last one; 0 when none. */
    public long previousCpuSystem() {
        return prevCpuSystem;
    }

    /** Why the thread runs: one of the {@code CATEGORY_*} constants. */
    public int category() {
        return category;
    }

    /**
     * Calls {@code visitor} on each ancestor process, parent first, until it returns false; stops at
     * an unknown parent and when the parent chain loops, as libsinsp's traverse_parent_state.
     */
    public void forEachAncestor(Predicate<ThreadInfo> visitor) {
        ThreadInfo slow = parent();
        ThreadInfo fast = slow == null ? null : slow.parent();
        while (slow != null && slow.tid != -1) {
            if (!visitor.test(slow)) {
                return;
            }
            slow = slow.parent();
            for (int i = 0; i < 2; i++) {
                fast = fast == null ? null : fast.parent();
                if (slow != null && (slow == fast || slow.tid == slow.ptid)) {
                    return;
                }
            }
        }
    }

    /** The descriptor the thread's last event used or created, -1 when none. */
    public long lastEventFd() {
        return lastEventFd;
    }

    public long latency() {
        return latency;
    }

    public long lastEventTs() {
        return lastEventTs;
    }

    public long prevEventTs() {
        return prevEventTs;
    }

    public boolean isMainThread() {
        return tid == pid || (flags & IS_MAIN_THREAD) != 0;
    }

    /** The main thread of this thread's process: itself, or the thread whose tid is the pid; null if gone. */
    public ThreadInfo mainThread() {
        if (isMainThread()) {
            return this;
        }
        return table.get(pid);
    }

    public ThreadInfo parent() {
        return table.get(ptid);
    }

    /** The descriptor table of the process, null when the main thread is not known. */
    public FdTable fdTable() {
        if ((flags & CLONE_FILES) == 0) {
            return fdTable;
        }
        ThreadInfo main = mainThread();
        return main == null ? null : main.fdTable;
    }

    /** The descriptor with this number, or null. Finding it marks its current name as the name before the event. */
    public FdInfo fd(long fd) {
        FdTable t = fdTable();
        FdInfo info = t == null ? null : t.get(fd);
        if (info != null) {
            info.oldName = info.name;
        }
        return info;
    }

    FdInfo addFd(long fd, FdInfo info) {
        FdTable t = fdTable();
        lastEventFd = fd;
        return t == null ? null : t.add(fd, info);
    }

    /** The working directory of the process, ending in '/'. */
    public String cwd() {
        ThreadInfo main = mainThread();
        return main != null ? main.cwd : "./";
    }

    void setCwd(String dir) {
        ThreadInfo main = mainThread();
        if (main == null) {
            return;
        }
        String joined = FilePaths.concatenate(main.cwd, dir);
        if (joined.isEmpty() || joined.charAt(joined.length() - 1) != '/') {
            joined += "/";
        }
        main.cwd = joined;
    }

    /** The value of one environment variable, "" when it is not set. */
    public String env(String name) {
        for (String e : env) {
            if (e.length() > name.length() + 1 && e.charAt(name.length()) == '=' && e.startsWith(name)) {
                return e.substring(name.length() + 1).strip();
            }
        }
        return "";
    }

    /** The cgroup path of one subsystem, or null. */
    public String cgroup(String subsystem) {
        for (String[] c : cgroups) {
            if (c[0].equals(subsystem)) {
                return c[1];
            }
        }
        return null;
    }

    /** Cgroups from a list of {@code subsystem=path}, with subsystem names as libsinsp normalises them. */
    static List<String[]> parseCgroups(List<String> entries) {
        List<String[]> out = new ArrayList<>(entries.size());
        for (String entry : entries) {
            int eq = entry.lastIndexOf('=');
            if (eq < 0) {
                break;
            }
            String subsys = entry.substring(0, eq).replace("_cgroup", "");
            switch (subsys) {
                case "perf": subsys = "perf_event"; break;
                case "mem": subsys = "memory"; break;
                case "io": subsys = "blkio"; break;
                default: break;
            }
            out.add(new String[] {subsys, entry.substring(eq + 1)});
        }
        return List.copyOf(out);
    }

    @Override
    public String toString() {
        return "thread " + tid + " (" + comm + ") pid " + pid;
    }
}
