package org.scapscope.scap;

import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/** Puts a finished file in place of another, so that readers see the old file or the new one, never half of one. */
public final class FileReplace {
    private FileReplace() {
    }

    /**
     * Moves {@code finished} (written beside {@code target}, in the same folder) over {@code target}:
     * atomically where the file system can, else by a plain replacing move.
     */
    public static void replace(Path finished, Path target) throws IOException {
        try {
            Files.move(finished, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(finished, target, StandardCopyOption.REPLACE_EXISTING);
        }
    }
}
