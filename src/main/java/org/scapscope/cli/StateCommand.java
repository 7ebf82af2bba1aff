package org.scapscope.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.concurrent.Callable;
import org.scapscope.filter.Filter;
import org.scapscope.scap.ScapFile;
import org.scapscope.state.StateHistory;
import org.scapscope.view.StateTables;
import org.scapscope.view.StateTables.Table;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code scapscope state FILE [FILTER]}: the machine as the capture knew it at one event, as the
 * tables of sysdig's ps, lsof, netstat and lscontainers chisels.
 */
@Command(name = "state", mixinStandardHelpOptions = true,
        description = {"Print the machine as the capture knew it just after one event: its threads (ps), the "
                + "descriptors they had open (lsof), its network connections (netstat) or its containers, as "
                + "sysdig's chisels of those names print them. The event is the capture's first unless --at, "
                + "--time or --when chooses another.",
            "The FILTER is tested on each open descriptor of each thread, as if the thread had just read from it: "
                + "'fd.name contains /etc' lists the files under /etc and the threads that have them open."})
final class StateCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    CaptureOptions capture;

    @Parameters(index = "1", arity = "0..1", paramLabel = "FILTER", description = "Filter expression in the "
            + "sysdig/Falco language, tried on each open descriptor of each thread as if the thread had just read "
            + "from it: 'fd.name contains /etc', 'proc.name=nginx', 'fd.type=ipv4 and fd.port=443'.")
    String expression;

    @Mixin
    FilterOptions rules;

    @Option(names = "--table", paramLabel = "TABLE",
            description = "ps (threads, the default), lsof (open descriptors), netstat (connections) or containers.")
    String table;

    @Option(names = "--at", paramLabel = "N", description = "Just after event number N (evt.num).")
    Long at;

    @Option(names = "--time", paramLabel = "TIME", description = "Just after the last event at or before TIME (as the "
            + "app's clicks on the timeline): ns since the epoch, "
            + "+OFFSET from the capture's start (+1.5m, +5s) or a clock time (12:34:56.5).")
    String time;

    @Option(names = "--when", paramLabel = "FILTER", description = "Just after the first event this filter selects, "
            + "as sysdig -c lsof '' FILTER does: 'proc.name=curl and evt.type=connect'.")
    String when;

    @Option(names = "--since", paramLabel = "TIME", description = "Only what changed since TIME (the state just after "
            + "the last event at or before it; with no --at, --time or --when, up to the capture's last event): the rows added (+) "
            + "and removed (-), such as the processes started and the connections opened in between.")
    String since;

    @Option(names = "--json", description = "Print the tables as JSON: all four unless --table chooses one, with "
            + "each thread's command line, working directory and container.")
    boolean json;

    @Override
    public Integer call() throws Exception {
        Table chosen = table == null ? null : Table.of(table);
        if (table != null && chosen == null) {
            throw new ParameterException(spec.commandLine(), "no table named '" + table
                    + "': choose ps, lsof, netstat or containers");
        }
        if ((at != null ? 1 : 0) + (time != null ? 1 : 0) + (when != null ? 1 : 0) > 1) {
            throw new ParameterException(spec.commandLine(), "give one of --at, --time and --when");
        }
        PrintWriter err = spec.commandLine().getErr();
        if (when != null && when.isBlank()) {
            throw new ParameterException(spec.commandLine(), "--when needs a filter: the first event it selects");
        }
        org.scapscope.filter.FalcoRules loaded = rules.loaded(err);
        Filter narrow = expression == null || expression.isBlank() ? null
                : org.scapscope.filter.FilterCompiler.compile(expression, loaded);
        String eventField = StateTables.eventField(expression, loaded);
        if (eventField != null) {
            throw new ParameterException(spec.commandLine(), "the filter uses " + eventField + ", a field of events:"
                    + " the tables are narrowed by process, thread, descriptor, user and container fields (as sysdig's"
                    + " chisels, which refuse it); choose the moment with --when instead");
        }
        Filter moment = when == null ? null : org.scapscope.filter.FilterCompiler.compile(when, loaded);
        StateTables.Snapshot s;
        StateTables.Diff diff = null;
        try (ScapFile scap = capture.open(err)) {
            if (scap.eventCount() == 0) {
                throw new ParameterException(spec.commandLine(), capture.file + " has no events");
            }
            long index = since != null && at == null && time == null && moment == null
                    ? scap.eventCount() - 1 : eventOf(scap, moment);
            long base = since == null ? -1 : before(scap, since, null);
            if (since != null && base >= index) {
                throw new ParameterException(spec.commandLine(), "--since " + since + " is not before event "
                        + (index + 1) + ", whose state is asked for");
            }
            try (StateHistory history = capture.history(scap, err)) {
                s = StateTables.after(scap, history, index, narrow);
                if (since != null) {
                    diff = StateTables.diff(StateTables.after(scap, history, base, narrow), s);
                }
            }
        }
        if (!capture.quiet) {
            DateTimeFormatter clock = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSSSSSSSS")
                    .withZone(ZoneId.systemDefault());
            err.println("scapscope: the state just after event " + s.eventNumber() + " ("
                    + clock.format(Instant.ofEpochSecond(0, s.ts())) + ")" + (diff == null ? ""
                    : diff.from().eventIndex() < 0 ? ", against the state before the first event"
                    : ", against the state just after event " + diff.from().eventNumber() + " ("
                            + clock.format(Instant.ofEpochSecond(0, diff.from().ts())) + ")"));
            err.flush();
        }
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            out.println(diff != null ? json(diff, chosen) : json(s, chosen));
        } else {
            Table t = chosen == null ? Table.PS : chosen;
            for (String line : diff != null ? StateTables.diffText(diff, t) : StateTables.text(s, t)) {
                out.println(line);
            }
        }
        out.flush();
        return Main.OK;
    }

    /** The index of the event the options choose. */
    private long eventOf(ScapFile scap, Filter moment) throws Exception {
        if (scap.eventCount() == 0) {
            throw new ParameterException(spec.commandLine(), capture.file + " has no events");
        }
        if (at != null) {
            if (at < 1 || at > scap.eventCount()) {
                throw new ParameterException(spec.commandLine(), "--at " + at + ": the events of "
                        + capture.file + " are numbered 1 to " + scap.eventCount());
            }
            return at - 1;
        }
        if (time != null) {
            return before(scap, time, "--time");
        }
        if (moment != null) {
            long i = StateTables.firstSelected(scap, moment);
            if (i < 0) {
                throw new ParameterException(spec.commandLine(), "no event of " + capture.file
                        + " matches --when " + when);
            }
            return i;
        }
        long first = StateTables.firstEvent(scap);
        return first < 0 ? 0 : first;
    }

    /**
     * The index of the last event at or before the time {@code text} (given as {@code option}), as the
     * app takes a time; before the first event, refused, or -1 (the state before any event) when
     * {@code option} is null. The container records some captures start with, stamped 0, are no
     * moment of the capture: a time before its first event's is before them too.
     */
    private long before(ScapFile scap, String text, String option) {
        long t;
        try {
            t = TimeArg.resolve(text, Math.max(0, scap.firstTs()), ZoneId.systemDefault());
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        }
        if (scap.firstTs() < 0 || t < scap.firstTs()) {
            if (option == null) {
                return -1;
            }
            throw new ParameterException(spec.commandLine(), option + " " + text + " is before the first event of "
                    + capture.file);
        }
        return scap.firstEventAtOrAfter(t == Long.MAX_VALUE ? t : t + 1) - 1;
    }

    /** The tables as JSON: the chosen one, or all four. */
    static String json(StateTables.Snapshot s, Table only) throws java.io.IOException {
        ObjectMapper mapper = new ObjectMapper();
        ObjectNode root = mapper.createObjectNode();
        root.put("event", s.eventNumber()).put("ts", s.ts());
        rows(root, s, only);
        return mapper.writeValueAsString(root);
    }

    /**
     * The changes as JSON: for the chosen table, or all four, an object of the rows {@code added}
     * and {@code removed}.
     */
    static String json(StateTables.Diff d, Table only) throws java.io.IOException {
        ObjectMapper mapper = new ObjectMapper();
        ObjectNode root = mapper.createObjectNode();
        root.put("event", d.to().eventNumber()).put("ts", d.to().ts());
        if (d.from().eventIndex() < 0) {
            // since the capture's start, before any event
            root.putNull("sinceEvent");
        } else {
            root.put("sinceEvent", d.from().eventNumber());
        }
        root.put("sinceTs", d.from().ts());
        rows(root.putObject("added"), d.added(), only);
        rows(root.putObject("removed"), d.removed(), only);
        return mapper.writeValueAsString(root);
    }

    /** The rows of the chosen table, or of all four, each table an array named after it. */
    private static void rows(ObjectNode root, StateTables.Snapshot s, Table only) {
        if (only == null || only == Table.PS) {
            ArrayNode a = root.putArray("threads");
            for (StateTables.Thread t : s.threads()) {
                a.addObject().put("tid", t.tid()).put("pid", t.pid()).put("ptid", t.ptid()).put("uid", t.uid())
                        .put("user", t.user()).put("vmSizeKb", t.vmSizeKb()).put("vmRssKb", t.vmRssKb())
                        .put("fdlimit", t.fdlimit()).put("cloneTs", t.cloneTs()).put("comm", t.comm()).put("exe", t.exe())
                        .put("cmdline", t.commandLine()).put("cwd", t.cwd()).put("containerId", t.containerId())
                        .put("openFds", t.openFds());
            }
        }
        if (only == null || only == Table.LSOF) {
            ArrayNode a = root.putArray("fds");
            for (StateTables.OpenFd f : s.fds()) {
                a.addObject().put("tid", f.tid()).put("pid", f.pid()).put("comm", f.comm()).put("user", f.user())
                        .put("fd", f.fd()).put("type", f.type()).put("name", f.name());
            }
        }
        if (only == null || only == Table.NETSTAT) {
            ArrayNode a = root.putArray("connections");
            for (StateTables.Connection c : s.connections()) {
                ObjectNode o = a.addObject().put("proto", c.proto()).put("server", c.server());
                if (c.client() != null) {
                    o.put("client", c.client());
                }
                o.put("state", c.listening() ? "LISTEN" : "ESTABLISHED").put("tid", c.tid()).put("pid", c.pid())
                        .put("comm", c.comm()).put("fd", c.fd());
            }
        }
        if (only == null || only == Table.CONTAINERS) {
            ArrayNode a = root.putArray("containers");
            for (StateTables.Container c : s.containers()) {
                a.addObject().put("id", c.id()).put("name", c.name()).put("image", c.image()).put("type", c.type());
            }
        }
    }
}
