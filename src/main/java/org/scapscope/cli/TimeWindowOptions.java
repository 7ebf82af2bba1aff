package org.scapscope.cli;

import java.time.ZoneId;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code --from} and {@code --to}: the stretch of time a command reads. */
final class TimeWindowOptions {
    @Spec(Spec.Target.MIXEE)
    CommandSpec command;

    @Option(names = "--from", paramLabel = "TIME",
            description = "Only events at or after TIME: ns since the epoch, +OFFSET from the capture's start "
                    + "(+1.5m, +5s, +250ms) or a clock time (12:34:56.5).")
    String from;

    @Option(names = "--to", paramLabel = "TIME", description = "Only events before TIME (same forms as --from).")
    String to;

    /**
     * The window {@code [from, to)} in ns since the epoch, for a capture whose first event is at
     * {@code firstTs} (offsets count from there); the whole capture when neither option is given.
     */
    long[] window(long firstTs) {
        long start = Math.max(0, firstTs);
        long[] window;
        try {
            window = new long[] {from == null ? 0 : TimeArg.resolve(from, start, ZoneId.systemDefault()),
                to == null ? Long.MAX_VALUE : TimeArg.resolve(to, start, ZoneId.systemDefault())};
        } catch (IllegalArgumentException e) {
            throw new ParameterException(command.commandLine(), e.getMessage());
        }
        // an empty stretch is a slip (the two swapped), not a question whose answer is nothing
        if (from != null && to != null && window[0] >= window[1]) {
            throw new ParameterException(command.commandLine(), "--from " + from + " is not before --to " + to
                    + ": no event could be in between");
        }
        return window;
    }
}
