package org.scapscope.view;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;
import org.scapscope.RealCaptures;
import org.scapscope.filter.FilterCompiler;
import org.scapscope.filter.FilterScan;
import org.scapscope.scap.EventTypes;
import org.scapscope.scap.OpenOptions;
import org.scapscope.scap.ScapEvent;
import org.scapscope.scap.ScapFile;

class OverviewTest {
    @TempDir
    static Path cache;

    /**
     * Running processes and containers are as many as the rows of the views they drill into, idle
     * ones included, over the whole capture and with a filter.
     */
    @TestFactory
    Stream<DynamicTest> runningProcessesAndContainersAreTheRowsOfTheirViews() throws IOException {
        List<DynamicTest> tests = new ArrayList<>();
        for (Path capture : RealCaptures.all()) {
            tests.add(DynamicTest.dynamicTest(capture.getFileName().toString(), () -> {
                try (ScapFile scap = ScapFile.open(capture, OpenOptions.defaults().cacheDir(cache))) {
                    for (String filter : new String[] {null, "proc.name != bash"}) {
                        org.scapscope.filter.Filter f = filter == null ? null : FilterCompiler.compile(filter);
                        Overview.Result result = Overview.compute(scap, f, 40, null);
                        for (String[] tileAndView : new String[][] {{"procCount", "procs"}, {"containerCount", "containers"}}) {
                            long total = result.tiles().stream().filter(t -> t.tile().id().equals(tileAndView[0]))
                                    .mapToLong(Overview.TileResult::total).findFirst().orElse(0);
                            ViewTable rows = ViewEngine.run(scap, ViewCatalog.builtIn().get(tileAndView[1]),
                                    filter == null ? null : FilterCompiler.compile(filter), 0, Long.MAX_VALUE,
                                    java.time.ZoneOffset.UTC, null, null);
                            assertEquals(rows.rows().size(), total, tileAndView[0] + " with " + filter);
                        }
                    }
                }
            }));
        }
        return tests.stream();
    }

    /**
     * The files and connections a tile counts (distinct fd.containername) are the rows of the view it
     * opens, in the view's form for containers, as the app shows it for captures with containers.
     */
    @TestFactory
    Stream<DynamicTest> filesAndConnectionsCountedAreTheRowsOfTheViewsOpened() throws IOException {
        List<DynamicTest> tests = new ArrayList<>();
        for (Path capture : RealCaptures.all()) {
            tests.add(DynamicTest.dynamicTest(capture.getFileName().toString(), () -> {
                try (ScapFile scap = ScapFile.open(capture, OpenOptions.defaults().cacheDir(cache))) {
                    Overview.Result result = Overview.compute(scap, null, 40, null);
                    int checked = 0;
                    for (OverviewTile d : Overview.tiles()) {
                        if (!"fd.containername".equals(d.field())) {
                            continue;
                        }
                        long total = result.tiles().stream().filter(t -> t.tile().id().equals(d.id()))
                                .mapToLong(Overview.TileResult::total).findFirst().orElse(0);
                        ViewTable rows = ViewEngine.run(scap, ViewCatalog.builtIn().get(d.drilldown().view()).forContainers(),
                                FilterCompiler.compile(d.drilldown().filter()), 0, Long.MAX_VALUE,
                                java.time.ZoneOffset.UTC, null, null);
                        assertEquals(total, rows.rows().size(), d.id());
                        checked++;
                    }
                    assertEquals(3, checked, "files read or written, files written, connections");
                }
            }));
        }
        return tests.stream();
    }

