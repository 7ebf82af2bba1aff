package org.scapscope.view;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.scapscope.field.FieldContext;
import org.scapscope.filter.FalcoRules;
import org.scapscope.filter.Filter;
import org.scapscope.filter.FilterException;
import org.scapscope.filter.FilterNode;
import org.scapscope.filter.FilterParser;
import org.scapscope.filter.FilterScan;
import org.scapscope.scap.EventTypes;
import org.scapscope.scap.FdRecord;
import org.scapscope.scap.ScapEvent;
import org.scapscope.scap.ScapFile;
import org.scapscope.scap.UserRecord;
import org.scapscope.state.AddressText;
import org.scapscope.state.ContainerInfo;
import org.scapscope.state.ContainerType;
import org.scapscope.state.FdInfo;
import org.scapscope.state.FdTable;
import org.scapscope.state.MachineState;
import org.scapscope.state.StateHistory;
import org.scapscope.state.ThreadInfo;

/**
 * The machine as a capture knew it just after one of its events: the threads, the descriptors they
 * had open, the network connections among them, and the containers. These are the tables of sysdig's
 * "System State" chisels ({@code ps}, {@code lsof}, {@code netstat}, {@code lscontainers}), at any
 * event rather than the first one only, reached from the nearest state checkpoint.
 *
 * <p>A filter narrows the tables as those chisels narrow them: it is tested on each open descriptor
 * of each thread, as if that thread had just read from it; a thread is listed when one of its
 * descriptors passes, and only the descriptors that pass are listed. Under a filter, the containers
 * listed are those of the threads listed (sysdig's lscontainers takes no filter).
 */
public final class StateTables {
    /** The type of the event a descriptor is tested as: a read's exit, as sysdig makes it up. */
    private static final int READ_EXIT = 7;

    private StateTables() {
    }

    /** The tables, each as sysdig's chisel of that name prints it. */
    public enum Table {
        PS("ps"),
        LSOF("lsof"),
        NETSTAT("netstat"),
        CONTAINERS("containers");

        private final String id;

        Table(String id) {
            this.id = id;
        }

        /** The table with this name, or null. */
        public static Table of(String id) {
            for (Table t : values()) {
                if (t.id.equalsIgnoreCase(id) || t.name().equalsIgnoreCase(id)) {
                    return t;
                }
            }
            return "lscontainers".equalsIgnoreCase(id) ? CONTAINERS : null;
        }
    }

    /**
     * A thread.
     *
     * @param user the name of its user, {@code <NA>} when the capture does not list it
     * @param fdlimit the most descriptors it may open, -1 when unknown
     * @param commandLine {@code proc.cmdline}: the process name and its arguments
     * @param cwd the working directory of its process
     * @param containerId its container's id, {@code host} outside any
     * @param openFds how many descriptors its process has open
     * @param cloneTs when it was created (ns since the epoch), 0 when the capture does not say
     */
    public record Thread(long tid, long pid, long ptid, long uid, String user, long vmSizeKb, long vmRssKb,
                         long fdlimit, String comm, String exe, String commandLine, String cwd, String containerId,
                         int openFds, long cloneTs) {
        /** What tells this thread from another: its id, when it was created, and what it runs (an exec changes it). */
        List<Object> identity() {
            return List.of(tid, cloneTs, comm, commandLine);
        }
    }

    /** A descriptor open in a thread, {@code type} and {@code name} as {@code fd.type} and {@code fd.name} give them. */
    public record OpenFd(long tid, long pid, String comm, String user, long fd, String type, String name) {
        /** A descriptor is its process's: the threads that share it list it each, and count as one. */
        List<Object> identity() {
            return List.of(pid, fd, type, name);
        }
    }

    /**
     * A socket of the IPv4 or IPv6 families, its ends as sysdig's {@code netstat} names them: the
     * server end is the destination of the socket's tuple, the client end its source; a listening
     * socket has no client end (null).
     */
    public record Connection(String proto, String server, String client, long tid, long pid, String comm, long fd) {
        public boolean listening() {
            return client == null;
        }

