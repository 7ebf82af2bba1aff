package org.scapscope.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.concurrent.Callable;
import org.scapscope.filter.Filter;
import org.scapscope.scap.ScapFile;
import org.scapscope.state.StateHistory;
import org.scapscope.view.HttpLog;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code scapscope http FILE [FILTER]}: the HTTP requests and their responses, as sysdig's httplog and httptop. */
@Command(name = "http", mixinStandardHelpOptions = true,
        description = "Print the HTTP requests found in the data read and written on sockets, each with its response, "
                + "as sysdig's httplog chisel does: time, direction (< a request the process served, > one it sent), "
                + "method, URL, status, latency and size; --top counts them by method and URL, as httptop.")
final class HttpCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    CaptureFilterOptions capture;

    @Mixin
    TimeWindowOptions time;

    @Option(names = "--top", paramLabel = "BY", arity = "0..1", fallbackValue = "ncalls",
            description = "The requests by method and URL, most first by ncalls (the default), time (the mean from "
                    + "request to response) or bytes (announced by the responses), as httptop; every one, where httptop "
                    + "prints 30. Give BY as --top=BY when a FILTER follows.")
    String top;

    @Option(names = "--json", description = "One JSON object per request (or per method and URL with --top).")
    boolean json;

    @Option(names = {"-n", "--limit"}, paramLabel = "N", description = "Stop after N requests.")
    int limit = Integer.MAX_VALUE;

    @Override
    public Integer call() throws Exception {
        if (top != null && HttpLog.By.of(top) == null) {
            throw new ParameterException(spec.commandLine(), "--top " + top + ": choose ncalls, time or bytes");
        }
        if (limit < 1) {
            throw new ParameterException(spec.commandLine(), "--limit must be at least 1");
        }
        PrintWriter err = spec.commandLine().getErr();
        Filter f = capture.filter(err);
        HttpLog.Result r;
        try (ScapFile scap = capture.open(err);
             StateHistory history = capture.history(scap, err)) {
            long[] w = time.window(scap.firstTs());
            r = HttpLog.find(scap, history, f, w[0], w[1], limit, null, null);
        }
        PrintWriter out = spec.commandLine().getOut();
        ObjectMapper mapper = new ObjectMapper();
        if (top != null) {
            HttpLog.By by = HttpLog.By.of(top);
            List<HttpLog.Top> rows = HttpLog.ranked(r.transactions(), by);
            if (json) {
                for (HttpLog.Top t : rows) {
                    out.println(mapper.writeValueAsString(mapper.createObjectNode().put("method", t.method())
                            .put("url", t.url()).put("ncalls", t.calls()).put("meanTime", Math.round(t.meanTime()))
                            .put("totalTime", t.time()).put("bytes", t.bytes()).put("errors", t.errors())));
                }
            } else {
                for (String line : HttpLog.topText(rows, by)) {
                    out.println(line);
                }
            }
        } else {
            DateTimeFormatter clock = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSSSSSSSS")
                    .withZone(ZoneId.systemDefault());
            for (HttpLog.Transaction t : r.transactions()) {
                if (json) {
                    ObjectNode o = mapper.createObjectNode().put("time", t.responseTs())
                            .put("request", t.requestIndex() + 1).put("response", t.responseIndex() + 1)
                            .put("dir", t.direction()).put("method", t.method()).put("url", t.url())
                            .put("status", t.status()).put("latency", t.latency()).put("size", t.length())
                            .put("pid", t.pid()).put("process", t.process()).put("fd", t.fd())
                            .put("fdName", t.fdName()).put("container", t.container());
                    out.println(mapper.writeValueAsString(o));
                } else {
                    out.println(HttpLog.logLine(t, clock));
                }
            }
        }
        if (r.cut()) {
            err.println("scapscope: the first " + r.transactions().size() + " requests (--limit)");
        }
        out.flush();
        err.flush();
        return Main.OK;
    }
}
