package org.scapscope.scap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class CacheSpaceTest {
    @Test
    void eachFailureIsSaidInAFewWords() {
        assertEquals("the disk is full", CacheSpace.reason(new FileSystemException("/c/x.tmp", null, "No space left on device")));
        assertEquals("the disk is full", CacheSpace.reason(new IOException("No space left on device")));
        assertEquals("read-only", CacheSpace.reason(new FileSystemException("/c", null, "Read-only file system")));
        assertEquals("permission denied", CacheSpace.reason(new AccessDeniedException("/c/index")));
        assertEquals("no such folder", CacheSpace.reason(new NoSuchFileException("/tmp/gone/x.tmp")));
        assertEquals("a file is in the way, where a folder should be",
                CacheSpace.reason(new FileSystemException("/c/index", null, "Not a directory")));
        assertEquals("/c/index is in the way, and is not a folder",
                CacheSpace.reason(new FileAlreadyExistsException("/c/index")));
        assertEquals("input/output error", CacheSpace.reason(new IOException("Input/output error")));
        assertEquals("IOException", CacheSpace.reason(new IOException()));
    }

    @Test
    void whenNeitherPlaceCanBeWrittenBothAreNamedWithTheirReasons() {
        IOException inCache = new FileSystemException("/cache/index/k.idx", null, "No space left on device");
        IOException aside = new AccessDeniedException("/tmp/scapscope-1.idx");
        IOException e = CacheSpace.neitherWritable("indexing big.scap", Path.of("/cache/index"), inCache, aside);
        String m = e.getMessage();
        assertTrue(m.startsWith("indexing big.scap needs to write files"), m);
        assertTrue(m.contains("the cache /cache/index (the disk is full)"), m);
        assertTrue(m.contains("the temporary folder " + System.getProperty("java.io.tmpdir") + " (permission denied)"), m);
        assertTrue(m.endsWith("can be written: free some space, or choose another cache with --cache or SCAPSCOPE_CACHE"), m);
        assertSame(aside, e.getCause());
        assertSame(inCache, e.getSuppressed()[0]);
        // no disk is full: freeing space would not help
        String refused = CacheSpace.neitherWritable("indexing big.scap", Path.of("/cache/index"),
                new AccessDeniedException("/cache/index/k.idx"), new NoSuchFileException("/tmp/x")).getMessage();
        assertTrue(refused.endsWith("can be written: choose another cache with --cache or SCAPSCOPE_CACHE"), refused);
    }
}
