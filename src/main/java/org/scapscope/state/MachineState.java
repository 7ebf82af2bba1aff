package org.scapscope.state;

import static org.scapscope.state.EventTypeIds.*;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.scapscope.scap.BlockRef;
import org.scapscope.scap.BlockType;
import org.scapscope.scap.EventInfo;
import org.scapscope.scap.EventSchema;
import org.scapscope.scap.EventTypes;
import org.scapscope.scap.FdRecord;
import org.scapscope.scap.InterfaceRecord;
import org.scapscope.scap.KeySet;
import org.scapscope.scap.MetadataReader;
import org.scapscope.scap.ScapEvent;
import org.scapscope.scap.ScapFile;
import org.scapscope.scap.SysdigTable;
import org.scapscope.scap.ThreadRecord;
import org.scapscope.scap.UserRecord;

/**
 * The machine as the capture describes it at the current event: threads with their descriptors,
 * users and groups, containers and network interfaces. It starts from the metadata blocks of a
 * section and is brought forward by {@link #apply}, one event at a time in file order, as libsinsp
 * does; the parsers for each family of events live in {@link ProcessEvents}, {@link FileEvents}
 * and {@link SocketEvents}.
 *
 * <p>After {@code apply}, {@link #thread()} and {@link #fd()} are the thread and descriptor the
 * event acted on, which the fields read.
 */
public final class MachineState {
    static final long UNKNOWN_ID = 0xFFFF_FFFFL;

    final ScapFile capture;
    ThreadTable threads = new ThreadTable();
    Users users = new Users();
    Containers containers = new Containers();
    Interfaces interfaces = new Interfaces();
    Set<Integer> serverPorts = new HashSet<>();

    // What the current event acted on.
    ThreadInfo tinfo;
    FdInfo fdinfo;
    int errorCode;
    boolean stateOnly;

    // Switch bookkeeping for thread.exectime (see ProcessEvents.schedulerTimes): the time of the
    // last switch on each CPU, and the exec time the current switch event ends (0 on other events).
    long[] lastSwitchTs = new long[0];
    long execTime;

    // Removals libsinsp makes at the start of the next event, so that an exit or close event still
    // sees what it ends.
    long tidToRemove = -1;
    long tidOfFdsToRemove = -1;
    final List<Long> fdsToRemove = new ArrayList<>();

    // The last argv, environment and cgroups decoded, and what the cgroups resolved to while the
    // container table stayed as it was: children of a forking server share them.
    final ListParams argParams = new ListParams();
    final ListParams envParams = new ListParams();
    final ListParams cgroupParams = new ListParams();
    private final java.util.IdentityHashMap<List<String>, ResolvedCgroups> resolved = new java.util.IdentityHashMap<>();

    /** Cgroups parsed, and the container they named when the container table was at {@code version}. */
    private record ResolvedCgroups(List<String[]> parsed, String container, int version) {
    }

    private final ScapEvent enter = new ScapEvent();
    private ScapEvent current;

    private MachineState(ScapFile capture) {
        this.capture = capture;
    }

    /** The state at the start of a section: its process, fd, interface and user lists. */
    public static MachineState atSectionStart(ScapFile capture, int section) {
        MachineState s = new MachineState(capture);
        // a capture whose first section header could not be read has no section: nothing to load
        if (section < capture.sections().size()) {
            s.load(section);
        }
        return s;
    }

    /** An empty machine, for captures built event by event. */
    public static MachineState empty(ScapFile capture) {
        return new MachineState(capture);
    }

    public ThreadTable threads() {
        return threads;
    }

    public Users users() {
        return users;
    }

    public Containers containers() {
        return containers;
    }

    public Interfaces interfaces() {
        return interfaces;
    }

    /** Whether the machine runs containers: its container table holds one, or a thread runs in one. */
    public boolean knowsContainers() {
        return containers.size() > 0 || threads.all().stream().anyMatch(t -> !t.containerId().isEmpty());
    }

    /** Whether a container of the machine belongs to a Kubernetes pod: it carries the runtime's {@code io.kubernetes.} labels. */
    public boolean knowsKubernetes() {
        return containers.all().stream().anyMatch(c -> c.labels() != null
                && c.labels().keySet().stream().anyMatch(k -> k.startsWith("io.kubernetes.")));
    }

