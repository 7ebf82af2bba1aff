package org.scapscope.scap;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Iterator;
import java.util.stream.Stream;

/** Folder trees on disk: the caches and work folders the app and the benchmark make and remove. */
public final class FileTrees {
    private FileTrees() {
    }

    /**
     * Deletes {@code dir} and everything in it, as much as can be deleted; then fails with the first
     * file that could not be. A folder that is not there is no error.
     */
    public static void delete(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        IOException first = null;
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Iterator<Path> it = walk.sorted(Comparator.reverseOrder()).iterator(); it.hasNext(); ) {
                Path p = it.next();
                try {
                    Files.deleteIfExists(p);
                } catch (IOException e) {
                    first = first == null ? e : first;
                }
            }
        }
        if (first != null) {
            throw first;
        }
    }
}
