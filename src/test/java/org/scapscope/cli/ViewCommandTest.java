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

class ViewCommandTest {
    @TempDir
    Path tmp;

    private Cli run(String... args) {
        return Cli.run(null, args);
    }

    @Test
    void viewsListsEveryCsysdigView() {
        Cli r = run("views");
        assertEquals(0, r.exitCode, r.err);
        for (String id : List.of("procs", "files", "connections", "syscalls", "spy_users", "containers")) {
            assertTrue(r.out.contains(id + " "), id);
        }
    }

    @Test
    void viewPrintsJsonCsvAndATable() throws Exception {
        String capture = RealCaptures.named("502Error.scap").toString();
        String cache = "--cache=" + tmp;
        Cli json = run("view", "syscalls", capture, cache, "--json");
        assertEquals(0, json.exitCode, json.err);
        JsonNode root = new ObjectMapper().readTree(json.out);
        assertEquals("syscalls", root.get("view").asText());
        assertEquals("[\"CALLS/S\",\"TOT TIME\",\"AVG TIME\",\"SYSCALL\"]", root.get("columns").toString());
        JsonNode first = root.get("rows").get(0);
        assertEquals("futex", first.get("key").asText());
        assertEquals(954, first.get("values").get(0).asLong());

        Cli csv = run("view", "syscalls", capture, "proc.name=curl", cache, "--csv");
        assertEquals(0, csv.exitCode, csv.err);
        assertEquals("CALLS/S,TOT TIME,AVG TIME,SYSCALL", csv.lines().get(0));
        assertTrue(csv.out.contains(",connect\n"), csv.out);
        assertTrue(!csv.out.contains(",epoll_pwait\n"), "haproxy's calls are filtered out");

        Cli sorted = run("view", "syscalls", capture, cache, "--sort", "TOT TIME", "--csv");
        assertEquals(0, sorted.exitCode, sorted.err);
        assertTrue(sorted.lines().get(1).endsWith(",epoll_pwait"), sorted.lines().get(1));

        Cli table = run("view", "files", capture, cache);
        assertEquals(0, table.exitCode, table.err);
        assertTrue(table.lines().get(0).startsWith("BYTES IN"), table.lines().get(0));

        // for people: sizes, rates and ratios as the app shows them, numbers aligned to the right
        Cli procs = run("view", "procs", capture, cache, "--sort", "CPU");
        assertEquals(0, procs.exitCode, procs.err);
        assertTrue(procs.lines().get(0).startsWith("  PID   PPID   CPU"), procs.lines().get(0));
        String haproxy = procs.lines().get(1);
        assertTrue(haproxy.matches("13969  13924  0\\.38  systemd-timesync +1 +15 MB +3\\.5 MB +0 B/s +1\\.9 KB/s  "
                + "/usr/sbin/haproxy -f /haproxy.cfg -db -q"), haproxy);
        Cli raw = run("view", "procs", capture, cache, "--sort", "CPU", "--csv");
        assertTrue(raw.lines().get(1).startsWith("13969,13924,0.3846"), "CSV keeps the exact values: " + raw.lines().get(1));
    }

    @Test
    void overviewPrintsTotalsAsTheAppShowsThemAndJsonExactly() throws Exception {
        String capture = RealCaptures.named("502Error.scap").toString();
        String cache = "--cache=" + tmp;
        Cli text = run("overview", capture, cache);
        assertEquals(0, text.exitCode, text.err);
        assertTrue(text.out.matches("(?s).*\\nfile +File Bytes In\\+Out +71 KB  files\\n.*"), text.out);
        assertTrue(text.out.matches("(?s).*\\ngeneral +System Calls +4,349  syscalls\\n.*"), text.out);
        Cli json = run("overview", capture, cache, "--json");
        assertEquals(0, json.exitCode, json.err);
        assertTrue(json.out.contains("72298"), "the JSON keeps the exact byte count");
    }

