package org.scapscope.cli;

import java.io.IOException;
import java.io.PrintWriter;
import org.scapscope.filter.Filter;
import org.scapscope.filter.FilterException;
import org.scapscope.scap.ScapFile;
import org.scapscope.scap.ScapFormatException;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** FILE [FILTER] and their options, for the commands that read a capture's events through a filter. */
final class CaptureFilterOptions {
    @Mixin
    CaptureOptions capture;

    @Parameters(index = "1", arity = "0..1", paramLabel = "FILTER", description = FilterOptions.FILTER_HELP)
    String expression;

    @Mixin
    FilterOptions rules;

    org.scapscope.state.StateHistory history(ScapFile scap, PrintWriter err) throws IOException {
        return capture.history(scap, err);
    }

    ScapFile open(PrintWriter err) throws IOException, ScapFormatException {
        return capture.open(err);
    }

    /** The compiled filter, or null when none was given; warnings about the rules go to {@code err}. */
    Filter filter(PrintWriter err) throws IOException, FilterException {
        return rules.compile(expression, err);
    }
}