        List<Object> identity() {
            return java.util.Arrays.asList(pid, fd, proto, server, client);
        }
    }

    /** A container the capture described, {@code type} as sysdig's {@code lscontainers} names it. */
    public record Container(String type, String image, String name, String id) {
    }

    /**
     * The tables just after one event.
     *
     * @param eventIndex the event (its index: {@code evt.num} minus one)
     * @param ts the event's time, ns since the epoch
     */
    public record Snapshot(long eventIndex, long ts, List<Thread> threads, List<OpenFd> fds,
                           List<Connection> connections, List<Container> containers) {
        public long eventNumber() {
            return eventIndex + 1;
        }
    }

    /** The field classes a filter of the tables may use, as sysdig's thread-table filters take them. */
    private static final List<String> TABLE_FIELD_CLASSES = List.of("proc.", "thread.", "fd.", "fdlist.", "user.",
            "group.", "container.", "k8s.", "mesos.");

    /**
     * The first field of {@code expression} (its macros expanded with {@code rules}) that the tables
     * cannot be narrowed by, or null: a field of the event ({@code evt.type}, {@code syslog.*},
     * {@code fs.path.*}), which sysdig's chisels refuse as "not supported for thread table filtering".
     * The tables are narrowed by processes, threads, descriptors, users and containers only.
     */
    public static String eventField(String expression, FalcoRules rules)
            throws FilterException {
        if (expression == null || expression.isBlank()) {
            return null;
        }
        return eventField(rules.expand(FilterParser.parse(expression), expression));
    }

    private static String eventField(FilterNode n) {
        if (n instanceof FilterNode.And a) {
            return firstEventField(a.operands());
        } else if (n instanceof FilterNode.Or o) {
            return firstEventField(o.operands());
        } else if (n instanceof FilterNode.Not not) {
            return eventField(not.operand());
        } else if (n instanceof FilterNode.MacroUse m) {
            return m.expansion() == null ? null : eventField(m.expansion());
        } else if (n instanceof FilterNode.Comparison c) {
            String f = eventField(c.field());
            for (int i = 0; f == null && i < c.values().size(); i++) {
                if (c.values().get(i) instanceof FilterNode.FieldValue v) {
                    f = eventField(v.field());
                }
            }
            return f;
        }
        return null;
    }

    private static String firstEventField(List<FilterNode> nodes) {
        for (FilterNode o : nodes) {
            String f = eventField(o);
            if (f != null) {
                return f;
            }
        }
        return null;
    }

    private static String eventField(FilterNode.FieldOperand f) {
        if (f instanceof FilterNode.Transformed t) {
            return eventField(t.operand());
        }
        String ref = ((FilterNode.FieldRef) f).reference();
        for (String c : TABLE_FIELD_CLASSES) {
            if (ref.startsWith(c)) {
                return null;
            }
        }
        return ref;
    }

    /**
     * The tables just after event {@code eventIndex} has been applied, narrowed by {@code filter}
     * (null: all); -1 for the tables before the first event, as the capture's process and descriptor
     * lists give them (at the first event's time).
     */
    public static Snapshot after(ScapFile capture, StateHistory history, long eventIndex, Filter filter)
            throws IOException {
        if (eventIndex < -1 || eventIndex >= capture.eventCount()) {
            throw new IndexOutOfBoundsException("event " + (eventIndex + 1) + " is not in the capture, which has "
                    + capture.eventCount() + " events");
        }
        MachineState state = history.before(eventIndex + 1);
        long ts = eventIndex >= 0 ? capture.read(eventIndex, capture.newEvent()).ts()
                : capture.eventCount() > 0 ? capture.read(0, capture.newEvent()).ts() : 0;
        // the container records some captures start with are stamped 0: their moment is the capture's start
        ts = Math.max(ts, capture.firstTs());
        return of(capture, state, history.sectionBefore(eventIndex + 1), eventIndex, ts, filter);
    }

