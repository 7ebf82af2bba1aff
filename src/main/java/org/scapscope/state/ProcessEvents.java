package org.scapscope.state;

import static org.scapscope.state.EventTypeIds.*;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.scapscope.scap.ScapEvent;

/** How process events change the thread table: clone and its kin, execve, limits, credentials, switches. */
final class ProcessEvents {
    private static final long CLONE_STALE_TIME_NS = 2_000_000_000L;
    private static final int RLIMIT_NOFILE = 7;

    private ProcessEvents() {
    }

    /** The parameter index of the clone flags, the uid and the gid in each clone version. */
    private static int flagsParam(int type) {
        switch (type) {
            case CLONE_11_X: return 8;
            case CLONE_16_X: case FORK_X: case VFORK_X: return 13;
            case CLONE_17_X: case FORK_17_X: case VFORK_17_X: return 14;
            default: return 15;
        }
    }

    private static boolean isModernClone(int type) {
        return type == CLONE_20_X || type == FORK_20_X || type == VFORK_20_X || type == CLONE3_X;
    }

    private static boolean commFromExe(int type) {
        return type == CLONE_11_X || type == CLONE_16_X || type == FORK_X || type == VFORK_X;
    }

    static void cloneExit(MachineState s, ScapEvent e) {
        int type = e.type();
        long tid = e.tid();
        long childTid = num(e, 0);
        long flags = num(e, flagsParam(type)) & 0xFFFF_FFFFL;
        if (childTid < 0) {
            return;
        }
        long vtid = tid;
        long vpid = -1;
        if (isModernClone(type)) {
            vtid = num(e, 18);
            vpid = num(e, 19);
        }
        boolean inContainer = (flags & ThreadInfo.CHILD_IN_PIDNS) != 0 || tid != vtid;
        boolean inverted = false;
        boolean collision = false;
        if (childTid == 0) {
            // clone() returns 0 in the child
            if (s.tinfo != null && s.tinfo.cloneTs != 0 && e.ts() - s.tinfo.cloneTs > CLONE_STALE_TIME_NS) {
                s.removeThread(tid, true);
                s.tinfo = null;
            }
            long parentTid = (flags & ThreadInfo.CLONE_THREAD) != 0 ? num(e, 4) : num(e, 5);
            if (s.tinfo == null) {
                // The child returned before the parent (or the parent's exit was lost): add it here.
                inverted = true;
                childTid = tid;
                tid = parentTid;
            } else {
                if (inContainer) {
                    s.tinfo.vtid = vtid;
                    s.tinfo.vpid = vpid;
                }
                return;
            }
        } else if (inContainer) {
            // The parent sees the child's id in its own namespace only; wait for the child's event.
            return;
        }
        ThreadInfo parent = s.threadRef(tid, true);
        if (parent == null) {
            return;
        }
        boolean validParent = !(parent.comm.equals("<NA>") && parent.uid == MachineState.UNKNOWN_ID);
        ThreadInfo existing = s.threads.get(childTid);
        if (existing != null) {
            if ((existing.flags & ThreadInfo.CLONE_INVERTED) != 0) {
                return;
            }
            s.removeThread(childTid, true);
            collision = true;
        }
        ThreadInfo t = new ThreadInfo(s.threads);
        t.tid = childTid;
        t.ptid = tid;
        if (validParent) {
            inherit(t, parent, flags);
        } else {
            // The parent is a placeholder: look it up again, and if it is still unknown, take the
            // program from the event and give it to the parent too.
            s.removeThread(tid, true);
            collision = true;
            parent = s.threadRef(tid, true);
            if (!(parent.comm.equals("<NA>") && parent.uid == MachineState.UNKNOWN_ID)) {
                inherit(t, parent, flags);
            } else {
                t.exe = str(e, 1);
                t.comm = commFromExe(type) ? t.exe : str(e, 13);
                t.args = s.argParams.get(e, 2);
                parent.comm = t.comm;
                parent.exe = t.exe;
                parent.exepath = t.exepath;
                parent.args = t.args;
            }
        }
        t.pid = num(e, 4);
        t.flags = flags;
        if ((flags & ThreadInfo.CLONE_THREAD) == 0) {
            t.pid = childTid;
            FdTable table = parent.fdTable();
            if (table != null) {
                t.fdTable = table.copy();
                for (FdInfo fd : t.fdTable.values()) {
                    fd.flags |= FdInfo.CLONED;
                }
            }
            t.cwd = parent.cwd();
        }
        if (inverted) {
            t.flags |= ThreadInfo.CLONE_INVERTED;
        }
        t.exe = str(e, 1);
        t.comm = commFromExe(type) ? t.exe : str(e, 13);
        t.args = s.argParams.get(e, 2);
        t.fdlimit = num(e, 7);
        if (type != CLONE_11_X) {
            memoryCounters(t, e);
        }
        int uidParam = type == CLONE_11_X ? 9 : flagsParam(type) + 1;
        t.uid = num(e, uidParam) & 0xFFFF_FFFFL;
        t.gid = num(e, uidParam + 1) & 0xFFFF_FFFFL;
        if (inContainer) {
            t.vtid = vtid;
            t.vpid = vpid;
        } else {
            t.vtid = t.tid;
            t.vpid = t.pid;
        }
        if (isModernClone(type)) {
            s.setCgroups(t, s.cgroupParams.get(e, 14));
            identifyCategory(s, t);
        }
        t.cloneTs = e.ts();
        s.addThread(t);
        if (collision) {
            s.tinfo = s.threads.get(e.tid());
        }
    }

