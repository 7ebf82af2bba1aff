package org.scapscope.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import org.scapscope.field.FieldException;
import org.scapscope.filter.FilterErrorCode;
import org.scapscope.filter.FilterException;
import org.scapscope.scap.ScapFormatException;
import org.scapscope.store.StoreAddressException;
import org.scapscope.store.StoreInputException;
import picocli.CommandLine;

/** Turns what a command throws into one line on stderr and an exit code: 2 for bad input, 1 otherwise. */
final class Failures implements CommandLine.IExecutionExceptionHandler {
    @Override
    public int handleExecutionException(Exception ex, CommandLine cl, CommandLine.ParseResult parsed) {
        Throwable t = ex instanceof UncheckedIOException ? ex.getCause() : ex;
        if (t instanceof ScapFormatException || t instanceof FieldException) {
            say(cl, "scapscope: " + messageOf(t));
            return Main.BAD_INPUT;
        }
        if (t instanceof FilterException) {
            FilterException f = (FilterException) t;
            if (f.code() == FilterErrorCode.BAD_RULES) {
                say(cl, "scapscope: " + f.getMessage());
            } else {
                say(cl, "scapscope: bad filter: " + f.describe());
                // the user's own expression, as typed, with the caret under it: printed as it is
                for (String line : f.pointer().split("\n")) {
                    cl.getErr().println("  " + line);
                }
            }
            return Main.BAD_INPUT;
        }
        if (t instanceof CommandLine.TypeConversionException) {
            say(cl, "scapscope: " + messageOf(t));
            return Main.BAD_INPUT;
        }
        if (t instanceof NoSuchFileException) {
            NoSuchFileException missing = (NoSuchFileException) t;
            say(cl, "scapscope: " + missing.getFile() + ": "
                    + (missing.getReason() != null ? missing.getReason() : "no such file"));
            return Main.BAD_INPUT;
        }
        if (t instanceof AccessDeniedException) {
            say(cl, "scapscope: " + ((AccessDeniedException) t).getFile() + ": permission denied");
            return Main.BAD_INPUT;
        }
        if (t instanceof FileSystemException) {
            // a path given on the command line that cannot be used as asked: a directory, a missing folder, ...
            say(cl, "scapscope: " + messageOf(t));
            return Main.BAD_INPUT;
        }
        if (t instanceof StoreAddressException || t instanceof StoreInputException) {
            say(cl, "scapscope: " + messageOf(t));
            return Main.BAD_INPUT;
        }
        if (t instanceof IOException) {
            say(cl, "scapscope: " + messageOf(t));
            return Main.FAILURE;
        }
        String cut = org.scapscope.scap.ScapFile.cutShortWhileRead(t);
        if (cut != null) {
            say(cl, "scapscope: " + cut);
            return Main.FAILURE;
        }
        say(cl, "scapscope: internal error: " + t);
        for (StackTraceElement el : t.getStackTrace()) {
            say(cl, "    at " + el);
        }
        return Main.FAILURE;
    }

    /** What a failure says; one that says nothing is named by its kind, never printed as "null". */
    private static String messageOf(Throwable t) {
        String m = t.getMessage();
        return m != null && !m.isBlank() ? m : t.getClass().getSimpleName().replaceAll("([a-z])([A-Z])", "$1 $2")
                .toLowerCase(java.util.Locale.ROOT) + (t.getCause() != null ? ": " + messageOf(t.getCause()) : "");
    }

    /**
     * Writes a message to stderr. What it quotes (a store's metadata, a file's name, an object key)
     * may hold control characters: written as escapes, they cannot recolour, retitle or scramble
     * the terminal. Its line breaks stay.
     */
    private static void say(CommandLine cl, String message) {
        StringBuilder out = new StringBuilder();
        for (String line : message.split("\n", -1)) {
            if (out.length() > 0) {
                out.append('\n');
            }
            out.append(StandardOutput.printable(line));
        }
        cl.getErr().println(out);
    }
}
