package org.scapscope.store;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.scapscope.RealCaptures;

/**
 * What every capture store does, whatever keeps its objects: one subclass per kind of store runs
 * these against a real one (a folder; an S3 server on loopback).
 */
abstract class CaptureStoreContract {
    static final Instant NOW = Instant.parse("2026-11-26T10:00:00Z");

    @TempDir
    Path tmp;

    final SettableClock clock = new SettableClock(NOW);
    CaptureStore store;

    /** A new, empty store of the kind under test. */
    abstract CaptureStore newStore(StoreOptions options) throws IOException;

    /** The objects behind the store, to drop objects in as an agent or a script would. */
    abstract ObjectStore objects() throws IOException;

    /** The object key of a file name in the store's folder. */
    String key(String name) {
        return name;
    }

    /** Whether downloads copy the capture into a cache (a remote store) rather than use it in place. */
    abstract boolean remote();

    StoreOptions options() {
        return StoreOptions.defaults(tmp.resolve("cache")).withClock(clock);
    }

    @BeforeEach
    void openStore() throws IOException {
        store = newStore(options());
    }

    @AfterEach
    void closeStore() throws IOException {
        store.close();
    }

    static Path sample() {
        return RealCaptures.named("sample.scap");
    }

    static Path bigger() {
        return RealCaptures.named("502Error.scap");
    }

    CaptureMetadata described(String name) {
        return CaptureMetadata.EMPTY.withName(name).withHost("web-01").withContainerId("16b8cb843d5a")
                .withTrigger(Trigger.policy("Terminal shell in container", 10, 20)).withFilter("container.id != host");
    }

    // ---------------------------------------------------------------------------------------- put and info

    @Test
    void putStoresTheCaptureWithItsMetadata() throws IOException {
        StoredCapture c = store.put(sample(), described("shell in nginx"), null);
        StoredCapture again = store.info(c.id());
        CaptureMetadata m = again.metadata();
        assertEquals("shell in nginx", again.name());
        assertEquals("web-01", again.host());
        assertEquals("16b8cb843d5a", again.containerId());
        assertEquals("Terminal shell in container (-10 s, +20 s)", again.triggerText());
        assertEquals("container.id != host", again.filter());
        assertEquals(CaptureStatus.OK, again.status());
        assertEquals(Files.size(sample()), again.size());
        assertEquals(Files.size(sample()), m.sizeBytes());
        assertEquals(CaptureStore.sha256Of(sample()), m.sha256());
        assertEquals(NOW, m.createdAt());
        assertEquals(NOW.plus(Duration.ofDays(90)), again.expiresAt());
        // what the capture tells fills what the metadata left out
        assertEquals(Instant.parse("2023-07-28T15:14:22.731217947Z"), again.time());
        assertEquals(0.96, m.durationSeconds(), 0.01);
        assertTrue(Keys.isValidId(c.id()), c.id());
    }

    @Test
    void putTakesTheHostFromTheCaptureWhenNotGiven() throws IOException {
        StoredCapture c = store.put(sample(), CaptureMetadata.EMPTY, null);
        assertEquals("ubuntu2204.localdomain", c.host());
        assertEquals("sample", c.name());
        assertEquals("manual", c.triggerText());
    }

    @Test
    void putRefusesWhatIsNotACaptureAndTakenIds() throws IOException {
        Path text = Files.writeString(tmp.resolve("notes.scap"), "not a capture");
        StoreException e = assertThrows(StoreException.class, () -> store.put(text, CaptureMetadata.EMPTY, null));
        assertTrue(e.getMessage().contains("notes.scap") && e.getMessage().contains("not a readable capture"), e.getMessage());
        store.put(sample(), CaptureMetadata.EMPTY.withId("incident-7"), null);
        e = assertThrows(StoreException.class, () -> store.put(sample(), CaptureMetadata.EMPTY.withId("incident-7"), null));
        assertTrue(e.getMessage().contains("already a capture incident-7"), e.getMessage());
        assertEquals(1, store.list().size());
    }

