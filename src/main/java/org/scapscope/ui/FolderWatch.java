package org.scapscope.ui;

import java.io.IOException;
import java.nio.file.ClosedWatchServiceException;
import java.nio.file.Path;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.util.concurrent.TimeUnit;

/**
 * Tells when the files of a folder change (a capture dropped in by an agent or a script, one
 * deleted), once the changes have settled: a capture being written, then its metadata, is one
 * change. Runs on a thread of its own until closed.
 */
final class FolderWatch implements AutoCloseable {
    /** Quiet after a change before it is told: a burst of writes is told once. */
    static final long SETTLE_MILLIS = 400;

    private final WatchService service;

    /** Watches {@code folder}, running {@code changed} (on the watching thread) after each settled change. */
    FolderWatch(Path folder, Runnable changed) throws IOException {
        service = folder.getFileSystem().newWatchService();
        try {
            folder.register(service, StandardWatchEventKinds.ENTRY_CREATE, StandardWatchEventKinds.ENTRY_DELETE,
                    StandardWatchEventKinds.ENTRY_MODIFY);
        } catch (IOException | RuntimeException e) {
            service.close();
            throw e;
        }
        Thread t = new Thread(() -> watch(changed), "folder watch " + folder.getFileName());
        t.setDaemon(true);
        t.start();
    }

    private void watch(Runnable changed) {
        try {
            while (true) {
                drain(service.take());
                WatchKey more;
                while ((more = service.poll(SETTLE_MILLIS, TimeUnit.MILLISECONDS)) != null) {
                    drain(more);
                }
                changed.run();
            }
        } catch (InterruptedException | ClosedWatchServiceException e) {
            // closed: the store is no longer shown
        }
    }

    private static void drain(WatchKey key) {
        key.pollEvents();
        key.reset();
    }

    @Override
    public void close() {
        try {
            service.close();
        } catch (IOException ignored) {
            // the watch ends either way
        }
    }
}
