package org.scapscope.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import org.scapscope.scap.OpenOptions;
import org.scapscope.scap.ScapFile;
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
}