    @Test
    void aCaptureCutShortIsKeptAndReadableButListedAsAnError() throws IOException {
        byte[] whole = Files.readAllBytes(bigger());
        Path cut = Files.write(tmp.resolve("cut.scap"), java.util.Arrays.copyOf(whole, 500_000));
        StoredCapture c = store.put(cut, described("cut short"), null);
        assertEquals(CaptureStatus.ERROR, c.status());
        assertTrue(c.metadata().error().startsWith("the capture is truncated at offset ")
                && c.metadata().error().contains("events before it are readable"), c.metadata().error());
        assertFalse(c.metadata().error().contains(cut.toString()), "the stored capture, not the file it came from");
        assertTrue(c.hasData());
        assertEquals(Set.of(c.id()), ids(store.list(CaptureQuery.ALL.onlyErrors(true)).captures()));
        assertTrue(Files.size(store.download(c.id(), null, null)) > 0, "still readable up to the damage");
    }

    @Test
    void aCaptureWhoseDataIsGoneIsAnError() throws IOException {
        StoredCapture c = store.put(sample(), described("gone"), null);
        objects().delete(List.of(key(c.id() + ".scap")));
        StoredCapture gone = store.info(c.id());
        assertEquals(CaptureStatus.ERROR, gone.status());
        assertTrue(gone.metadata().error().contains("is missing from"), gone.metadata().error());
        StoreException e = assertThrows(StoreException.class, () -> store.download(c.id(), null, null));
        assertTrue(e.getMessage().contains("has no data (") && e.getMessage().contains("is missing from"), e.getMessage());
    }

    // ---------------------------------------------------------------------------------------- listing

    @Test
    void listsObjectsWithoutMetadataWithWhatTheObjectTells() throws IOException {
        objects().write(key("plain.scap"), sample(), null);
        List<StoredCapture> all = store.list();
        assertEquals(1, all.size());
        StoredCapture c = all.get(0);
        assertEquals("plain", c.id());
        assertEquals("plain", c.name());
        assertEquals(CaptureStatus.OK, c.status());
        assertEquals(Files.size(sample()), c.size());
        if (remote()) {
            assertEquals("", c.host());
            assertNotNull(c.time());
        } else {
            // a library capture is read where it lies: its first blocks tell its host and start
            assertEquals("ubuntu2204.localdomain", c.host());
            assertEquals(Instant.parse("2023-07-28T15:14:22.731217947Z"), c.time());
            assertNull(c.duration(), "the duration takes the last event: known once the capture is opened");
            assertEquals("ubuntu2204.localdomain", store.list().get(0).host(), "listed again, from what it told");
        }
        // once downloaded, the capture tells its host and times
        store.download("plain", null, null);
        StoredCapture told = store.info("plain");
        assertEquals("ubuntu2204.localdomain", told.host());
        assertEquals(Instant.parse("2023-07-28T15:14:22.731217947Z"), told.time());
        assertNotNull(told.duration());
    }

    @Test
    void filesDroppedInThatAreNotCapturesOrAreCutShortAreErrors() throws IOException {
        objects().write(key("notes.scap"), "a note, not a capture\n".getBytes(StandardCharsets.UTF_8));
        byte[] whole = Files.readAllBytes(bigger());
        objects().write(key("cut.scap"), java.util.Arrays.copyOf(whole, 500_000));
        if (!remote()) {
            // a library file is read where it lies: its start shows at once that it is no capture
            StoredCapture notes = store.info("notes");
            assertEquals(CaptureStatus.ERROR, notes.status());
            assertTrue(notes.metadata().error().startsWith("the file is not a capture"), notes.metadata().error());
            assertEquals(Set.of("notes"), ids(store.list(CaptureQuery.ALL.onlyErrors(true)).captures()));
        }
        store.download("notes", null, null);
        assertEquals(CaptureStatus.ERROR, store.info("notes").status(), "once read, a file that is no capture says so");
        assertEquals(CaptureStatus.OK, store.info("cut").status(), "its start is a capture's: known only once read");
        store.download("cut", null, null);
        StoredCapture cut = store.info("cut");
        assertEquals(CaptureStatus.ERROR, cut.status());
        assertTrue(cut.metadata().error().startsWith("the capture is truncated at offset "), cut.metadata().error());
        assertEquals(Set.of("notes", "cut"), ids(store.list(CaptureQuery.ALL.onlyErrors(true)).captures()));
        // replaced by a whole capture, it is no longer described by what the cut one told
        clock.set(NOW.plusSeconds(5));
        objects().write(key("cut.scap"), bigger(), null);
        assertEquals(CaptureStatus.OK, store.info("cut").status());
        store.download("cut", null, null);
        StoredCapture replaced = store.info("cut");
        assertEquals(CaptureStatus.OK, replaced.status(), String.valueOf(replaced.metadata().error()));
        assertNotNull(replaced.duration());
    }

