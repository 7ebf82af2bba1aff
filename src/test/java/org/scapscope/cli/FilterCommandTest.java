package org.scapscope.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.scapscope.RealCaptures;

/** Filters on the command line: events, count and --write with a filter, rules files, bad filters. */
class FilterCommandTest {
    @TempDir
    Path tmp;

    private Cli run(String... args) {
        return Cli.run(tmp.resolve("cache"), args);
    }

    @Test
    void countPrintsHowManyEventsTheFilterSelects() {
        Path capture = RealCaptures.named("502Error.scap");
        String filter = "proc.name=curl and evt.type=connect";
        List<String> events = run("events", capture.toString(), filter, "-p", "%evt.num %proc.name %evt.type").lines();
        Cli count = run("count", capture.toString(), filter);
        assertEquals(0, count.exitCode, count.err);
        assertEquals(Integer.toString(events.size()), count.out.strip());
        assertTrue(events.size() > 0);
        for (String line : events) {
            assertTrue(line.endsWith(" curl connect"), line);
        }
        long all = Long.parseLong(run("count", capture.toString()).out.strip());
        long not = Long.parseLong(run("count", capture.toString(), "not (" + filter + ")").out.strip());
        assertEquals(all, events.size() + not);
    }

    @Test
    void aBlankFilterIsNoFilterAsInSysdig() {
        String capture = RealCaptures.named("502Error.scap").toString();
        String all = run("count", capture).out;
        for (String blank : new String[] {"", "  "}) {
            Cli count = run("count", capture, blank);
            assertEquals(0, count.exitCode, count.err);
            assertEquals(all, count.out);
            Cli view = run("view", "syscalls", capture, blank, "--csv");
            assertEquals(0, view.exitCode, view.err);
        }
        assertTrue(Long.parseLong(all.strip()) > 0);
    }

    @Test
    void eventsKeepsToATimeWindow() {
        Path capture = RealCaptures.named("502Error.scap");
        List<String> all = run("events", capture.toString(), "-p", "%evt.rawtime").lines();
        List<String> early = run("events", capture.toString(), "-p", "%evt.rawtime", "--to", "+5s").lines();
        List<String> late = run("events", capture.toString(), "-p", "%evt.rawtime", "--from", "+5s").lines();
        assertEquals(all.size(), early.size() + late.size());
        assertTrue(!early.isEmpty() && !late.isEmpty());
        long cut = Long.parseLong(all.get(0)) + 5_000_000_000L;
        assertTrue(early.stream().allMatch(t -> Long.parseLong(t) < cut));
        assertTrue(late.stream().allMatch(t -> Long.parseLong(t) >= cut));
    }

    @Test
    void aBadFilterExitsWithTwoAndPointsAtTheMistake() {
        Path capture = RealCaptures.named("sample.scap");
        Cli bad = run("count", capture.toString(), "proc.name = = curl");
        assertEquals(2, bad.exitCode);
        assertEquals("", bad.out);
        assertTrue(bad.err.contains("expected a value after `=` at column 13"), bad.err);
        assertTrue(bad.err.contains("  proc.name = = curl\n              ^"), bad.err);
        Cli unknown = run("events", capture.toString(), "proc.nmae = curl");
        assertEquals(2, unknown.exitCode);
        assertTrue(unknown.err.contains("did you mean `proc.name`"), unknown.err);
    }

    @Test
    void writeSavesOnlyTheSelectedEvents() throws Exception {
        Path capture = RealCaptures.named("502Error.scap");
        Path out = tmp.resolve("connects.scap");
        String filter = "evt.type=connect and proc.name=curl";
        Cli write = run("events", capture.toString(), filter, "--write", out.toString());
        assertEquals(0, write.exitCode, write.err);
        String selectedCount = run("count", capture.toString(), filter).out.strip();
        assertTrue(write.out.startsWith("wrote " + selectedCount + " events to "), write.out);
        String format = "%evt.rawtime %evt.type %proc.name %fd.name";
        List<String> selected = run("events", capture.toString(), filter, "-p", format).lines();
        List<String> copy = run("events", out.toString(), "-p", format).lines();
        assertEquals(selected, copy);
        assertEquals(Integer.toString(selected.size()), run("count", out.toString()).out.strip());
    }

    @Test
    void writeToAGzNameWritesGzipThatReadsBackAsTheSameEvents() throws Exception {
        Path capture = RealCaptures.named("502Error.scap");
        Path out = tmp.resolve("connects.scap.GZ");
        String filter = "evt.type=connect and proc.name=curl";
        Cli write = run("events", capture.toString(), filter, "--write", out.toString());
        assertEquals(0, write.exitCode, write.err);
        byte[] head = Arrays.copyOf(Files.readAllBytes(out), 2);
        assertArrayEquals(new byte[] {(byte) 0x1f, (byte) 0x8b}, head, "a .gz file starts with gzip's magic");
        try (InputStream in = new GZIPInputStream(Files.newInputStream(out))) {
            byte[] first = in.readNBytes(4);
            assertArrayEquals(new byte[] {0x0A, 0x0D, 0x0D, 0x0A}, first, "inflated, it starts with a section header");
        }
        String format = "%evt.rawtime %evt.type %proc.name %fd.name";
        List<String> selected = run("events", capture.toString(), filter, "-p", format).lines();
        assertEquals(selected, run("events", out.toString(), "-p", format).lines());
        assertTrue(Files.size(out) < Files.size(capture), "compressed below the source's size");
    }

