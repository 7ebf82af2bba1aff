package org.scapscope.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.scapscope.RealCaptures;

class CommandLineTest {
    @TempDir
    Path tmp;

    private Cli run(String... args) {
        return Cli.run(tmp.resolve("cache"), args);
    }

    /** events, view, overview and echo take the same --from and --to, and refuse a time they cannot read alike. */
    @Test
    void everyCommandOverTimeTakesTheSameWindow() {
        String sample = RealCaptures.named("sample.scap").toString();
        for (List<String> command : List.of(List.of("events"), List.of("view", "syscalls"), List.of("overview"),
                List.of("echo"))) {
            List<String> all = new java.util.ArrayList<>(command);
            all.add(sample);
            Cli whole = run(all.toArray(new String[0]));
            all.add("--to=+0.5s");
            Cli early = run(all.toArray(new String[0]));
            assertEquals(0, early.exitCode, early.err);
            assertFalse(early.out.equals(whole.out), command + ": the first half second is not the whole capture");
            all.add("--from=soon");
            Cli bad = run(all.toArray(new String[0]));
            assertEquals(Main.BAD_INPUT, bad.exitCode, command.toString());
            assertTrue(bad.err.startsWith("scapscope: `soon` is not a time"), bad.err);
            assertTrue(bad.err.contains("scapscope " + command.get(0) + " --help"), bad.err);
        }
    }

    @Test
    void helpAndVersionSucceed() {
        Cli help = run("--help");
        assertEquals(0, help.exitCode);
        assertTrue(help.out.contains("events") && help.out.contains("count") && help.out.contains("info"), help.out);
        assertTrue(help.out.lines().anyMatch(l -> l.strip().startsWith("open ")), "the app's command is listed: " + help.out);
        Cli openHelp = run("help", "open");
        assertEquals(0, openHelp.exitCode, openHelp.err);
        assertTrue(openHelp.out.contains("Usage: scapscope open") && openHelp.out.contains("[FILE]"), openHelp.out);
        Cli twoFiles = run("open", "a.scap", "b.scap");
        assertEquals(Main.BAD_INPUT, twoFiles.exitCode);
        assertTrue(twoFiles.err.contains("b.scap"), twoFiles.err);
        Cli version = run("--version");
        assertEquals(0, version.exitCode);
        assertTrue(version.out.startsWith("scapscope "), version.out);
    }

    /**
     * {@code -t a}: seconds and nanoseconds since the epoch, the nanoseconds written with their
     * leading zeros (sysdig 0.29.3 leaves those out, so its goldens have no {@code -t a}).
     */
    @Test
    void theAbsoluteTimeTypeShowsSecondsAndNanosecondsSinceTheEpoch() {
        String capture = RealCaptures.named("sample.scap").toString();
        Cli absolute = run("events", capture, "-t", "a");
        Cli raw = run("events", capture, "-p", "%evt.rawtime.s.%evt.rawtime.ns");
        assertEquals(0, absolute.exitCode, absolute.err);
        List<String> times = absolute.lines().stream().map(l -> l.split(" ")[1]).toList();
        assertEquals(raw.lines(), times);
        assertTrue(times.stream().anyMatch(t -> t.matches("[0-9]+\\.0[0-9]{8}")), "some nanoseconds start with 0");

        Cli bad = run("events", capture, "-t", "x");
        assertEquals(Main.BAD_INPUT, bad.exitCode);
        assertTrue(bad.err.contains("-t takes h, a, r, d or D"), bad.err);
    }