    @Test
    void listsMetadataAloneAndUnreadableMetadataAsErrors() throws IOException {
        objects().write(key("failed.json"), "{\"name\":\"nightly\",\"status\":\"error\",\"error\":\"the agent ran out of disk\"}"
                .getBytes(StandardCharsets.UTF_8));
        objects().write(key("pending.json"), "{\"status\":\"capturing\",\"host\":\"db-2\"}".getBytes(StandardCharsets.UTF_8));
        objects().write(key("broken.scap"), sample(), null);
        objects().write(key("broken.json"), "{\"name\": ".getBytes(StandardCharsets.UTF_8));
        store.put(sample(), described("fine"), null);
        List<StoredCapture> all = store.list();
        assertEquals(4, all.size());
        StoredCapture failed = byId(all, "failed");
        assertEquals(CaptureStatus.ERROR, failed.status());
        assertEquals("the agent ran out of disk", failed.metadata().error());
        assertFalse(failed.hasData());
        assertEquals(CaptureStatus.CAPTURING, byId(all, "pending").status());
        StoredCapture broken = byId(all, "broken");
        assertEquals(CaptureStatus.ERROR, broken.status());
        assertTrue(broken.metadata().error().contains("broken.json"), broken.metadata().error());

        CapturePage errors = store.list(CaptureQuery.ALL.onlyErrors(true));
        assertEquals(Set.of("failed", "broken"), ids(errors.captures()));
        assertEquals(4, errors.total());
        StoreException e = assertThrows(StoreException.class, () -> store.download("failed", null, null));
        assertTrue(e.getMessage().contains("has no data (") && e.getMessage().contains("the agent ran out of disk"),
                e.getMessage());
    }

    @Test
    void searchLooksAtNameHostTriggerContainerAndFilter() throws IOException {
        store.put(sample(), CaptureMetadata.EMPTY.withId("a").withName("Nginx shell").withHost("web-01"), null);
        store.put(sample(), CaptureMetadata.EMPTY.withId("b").withName("db dump").withHost("db-02")
                .withTrigger(Trigger.policy("Read sensitive file", 5, 5)), null);
        store.put(sample(), CaptureMetadata.EMPTY.withId("c").withName("probe").withContainerId("deadbeef0001")
                .withFilter("proc.name=curl"), null);
        assertEquals(Set.of("a"), ids(store.list(CaptureQuery.ALL.search("NGINX")).captures()));
        assertEquals(Set.of("b"), ids(store.list(CaptureQuery.ALL.search("db-02")).captures()));
        assertEquals(Set.of("b"), ids(store.list(CaptureQuery.ALL.search("sensitive")).captures()));
        assertEquals(Set.of("c"), ids(store.list(CaptureQuery.ALL.search("deadbeef")).captures()));
        assertEquals(Set.of("c"), ids(store.list(CaptureQuery.ALL.search("curl")).captures()));
        assertEquals(Set.of("a"), ids(store.list(CaptureQuery.ALL.search("shell web")).captures()));
        assertEquals(Set.of(), ids(store.list(CaptureQuery.ALL.search("shell db")).captures()));
        assertEquals(3, store.list(CaptureQuery.ALL.search("")).matching());
    }

    @Test
    void expiringListsCapturesWithinSevenDaysAndPruneDeletesTheExpired() throws IOException {
        store.put(sample(), CaptureMetadata.EMPTY.withId("soon").withLifetime(null, NOW.plus(Duration.ofDays(3))), null);
        store.put(sample(), CaptureMetadata.EMPTY.withId("later").withLifetime(null, NOW.plus(Duration.ofDays(30))), null);
        store.put(sample(), CaptureMetadata.EMPTY.withId("gone").withLifetime(null, NOW.minus(Duration.ofDays(1))), null);
        assertEquals(Set.of("soon", "gone"), ids(store.list(CaptureQuery.ALL.onlyExpiring(true)).captures()));
        List<StoredCapture> pruned = store.prune();
        assertEquals(Set.of("gone"), ids(pruned));
        assertEquals(Set.of("soon", "later"), ids(store.list()));
        // time passes: the next prune takes the one that expired meanwhile
        clock.set(NOW.plus(Duration.ofDays(4)));
        assertEquals(Set.of("soon"), ids(store.prune()));
        assertEquals(Set.of("later"), ids(store.list()));
    }

