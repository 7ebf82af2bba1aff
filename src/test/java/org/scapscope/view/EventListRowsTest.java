package org.scapscope.view;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.scapscope.RealCaptures;
import org.scapscope.scap.OpenOptions;
import org.scapscope.scap.ScapEvent;
import org.scapscope.scap.ScapFile;

/** The rows of the event list are kept beside the index, and found again when that copy is damaged. */
class EventListRowsTest {
    @TempDir
    Path cache;

    private static List<Long> rows(EventList l) {
        List<Long> out = new ArrayList<>();
        for (int r = 0; r < l.size(); r++) {
            out.add(l.eventIndex(r));
        }
        return out;
    }

    /**
     * Rows found from the column of event types are those a pass over every event finds; where an
     * event is hidden for its flags alone, the column is not enough and the pass is made.
     */
    @Test
    void rowsFromTheTypeColumnAreThoseOfAPass() throws Exception {
        int byType = 0;
        for (Path capture : RealCaptures.all()) {
            try (ScapFile scap = ScapFile.open(capture, OpenOptions.defaults().cacheDir(cache))) {
                int[] pass = EventList.rowsByPass(scap, null, null);
                int[] types = EventList.rowsByType(scap, org.scapscope.scap.TypeColumn.of(scap));
                if (types != null) {
                    byType++;
                    assertTrue(java.util.Arrays.equals(pass, types), capture.getFileName().toString());
                }
                assertTrue(java.util.Arrays.equals(pass, EventList.findRows(scap, null, null)),
                        capture.getFileName().toString());
            }
        }
        assertTrue(byType > 0, "some capture has its rows from the type column");

        // an event written for its state alone (dump flag 1) is hidden though its type is shown
        java.io.ByteArrayOutputStream buf = new java.io.ByteArrayOutputStream();
        try (org.scapscope.scap.ScapWriter w = new org.scapscope.scap.ScapWriter(buf)) {
            w.sectionHeader(java.nio.ByteOrder.LITTLE_ENDIAN, 1, 2)
                    .machineInfo(new org.scapscope.scap.MachineInfo(1, 1L << 30, 4096, "h", 0))
                    .event(0, 10, 7, 4, 3L)
                    .event(org.scapscope.scap.BlockType.EVF_V2, 1, 0, 11L, 7L, 5, new Object[] {0L})
                    .event(0, 12, 7, 4, 4L);
        }
        Path flagged = cache.resolve("flagged.scap");
        Files.write(flagged, buf.toByteArray());
        try (ScapFile scap = ScapFile.open(flagged, OpenOptions.defaults().cacheDir(cache))) {
            assertEquals(null, EventList.rowsByType(scap, org.scapscope.scap.TypeColumn.of(scap)));
            assertTrue(java.util.Arrays.equals(new int[] {0, 2}, EventList.findRows(scap, null, null)));
        }
    }

    @Test
    void aCaptureKnowsContainersWhenItsContainersViewHasRows() throws Exception {
        ViewDefinition containers = ViewCatalog.builtIn().get("containers");
        int with = 0;
        for (Path capture : RealCaptures.all()) {
            try (ScapFile scap = ScapFile.open(capture, OpenOptions.defaults().cacheDir(cache))) {
                EventList list = EventList.of(scap, null, null);
                ViewTable view = ViewEngine.run(scap, containers, null, 0, Long.MAX_VALUE, java.time.ZoneOffset.UTC,
                        list.history(), null, null);
                assertEquals(!view.rows().isEmpty(), list.knowsContainers(), capture.getFileName().toString());
                with += view.rows().isEmpty() ? 0 : 1;
            }
        }
        assertTrue(with > 0 && with < RealCaptures.all().size(), "captures with and without containers: " + with);
    }

    @Test
    void aRowTellsWhetherItsEventIsACallThatFailed() throws Exception {
        try (ScapFile scap = ScapFile.open(RealCaptures.named("sample.scap"), OpenOptions.defaults().cacheDir(cache))) {
            EventList all = EventList.of(scap, null, null);
            EventList failures = all.select(org.scapscope.filter.FilterCompiler.compile("evt.failed = true"), 0,
                    Long.MAX_VALUE, null, null);
            java.util.Set<Long> failed = new java.util.HashSet<>();
            for (int r = 0; r < failures.size(); r++) {
                failed.add(failures.eventIndex(r));
            }
            assertTrue(!failed.isEmpty() && failed.size() < all.size(), failed.size() + " of " + all.size());
            int firstFailed = -1;
            for (int r = 0; r < all.size() && firstFailed < 0; r++) {
                firstFailed = failed.contains(all.eventIndex(r)) ? r : -1;
            }
            assertEquals(false, all.failedIfDecoded(firstFailed), "not known before its page is decoded");
            for (int r = 0; r < all.size(); r++) {
                all.row(r);
                assertEquals(failed.contains(all.eventIndex(r)), all.failedIfDecoded(r), "row " + r);
            }
        }
    }

    @Test
    void rowsAreKeptAndCheckedWhenRead() throws Exception {
        try (ScapFile scap = ScapFile.open(RealCaptures.named("502Error.scap"), OpenOptions.defaults().cacheDir(cache))) {
            List<Long> expected = new ArrayList<>();
            ScapEvent e = scap.newEvent();
            for (long i = 0; i < scap.eventCount(); i++) {
                if (!ScapFile.isHidden(scap.read(i, e))) {
                    expected.add(i);
                }
            }
            assertEquals(expected, rows(EventList.of(scap, null, null)));
            Path kept = scap.cacheFile("rows");
            assertTrue(Files.isRegularFile(kept));
            assertEquals(expected, rows(EventList.of(scap, null, null)), "read from the cache");
            // a copy cut short, or of another capture, is not trusted
            byte[] bytes = Files.readAllBytes(kept);
            Files.write(kept, java.util.Arrays.copyOf(bytes, bytes.length - 4));
            assertEquals(expected, rows(EventList.of(scap, null, null)));
            bytes = Files.readAllBytes(kept);
            bytes[9] ^= 1;
            Files.write(kept, bytes);
            assertEquals(expected, rows(EventList.of(scap, null, null)));
            bytes = Files.readAllBytes(kept);
            bytes[40] = (byte) 0xff; // a row out of order
            Files.write(kept, bytes);
            assertEquals(expected, rows(EventList.of(scap, null, null)));
        }
    }

    @Test
    void aSparseSelectionShowsItsRowsAsTheWholeListDoes() throws Exception {
        try (ScapFile scap = ScapFile.open(RealCaptures.named("502Error.scap"), OpenOptions.defaults().cacheDir(cache))) {
            EventList all = EventList.of(scap, null, null);
            // rows far apart, each page starting again from a checkpoint, and rows close together
            for (String filter : new String[] {"evt.num < 40 or evt.num > 21000", "evt.type = connect",
                "proc.name = haproxy and evt.dir = <"}) {
                EventList some = all.select(org.scapscope.filter.FilterCompiler.compile(filter), 0, Long.MAX_VALUE,
                        null, null);
                assertTrue(some.size() > 0, filter);
                for (int r = some.size() - 1; r >= 0; r--) {
                    String[] cells = some.row(r);
                    int inAll = all.rowOfEventNumber(Long.parseLong(cells[0]));
                    assertEquals(java.util.Arrays.asList(all.row(inAll)), java.util.Arrays.asList(cells),
                            filter + ", row " + r);
                }
            }
        }
    }
}
