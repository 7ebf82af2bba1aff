package org.scapscope.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.scapscope.scap.BenchmarkCapture;
import org.scapscope.scap.OpenOptions;
import org.scapscope.scap.ScapFile;

/** The capture store contract on a real S3 server on loopback, and what only a remote store meets. */
class S3StoreTest extends CaptureStoreContract {
    static S3ProxyServer server;
    static final AtomicInteger BUCKETS = new AtomicInteger();

    @TempDir
    static Path shared;
    /** A capture big enough that stopping the server cuts its download off midway. */
    static Path large;

    String bucket;

    @BeforeAll
    static void startServer() throws Exception {
        server = new S3ProxyServer();
        large = shared.resolve("large.scap");
        try (ScapFile src = ScapFile.open(bigger(), OpenOptions.defaults().cacheDir(shared.resolve("index")))) {
            BenchmarkCapture.make(src, large, 24L << 20);
        }
    }

    @AfterAll
    static void stopServer() {
        server.close();
    }

    S3Settings settings(String bucketName, S3Credentials creds) {
        return new S3Settings(server.endpoint(), null, bucketName, "captures/team-a", true, creds);
    }

    static S3Credentials good() {
        return new S3Credentials(S3ProxyServer.ACCESS_KEY, S3ProxyServer.SECRET_KEY, null, "the test");
    }

    @Override
    CaptureStore newStore(StoreOptions options) throws IOException {
        if (bucket == null) {
            bucket = "bucket-" + BUCKETS.incrementAndGet();
            server.createBucket(bucket);
        }
        return CaptureStore.s3(settings(bucket, good()), options);
    }

    @Override
    ObjectStore objects() {
        return new S3Objects(settings(bucket, good()));
    }

    @Override
    String key(String name) {
        return "captures/team-a/" + name;
    }

    @Override
    boolean remote() {
        return true;
    }

    @Test
    void aReadPinnedToAVersionIsRefusedOnceTheObjectIsReplaced() throws IOException {
        ObjectStore objects = objects();
        objects.write(key("pinned.scap"), sample(), null);
        String listed = objects.stat(key("pinned.scap")).etag();
        assertTrue(listed != null && !listed.isEmpty());
        try (var in = objects.read(key("pinned.scap"), 10, listed)) {
            assertEquals(Files.size(sample()) - 10, in.readAllBytes().length);
        }
        objects.write(key("pinned.scap"), bigger(), null);
        ObjectChangedException e = assertThrows(ObjectChangedException.class,
                () -> objects.read(key("pinned.scap"), 10, listed).close());
        assertTrue(e.getMessage().contains("pinned.scap") && e.getMessage().contains("replaced")
                && e.getMessage().contains(listed), e.getMessage());
        String now = objects.stat(key("pinned.scap")).etag();
        try (var in = objects.read(key("pinned.scap"), 0, now)) {
            assertEquals(Files.size(bigger()), in.readAllBytes().length);
        }
    }