    /** The thread of the current event, or null. */
    public ThreadInfo thread() {
        return tinfo;
    }

    /** The descriptor the current event used or created, or null. */
    public FdInfo fd() {
        return fdinfo;
    }

    /** The errno of the current event when it failed, else 0. */
    public int errorCode() {
        return errorCode;
    }

    /** The CPU time, in ns, of the thread the current switch event switches out; 0 on other events. */
    public long execTime() {
        return execTime;
    }

    /** Whether the current event only updates state and is hidden from output. */
    public boolean isStateOnly() {
        return stateOnly;
    }

    /** Whether the current event changed the name of its descriptor. */
    public boolean fdNameChanged() {
        return fdinfo != null && fdinfo.nameChanged();
    }

    // ------------------------------------------------------------------------------- initial state

    private void load(int section) {
        List<ThreadRecord> procs = new ArrayList<>();
        List<MetadataReader> fdLists = new ArrayList<>();
        for (BlockRef b : capture.metadataBlocks(section)) {
            MetadataReader r = capture.metadata(b);
            if (BlockType.processListVersion(b.type()) > 0) {
                procs.addAll(r.threads());
            } else if (BlockType.isFdList(b.type())) {
                fdLists.add(r);
            } else if (BlockType.isInterfaceList(b.type())) {
                for (InterfaceRecord i : r.interfaces()) {
                    interfaces.add(i);
                }
            } else if (BlockType.isUserList(b.type())) {
                for (UserRecord u : r.users()) {
                    users.add(u);
                }
            }
        }
        for (ThreadRecord p : procs) {
            threads.put(fromRecord(p));
        }
        for (MetadataReader r : fdLists) {
            ThreadInfo t = threads.get(r.fdListThread());
            if (t == null) {
                continue;
            }
            // libsinsp imports a thread's descriptors through one reused record whose socket area is
            // only partly overwritten by each entry: what one entry leaves there shows through the next.
            FdInfo carried = new FdInfo();
            for (FdRecord f : r.fds()) {
                FdInfo fd = fromRecord(f, carried);
                if (fd != null) {
                    t.fdTable.put(f.fd(), fd);
                }
            }
        }
        for (ThreadInfo t : threads.all()) {
            incrementMainThreadChildCount(t);
        }
        for (ThreadInfo t : threads.all()) {
            fixSocketsFromProc(t);
        }
        // The user and group records written before the section's first event describe the users
        // known when it began (found by the event they precede: those before an earlier one belong
        // to an earlier section).
        long first = capture.sections().get(section).firstEvent();
        for (int i = capture.firstStateRecordAt(first); i < capture.stateRecordCount(); i++) {
            ScapEvent r = capture.readStateRecord(i, enter);
            if (r.index() > first) {
                break;
            }
            if (capture.sectionOf(r.index()) == section) {
                applyUserRecord(r);
            }
        }
    }

    private ThreadInfo fromRecord(ThreadRecord p) {
        ThreadInfo t = new ThreadInfo(threads);
        t.tid = p.tid();
        t.pid = p.pid();
        t.ptid = p.ptid();
        t.sid = p.sid();
        t.vpgid = p.vpgid();
        t.comm = p.comm();
        t.exe = p.exe();
        t.exepath = p.exepath();
        t.exeWritable = p.exeWritable();
        t.args = p.args();
        if (t.isMainThread()) {
            t.env = p.env();
            t.cwd = "";
            t.setCwd(p.cwd());
        }
        t.flags = p.flags() | ThreadInfo.ACTIVE;
        t.fdlimit = p.fdlimit();
        t.uid = p.uid();
        t.gid = p.gid();
        t.vmSizeKb = p.vmSizeKb();
        t.vmRssKb = p.vmRssKb();
        t.vmSwapKb = p.vmSwapKb();
        t.pfMajor = p.pageFaultsMajor();
        t.pfMinor = p.pageFaultsMinor();
        t.vtid = p.vtid();
        t.vpid = p.vpid();
        t.tty = p.tty();
        t.loginuid = p.loginuid();
        t.cgroups = ThreadInfo.parseCgroups(p.cgroups());
        t.root = p.root();
        t.containerId = containers.resolve(p.cgroups()).id();
        ProcessEvents.identifyCategory(this, t);
        return t;
    }