    @Test
    void pruneKeepsWhatItCannotTellTheExpiryOfAndWhatIsNoCapture() throws IOException {
        // metadata that does not read (a status unknown, a time with no zone, a number as text): its
        // expiry, which may say to keep the capture, is unknown
        String[] unreadable = {"{\"status\":\"done\",\"expiresAt\":\"2030-01-01T00:00:00Z\"}",
            "{\"expiresAt\":\"2030-01-01T00:00:00\"}", "{\"sizeBytes\":\"139,584\",\"expiresAt\":\"2030-01-01T00:00:00Z\"}"};
        for (int i = 0; i < unreadable.length; i++) {
            objects().write(key("odd" + i + ".scap"), sample(), null);
            objects().write(key("odd" + i + ".json"), unreadable[i].getBytes(StandardCharsets.UTF_8));
        }
        // a JSON file of something else, with no capture beside it, is no capture
        objects().write(key("falco-config.json"), "{\"rules_file\": [\"/etc/falco/falco_rules.yaml\"]}"
                .getBytes(StandardCharsets.UTF_8));
        // a metadata object far larger than metadata is: not read whole, its capture kept
        byte[] huge = new byte[(int) CaptureStore.MAX_METADATA_BYTES + 1];
        java.util.Arrays.fill(huge, (byte) ' ');
        objects().write(key("huge.scap"), sample(), null);
        objects().write(key("huge.json"), huge);
        // plain captures, with no metadata, expire by their time in the store
        objects().write(key("plain.scap"), sample(), null);
        store.close();
        store = newStore(options());
        Set<String> listed = ids(store.list());
        assertEquals(Set.of("odd0", "odd1", "odd2", "huge", "plain"), listed);
        StoredCapture big = store.info("huge");
        assertEquals(CaptureStatus.ERROR, big.status());
        assertTrue(big.metadata().error().contains(huge.length + " bytes"), big.metadata().error());
        clock.set(NOW.plus(Duration.ofDays(400)));
        assertEquals(Set.of("plain"), ids(store.prune()));
        assertEquals(Set.of("odd0", "odd1", "odd2", "huge"), ids(store.list()));
        assertTrue(objects().stat(key("falco-config.json")) != null, "the other JSON file stays");
    }

    @Test
    void anUploadLeftUnfinishedIsAnErrorOnceADayHasPassed() throws IOException {
        objects().write(key("stopped.json"), MetadataJson.write(CaptureMetadata.EMPTY.withId("stopped")
                .withStatus(CaptureStatus.UPLOADING, null)));
        clock.set(Instant.now());
        assertEquals(CaptureStatus.UPLOADING, store.info("stopped").status(), "under way, as far as anyone knows");
        clock.set(Instant.now().plus(Duration.ofDays(2)));
        StoredCapture stopped = store.info("stopped");
        assertEquals(CaptureStatus.ERROR, stopped.status());
        assertTrue(stopped.metadata().error().startsWith("its upload was left unfinished"), stopped.metadata().error());
    }

    @Test
    void aNewIdThatWouldReadAsAnOptionIsRefused() throws IOException {
        StoreInputException e = assertThrows(StoreInputException.class,
                () -> store.put(sample(), CaptureMetadata.EMPTY.withId("-x"), null));
        assertTrue(e.getMessage().contains("starts with '-'"), e.getMessage());
        assertEquals(Set.of(), ids(store.list()));
    }

