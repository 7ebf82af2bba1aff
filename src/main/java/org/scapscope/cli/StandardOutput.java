package org.scapscope.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;

/** What the command line can tell of its standard output: where it goes, and whether writing to it fails. */
final class StandardOutput {
    private static final Path FD = Path.of("/proc/self/fd/1");

    private StandardOutput() {
    }

    /**
     * Whether writing to the standard output has failed: its reader went away or it is full. A
     * long listing stops then rather than read the rest of a capture for no one.
     */
    static boolean gone(PrintWriter out) {
        out.flush();
        return out.checkError() || System.out.checkError();
    }

    /** Whether the standard output is a pipe or a socket (Linux tells; elsewhere: not known, false). */
    static boolean isPipe() {
        String target = target();
        return target != null && (target.startsWith("pipe:") || target.startsWith("socket:"));
    }

    /** The standard output's file, for a message. */
    static String describe() {
        String target = target();
        return target == null ? "the standard output" : target;
    }

    private static String target() {
        try {
            return Files.readSymbolicLink(FD).toString();
        } catch (IOException | UnsupportedOperationException | SecurityException e) {
            return null;
        }
    }
}