    private FdInfo fromRecord(FdRecord f, FdInfo carried) {
        FdInfo fd = new FdInfo();
        fd.sock.put(0, carried.sock, 0, 40);
        FdInfo built = fillFromRecord(fd, f);
        carried.sock.put(0, fd.sock, 0, 40);
        return built;
    }

    private FdInfo fillFromRecord(FdInfo fd, FdRecord f) {
        fd.type = f.type();
        fd.flags = FdInfo.FROM_PROC;
        fd.ino = f.ino();
        switch (f.type()) {
            case FdRecord.IPV4_SOCK:
                fd.setV4(ip4(f.sourceIp(), 0), f.sourcePort(), ip4(f.destIp(), 0), f.destPort());
                fd.setV4Proto(f.l4proto());
                if (f.l4proto() == FdInfo.L4_TCP) {
                    fd.flags |= FdInfo.SOCKET_CONNECTED;
                }
                interfaces.updateFd(fd);
                fd.name = Sockets.v4TupleText(fd);
                break;
            case FdRecord.IPV4_SERVSOCK:
                fd.setV4Server(ip4(f.sourceIp(), 0), f.sourcePort(), f.l4proto());
                fd.name = Sockets.v4ServerText(fd);
                serverPorts.add(f.sourcePort());
                break;
            case FdRecord.IPV6_SOCK:
                if (Sockets.isV4Mapped(f.sourceIp()) && Sockets.isV4Mapped(f.destIp())) {
                    fd.type = FdRecord.IPV4_SOCK;
                    fd.setV4(ip4(f.sourceIp(), 12), f.sourcePort(), ip4(f.destIp(), 12), f.destPort());
                    fd.setV4Proto(f.l4proto());
                    if (f.l4proto() == FdInfo.L4_TCP) {
                        fd.flags |= FdInfo.SOCKET_CONNECTED;
                    }
                    interfaces.updateFd(fd);
                    fd.name = Sockets.v4TupleText(fd);
                } else {
                    fd.setV6SourceIp(f.sourceIp());
                    fd.setV6DestIp(f.destIp());
                    fd.setV6SourcePort(f.sourcePort());
                    fd.setV6DestPort(f.destPort());
                    fd.setV6Proto(f.l4proto());
                    if (f.l4proto() == FdInfo.L4_TCP) {
                        fd.flags |= FdInfo.SOCKET_CONNECTED;
                    }
                    fd.name = Sockets.v6TupleText(fd);
                }
                break;
            case FdRecord.IPV6_SERVSOCK:
                fd.setV6Server(f.sourceIp(), f.sourcePort(), f.l4proto());
                fd.name = Sockets.v6ServerText(fd);
                serverPorts.add(f.sourcePort());
                break;
            case FdRecord.UNIX_SOCK:
                fd.setUnix(f.unixSource(), f.unixDest());
                fd.name = f.name();
                if (fd.name.isEmpty()) {
                    fd.setRoleClient();
                } else {
                    fd.setRoleServer();
                }
                break;
            case FdRecord.FILE_V2:
                fd.openFlags = f.openFlags();
                fd.name = f.name();
                fd.dev = f.dev();
                break;
            case FdRecord.FIFO: case FdRecord.FILE: case FdRecord.DIRECTORY: case FdRecord.UNSUPPORTED:
            case FdRecord.SIGNALFD: case FdRecord.EVENTPOLL: case FdRecord.EVENT: case FdRecord.INOTIFY:
            case FdRecord.TIMERFD: case FdRecord.NETLINK:
                fd.name = f.name();
                break;
            default:
                return null;
        }
        return fd;
    }

    private static int ip4(byte[] b, int at) {
        return (b[at] & 0xFF) | (b[at + 1] & 0xFF) << 8 | (b[at + 2] & 0xFF) << 16 | (b[at + 3] & 0xFF) << 24;
    }