    @Test
    void aCaptureThatChangesWhileItIsAddedIsRefusedAndNothingOfItIsKept() throws IOException {
        Path growing = tmp.resolve("growing.scap");
        Files.copy(sample(), growing);
        boolean[] appended = {false};
        StoreInputException e = assertThrows(StoreInputException.class, () -> store.put(growing,
                CaptureMetadata.EMPTY.withId("growing"), (sent, total) -> {
                    if (!appended[0]) {
                        appended[0] = true; // sysdig writing on
                        try {
                            Files.write(growing, new byte[4096], java.nio.file.StandardOpenOption.APPEND);
                        } catch (IOException io) {
                            throw new java.io.UncheckedIOException(io);
                        }
                    }
                }));
        assertTrue(appended[0]);
        assertTrue(e.getMessage().contains("it changed while it was being added"), e.getMessage());
        assertEquals(Set.of(), ids(store.list()));
    }

    @Test
    void deletingACaptureKeptInBothFormsDeletesBoth() throws IOException {
        objects().write(key("twice.scap"), sample(), null);
        try (java.io.InputStream in = Files.newInputStream(sample())) {
            Path gz = tmp.resolve("twice.scap.gz");
            try (java.io.OutputStream out = new java.util.zip.GZIPOutputStream(Files.newOutputStream(gz))) {
                in.transferTo(out);
            }
            objects().write(key("twice.scap.gz"), gz, null);
        }
        assertEquals(Set.of("twice"), ids(store.list()));
        store.delete(List.of("twice"));
        assertEquals(Set.of(), ids(store.list()));
        assertTrue(objects().stat(key("twice.scap.gz")) == null && objects().stat(key("twice.scap")) == null);
    }

    @Test
    void retentionIsConfigurable() throws IOException {
        store.close();
        store = newStore(options().withRetention(Duration.ofDays(10)));
        StoredCapture c = store.put(sample(), CaptureMetadata.EMPTY, null);
        assertEquals(NOW.plus(Duration.ofDays(10)), c.expiresAt());
        objects().write(key("raw.scap"), sample(), null);
        StoredCapture raw = store.info("raw");
        // from its time in the store: in a folder, the later of its writing and its arrival, a moment apart here
        Instant byTime = raw.lastModified().plus(Duration.ofDays(10));
        assertTrue(!raw.expiresAt().isBefore(byTime) && raw.expiresAt().isBefore(byTime.plusSeconds(60)),
                raw.expiresAt() + " for " + byTime);
    }

    @Test
    void sortsByEveryColumnBothWays() throws IOException {
        for (int i = 0; i < 4; i++) {
            clock.set(NOW.plusSeconds(i * 60L));
            store.put(i % 2 == 0 ? sample() : bigger(), CaptureMetadata.EMPTY.withId("c" + i).withName("n" + (3 - i))
                    .withHost("h" + (i * 7 % 4)).withTrigger(i == 0 ? Trigger.MANUAL : Trigger.of("policy " + i))
                    .withContainerId("k" + (i * 3 % 4)).withTimes(NOW.minusSeconds(i * 100L), (double) (i * 5 % 4)), null);
        }
        store.putMetadata("c3", store.info("c3").metadata().withStatus(CaptureStatus.ERROR, "the upload broke"));
        for (CaptureQuery.SortKey key : CaptureQuery.SortKey.values()) {
            for (boolean desc : new boolean[] {false, true}) {
                CaptureQuery q = CaptureQuery.ALL.sortBy(key, desc);
                List<StoredCapture> got = store.list(q).captures();
                List<StoredCapture> expected = new ArrayList<>(got);
                expected.sort(q.comparator());
                assertEquals(expected, got, key + (desc ? " desc" : " asc"));
            }
        }
        assertEquals(List.of("c0", "c1", "c2", "c3"), idList(store.list(CaptureQuery.ALL.sortBy(CaptureQuery.SortKey.NAME, true)).captures()));
        assertEquals(List.of("c3", "c2", "c1", "c0"), idList(store.list(CaptureQuery.ALL.sortBy(CaptureQuery.SortKey.TIME, false)).captures()));
        List<StoredCapture> bySize = store.list(CaptureQuery.ALL.sortBy(CaptureQuery.SortKey.SIZE, true)).captures();
        assertTrue(bySize.get(0).size() >= bySize.get(3).size());
        assertEquals("c3", store.list(CaptureQuery.ALL.sortBy(CaptureQuery.SortKey.STATUS, true)).captures().get(0).id());
    }

