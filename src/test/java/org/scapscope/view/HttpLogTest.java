package org.scapscope.view;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;
import org.scapscope.RealCaptures;
import org.scapscope.filter.FilterCompiler;
import org.scapscope.filter.FilterScan;
import org.scapscope.scap.OpenOptions;
import org.scapscope.scap.ScapFile;
import org.scapscope.state.StateHistory;

class HttpLogTest {
    @TempDir
    static Path cache;

    private static final DateTimeFormatter UTC = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSSSSSSSS")
            .withZone(ZoneOffset.UTC);

    /**
     * The requests and their responses are sysdig's httplog lines, with no filter and with one, and
     * the counts by method and URL are httptop's by ncalls, mean time and bytes, on every capture
     * (goldens by tools/make-http-goldens.sh).
     */
    @TestFactory
    Stream<DynamicTest> requestsAreSysdigsHttplogAndHttptop() throws Exception {
        List<DynamicTest> tests = new ArrayList<>();
        for (Path capture : RealCaptures.all()) {
            Path dir = RealCaptures.goldens().resolve(capture.getFileName().toString());
            if (!Files.exists(dir.resolve("http.txt"))) {
                continue;
            }
            tests.add(DynamicTest.dynamicTest(capture.getFileName().toString(), () -> {
                try (ScapFile scap = ScapFile.open(capture, OpenOptions.defaults().cacheDir(cache));
                     StateHistory history = StateHistory.of(scap)) {
                    for (Map.Entry<String, List<String>> s : sections(dir.resolve("http.txt")).entrySet()) {
                        HttpLog.Result r = HttpLog.find(scap, history, s.getKey().isEmpty() ? null
                                : FilterCompiler.compile(s.getKey()), 0, Long.MAX_VALUE, Integer.MAX_VALUE, null, null);
                        assertEquals(s.getValue(), r.transactions().stream().map(t -> HttpLog.logLine(t, UTC)).toList(),
                                "filter " + s.getKey());
                    }
                    List<HttpLog.Transaction> all = HttpLog.find(scap, history, null, 0, Long.MAX_VALUE,
                            Integer.MAX_VALUE, null, null).transactions();
                    for (Map.Entry<String, List<String>> s : sections(dir.resolve("http-top.txt")).entrySet()) {
                        HttpLog.By by = HttpLog.By.of(s.getKey());
                        List<String> ours = HttpLog.topText(HttpLog.ranked(all, by), by).stream().sorted()
                                .collect(Collectors.toList());
                        assertEquals(s.getValue(), ours, s.getKey());
                    }
                }
            }));
        }
        return tests.stream();
    }

    /**
     * Requests and responses in different parts of the capture are paired as in one pass; each
     * transaction's filter selects its request's and response's events; a limit keeps the first ones.
     */
    @Test
    void partsPairAsOnePassAndEachTransactionSelectsItsTwoEvents() throws Exception {
        try (ScapFile scap = ScapFile.open(RealCaptures.named("502Error.scap"), OpenOptions.defaults().cacheDir(cache));
             StateHistory history = StateHistory.of(scap)) {
            HttpLog.Result whole = HttpLog.find(scap, null, null, 0, Long.MAX_VALUE, Integer.MAX_VALUE, null, null);
            HttpLog.Result parts = HttpLog.find(scap, history, null, 0, Long.MAX_VALUE, Integer.MAX_VALUE, null, null,
                    700);
            assertEquals(whole, parts);
            assertEquals(111, whole.transactions().size());
            HttpLog.Transaction bad = whole.transactions().stream().filter(t -> t.status() == 502).findFirst()
                    .orElseThrow();
            assertEquals("haproxy", bad.process());
            assertEquals("/foo", bad.url().substring(bad.url().indexOf('/')));
            assertTrue(bad.served(), "haproxy read the request from curl");
            assertEquals(2, FilterScan.count(scap, FilterCompiler.compile(bad.filter()), true, null));
            HttpLog.Result exactly = HttpLog.find(scap, history, null, 0, Long.MAX_VALUE, 111, null, null);
            assertEquals(whole.transactions(), exactly.transactions());
            assertTrue(!exactly.cut(), "111 requests with a limit of 111: none left out");
            HttpLog.Result first = HttpLog.find(scap, history, null, 0, Long.MAX_VALUE, 5, null, null);
            assertTrue(first.cut());
            assertEquals(whole.transactions().subList(0, 5), first.transactions());
            // in small parts, each keeping at most `limit` transactions of its own: the first ones still
            for (int limit = 1; limit <= 12; limit++) {
                HttpLog.Result kept = HttpLog.find(scap, history, null, 0, Long.MAX_VALUE, limit, null, null, 700);
                assertTrue(kept.cut(), "limit " + limit);
                assertEquals(whole.transactions().subList(0, limit), kept.transactions(), "limit " + limit);
            }
            assertEquals(whole, HttpLog.find(scap, history, null, 0, Long.MAX_VALUE, 111, null, null, 700));
            List<HttpLog.Top> top = HttpLog.top(whole.transactions());
            assertEquals(1, top.stream().mapToLong(HttpLog.Top::errors).sum());
        }
    }

