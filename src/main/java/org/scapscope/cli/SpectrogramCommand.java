package org.scapscope.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.concurrent.Callable;
import org.scapscope.filter.Filter;
import org.scapscope.scap.ScapFile;
import org.scapscope.state.StateHistory;
import org.scapscope.view.Spectrogram;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code scapscope spectrogram FILE [FILTER]}: csysdig's latency spectrograms, as text or JSON. */
@Command(name = "spectrogram", mixinStandardHelpOptions = true,
        description = "Print how many system calls took how long over time, as csysdig's spectro_all and "
                + "spectro_file views show it: a line per stretch of time, a column per latency band (four per "
                + "power of ten, 1 ns to 100 s), darker for more calls.")
final class SpectrogramCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    CaptureFilterOptions capture;

    @Option(names = "--file", description = "Only file I/O (csysdig's spectro_file); default: every call (spectro_all).")
    boolean file;

    /** Stretches of time a spectrogram is cut into unless told. */
    static final int SLICES = 40;

    @Option(names = "--slices", paramLabel = "N", description = "Stretches of time (default: 40).")
    int slices = SLICES;

    @Option(names = "--json", description = "Print the counts per stretch and band as JSON, with each band's range "
            + "and the filter that selects its calls.")
    boolean json;

    @Mixin
    TimeWindowOptions time;

    @Override
    public Integer call() throws Exception {
        if (slices < 1 || slices > 100_000) {
            throw new ParameterException(spec.commandLine(), "--slices must be 1 to 100000");
        }
        Filter f = capture.filter(spec.commandLine().getErr());
        Spectrogram.Kind kind = file ? Spectrogram.Kind.FILE : Spectrogram.Kind.ALL;
        Spectrogram.Result r;
        try (ScapFile scap = capture.open(spec.commandLine().getErr());
             StateHistory history = capture.history(scap, spec.commandLine().getErr())) {
            long[] w = time.window(scap.firstTs());
            r = Spectrogram.compute(scap, kind, f, w[0], w[1], slices, history, null, null);
        }
        print(r, json, spec.commandLine().getOut());
        return Main.OK;
    }

    /** Prints a spectrogram as text, or as JSON with each band's range and filter. */
    static void print(Spectrogram.Result r, boolean json, PrintWriter out) throws java.io.IOException {
        Spectrogram.Kind kind = r.kind();
        if (json) {
            ObjectMapper mapper = new ObjectMapper();
            ObjectNode root = mapper.createObjectNode();
            root.put("view", kind.id()).put("start", r.start()).put("sliceWidth", r.sliceWidth())
                    .put("total", r.total());
            ArrayNode bands = root.putArray("bands");
            for (int b = 0; b < Spectrogram.BANDS; b++) {
                ObjectNode o = bands.addObject().put("from", Spectrogram.bandLow(b));
                if (b + 1 < Spectrogram.BANDS) {
                    o.put("to", Spectrogram.bandHigh(b));
                }
                o.put("filter", Spectrogram.bandFilter(kind, b, b));
            }
            ArrayNode counts = root.putArray("counts");
            for (long[] slice : r.counts()) {
                ArrayNode row = counts.addArray();
                for (long c : slice) {
                    row.add(c);
                }
            }
            out.println(mapper.writeValueAsString(root));
        } else {
            DateTimeFormatter clock = DateTimeFormatter.ofPattern("HH:mm:ss.SSS").withZone(ZoneId.systemDefault());
            out.println(kind.title() + ": " + String.format(java.util.Locale.ROOT, "%,d", r.total()) + " calls, "
                    + Spectrogram.latencyText(r.sliceWidth()) + " a line, most in one cell "
                    + String.format(java.util.Locale.ROOT, "%,d", r.max()));
            for (String line : Spectrogram.text(r, t -> clock.format(Instant.ofEpochSecond(0, t)))) {
                out.println(line);
            }
        }
        out.flush();
    }
}