    @Test
    void pagesCoverEveryCaptureOnce() throws IOException {
        for (int i = 0; i < 25; i++) {
            objects().write(key(String.format("cap-%02d.json", i)), ("{\"name\":\"capture " + i + "\",\"status\":\"ok\"}")
                    .getBytes(StandardCharsets.UTF_8));
        }
        List<String> seen = new ArrayList<>();
        CaptureQuery q = CaptureQuery.ALL.sortBy(CaptureQuery.SortKey.ID, false);
        for (int from = 0; from < 30; from += 10) {
            CapturePage page = store.list(q.page(from, 10));
            assertEquals(25, page.matching());
            seen.addAll(idList(page.captures()));
        }
        assertEquals(25, seen.size());
        assertEquals(25, new HashSet<>(seen).size());
        assertEquals("cap-00", seen.get(0));
        assertEquals("cap-24", seen.get(24));
    }

    // ---------------------------------------------------------------------------------------- download

    @Test
    void downloadGivesTheCaptureVerifiedAndOnlyOnce() throws IOException {
        StoredCapture c = store.put(bigger(), described("big"), null);
        AtomicLong last = new AtomicLong(-1);
        boolean[] cachedHit = new boolean[1];
        DownloadListener l = new DownloadListener() {
            @Override
            public void progress(long done, long total) {
                assertTrue(done >= last.get());
                last.set(done);
                assertEquals(c.size(), total);
            }

            @Override
            public void alreadyCached() {
                cachedHit[0] = true;
            }
        };
        Path local = store.download(c.id(), l, null);
        assertEquals(c.size(), last.get());
        assertArrayEquals(Files.readAllBytes(bigger()), Files.readAllBytes(local));
        assertEquals(c.metadata().sha256(), CaptureStore.sha256Of(local));
        assertTrue(store.isCached(store.info(c.id())));
        assertEquals(remote(), !cachedHit[0]);
        cachedHit[0] = false;
        Path again = store.download(c.id(), l, null);
        assertEquals(local, again);
        assertTrue(cachedHit[0], "a second download of an intact capture is not made");
        if (remote()) {
            assertEquals(List.of(local.getFileName().toString()), cacheFiles().stream()
                    .filter(n -> n.endsWith(".scap")).collect(Collectors.toList()));
            assertTrue(cacheFiles().stream().noneMatch(n -> n.endsWith(".part")), cacheFiles().toString());
        }
    }

    @Test
    void checksumMismatchIsDetectedAndNothingIsLeft() throws IOException {
        objects().write(key("tampered.scap"), sample(), null);
        String wrong = "0".repeat(64);
        objects().write(key("tampered.json"), ("{\"name\":\"t\",\"sha256\":\"" + wrong + "\"}").getBytes(StandardCharsets.UTF_8));
        StoreException e = assertThrows(StoreException.class, () -> store.download("tampered", null, null));
        assertTrue(e.getMessage().contains("corrupt") && e.getMessage().contains(wrong)
                && e.getMessage().contains("tampered"), e.getMessage());
        assertFalse(store.isCached(store.info("tampered")) && remote());
        if (remote()) {
            assertEquals(List.of(), cacheFiles().stream().filter(n -> n.startsWith("tampered.scap")).collect(Collectors.toList()));
        }
    }

    @Test
    void aChangedObjectIsDownloadedAgain() throws IOException {
        assumeRemote();
        objects().write(key("moving.scap"), sample(), null);
        Path first = store.download("moving", null, null);
        assertEquals(Files.size(sample()), Files.size(first));
        clock.set(NOW.plusSeconds(5));
        objects().write(key("moving.scap"), bigger(), null);
        Path second = store.download("moving", null, null);
        assertArrayEquals(Files.readAllBytes(bigger()), Files.readAllBytes(second));
    }

    @Test
    void cancelledDownloadResumesWhereItStopped() throws IOException {
        assumeRemote();
        StoredCapture c = store.put(bigger(), CaptureMetadata.EMPTY.withId("cut"), null);
        AtomicLong done = new AtomicLong();
        assertThrows(java.util.concurrent.CancellationException.class,
                () -> store.download("cut", (d, t) -> done.set(d), () -> done.get() > 200_000));
        assertFalse(store.isCached(store.info("cut")));
        long[] resumedAt = {-1};
        Path local = store.download("cut", new DownloadListener() {
            @Override
            public void progress(long d, long t) {
            }

            @Override
            public void resumed(long offset) {
                resumedAt[0] = offset;
            }
        }, null);
        assertTrue(resumedAt[0] > 200_000, "resumed at " + resumedAt[0]);
        assertEquals(c.metadata().sha256(), CaptureStore.sha256Of(local));
    }

