package org.scapscope.scap;

import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;

/** Folder trees on disk: the caches and work folders the app and the benchmark make and remove. */
public final class FileTrees {
    private FileTrees() {
    }

    /**
     * Deletes {@code dir} and everything in it, as much as can be deleted, without following links
     * (a link is removed, not what it points to); then fails with the first file that could not be
     * deleted or read. A folder that is not there is no error.
     */
    public static void delete(Path dir) throws IOException {
        if (!Files.exists(dir, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        IOException[] first = {null};
        Files.walkFileTree(dir, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                remove(file);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFileFailed(Path file, IOException e) {
                remove(file); // an unreadable folder may still be removable when empty
                keep(e);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path d, IOException e) {
                keep(e);
                remove(d);
                return FileVisitResult.CONTINUE;
            }

            private void remove(Path p) {
                try {
                    Files.deleteIfExists(p);
                } catch (IOException e) {
                    keep(e);
                }
            }

            private void keep(IOException e) {
                if (e != null && first[0] == null) {
                    first[0] = e;
                }
            }
        });
        if (first[0] != null && Files.exists(dir, LinkOption.NOFOLLOW_LINKS)) {
            throw first[0];
        }
    }
}
