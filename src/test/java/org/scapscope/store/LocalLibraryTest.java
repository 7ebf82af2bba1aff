package org.scapscope.store;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/** The capture store contract, on the local library: a folder. */
class LocalLibraryTest extends CaptureStoreContract {
    @Override
    CaptureStore newStore(StoreOptions options) throws IOException {
        return CaptureStore.local(library(), options);
    }

    @Override
    ObjectStore objects() {
        return new FolderObjects(library());
    }

    @Override
    boolean remote() {
        return false;
    }

    @org.junit.jupiter.api.Test
    void aCaptureCopiedInWithItsOldTimeCountsFromItsArrival() throws IOException {
        // cp -p, rsync -a and unpacked archives keep a file's time of writing
        Path file = java.nio.file.Files.copy(sample(), java.nio.file.Files.createDirectories(library()).resolve("kept.scap"));
        java.time.Instant old = java.time.Instant.parse("2026-03-01T00:00:00Z");
        java.nio.file.Files.setLastModifiedTime(file, java.nio.file.attribute.FileTime.from(old));
        StoredCapture c = store.info("kept");
        org.junit.jupiter.api.Assertions.assertEquals(old, c.lastModified(), "its version is its time of writing");
        org.junit.jupiter.api.Assertions.assertTrue(c.expiresAt().isAfter(old.plus(java.time.Duration.ofDays(90))),
                c.expiresAt().toString());
        clock.set(old.plus(java.time.Duration.ofDays(91)));
        org.junit.jupiter.api.Assertions.assertEquals(List.of(), store.prune());
        org.junit.jupiter.api.Assertions.assertEquals(1, store.list().size());
    }

    @org.junit.jupiter.api.Test
    void aWriteLeftHalfDoneADayAgoIsRemovedAndAYoungerOneKept() throws IOException {
        store.put(sample(), CaptureMetadata.EMPTY.withId("kept"), null);
        Path old = java.nio.file.Files.writeString(library().resolve(".gone.scap.1a2b3c.tmp"), "half");
        java.nio.file.Files.setLastModifiedTime(old, java.nio.file.attribute.FileTime.from(
                java.time.Instant.now().minus(java.time.Duration.ofDays(2))));
        Path young = java.nio.file.Files.writeString(library().resolve(".going.scap.4d5e6f.tmp"), "half");
        org.junit.jupiter.api.Assertions.assertEquals(List.of("kept"),
                store.list().stream().map(StoredCapture::id).toList());
        org.junit.jupiter.api.Assertions.assertFalse(java.nio.file.Files.exists(old));
        org.junit.jupiter.api.Assertions.assertTrue(java.nio.file.Files.exists(young));
    }

    private Path library() {
        return tmp.resolve("library");
    }
}
