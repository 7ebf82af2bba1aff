package org.scapscope.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.scapscope.RealCaptures;

/** What the command line does with input that is wrong: it says what is wrong, and harms nothing. */
class BadInputTest {
    @TempDir
    Path tmp;

    private Path cache() {
        return tmp.resolve("cache");
    }

    @Test
    void writingThroughALinkReplacesTheFileItNamesAndKeepsItsPermissions() throws IOException {
        Path real = tmp.resolve("real.scap");
        Files.copy(RealCaptures.named("sample.scap"), real);
        Files.setPosixFilePermissions(real, PosixFilePermissions.fromString("rw-r--r--"));
        Path link = Files.createSymbolicLink(tmp.resolve("link.scap"), real);
        Cli w = Cli.run(cache(), "events", RealCaptures.named("sample.scap").toString(), "evt.type=switch",
                "-w", link.toString());
        assertEquals(0, w.exitCode, w.err);
        assertTrue(Files.isSymbolicLink(link), "the link stays a link");
        assertEquals("rw-r--r--", PosixFilePermissions.toString(Files.getPosixFilePermissions(real)));
        Cli count = Cli.run(cache(), "count", real.toString());
        assertEquals(Cli.run(cache(), "count", RealCaptures.named("sample.scap").toString(), "evt.type=switch").out,
                count.out);
    }

    @Test
    void aFileThatIsNoCaptureIsReplacedOnlyWhenAskedTo() throws IOException {
        Path notes = Files.writeString(tmp.resolve("notes.txt"), "what I found so far\n");
        String sample = RealCaptures.named("sample.scap").toString();
        Cli refused = Cli.run(cache(), "events", sample, "-w", notes.toString());
        assertEquals(2, refused.exitCode, refused.out);
        assertTrue(refused.err.contains(notes + ": exists and is not a capture: give --force to replace it"), refused.err);
        assertEquals("what I found so far\n", Files.readString(notes));
        Cli forced = Cli.run(cache(), "events", sample, "-w", notes.toString(), "--force");
        assertEquals(0, forced.exitCode, forced.err);
        assertEquals(Cli.run(cache(), "count", sample).out, Cli.run(cache(), "count", notes.toString()).out);
        // an empty file, and a capture written before (gzip or not), are replaced as sysdig -w replaces them
        Path empty = Files.createFile(tmp.resolve("empty.scap"));
        assertEquals(0, Cli.run(cache(), "events", sample, "-w", empty.toString()).exitCode);
        Path gz = tmp.resolve("before.scap.gz");
        assertEquals(0, Cli.run(cache(), "events", sample, "-w", gz.toString()).exitCode);
        assertEquals(0, Cli.run(cache(), "events", sample, "evt.type=switch", "-w", gz.toString()).exitCode);
    }

    @Test
    void aDeviceOrAPipeIsNotReplacedByAFile() throws Exception {
        Path fifo = tmp.resolve("pipe.scap");
        Process p = new ProcessBuilder("mkfifo", fifo.toString()).start();
        org.junit.jupiter.api.Assumptions.assumeTrue(p.waitFor() == 0, "mkfifo makes the pipe");
        Cli w = Cli.run(cache(), "events", RealCaptures.named("sample.scap").toString(), "-w", fifo.toString());
        assertEquals(2, w.exitCode);
        assertTrue(w.err.contains("is not a regular file"), w.err);
        assertTrue(Files.isRegularFile(fifo) == false && Files.exists(fifo), "the pipe is still there");
    }

    @Test
    void theCaptureReadIsNeverWrittenOverBySelectionsOfItself() throws IOException {
        Path capture = tmp.resolve("incident.scap");
        Files.copy(RealCaptures.named("sample.scap"), capture);
        byte[] before = Files.readAllBytes(capture);
        Path link = Files.createSymbolicLink(tmp.resolve("link.scap"), capture);
        Path hard = Files.createLink(tmp.resolve("hard.scap"), capture);
        Path relative = Path.of("").toAbsolutePath().relativize(capture);
        for (Path out : List.of(capture, link, hard, relative)) {
            Cli w = Cli.run(cache(), "events", capture.toString(), "evt.type=open", "-w", out.toString());
            assertEquals(2, w.exitCode, out + ": " + w.out);
            assertTrue(w.err.contains(out.toAbsolutePath() + ": is the capture the events are read from"), w.err);
            assertArrayEquals(before, Files.readAllBytes(capture), "written as " + out);
        }
        try (Stream<Path> left = Files.list(tmp)) {
            assertFalse(left.anyMatch(f -> f.getFileName().toString().endsWith(".part")), "no half-written file is left");
        }
    }

