package org.scapscope.scap;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileTreesTest {
    @TempDir
    Path tmp;

    @Test
    void deletesAFolderWithAllInItAndLeavesItsNeighbours() throws IOException {
        Path dir = tmp.resolve("cache");
        Files.createDirectories(dir.resolve("index/deeper"));
        Files.writeString(dir.resolve("index/deeper/a.idx"), "x");
        Files.writeString(dir.resolve("b.state"), "y");
        Files.writeString(tmp.resolve("neighbour"), "z");
        FileTrees.delete(dir);
        assertFalse(Files.exists(dir));
        assertTrue(Files.exists(tmp.resolve("neighbour")));
        FileTrees.delete(dir); // gone already: no error
        FileTrees.delete(tmp.resolve("neighbour")); // a file alone
        assertFalse(Files.exists(tmp.resolve("neighbour")));
    }

    @Test
    void linksAreRemovedAndWhatTheyPointToKept() throws IOException {
        Path kept = Files.createDirectories(tmp.resolve("kept"));
        Files.writeString(kept.resolve("precious"), "x");
        Path dir = Files.createDirectories(tmp.resolve("work"));
        Files.createSymbolicLink(dir.resolve("to-kept"), kept);
        Files.createSymbolicLink(dir.resolve("dangling"), tmp.resolve("nothing-here"));
        FileTrees.delete(dir);
        assertFalse(Files.exists(dir, java.nio.file.LinkOption.NOFOLLOW_LINKS));
        assertTrue(Files.exists(kept.resolve("precious")));
        Path link = Files.createSymbolicLink(tmp.resolve("dangling-alone"), tmp.resolve("nothing-here"));
        FileTrees.delete(link);
        assertFalse(Files.exists(link, java.nio.file.LinkOption.NOFOLLOW_LINKS), "a dangling link is removed");
    }
}
