package org.scapscope.store;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.CancellationException;
import java.util.function.BooleanSupplier;

/**
 * The right to download one capture into the cache: held by one download at a time, in this
 * program and in any other on the machine (the app and the command line may share a cache), so
 * that two downloads of a capture never write the same partial file. A file in the cache's
 * {@code locks} folder, apart from the copies, is locked; it stays after, empty.
 */
final class DownloadLock implements AutoCloseable {
    private final FileChannel channel;
    private final FileLock lock;

    private DownloadLock(FileChannel channel, FileLock lock) {
        this.channel = channel;
        this.lock = lock;
    }

    /** The lock file of a cached copy, in the folder of the whole cache ({@code cacheDir}). */
    static Path fileOf(Path cacheDir, Path target) {
        String store = target.getParent().getFileName().toString();
        return cacheDir.resolve("locks").resolve(store + "-" + target.getFileName() + ".lock");
    }

    /**
     * Waits for the lock of {@code target}'s download; {@code waiting} runs once if another download
     * holds it. Throws {@link CancellationException} when {@code cancelled} says so while waiting.
     */
    static DownloadLock acquire(Path cacheDir, Path target, String what, Runnable waiting, BooleanSupplier cancelled)
            throws IOException {
        Path file = fileOf(cacheDir, target);
        java.nio.file.Files.createDirectories(file.getParent());
        FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        boolean told = false;
        try {
            while (true) {
                FileLock held = null;
                try {
                    held = ch.tryLock();
                } catch (OverlappingFileLockException inThisProgram) {
                    // another download in this program holds it
                }
                if (held != null) {
                    return new DownloadLock(ch, held);
                }
                if (!told) {
                    told = true;
                    waiting.run();
                }
                if (cancelled.getAsBoolean()) {
                    throw new CancellationException("the download of " + what + " was cancelled");
                }
                try {
                    Thread.sleep(100);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new InterruptedIOException("the download of " + what + " was interrupted");
                }
            }
        } catch (IOException | RuntimeException e) {
            ch.close();
            throw e;
        }
    }

    @Override
    public void close() throws IOException {
        try {
            lock.release();
        } finally {
            channel.close();
        }
    }
}