    private void fixSocketsFromProc(ThreadInfo t) {
        for (FdInfo fd : t.fdTable.values()) {
            if (fd.type != FdRecord.IPV4_SOCK) {
                continue;
            }
            if (serverPorts.contains(fd.v4SourcePort())) {
                int sip = fd.v4SourceIpRaw();
                int sport = fd.v4SourcePort();
                fd.setV4(fd.v4DestIpRaw(), fd.v4DestPort(), sip, sport);
                fd.name = Sockets.v4TupleText(fd);
                fd.setRoleServer();
            } else {
                fd.setRoleClient();
            }
        }
    }

    void incrementMainThreadChildCount(ThreadInfo t) {
        if ((t.flags & ThreadInfo.CLONE_THREAD) != 0) {
            ThreadInfo main = threadRef(t.pid, true);
            if (main != null) {
                main.nchilds++;
            }
        }
    }

    // ------------------------------------------------------------------------------- thread table

    /**
     * The thread with this id; when it is unknown and {@code create} is set, a placeholder is added
     * for it (name {@code <NA>}), as libsinsp does when it cannot ask the live system.
     */
    ThreadInfo threadRef(long tid, boolean create) {
        ThreadInfo t = threads.get(tid);
        if (t != null || !create) {
            return t;
        }
        t = new ThreadInfo(threads);
        t.tid = tid;
        t.pid = tid;
        t.ptid = -1;
        t.comm = "<NA>";
        t.exe = "<NA>";
        t.uid = UNKNOWN_ID;
        t.gid = UNKNOWN_ID;
        t.loginuid = UNKNOWN_ID;
        // the threads seen before their process's main thread
        t.nchilds = threads.withPid(tid);
        threads.put(t);
        return t;
    }

    void addThread(ThreadInfo t) {
        incrementMainThreadChildCount(t);
        threads.put(t);
    }

    void removeThread(long tid, boolean force) {
        ThreadInfo t = threads.get(tid);
        if (t == null) {
            return;
        }
        if (t.nchilds != 0 && !force) {
            return;
        }
        if ((t.flags & ThreadInfo.CLONE_THREAD) != 0) {
            ThreadInfo main = threads.get(t.pid);
            if (main != null && main.nchilds > 0) {
                main.nchilds--;
            }
        }
        threads.remove(tid);
    }

    // ------------------------------------------------------------------------------- events

    /** Applies one event; events must come in file order. */
    public void apply(ScapEvent e) {
        apply(e, false);
    }

    /**
     * Applies one event, or with {@code threadsOnly} only what it tells of processes (see
     * {@link #changesThreads}): descriptors, memory and scheduling are left as they are.
     */
    public void apply(ScapEvent e, boolean threadsOnly) {
        current = e;
        execTime = 0;
        passOver();
        stateOnly = (e.dumpFlags() & 1) != 0;
        if (EventTypes.isStateRecord(e.type())) {
            applyUserRecord(e);
            tinfo = null;
            fdinfo = null;
            return;
        }
        reset(e);
        if (!threadsOnly || changesThreads(e.type())) {
            parse(e);
        }
        if (tinfo != null && e.type() != SCHEDSWITCH_1_E && e.type() != SCHEDSWITCH_6_E) {
            tinfo.prevEventTs = tinfo.lastEventTs;
            tinfo.lastEventTs = e.ts();
        }
    }

    /**
     * What an event passed over would have done to the state before its own effects: the removals
     * the event before left for the next one (a thread that exited, descriptors closed). Work that
     * skips events whose own effects it does not read calls this at least once after the last event
     * it applied and before it reads the state again.
     */
    public void passOver() {
        if (tidToRemove != -1) {
            removeThread(tidToRemove, false);
            tidToRemove = -1;
        }
        if (!fdsToRemove.isEmpty()) {
            ThreadInfo t = threadRef(tidOfFdsToRemove, true);
            for (long fd : fdsToRemove) {
                FdTable table = t.fdTable();
                if (table != null) {
                    table.remove(fd);
                }
            }
            fdsToRemove.clear();
        }
    }

