package org.scapscope.scap;

import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.function.BooleanSupplier;

/** How to open a capture: where the cache lives, how to report progress, and when to give up. */
public final class OpenOptions {
    /** Callback for long work: bytes done out of bytes in all. */
    @FunctionalInterface
    public interface Progress {
        void update(long done, long total);
    }

    private Path cacheDir;
    private int chunkShift = MappedInput.DEFAULT_CHUNK_SHIFT;
    private Progress progress;
    private BooleanSupplier cancelled;
    private int indexThreads = Runtime.getRuntime().availableProcessors();
    private long parallelThreshold = 64L << 20;

    public static OpenOptions defaults() {
        return new OpenOptions();
    }

    /**
     * The cache directory: {@code $SCAPSCOPE_CACHE}, else {@code $XDG_CACHE_HOME/scapscope}, else
     * {@code ~/.cache/scapscope}.
     */
    public static Path defaultCacheDir() {
        String explicit = System.getenv("SCAPSCOPE_CACHE");
        if (explicit != null && !explicit.isBlank()) {
            return Paths.get(explicit);
        }
        String xdg = System.getenv("XDG_CACHE_HOME");
        if (xdg != null && !xdg.isBlank()) {
            return Paths.get(xdg, "scapscope");
        }
        return Paths.get(System.getProperty("user.home"), ".cache", "scapscope");
    }

    public OpenOptions cacheDir(Path dir) {
        this.cacheDir = dir;
        return this;
    }

    public Path cacheDir() {
        return cacheDir != null ? cacheDir : defaultCacheDir();
    }

    /** Size of the mapped chunks as a power of two (tests use tiny chunks to exercise the boundaries). */
    public OpenOptions chunkShift(int shift) {
        this.chunkShift = shift;
        return this;
    }

    int chunkShift() {
        return chunkShift;
    }

    /** Index with up to this many threads, one byte range each, for files of at least {@code rangeBytes} per range. */
    OpenOptions parallelIndexing(int threads, long rangeBytes) {
        this.indexThreads = threads;
        this.parallelThreshold = rangeBytes;
        return this;
    }

    int indexThreads() {
        return indexThreads;
    }

    long parallelThreshold() {
        return parallelThreshold;
    }

    public OpenOptions progress(Progress listener) {
        this.progress = listener;
        return this;
    }

    public OpenOptions cancelWhen(BooleanSupplier condition) {
        this.cancelled = condition;
        return this;
    }

    void reportProgress(long done, long total) {
        if (progress != null) {
            progress.update(done, total);
        }
    }

    boolean isCancelled() {
        return cancelled != null && cancelled.getAsBoolean();
    }
}