    private static void inherit(ThreadInfo t, ThreadInfo parent, long flags) {
        t.comm = parent.comm;
        t.exe = parent.exe;
        t.exepath = parent.exepath;
        t.exeWritable = parent.exeWritable;
        t.args = parent.args;
        t.root = parent.root;
        t.sid = parent.sid;
        t.vpgid = parent.vpgid;
        t.tty = parent.tty;
        t.loginuid = parent.loginuid;
        if ((flags & ThreadInfo.CLONE_THREAD) == 0) {
            t.env = parent.env;
        }
    }

    static void execveExit(MachineState s, ScapEvent e) {
        int type = e.type();
        if (num(e, 0) < 0 || s.tinfo == null) {
            return;
        }
        ThreadInfo t = s.tinfo;
        t.exe = str(e, 1);
        if (type == EXECVE_8_X || type == EXECVE_13_X || type == EXECVE_14_X) {
            t.comm = t.exe;
        } else {
            t.comm = str(e, 13);
        }
        t.args = s.argParams.get(e, 2);
        s.threads().setPid(t, num(e, 4));
        if (t.ptid == -1) {
            t.ptid = num(e, 5);
        }
        t.fdlimit = num(e, 7);
        if (type != EXECVE_8_X) {
            memoryCounters(t, e);
        }
        if (type == EXECVE_14_X) {
            t.env = s.envParams.get(e, 13);
        } else if (type == EXECVE_15_X) {
            t.env = s.envParams.get(e, 14);
        } else if (type != EXECVE_8_X && type != EXECVE_13_X) {
            t.env = s.envParams.get(e, 15);
            s.setCgroups(t, s.cgroupParams.get(e, 14));
            identifyCategory(s, t);
        }
        if (type == EXECVE_17_X || type == EXECVE_18_X || type == EXECVE_19_X || type == EXECVEAT_X) {
            t.tty = num(e, 16) & 0xFFFF_FFFFL;
        }
        if (type == EXECVE_18_X || type == EXECVE_19_X) {
            ScapEvent enter = s.enterOf(e);
            if (enter != null && enter.paramCount() > 0) {
                String filename = enter.paramAsString(0);
                t.exepath = filename.startsWith("<NA>") ? "<NA>" : FilePaths.concatenate(t.cwd(), filename);
            }
        } else if (type == EXECVEAT_X) {
            ScapEvent enter = s.enterOf(e);
            if (enter != null && enter.paramCount() > 2) {
                long dirfd = enter.paramAsLong(0);
                String pathname = enter.paramAsString(1);
                if (pathname.startsWith("<NA>")) {
                    t.exepath = "<NA>";
                } else {
                    String dir = FileEvents.dirOf(s, pathname, dirfd);
                    if ((enter.paramAsLong(2) & 1) != 0 && pathname.isEmpty()) {
                        pathname = dir;
                    }
                    t.exepath = FilePaths.concatenate(dir, pathname);
                }
            }
        }
        if (type == EXECVE_19_X || type == EXECVEAT_X) {
            t.vpgid = num(e, 17);
        }
        if (e.paramCount() > 18) {
            t.loginuid = num(e, 18) & 0xFFFF_FFFFL;
        }
        if (e.paramCount() > 19) {
            t.exeWritable = (num(e, 19) & 1) != 0;
        }
        long keep = t.flags & (ThreadInfo.PIPE_SRC | ThreadInfo.PIPE_DST | ThreadInfo.IS_MAIN_THREAD);
        boolean wasInverted = (t.flags & ThreadInfo.CLONE_INVERTED) != 0;
        t.flags = ThreadInfo.ACTIVE | keep | ThreadInfo.NAME_CHANGED;
        if (wasInverted) {
            t.flags |= ThreadInfo.CLONE_INVERTED;
        }
    }

