package org.scapscope.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Locale;
import org.jclouds.blobstore.BlobStore;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.scapscope.store.CaptureMetadata;
import org.scapscope.store.CaptureStatus;
import org.scapscope.store.CaptureStore;
import org.scapscope.store.MetadataJson;
import org.scapscope.store.S3Credentials;
import org.scapscope.store.S3ProxyServer;
import org.scapscope.store.S3Settings;
import org.scapscope.store.StoreOptions;
import org.scapscope.store.StoredCapture;

/**
 * The capture table's model over a bucket on a real S3 server: a bucket whose metadata this machine
 * has not read shows its captures as soon as they are listed, then fills in their metadata.
 */
class CaptureBrowserViewModelTest {
    static final int CAPTURES = CaptureBrowserViewModel.SHOW_BEFORE_READING + 20;
    static S3ProxyServer server;
    static S3Settings settings;

    @TempDir
    Path tmp;

    @BeforeAll
    static void fillBucket() throws Exception {
        server = new S3ProxyServer();
        server.createBucket("listing");
        BlobStore blobs = server.blobStore();
        for (int k = 0; k < CAPTURES; k++) {
            String id = String.format(Locale.ROOT, "capture-%03d", k);
            CaptureMetadata m = CaptureMetadata.EMPTY.withId(id).withName("capture " + k).withHost("host-" + k % 7)
                    .withStatus(k % 10 == 0 ? CaptureStatus.ERROR : CaptureStatus.OK, k % 10 == 0 ? "disk full" : null)
                    .withLifetime(Instant.parse("2026-11-01T00:00:00Z"), Instant.parse("2027-01-30T00:00:00Z"));
            blobs.putBlob("listing", blobs.blobBuilder("captures/" + id + ".json").payload(MetadataJson.write(m)).build());
            blobs.putBlob("listing", blobs.blobBuilder("captures/" + id + ".scap")
                    .payload(("capture " + k).getBytes(StandardCharsets.UTF_8)).build());
        }
        settings = new S3Settings(server.endpoint(), null, "listing", "captures", true,
                new S3Credentials(S3ProxyServer.ACCESS_KEY, S3ProxyServer.SECRET_KEY, null, "the test"));
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void aBucketNewToThisMachineShowsItsCapturesBeforeTheirMetadataIsRead() throws Exception {
        InspectorViewModelTest.Deferred worker = new InspectorViewModelTest.Deferred();
        CaptureBrowserViewModel vm = new CaptureBrowserViewModel(worker,
                Clock.fixed(Instant.parse("2026-11-26T12:00:00Z"), ZoneOffset.UTC));
        try (CaptureStore store = CaptureStore.s3(settings, StoreOptions.defaults(tmp.resolve("cache")))) {
            vm.storeProperty().set(store);
            runNext(worker); // the objects are listed
            assertEquals(CAPTURES, vm.captures().size());
            assertTrue(vm.busyProperty().get());
            assertTrue(vm.statusProperty().get().contains("reading the metadata of " + CAPTURES), vm.statusProperty().get());
            for (StoredCapture c : vm.captures()) {
                assertTrue(vm.isPending(c), c.id());
                assertEquals(c.id(), c.name(), "only what the object tells is known yet");
            }
            // whether one is an error is not known yet: the toggle shows none rather than a guess
            vm.onlyErrorsProperty().set(true);
            assertEquals(0, vm.captures().size());

            runNext(worker); // the metadata objects are read
            assertTrue(worker.pending.isEmpty());
            assertFalse(vm.busyProperty().get());
            assertEquals((CAPTURES + 9) / 10, vm.captures().size());
            for (StoredCapture c : vm.captures()) {
                assertFalse(vm.isPending(c));
                assertEquals(CaptureStatus.ERROR, c.status());
                assertTrue(c.name().startsWith("capture "), c.name());
            }
            vm.onlyErrorsProperty().set(false);
            assertEquals(CAPTURES, vm.captures().size());

            // listed again, with every metadata object known: nothing is shown before the list is whole
            vm.refresh();
            runNext(worker);
            assertTrue(vm.busyProperty().get());
            assertEquals(CAPTURES, vm.captures().size());
            assertTrue(vm.captures().stream().noneMatch(vm::isPending));
            assertTrue(vm.captures().stream().allMatch(c -> c.name().startsWith("capture ")));
            runNext(worker);
            assertFalse(vm.busyProperty().get());
            assertEquals(CAPTURES + " captures", vm.statusProperty().get());
        }
    }

    @Test
    void onlyTheLastListingAskedForIsShown() throws Exception {
        InspectorViewModelTest.Deferred worker = new InspectorViewModelTest.Deferred();
        CaptureBrowserViewModel vm = new CaptureBrowserViewModel(worker, Clock.systemUTC());
        try (CaptureStore store = CaptureStore.s3(settings, StoreOptions.defaults(tmp.resolve("cache")))) {
            vm.storeProperty().set(store);
            runNext(worker);
            vm.refresh(); // asked again while the metadata is read: that reading stops, its outcome dropped
            runNext(worker);
            assertTrue(vm.busyProperty().get());
            assertTrue(vm.captures().stream().allMatch(vm::isPending), "the rows shown stay until the new listing's");
            runNext(worker);
            runNext(worker);
            assertFalse(vm.busyProperty().get());
            assertEquals(CAPTURES, vm.captures().size());
            assertTrue(vm.captures().stream().noneMatch(vm::isPending));

            vm.storeProperty().set(null);
            vm.storeProperty().set(store);
            runNext(worker);
            vm.storeProperty().set(null); // another choice while the metadata is read
            assertEquals(0, vm.captures().size());
            runNext(worker);
            assertEquals(0, vm.captures().size(), "the listing of a store no longer chosen is dropped");
            assertFalse(vm.busyProperty().get());
            assertEquals("0 captures", vm.statusProperty().get());
        }
    }

    private static void runNext(InspectorViewModelTest.Deferred worker) {
        assertFalse(worker.pending.isEmpty(), "a job is waiting");
        worker.pending.remove(0).run.run();
    }
}