    @Test
    void aCaptureReplacedAsItStartsDownloadingIsDiscardedWithAMessage() throws IOException {
        StoredCapture c = store.put(sample(), CaptureMetadata.EMPTY.withId("moving"), null);
        ObjectStore real = objects();
        boolean[] replaced = {false};
        // the store between the listing and the read: the object is replaced just before it is read
        ObjectStore racing = (ObjectStore) java.lang.reflect.Proxy.newProxyInstance(ObjectStore.class.getClassLoader(),
                new Class<?>[] {ObjectStore.class}, (proxy, method, args) -> {
                    if (method.getName().equals("read") && args.length == 3 && !replaced[0]) {
                        replaced[0] = true;
                        real.write(key("moving.scap"), bigger(), null);
                    }
                    try {
                        return method.invoke(real, args);
                    } catch (java.lang.reflect.InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
        try (CaptureStore s = new CaptureStore(racing, "captures/team-a", options(), false)) {
            StoreException e = assertThrows(StoreException.class, () -> s.download(c.id(), null, null));
            assertTrue(e.getMessage().contains("was replaced in the store while it downloaded"), e.getMessage());
            assertTrue(replaced[0]);
            assertTrue(cacheFiles().stream().noneMatch(n -> n.startsWith("moving.scap")), cacheFiles().toString());
            // asked again, it reads the version now in the store, which its metadata's checksum refuses
            StoreException again = assertThrows(StoreException.class, () -> s.download(c.id(), null, null));
            assertTrue(again.getMessage().contains("is corrupt") && again.getMessage().contains(c.metadata().sha256()),
                    again.getMessage());
            assertTrue(cacheFiles().stream().noneMatch(n -> n.startsWith("moving.scap")), cacheFiles().toString());
        }
    }

    @Test
    void downloadResumesAfterTheServerStopsMidwayAndComesBack() throws IOException {
        StoredCapture c = store.put(large, CaptureMetadata.EMPTY.withId("large"), null);
        AtomicLong done = new AtomicLong();
        StoreException e = assertThrows(StoreException.class, () -> store.download("large", (d, t) -> {
            done.set(d);
            if (d > 1_000_000 && server.isRunning()) {
                server.stop();
            }
        }, null));
        assertTrue(e.getMessage().contains("interrupted") && e.getMessage().contains("large")
                && e.getMessage().contains(store.describe()), e.getMessage());
        assertTrue(done.get() < c.size(), "the download was cut off at " + done.get());
        assertFalse(store.isCached(c));
        server.start();
        long[] resumedAt = {-1};
        Path local = store.download("large", new DownloadListener() {
            @Override
            public void progress(long d, long t) {
            }

            @Override
            public void resumed(long offset) {
                resumedAt[0] = offset;
            }
        }, null);
        assertTrue(resumedAt[0] > 1_000_000, "resumed at " + resumedAt[0]);
        assertEquals(c.metadata().sha256(), CaptureStore.sha256Of(local));
        assertEquals(Files.size(large), Files.size(local));
    }

    @Test
    void onlySoManyDownloadsRunAtOnce() throws Exception {
        store.close();
        store = newStore(options().withMaxDownloads(2));
        for (int i = 0; i < 4; i++) {
            store.put(sample(), CaptureMetadata.EMPTY.withId("d" + i), null);
        }
        CountDownLatch release = new CountDownLatch(1);
        CountDownLatch twoRunning = new CountDownLatch(2);
        CountDownLatch twoQueued = new CountDownLatch(2);
        AtomicInteger running = new AtomicInteger();
        AtomicInteger most = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<Path>> all = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                String id = "d" + i;
                all.add(pool.submit(() -> store.download(id, new DownloadListener() {
                    boolean started;

                    @Override
                    public void progress(long d, long t) {
                        if (!started) {
                            started = true;
                            most.accumulateAndGet(running.incrementAndGet(), Math::max);
                            twoRunning.countDown();
                            await(release);
                        }
                        if (d == t) {
                            running.decrementAndGet();
                        }
                    }

                    @Override
                    public void queued() {
                        twoQueued.countDown();
                    }
                }, null)));
            }
            assertTrue(twoRunning.await(20, TimeUnit.SECONDS));
            assertTrue(twoQueued.await(20, TimeUnit.SECONDS), "the third and fourth download wait their turn");
            release.countDown();
            for (Future<Path> f : all) {
                assertEquals(CaptureStore.sha256Of(sample()), CaptureStore.sha256Of(f.get(30, TimeUnit.SECONDS)));
            }
            assertEquals(2, most.get());
        } finally {
            release.countDown();
            pool.shutdownNow();
        }
    }

    @Test
    void twoDownloadsOfOneCaptureAtOnceWriteOneCopyBetweenThem() throws Exception {
        StoredCapture c = store.put(large, CaptureMetadata.EMPTY.withId("twice"), null);
        // a second store on the same cache stands for another program (the app and the command line)
        CaptureStore other = newStore(options());
        CountDownLatch firstStarted = new CountDownLatch(1);
        CountDownLatch secondWaits = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            Future<Path> first = pool.submit(() -> store.download("twice", (d, t) -> {
                firstStarted.countDown();
                await(secondWaits);
            }, null));
            assertTrue(firstStarted.await(20, TimeUnit.SECONDS));
            AtomicLong secondGot = new AtomicLong();
            Future<Path> second = pool.submit(() -> other.download("twice", new DownloadListener() {
                @Override
                public void progress(long d, long t) {
                    secondGot.set(d);
                }

                @Override
                public void queued() {
                    secondWaits.countDown();
                }
            }, null));
            assertTrue(secondWaits.await(20, TimeUnit.SECONDS), "the second waits for the first");
            Path a = first.get(60, TimeUnit.SECONDS);
            Path b = second.get(60, TimeUnit.SECONDS);
            assertEquals(a, b);
            assertEquals(c.metadata().sha256(), CaptureStore.sha256Of(a));
            assertEquals(c.size(), secondGot.get(), "the second found the copy whole");
        } finally {
            secondWaits.countDown();
            pool.shutdownNow();
            other.close();
        }
    }

