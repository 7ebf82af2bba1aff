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
     * Text from a store (names, hosts, triggers, messages, written by whoever filled the bucket) as it
     * may be shown on a terminal: control characters, which could move the cursor, recolour or retitle
     * the terminal, or hide or reorder the text around them, are written as backslash escapes: {@code \xNN}
     * for a control, a backslash, {@code u} and four hex digits for the others.
     */
    static String printable(String text) {
        if (text == null) {
            return null;
        }
        int i = 0;
        while (i < text.length() && !isControl(text.charAt(i))) {
            i++;
        }
        if (i == text.length()) {
            return text;
        }
        StringBuilder sb = new StringBuilder(text.length() + 8).append(text, 0, i);
        for (; i < text.length(); i++) {
            char c = text.charAt(i);
            if (isControl(c)) {
                sb.append(c < 0x100 ? String.format("\\x%02x", (int) c) : String.format("\\u%04x", (int) c));
            } else {
                sb.append(c);
            }
        }
        return sb.toString();
    }

    /** Controls, and the characters that reorder or hide text (bidi overrides, zero widths, line separators). */
    private static boolean isControl(char c) {
        if (c < 0x20 || (c >= 0x7f && c <= 0x9f)) {
            return true;
        }
        int type = Character.getType(c);
        return type == Character.FORMAT || type == Character.LINE_SEPARATOR || type == Character.PARAGRAPH_SEPARATOR;
    }

    /**
     * Whether writing to the standard output has failed: its reader went away or it is full. A
     * long listing stops then rather than read the rest of a capture for no one.
     */
    static boolean gone(PrintWriter out) {
        out.flush();
        return out.checkError() || System.out.checkError();
    }

    /**
     * Whether a failure to write the standard output is worth an error: it goes to a file or a
     * device (a full disk, /dev/full). Not when it is a pipe, a named pipe or a socket, whose reader
     * may go away (| head), nor where the system does not tell (no /proc).
     */
    static boolean failureMatters() {
        String target = target();
        if (target == null || target.startsWith("pipe:") || target.startsWith("socket:")) {
            return false;
        }
        try {
            int type = (Integer) Files.getAttribute(FD, "unix:mode") & 0170000;
            return type != 0010000 && type != 0140000; // a named pipe, a socket
        } catch (IOException | RuntimeException e) {
            return false;
        }
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
