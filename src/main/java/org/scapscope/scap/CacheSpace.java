package org.scapscope.scap;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Locale;

/**
 * What a capture's index, checkpoints and inflated copy are written to: the cache, or, when the
 * cache cannot be written (read-only, full, not a folder), a temporary file for this run. When
 * neither can be written, the error names both places and why each failed.
 */
public final class CacheSpace {
    private static final String DISK_FULL = "the disk is full";
    private CacheSpace() {
    }

    /**
     * The failure of {@code work} (such as "indexing sample.scap") when it could be written neither
     * into the cache folder {@code cacheFolder} nor into the temporary folder.
     */
    public static IOException neitherWritable(String work, Path cacheFolder, IOException inCache, IOException aside) {
        String full = reason(inCache).equals(DISK_FULL) || reason(aside).equals(DISK_FULL) ? "free some space, or " : "";
        IOException both = new IOException(work + " needs to write files, and neither the cache " + cacheFolder
                + " (" + reason(inCache) + ") nor the temporary folder " + temporaryFolder() + " (" + reason(aside)
                + ") can be written: " + full + "choose another cache with --cache or SCAPSCOPE_CACHE", aside);
        both.addSuppressed(inCache);
        return both;
    }

    /** The folder temporary files go to. */
    static String temporaryFolder() {
        return System.getProperty("java.io.tmpdir");
    }

    /** Why a file could not be written, in a few words: "the disk is full", "permission denied", ... */
    static String reason(IOException e) {
        if (e instanceof NoSuchFileException) {
            return "no such folder";
        }
        if (e instanceof AccessDeniedException) {
            return "permission denied";
        }
        if (e instanceof FileAlreadyExistsException) {
            return ((FileAlreadyExistsException) e).getFile() + " is in the way, and is not a folder";
        }
        String m = e instanceof FileSystemException && ((FileSystemException) e).getReason() != null
                ? ((FileSystemException) e).getReason() : e.getMessage();
        if (m == null || m.isBlank()) {
            return e.getClass().getSimpleName();
        }
        if (m.contains("No space left on device") || m.contains("Disk quota exceeded")) {
            return DISK_FULL;
        }
        if (m.contains("Read-only file system")) {
            return "read-only";
        }
        if (m.contains("Not a directory")) {
            return "a file is in the way, where a folder should be";
        }
        return m.substring(0, 1).toLowerCase(Locale.ROOT) + m.substring(1);
    }
}