    @Test
    void aPartDownloadedWholeButNotPutInPlaceIsCheckedAndUsed() throws IOException {
        StoredCapture c = store.put(sample(), CaptureMetadata.EMPTY.withId("whole"), null);
        Path target = store.cachedPath(c);
        store.download("whole", null, null);
        // as if the program had ended after the last byte, before the copy was put in place
        Path part = target.resolveSibling(target.getFileName() + ".part");
        Path version = target.resolveSibling(target.getFileName() + ".part.json");
        Files.copy(target, part);
        Files.write(version, org.scapscope.store.MetadataJson.MAPPER.writeValueAsBytes(
                new CaptureStore.PartOf(c.size(), c.etag(), String.valueOf(c.lastModified()))));
        Files.delete(target);
        Path local = store.download("whole", null, null);
        assertEquals(c.metadata().sha256(), CaptureStore.sha256Of(local));
        assertFalse(Files.exists(part));
    }

    static void await(CountDownLatch l) {
        try {
            l.await(20, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Test
    void wrongCredentialsAreRefusedWithoutShowingTheSecret() throws IOException {
        S3Credentials wrong = new S3Credentials(S3ProxyServer.ACCESS_KEY, "not-the-secret", null, "the test");
        try (CaptureStore s = CaptureStore.s3(settings(bucket(), wrong), options())) {
            StoreException e = assertThrows(StoreException.class, s::list);
            assertTrue(e.getMessage().contains("refused the credentials") && e.getMessage().contains(s.describe()),
                    e.getMessage());
            assertFalse(e.getMessage().contains("not-the-secret"), e.getMessage());
            assertFalse(wrong.toString().contains("not-the-secret"));
        }
    }

    @Test
    void aSessionTokenTheHttpClientRefusesIsNotShownInTheMessage() throws IOException {
        // a character no HTTP header may hold: the client's own message quotes the whole value
        S3Credentials odd = new S3Credentials(S3ProxyServer.ACCESS_KEY, S3ProxyServer.SECRET_KEY,
                "token-with-a-\u0001-in-it-and-more", "the test");
        try (CaptureStore s = CaptureStore.s3(settings(bucket(), odd), options())) {
            StoreException e = assertThrows(StoreException.class, s::list);
            assertTrue(e.getMessage().contains(s.describe()), e.getMessage());
            assertFalse(e.getMessage().contains("in-it-and-more"), e.getMessage());
            for (Throwable c = e.getCause(); c != null; c = c.getCause()) {
                assertFalse(String.valueOf(c.getMessage()).contains("in-it-and-more"), c.getMessage());
            }
        }
        // a carriage return at the end, as a credentials file written on Windows has, is no part of a key
        S3Credentials windows = new S3Credentials(S3ProxyServer.ACCESS_KEY + "\r", S3ProxyServer.SECRET_KEY + "\r",
                null, "the test");
        try (CaptureStore s = CaptureStore.s3(settings(bucket(), windows), options())) {
            assertEquals(List.of(), s.list());
        }
    }

    @Test
    void aMissingBucketIsNamed() throws IOException {
        try (CaptureStore s = CaptureStore.s3(settings("no-such-bucket", good()), options())) {
            StoreException e = assertThrows(StoreException.class, s::list);
            assertTrue(e.getMessage().contains("the bucket no-such-bucket does not exist at " + server.endpoint()),
                    e.getMessage());
            e = assertThrows(StoreException.class, () -> s.info("anything"));
            assertTrue(e.getMessage().contains("no-such-bucket"), e.getMessage());
        }
    }

    @Test
    void aServerThatIsDownIsNamed() throws IOException {
        int port;
        try (ServerSocket free = new ServerSocket(0)) {
            port = free.getLocalPort();
        }
        S3Settings dead = new S3Settings(URI.create("http://127.0.0.1:" + port), null, "bucket", "", true, good());
        try (CaptureStore s = CaptureStore.s3(dead, options())) {
            StoreException e = assertThrows(StoreException.class, s::list);
            assertTrue(e.getMessage().startsWith("cannot list the captures of " + s.describe() + ": cannot reach http://127.0.0.1:"
                    + port), e.getMessage());
        }
    }

    @Test
    void objectsInDeeperFoldersAndOtherPrefixesAreNotListed() throws IOException {
        S3Objects raw = new S3Objects(new S3Settings(server.endpoint(), null, bucket(), "", true, good()));
        raw.write("captures/team-a/old/archived.scap", "x".getBytes(StandardCharsets.UTF_8));
        raw.write("captures/team-b/theirs.scap", "x".getBytes(StandardCharsets.UTF_8));
        raw.write("captures/team-a/ours.scap", Files.readAllBytes(sample()));
        assertEquals(Set.of("ours"), ids(store.list()));
    }

    @Test
    void aNewMachineListsABigBucketFromTheSharedCatalogueOnlyWhereItIsCurrent(@TempDir Path first,
            @TempDir Path second, @TempDir Path third) throws IOException {
        ObjectStore raw = objects();
        int n = CaptureStore.CATALOGUE_WORTH + 20;
        for (int i = 0; i < n; i++) {
            String id = "c-" + i;
            raw.write(key(id + ".json"), MetadataJson.write(CaptureMetadata.EMPTY.withId(id).withName("capture " + i)));
        }
        String catalogue = key(CaptureStore.CATALOGUE);
        try (CaptureStore a = CaptureStore.s3(settings(bucket(), good()), StoreOptions.defaults(first))) {
            assertEquals(n, a.list().size());
        }
        assertTrue(raw.stat(catalogue) != null, "the first listing leaves a catalogue");

        // what another machine finds in the catalogue is what it shows, for objects still of that version...
        String text = new String(gunzip(raw.readAll(catalogue)), StandardCharsets.UTF_8);
        assertTrue(text.contains("\"capture 7\""), text.length() + " characters");
        raw.write(catalogue, gzip(text.replace("\"capture 7\"", "\"as the catalogue says\"").getBytes(StandardCharsets.UTF_8)));
        // ...and not for those changed since
        raw.write(key("c-3.json"), MetadataJson.write(CaptureMetadata.EMPTY.withId("c-3").withName("renamed")));
        java.util.Map<String, String> names = namesListedBy(second);
        assertEquals(n, names.size());
        assertEquals("as the catalogue says", names.get("c-7"));
        assertEquals("renamed", names.get("c-3"));
        assertEquals("capture 11", names.get("c-11"));

        // a damaged catalogue is passed over, and so is one that inflates far past what its captures need
        byte[] bomb = new byte[64 << 20];
        java.util.Arrays.fill(bomb, (byte) ' ');
        bomb[0] = '{';
        raw.write(catalogue, gzip(bomb));
        assertEquals(n, namesListedBy(third.resolve("bomb")).size());
        raw.write(catalogue, "not a catalogue".getBytes(StandardCharsets.UTF_8));
        names = namesListedBy(third);
        assertEquals(n, names.size());
        assertEquals("capture 7", names.get("c-7"));
        assertEquals("renamed", names.get("c-3"));

        // a machine that listed before finds many new captures: it reads the catalogue after the listing
        for (int i = n; i < 2 * n; i++) {
            String id = "c-" + i;
            raw.write(key(id + ".json"), MetadataJson.write(CaptureMetadata.EMPTY.withId(id).withName("capture " + i)));
        }
        assertEquals(2 * n, namesListedBy(third.resolve("fourth")).size());
        text = new String(gunzip(raw.readAll(catalogue)), StandardCharsets.UTF_8);
        raw.write(catalogue, gzip(text.replace("\"capture " + (n + 5) + "\"", "\"as the new catalogue says\"")
                .getBytes(StandardCharsets.UTF_8)));
        names = namesListedBy(first);
        assertEquals(2 * n, names.size());
        assertEquals("as the new catalogue says", names.get("c-" + (n + 5)));
        assertEquals("capture 7", names.get("c-7"), "what the machine read itself stays");
    }

    @Test
    void aListingCutIntoPartsFindsEveryObjectOnceInOrder() throws IOException {
        List<String> names = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            names.add(String.format(java.util.Locale.ROOT, "c-%02d.%s", i, i % 3 == 0 ? "scap" : "json"));
        }
        names.add("Z-upper.scap");
        names.add("c-05.json.extra");
        try (S3Objects raw = new S3Objects(new S3Settings(server.endpoint(), null, bucket(), "", true, good()))) {
            for (String name : names) {
                raw.write(key(name), "x".getBytes(StandardCharsets.UTF_8));
            }
            raw.write(key("deeper/c-07.scap"), "x".getBytes(StandardCharsets.UTF_8));
            raw.write("captures/team-b/c-01.scap", "x".getBytes(StandardCharsets.UTF_8));
            List<String> whole = keys(raw.list("captures/team-a"));
            assertEquals(names.size(), whole.size());
            List<List<String>> cutsTried = List.of(
                    List.of(),
                    List.of(key("c-10.json")),
                    List.of(key("c-30.scap"), key("c-10.json"), key("c-20.json")), // out of order
                    List.of(key("c-10.json"), key("c-10.json")), // twice
                    List.of(key("c-10.5"), key("c-33.x")), // between keys
                    List.of(key("A"), key("c-05.json"), key("c-05.json.extra"), key("zzz")), // at and past both ends
                    List.of(key("deeper/c-07.scap"), "captures/team-b/c-01.scap", "aaa")); // not among the objects listed
            for (List<String> cuts : cutsTried) {
                assertEquals(whole, keys(raw.list("captures/team-a", cuts)), "cut at " + cuts);
            }
        }
    }

    @Test
    void partsOfAListingSpanningManyPagesMeetExactly() throws IOException {
        // pages of 1,000 keys, with folders among the objects, listed from a key as the parts are
        org.jclouds.blobstore.BlobStore blobs = server.blobStore();
        for (int i = 0; i < 4400; i++) {
            String name = String.format(java.util.Locale.ROOT, "p-%04d", i);
            blobs.putBlob(bucket(), blobs.blobBuilder(key(name + (i % 2 == 0 ? ".json" : ".scap")))
                    .payload(new byte[] {1}).build());
            if (i % 400 == 7) {
                blobs.putBlob(bucket(), blobs.blobBuilder(key(name + "/inside.scap")).payload(new byte[] {1}).build());
            }
        }
        try (S3Objects raw = new S3Objects(new S3Settings(server.endpoint(), null, bucket(), "", true, good()))) {
            List<String> whole = keys(raw.list("captures/team-a"));
            assertEquals(4400, whole.size());
            assertEquals(new java.util.TreeSet<>(whole).size(), whole.size());
            List<String> cuts = List.of(key("p-1100.json"), key("p-2200"), key("p-3300.json")); // one between keys
            assertEquals(whole, keys(raw.list("captures/team-a", cuts)));
            // each part is exactly the keys after its first cut and up to its last
            List<String> bounds = new ArrayList<>();
            bounds.add(null);
            bounds.addAll(cuts);
            bounds.add(null);
            int total = 0;
            for (int p = 0; p + 1 < bounds.size(); p++) {
                String after = bounds.get(p);
                String last = bounds.get(p + 1);
                List<String> expected = whole.stream()
                        .filter(k -> (after == null || k.compareTo(after) > 0) && (last == null || k.compareTo(last) <= 0))
                        .collect(java.util.stream.Collectors.toList());
                List<String> part = keys(raw.listPart("captures/team-a", after, last));
                assertEquals(expected, part, "the part after " + after + " up to " + last);
                assertTrue(part.size() > 1000, part.size() + " keys after " + after + ": more than a page");
                total += part.size();
            }
            assertEquals(whole.size(), total);
        }
    }

    @Test
    void aBigListingIsCutWhereTheKnownMetadataKeysLie(@TempDir Path first, @TempDir Path second) throws IOException {
        int n = CaptureStore.OBJECTS_PER_LISTING_PART; // captures of two objects each: two parts' worth
        org.jclouds.blobstore.BlobStore blobs = server.blobStore();
        for (int i = 0; i < n; i++) {
            String id = String.format(java.util.Locale.ROOT, "c-%05d", i);
            blobs.putBlob(bucket(), blobs.blobBuilder(key(id + ".json"))
                    .payload(MetadataJson.write(CaptureMetadata.EMPTY.withId(id).withName("capture " + i))).build());
            blobs.putBlob(bucket(), blobs.blobBuilder(key(id + ".scap")).payload(new byte[] {1}).build());
        }
        // a machine new to the bucket lists it whole, and leaves the catalogue
        List<List<String>> cutsAsked = new java.util.concurrent.CopyOnWriteArrayList<>();
        try (CaptureStore a = new CaptureStore(new CutsHeard(objects(), cutsAsked), "captures/team-a",
                StoreOptions.defaults(first), false)) {
            assertEquals(n, a.list().size());
        }
        assertEquals(List.of(List.of()), cutsAsked, "nothing is known of a bucket never listed");
        // another machine cuts its first listing where the catalogue's keys lie; the first cuts its next one too
        for (Path machine : List.of(second, first)) {
            cutsAsked.clear();
            try (CaptureStore b = new CaptureStore(new CutsHeard(objects(), cutsAsked), "captures/team-a",
                    StoreOptions.defaults(machine), false)) {
                List<StoredCapture> listed = b.list();
                assertEquals(n, listed.size());
                assertEquals(n, listed.stream().map(StoredCapture::id).distinct().count());
                assertTrue(listed.stream().allMatch(c -> c.name().startsWith("capture ")));
            }
            assertEquals(1, cutsAsked.size());
            List<String> cuts = cutsAsked.get(0);
            assertFalse(cuts.isEmpty(), "the listing of " + machine + " is cut");
            for (int p = 0; p < cuts.size(); p++) {
                // the cuts split the metadata keys about evenly
                int at = Integer.parseInt(cuts.get(p).replaceAll(".*c-(\\d+)\\.json", "$1"));
                assertEquals(n * (p + 1) / (cuts.size() + 1), at, 1, cuts.toString());
            }
        }
    }

    @Test
    void aStoreAsksForTheCatalogueBeforeListingOnceOnly(@TempDir Path cacheDir) throws IOException {
        ObjectStore raw = objects();
        raw.write(key("only-a-capture.scap"), Files.readAllBytes(sample()));
        CutsHeard heard = new CutsHeard(objects(), new java.util.concurrent.CopyOnWriteArrayList<>());
        try (CaptureStore s = new CaptureStore(heard, "captures/team-a", StoreOptions.defaults(cacheDir), false)) {
            for (int i = 0; i < 3; i++) {
                assertEquals(Set.of("only-a-capture"), ids(s.list()));
            }
        }
        // no metadata is ever seen in this bucket, yet the missing catalogue is asked for once
        assertEquals(1, heard.earlyReads.get());
    }

    /** An object store that records the cuts each listing is asked for. */
    private static final class CutsHeard implements ObjectStore {
        private final ObjectStore objects;
        private final List<List<String>> cuts;
        /** How many times the catalogue was asked for before a listing. */
        final AtomicInteger earlyReads = new AtomicInteger();

        CutsHeard(ObjectStore objects, List<List<String>> cuts) {
            this.objects = objects;
            this.cuts = cuts;
        }

        @Override
        public String location() {
            return objects.location();
        }

        @Override
        public List<ObjectInfo> list(String prefix) throws IOException {
            return list(prefix, List.of());
        }

        @Override
        public List<ObjectInfo> list(String prefix, List<String> at) throws IOException {
            cuts.add(List.copyOf(at));
            return objects.list(prefix, at);
        }

        @Override
        public ObjectInfo stat(String key) throws IOException {
            return objects.stat(key);
        }

        @Override
        public java.io.InputStream read(String key, long offset) throws IOException {
            return objects.read(key, offset);
        }

        @Override
        public byte[] readAll(String key) throws IOException {
            return objects.readAll(key);
        }

        @Override
        public byte[] readBeforeListing(String key, long maxBytes) throws IOException {
            earlyReads.incrementAndGet();
            return objects.readBeforeListing(key, maxBytes);
        }

        @Override
        public void write(String key, Path file, java.util.function.LongConsumer sent) throws IOException {
            objects.write(key, file, sent);
        }

        @Override
        public void write(String key, byte[] data) throws IOException {
            objects.write(key, data);
        }

        @Override
        public void delete(java.util.Collection<String> keys) throws IOException {
            objects.delete(keys);
        }

        @Override
        public void close() throws IOException {
            objects.close();
        }
    }

    private static List<String> keys(List<ObjectInfo> objects) {
        List<String> keys = new ArrayList<>();
        for (ObjectInfo o : objects) {
            keys.add(o.key());
        }
        return keys;
    }

    /** The name of each capture, by id, as a new machine with this cache folder lists them. */
    private java.util.Map<String, String> namesListedBy(Path cacheDir) throws IOException {
        java.util.Map<String, String> names = new java.util.HashMap<>();
        try (CaptureStore s = CaptureStore.s3(settings(bucket(), good()), StoreOptions.defaults(cacheDir))) {
            s.list().forEach(c -> names.put(c.id(), c.name()));
        }
        return names;
    }

    private static byte[] gzip(byte[] data) throws IOException {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        try (java.util.zip.GZIPOutputStream z = new java.util.zip.GZIPOutputStream(out)) {
            z.write(data);
        }
        return out.toByteArray();
    }

    private static byte[] gunzip(byte[] data) throws IOException {
        try (java.util.zip.GZIPInputStream z = new java.util.zip.GZIPInputStream(new java.io.ByteArrayInputStream(data))) {
            return z.readAllBytes();
        }
    }

    String bucket() {
        return bucket;
    }
}
