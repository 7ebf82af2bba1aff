package org.scapscope.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import org.scapscope.scap.OpenOptions;
import org.scapscope.scap.ScapFile;
import org.scapscope.state.StateHistory;
import org.scapscope.scap.ScapFormatException;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** The capture argument and the options every command that opens a capture shares. */
final class CaptureOptions {
    @Parameters(index = "0", paramLabel = "FILE", description = "Capture file (.scap or .scap.gz).")
    Path file;

    @Option(names = "--cache", paramLabel = "DIR",
            description = "Cache directory for indexes and inflated captures (default: $SCAPSCOPE_CACHE, "
                    + "else $XDG_CACHE_HOME/scapscope).")
    Path cache;

    @Option(names = {"-q", "--quiet"}, description = "Do not print warnings about the capture.")
    boolean quiet;

    ScapFile open(PrintWriter err) throws IOException, ScapFormatException {
        OpenOptions options = OpenOptions.defaults();
        if (cache != null) {
            options.cacheDir(cache);
        }
        TerminalProgress progress = null;
        if (!quiet && System.console() != null) {
            // a large capture takes a while to inflate or index the first time: say how far it is
            progress = new TerminalProgress(err, file.getFileName().toString(), 500_000_000L);
            options.progress(progress);
        }
        ScapFile capture;
        try {
            capture = ScapFile.open(file, options);
        } finally {
            if (progress != null) {
                progress.finish();
            }
        }
        if (!quiet) {
            for (String w : capture.warnings()) {
                err.println("scapscope: warning: " + w);
            }
            err.flush();
        }
        return capture;
    }

    /**
     * The capture's state checkpoints, built on first use (one pass, kept in the cache) so that views
     * and the overview read only their window's events, in parallel.
     */
    StateHistory history(ScapFile capture, PrintWriter err) throws IOException {
        TerminalProgress progress = !quiet && System.console() != null
                ? new TerminalProgress(err, file.getFileName().toString() + " (process and file state)", 500_000_000L)
                : null;
        try {
            return StateHistory.of(capture, progress, null);
        } finally {
            if (progress != null) {
                progress.finish();
            }
        }
    }
}
