package org.scapscope.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;
import org.scapscope.RealCaptures;

/**
 * {@code scapscope events} against sysdig 0.29.3 on the real captures, line for line. The goldens in
 * src/test/resources/golden were made by tools/make-goldens.sh.
 */
class SysdigConformanceTest {
    /**
     * The goldens to check: every {@code KEY.format} beside a capture's goldens, or only those named
     * by the system property {@code golden.only} (comma-separated keys), for quick runs.
     */
    private static List<String> keys(Path golden) throws IOException {
        String only = System.getProperty("golden.only", "");
        List<String> keys = new ArrayList<>();
        try (Stream<Path> files = Files.list(golden)) {
            files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".format"))
                    .map(n -> n.substring(0, n.length() - ".format".length()))
                    .filter(k -> k.startsWith("events-") || k.startsWith("state-") || k.startsWith("options-"))
                    .filter(k -> only.isEmpty() || List.of(only.split(",")).contains(k))
                    .sorted().forEach(keys::add);
        }
        return keys;
    }

    static List<String> readGolden(Path golden, String key) throws IOException {
        Path gz = golden.resolve(key + ".txt.gz");
        if (Files.exists(gz)) {
            try (var in = new GZIPInputStream(Files.newInputStream(gz))) {
                String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
                return text.isEmpty() ? List.of() : List.of(text.split("\n", -1)).subList(0, text.split("\n", -1).length - 1);
            }
        }
        return Files.readAllLines(golden.resolve(key + ".txt"), StandardCharsets.UTF_8);
    }

    @TempDir
    static Path cache;

    @TestFactory
    Stream<DynamicTest> eventsEqualSysdigLineForLine() throws IOException {
        List<DynamicTest> tests = new ArrayList<>();
        for (Path capture : RealCaptures.all()) {
            Path golden = RealCaptures.goldens().resolve(capture.getFileName().toString());
            if (!Files.isDirectory(golden)) {
                continue;
            }
            for (String key : keys(golden)) {
                tests.add(DynamicTest.dynamicTest(capture.getFileName() + " " + key, () -> {
                    String format = Files.readString(golden.resolve(key + ".format"), StandardCharsets.UTF_8);
                    format = format.endsWith("\n") ? format.substring(0, format.length() - 1) : format;
                    List<String> expected = readGolden(golden, key);
                    // sysdig's display options the golden was made with (-t, -A, -x, ...), if any
                    Path optionsFile = golden.resolve(key + ".options");
                    List<String> args = new ArrayList<>(List.of("events", capture.toString()));
                    if (Files.exists(optionsFile)) {
                        args.addAll(List.of(Files.readString(optionsFile, StandardCharsets.UTF_8).strip().split(" +")));
                    }
                    if (!format.isEmpty()) {
                        args.addAll(List.of("-p", format));
                    }
                    Cli r = Cli.run(cache, args.toArray(String[]::new));
                    assertEquals(0, r.exitCode, r.err);
                    compare(expected, r.lines(), capture + " " + String.join(" ", args.subList(2, args.size())));
                }));
            }
            if (Files.exists(golden.resolve("summary.txt"))) {
                tests.add(DynamicTest.dynamicTest(capture.getFileName() + " -S", () -> {
                    List<String> expected = Files.readAllLines(golden.resolve("summary.txt"), StandardCharsets.UTF_8);
                    Cli r = Cli.run(cache, "events", capture.toString(), "-S");
                    assertEquals(0, r.exitCode, r.err);
                    List<String> lines = r.lines();
                    List<String> summary = lines.subList(lines.indexOf("----------------------"), lines.size());
                    // sysdig sorts by count with an unstable sort: among equal counts its order is its own
                    assertEquals(expected.subList(0, 3), summary.subList(0, Math.min(3, summary.size())));
                    assertEquals(byCountThenText(expected.subList(3, expected.size())),
                            byCountThenText(summary.subList(3, summary.size())), capture + " -S");
                    assertEquals(summary.subList(3, summary.size()).stream().map(SysdigConformanceTest::calls).toList(),
                            summary.subList(3, summary.size()).stream().map(SysdigConformanceTest::calls)
                                    .sorted(java.util.Comparator.reverseOrder()).toList(), "most calls first");
                }));
            }
            tests.add(DynamicTest.dynamicTest(capture.getFileName() + " count", () -> {
                String expected = Files.readString(golden.resolve("count.txt"), StandardCharsets.UTF_8).strip();
                Cli r = Cli.run(cache, "count", capture.toString());
                assertEquals(0, r.exitCode, r.err);
                assertEquals(expected, r.out.strip());
            }));
        }
        assertTrue(tests.size() > 0, "no goldens found in " + RealCaptures.goldens().toAbsolutePath());
        return tests.stream();
    }

    /** The calls of a summary line, its last word. */
    private static long calls(String line) {
        return Long.parseLong(line.substring(line.lastIndexOf(' ') + 1));
    }

    /** Summary lines in one order whatever the order of equal counts. */
    private static List<String> byCountThenText(List<String> lines) {
        return lines.stream().sorted(java.util.Comparator.comparingLong(SysdigConformanceTest::calls).reversed()
                .thenComparing(java.util.Comparator.naturalOrder())).toList();
    }

    static void compare(List<String> expected, List<String> actual, String what) {
        int n = Math.min(expected.size(), actual.size());
        for (int i = 0; i < n; i++) {
            if (!expected.get(i).equals(actual.get(i))) {
                fail(what + ": line " + (i + 1) + " differs\n  sysdig:    " + expected.get(i) + "\n  scapscope: "
                        + actual.get(i));
            }
        }
        assertEquals(expected.size(), actual.size(), what + ": line count");
    }
}
