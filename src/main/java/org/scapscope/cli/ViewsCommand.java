package org.scapscope.cli;

import java.io.PrintWriter;
import java.util.concurrent.Callable;
import org.scapscope.store.StorePaths;
import org.scapscope.view.Spectrogram;
import org.scapscope.view.ViewCatalog;
import org.scapscope.view.ViewDefinition;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code scapscope views}: the views there are, built in and from the user's folder. */
@Command(name = "views", mixinStandardHelpOptions = true,
        description = "List the views (csysdig's, and those in $XDG_CONFIG_HOME/scapscope/views).")
final class ViewsCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        ViewCatalog catalog = ViewCatalog.withUserViews(StorePaths.views(System.getenv(), StorePaths.home()));
        for (ViewDefinition v : catalog.all()) {
            out.printf("%-22s %-7s %s%n", v.id(), v.isList() ? "list" : "table",
                    v.description() != null ? v.description() : v.name() != null ? v.name() : "");
        }
        for (Spectrogram.Kind k : Spectrogram.Kind.values()) {
            out.printf("%-22s %-7s %s%n", k.id(), "spectro", k.title() + " over time, as csysdig's spectrogram ("
                    + "see 'scapscope spectrogram').");
        }
        for (String p : catalog.problems()) {
            spec.commandLine().getErr().println("scapscope: warning: view left out: " + p);
        }
        out.flush();
        return Main.OK;
    }
}
