package org.scapscope.view;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;
import org.scapscope.RealCaptures;
import org.scapscope.scap.OpenOptions;
import org.scapscope.scap.ScapFile;
import org.scapscope.state.StateHistory;

/**
 * A view computed in parallel parts, each starting from a state checkpoint, equals the view
 * computed in one pass from the start of the capture: over the whole capture and over windows.
 */
class ViewPartsTest {
    /** close, enter and exit. */
    private static final int CLOSE_E = 4;
    private static final int CLOSE_X = 5;
    @TempDir
    static Path cache;

    @TestFactory
    Stream<DynamicTest> partsEqualOnePass() throws Exception {
        List<DynamicTest> tests = new ArrayList<>();
        for (String capture : List.of("502Error.scap", "sample.scap", "open-multiple-files.scap")) {
            for (ViewDefinition view : ViewCatalog.builtIn().all()) {
                tests.add(DynamicTest.dynamicTest(capture + " " + view.id(), () -> check(capture, view)));
            }
        }
        return tests.stream();
    }

    private static void check(String capture, ViewDefinition view) throws Exception {
        try (ScapFile scap = ScapFile.open(RealCaptures.named(capture), OpenOptions.defaults().cacheDir(cache));
             StateHistory history = StateHistory.of(scap)) {
            long first = scap.firstTs();
            long last = scap.lastTs();
            long third = (last - first) / 3;
            long[][] windows = {{0, Long.MAX_VALUE}, {first + third, Long.MAX_VALUE}, {first + third, first + 2 * third}};
            for (long[] w : windows) {
                ViewTable whole = ViewEngine.run(scap, view, null, w[0], w[1], ZoneOffset.UTC, null, null);
                ViewTable parts = ViewEngine.run(scap, view, null, w[0], w[1], ZoneOffset.UTC, history, 700);
                sameTables(whole, parts, capture + " " + view.id() + " window " + w[0] + ".." + w[1]);
            }
            assertFalse(history.checkpointCount() == 0);
        }
    }

    /**
     * A view computed over several windows, one after another, with the results of whole cells
     * kept between them: each equals the one-pass view, and a window asked again replays only the
     * cells not kept.
     */
    @TestFactory
    Stream<DynamicTest> keptCellsEqualOnePass() {
        List<DynamicTest> tests = new ArrayList<>();
        for (String capture : List.of("502Error.scap", "sample.scap")) {
            for (ViewDefinition view : ViewCatalog.builtIn().all()) {
                tests.add(DynamicTest.dynamicTest(capture + " " + view.id(), () -> checkKept(capture, view)));
            }
        }
        return tests.stream();
    }

    /**
     * A capture whose times do not rise with its events (one event stamped before those around it,
     * one long after): a kept cell is used only for a window that holds all its events' times, and
     * the rows of the threads still known come from the window's end as in one pass.
     */
    @TestFactory
    Stream<DynamicTest> keptCellsFollowTimesOutOfOrder() throws Exception {
        Path file = cache.resolve("out-of-order.scap");
        long base = 1_700_000_000_000_000_000L;
        long ms = 1_000_000L;
        java.io.ByteArrayOutputStream buf = new java.io.ByteArrayOutputStream();
        try (org.scapscope.scap.ScapWriter w = new org.scapscope.scap.ScapWriter(buf)) {
            w.sectionHeader(java.nio.ByteOrder.LITTLE_ENDIAN, 1, 2)
                    .machineInfo(new org.scapscope.scap.MachineInfo(2, 1L << 30, 4096, "h", 0));
            for (int i = 0; i < 3000; i++) {
                long ts = i == 1051 ? base + 1 : i == 2001 ? base + 1_000_000 * ms : base + i * ms;
                long tid = 100 + i % 3;
                if (i % 2 == 0) {
                    w.event(0, ts, tid, CLOSE_E, 3L);
                } else {
                    w.event(0, ts, tid, CLOSE_X, i % 7 == 0 ? -9L : 0L);
                }
            }
        }
        java.nio.file.Files.write(file, buf.toByteArray());
        long[][] windows = {{0, Long.MAX_VALUE}, {base + 800 * ms, Long.MAX_VALUE}, {0, base + 2500 * ms},
            {base + 600 * ms, base + 1900 * ms}, {0, Long.MAX_VALUE}};
        List<DynamicTest> tests = new ArrayList<>();
        for (ViewDefinition view : ViewCatalog.builtIn().all()) {
            tests.add(DynamicTest.dynamicTest(view.id(), () -> {
                try (ScapFile scap = ScapFile.open(file, OpenOptions.defaults().cacheDir(cache));
                     StateHistory history = StateHistory.of(scap)) {
                    ViewCells cells = new ViewCells(scap.eventCount(), 500, Long.MAX_VALUE);
                    for (long[] w : windows) {
                        ViewTable whole = ViewEngine.run(scap, view, null, w[0], w[1], ZoneOffset.UTC, null, null);
                        ViewTable kept = ViewEngine.run(scap, view, null, w[0], w[1], ZoneOffset.UTC, history, cells,
                                null, null);
                        sameTables(whole, kept, view.id() + " window " + w[0] + ".." + w[1]);
                    }
                }
            }));
        }
        return tests.stream();
    }