    @Test
    void aCaptureWithNoWholeHeaderDoesNotReplaceAGoodOne() throws IOException {
        Path good = tmp.resolve("good.scap");
        Files.copy(RealCaptures.named("sample.scap"), good);
        byte[] before = Files.readAllBytes(good);
        Path cut = tmp.resolve("cut.scap");
        Files.write(cut, java.util.Arrays.copyOf(before, 12));
        Cli w = Cli.run(cache(), "events", cut.toString(), "-w", good.toString());
        assertTrue(w.exitCode != 0, w.out);
        assertTrue(w.err.contains("is cut short at offset 12"), w.err);
        assertArrayEquals(before, Files.readAllBytes(good));
        try (Stream<Path> left = Files.list(tmp)) {
            assertFalse(left.anyMatch(f -> f.getFileName().toString().endsWith(".part")), "no half-written file is left");
        }
    }

    @Test
    void aWrittenCaptureHoldsTheTimeWindowOnly() throws IOException {
        String sample = RealCaptures.named("sample.scap").toString();
        Path out = tmp.resolve("window.scap");
        Cli w = Cli.run(cache(), "events", sample, "--from=+0.5s", "-w", out.toString());
        assertEquals(0, w.exitCode, w.err);
        long inWindow = Cli.run(cache(), "events", sample, "--from=+0.5s").lines().size();
        assertTrue(inWindow > 0);
        assertTrue(w.out.startsWith("wrote " + inWindow + " events"), w.out);
        Cli bad = Cli.run(cache(), "events", sample, "--from=abc", "-w", tmp.resolve("bad.scap").toString());
        assertEquals(2, bad.exitCode);
        assertFalse(Files.exists(tmp.resolve("bad.scap")));
    }

