package org.scapscope.store;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.BooleanSupplier;

/**
 * The right to download one capture into the cache: held by one download at a time, in this
 * program and in any other on the machine (the app and the command line may share a cache), so
 * that two downloads of a capture never write the same partial file.
 *
 * <p>Within the program a lock per capture decides; its holder alone then locks a file in the
 * cache's {@code locks} folder (which stays after, empty) against other programs. Only the holder
 * opens that file: closing any channel on a file drops every lock the program has on it. Where the
 * file system cannot lock (some network file systems) or the file cannot be opened, the download
 * goes on with the program's own lock only.
 */
final class DownloadLock implements AutoCloseable {
    private static final ConcurrentHashMap<Path, ReentrantLock> IN_PROGRAM = new ConcurrentHashMap<>();

    private final ReentrantLock own;
    private final FileChannel channel;
    private final FileLock lock;

    private DownloadLock(ReentrantLock own, FileChannel channel, FileLock lock) {
        this.own = own;
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
        Path file = fileOf(cacheDir, target).toAbsolutePath().normalize();
        ReentrantLock own = IN_PROGRAM.computeIfAbsent(file, f -> new ReentrantLock());
        boolean told = false;
        try {
            while (!own.tryLock(100, TimeUnit.MILLISECONDS)) {
                if (!told) {
                    told = true;
                    waiting.run();
                }
                stopIf(cancelled, what);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("the download of " + what + " was interrupted");
        }
        FileChannel ch = null;
        try {
            try {
                Files.createDirectories(file.getParent());
                ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            } catch (IOException cannotOpen) {
                return new DownloadLock(own, null, null); // a cache another user made, say: this program's lock only
            }
            while (true) {
                FileLock held;
                try {
                    held = ch.tryLock();
                } catch (IOException cannotLock) {
                    ch.close();
                    return new DownloadLock(own, null, null);
                }
                if (held != null) {
                    return new DownloadLock(own, ch, held);
                }
                if (!told) {
                    told = true;
                    waiting.run();
                }
                stopIf(cancelled, what);
                try {
                    Thread.sleep(100);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new InterruptedIOException("the download of " + what + " was interrupted");
                }
            }
        } catch (IOException | RuntimeException e) {
            if (ch != null) {
                ch.close();
            }
            own.unlock();
            throw e;
        }
    }

    private static void stopIf(BooleanSupplier cancelled, String what) {
        if (cancelled.getAsBoolean()) {
            throw new CancellationException("the download of " + what + " was cancelled");
        }
    }

    @Override
    public void close() throws IOException {
        try {
            if (lock != null) {
                lock.release();
            }
        } finally {
            try {
                if (channel != null) {
                    channel.close();
                }
            } finally {
                own.unlock();
            }
        }
    }
}