    private void applyUserRecord(ScapEvent r) {
        switch (r.type()) {
            case EventTypes.USER_ADDED_E:
                if (r.paramCount() >= 5) {
                    users.add(new UserRecord(false, r.paramAsLong(0), r.paramAsLong(1), r.paramAsString(2),
                            r.paramAsString(3), r.paramAsString(4)));
                }
                break;
            case EventTypes.GROUP_ADDED_E:
                if (r.paramCount() >= 2) {
                    users.add(new UserRecord(true, -1, r.paramAsLong(0), r.paramAsString(1), "", ""));
                }
                break;
            case EventTypes.USER_DELETED_E:
                if (r.paramCount() >= 1) {
                    users.removeUser(r.paramAsLong(0));
                }
                break;
            case EventTypes.GROUP_DELETED_E:
                if (r.paramCount() >= 1) {
                    users.removeGroup(r.paramAsLong(0));
                }
                break;
            default:
                break;
        }
    }

    // What reset needs to know of each event type, looked up once per event. Types past the known
    // ones have no flags, so their FD_PARAM is never asked for.
    private static final int[] FLAGS = new int[1 << 16];
    private static final boolean[] RESULT_FIRST = new boolean[1 << 16];
    private static final int[] FD_PARAM = new int[1 << 16];

    static {
        EventSchema schema = EventSchema.get();
        SysdigTable sysdig = SysdigTable.get();
        for (int t = 0; t < EventTypes.knownLimit(); t++) {
            FLAGS[t] = sysdig.flags(t);
            EventInfo info = schema.event(t);
            FD_PARAM[t] = info == null ? -1 : info.paramIndex("fd");
            if (info != null && info.paramCount() > 0) {
                String first = info.params().get(0).name();
                RESULT_FIRST[t] = first.equals("res") || first.equals("fd");
            }
        }
    }

    /** Finds the thread and descriptor of an event and keeps the enter/exit bookkeeping, as libsinsp's reset. */
    private void reset(ScapEvent e) {
        int type = e.type();
        int flags = FLAGS[type];
        fdinfo = null;
        errorCode = 0;
        if ((flags & EventInfo.EF_SKIPPARSERESET) != 0) {
            tinfo = type == PROCINFO_E ? threads.get(e.tid()) : null;
            return;
        }
        if (type == EventTypes.CONTAINER_JSON_E || type == EventTypes.CONTAINER_JSON_2_E
                || type == EventTypes.ASYNCEVENT_E || type == EventTypes.CONTAINER_E) {
            tinfo = null;
            return;
        }
        boolean create = !(isCloneExit(type) || type == SCHEDSWITCH_6_E);
        tinfo = threadRef(e.tid(), create);
        if (type == SCHEDSWITCH_6_E || tinfo == null) {
            return;
        }
        if (create) {
            tinfo.flags |= ThreadInfo.ACTIVE;
        }
        if (e.isEnter()) {
            tinfo.lastEventFd = -1;
            tinfo.lastEventType = type;
            if ((flags & EventInfo.EF_USES_FD) != 0 && e.paramCount() > 0) {
                tinfo.lastEventFd = e.paramAsLong(0);
                fdinfo = tinfo.fd(tinfo.lastEventFd);
            }
            tinfo.latency = 0;
            tinfo.lastLatencyEnter = e.ts();
            return;
        }
        if (tinfo.lastLatencyEnter != 0) {
            tinfo.latency = e.ts() - tinfo.lastLatencyEnter;
        }
        boolean paired = type == tinfo.lastEventType + 1;
        tinfo.lastEnterValid = paired && tinfo.lastEnterIndex >= 0;
        if (!paired) {
            // Captures of current drivers have exit events only, carrying the fd themselves.
            int fdParam = (flags & EventInfo.EF_USES_FD) != 0 ? FD_PARAM[type] : -1;
            if (fdParam < 0 || fdParam >= e.paramCount()) {
                return;
            }
            tinfo.lastEventFd = e.paramAsLong(fdParam);
        }
        if (RESULT_FIRST[type] && e.paramCount() > 0) {
            long res = e.paramAsLong(0);
            if (res < 0) {
                errorCode = (int) -res;
            }
        }
        if ((flags & EventInfo.EF_USES_FD) != 0) {
            if (type == COPY_FILE_RANGE_X && e.paramCount() > 1) {
                tinfo.lastEventFd = e.paramAsLong(1);
            }
            fdinfo = tinfo.fd(tinfo.lastEventFd);
        }
    }

