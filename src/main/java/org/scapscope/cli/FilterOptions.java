package org.scapscope.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.scapscope.filter.FalcoRules;
import org.scapscope.filter.Filter;
import org.scapscope.filter.FilterCompiler;
import org.scapscope.filter.FilterException;
import picocli.CommandLine.Option;

/**
 * The rules files a filter's macros come from, for every command that filters events. The filter
 * itself is each command's second parameter ({@link #FILTER_HELP}).
 */
final class FilterOptions {
    static final String FILTER_HELP = "Filter expression in the sysdig/Falco language, "
            + "e.g. \"proc.name=curl and evt.type=connect\".";

    @Option(names = "--rules", paramLabel = "FILE",
            description = "Falco rules file whose lists and macros the filter may use (repeatable).")
    List<Path> rules = new ArrayList<>();

    /** The compiled filter, or null when no expression was given (or a blank one, as sysdig takes it). */
    Filter compile(String expression) throws IOException, FilterException {
        if (expression == null || expression.isBlank()) {
            return null;
        }
        FalcoRules r = rules.isEmpty() ? FalcoRules.none() : FalcoRules.load(rules);
        return FilterCompiler.compile(expression, r);
    }
}
