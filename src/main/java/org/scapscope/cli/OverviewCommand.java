package org.scapscope.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import org.scapscope.filter.Filter;
import org.scapscope.scap.ScapFile;
import org.scapscope.state.StateHistory;
import org.scapscope.view.Overview;
import org.scapscope.view.OverviewTile;
import org.scapscope.view.ViewFormat;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code scapscope overview FILE [FILTER]}: Sysdig Inspect's overview tiles, with totals and series. */
@Command(name = "overview", mixinStandardHelpOptions = true,
        description = "Print the overview tiles (processes, file and network bytes, security and performance events, "
                + "logs, ...) with their totals, series over time and drill-down.")
final class OverviewCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    CaptureFilterOptions capture;

    @Option(names = "--samples", paramLabel = "N", description = "Points in each tile's series (default: 40).")
    int samples = 40;

    @Option(names = "--json", description = "Print the tiles as JSON, with their series and drill-down.")
    boolean json;

    @Mixin
    TimeWindowOptions time;

    @Override
    public Integer call() throws Exception {
        if (samples < 1 || samples > 100_000) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(), "--samples must be 1 to 100000");
        }
        Filter f = capture.filter(spec.commandLine().getErr());
        Overview.Result result;
        try (ScapFile scap = capture.open(spec.commandLine().getErr());
             StateHistory history = capture.history(scap, spec.commandLine().getErr())) {
            long[] w = time.window(scap.firstTs());
            long a = w[0];
            long b = w[1];
            result = Overview.compute(scap, f, a, b, samples, history, null, null);
        }
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            ObjectMapper mapper = new ObjectMapper();
            ObjectNode root = mapper.createObjectNode();
            root.put("start", result.start()).put("sampleWidth", result.sampleWidth());
            ArrayNode tiles = root.putArray("tiles");
            for (Overview.TileResult t : result.tiles()) {
                OverviewTile d = t.tile();
                ObjectNode o = tiles.addObject();
                o.put("id", d.id()).put("title", d.title()).put("category", d.category()).put("total", t.total());
                ArrayNode s = o.putArray("series");
                for (long v : t.series()) {
                    s.add(v);
                }
                ObjectNode drill = o.putObject("drilldown");
                drill.put("view", d.drilldown().view());
                drill.put("filter", drillFilter(d));
            }
            out.println(mapper.writeValueAsString(root));
        } else {
            out.printf("%-15s %-32s %15s  %s%n", "CATEGORY", "TILE", "TOTAL", "DRILL-DOWN");
            for (Overview.TileResult t : result.tiles()) {
                OverviewTile d = t.tile();
                String drill = d.drilldown().view() + (drillFilter(d) == null ? "" : " " + drillFilter(d));
                out.printf("%-15s %-32s %15s  %s%n", d.category(), d.title(), ViewFormat.tileTotal(d, t.total()), drill);
            }
        }
        out.flush();
        return Main.OK;
    }

    /** The filter a tile's drill-down applies: its own, or for the event list and I/O streams the tile's. */
    static String drillFilter(OverviewTile d) {
        if (d.drilldown().filter() != null) {
            return d.drilldown().filter();
        }
        String view = d.drilldown().view();
        return view.equals("events") || view.equals("echo") ? d.filter() : null;
    }
}