    /** Keeps an enter event so that its exit can read its parameters. */
    void storeEnter(ScapEvent e) {
        if (tinfo != null) {
            tinfo.lastEnterIndex = e.index();
        }
    }

    /** The stored enter event matching an exit event, or null. */
    ScapEvent enterOf(ScapEvent exit) {
        if (tinfo == null || !tinfo.lastEnterValid || tinfo.lastEnterIndex < 0
                || tinfo.lastEnterIndex >= capture.eventCount()) {
            return null;
        }
        ScapEvent en = capture.read(tinfo.lastEnterIndex, enter);
        if (en.type() != exit.type() - 1) {
            tinfo.lastEnterValid = false;
            return null;
        }
        return en;
    }

    /** The enter event stored for an exit event of the current thread, without changing any state; or null. */
    public ScapEvent storedEnter(ScapEvent exit, ScapEvent into) {
        if (tinfo == null || !tinfo.lastEnterValid || tinfo.lastEnterIndex < 0
                || tinfo.lastEnterIndex >= capture.eventCount()) {
            return null;
        }
        ScapEvent en = capture.read(tinfo.lastEnterIndex, into);
        return en.type() == exit.type() - 1 ? en : null;
    }

    /** The directory a path of the current thread is relative to (see {@link FileEvents#dirOf}). */
    public String directoryFor(String name, long dirfd) {
        if (name.startsWith("/")) {
            return ".";
        }
        if (dirfd == -100) {
            return tinfo.cwd();
        }
        FdInfo dir = tinfo.fd(dirfd);
        return dir == null ? "<UNKNOWN>" : dir.name + "/";
    }

    /** Gives a thread these cgroups and the container they name, as sysdig resolves them. */
    void setCgroups(ThreadInfo t, List<String> raw) {
        ResolvedCgroups r = resolved.get(raw);
        if (r == null || r.version() != containers.version()) {
            List<String[]> parsed = r != null ? r.parsed() : ThreadInfo.parseCgroups(raw);
            String container = containers.resolve(raw).id();
            if (resolved.size() >= 256) {
                resolved.clear();
            }
            r = new ResolvedCgroups(parsed, container, containers.version());
            resolved.put(raw, r);
        }
        t.cgroups = r.parsed();
        t.containerId = r.container();
    }

    /** Marks a descriptor for removal at the start of the next event. */
    void eraseFd(ThreadInfo t, long fd) {
        tidOfFdsToRemove = t.tid;
        fdsToRemove.add(fd);
    }