    /** Each tile's total equals what sysdig's output gives for its filter (goldens by tools/make-overview-goldens.sh). */
    @TestFactory
    Stream<DynamicTest> totalsEqualSysdigsCounts() throws IOException {
        List<DynamicTest> tests = new ArrayList<>();
        for (Path capture : RealCaptures.all()) {
            Path golden = RealCaptures.goldens().resolve(capture.getFileName().toString()).resolve("overview.tsv.gz");
            if (!Files.exists(golden)) {
                continue;
            }
            tests.add(DynamicTest.dynamicTest(capture.getFileName().toString(), () -> {
                Map<String, Long> expected = new LinkedHashMap<>();
                try (var in = new GZIPInputStream(Files.newInputStream(golden))) {
                    for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                        if (!line.isEmpty()) {
                            String[] f = line.split("\t");
                            expected.put(f[0], Long.parseLong(f[1]));
                        }
                    }
                }
                Overview.Result result;
                try (ScapFile scap = ScapFile.open(capture, OpenOptions.defaults().cacheDir(cache))) {
                    result = Overview.compute(scap, null, 40, null);
                }
                Map<String, Long> actual = new LinkedHashMap<>();
                for (String id : expected.keySet()) {
                    actual.put(id, 0L);
                }
                for (Overview.TileResult t : result.tiles()) {
                    if (expected.containsKey(t.tile().id())) {
                        actual.put(t.tile().id(), t.total());
                    }
                    long sum = 0;
                    long max = 0;
                    for (long v : t.series()) {
                        sum += v;
                        max = Math.max(max, v);
                    }
                    if (t.tile().aggregation().equals("distinct")) {
                        assertTrue(max <= t.total(), t.tile().id());
                    } else {
                        assertEquals(t.total(), sum, t.tile().id() + ": the series adds up to the total");
                    }
                    assertEquals(40, t.series().length);
                }
                assertEquals(expected, actual);
            }));
        }
        assertFalse(tests.isEmpty());
        return tests.stream();
    }

    /** A tile that opens the event list or the I/O streams opens exactly the events it counted. */
    @Test
    void drillDownsSelectWhatTheTilesCounted() throws Exception {
        try (ScapFile scap = ScapFile.open(RealCaptures.named("502Error.scap"), OpenOptions.defaults().cacheDir(cache))) {
            Overview.Result result = Overview.compute(scap, null, 40, null);
            int checked = 0;
            for (Overview.TileResult t : result.tiles()) {
                OverviewTile d = t.tile();
                if (!d.aggregation().equals("count")) {
                    continue;
                }
                String view = d.drilldown().view();
                String filter = d.drilldown().filter() != null ? d.drilldown().filter() : d.filter();
                if (view.equals("events")) {
                    assertEquals(t.total(), FilterScan.count(scap, FilterCompiler.compile(filter), false, null), d.id());
                    checked++;
                } else if (view.equals("echo")) {
                    assertEquals(t.total(), IoStreams.all(scap, FilterCompiler.compile(filter)).size(), d.id());
                    checked++;
                }
            }
            assertTrue(checked >= 4, checked + " drill-downs checked");
        }
    }

    @Test
    void aTimeWindowSplitsTheCountsItCovers() throws Exception {
        try (ScapFile scap = ScapFile.open(RealCaptures.named("502Error.scap"), OpenOptions.defaults().cacheDir(cache))) {
            long first = scap.firstTs();
            long middle = first + 5_000_000_000L;
            Map<String, Long> all = totals(Overview.compute(scap, null, 0, Long.MAX_VALUE, 10, null));
            Map<String, Long> early = totals(Overview.compute(scap, null, 0, middle, 10, null));
            Map<String, Long> late = totals(Overview.compute(scap, null, middle, Long.MAX_VALUE, 10, null));
            for (String id : List.of("syscallCount", "fileBytes", "netBytes", "forkCount", "sysReqCountHttp")) {
                assertEquals(all.getOrDefault(id, 0L), early.getOrDefault(id, 0L) + late.getOrDefault(id, 0L), id);
            }
            assertTrue(early.get("syscallCount") > 0 && late.get("syscallCount") > 0);
        }
    }

    @Test
    void systemCallsCountedUnderAFilterOnResultsAreTheCallsItSelects() throws Exception {
        try (ScapFile scap = ScapFile.open(RealCaptures.named("502Error.scap"), OpenOptions.defaults().cacheDir(cache))) {
            // what a call gave is known at its exit: the calls that failed are counted, not none
            for (String filter : List.of("evt.failed = true", "evt.res = ENOENT", "proc.name = curl")) {
                long calls = totals(Overview.compute(scap, FilterCompiler.compile(filter), 10, null)).get("syscallCount");
                long want = FilterScan.count(scap, FilterCompiler.compile(
                        "(" + filter + ") and syscall.type exists and evt.dir = < and evt.type != procexit"), false, null);
                assertEquals(want, calls, filter);
                assertTrue(calls > 0, filter);
            }
        }
    }

    private static Map<String, Long> totals(Overview.Result r) {
        Map<String, Long> out = new LinkedHashMap<>();
        for (Overview.TileResult t : r.tiles()) {
            out.put(t.tile().id(), t.total());
        }
        return out;
    }

    @Test
    void inspectsMistakesAreMended() {
        Map<String, OverviewTile> tiles = new LinkedHashMap<>();
        for (OverviewTile t : Overview.tiles()) {
            tiles.put(t.id(), t);
        }
        assertTrue(tiles.get("openErrorCount").filter().contains("openat2"));
        assertTrue(tiles.get("segfaultCount").drilldown().filter().contains("SIGSEGV"));
        OverviewTile fork = tiles.get("forkCount");
        assertEquals(fork.filter(), fork.drilldown().filter() == null ? fork.filter() : fork.drilldown().filter());
        assertTrue(tiles.containsKey("sysReqCountHttp") && tiles.containsKey("sysRespCountHttp"));
        assertFalse(tiles.get("sysReqCountHttp").filter().contains("\"HTTP/\""));
        assertTrue(tiles.get("syscallCount").filter().contains("syscall.type exists"));
        for (OverviewTile t : tiles.values()) {
            if (t.filter() != null) {
                try {
                    FilterCompiler.compile(t.filter());
                } catch (Exception e) {
                    throw new AssertionError(t.id() + ": " + e.getMessage(), e);
                }
            }
        }
    }

    @Test
    void logLinesAreCountedByKind() throws Exception {
        byte[] text = "started\n\nWARNING: disk\nerror: boom\nCritical failure\n".getBytes(StandardCharsets.UTF_8);
        ScapEvent e = ScapEvent.synthetic(EventTypes.GENERIC_E, 1, 1);
        assertEquals(0, Overview.logLines(e, null), "an event without data has no lines");
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
        try (org.scapscope.scap.ScapWriter w = new org.scapscope.scap.ScapWriter(bytes)) {
            w.sectionHeader(java.nio.ByteOrder.LITTLE_ENDIAN, 1, 2).event(0, 1, 1, 9, (long) text.length, text);
        }
        Path p = Files.write(cache.resolve("log.scap"), bytes.toByteArray());
        try (ScapFile scap = ScapFile.open(p, OpenOptions.defaults().cacheDir(cache))) {
            ScapEvent w = scap.read(0, scap.newEvent());
            assertEquals(4, Overview.logLines(w, null));
            assertEquals(1, Overview.logLines(w, "warning"));
            assertEquals(2, Overview.logLines(w, "error"));
        }
    }
}