    private static Snapshot of(ScapFile capture, MachineState state, int section, long eventIndex, long ts,
                               Filter filter) {
        FieldContext ctx = null;
        if (filter != null) {
            ctx = new FieldContext(capture);
            ctx.resume(state, section, ts);
        }
        List<ThreadInfo> sorted = new ArrayList<>(state.threads().all());
        sorted.sort(Comparator.comparingLong(ThreadInfo::tid));
        List<Thread> threads = new ArrayList<>();
        List<OpenFd> fds = new ArrayList<>();
        List<Connection> connections = new ArrayList<>();
        for (ThreadInfo t : sorted) {
            FdTable table = t.fdTable();
            Map<Long, FdInfo> open = table == null ? Map.of() : table.all();
            String user = userName(state, t.uid());
            boolean listed = filter == null;
            ScapEvent probe = filter == null ? null : ScapEvent.synthetic(READ_EXIT, t.tid(), ts);
            List<Long> numbers = new ArrayList<>(open.keySet());
            numbers.sort(null);
            for (long n : numbers) {
                FdInfo fd = open.get(n);
                if (filter != null) {
                    ctx.describe(probe, t, n, fd);
                    if (!filter.test(ctx)) {
                        continue;
                    }
                    listed = true;
                }
                fds.add(new OpenFd(t.tid(), t.pid(), t.comm(), user, n, fd.typeString(), fd.printableName()));
                Connection c = connection(t, n, fd);
                if (c != null) {
                    connections.add(c);
                }
            }
            if (listed) {
                threads.add(new Thread(t.tid(), t.pid(), t.ptid(), t.uid(), user, t.vmSizeKb(), t.vmRssKb(),
                        t.fdlimit(), t.comm(), t.exe(), t.commandLine(), t.cwd(),
                        t.containerId().isEmpty() ? "host" : t.containerId(),
                        open.size(), t.cloneTs()));
            }
        }
        java.util.Set<String> ofThreads = new java.util.HashSet<>();
        for (Thread t : threads) {
            ofThreads.add(t.containerId());
        }
        List<Container> containers = new ArrayList<>();
        for (ContainerInfo c : state.containers().all()) {
            if (c.type() != ContainerType.HOST && (filter == null || ofThreads.contains(c.id()))) {
                containers.add(new Container(typeName(c.type()), c.image(), c.name(), c.id()));
            }
        }
        return new Snapshot(eventIndex, ts, List.copyOf(threads), List.copyOf(fds), List.copyOf(connections),
                List.copyOf(containers));
    }

    /** The first event of those sysdig's chisels see ({@link #seenByChisels}) that the filter selects, or -1. */
    public static long firstSelected(ScapFile capture, Filter filter) throws Exception {
        return FilterScan.first(capture, filter, StateTables::seenByChisels);
    }

    /** The first event sysdig's chisels see ({@link #seenByChisels}), or -1 when there is none. */
    public static long firstEvent(ScapFile capture) {
        ScapEvent e = capture.newEvent();
        for (long i = 0; i < capture.eventCount(); i++) {
            if (seenByChisels(capture.read(i, e))) {
                return i;
            }
        }
        return -1;
    }

    /**
     * Whether sysdig hands an event to its chisels: every event but container records and those
     * written for their state alone, which its state engine takes in and passes no further. Process
     * snapshots, which its event list hides, are handed on.
     */
    public static boolean seenByChisels(ScapEvent e) {
        return !EventTypes.isContainerRecord(e.type()) && (e.dumpFlags() & 1) == 0;
    }