    private void parse(ScapEvent e) {
        int type = e.type();
        switch (type) {
            case SENDTO_E:
                if (fdinfo == null && tinfo != null) {
                    SocketEvents.inferSendtoSocket(this, e);
                }
                storeEnter(e);
                break;
            case OPEN_E: case CREAT_E: case OPENAT_E: case OPENAT_2_E: case OPENAT2_E: case SOCKET_E:
            case EVENTFD_E: case CHDIR_E: case FCHDIR_E: case SHUTDOWN_E: case GETRLIMIT_E: case SETRLIMIT_E:
            case PRLIMIT_E: case SENDMSG_E: case SENDFILE_E: case SETRESUID_E: case SETRESGID_E: case SETUID_E:
            case SETGID_E: case EXECVE_18_E: case EXECVE_19_E: case EXECVEAT_E: case SETPGID_E:
                storeEnter(e);
                break;
            case READ_X: case WRITE_X: case RECV_X: case SEND_X: case RECVFROM_X: case RECVMSG_X: case SENDTO_X:
            case SENDMSG_X: case READV_X: case WRITEV_X: case PREAD_X: case PWRITE_X: case PREADV_X: case PWRITEV_X:
                SocketEvents.readWriteExit(this, e);
                break;
            case OPEN_X: case CREAT_X: case OPENAT_X: case OPENAT_2_X: case OPENAT2_X:
                FileEvents.openExit(this, e);
                break;
            case SELECT_E: case POLL_E: case PPOLL_E: case EPOLLWAIT_E:
                break;
            case CLONE_11_X: case CLONE_16_X: case CLONE_17_X: case CLONE_20_X: case FORK_X: case FORK_17_X:
            case FORK_20_X: case VFORK_X: case VFORK_17_X: case VFORK_20_X: case CLONE3_X:
                ProcessEvents.cloneExit(this, e);
                break;
            case EXECVE_8_X: case EXECVE_13_X: case EXECVE_14_X: case EXECVE_15_X: case EXECVE_16_X:
            case EXECVE_17_X: case EXECVE_18_X: case EXECVE_19_X: case EXECVEAT_X:
                ProcessEvents.execveExit(this, e);
                break;
            case PROCEXIT_E: case PROCEXIT_1_E:
                if (tinfo != null) {
                    tinfo.flags |= ThreadInfo.CLOSED;
                    tidToRemove = e.tid();
                }
                break;
            case PIPE_X: case PIPE2_X:
                FileEvents.pipeExit(this, e);
                break;
            case SOCKET_X:
                SocketEvents.socketExit(this, e);
                break;
            case BIND_X:
                SocketEvents.bindExit(this, e);
                break;
            case CONNECT_E:
                SocketEvents.connectEnter(this, e);
                break;
            case CONNECT_X:
                SocketEvents.connectExit(this, e);
                break;
            case ACCEPT_X: case ACCEPT_5_X: case ACCEPT4_X: case ACCEPT4_5_X: case ACCEPT4_6_X:
                SocketEvents.acceptExit(this, e);
                break;
            case CLOSE_E:
                if (tinfo != null) {
                    fdinfo = tinfo.fd(tinfo.lastEventFd);
                    if (fdinfo != null) {
                        fdinfo.flags |= FdInfo.CLOSE_IN_PROGRESS;
                    }
                }
                break;
            case CLOSE_X:
                FileEvents.closeExit(this, e);
                break;
            case FCNTL_E:
                FileEvents.fcntlEnter(this, e);
                break;
            case FCNTL_X:
                FileEvents.fcntlExit(this, e);
                break;
            case EVENTFD_X: case EVENTFD2_X:
                FileEvents.newDescriptor(this, e, FdRecord.EVENT);
                break;
            case SIGNALFD_X: case SIGNALFD4_X:
                FileEvents.newDescriptor(this, e, FdRecord.SIGNALFD);
                break;
            case TIMERFD_CREATE_X:
                FileEvents.newDescriptor(this, e, FdRecord.TIMERFD);
                break;
            case INOTIFY_INIT_X: case INOTIFY_INIT1_X:
                FileEvents.newDescriptor(this, e, FdRecord.INOTIFY);
                break;
            // calls sysdig 0.29.3 did not know, parsed as later libs parse them
            case EPOLL_CREATE_X: case EPOLL_CREATE1_X:
                FileEvents.newDescriptor(this, e, FdRecord.EVENTPOLL);
                break;
            case IO_URING_SETUP_X:
                FileEvents.newDescriptor(this, e, FdRecord.IOURING);
                break;
            case MEMFD_CREATE_X:
                FileEvents.memfdCreateExit(this, e);
                break;
            case PIDFD_OPEN_X:
                FileEvents.pidfdOpenExit(this, e);
                break;
            case PIDFD_GETFD_X:
                FileEvents.pidfdGetfdExit(this, e);
                break;
            case CHDIR_X:
                FileEvents.chdirExit(this, e);
                break;
            case FCHDIR_X:
                FileEvents.fchdirExit(this, e);
                break;
            case GETCWD_X:
                FileEvents.getcwdExit(this, e);
                break;
            case DUP_X: case DUP_1_X: case DUP2_X: case DUP3_X:
                FileEvents.dupExit(this, e);
                break;
            case GETRLIMIT_X: case SETRLIMIT_X:
                ProcessEvents.rlimitExit(this, e);
                break;
            case PRLIMIT_X:
                ProcessEvents.prlimitExit(this, e);
                break;
            case SOCKETPAIR_X:
                SocketEvents.socketpairExit(this, e);
                break;
            case SCHEDSWITCH_1_E: case SCHEDSWITCH_6_E:
                ProcessEvents.schedulerTimes(this, e);
                ProcessEvents.contextSwitch(this, e);
                break;
            case BRK_4_X: case MMAP_X: case MMAP2_X: case MUNMAP_X:
                ProcessEvents.memoryExit(this, e);
                break;
            case SETRESUID_X: case SETRESGID_X: case SETUID_X: case SETGID_X:
                ProcessEvents.credentialsExit(this, e);
                break;
            case EventTypes.CONTAINER_E:
                ProcessEvents.legacyContainer(this, e);
                break;
            case EventTypes.CONTAINER_JSON_E: case EventTypes.CONTAINER_JSON_2_E:
                containers.apply(e); // a record repeated byte for byte is not decoded again
                break;
            case EventTypes.ASYNCEVENT_E:
                ProcessEvents.asyncEvent(this, e);
                break;
            case CHROOT_X:
                ProcessEvents.chrootExit(this, e);
                break;
            case SETSID_X:
                ProcessEvents.setsidExit(this, e);
                break;
            case PROCINFO_E:
                ProcessEvents.procInfo(this, e);
                break;
            default:
                break;
        }
    }

