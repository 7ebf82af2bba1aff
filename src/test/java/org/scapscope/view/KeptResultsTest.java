package org.scapscope.view;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.scapscope.RealCaptures;
import org.scapscope.scap.OpenOptions;
import org.scapscope.scap.ScapFile;

class KeptResultsTest {
    @TempDir
    Path cache;

    private ScapFile open(String name) throws Exception {
        return ScapFile.open(RealCaptures.named(name), OpenOptions.defaults().cacheDir(cache));
    }

    @Test
    void anOverviewKeptIsReadBackAsComputed() throws Exception {
        try (ScapFile scap = open("502Error.scap")) {
            assertNull(KeptResults.overview(scap, 40), "nothing kept yet");
            Overview.Result computed = Overview.compute(scap, null, 40, null);
            KeptResults.keep(scap, 40, computed);
            Overview.Result kept = KeptResults.overview(scap, 40);
            assertNotNull(kept);
            assertEquals(computed.start(), kept.start());
            assertEquals(computed.sampleWidth(), kept.sampleWidth());
            assertEquals(computed.tiles().size(), kept.tiles().size());
            for (int i = 0; i < computed.tiles().size(); i++) {
                Overview.TileResult a = computed.tiles().get(i);
                Overview.TileResult b = kept.tiles().get(i);
                assertEquals(a.tile(), b.tile());
                assertEquals(a.total(), b.total(), a.tile().id());
                assertArrayEquals(a.series(), b.series(), a.tile().id());
            }
            assertNull(KeptResults.overview(scap, 30), "another number of samples is another overview");
        }
    }

    @Test
    void viewsKeptAreReadBackWithTheirValuesTypes() throws Exception {
        try (ScapFile scap = open("502Error.scap")) {
            ViewCatalog catalog = ViewCatalog.builtIn();
            for (String id : new String[] {"procs", "files", "connections", "syscalls", "errors", "spy_users"}) {
                ViewDefinition view = catalog.get(id);
                ViewTable computed = ViewEngine.run(scap, view, null, 0, Long.MAX_VALUE, ZoneOffset.UTC, null, null);
                KeptResults.keep(scap, view, ZoneOffset.UTC, computed);
                ViewTable kept = KeptResults.view(scap, view, ZoneOffset.UTC);
                assertNotNull(kept, id);
                assertEquals(computed.columns(), kept.columns(), id);
                assertEquals(computed.types(), kept.types(), id);
                assertEquals(computed.rows().size(), kept.rows().size(), id);
                for (int r = 0; r < computed.rows().size(); r++) {
                    ViewTable.Row a = computed.rows().get(r);
                    ViewTable.Row b = kept.rows().get(r);
                    assertEquals(a.key(), b.key(), id);
                    // equal values of the same classes: a Long stays a Long, a Double a Double
                    assertEquals(a.values(), b.values(), id + " row " + a.key());
                    assertEquals(a.order(), b.order(), id + " row " + a.key());
                    for (int c = 0; c < a.values().size(); c++) {
                        Object x = a.values().get(c);
                        assertEquals(x == null ? null : x.getClass(), b.values().get(c) == null ? null
                                : b.values().get(c).getClass(), id + " row " + a.key() + " column " + c);
                    }
                }
                assertNull(KeptResults.view(scap, view, ZoneOffset.ofHours(2)), "another time zone is another view");
            }
            assertFalse(KeptResults.view(scap, catalog.get("procs"), ZoneOffset.UTC).rows().isEmpty());
        }
    }

    @Test
    void eachCaptureHasItsOwnAndADamagedFileIsPassedOver() throws Exception {
        try (ScapFile a = open("502Error.scap"); ScapFile b = open("sample.scap")) {
            KeptResults.keep(a, 40, Overview.compute(a, null, 40, null));
            assertNull(KeptResults.overview(b, 40), "what one capture keeps is not another's");
            Path file = only(a.cacheFile("results"));
            Files.writeString(file, "{\"layout\": \"scapscope-results-1\", \"value\": [1, 2");
            assertNull(KeptResults.overview(a, 40));
            // kept again over the damaged file
            KeptResults.keep(a, 40, Overview.compute(a, null, 40, null));
            assertNotNull(KeptResults.overview(a, 40));
        }
    }

    /** The one file in a folder. */
    private static Path only(Path dir) throws Exception {
        try (java.util.stream.Stream<Path> files = Files.list(dir)) {
            java.util.List<Path> all = files.toList();
            assertEquals(1, all.size(), all.toString());
            return all.get(0);
        }
    }

    @Test
    void unsignedValuesPastLongsAndMissingTypesComeBackAsTheyWere() throws Exception {
        try (ScapFile scap = open("sample.scap")) {
            ViewDefinition view = ViewCatalog.builtIn().get("procs");
            ViewTable table = new ViewTable(view, java.util.List.of("A", "B"), java.util.Arrays.asList("UINT64", null),
                    java.util.List.of(new ViewTable.Row("1", java.util.Arrays.asList(
                            new java.math.BigInteger("18446744073709551615"), null))));
            KeptResults.keep(scap, view, ZoneOffset.UTC, table);
            ViewTable kept = KeptResults.view(scap, view, ZoneOffset.UTC);
            assertEquals(table.types(), kept.types());
            assertEquals(table.rows().get(0).values(), kept.rows().get(0).values());
            assertEquals(java.math.BigInteger.class, kept.rows().get(0).values().get(0).getClass());
        }
    }

    @Test
    void aResultKeptForAnotherStateOfTheCaptureIsNotShown() throws Exception {
        Path copy = Files.copy(RealCaptures.named("sample.scap"), cache.resolve("copy.scap"));
        try (ScapFile scap = ScapFile.open(copy, OpenOptions.defaults().cacheDir(cache))) {
            KeptResults.keep(scap, 40, Overview.compute(scap, null, 40, null));
            Path file = only(scap.cacheFile("results"));
            String text = Files.readString(file);
            assertTrue(text.contains("\"stamp\":" + scap.stamp()), text);
            Files.writeString(file, text.replace("\"stamp\":" + scap.stamp(), "\"stamp\":1"));
            assertNull(KeptResults.overview(scap, 40));
        }
    }
}