    private static Connection connection(ThreadInfo t, long n, FdInfo fd) {
        String proto = protoName(fd.l4proto());
        switch (fd.type()) {
            case FdRecord.IPV4_SOCK:
                return new Connection(proto, AddressText.ip4(fd.v4DestIp()) + ":" + fd.v4DestPort(),
                        AddressText.ip4(fd.v4SourceIp()) + ":" + fd.v4SourcePort(), t.tid(), t.pid(), t.comm(), n);
            case FdRecord.IPV4_SERVSOCK:
                return new Connection(proto, AddressText.ip4(fd.v4ServerIp()) + ":" + fd.v4ServerPort(), null,
                        t.tid(), t.pid(), t.comm(), n);
            case FdRecord.IPV6_SOCK:
                return new Connection(proto, AddressText.ip6(fd.v6DestIp()) + ":" + fd.v6DestPort(),
                        AddressText.ip6(fd.v6SourceIp()) + ":" + fd.v6SourcePort(), t.tid(), t.pid(), t.comm(), n);
            case FdRecord.IPV6_SERVSOCK:
                return new Connection(proto, AddressText.ip6(fd.v6ServerIp()) + ":" + fd.v6ServerPort(), null,
                        t.tid(), t.pid(), t.comm(), n);
            default:
                return null;
        }
    }

    private static String protoName(int l4) {
        switch (l4) {
            case FdInfo.L4_TCP: return "tcp";
            case FdInfo.L4_UDP: return "udp";
            case FdInfo.L4_ICMP: return "icmp";
            case FdInfo.L4_RAW: return "raw";
            default: return "<NA>";
        }
    }

    /** The user's name, {@code <NA>} for a uid the capture does not list. */
    private static String userName(MachineState state, long uid) {
        if (uid == 0xFFFF_FFFFL || uid == -1) {
            return "<NA>";
        }
        UserRecord u = state.users().user(uid);
        return u == null ? "<NA>" : u.name();
    }

    private static String typeName(ContainerType type) {
        if (type == ContainerType.LIBVIRT_LXC) {
            return "libvirt_lxc";
        }
        return type.label() == null ? "unknown" : type.label();
    }

    /** A process of the process tree, {@code depth} levels below the processes with no known parent. */
    public record TreeRow(Thread process, int depth) {
    }

    /**
     * The processes of a thread table as a tree, depth first: each process (its main thread, or its
     * first thread when the main one is not known) under the process of its parent thread, those
     * with no known parent at the top; children in order of process id.
     */
    public static List<TreeRow> processTree(List<Thread> threads) {
        java.util.Map<Long, Thread> byTid = new java.util.HashMap<>();
        java.util.TreeMap<Long, Thread> byPid = new java.util.TreeMap<>();
        for (Thread t : threads) {
            byTid.put(t.tid(), t);
            Thread known = byPid.get(t.pid());
            if (known == null || t.tid() == t.pid() || known.tid() != known.pid() && t.tid() < known.tid()) {
                byPid.put(t.pid(), t);
            }
        }
        java.util.Map<Long, List<Thread>> children = new java.util.HashMap<>();
        List<Thread> roots = new ArrayList<>();
        for (Thread p : byPid.values()) {
            Thread parentThread = byTid.get(p.ptid());
            Thread parent = parentThread == null ? null : byPid.get(parentThread.pid());
            if (parent == null || parent.pid() == p.pid()) {
                roots.add(p);
            } else {
                children.computeIfAbsent(parent.pid(), k -> new ArrayList<>()).add(p);
            }
        }
        List<TreeRow> out = new ArrayList<>();
        java.util.Set<Long> placed = new java.util.HashSet<>();
        for (Thread r : roots) {
            place(r, 0, children, placed, out);
        }
        // processes in a loop of parents (a capture that contradicts itself) are placed at the top
        for (Thread p : byPid.values()) {
            if (!placed.contains(p.pid())) {
                place(p, 0, children, placed, out);
            }
        }
        return out;
    }

