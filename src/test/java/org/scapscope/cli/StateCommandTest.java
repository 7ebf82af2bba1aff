package org.scapscope.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.scapscope.RealCaptures;

class StateCommandTest {
    @TempDir
    static Path cache;

    private static final String CONNECT = "proc.name=curl and evt.type=connect";

    /**
     * {@code --when} takes the state just after the first event the filter selects: the event the
     * events command prints first for it, whose descriptor lsof then lists for its thread.
     */
    @Test
    void theStateWhenAFilterFirstMatchesHoldsTheDescriptorOfThatEvent() throws Exception {
        String capture = RealCaptures.named("502Error.scap").toString();
        Cli first = Cli.run(cache, "events", capture, "-q", "-n", "1", "-p", "%evt.num %thread.tid %fd.num", CONNECT);
        assertEquals(0, first.exitCode, first.err);
        String[] f = first.out.trim().split(" ");
        Cli state = Cli.run(cache, "state", capture, "--when", CONNECT, "--table", "lsof", "--json");
        assertEquals(0, state.exitCode, state.err);
        assertTrue(state.err.contains("just after event " + f[0] + " "), state.err);
        JsonNode root = new ObjectMapper().readTree(state.out);
        assertEquals(Long.parseLong(f[0]), root.get("event").asLong());
        assertTrue(root.get("threads") == null && root.get("connections") == null, "lsof alone");
        boolean found = false;
        for (JsonNode fd : root.get("fds")) {
            found |= fd.get("tid").asText().equals(f[1]) && fd.get("fd").asText().equals(f[2]);
        }
        assertTrue(found, "descriptor " + f[2] + " of thread " + f[1] + " in " + state.out);

        Cli text = Cli.run(cache, "state", capture, "-q", "--at", f[0], "--table", "lsof");
        assertEquals(0, text.exitCode, text.err);
        assertTrue(text.out.startsWith("COMMAND             PID     TID     USER    FD      TYPE        NAME\n"), text.out);
        assertEquals(root.get("fds").size() + 1, text.out.split("\n").length);
        assertEquals("", text.err);
    }

    /**
     * {@code --time T} is the state just after the last event at or before T, as a click on the app's
     * timeline; the container records stamped 0 ahead of the first event are no moment to choose.
     */
    @Test
    void aTimeChoosesTheLastEventAtOrBeforeIt() throws Exception {
        String capture = RealCaptures.named("502Error.scap").toString();
        Cli at = Cli.run(cache, "events", capture, "-q", "-a", "--from", "+5s", "-n", "1", "-p", "%evt.num %evt.rawtime");
        assertEquals(0, at.exitCode, at.err);
        String[] first = at.out.trim().split(" ");
        long firstAtT = Long.parseLong(first[0]);
        long ts = Long.parseLong(first[1]);
        Cli state = Cli.run(cache, "state", capture, "-q", "--time", Long.toString(ts - 1), "--json");
        assertEquals(0, state.exitCode, state.err);
        JsonNode root = new ObjectMapper().readTree(state.out);
        assertEquals(firstAtT - 1, root.get("event").asLong());
        for (String table : new String[] {"threads", "fds", "connections", "containers"}) {
            assertTrue(root.get(table).isArray(), table);
        }
        assertTrue(root.get("containers").size() > 0, "502Error.scap describes its containers");
        JsonNode atT = new ObjectMapper().readTree(Cli.run(cache, "state", capture, "-q", "--time", Long.toString(ts),
                "--json", "--table", "containers").out);
        assertTrue(atT.get("event").asLong() >= firstAtT, "the event at T is taken: " + atT.get("event"));
        assertEquals(ts, atT.get("ts").asLong());
        // the records stamped 0 that 502Error.scap starts with
        Cli epoch = Cli.run(cache, "state", capture, "--time", "1");
        assertEquals(2, epoch.exitCode, epoch.err);
        assertTrue(epoch.err.contains("is before the first event"), epoch.err);
        JsonNode record = new ObjectMapper().readTree(Cli.run(cache, "state", capture, "-q", "--at", "1", "--json",
                "--table", "containers").out);
        assertTrue(record.get("ts").asLong() > 0, "a record's moment is the capture's start: " + record.get("ts"));
    }