    static void rlimitExit(MachineState s, ScapEvent e) {
        if (s.tinfo == null || num(e, 0) < 0) {
            return;
        }
        ScapEvent enter = s.enterOf(e);
        if (enter == null || enter.paramCount() < 1 || (enter.paramAsLong(0) & 0xFF) != RLIMIT_NOFILE) {
            return;
        }
        long cur = num(e, 1);
        ThreadInfo main = s.tinfo.mainThread();
        if (cur != -1 && main != null) {
            main.fdlimit = cur;
        }
    }

    static void prlimitExit(MachineState s, ScapEvent e) {
        if (num(e, 0) < 0) {
            return;
        }
        ScapEvent enter = s.enterOf(e);
        if (enter == null || enter.paramCount() < 2 || (enter.paramAsLong(1) & 0xFF) != RLIMIT_NOFILE) {
            return;
        }
        long newCur = num(e, 1);
        if (newCur == -1) {
            return;
        }
        long tid = enter.paramAsLong(0);
        if (tid == 0) {
            tid = e.tid();
        }
        ThreadInfo t = s.threadRef(tid, true);
        ThreadInfo main = t == null ? null : t.mainThread();
        if (main != null) {
            main.fdlimit = newCur;
        }
    }

    static void contextSwitch(MachineState s, ScapEvent e) {
        ThreadInfo t = s.tinfo;
        if (t == null || e.paramCount() < 6) {
            return;
        }
        t.pfMajor = num(e, 1);
        t.pfMinor = num(e, 2);
        ThreadInfo main = t.mainThread();
        if (main != null) {
            main.vmSizeKb = num(e, 3);
            main.vmRssKb = num(e, 4);
            main.vmSwapKb = num(e, 5);
        }
    }

    static void memoryExit(MachineState s, ScapEvent e) {
        ThreadInfo t = s.tinfo;
        if (t == null || e.paramCount() < 4) {
            return;
        }
        t.vmSizeKb = num(e, 1);
        t.vmRssKb = num(e, 2);
        t.vmSwapKb = num(e, 3);
    }

    static void credentialsExit(MachineState s, ScapEvent e) {
        if (num(e, 0) < 0) {
            return;
        }
        ScapEvent enter = s.enterOf(e);
        if (enter == null || s.tinfo == null) {
            return;
        }
        int type = e.type();
        boolean res = type == SETRESUID_X || type == SETRESGID_X;
        int p = res ? 1 : 0;
        if (enter.paramCount() <= p) {
            return;
        }
        long id = enter.paramAsLong(p) & 0xFFFF_FFFFL;
        if (res && id == MachineState.UNKNOWN_ID) {
            return;
        }
        if (type == SETRESUID_X || type == SETUID_X) {
            s.tinfo.uid = id;
        } else {
            s.tinfo.gid = id;
        }
    }

    static void chrootExit(MachineState s, ScapEvent e) {
        if (num(e, 0) != 0 || s.tinfo == null || e.paramCount() < 2) {
            return;
        }
        String path = e.paramAsString(1);
        s.tinfo.root = path.isEmpty() ? path : FilePaths.concatenate(s.tinfo.cwd(), path);
        s.tinfo.containerId = s.containers.resolve(cgroupStrings(s.tinfo)).id();
        identifyCategory(s, s.tinfo);
    }

    /** A thread's cgroups back in their {@code subsystem=path} form. */
    static List<String> cgroupStrings(ThreadInfo t) {
        List<String> out = new ArrayList<>(t.cgroups.size());
        for (String[] c : t.cgroups) {
            out.add(c[0] + "=" + c[1]);
        }
        return out;
    }

    static void setsidExit(MachineState s, ScapEvent e) {
        long res = num(e, 0);
        if (res >= 0 && s.tinfo != null) {
            s.tinfo.sid = res;
        }
    }

    static void legacyContainer(MachineState s, ScapEvent e) {
        if (e.paramCount() >= 4) {
            s.containers.applyLegacy(e.paramAsString(0), (int) e.paramAsLong(1), e.paramAsString(2),
                    e.paramAsString(3));
        }
    }

    static void asyncEvent(MachineState s, ScapEvent e) {
        if (e.paramCount() < 3) {
            return;
        }
        String name = e.paramAsString(1);
        byte[] data = e.paramBytes(2);
        int n = data.length;
        while (n > 0 && data[n - 1] == 0) {
            n--;
        }
        String json = new String(data, 0, n, StandardCharsets.UTF_8);
        if ("container".equals(name)) {
            s.containers.applyJson(json);
        } else if ("container_removed".equals(name)) {
            s.containers.applyRemoved(json);
        }
    }