    private static void place(Thread p, int depth, java.util.Map<Long, List<Thread>> children,
            java.util.Set<Long> placed, List<TreeRow> out) {
        java.util.ArrayDeque<TreeRow> stack = new java.util.ArrayDeque<>();
        stack.push(new TreeRow(p, depth));
        while (!stack.isEmpty()) {
            TreeRow r = stack.pop();
            if (!placed.add(r.process().pid())) {
                continue;
            }
            out.add(r);
            List<Thread> kids = children.getOrDefault(r.process().pid(), List.of());
            for (int i = kids.size() - 1; i >= 0; i--) {
                stack.push(new TreeRow(kids.get(i), r.depth() + 1));
            }
        }
    }

    /** What is in one table at the later moment and not at the earlier one ({@code added}), and the other way. */
    public record Changes<T>(List<T> added, List<T> removed) {
        public boolean isEmpty() {
            return added.isEmpty() && removed.isEmpty();
        }
    }

    /**
     * How the machine changed from one moment to a later one: the threads that started (or ran
     * another program) and ended, the descriptors opened and closed (a process's once, whichever of
     * its threads list them), the connections made and gone, the containers described and removed.
     * Under a filter, a row is added when it comes to pass the filter (a thread whose new descriptor
     * passes it) and removed when it no longer does.
     */
    public record Diff(Snapshot from, Snapshot to, Changes<Thread> threads, Changes<OpenFd> fds,
                       Changes<Connection> connections, Changes<Container> containers) {
        /** Whether nothing changed. */
        public boolean isEmpty() {
            return threads.isEmpty() && fds.isEmpty() && connections.isEmpty() && containers.isEmpty();
        }

        /** The rows added, as the tables of the later moment. */
        public Snapshot added() {
            return new Snapshot(to.eventIndex(), to.ts(), threads.added(), fds.added(), connections.added(),
                    containers.added());
        }

        /** The rows removed, as the tables of the earlier moment. */
        public Snapshot removed() {
            return new Snapshot(from.eventIndex(), from.ts(), threads.removed(), fds.removed(), connections.removed(),
                    containers.removed());
        }
    }

    /** The changes from {@code from} to {@code to}, each table's rows in their order. */
    public static Diff diff(Snapshot from, Snapshot to) {
        return new Diff(from, to, changes(from.threads(), to.threads(), Thread::identity),
                changes(from.fds(), to.fds(), OpenFd::identity),
                changes(from.connections(), to.connections(), Connection::identity),
                changes(from.containers(), to.containers(), c -> List.of(c.id())));
    }

    /** The rows of {@code after} whose identity {@code before} lacks, and the other way, each identity once. */
    private static <T> Changes<T> changes(List<T> before, List<T> after, java.util.function.Function<T, List<Object>> id) {
        return new Changes<>(missing(after, before, id), missing(before, after, id));
    }

    /** The rows of {@code rows} whose identity {@code other} lacks, the first of each identity. */
    private static <T> List<T> missing(List<T> rows, List<T> other, java.util.function.Function<T, List<Object>> id) {
        java.util.Set<List<Object>> seen = new java.util.HashSet<>();
        for (T t : other) {
            seen.add(id.apply(t));
        }
        List<T> out = new ArrayList<>();
        for (T t : rows) {
            if (seen.add(id.apply(t))) {
                out.add(t);
            }
        }
        return List.copyOf(out);
    }

    /**
     * The changes of one table as text: the table's heading, then a line per row added ({@code +})
     * and removed ({@code -}), each as the table prints it.
     */
    public static List<String> diffText(Diff d, Table table) {
        int heading = table == Table.CONTAINERS ? 2 : 1;
        List<String> plus = text(d.added(), table);
        List<String> minus = text(d.removed(), table);
        List<String> out = new ArrayList<>();
        for (String h : plus.subList(0, heading)) {
            out.add("  " + h);
        }
        for (String line : plus.subList(heading, plus.size())) {
            out.add("+ " + line);
        }
        for (String line : minus.subList(heading, minus.size())) {
            out.add("- " + line);
        }
        return out;
    }