    @Test
    void echoPrintsTheBytesOfReadsAndWrites() throws Exception {
        String capture = RealCaptures.named("502Error.scap").toString();
        String cache = "--cache=" + tmp;
        Cli text = run("echo", capture, "proc.name=curl", cache, "-n", "1");
        assertEquals(0, text.exitCode, text.err);
        assertTrue(text.lines().get(0).matches("------ [0-9:.]+ Read 566B from /etc/nsswitch.conf \\(curl [0-9]+, fd 3\\)"),
                text.lines().get(0));
        assertTrue(text.out.contains("# /etc/nsswitch.conf"), text.out);
        Cli json = run("echo", capture, "evt.buffer contains 502", cache, "--json", "--mode", "hex");
        assertEquals(0, json.exitCode, json.err);
        for (String line : json.lines()) {
            JsonNode o = new ObjectMapper().readTree(line);
            assertTrue(o.get("data").asText().startsWith("00000000  "), line);
            assertTrue(o.get("bytes").asLong() > 0);
        }
        assertTrue(json.lines().size() >= 2);
        Cli none = run("echo", capture, cache, "-n", "0");
        assertEquals(0, none.exitCode, none.err);
        assertEquals("", none.out);
        Cli bad = run("echo", capture, cache, "--mode", "rot13");
        assertEquals(2, bad.exitCode);
        assertTrue(bad.err.contains("dotted, printable, hex or json"), bad.err);
    }

    @Test
    void drillingIntoARowOpensTheNextViewNarrowedToIt() {
        String capture = RealCaptures.named("502Error.scap").toString();
        String cache = "--cache=" + tmp;
        Cli drilled = run("view", "procs", capture, cache, "--drill", "13969", "--csv");
        assertEquals(0, drilled.exitCode, drilled.err);
        assertTrue(drilled.err.contains("procs 13969 -> threads: (evt.type!=switch) and proc.pid=13969"), drilled.err);
        Cli direct = run("view", "threads", capture, "(evt.type!=switch) and proc.pid=13969", cache, "--csv");
        assertEquals(direct.out, drilled.out);
        assertTrue(drilled.lines().size() > 1);
        Cli text = run("view", "files", capture, cache, "--drill", "/etc/hosts", "--csv");
        assertEquals(0, text.exitCode, text.err);
        assertTrue(text.err.contains("fd.name=\"/etc/hosts\""), text.err);
        Cli none = run("view", "file_opens", capture, cache, "--drill", "1");
        assertEquals(2, none.exitCode);
        assertTrue(none.err.contains("has no drill-down"), none.err);
    }

