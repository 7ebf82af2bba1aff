package org.scapscope.cli;

import java.util.concurrent.Callable;
import org.scapscope.filter.Filter;
import org.scapscope.filter.FilterScan;
import org.scapscope.scap.ScapFile;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code scapscope count}: how many events a capture holds, or how many a filter selects. */
@Command(name = "count", mixinStandardHelpOptions = true,
        description = "Print the number of events (the events 'scapscope events' prints), or of the events "
                + "a filter selects.")
final class CountCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    CaptureFilterOptions capture;

    @Option(names = {"-a", "--all"}, description = "Count internal events too.")
    boolean all;

    @Override
    public Integer call() throws Exception {
        Filter f = capture.filter(spec.commandLine().getErr());
        try (ScapFile scap = capture.open(spec.commandLine().getErr())) {
            long n = f == null ? (all ? scap.eventCount() : scap.visibleEventCount()) : FilterScan.count(scap, f, all, null);
            spec.commandLine().getOut().println(n);
            spec.commandLine().getOut().flush();
        }
        return Main.OK;
    }

}
