package org.scapscope.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.scapscope.filter.Filter;
import org.scapscope.scap.ScapFile;
import org.scapscope.state.StateHistory;
import org.scapscope.store.StorePaths;
import org.scapscope.view.Spectrogram;
import org.scapscope.view.ViewCatalog;
import org.scapscope.view.ViewColumn;
import org.scapscope.view.ViewDefinition;
import org.scapscope.view.ViewEngine;
import org.scapscope.view.ViewFormat;
import org.scapscope.view.ViewTable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code scapscope view NAME FILE [FILTER]}: a view of a capture, as a table, JSON or CSV. */
@Command(name = "view", mixinStandardHelpOptions = true,
        description = "Compute a view (procs, files, connections, ...) of a capture, optionally narrowed by a filter.")
final class ViewCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "NAME", description = "The view (see 'scapscope views').")
    String name;

    @Parameters(index = "1", paramLabel = "FILE", description = "Capture file (.scap or .scap.gz).")
    Path file;

    @Option(names = "--cache", paramLabel = "DIR",
            description = "Cache directory for indexes and inflated captures (default: $SCAPSCOPE_CACHE, "
                    + "else $XDG_CACHE_HOME/scapscope).")
    Path cache;

    @Option(names = {"-q", "--quiet"}, description = "Do not print warnings about the capture.")
    boolean quiet;

    @Parameters(index = "2", arity = "0..1", paramLabel = "FILTER", description = FilterOptions.FILTER_HELP)
    String expression;

    @Mixin
    FilterOptions filter;

    @Mixin
    TimeWindowOptions time;

    @Option(names = "--sort", paramLabel = "COLUMN", description = "Sort by this column (its title), largest first for numbers.")
    String sort;

    @Option(names = "--drill", paramLabel = "KEY",
            description = "Open the row with this key: the view this one leads to (procs leads to threads, ...), "
                    + "narrowed to the row.")
    String drill;

    @Option(names = {"--containers", "-pc"},
            description = "Show the view for containers, as csysdig -pc and Sysdig Inspect do: with each row's container, "
                    + "and a file or connection seen from two containers as two rows.")
    boolean containers;

    @Option(names = "--json", description = "Print {\"view\", \"columns\", \"rows\": [{\"key\", \"values\"}]} as JSON.")
    boolean json;

    @Option(names = "--csv", description = "Print CSV with a header line.")
    boolean csv;

    @Override
    public Integer call() throws Exception {
        if (json && csv) {
            throw new ParameterException(spec.commandLine(), "--json and --csv are two ways to print: give one");
        }
        ViewCatalog catalog = ViewCatalog.withUserViews(StorePaths.views(System.getenv(), StorePaths.home()));
        if (containers) {
            catalog = catalog.forContainers();
        }
        ViewDefinition view = catalog.get(name);
        if (view == null && Spectrogram.Kind.of(name) != null) {
            return spectrogram(Spectrogram.Kind.of(name));
        }
        if (view == null) {
            // a view file of the user's that was left out may be the one meant: say why it was
            StringBuilder why = new StringBuilder();
            for (String problem : catalog.problems()) {
                why.append("\n  left out: ").append(problem);
            }
            throw new ParameterException(spec.commandLine(), "no view named " + name + " (see 'scapscope views')"
                    + why);
        }
        String userFilter = expression == null || expression.isBlank() ? null : expression;
        if (drill != null) {
            // a row's drill-down: the view it leads to, narrowed to the row
            String drillFilter = view.drilldownFilter(drill);
            ViewDefinition target = catalog.drillTarget(view);
            if (drillFilter == null || target == null) {
                throw new ParameterException(spec.commandLine(), "view " + name + " has no drill-down");
            }
            userFilter = userFilter == null ? drillFilter : "(" + userFilter + ") and (" + drillFilter + ")";
            spec.commandLine().getErr().println("scapscope: " + name + " " + drill + " -> " + target.id() + ": "
                    + drillFilter);
            view = target;
        }
        Filter f = filter.compile(userFilter, spec.commandLine().getErr());
        ViewTable table;
        CaptureOptions capture = new CaptureOptions();
        capture.file = file;
        capture.cache = cache;
        capture.quiet = quiet;
        double seconds;
        try (ScapFile scap = capture.open(spec.commandLine().getErr());
             StateHistory history = capture.history(scap, spec.commandLine().getErr())) {
            long[] w = time.window(scap.firstTs());
            table = ViewEngine.run(scap, view, f, w[0], w[1], ZoneId.systemDefault(), history, null, null);
            // rates are per second of the window the capture covers
            seconds = ViewFormat.windowSeconds(scap.firstTs(), scap.lastTs(), w[0], w[1]);
        }
        List<ViewTable.Row> rows = new ArrayList<>(table.rows());
        if (sort != null) {
            int s = table.columns().indexOf(sort);
            if (s < 0) {
                throw new ParameterException(spec.commandLine(), "view " + name + " has no column " + sort
                        + "; its columns: " + String.join(", ", table.columns()));
            }
            rows.sort((a, b) -> -compare(a.order().get(s), b.order().get(s)));
        }
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            ObjectMapper mapper = new ObjectMapper();
            ObjectNode root = mapper.createObjectNode();
            root.put("view", view.id());
            ArrayNode cols = root.putArray("columns");
            table.columns().forEach(cols::add);
            ArrayNode rs = root.putArray("rows");
            for (ViewTable.Row r : rows) {
                ObjectNode o = rs.addObject();
                o.put("key", r.key());
                o.set("values", mapper.valueToTree(r.values()));
            }
            out.println(mapper.writeValueAsString(root));
        } else if (csv) {
            out.println(csvLine(new ArrayList<>(table.columns())));
            for (ViewTable.Row r : rows) {
                out.println(csvLine(r.values()));
            }
        } else {
            printTable(out, table, rows, seconds);
        }
        out.flush();
        return Main.OK;
    }

    private static int compare(Object a, Object b) {
        if (a instanceof Number x && b instanceof Number y) {
            return Double.compare(x.doubleValue(), y.doubleValue());
        }
        return -String.valueOf(a).compareTo(String.valueOf(b));
    }

    private static String csvLine(List<?> values) {
        StringBuilder b = new StringBuilder();
        for (Object v : values) {
            if (b.length() > 0) {
                b.append(',');
            }
            String s = String.valueOf(v);
            if (s.contains(",") || s.contains("\"") || s.contains("\n")) {
                s = "\"" + s.replace("\"", "\"\"") + "\"";
            }
            b.append(s);
        }
        return b.toString();
    }

    /** The rows as a table for people: values formatted as the app shows them, numbers to the right. */
    private static void printTable(PrintWriter out, ViewTable table, List<ViewTable.Row> rows, double seconds) {
        List<String> columns = table.columns();
        List<ViewColumn> shown = table.view().shownColumns();
        int n = columns.size();
        boolean[] right = new boolean[n];
        int[] width = new int[n];
        for (int i = 0; i < n; i++) {
            right[i] = i < shown.size() && ViewFormat.isNumeric(shown.get(i));
            width[i] = columns.get(i).length();
        }
        List<String[]> cells = new ArrayList<>(rows.size());
        for (ViewTable.Row r : rows) {
            String[] line = new String[n];
            for (int i = 0; i < n; i++) {
                line[i] = ViewFormat.cell(i < shown.size() ? shown.get(i) : null, r.order().get(i), seconds).strip();
                width[i] = Math.min(60, Math.max(width[i], line[i].length()));
            }
            cells.add(line);
        }
        out.println(line(columns.toArray(new String[0]), width, right));
        for (String[] line : cells) {
            out.println(line(line, width, right));
        }
    }

    private static String line(String[] values, int[] width, boolean[] right) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < values.length; i++) {
            boolean last = i == values.length - 1;
            String v = values[i];
            if (!last && v.length() > width[i]) {
                v = v.substring(0, width[i]);
            }
            b.append(i == 0 ? "" : "  ").append(right[i] ? " ".repeat(width[i] - v.length()) + v : pad(v, width[i], last));
        }
        return b.toString().stripTrailing();
    }

    private static String pad(String s, int width, boolean last) {
        return last || s.length() >= width ? s : s + " ".repeat(width - s.length());
    }

    /** csysdig's spectrogram views, drawn as the spectrogram command draws them. */
    private Integer spectrogram(Spectrogram.Kind kind) throws Exception {
        if (csv || sort != null || drill != null || containers) {
            throw new ParameterException(spec.commandLine(), name + " is a spectrogram, with no rows: --csv, --sort, "
                    + "--drill and --containers do not apply (see 'scapscope spectrogram --help')");
        }
        Filter f = filter.compile(expression == null || expression.isBlank() ? null : expression,
                spec.commandLine().getErr());
        CaptureOptions capture = new CaptureOptions();
        capture.file = file;
        capture.cache = cache;
        capture.quiet = quiet;
        Spectrogram.Result r;
        try (ScapFile scap = capture.open(spec.commandLine().getErr());
             StateHistory history = capture.history(scap, spec.commandLine().getErr())) {
            long[] w = time.window(scap.firstTs());
            r = Spectrogram.compute(scap, kind, f, w[0], w[1], SpectrogramCommand.SLICES, history, null, null);
        }
        SpectrogramCommand.print(r, json, spec.commandLine().getOut());
        return Main.OK;
    }
}