    // ---------------------------------------------------------------- bookkeeping for fields

    /**
     * On a switch event: the exec time of the thread switched out (the time since the previous
     * switch on the same CPU, 0 for the first) and its running total, which thread.exectime and
     * thread.totexectime show.
     */
    static void schedulerTimes(MachineState s, ScapEvent e) {
        int cpu = e.cpu();
        if (cpu < 0 || s.stateOnly) {
            // sysdig extracts no field from an event it does not show, so it keeps no time for it
            return;
        }
        if (cpu >= s.lastSwitchTs.length) {
            s.lastSwitchTs = Arrays.copyOf(s.lastSwitchTs, cpu + 1);
        }
        long last = s.lastSwitchTs[cpu];
        s.execTime = last != 0 ? e.ts() - last : 0;
        s.lastSwitchTs[cpu] = e.ts();
        ThreadInfo t = s.tinfo != null ? s.tinfo : s.threads.get(e.tid());
        if (t != null) {
            t.totExecTime += s.execTime;
        }
    }

    /** On a procinfo event: the thread's CPU times, keeping the previous ones for thread.cpu. */
    static void procInfo(MachineState s, ScapEvent e) {
        ThreadInfo t = s.tinfo;
        if (t == null || e.paramCount() < 2) {
            return;
        }
        t.prevCpuUser = t.cpuUser;
        t.prevCpuSystem = t.cpuSystem;
        t.cpuUser = e.paramAsLong(0);
        t.cpuSystem = e.paramAsLong(1);
    }

    /**
     * Sets the category of a thread whose container was just resolved, as libsinsp's
     * identify_category: a container's init, a health probe (the exact command of one of its
     * container's probes, not under the container's init), or what its parent is.
     */
    static void identifyCategory(MachineState s, ThreadInfo t) {
        if (t.containerId.isEmpty()) {
            return;
        }
        if (t.vpid == 1) {
            t.category = ThreadInfo.CATEGORY_CONTAINER;
            return;
        }
        ThreadInfo parent = t.parent();
        if (parent != null && parent.category != ThreadInfo.CATEGORY_NONE) {
            t.category = parent.category;
            return;
        }
        ContainerInfo c = s.containers.get(t.containerId);
        if (c == null || !c.isSuccessful()) {
            return;
        }
        ContainerInfo.HealthProbe.Kind kind = null;
        for (ContainerInfo.HealthProbe p : c.healthProbes()) {
            if (p.exe().equals(t.exe) && p.args().equals(t.args)) {
                kind = p.kind();
                break;
            }
        }
        if (kind == null) {
            return;
        }
        boolean[] underInit = new boolean[1];
        t.forEachAncestor(a -> {
            if (a.vpid == 1 && !a.containerId.isEmpty()) {
                underInit[0] = true;
                return false;
            }
            return true;
        });
        if (!underInit[0]) {
            switch (kind) {
                case HEALTHCHECK: t.category = ThreadInfo.CATEGORY_HEALTHCHECK; break;
                case LIVENESS_PROBE: t.category = ThreadInfo.CATEGORY_LIVENESS_PROBE; break;
                default: t.category = ThreadInfo.CATEGORY_READINESS_PROBE; break;
            }
        }
    }

    /** Page faults and memory sizes, parameters 8 to 12 of clone and execve exits after their first layout. */
    private static void memoryCounters(ThreadInfo t, ScapEvent e) {
        t.pfMajor = num(e, 8);
        t.pfMinor = num(e, 9);
        t.vmSizeKb = num(e, 10);
        t.vmRssKb = num(e, 11);
        t.vmSwapKb = num(e, 12);
    }

    // ---------------------------------------------------------------- parameter helpers

    /** A numeric parameter, 0 when the event lacks it. */
    static long num(ScapEvent e, int i) {
        return i < e.paramCount() ? e.paramAsLong(i) : 0;
    }

    /** A string parameter, "" when the event lacks it. */
    static String str(ScapEvent e, int i) {
        return i < e.paramCount() ? e.paramAsString(i) : "";
    }

    /** A NUL-separated list parameter (argv, env, cgroups), empty when the event lacks it. */
    static List<String> strings(ScapEvent e, int i) {
        if (i >= e.paramCount()) {
            return List.of();
        }
        byte[] b = e.paramBytes(i);
        return ListParams.split(b, b.length);
    }
}
