package org.scapscope.view;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.scapscope.RealCaptures;
import org.scapscope.field.BoundField;
import org.scapscope.field.FieldContext;
import org.scapscope.field.FieldRegistry;
import org.scapscope.filter.FilterCompiler;
import org.scapscope.scap.EventTypes;
import org.scapscope.scap.OpenOptions;
import org.scapscope.scap.ScapEvent;
import org.scapscope.scap.ScapFile;
import org.scapscope.state.ThreadInfo;

class ViewEngineTest {
    @TempDir
    Path cache;

    private ViewTable run(String capture, String view, String filter, long from, long to) throws Exception {
        try (ScapFile scap = ScapFile.open(RealCaptures.named(capture), OpenOptions.defaults().cacheDir(cache))) {
            return ViewEngine.run(scap, ViewCatalog.builtIn().get(view), filter == null ? null : FilterCompiler.compile(filter),
                    from, to, ZoneOffset.UTC, null, null);
        }
    }

    private static ViewTable.Row row(ViewTable t, String key) {
        return t.rows().stream().filter(r -> r.key().equals(key)).findFirst().orElseThrow();
    }

    private static long calls(ViewTable t, String syscall) {
        return t.rows().stream().filter(r -> r.key().equals(syscall)).mapToLong(r -> (Long) r.values().get(0)).sum();
    }

    /**
     * A thread's CPU in a time range starts from the sample before the range: the first process-info
     * record inside it counts what the thread used since the one before, not 0 as csysdig gives when
     * a filter leaves out the samples before it.
     */
    @Test
    void aThreadsCpuInATimeRangeCountsFromTheSampleBeforeTheRange() throws Exception {
        String capture = "cat_write.scap";
        long from = 1470327477500000000L;
        java.util.Map<Long, Long> last = new java.util.HashMap<>();
        java.util.Map<Long, double[]> sums = new java.util.HashMap<>();
        Set<Long> countedFromBefore = new HashSet<>();
        try (ScapFile scap = ScapFile.open(RealCaptures.named(capture), OpenOptions.defaults().cacheDir(cache))) {
            ScapEvent e = scap.newEvent();
            for (long i = 0; i < scap.eventCount(); i++) {
                scap.read(i, e);
                if (e.type() != EventTypes.PROCINFO_E) {
                    continue;
                }
                long now = e.paramAsLong(0) + e.paramAsLong(1);
                Long before = last.put(e.tid(), now);
                if (e.ts() >= from) {
                    double used = before == null || before == 0 ? 0 : Math.min(now - before, 100);
                    double[] s = sums.computeIfAbsent(e.tid(), k -> new double[2]);
                    if (s[1] == 0 && before != null && used > 0) {
                        countedFromBefore.add(e.tid());
                    }
                    s[0] += used;
                    s[1]++;
                }
            }
        }
        ViewTable t = run(capture, "threads", null, from, Long.MAX_VALUE);
        int cpu = t.columns().indexOf("CPU");
        int compared = 0;
        for (ViewTable.Row r : t.rows()) {
            double[] s = sums.get(Long.parseLong(r.key()));
            if (s != null) {
                assertEquals(s[0] / s[1], ((Number) r.values().get(cpu)).doubleValue(), 1e-9, "thread " + r.key());
                compared++;
            }
        }
        assertTrue(compared > 20, compared + " threads compared");
        // emacs (1077) used CPU between its last sample before the range and its first in it
        assertTrue(countedFromBefore.contains(1077L), countedFromBefore.toString());
        assertEquals(1.0, ((Number) row(t, "1077").values().get(cpu)).doubleValue(), 1e-9);
    }

    @Test
    void containersCountTheirProcessesAndThreads() throws Exception {
        String capture = "open-multiple-files.scap";
        ViewTable t = run(capture, "containers", null, 0, Long.MAX_VALUE);
        Set<Long> processes = new HashSet<>();
        Set<Long> threads = new HashSet<>();
        try (ScapFile scap = ScapFile.open(RealCaptures.named(capture), OpenOptions.defaults().cacheDir(cache))) {
            FieldContext ctx = new FieldContext(scap);
            BoundField container = FieldRegistry.get().bind("container.id");
            ScapEvent e = scap.newEvent();
            for (long i = 0; i < scap.eventCount(); i++) {
                ctx.advance(scap.read(i, e));
                ThreadInfo th = ctx.thread();
                if (e.type() == EventTypes.PROCINFO_E && th != null && "5ea733068030".equals(container.text(ctx))) {
                    threads.add(th.tid());
                    if (th.isMainThread()) {
                        processes.add(th.tid());
                    }
                }
            }
        }
        ViewTable.Row r = row(t, "5ea733068030");
        assertEquals((long) processes.size(), r.values().get(t.columns().indexOf("PROCS")));
        assertEquals((long) threads.size(), r.values().get(t.columns().indexOf("THREADS")));
        assertTrue(processes.size() >= 1);
    }

