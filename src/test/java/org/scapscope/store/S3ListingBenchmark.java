package org.scapscope.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.jclouds.blobstore.BlobStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The listing benchmark: a bucket on loopback holding N captures (a capture object and a metadata
 * object each), listed by a fresh store and again by the same store. Prints its figures; asserts
 * only that every capture was listed. Runs when asked:
 * {@code mvn -B test -Dtest=S3ListingBenchmark -Dscapscope.bench=10000}.
 */
class S3ListingBenchmark {
    @TempDir
    Path tmp;

    @Test
    void listsManyCaptures() throws Exception {
        String wanted = System.getProperty("scapscope.bench");
        assumeTrue(wanted != null && !wanted.isEmpty(), "the benchmark runs with -Dscapscope.bench=N");
        int n = Integer.parseInt(wanted);
        try (S3ProxyServer server = new S3ProxyServer()) {
            server.createBucket("bench");
            BlobStore blobs = server.blobStore();
            long t0 = System.nanoTime();
            ExecutorService pool = Executors.newFixedThreadPool(8);
            List<Future<?>> done = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                int k = i;
                done.add(pool.submit(() -> {
                    String id = String.format(Locale.ROOT, "capture-%05d", k);
                    byte[] meta = MetadataJson.write(CaptureMetadata.EMPTY.withId(id).withName("capture " + k)
                            .withHost("host-" + (k % 50)).withStatus(k % 97 == 0 ? CaptureStatus.ERROR : CaptureStatus.OK, null)
                            .withLifetime(Instant.parse("2026-11-01T00:00:00Z"), Instant.parse("2027-01-30T00:00:00Z")));
                    blobs.putBlob("bench", blobs.blobBuilder("captures/" + id + ".json").payload(meta).build());
                    blobs.putBlob("bench", blobs.blobBuilder("captures/" + id + ".scap")
                            .payload(("capture " + k).getBytes(StandardCharsets.UTF_8)).build());
                    return null;
                }));
            }
            for (Future<?> f : done) {
                f.get();
            }
            pool.shutdown();
            System.out.printf("filled the bucket with %,d captures (%,d objects) in %.1f s%n", n, 2 * n,
                    (System.nanoTime() - t0) / 1e9);
            S3Settings settings = new S3Settings(server.endpoint(), null, "bench", "captures", true,
                    new S3Credentials(S3ProxyServer.ACCESS_KEY, S3ProxyServer.SECRET_KEY, null, "the benchmark"));
            for (int run = 1; run <= 2; run++) {
                long t = System.nanoTime();
                int count = 0;
                String marker = null;
                do {
                    org.jclouds.blobstore.domain.PageSet<? extends org.jclouds.blobstore.domain.StorageMetadata> page =
                            blobs.list("bench", org.jclouds.blobstore.options.ListContainerOptions.Builder
                                    .prefix("captures/").delimiter("/").maxResults(1000)
                                    .afterMarker(marker == null ? "" : marker));
                    count += page.size();
                    marker = page.getNextMarker();
                } while (marker != null);
                System.out.printf("the server's own listing (%,d objects): %.3f s%n", count, (System.nanoTime() - t) / 1e9);
            }
            try (S3Objects objects = new S3Objects(settings)) {
                for (int run = 1; run <= 2; run++) {
                    long t = System.nanoTime();
                    int objectCount = objects.list("captures").size();
                    System.out.printf("the S3 listing alone (%,d objects): %.3f s%n", objectCount, (System.nanoTime() - t) / 1e9);
                }
                List<String> cuts = new ArrayList<>();
                for (int p = 1; p < 3; p++) {
                    cuts.add(String.format(Locale.ROOT, "captures/capture-%05d.json", n * p / 3));
                }
                List<ObjectInfo> whole = objects.list("captures");
                for (int run = 1; run <= 2; run++) {
                    long t = System.nanoTime();
                    List<ObjectInfo> cut = objects.list("captures", cuts);
                    int objectCount = cut.size();
                    assertEquals(whole, cut);
                    System.out.printf("the S3 listing cut in three parts (%,d objects): %.3f s%n", objectCount,
                            (System.nanoTime() - t) / 1e9);
                }
            }
            String[] runs = {
                "a new machine, every metadata object read (and the bucket's catalogue written)",
                "another new machine, reading the bucket's catalogue",
                "the same machine again, its own cache of what it read",
                // the first run's reads are mostly the compiler's warm-up, of the server (in this JVM) and
                // of the client: this one reads every metadata object again, with both warm
                "a third new machine, the catalogue removed, every metadata object read by warm code",
            };
            for (int run = 0; run < runs.length; run++) {
                Path cache = tmp.resolve(run == 2 ? "machine-1" : "machine-" + run);
                if (run == 3) {
                    blobs.removeBlob("bench", "captures/" + CaptureStore.CATALOGUE);
                }
                try (CaptureStore store = CaptureStore.s3(settings, StoreOptions.defaults(cache))) {
                    long t1 = System.nanoTime();
                    // as the capture table lists: the captures first, with what is known of them
                    CaptureStore.Listing objectsListed = store.listObjects();
                    int shownEarly = objectsListed.known().captures().size();
                    double early = (System.nanoTime() - t1) / 1e9;
                    int listed = store.complete(objectsListed).size();
                    double first = (System.nanoTime() - t1) / 1e9;
                    System.out.printf("  %,d captures listed with what was known of them after %.3f s (%,d metadata"
                            + " objects then to read)%n", shownEarly, early, objectsListed.unread());
                    long t2 = System.nanoTime();
                    int again = store.list(CaptureQuery.ALL.onlyErrors(true)).matching();
                    double second = (System.nanoTime() - t2) / 1e9;
                    assertEquals(n, listed);
                    System.out.printf("listing %,d captures, %s: %.3f s; listed again by the same store: %.3f s"
                            + " (%,d errors)%n", listed, runs[run], first, second, again);
                }
            }
        }
    }

}
