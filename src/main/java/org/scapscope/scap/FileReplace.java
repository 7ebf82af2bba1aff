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

    /** Writes {@code data} beside {@code target}, then puts it in place; nothing half-written is left. */
    public static void write(Path target, byte[] data) throws IOException {
        Path tmp = Files.createTempFile(target.getParent(), "." + target.getFileName(), ".tmp");
        try {
            Files.write(tmp, data);
            replace(tmp, target);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    /**
     * As {@link #replace}, for a file the user named: the finished file is first made durable (so that
     * a crash cannot leave an empty file in place of the old one) and given the old file's
     * permissions where the file system allows it. A new file is readable by its owner only, as
     * captures hold what a machine did.
     */
    public static void replaceKeepingMode(Path finished, Path target) throws IOException {
        try (java.nio.channels.FileChannel ch = java.nio.channels.FileChannel.open(finished,
                java.nio.file.StandardOpenOption.WRITE)) {
            ch.force(true);
        }
        if (Files.isRegularFile(target)) {
            try {
                Files.setPosixFilePermissions(finished, Files.getPosixFilePermissions(target));
            } catch (UnsupportedOperationException | IOException e) {
                // no POSIX permissions here, or not ours to set: the new file keeps its own
            }
        }
        replace(finished, target);
    }

    /**
     * The file to write for a path the user named: a link is written through, so the file it names
     * is replaced (or made) and the link stays; a link to something that is not a path (a pipe, as
     * /dev/stdout may be) is left as it is, for the writer to refuse as no regular file.
     */
    public static Path throughLinks(Path named) {
        Path link = named.toAbsolutePath();
        if (!Files.isSymbolicLink(link)) {
            return link;
        }
        try {
            return link.toRealPath();
        } catch (IOException e) {
            // a link to a file not there yet: the file it names is made
            try {
                Path to = Files.readSymbolicLink(link);
                return link.resolveSibling(to).toAbsolutePath().normalize();
            } catch (IOException | UnsupportedOperationException again) {
                return link;
            }
        }
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