    @Test
    void rulesFilesLendTheirMacrosAndLists() throws Exception {
        Path rules = Files.writeString(tmp.resolve("rules.yaml"), String.join("\n",
                "- list: web_clients",
                "  items: [curl, wget]",
                "- macro: outbound",
                "  condition: evt.type = connect and evt.dir = <",
                "- macro: web_client",
                "  condition: proc.name in (web_clients)",
                "- rule: ignored",
                "  desc: rules themselves are not used",
                "  condition: outbound",
                "  output: x",
                "  priority: INFO",
                ""));
        Path capture = RealCaptures.named("502Error.scap");
        Cli macro = run("count", capture.toString(), "outbound and web_client", "--rules", rules.toString());
        assertEquals(0, macro.exitCode, macro.err);
        Cli spelled = run("count", capture.toString(),
                "(evt.type = connect and evt.dir = <) and proc.name in (curl, wget)");
        assertEquals(spelled.out, macro.out);
        assertTrue(Long.parseLong(macro.out.strip()) > 0);
        Cli missing = run("count", capture.toString(), "outbound");
        assertEquals(2, missing.exitCode);
        assertTrue(missing.err.contains("neither a field nor a macro"), missing.err);
        Cli badRules = run("count", capture.toString(), "outbound", "--rules",
                Files.writeString(tmp.resolve("bad.yaml"), "- macro: x\n  condition: [\n").toString());
        assertEquals(2, badRules.exitCode);
        assertTrue(badRules.err.contains("bad.yaml"), badRules.err);
        Cli noRules = run("count", capture.toString(), "outbound", "--rules", tmp.resolve("none.yaml").toString());
        assertEquals(2, noRules.exitCode);
        assertTrue(noRules.err.contains("none.yaml does not exist"), noRules.err);
    }

    /** Runs the command line in a process of its own, with this settings folder: exit code, output, errors. */
    private String[] runWithSettings(Path config, String... args) throws Exception {
        List<String> all = new java.util.ArrayList<>(List.of(args));
        all.add("--cache=" + tmp.resolve("cache"));
        Cli run = Cli.inOwnProcess(java.util.Map.of("XDG_CONFIG_HOME", config.toString()), List.of(),
                all.toArray(new String[0]));
        return new String[] {Integer.toString(run.exitCode), run.out, run.err};
    }

    @Test
    void theMacrosOfTheUsersRulesFolderServeTheCommandLineAsTheyServeTheApp() throws Exception {
        Path rules = Files.createDirectories(tmp.resolve("config").resolve("scapscope").resolve("rules"));
        Files.writeString(rules.resolve("mine.yaml"), "- list: web_tools\n  items: [curl, wget]\n"
                + "- macro: web_client\n  condition: proc.name in (web_tools)\n");
        Files.writeString(rules.resolve("zz-broken.yaml"), "- macro: broken\n  condition: [unclosed\n");
        String capture = RealCaptures.named("502Error.scap").toString();
        String[] count = runWithSettings(tmp.resolve("config"), "count", capture, "web_client and evt.type=connect");
        assertEquals("0", count[0], count[2]);
        assertEquals(run("count", capture, "proc.name in (curl, wget) and evt.type=connect").out, count[1]);
        assertTrue(!count[1].strip().equals("0"), "the macro selects events: " + count[1]);
        assertTrue(count[2].startsWith("scapscope: warning: left out: rules file "
                + rules.resolve("zz-broken.yaml") + " is not valid YAML"), count[2]);
        // a file given with --rules comes after the folder's, and may use its lists
        Path more = Files.writeString(tmp.resolve("more.yaml"), "- macro: web_connect\n"
                + "  condition: proc.name in (web_tools) and evt.type=connect\n");
        String[] view = runWithSettings(tmp.resolve("config"), "view", "procs", capture, "web_connect", "--rules",
                more.toString(), "--json");
        assertEquals("0", view[0], view[2]);
        assertTrue(view[1].contains("\"rows\":[{"), "the view has rows: " + view[1]);
        assertEquals(run("view", "procs", capture, "proc.name in (curl, wget) and evt.type=connect", "--json").out, view[1]);
        // no such folder, no such macro
        assertEquals("2", runWithSettings(tmp.resolve("elsewhere"), "count", capture, "web_client")[0]);
    }
}