    // ---------------------------------------------------------------------------------------- delete, keys

    @Test
    void deletesOneAndMany() throws IOException {
        for (String id : List.of("one", "two", "three", "four")) {
            store.put(sample(), CaptureMetadata.EMPTY.withId(id), null);
        }
        Path cached = store.download("two", null, null);
        store.delete(List.of("one"));
        assertEquals(Set.of("two", "three", "four"), ids(store.list()));
        store.delete(List.of("two", "three"));
        assertEquals(Set.of("four"), ids(store.list()));
        assertFalse(Files.exists(cached), "the cached copy goes with the capture");
        StoreException e = assertThrows(StoreException.class, () -> store.delete(List.of("four", "nine")));
        assertTrue(e.getMessage().contains("no capture nine") && e.getMessage().contains(store.describe()), e.getMessage());
        assertEquals(Set.of("four"), ids(store.list()), "nothing is deleted when one id is wrong");
        assertThrows(StoreException.class, () -> store.info("one"));
    }

    @Test
    void idsThatWouldLeaveTheStoreAreRefused() throws IOException {
        store.put(sample(), CaptureMetadata.EMPTY.withId("inside"), null);
        Set<String> before = tree(tmp);
        for (String bad : List.of("../inside", "../../etc/passwd", "/etc/passwd", "a/b", "..", ".hidden", "", "x\\y")) {
            StoreException e = assertThrows(StoreException.class, () -> store.info(bad), bad);
            assertTrue(e.getMessage().contains("is not a capture id of " + store.describe()), e.getMessage());
            assertThrows(StoreException.class, () -> store.download(bad, null, null), bad);
            assertThrows(StoreException.class, () -> store.delete(List.of(bad)), bad);
            assertThrows(StoreException.class, () -> store.put(sample(), CaptureMetadata.EMPTY.withId(bad), null), bad);
        }
        assertEquals(before, tree(tmp), "nothing was written anywhere");
        assertEquals(Set.of("inside"), ids(store.list()));
    }

    @Test
    void objectsThatAreNotCapturesAreNotListed() throws IOException {
        objects().write(key("readme.txt"), "hello".getBytes(StandardCharsets.UTF_8));
        objects().write(key("..scap"), "x".getBytes(StandardCharsets.UTF_8));
        objects().write(key("ok.scap.gz"), sample(), null);
        assertEquals(Set.of("ok"), ids(store.list()));
        assertTrue(store.info("ok").compressed());
    }

    // ---------------------------------------------------------------------------------------- helpers

    void assumeRemote() {
        org.junit.jupiter.api.Assumptions.assumeTrue(remote(), "only a remote store downloads into a cache");
    }

    List<String> cacheFiles() throws IOException {
        Path dir = tmp.resolve("cache").resolve("captures");
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> s = Files.walk(dir)) {
            return s.filter(Files::isRegularFile).map(p -> p.getFileName().toString()).sorted().collect(Collectors.toList());
        }
    }

    static Set<String> tree(Path dir) throws IOException {
        try (Stream<Path> s = Files.walk(dir)) {
            return s.map(Path::toString).collect(Collectors.toSet());
        }
    }

    static StoredCapture byId(List<StoredCapture> all, String id) {
        return all.stream().filter(c -> c.id().equals(id)).findFirst().orElseThrow();
    }

    static Set<String> ids(List<StoredCapture> all) {
        return all.stream().map(StoredCapture::id).collect(Collectors.toSet());
    }

    static List<String> idList(List<StoredCapture> all) {
        return all.stream().map(StoredCapture::id).collect(Collectors.toList());
    }

    /** A clock the tests move. */
    static final class SettableClock extends Clock {
        private volatile Instant now;

        SettableClock(Instant now) {
            this.now = now;
        }

        void set(Instant t) {
            now = t;
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