    private static void sameTables(ViewTable whole, ViewTable other, String where) {
        assertEquals(whole.columns(), other.columns(), where);
        assertEquals(whole.rows().size(), other.rows().size(), where + ": rows");
        Map<String, List<Object>> byKey = new LinkedHashMap<>();
        whole.rows().forEach(r -> byKey.put(r.key(), r.values()));
        for (int r = 0; r < other.rows().size(); r++) {
            ViewTable.Row row = other.rows().get(r);
            if (whole.view().isList()) {
                assertSame(whole.rows().get(r).values(), row.values(), where + " row " + r);
            } else {
                assertTrue(byKey.containsKey(row.key()), where + ": extra row " + row.key());
                assertSame(byKey.get(row.key()), row.values(), where + " row " + row.key());
            }
        }
    }

    private static void checkKept(String capture, ViewDefinition view) throws Exception {
        try (ScapFile scap = ScapFile.open(RealCaptures.named(capture), OpenOptions.defaults().cacheDir(cache));
             StateHistory history = StateHistory.of(scap)) {
            ViewCells cells = new ViewCells(scap.eventCount(), scap.eventCount() / 8, Long.MAX_VALUE);
            long first = scap.firstTs();
            long third = (scap.lastTs() - first) / 3;
            long[][] windows = {{0, Long.MAX_VALUE}, {first + third, first + 2 * third}, {first + third, Long.MAX_VALUE},
                {0, Long.MAX_VALUE}, {first + third / 2, first + 2 * third}};
            long[] replayed = new long[windows.length];
            for (int i = 0; i < windows.length; i++) {
                long[] w = windows[i];
                int at = i;
                ViewTable whole = ViewEngine.run(scap, view, null, w[0], w[1], ZoneOffset.UTC, null, null);
                ViewTable kept = ViewEngine.run(scap, view, null, w[0], w[1], ZoneOffset.UTC, history, cells,
                        (done, total) -> replayed[at] = total, null);
                sameTables(whole, kept, capture + " " + view.id() + " window " + w[0] + ".." + w[1] + " (" + i + ")");
            }
            assertTrue(cells.size() > 1, capture + ": cells kept " + cells.size());
            // the whole capture again: only the last cell, which is never kept, is replayed
            assertTrue(replayed[3] > 0 && replayed[3] <= cells.cellSize() && replayed[0] > 3 * cells.cellSize(),
                    capture + " " + view.id() + ": replayed " + java.util.Arrays.toString(replayed));
        }
    }

    @TestFactory
    Stream<DynamicTest> overviewInPartsEqualsOnePass() {
        return Stream.of("502Error.scap", "sample.scap", "open-multiple-files.scap").map(capture ->
                DynamicTest.dynamicTest(capture, () -> {
                    try (ScapFile scap = ScapFile.open(RealCaptures.named(capture), OpenOptions.defaults().cacheDir(cache));
                         StateHistory history = StateHistory.of(scap)) {
                        long first = scap.firstTs();
                        long half = first + (scap.lastTs() - first) / 2;
                        for (long from : new long[] {0, half}) {
                            Overview.Result whole = Overview.compute(scap, null, from, Long.MAX_VALUE, 30, null, 0);
                            Overview.Result parts = Overview.compute(scap, null, from, Long.MAX_VALUE, 30, history, 500);
                            assertEquals(whole.start(), parts.start());
                            assertEquals(whole.sampleWidth(), parts.sampleWidth());
                            assertEquals(whole.tiles().size(), parts.tiles().size());
                            for (int t = 0; t < whole.tiles().size(); t++) {
                                Overview.TileResult a = whole.tiles().get(t);
                                Overview.TileResult b = parts.tiles().get(t);
                                assertEquals(a.tile().id(), b.tile().id());
                                assertEquals(a.total(), b.total(), capture + " " + a.tile().id());
                                assertEquals(java.util.Arrays.toString(a.series()), java.util.Arrays.toString(b.series()),
                                        capture + " " + a.tile().id());
                            }
                            assertTrue(whole.tiles().stream().anyMatch(t -> t.total() > 0));
                        }
                    }
                }));
    }

    /** Equal values; decimals summed in another order may differ in their last digits. */
    private static void assertSame(List<Object> expected, List<Object> actual, String where) {
        assertEquals(expected.size(), actual.size(), where);
        for (int i = 0; i < expected.size(); i++) {
            Object a = expected.get(i);
            Object b = actual.get(i);
            if (a instanceof Double x && b instanceof Double y) {
                assertEquals(x, y, Math.abs(x) * 1e-9 + 1e-12, where + " column " + i);
            } else {
                assertEquals(a, b, where + " column " + i);
            }
        }
    }
}
