package org.scapscope.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code scapscope open [FILE]}: the desktop app. The launcher starts the window itself for
 * {@code open} and {@code open FILE}; this command gives {@code open} its place in the help, and
 * refuses the forms the launcher does not take.
 */
@Command(name = "open", mixinStandardHelpOptions = true,
        description = "Open the desktop app (needs a display), on the capture FILE when one is given; "
                + "with no command at all, the app opens on the capture library.")
final class OpenCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "FILE", arity = "0..1", description = "Capture file (.scap or .scap.gz) to open.")
    Path file;

    @Override
    public Integer call() {
        // reached only for what the launcher does not take as a window to open
        throw new CommandLine.ParameterException(spec.commandLine(),
                "open takes at most one capture file, and no option but --help");
    }
}