    @Test
    void aUserFilterAndATimeRangeNarrowTheRows() throws Exception {
        ViewTable all = run("502Error.scap", "syscalls", null, 0, Long.MAX_VALUE);
        ViewTable curl = run("502Error.scap", "syscalls", "proc.name=curl", 0, Long.MAX_VALUE);
        long allCalls = (Long) row(all, "connect").values().get(0);
        long curlCalls = (Long) row(curl, "connect").values().get(0);
        assertTrue(curlCalls > 0 && curlCalls < allCalls, curlCalls + " of " + allCalls);
        assertFalse(curl.rows().stream().anyMatch(r -> r.key().equals("epoll_pwait")), "haproxy's calls are gone");
        long first;
        long last;
        try (ScapFile scap = ScapFile.open(RealCaptures.named("502Error.scap"), OpenOptions.defaults().cacheDir(cache))) {
            first = scap.read(0, scap.newEvent()).ts();
            last = scap.read(scap.eventCount() - 1, scap.newEvent()).ts();
        }
        long middle = first + (last - first) / 2;
        ViewTable early = run("502Error.scap", "syscalls", null, 0, middle);
        ViewTable late = run("502Error.scap", "syscalls", null, middle, Long.MAX_VALUE);
        long split = calls(early, "connect") + calls(late, "connect");
        assertEquals(allCalls, split);
        assertTrue(calls(early, "connect") > 0 || calls(late, "connect") > 0);
    }

    @Test
    void aWindowBeforeTheEndHasNoClosingRowsAndAnEmptyWindowNoRows() throws Exception {
        long first;
        try (ScapFile scap = ScapFile.open(RealCaptures.named("sample.scap"), OpenOptions.defaults().cacheDir(cache))) {
            first = scap.read(0, scap.newEvent()).ts();
        }
        ViewTable early = run("sample.scap", "syscalls", null, 0, first + 1_000_000);
        assertFalse(early.rows().stream().anyMatch(r -> r.key().equals("sysdigevent")), "no closing events in the window");
        ViewTable none = run("sample.scap", "procs", null, Long.MAX_VALUE - 1, Long.MAX_VALUE);
        assertTrue(none.rows().isEmpty());
        ViewTable all = run("sample.scap", "syscalls", null, 0, Long.MAX_VALUE);
        assertTrue(all.rows().stream().anyMatch(r -> r.key().equals("sysdigevent")));
    }

    @Test
    void rowsComeSortedByTheViewsColumnAndListsNumberTheirEvents() throws Exception {
        ViewTable t = run("502Error.scap", "syscalls", null, 0, Long.MAX_VALUE);
        for (int i = 1; i < t.rows().size(); i++) {
            assertTrue((Long) t.rows().get(i - 1).values().get(0) >= (Long) t.rows().get(i).values().get(0));
        }
        ViewTable opens = run("502Error.scap", "file_opens", null, 0, Long.MAX_VALUE);
        assertFalse(opens.rows().isEmpty());
        Set<String> numbers = new HashSet<>();
        for (ViewTable.Row r : opens.rows()) {
            numbers.add(r.key());
        }
        for (int i = 1; i <= opens.rows().size(); i++) {
            assertTrue(numbers.contains(Integer.toString(i)));
        }
    }

    @Test
    void durationsReadAsCsysdigWritesThem() {
        assertEquals("       0ns", TimeText.of(0));
        assertEquals("     932ns", TimeText.of(932));
        assertEquals("    3.01us", TimeText.of(3_014));
        assertEquals("      40us", TimeText.of(40_123));
        assertEquals("    3.05ms", TimeText.of(3_051_234));
        assertEquals("     643ms", TimeText.of(643_000_000));
        assertEquals("     1.28s", TimeText.of(1_280_000_000));
        assertEquals("       2:5", TimeText.of(125_000_000_000L)); // minutes and seconds as C's %u:%u writes them
        assertEquals("  01:00:01", TimeText.of(3_601_000_000_000L));
    }