    private static final boolean[] THREAD_EVENTS = new boolean[1 << 16];

    static {
        int[] exits = {CLONE_11_X, CLONE_16_X, CLONE_17_X, CLONE_20_X, FORK_X, FORK_17_X, FORK_20_X, VFORK_X,
            VFORK_17_X, VFORK_20_X, CLONE3_X, EXECVE_8_X, EXECVE_13_X, EXECVE_14_X, EXECVE_15_X, EXECVE_16_X,
            EXECVE_17_X, EXECVE_18_X, EXECVE_19_X, EXECVEAT_X, SETRESUID_X, SETRESGID_X, SETUID_X, SETGID_X,
            SETSID_X, CHROOT_X, SETPGID_E + 1};
        for (int x : exits) {
            THREAD_EVENTS[x] = true;
            THREAD_EVENTS[x - 1] = true;
        }
        for (int t : new int[] {PROCEXIT_E, PROCEXIT_1_E, EventTypes.CONTAINER_E,
            EventTypes.CONTAINER_JSON_E, EventTypes.CONTAINER_JSON_2_E, EventTypes.ASYNCEVENT_E}) {
            THREAD_EVENTS[t] = true;
        }
    }

    /**
     * Whether events of this type can change what the thread table tells of processes (their names,
     * arguments, parents, users, containers), as opposed to descriptors, memory or scheduling. Applying
     * only these events, and the events to be looked at, keeps those facts right at the events looked at.
     */
    public static boolean changesThreads(int type) {
        return type >= 0 && type < THREAD_EVENTS.length && THREAD_EVENTS[type];
    }

    /** The type keys of the events that {@link #changesThreads(int, boolean) change threads}. */
    public static KeySet threadKeys(boolean cpuTimes) {
        return (cpuTimes ? ThreadKeys.WITH_CPU_TIMES : ThreadKeys.WITHOUT_CPU_TIMES).copy();
    }

    private static final class ThreadKeys {
        static final KeySet WITH_CPU_TIMES = KeySet.ofTypes(t -> changesThreads(t, true));
        static final KeySet WITHOUT_CPU_TIMES = KeySet.ofTypes(t -> changesThreads(t, false));
    }

    /**
     * As {@link #changesThreads(int)}, for work that reads no CPU times ({@code cpuTimes} false):
     * process-info records change nothing else, and are then passed over.
     */
    public static boolean changesThreads(int type, boolean cpuTimes) {
        return changesThreads(type) && (cpuTimes || !changesCpuTimesOnly(type));
    }

    /**
     * Whether events of this type change nothing but threads' CPU times (process-info records):
     * work that reads no CPU times and cannot select them may pass them over.
     */
    public static boolean changesCpuTimesOnly(int type) {
        return type == PROCINFO_E;
    }

    /** The event being applied. */
    ScapEvent current() {
        return current;
    }
}