    @Test
    void timesAreWrittenAsTheChiselsWriteThem() {
        assertEquals("2.04ms", HttpLog.timeInterval(2_041_234.5));
        assertEquals("250ms", HttpLog.timeInterval(250_900_000));
        assertEquals("1.50s", HttpLog.timeInterval(1_500_000_000));
        assertEquals("15us", HttpLog.timeInterval(15_600));
        assertEquals("3.20us", HttpLog.timeInterval(3_205));
        assertEquals("800ns", HttpLog.timeInterval(800.7));
    }

    /** A golden's sections, by the text after "## ", in order. */
    /**
     * On a capture of edge cases (HttpEdgeCapture): buffers read whole as the chisels read them (a
     * long URL, headers and a status line past the 80th byte), a status of eleven digits, mean times
     * worked out in doubles as httptop does; and, in parts of a few events each, any limit gives the
     * first requests though a thousand messages on one descriptor never pair.
     */
    @Test
    void edgeCasesAreSysdigsAndALimitKeepsTheFirstRequests(@TempDir Path dir) throws Exception {
        Path capture = dir.resolve("http-edge.scap");
        Files.write(capture, HttpEdgeCapture.bytes());
        Path golden = Path.of(HttpLogTest.class.getResource("http-edge.txt").toURI());
        try (ScapFile scap = ScapFile.open(capture, OpenOptions.defaults().cacheDir(dir.resolve("cache")));
             StateHistory history = StateHistory.of(scap)) {
            HttpLog.Result whole = HttpLog.find(scap, history, null, 0, Long.MAX_VALUE, Integer.MAX_VALUE, null, null);
            assertEquals(Files.readAllLines(golden), whole.transactions().stream().map(t -> HttpLog.logLine(t, UTC))
                    .toList());
            for (Map.Entry<String, List<String>> s : sections(golden.resolveSibling("http-edge-top.txt")).entrySet()) {
                HttpLog.By by = HttpLog.By.of(s.getKey());
                List<String> ours = HttpLog.topText(HttpLog.ranked(whole.transactions(), by), by).stream().sorted()
                        .collect(Collectors.toList());
                assertEquals(s.getValue(), ours, s.getKey());
            }
            int all = whole.transactions().size();
            for (int limit = 1; limit <= all + 1; limit++) {
                HttpLog.Result first = HttpLog.find(scap, history, null, 0, Long.MAX_VALUE, limit, null, null, 64);
                assertEquals(whole.transactions().subList(0, Math.min(limit, all)), first.transactions(),
                        "limit " + limit);
                assertEquals(limit < all, first.cut(), "limit " + limit);
            }
        }
    }

    private static Map<String, List<String>> sections(Path golden) throws Exception {
        Map<String, List<String>> out = new LinkedHashMap<>();
        List<String> current = null;
        for (String line : Files.readAllLines(golden)) {
            if (line.startsWith("## ")) {
                current = new ArrayList<>();
                out.put(line.substring(3), current);
            } else if (current != null) {
                current.add(line);
            }
        }
        return out;
    }
}