    /**
     * Events from a time on start from the state checkpoint before that time: what they print is what
     * a replay of the whole capture prints for them, processes, descriptors and containers included.
     */
    @Test
    void eventsFromATimeOnPrintWhatTheWholeReplayPrintsForThem() {
        String capture = RealCaptures.named("502Error.scap").toString();
        String format = "*%evt.rawtime %evt.num %proc.name %proc.pid %proc.cmdline %thread.tid %fd.name %fd.type"
                + " %container.name %user.name %thread.vmrss %evt.latency %evt.info";
        Cli whole = run("events", capture, "-p", format);
        assertEquals(0, whole.exitCode, whole.err);
        List<String> all = whole.lines();
        List<Long> times = new java.util.ArrayList<>();
        for (int at : new int[] {1, all.size() / 3, all.size() / 2, all.size() - 3}) {
            times.add(Long.parseLong(all.get(at).split(" ")[0]));
        }
        // either side of the state checkpoints (one every 8,192 events, hidden ones included)
        for (long near : new long[] {8190, 8193, 16383, 16386}) {
            all.stream().filter(l -> Long.parseLong(l.split(" ")[1]) >= near).findFirst()
                    .ifPresent(l -> times.add(Long.parseLong(l.split(" ")[0])));
        }
        for (long from : times) {
            Cli part = run("events", capture, "-p", format, "--from", Long.toString(from));
            assertEquals(0, part.exitCode, part.err);
            List<String> expected = all.stream().filter(l -> Long.parseLong(l.split(" ")[0]) >= from).toList();
            assertEquals(expected, part.lines(), "from " + from);
            Cli filtered = run("events", capture, "-p", format, "evt.rawtime >= " + from + " and fd.type=ipv4");
            assertEquals(expected.stream().filter(l -> l.contains(" ipv4 ")).toList(), filtered.lines(), "filtered from " + from);
        }
        long after = all.stream().mapToLong(l -> Long.parseLong(l.split(" ")[0])).max().orElseThrow() + 1;
        Cli none = run("events", capture, "-p", format, "--from", Long.toString(after));
        assertEquals(0, none.exitCode, none.err);
        assertEquals(List.of(), none.lines(), "nothing is at or after the last event");
    }

    @Test
    void helpOfOneCommandListsItsOptionsAndEveryCommandIsReachable() {
        Cli help = run("help", "count");
        assertEquals(0, help.exitCode);
        assertTrue(help.out.contains("Usage: scapscope count") && help.out.contains("--all"), help.out);
        Cli own = run("count", "--help");
        assertEquals(0, own.exitCode);
        assertEquals(help.out, own.out);
        for (Class<?> c : Main.COMMANDS) {
            String name = c.getAnnotation(picocli.CommandLine.Command.class).name();
            Cli usage = run(name, "--help");
            assertEquals(0, usage.exitCode, name + ": " + usage.err);
            assertTrue(usage.out.contains("scapscope " + name) || name.equals("help"), usage.out);
        }
    }

    @Test
    void badUsageExitsWithTwoAndSaysWhy() {
        Cli none = run();
        assertEquals(2, none.exitCode);
        assertTrue(none.err.contains("command is required"), none.err);
        assertEquals(Main.BAD_INPUT, Main.run(new String[0]), "the entry point itself, with no arguments");
        Cli unknown = run("frobnicate");
        assertEquals(2, unknown.exitCode);
        assertTrue(unknown.err.contains("frobnicate"), unknown.err);
        Cli misspelt = run("cuont", "x.scap");
        assertEquals(2, misspelt.exitCode);
        assertTrue(misspelt.err.contains("count"), "suggests the command meant: " + misspelt.err);
        assertTrue(misspelt.err.contains("Try 'scapscope --help'"), misspelt.err);
        Cli nested = run("captures", "ls", "--no-such-option");
        assertEquals(2, nested.exitCode);
        assertTrue(nested.err.contains("Try 'scapscope captures ls --help'"), nested.err);
        Cli missingFile = run("events");
        assertEquals(2, missingFile.exitCode);
        assertTrue(missingFile.err.contains("FILE"), missingFile.err);
    }

