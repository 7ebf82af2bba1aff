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
            cl.getErr().println("scapscope: " + t.getMessage());
            return Main.BAD_INPUT;
        }
        if (t instanceof FilterException) {
            FilterException f = (FilterException) t;
            if (f.code() == FilterErrorCode.BAD_RULES) {
                cl.getErr().println("scapscope: " + f.getMessage());
            } else {
                cl.getErr().println("scapscope: bad filter: " + f.describe());
                for (String line : f.pointer().split("\n")) {
                    cl.getErr().println("  " + line);
                }
            }
            return Main.BAD_INPUT;
        }
        if (t instanceof CommandLine.TypeConversionException) {
            cl.getErr().println("scapscope: " + t.getMessage());
            return Main.BAD_INPUT;
        }
        if (t instanceof NoSuchFileException) {
            NoSuchFileException missing = (NoSuchFileException) t;
            cl.getErr().println("scapscope: " + missing.getFile() + ": "
                    + (missing.getReason() != null ? missing.getReason() : "no such file"));
            return Main.BAD_INPUT;
        }
        if (t instanceof AccessDeniedException) {
            cl.getErr().println("scapscope: " + ((AccessDeniedException) t).getFile() + ": permission denied");
            return Main.BAD_INPUT;
        }
        if (t instanceof FileSystemException) {
            // a path given on the command line that cannot be used as asked: a directory, a missing folder, ...
            cl.getErr().println("scapscope: " + t.getMessage());
            return Main.BAD_INPUT;
        }
        if (t instanceof StoreAddressException || t instanceof StoreInputException) {
            cl.getErr().println("scapscope: " + t.getMessage());
            return Main.BAD_INPUT;
        }
        if (t instanceof IOException) {
            cl.getErr().println("scapscope: " + t.getMessage());
            return Main.FAILURE;
        }
        String cut = org.scapscope.scap.ScapFile.cutShortWhileRead(t);
        if (cut != null) {
            cl.getErr().println("scapscope: " + cut);
            return Main.FAILURE;
        }
        cl.getErr().println("scapscope: internal error: " + t);
        for (StackTraceElement el : t.getStackTrace()) {
            cl.getErr().println("    at " + el);
        }
        return Main.FAILURE;
    }
}