    @Test
    void userViewsJoinTheCatalogAndBadOnesAreReported() throws Exception {
        Path folder = Files.createDirectories(cache.resolve("views"));
        Files.writeString(folder.resolve("mine.json"), """
                {"id": "curl_files", "name": "Files curl opened", "type": "table", "filter": "proc.name=curl",
                 "columns": [{"field": "fd.name", "title": "NA", "key": true, "hidden": true, "sinspType": "CHARBUF"},
                             {"field": "evt.count", "title": "EVENTS", "aggregation": "SUM", "sinspType": "UINT32",
                              "printFormat": "DEC"},
                             {"field": "fd.name", "title": "FILE", "sinspType": "CHARBUF"}],
                 "sort": {"column": "EVENTS", "descending": true}}
                """);
        Files.writeString(folder.resolve("broken.json"), "{\"id\": \"x\", \"columns\": []}");
        Files.writeString(folder.resolve("garbage.json"), "{ not json");
        Files.writeString(folder.resolve("containers-only-key.json"), "{\"id\": \"k\", \"type\": \"table\", "
                + "\"columns\": [{\"field\": \"proc.pid\", \"key\": true, \"tags\": [\"containers\"]}]}");
        Files.writeString(folder.resolve("bad-filter.json"), "{\"id\": \"bf\", \"type\": \"table\", "
                + "\"filter\": \"evt.type = nosuch\", \"columns\": [{\"field\": \"proc.pid\", \"key\": true, "
                + "\"sinspType\": \"INT64\"}]}");
        ViewCatalog catalog = ViewCatalog.withUserViews(folder);
        assertEquals(ViewCatalog.builtIn().all().size() + 1, catalog.all().size());
        assertEquals(4, catalog.problems().size(), catalog.problems().toString());
        // a filter that does not compile is said as the file is read, with the view's name
        assertTrue(catalog.problems().stream().anyMatch(p -> p.startsWith(folder.resolve("bad-filter.json")
                + ": view bf: in its filter: ")), catalog.problems().toString());
        assertTrue(catalog.problems().stream().anyMatch(p -> p.contains("has no key column")), catalog.problems().toString());
        try (ScapFile scap = ScapFile.open(RealCaptures.named("502Error.scap"), OpenOptions.defaults().cacheDir(cache))) {
            ViewTable t = ViewEngine.run(scap, catalog.get("curl_files"), null, 0, Long.MAX_VALUE, ZoneOffset.UTC, null, null);
            assertEquals(List.of("EVENTS", "FILE"), t.columns());
            assertTrue(t.rows().stream().anyMatch(r -> r.key().equals("/etc/hosts")));
            // and a view made otherwise, with such a filter, fails as it runs, naming itself
            ViewDefinition bf = new com.fasterxml.jackson.databind.ObjectMapper().readValue(
                    Files.readString(folder.resolve("bad-filter.json")), ViewDefinition.class);
            org.scapscope.filter.FilterException bad = assertThrows(org.scapscope.filter.FilterException.class,
                    () -> ViewEngine.run(scap, bf, null, 0, Long.MAX_VALUE, ZoneOffset.UTC, null, null));
            assertTrue(bad.getMessage().startsWith("in the filter of view bf: "), bad.getMessage());
        }
    }

    @Test
    void aViewNamingAnUnknownFieldIsRefused() {
        ViewDefinition bad = new ViewDefinition("bad", "Bad", null, "table", List.of(), null,
                List.of(new ViewColumn("no.such.field", "X", Aggregation.NONE, null, "text", "CHARBUF", "NA", true,
                        null, null, false, null)), null, null, null, null, null);
        assertThrows(org.scapscope.field.FieldException.class, () -> {
            try (ScapFile scap = ScapFile.open(RealCaptures.named("sample.scap"), OpenOptions.defaults().cacheDir(cache))) {
                ViewEngine.run(scap, bad, null, 0, Long.MAX_VALUE, ZoneOffset.UTC, null, null);
            }
        });
    }
}