    @Test
    void badInputExitsWithTwoAndNamesTheProblem() throws Exception {
        Cli missing = run("events", tmp.resolve("nope.scap").toString());
        assertEquals(2, missing.exitCode);
        assertTrue(missing.err.contains("nope.scap: no such capture file"), missing.err);

        Path text = Files.writeString(tmp.resolve("notes.scap"), "hello, this is text");
        Cli notCapture = run("count", text.toString());
        assertEquals(2, notCapture.exitCode);
        assertTrue(notCapture.err.contains("not a capture") && notCapture.err.contains("offset 0"), notCapture.err);

        Cli folder = run("info", tmp.toString());
        assertEquals(2, folder.exitCode);
        assertTrue(folder.err.contains(tmp.toString()) && folder.err.contains("directory"), folder.err);

        Path sample = RealCaptures.named("sample.scap");
        Cli noFolder = run("events", sample.toString(), "--write", tmp.resolve("no/such/dir/out.scap").toString());
        assertEquals(2, noFolder.exitCode);
        assertTrue(noFolder.err.contains("no/such/dir"), noFolder.err);
        assertFalse(noFolder.err.contains("Exception"), noFolder.err);

        Cli badField = run("events", sample.toString(), "-p", "%evt.num %proc.nonsense");
        assertEquals(2, badField.exitCode);
        assertTrue(badField.err.contains("unknown field proc.nonsense"), badField.err);
        assertFalse(badField.err.contains("Exception"), badField.err);
    }

    @Test
    void eventsHonoursLimitAllAndJson() throws Exception {
        String sample = RealCaptures.named("sample.scap").toString();
        Cli limited = run("events", sample, "-p", "%evt.num %evt.type", "--limit", "5");
        assertEquals(0, limited.exitCode, limited.err);
        assertEquals(List.of("2 switch", "3 switch", "4 switch", "5 switch", "6 switch"), limited.lines());

        Cli all = run("events", sample, "-p", "%evt.num %evt.type", "--all", "--limit", "1");
        assertEquals(List.of("1 sysdigevent"), all.lines());

        Cli count = run("count", sample);
        Cli countAll = run("count", sample, "--all");
        assertEquals("402", count.out.strip());
        assertEquals("477", countAll.out.strip());

        Cli json = run("events", sample, "-p", "*%evt.num %evt.type %evt.failed %evt.rawres", "--json", "--limit", "40");
        ObjectMapper mapper = new ObjectMapper();
        JsonNode first = mapper.readTree(json.lines().get(0));
        assertEquals(2, first.get("evt.num").asLong());
        assertTrue(first.get("evt.num").isNumber());
        assertEquals("switch", first.get("evt.type").asText());
        assertTrue(first.get("evt.rawres").isNull(), "a switch has no result");
        assertTrue(json.lines().stream().anyMatch(l -> l.contains("\"evt.rawres\":0")), json.out);
        assertEquals(40, json.lines().size());
    }

    @Test
    void formatsTakeBackslashEscapesAsSysdigDoes() {
        String sample = RealCaptures.named("sample.scap").toString();
        Cli tabbed = run("events", sample, "-p", "%evt.num\\t%evt.type\\x", "--limit", "1");
        assertEquals(List.of("2\tswitch\\x"), tabbed.lines());
        Cli dangling = run("events", sample, "-p", "%evt.num\\", "--limit", "1");
        assertEquals(0, dangling.exitCode);
        assertEquals(List.of(), dangling.lines(), "sysdig prints nothing for a format ending in a lone backslash");
    }

    @Test
    void infoDescribesTheCapture() throws Exception {
        String sample = RealCaptures.named("sample.scap").toString();
        Cli info = run("info", sample);
        assertEquals(0, info.exitCode, info.err);
        assertTrue(info.out.contains("format:         1.2"), info.out);
        assertTrue(info.out.contains("events:         402"), info.out);
        assertTrue(info.out.contains("PL_V9"), info.out);
        Cli json = run("info", sample, "--json");
        JsonNode node = new ObjectMapper().readTree(json.out);
        assertEquals(477, node.get("all events").asLong());
        assertTrue(node.get("blocks").has("EV_V2"));
    }