    /**
     * Syscall Callers names no view its rows open: csysdig opens the first view, by name, that can
     * show a process's events (Connections), narrowed to the process. Its rows are csysdig's.
     */
    @Test
    void aViewNamingNoDrillDownOpensWhatCsysdigOpens() throws Exception {
        String capture = RealCaptures.named("502Error.scap").toString();
        Cli drilled = run("view", "syscall_procs", capture, "--cache=" + tmp, "--drill", "13969", "--json");
        assertEquals(0, drilled.exitCode, drilled.err);
        assertTrue(drilled.err.contains("syscall_procs 13969 -> connections: (syscall.type exists) and proc.pid=13969"),
                drilled.err);
        java.util.Set<String> keys = new java.util.TreeSet<>();
        new ObjectMapper().readTree(drilled.out).get("rows").forEach(r -> keys.add(r.get("key").asText()));
        java.util.Set<String> csysdig = new java.util.TreeSet<>();
        try (var in = ViewCommandTest.class.getResourceAsStream("/golden/502Error.scap/drill-syscall_procs-13969.keys")) {
            new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8).lines()
                    .filter(l -> !l.startsWith("#") && !l.isEmpty()).forEach(csysdig::add);
        }
        assertEquals(csysdig, keys);
    }

    @Test
    void theFormForContainersShowsEachRowsContainerAndKeysByIt() throws Exception {
        String capture = RealCaptures.named("502Error.scap").toString();
        String cache = "--cache=" + tmp;
        ObjectMapper mapper = new ObjectMapper();
        JsonNode plain = mapper.readTree(run("view", "connections", capture, cache, "--json").out);
        Cli pc = run("view", "-pc", "connections", capture, cache, "--json");
        assertEquals(0, pc.exitCode, pc.err);
        JsonNode containers = mapper.readTree(pc.out);
        List<String> columns = new java.util.ArrayList<>();
        containers.get("columns").forEach(c -> columns.add(c.asText()));
        assertTrue(columns.contains("Container"), columns.toString());
        assertTrue(!plain.get("columns").toString().contains("Container"), plain.get("columns").toString());
        // a connection between two containers is seen from both ends: one row per container
        java.util.Map<String, java.util.Set<String>> byConnection = new java.util.HashMap<>();
        for (JsonNode r : containers.get("rows")) {
            String key = r.get("key").asText();
            int colon = key.indexOf(':');
            byConnection.computeIfAbsent(key.substring(colon + 1), k -> new java.util.HashSet<>()).add(key.substring(0, colon));
        }
        assertEquals(plain.get("rows").size(), byConnection.size(), "the same connections");
        String shared = byConnection.entrySet().stream().filter(e -> e.getValue().size() == 2).map(java.util.Map.Entry::getKey)
                .findFirst().orElseThrow(() -> new AssertionError("no connection seen from two containers"));
        assertTrue(containers.get("rows").size() > plain.get("rows").size());
        // and a row leads to the events of its own container only (here, the accepts of its server end)
        int drilledRows = 0;
        for (String id : byConnection.get(shared)) {
            String row = id + ":" + shared;
            Cli drilled = run("view", "--containers", "connections", capture, cache, "--drill", row, "--json");
            assertEquals(0, drilled.exitCode, drilled.err);
            assertTrue(drilled.err.contains("fd.containername=\"" + row + "\""), drilled.err);
            JsonNode events = mapper.readTree(drilled.out);
            int container = -1;
            for (int i = 0; i < events.get("columns").size(); i++) {
                container = events.get("columns").get(i).asText().equalsIgnoreCase("container") ? i : container;
            }
            assertTrue(container >= 0, events.get("columns").toString());
            java.util.Set<String> names = new java.util.HashSet<>();
            for (JsonNode r : events.get("rows")) {
                names.add(r.get("values").get(container).asText());
            }
            assertTrue(names.size() <= 1, names.toString());
            drilledRows += events.get("rows").size();
        }
        assertTrue(drilledRows > 0);
    }

    @Test
    void timeWindowsTakeOffsetsFromTheCapturesStart() {
        String capture = RealCaptures.named("502Error.scap").toString();
        String cache = "--cache=" + tmp;
        Cli all = run("view", "syscalls", capture, cache, "--csv");
        Cli first = run("view", "syscalls", capture, cache, "--csv", "--to", "+5s");
        Cli rest = run("view", "syscalls", capture, cache, "--csv", "--from", "+5s");
        assertEquals(0, first.exitCode, first.err);
        assertEquals(0, rest.exitCode, rest.err);
        long total = calls(all, "connect");
        assertTrue(calls(first, "connect") > 0 && calls(rest, "connect") > 0);
        assertEquals(total, calls(first, "connect") + calls(rest, "connect"));
        Cli bad = run("view", "syscalls", capture, cache, "--from", "soon");
        assertEquals(2, bad.exitCode);
        assertTrue(bad.err.contains("is not a time"), bad.err);
        Cli swapped = run("events", capture, cache, "--from", "+5s", "--to", "+2s");
        assertEquals(2, swapped.exitCode);
        assertTrue(swapped.err.contains("--from +5s is not before --to +2s"), swapped.err);
        Cli echo = run("echo", capture, cache, "--from", "+1h");
        assertEquals(0, echo.exitCode, echo.err);
        assertEquals("", echo.out, "nothing happens an hour into a 12-second capture");
    }

    private static long calls(Cli csv, String syscall) {
        return csv.lines().stream().filter(l -> l.endsWith("," + syscall))
                .mapToLong(l -> Long.parseLong(l.substring(0, l.indexOf(',')))).sum();
    }

    @Test
    void mistakesExitWithTwo() {
        String capture = RealCaptures.named("sample.scap").toString();
        Cli unknown = run("view", "nosuchview", capture, "--cache=" + tmp);
        assertEquals(2, unknown.exitCode);
        assertTrue(unknown.err.contains("no view named nosuchview"), unknown.err);
        Cli badSort = run("view", "syscalls", capture, "--cache=" + tmp, "--sort", "NOPE");
        assertEquals(2, badSort.exitCode);
        assertTrue(badSort.err.contains("SYSCALL"), badSort.err);
        Cli both = run("view", "syscalls", capture, "--json", "--csv", "--cache=" + tmp);
        assertEquals(2, both.exitCode);
        assertTrue(both.err.contains("--json and --csv are two ways to print: give one"), both.err);
        Cli badFilter = run("view", "syscalls", capture, "proc.name = = x", "--cache=" + tmp);
        assertEquals(2, badFilter.exitCode);
        assertTrue(badFilter.err.contains("at column 13"), badFilter.err);
    }

    @Test
    void aViewNotFoundNamesTheUsersViewFilesLeftOutAndWhy() throws Exception {
        Path views = java.nio.file.Files.createDirectories(tmp.resolve("config").resolve("scapscope").resolve("views"));
        java.nio.file.Files.writeString(views.resolve("mine.json"), "{\"id\": \"mine\", \"fliter\": \"fd.type=file\","
                + " \"columns\": [{\"field\": \"proc.pid\", \"key\": true}]}");
        Cli run = Cli.inOwnProcess(java.util.Map.of("XDG_CONFIG_HOME", tmp.resolve("config").toString()), List.of(),
                "view", "mine", RealCaptures.named("sample.scap").toString(), "--cache=" + tmp.resolve("cache"));
        String err = run.err;
        assertEquals(Main.BAD_INPUT, run.exitCode, err);
        assertTrue(err.startsWith("scapscope: no view named mine (see 'scapscope views')\n  left out: "
                + views.resolve("mine.json") + ": unknown field fliter (did you mean filter?)\n"), err);
    }

    /**
     * csysdig's spectrograms: the spectrogram command and {@code view spectro_all} draw a line per
     * stretch of time; JSON gives the counts, with each band's filter; options of tables are refused.
     */
    @Test
    void spectrogramsPrintALinePerStretchOfTimeAndTheirCountsAsJson() throws Exception {
        String capture = RealCaptures.named("502Error.scap").toString();
        String cache = "--cache=" + tmp;
        Cli text = run("spectrogram", capture, cache, "--slices", "12");
        assertEquals(0, text.exitCode, text.err);
        String[] lines = text.out.split("\n");
        assertEquals(14, lines.length, text.out);
        assertTrue(lines[0].startsWith("Latency of all calls: 4,271 calls"), lines[0]);
        assertTrue(lines[1].contains("|1ns") && lines[1].contains("|1ms"), lines[1]);
        Cli json = run("spectrogram", capture, cache, "--file", "--json", "proc.name = curl");
        assertEquals(0, json.exitCode, json.err);
        JsonNode root = new ObjectMapper().readTree(json.out);
        assertEquals("spectro_file", root.get("view").asText());
        assertEquals(40, root.get("counts").size());
        long sum = 0;
        for (JsonNode slice : root.get("counts")) {
            for (JsonNode c : slice) {
                sum += c.asLong();
            }
        }
        assertEquals(999, sum, "curl does every file I/O of the capture");
        assertEquals(sum, root.get("total").asLong());
        assertEquals("evt.dir = < and fd.type = file and evt.latency >= 1000000 and evt.latency < 1778280",
                root.get("bands").get(24).get("filter").asText());
        Cli view = run("view", "spectro_all", capture, cache);
        assertEquals(0, view.exitCode, view.err);
        assertTrue(view.out.startsWith("Latency of all calls: 4,271 calls"), view.out);
        assertTrue(run("views").out.contains("spectro_file "));
        Cli csv = run("view", "spectro_all", capture, cache, "--csv");
        assertEquals(2, csv.exitCode);
        assertTrue(csv.err.contains("spectro_all is a spectrogram, with no rows"), csv.err);
        Cli slices = run("spectrogram", capture, cache, "--slices", "0");
        assertEquals(2, slices.exitCode);
        assertTrue(slices.err.contains("--slices must be 1 to 100000"), slices.err);
    }
}
