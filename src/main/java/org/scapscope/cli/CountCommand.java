package org.scapscope.cli;

import java.util.concurrent.Callable;
import org.scapscope.scap.ScapFile;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code scapscope count}: how many events a capture holds. */
@Command(name = "count", mixinStandardHelpOptions = true,
        description = "Print the number of events (the events 'scapscope events' prints).")
final class CountCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    CaptureOptions capture;

    @Option(names = {"-a", "--all"}, description = "Count internal events too.")
    boolean all;

    @Override
    public Integer call() throws Exception {
        try (ScapFile scap = capture.open(spec.commandLine().getErr())) {
            spec.commandLine().getOut().println(all ? scap.eventCount() : scap.visibleEventCount());
            spec.commandLine().getOut().flush();
        }
        return Main.OK;
    }
}