    @Test
    void writeSavesTheEventsAsACaptureThatReadsBack() throws Exception {
        Path source = RealCaptures.named("502Error.scap");
        Path out = tmp.resolve("first100.scap");
        Cli write = run("events", source.toString(), "--limit", "100", "--write", out.toString());
        assertEquals(0, write.exitCode, write.err);
        String format = "%evt.num %evt.rawtime %evt.cpu %evt.dir %evt.type %thread.tid";
        List<String> original = run("events", source.toString(), "-p", format, "--limit", "100").lines();
        List<String> copy = run("events", out.toString(), "-p", format).lines();
        assertEquals(100, copy.size());
        // Event numbers count the internal events the copy keeps too, so compare all but the number.
        for (int i = 0; i < 100; i++) {
            assertEquals(original.get(i).substring(original.get(i).indexOf(' ')),
                    copy.get(i).substring(copy.get(i).indexOf(' ')));
        }
        Cli info = run("info", out.toString());
        assertTrue(info.out.contains("host:"), info.out);
        assertFalse(info.out.contains("warnings"), info.out);
    }

    @Test
    void aFailedWriteLeavesTheExistingFileAlone() throws Exception {
        Path source = RealCaptures.named("sample.scap");
        Path target = Files.writeString(tmp.resolve("keep.scap"), "precious");
        Cli bad = run("events", source.toString(), "-p", "%no.such.field", "--write", target.toString());
        assertEquals(2, bad.exitCode);
        assertEquals("precious", Files.readString(target));
        Cli noDir = run("events", source.toString(), "--write", tmp.resolve("missing/dir/out.scap").toString());
        assertEquals(2, noDir.exitCode);
        assertTrue(noDir.err.contains("missing"), noDir.err);
        try (var files = Files.list(tmp)) {
            assertTrue(files.noneMatch(p -> p.getFileName().toString().endsWith(".part")));
        }
    }

    @Test
    void fieldsListsTheFieldsWithDescriptions() {
        Cli fields = run("fields");
        assertEquals(0, fields.exitCode);
        assertTrue(fields.out.contains("evt.num"), fields.out);
        assertTrue(fields.out.contains("evt.rawarg.NAME"), fields.out);
    }

    /** The benchmark on a small capture: every figure it promises, about the capture it made. */
    @Test
    void benchMakesACaptureAndReportsEveryFigure() throws Exception {
        Path work = tmp.resolve("bench");
        Cli bench = Cli.run(null, "bench", "--size", "2", "--no-sysdig", "--keep", "--work", work.toString(),
                "--source", RealCaptures.named("502Error.scap").toString());
        assertEquals(0, bench.exitCode, bench.err);
        for (String figure : List.of("index (first open):", "full scan:", "reopen (indexed):", "random event access:",
                "state checkpoints:", "open with state:", "state at any event:", "peak heap:",
                "filter `proc.name=curl and evt.type=connect`", "filter `evt.buffer contains 502`",
                "views (fresh process per run")) {
            assertTrue(bench.out.contains(figure), figure + " missing from\n" + bench.out);
        }
        // the timed runs really ran: counts and rows come from the child processes
        Matcher counted = Pattern.compile("scapscope count, index cached: +[0-9.]+ s +([0-9]+) events").matcher(bench.out);
        assertTrue(counted.find(), bench.out);
        Matcher procs = Pattern.compile("procs +scapscope +[0-9.]+ s +([0-9]+) rows").matcher(bench.out);
        assertTrue(procs.find() && Integer.parseInt(procs.group(1)) > 0, bench.out);
        Matcher overview = Pattern.compile("overview +scapscope +[0-9.]+ s +([0-9]+) tiles").matcher(bench.out);
        assertTrue(overview.find() && Integer.parseInt(overview.group(1)) >= 10, bench.out);
        Matcher made = Pattern.compile("made .*: ([0-9,]+) bytes, ([0-9,]+) events").matcher(bench.out);
        assertTrue(made.find(), bench.out);
        Path capture = work.resolve("bench.scap");
        assertEquals(Long.parseLong(made.group(1).replace(",", "")), Files.size(capture));
        Cli count = run("count", capture.toString(), "--all");
        assertEquals(made.group(2).replace(",", ""), count.out.strip(), "the events the benchmark says it wrote");
    }
}
