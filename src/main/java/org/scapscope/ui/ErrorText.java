package org.scapscope.ui;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.NoSuchFileException;
import java.util.concurrent.CancellationException;
import org.scapscope.scap.ScapFormatException;

/** What went wrong, as one plain sentence for a dialog or a status line: never a stack trace. */
final class ErrorText {
    private ErrorText() {
    }

    static String of(Throwable e) {
        Throwable t = e instanceof UncheckedIOException || e instanceof java.util.concurrent.ExecutionException
                ? e.getCause() : e;
        if (t instanceof CancellationException || t instanceof java.io.InterruptedIOException) {
            return "Cancelled.";
        }
        if (t instanceof NoSuchFileException) {
            return ((NoSuchFileException) t).getFile() + ": no such file.";
        }
        if (t instanceof AccessDeniedException) {
            return ((AccessDeniedException) t).getFile() + ": permission denied.";
        }
        String cut = org.scapscope.scap.ScapFile.cutShortWhileRead(e);
        if (cut != null) {
            return sentence(cut);
        }
        if (t instanceof OutOfMemoryError) {
            long max = Runtime.getRuntime().maxMemory();
            return String.format(java.util.Locale.ROOT, "Out of memory: this needed more than the %,d MB the Java heap"
                    + " may take. Start Scapscope again with a larger heap, for example SCAPSCOPE_JAVA_OPTS=%s.",
                    max >> 20, org.scapscope.cli.Main.largerHeap(max));
        }
        if (t instanceof ScapFormatException || t instanceof IOException) {
            return sentence(t.getMessage());
        }
        return sentence("Something unexpected went wrong (" + t.getClass().getSimpleName()
                + (t.getMessage() != null ? ": " + t.getMessage() : "") + ")");
    }

    private static String sentence(String s) {
        if (s == null || s.isEmpty()) {
            return "It failed, with no reason given.";
        }
        String first = Character.toUpperCase(s.charAt(0)) + s.substring(1);
        return first.endsWith(".") ? first : first + ".";
    }
}