    // ------------------------------------------------------------------------------- text

    /** A table as sysdig's chisel of the same name prints it: fixed-width columns under a heading. */
    public static List<String> text(Snapshot s, Table table) {
        List<String> out = new ArrayList<>();
        switch (table) {
            case PS:
                out.add(cell("TID", 8) + cell("PID", 8) + cell("USER", 12) + cell("VIRT", 11) + cell("RES", 11)
                        + cell("FDLIMIT", 10) + cell("CMD", 20));
                for (Thread t : s.threads()) {
                    out.add(cell(unsigned(t.tid()), 8) + cell(unsigned(t.pid()), 8) + cell(t.user(), 12)
                            + cell(bytes(t.vmSizeKb() * 1024), 11) + cell(bytes(t.vmRssKb() * 1024), 11)
                            + cell(unsigned(t.fdlimit()), 10) + t.comm());
                }
                break;
            case LSOF:
                out.add(cell("COMMAND", 20) + cell("PID", 8) + cell("TID", 8) + cell("USER", 8) + cell("FD", 8)
                        + cell("TYPE", 12) + "NAME");
                for (OpenFd f : s.fds()) {
                    out.add(cell(f.comm(), 20) + cell(unsigned(f.pid()), 8) + cell(unsigned(f.tid()), 8)
                            + cell(f.user(), 8) + cell(unsigned(f.fd()), 8) + cell(f.type(), 12) + f.name());
                }
                break;
            case NETSTAT:
                out.add(cell("Proto", 6) + cell("Server Address", 25) + cell("Client Address", 25) + cell("State", 15)
                        + "TID/PID/Program Name");
                for (Connection c : s.connections()) {
                    out.add(cell(c.proto(), 6) + cell(c.server(), 25)
                            + cell(c.listening() ? "0.0.0.0:*" : c.client(), 25)
                            + cell(c.listening() ? "LISTEN" : "ESTABLISHED", 15)
                            + unsigned(c.tid()) + "/" + unsigned(c.pid()) + "/" + c.comm());
                }
                break;
            default:
                out.add(cell("container.type", 15) + cell("container.image", 16) + cell("container.name", 20)
                        + cell("container.id", 13));
                out.add(cell("---------------", 15) + cell("----------------", 16) + cell("--------------------", 20)
                        + cell("-------------", 13));
                for (Container c : s.containers()) {
                    out.add(cell(c.type(), 15) + cell(c.image(), 16) + cell(c.name(), 20) + cell(c.id(), 13));
                }
                break;
        }
        return out;
    }

    /**
     * A column of the chisels' text: padded with spaces to {@code width}, or cut to one character
     * less and ended with a space.
     */
    static String cell(String s, int width) {
        if (s.length() < width) {
            return s + " ".repeat(width - s.length());
        }
        return s.substring(0, width - 1) + " ";
    }

    /** A number as the chisels print the 32-bit values sysdig hands them: -1 as 4294967295. */
    private static String unsigned(long v) {
        return Long.toString(v & 0xFFFF_FFFFL);
    }

    /** A size as the chisels write it: 1.50M, 12.00KB, 512B. */
    static String bytes(long v) {
        double d = v;
        if (d > Math.pow(1024, 5)) {
            return String.format(Locale.ROOT, "%.2fP", d / Math.pow(1024, 5));
        } else if (d > Math.pow(1024, 4)) {
            return String.format(Locale.ROOT, "%.2fT", d / Math.pow(1024, 4));
        } else if (d > Math.pow(1024, 3)) {
            return String.format(Locale.ROOT, "%.2fG", d / Math.pow(1024, 3));
        } else if (d > 1024 * 1024) {
            return String.format(Locale.ROOT, "%.2fM", d / (1024 * 1024));
        } else if (d > 1024) {
            return String.format(Locale.ROOT, "%.2fKB", d / 1024);
        }
        return v + "B";
    }
}