    /**
     * {@code --since} prints only what changed: the rows added ({@code +}) and removed ({@code -})
     * since the state at that time, as JSON too; a time after the event is refused.
     */
    @Test
    void sinceATimeOnlyTheChangesArePrinted() throws Exception {
        String capture = RealCaptures.named("502Error.scap").toString();
        Cli text = Cli.run(cache, "state", capture, "-q", "--at", "13485", "--since", "+6s", "--table", "netstat");
        assertEquals(0, text.exitCode, text.err);
        assertEquals(List.of("  Proto Server Address           Client Address           State          TID/PID/Program Name",
                "+ tcp   192.168.0.3:80           192.168.0.1:44604        ESTABLISHED    13969/13969/haproxy"),
                List.of(text.out.split("\n")));
        Cli json = Cli.run(cache, "state", capture, "-q", "--at", "13485", "--since", "+6s", "--json");
        assertEquals(0, json.exitCode, json.err);
        JsonNode root = new ObjectMapper().readTree(json.out);
        assertEquals(13485, root.get("event").asLong());
        assertTrue(root.get("sinceEvent").asLong() < 13485);
        assertEquals(1, root.get("added").get("connections").size());
        assertEquals(0, root.get("removed").get("connections").size());
        assertTrue(root.get("added").get("threads").size() > 0, "curl runs started in between");
        // up to the last event, and since the capture's start
        Cli last = Cli.run(cache, "state", capture, "--since", "+6s", "--json", "--table", "ps");
        assertEquals(0, last.exitCode, last.err);
        assertTrue(last.err.contains("just after event 22381 "), last.err);
        // (the container records at the start of 502Error.scap are stamped 0, the epoch)
        Cli whole = Cli.run(cache, "state", capture, "--since", "0", "--at", "13485", "--table", "netstat");
        assertEquals(0, whole.exitCode, whole.err);
        assertTrue(whole.err.contains("against the state before the first event"), whole.err);
        JsonNode fromStart = new ObjectMapper().readTree(Cli.run(cache, "state", capture, "-q", "--since", "0", "--at",
                "13485", "--json", "--table", "netstat").out);
        assertTrue(fromStart.get("sinceEvent").isNull(), "no event before the capture's start: " + fromStart);
        Cli late = Cli.run(cache, "state", capture, "--at", "100", "--since", "+6s");
        assertEquals(2, late.exitCode);
        assertTrue(late.err.contains("--since +6s is not before event 100"), late.err);
    }

    @Test
    void wrongChoicesAreRefusedWithWhatIsWrong() throws Exception {
        String capture = RealCaptures.named("502Error.scap").toString();
        Cli table = Cli.run(cache, "state", capture, "--table", "top");
        assertEquals(2, table.exitCode);
        assertTrue(table.err.contains("no table named 'top': choose ps, lsof, netstat or containers"), table.err);
        Cli at = Cli.run(cache, "state", capture, "--at", "0");
        assertEquals(2, at.exitCode);
        assertTrue(at.err.contains("are numbered 1 to 22381"), at.err);
        Cli both = Cli.run(cache, "state", capture, "--at", "5", "--when", CONNECT);
        assertEquals(2, both.exitCode);
        assertTrue(both.err.contains("give one of --at, --time and --when"), both.err);
        Cli blank = Cli.run(cache, "state", capture, "--when", " ");
        assertEquals(2, blank.exitCode);
        assertTrue(blank.err.contains("--when needs a filter"), blank.err);
        Cli none = Cli.run(cache, "state", capture, "--when", "proc.name=no-such-process");
        assertEquals(2, none.exitCode);
        assertTrue(none.err.contains("matches --when proc.name=no-such-process"), none.err);
        Cli early = Cli.run(cache, "state", capture, "--time", "2000-01-01T00:00:00Z");
        assertEquals(2, early.exitCode, early.err);
        java.nio.file.Path noEvents = cache.resolve("no-events.scap");
        try (org.scapscope.scap.ScapWriter w = new org.scapscope.scap.ScapWriter(java.nio.file.Files.newOutputStream(noEvents))) {
            w.sectionHeader(java.nio.ByteOrder.LITTLE_ENDIAN, 1, 2)
                    .machineInfo(new org.scapscope.scap.MachineInfo(1, 1L << 30, 0, "box", 0));
        }
        Cli empty = Cli.run(cache, "state", noEvents.toString(), "--since", "+1s");
        assertEquals(2, empty.exitCode, empty.err);
        assertTrue(empty.err.contains("has no events"), empty.err);
        Cli ofEvents = Cli.run(cache, "state", capture, "proc.name=curl and not evt.type in (read, write)");
        assertEquals(2, ofEvents.exitCode);
        assertTrue(ofEvents.err.contains("the filter uses evt.type, a field of events"), ofEvents.err);
        assertEquals(0, Cli.run(cache, "state", capture, "-q", "tolower(proc.name)=curl or fd.type=ipv4 or k8s.pod.name=x")
                .exitCode);
        Cli bad = Cli.run(cache, "state", capture, "fd.nme=x");
        assertEquals(2, bad.exitCode);
        assertTrue(bad.err.contains("bad filter"), bad.err);
    }
}
