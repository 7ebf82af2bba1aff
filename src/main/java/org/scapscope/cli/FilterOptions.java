package org.scapscope.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.scapscope.filter.FalcoRules;
import org.scapscope.filter.Filter;
import org.scapscope.filter.FilterCompiler;
import org.scapscope.filter.FilterException;
import org.scapscope.store.StorePaths;
import picocli.CommandLine.Option;

/**
 * The rules files a filter's macros come from, for every command that filters events. The filter
 * itself is each command's second parameter ({@link #FILTER_HELP}).
 */
final class FilterOptions {
    static final String FILTER_HELP = "Filter expression in the sysdig/Falco language, "
            + "e.g. \"proc.name=curl and evt.type=connect\".";

    @Option(names = "--rules", paramLabel = "FILE",
            description = "Falco rules file whose lists and macros the filter may use (repeatable), after those of "
                    + "$XDG_CONFIG_HOME/scapscope/rules.")
    List<Path> rules = new ArrayList<>();

    /**
     * The compiled filter, or null when no expression was given (or a blank one, as sysdig takes it).
     * Its lists and macros are those of the user's rules folder, as the app's filter bar has them,
     * then those of the files given; a file of the folder that cannot be read is left out, and a
     * warning on {@code err} says why.
     */
    Filter compile(String expression, PrintWriter err) throws IOException, FilterException {
        if (expression == null || expression.isBlank()) {
            return null;
        }
        return FilterCompiler.compile(expression, loaded(err));
    }

    /**
     * The rules of the user's rules folder, then those of the files given; a file of the folder that
     * cannot be read is left out, and a warning on {@code err} says why.
     */
    FalcoRules loaded(PrintWriter err) throws IOException, FilterException {
        List<String> problems = new ArrayList<>();
        FalcoRules r = FalcoRules.ofFolder(StorePaths.rules(System.getenv(), StorePaths.home()), problems);
        for (String p : problems) {
            err.println("scapscope: warning: left out: " + p);
        }
        err.flush();
        return rules.isEmpty() ? r : r.and(rules);
    }
}