    @Test
    void aGzipFileThatHoldsNoCaptureIsRefusedBeforeItIsInflatedWhole() throws IOException {
        Path zeros = tmp.resolve("zeros.scap.gz");
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(zeros))) {
            out.write(new byte[8 << 20]);
        }
        Cli c = Cli.run(cache(), "count", zeros.toString());
        assertEquals(2, c.exitCode);
        assertTrue(c.err.contains("is gzip-compressed, but what it holds is not a capture"), c.err);
        try (Stream<Path> files = Files.walk(cache())) {
            long bytes = files.filter(Files::isRegularFile).mapToLong(f -> f.toFile().length()).sum();
            assertTrue(bytes < 1 << 20, "the cache holds " + bytes + " bytes");
        }
        Path headerOnly = tmp.resolve("cut.scap.gz");
        Files.write(headerOnly, new byte[] {0x1f, (byte) 0x8b, 8});
        Cli cut = Cli.run(cache(), "count", headerOnly.toString());
        assertEquals(2, cut.exitCode);
        assertTrue(cut.err.contains("gzip header is cut short"), cut.err);
    }

    @Test
    void aPcapngNetworkCaptureIsRefusedAsOneNotReadAsAnEmptyCapture() throws IOException {
        // a section header, an interface description and one packet, as Wireshark writes them
        ByteBuffer b = ByteBuffer.allocate(28 + 20 + 92).order(ByteOrder.LITTLE_ENDIAN);
        b.putInt(0x0A0D0D0A).putInt(28).putInt(0x1A2B3C4D).putShort((short) 1).putShort((short) 0).putLong(-1).putInt(28);
        b.putInt(0x1).putInt(20).putShort((short) 1).putShort((short) 0).putInt(65535).putInt(20);
        b.putInt(0x6).putInt(92).putInt(0).putInt(0).putInt(0).putInt(60).putInt(60).put(new byte[60]).putInt(92);
        Path pcapng = Files.write(tmp.resolve("packets.pcapng"), b.array());
        for (String command : new String[] {"count", "info", "events"}) {
            Cli c = Cli.run(cache(), command, pcapng.toString());
            assertEquals(2, c.exitCode, command + ": " + c.err);
            assertTrue(c.err.contains("packets.pcapng is a pcapng network capture"), c.err);
            assertTrue(c.err.contains("not a system-call capture"), c.err);
        }
    }

    @Test
    void controlCharactersFromAStoreDoNotReachTheTerminal() throws IOException {
        // whoever fills a bucket writes its metadata: a name that retitles the terminal and clears the line
        Path store = Files.createDirectories(tmp.resolve("store"));
        Files.copy(RealCaptures.named("sample.scap"), store.resolve("c1.scap"));
        Files.writeString(store.resolve("c1.json"), "{\"name\": \"\\u001b]0;owned\\u0007ok\\r\\u001b[2Kfine\","
                + " \"host\": \"web\\u009b1m\\u202e\", \"status\": \"error\", \"error\": \"bad\\u001b[31m\"}");
        Cli ls = Cli.run(null, "captures", "ls", "--store", store.toString(), "--cache=" + cache());
        assertEquals(0, ls.exitCode, ls.err);
        Cli info = Cli.run(null, "captures", "info", "c1", "--store", store.toString(), "--cache=" + cache());
        assertEquals(0, info.exitCode, info.err);
        for (Cli c : new Cli[] {ls, info}) {
            assertTrue(c.out.chars().noneMatch(ch -> ch < 0x20 && ch != '\n' || ch >= 0x7f && ch <= 0x9f), c.out);
            assertTrue(c.out.contains("\\x1b]0;owned\\x07ok\\x0d\\x1b[2Kfine"), c.out);
        }
        assertTrue(ls.out.contains("web\\x9b1m\\u202e"), "a right-to-left override is written out: " + ls.out);
        Cli json = Cli.run(null, "captures", "ls", "--json", "--store", store.toString(), "--cache=" + cache());
        assertTrue(json.out.contains("\\u001B]0;owned") || json.out.contains("\\u001b]0;owned"), json.out);
    }

    @Test
    void listsThatDoubleAtEveryLevelDownToAnEmptyOneAreExpandedOnceEach() throws IOException {
        Path file = doublingLists("empty-rules.yaml", "");
        org.junit.jupiter.api.Assertions.assertTimeoutPreemptively(java.time.Duration.ofSeconds(30), () -> {
            Cli c = Cli.run(cache(), "count", "--rules", file.toString(), RealCaptures.named("sample.scap").toString(),
                    "proc.name in (l39) or evt.type = open");
            assertEquals(Cli.run(cache(), "count", RealCaptures.named("sample.scap").toString(), "evt.type = open").out,
                    c.out, c.err);
        });
    }

    /** A rules file whose list l0 holds {@code leaves} and each l(i) names l(i-1) twice, up to l39. */
    private Path doublingLists(String name, String leaves) throws IOException {
        StringBuilder rules = new StringBuilder("- list: l0\n  items: [" + leaves + "]\n");
        for (int i = 1; i < 40; i++) {
            rules.append("- list: l").append(i).append("\n  items: [l").append(i - 1).append(", l").append(i - 1)
                    .append("]\n");
        }
        Path file = tmp.resolve(name);
        Files.writeString(file, rules);
        return file;
    }

    @Test
    void listsThatDoubleAtEveryLevelAreRefusedNotExpanded() throws IOException {
        Path file = doublingLists("rules.yaml", "a, b");
        Cli c = Cli.run(cache(), "count", "--rules", file.toString(), RealCaptures.named("sample.scap").toString(),
                "proc.name in (l39)");
        assertEquals(2, c.exitCode);
        assertTrue(c.err.contains("list l39 stands for more than"), c.err);
    }

    @Test
    void optionsOutOfRangeAreUsageErrorsNotInternalOnes() throws IOException {
        Cli days = Cli.run(null, "captures", "ls", "--store", tmp.resolve("lib").toString(), "--retention-days", "0");
        assertEquals(2, days.exitCode);
        assertTrue(days.err.contains("--retention-days must be at least 1") && !days.err.contains("internal"), days.err);
        Cli port = withProfile(() -> Cli.run(null, "captures", "ls", "--store", "s3://bucket", "--endpoint",
                "http://user:hunter2@127.0.0.1:99999", "--profile", "test"));
        assertEquals(2, port.exitCode, port.err);
        assertFalse(port.err.contains("internal") || port.err.contains("hunter2"), port.err);
        // a server that is not there: the address in the message has no password either, whatever it holds
        int free;
        try (java.net.ServerSocket s = new java.net.ServerSocket(0)) {
            free = s.getLocalPort();
        }
        Cli dead = withProfile(() -> Cli.run(null, "captures", "ls", "--store", "s3://bucket", "--endpoint",
                "http://user:pa/ss#w@127.0.0.1:" + free, "--profile", "test"));
        // the password's '/' ends the address early: no host is left, which is said without the password
        assertEquals(2, dead.exitCode, dead.err);
        assertTrue(dead.err.contains("http://***@127.0.0.1:" + free) && !dead.err.contains("pa/ss")
                && !dead.err.contains("user:") && dead.err.contains("keys do not belong in the endpoint"), dead.err);
        Cli deadPlain = withProfile(() -> Cli.run(null, "captures", "ls", "--store", "s3://bucket", "--endpoint",
                "http://user:pass@127.0.0.1:" + free, "--profile", "test"));
        assertEquals(1, deadPlain.exitCode, deadPlain.err);
        assertTrue(deadPlain.err.contains("http://***@127.0.0.1:" + free) && !deadPlain.err.contains("pass"),
                deadPlain.err);
        Cli region = withProfile(() -> Cli.run(null, "captures", "ls", "--store", "s3://bucket", "--endpoint",
                "http://127.0.0.1:9", "--region", "no such region", "--profile", "test"));
        assertEquals(2, region.exitCode, region.err);
        assertTrue(region.err.contains("s3://bucket") && region.err.contains("region")
                && !region.err.contains("internal"), region.err);
    }

    /** Runs a command with a home whose AWS credentials file has a profile "test" (keys that sign, nothing more). */
    private Cli withProfile(java.util.function.Supplier<Cli> command) throws IOException {
        Path home = tmp.resolve("home");
        Files.createDirectories(home.resolve(".aws"));
        Files.writeString(home.resolve(".aws").resolve("credentials"),
                "[test]\naws_access_key_id = a\naws_secret_access_key = b\n");
        String oldHome = System.getProperty("user.home");
        System.setProperty("user.home", home.toString());
        try {
            return command.get();
        } finally {
            System.setProperty("user.home", oldHome);
        }
    }

    @Test
    void aMistypedStoreIsNotMadeIntoAFolder() {
        for (String store : new String[] {"S3://bucket", "s3:/bucket", "http://127.0.0.1:1/bucket", "nosuchname"}) {
            Cli ls = Cli.run(null, "captures", "ls", "--store", store);
            assertEquals(2, ls.exitCode, store + ": " + ls.out);
            assertTrue(ls.err.contains("'" + store + "'"), ls.err);
            assertFalse(Files.exists(Path.of(store)), store);
        }
        Cli far = Cli.run(cache(), "view", "procs", RealCaptures.named("sample.scap").toString(),
                "--from=99999999999999999999999");
        assertEquals(2, far.exitCode);
        assertTrue(far.err.contains("is past any time a capture holds"), far.err);
    }

    @Test
    void aDrillKeyAddsNoConditionOfItsOwn() throws IOException {
        String sample = RealCaptures.named("sample.scap").toString();
        com.fasterxml.jackson.databind.ObjectMapper json = new com.fasterxml.jackson.databind.ObjectMapper();
        int allThreads = json.readTree(Cli.run(cache(), "view", "threads", sample, "--json").out).get("rows").size();
        String pid = json.readTree(Cli.run(cache(), "view", "procs", sample, "--json").out).get("rows").get(0)
                .get("key").asText();
        // a key as the table shows it, with the blanks a paste brings, still drills
        Cli drilled = Cli.run(cache(), "view", "procs", sample, "--drill= " + pid + " ", "--json");
        assertEquals(0, drilled.exitCode, drilled.err);
        int ofOne = json.readTree(drilled.out).get("rows").size();
        assertTrue(ofOne > 0 && ofOne < allThreads, ofOne + " of " + allThreads);
        Cli injected = Cli.run(cache(), "view", "procs", sample, "--drill=1 or proc.pid>0", "--json");
        assertTrue(injected.exitCode != 0 || json.readTree(injected.out).get("rows").size() < allThreads,
                injected.err);
    }

    @Test
    void aDamagedProcessTableIsWarnedOf() throws IOException {
        byte[] bytes = Files.readAllBytes(RealCaptures.named("sample.scap"));
        // the first thread entry's length, in the process list that follows the section and machine blocks
        java.nio.ByteBuffer.wrap(bytes).order(java.nio.ByteOrder.LITTLE_ENDIAN).putInt(3304, -1);
        Path damaged = tmp.resolve("damaged.scap");
        Files.write(damaged, bytes);
        Cli info = Cli.run(cache(), "info", damaged.toString());
        assertEquals(0, info.exitCode, info.err);
        assertTrue(info.out.contains("thread entry length 4294967295 runs past the block"), info.out);
        assertFalse(Cli.run(cache(), "info", RealCaptures.named("sample.scap").toString()).out.contains("runs past"));
    }

    @Test
    void aNameComparedWithAValueIsAnUnknownFieldNotAMacro() {
        Cli c = Cli.run(cache(), "count", RealCaptures.named("sample.scap").toString(), "proc_name contains x");
        assertEquals(2, c.exitCode);
        assertTrue(c.err.contains("unknown field `proc_name`; did you mean `proc.name`?"), c.err);
        Cli alone = Cli.run(cache(), "count", RealCaptures.named("sample.scap").toString(), "foo");
        assertTrue(alone.err.contains("neither a field nor a macro"), alone.err);
    }

    @Test
    void aWebServerThatIsNotS3IsSaidToBeNone() throws IOException {
        com.sun.net.httpserver.HttpServer web = com.sun.net.httpserver.HttpServer.create(
                new java.net.InetSocketAddress("127.0.0.1", 0), 0);
        web.createContext("/", x -> {
            byte[] page = "<html><body>a web page</body></html>".getBytes(java.nio.charset.StandardCharsets.UTF_8);
            x.getResponseHeaders().add("Content-Type", "text/html");
            x.sendResponseHeaders(200, page.length);
            x.getResponseBody().write(page);
            x.close();
        });
        web.start();
        try {
            Cli ls = withProfile(() -> Cli.run(null, "captures", "ls", "--store", "s3://bucket", "--endpoint",
                    "http://127.0.0.1:" + web.getAddress().getPort(), "--profile", "test"));
            assertEquals(1, ls.exitCode, ls.err);
            assertTrue(ls.err.contains("does not answer like an S3 server"), ls.err);
        } finally {
            web.stop(0);
        }
    }

    @Test
    void anInflatedCopyCutShortInTheCacheIsMadeAgain() throws IOException {
        Path gz = tmp.resolve("sample.scap.gz");
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(gz))) {
            Files.copy(RealCaptures.named("sample.scap"), out);
        }
        String before = Cli.run(cache(), "view", "procs", gz.toString()).out;
        Path copy;
        try (Stream<Path> inflated = Files.list(cache().resolve("inflated"))) {
            copy = inflated.filter(f -> f.toString().endsWith(".scap")).findFirst().orElseThrow();
        }
        try (java.nio.channels.FileChannel ch = java.nio.channels.FileChannel.open(copy,
                java.nio.file.StandardOpenOption.WRITE)) {
            ch.truncate(ch.size() / 2);
        }
        Cli again = Cli.run(cache(), "view", "procs", gz.toString());
        assertEquals(0, again.exitCode, again.err);
        assertEquals(before, again.out);
    }

    @Test
    void anEmptyViewFileIsReportedAndTheOtherViewsStillWork() throws IOException {
        Path folder = tmp.resolve("views");
        Files.createDirectories(folder);
        Files.writeString(folder.resolve("empty.json"), "");
        Files.writeString(folder.resolve("null.json"), "null");
        org.scapscope.view.ViewCatalog c = org.scapscope.view.ViewCatalog.withUserViews(folder);
        assertEquals(2, c.problems().size(), c.problems().toString());
        assertTrue(c.problems().get(0).contains("holds no view definition"), c.problems().toString());
        assertTrue(c.get("procs") != null);
    }

    @Test
    void memoryIsAnUnsignedCountAsTheFormatHasIt() throws IOException {
        Path file = tmp.resolve("huge-memory.scap");
        try (org.scapscope.scap.ScapWriter w = new org.scapscope.scap.ScapWriter(Files.newOutputStream(file))) {
            w.sectionHeader(ByteOrder.LITTLE_ENDIAN, 1, 2)
                    .machineInfo(new org.scapscope.scap.MachineInfo(2, -1L, 0, "box", 0))
                    .event(0, 1_700_000_000_000_000_000L, 1, 2, "/a", 0L, 0L);
        }
        Cli text = Cli.run(cache(), "info", file.toString());
        assertEquals(0, text.exitCode, text.err);
        assertTrue(text.out.contains("memory:         18446744073709551615"), text.out);
        Cli json = Cli.run(cache(), "info", "--json", file.toString());
        assertTrue(json.out.replace(" ", "").contains("\"memory\":18446744073709551615"), json.out);
    }

    @Test
    void runningOutOfMemorySaysHowToGiveTheWorkMore() {
        String said = Main.outOfMemory(512L << 20);
        assertTrue(said.contains("out of memory"), said);
        assertTrue(said.contains("512 MB"), said);
        assertTrue(said.contains("SCAPSCOPE_JAVA_OPTS=-Xmx2g"), said);
        assertTrue(Main.outOfMemory(3L << 30).contains("-Xmx8g"), Main.outOfMemory(3L << 30));
    }

    @Test
    void stateCheckpointsThatCannotBeKeptInTheCacheAreKeptAsideForTheRun() throws IOException {
        String sample = RealCaptures.named("sample.scap").toString();
        Path other = tmp.resolve("other-cache");
        String expected = Cli.run(other, "view", "procs", sample, "--json").out;
        assertEquals(0, Cli.run(cache(), "count", sample).exitCode);
        Path idx;
        try (Stream<Path> files = Files.list(cache().resolve("index"))) {
            idx = files.filter(f -> f.toString().endsWith(".idx")).findFirst().orElseThrow();
        }
        // a folder where the checkpoints go: they cannot be written there
        Path blocked = Files.createDirectory(Path.of(idx.toString().replace(".idx", ".state")));
        Cli view = Cli.run(cache(), "view", "procs", sample, "--json");
        assertEquals(0, view.exitCode, view.err);
        assertEquals(expected, view.out);
        assertTrue(Files.isDirectory(blocked), "what was in the way is left alone");
        try (Stream<Path> left = Files.list(cache().resolve("index"))) {
            assertFalse(left.anyMatch(f -> f.toString().endsWith(".tmp")), "no half-written file is left");
        }
    }

    @Test
    void whenNeitherTheCacheNorTheTemporaryFolderCanBeWrittenTheMessageNamesBoth() throws Exception {
        Path file = Files.writeString(tmp.resolve("a-file"), "not a folder");
        Path gone = tmp.resolve("no-such-folder");
        Cli run = Cli.inOwnProcess(java.util.Map.of(), List.of("-Djava.io.tmpdir=" + gone), "view", "procs",
                RealCaptures.named("sample.scap").toString(), "--cache=" + file.resolve("cache"));
        String err = run.err;
        assertEquals(1, run.exitCode, err);
        assertTrue(err.startsWith("scapscope: indexing "), err);
        assertTrue(err.contains("neither the cache " + file.resolve("cache").resolve("index")
                + " (a file is in the way, where a folder should be)"), err);
        assertTrue(err.contains("nor the temporary folder " + gone + " (no such folder)"), err);
        assertEquals("not a folder", Files.readString(file));
        assertFalse(Files.exists(gone));
    }

    @Test
    void aCaptureWithNoSectionReadableIsAnEmptyCaptureToEveryCommand() throws IOException {
        // the section header's byte-order magic written the wrong way round: its length reads as 469 MB
        byte[] data = Files.readAllBytes(RealCaptures.named("sample.scap"));
        data[8] = 0x1a;
        data[9] = 0x2b;
        data[10] = 0x3c;
        data[11] = 0x4d;
        Path file = Files.write(tmp.resolve("swapped-magic.scap"), data);
        for (String[] command : new String[][] {{"view", "procs"}, {"view", "connections"}, {"overview"}, {"echo"},
            {"events"}, {"events", "--from=+1s"}, {"count", "proc.name=curl"}}) {
            java.util.List<String> args = new java.util.ArrayList<>(java.util.List.of(command));
            args.add(command[0].equals("view") ? 2 : 1, file.toString());
            Cli run = Cli.run(cache(), args.toArray(new String[0]));
            assertEquals(0, run.exitCode, args + ": " + run.err);
            assertTrue(run.err.startsWith("scapscope: warning: " + file + " is truncated at offset 0"), args + ": " + run.err);
            assertFalse(run.err.contains("internal error"), run.err);
        }
    }
}
