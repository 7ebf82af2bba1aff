package org.scapscope.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.concurrent.Callable;
import org.scapscope.filter.Filter;
import org.scapscope.scap.ScapFile;
import org.scapscope.view.IoStreams;
import org.scapscope.view.PayloadText;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code scapscope echo FILE [FILTER]}: the bytes read and written, as csysdig's echo shows them. */
@Command(name = "echo", mixinStandardHelpOptions = true,
        description = "Print the data of every read and write (I/O streams); a filter such as fd.name=... follows one "
                + "conversation both ways.")
final class EchoCommand implements Callable<Integer> {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss.SSSSSSSSS");

    @Spec
    CommandSpec spec;

    @Mixin
    CaptureFilterOptions capture;

    @Option(names = "--mode", paramLabel = "MODE", description = "dotted (default), printable, hex or json.")
    String mode = "dotted";

    @Mixin
    TimeWindowOptions time;

    @Option(names = {"-n", "--limit"}, paramLabel = "N", description = "Stop after N reads and writes.")
    long limit = -1;

    @Option(names = "--json", description = "One JSON object per read or write.")
    boolean json;

    @Override
    public Integer call() throws Exception {
        PayloadText.Mode m;
        try {
            m = PayloadText.Mode.valueOf(mode.toUpperCase(java.util.Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(),
                    "unknown mode " + mode + ": use dotted, printable, hex or json");
        }
        Filter f = capture.filter(spec.commandLine().getErr());
        PrintWriter out = spec.commandLine().getOut();
        ObjectMapper mapper = new ObjectMapper();
        ZoneId zone = ZoneId.systemDefault();
        long[] shown = {0};
        try (ScapFile scap = capture.open(spec.commandLine().getErr())) {
            long[] w = time.window(scap.firstTs());
            IoStreams.scan(scap, f, w[0], w[1], null, c -> {
                if (limit >= 0 && shown[0] >= limit) {
                    return false;
                }
                String text = PayloadText.render(c.data(), m);
                String time = TIME.format(Instant.ofEpochSecond(0, c.ts()).atZone(zone));
                if (json) {
                    ObjectNode o = mapper.createObjectNode();
                    o.put("evt.num", c.eventNumber()).put("time", time).put("dir", c.write() ? "write" : "read")
                            .put("fd", c.fd()).put("name", c.fdName()).put("process", c.process()).put("pid", c.pid())
                            .put("container", c.container()).put("bytes", c.length()).put("data", text);
                    out.println(o.toString());
                } else {
                    out.printf("------ %s %s %dB %s %s (%s %d, fd %d)%n", time, c.write() ? "Write" : "Read",
                            c.length(), c.write() ? "to" : "from", c.fdName(), c.process(), c.pid(), c.fd());
                    out.println(text);
                }
                shown[0]++;
                return limit < 0 || shown[0] < limit;
            });
        }
        out.flush();
        return Main.OK;
    }
}
