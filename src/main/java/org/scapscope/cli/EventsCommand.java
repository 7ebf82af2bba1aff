package org.scapscope.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import org.scapscope.field.BoundField;
import org.scapscope.field.FieldContext;
import org.scapscope.field.FieldJson;
import org.scapscope.field.OutputFormat;
import org.scapscope.field.TextOptions;
import org.scapscope.filter.Filter;
import org.scapscope.scap.CaptureExtract;
import org.scapscope.scap.ScapEvent;
import org.scapscope.scap.ScapFile;
import org.scapscope.state.StateHistory;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code scapscope events}: the events of a capture, one line each, as sysdig prints them. */
@Command(name = "events", mixinStandardHelpOptions = true,
        description = "Print the events of a capture, as sysdig -r does.")
final class EventsCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    CaptureFilterOptions capture;

    @Option(names = {"-p", "--print"}, paramLabel = "FORMAT",
            description = "Output format with %%field references, as sysdig's -p. A line with a missing field is "
                    + "skipped unless the format starts with '*'.")
    String format;

    @Option(names = {"-j", "--json"}, description = "One JSON object per event.")
    boolean json;

    @Option(names = {"-n", "--limit"}, paramLabel = "N", description = "Stop after N events.")
    long limit = -1;

    @Mixin
    TimeWindowOptions time;

    @Option(names = {"-a", "--all"}, description = "Include internal events (process snapshots, container records).")
    boolean all;

    @Option(names = {"-w", "--write"}, paramLabel = "OUT",
            description = "Write the selected events to OUT as a new capture instead of printing them.")
    Path write;

    @Option(names = "--force", description = "With --write, replace OUT even when it is a file other than a capture.")
    boolean force;

    @Option(names = {"-t", "--timetype"}, paramLabel = "TYPE",
            description = "The time the default output shows, as sysdig's -t: h the clock time (default), a seconds "
                    + "since the epoch, r since the capture's first event, d from the enter event to the exit, "
                    + "D since the previous event shown.")
    String timeType = "h";

    @Option(names = {"-A", "--print-ascii"}, description = "Show data buffers as their printable text only.")
    boolean ascii;

    @Option(names = {"-x", "--print-hex"}, description = "Show data buffers in hexadecimal.")
    boolean hex;

    @Option(names = {"-X", "--print-hex-ascii"}, description = "Show data buffers in hexadecimal and as text.")
    boolean hexAscii;

    @Option(names = {"-b", "--print-base64"}, description = "Show data buffers in base64.")
    boolean base64;

    @Option(names = {"-v", "--verbose"}, description = "Show data buffers whole rather than cut at 80 characters.")
    boolean verbose;

    @Option(names = {"-S", "--summary"}, description = "After the events, how many events of each type passed the "
            + "filter (internal ones too), most first, as sysdig's -S.")
    boolean summary;

    /** The text options the flags choose, as sysdig's; a bad time type is bad usage. */
    private TextOptions textOptions() {
        TextOptions.TimeType time = TextOptions.TimeType.of(timeType);
        if (time == null) {
            throw new CommandLine.ParameterException(spec.commandLine(),
                    "-t takes h, a, r, d or D, not '" + timeType + "'");
        }
        // sysdig's last word wins when several are given: -b, then -X, -x, -A in the order it reads them
        TextOptions.BufferFormat buffers = base64 ? TextOptions.BufferFormat.BASE64
                : hexAscii ? TextOptions.BufferFormat.HEX_ASCII : hex ? TextOptions.BufferFormat.HEX
                : ascii ? TextOptions.BufferFormat.ASCII : TextOptions.BufferFormat.NORMAL;
        // sysdig cuts buffers to 80 characters in its text output only: JSON has them whole, as -v
        return new TextOptions(buffers, verbose || json ? 0 : TextOptions.DEFAULT.maxBufferText(), time);
    }

    @Option(names = "--around", paramLabel = "TIME", description = "Instead of the events FILTER selects, those of "
            + "the same thread within TIME before or after each (500ms, 2s), as sysdig's around chisel keeps them.")
    String around;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        long range = around == null ? -1 : aroundRange();
        OutputFormat output = write == null || format != null
                ? OutputFormat.parse(format != null ? unescape(format) : OutputFormat.DEFAULT, textOptions()) : null;
        Filter f = capture.filter(spec.commandLine().getErr());
        if (around != null && f == null) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(),
                    "--around needs a FILTER: the events to look around");
        }
        try (ScapFile scap = capture.open(err)) {
            if (around != null) {
                f = org.scapscope.view.Around.filter(scap, f, range);
                if (f == null) {
                    return Main.OK; // no event to look around: nothing around one either
                }
            }
            if (write != null) {
                return write(scap, f, out);
            }
            if (format != null && unescape(format).isEmpty()) {
                return Main.OK;
            }
            FieldContext ctx = new FieldContext(scap);
            ScapEvent e = scap.newEvent();
            ObjectMapper mapper = json ? new ObjectMapper()
                    .enable(com.fasterxml.jackson.core.json.JsonWriteFeature.ESCAPE_NON_ASCII.mappedFeature()) : null;
            List<BoundField> fields = output.fields();
            long shown = 0;
            long count = scap.eventCount();
            long[] window = time.window(scap.firstTs());
            Summary counted = summary ? new Summary() : null;
            // events before the window and before the filter's earliest time cannot be printed: the
            // state just before the first that can comes from the nearest checkpoint, not a replay
            long earliest = Math.max(window[0], f != null ? f.earliest() : 0);
            long start = earliest > 0 ? scap.firstEventAtOrAfter(earliest) : 0;
            try (StateHistory history = start > 0 && start < count ? capture.history(scap, err) : null) {
                if (history != null) {
                    ctx.resumeBefore(history, start);
                }
                for (long i = start; i < count && (limit < 0 || shown < limit); i++) {
                    scap.read(i, e);
                    ctx.advance(e);
                    if (e.ts() < window[0] || e.ts() >= window[1]) {
                        continue;
                    }
                    // the summary counts the events sysdig hides too: the filter is asked of those then
                    boolean hidden = !all && ScapFile.isHidden(e);
                    if (hidden && counted == null || f != null && !f.test(ctx)) {
                        continue;
                    }
                    if (counted != null) {
                        counted.add(ctx);
                    }
                    if (hidden) {
                        continue;
                    }
                    String line;
                    if (json) {
                        if (format != null && output.render(ctx) == null) {
                            continue;
                        }
                        TreeMap<String, Object> obj = new TreeMap<>();
                        for (int k = 0; k < fields.size(); k++) {
                            obj.put(output.references().get(k), FieldJson.value(fields.get(k), ctx));
                        }
                        line = mapper.writeValueAsString(obj);
                    } else {
                        line = output.render(ctx);
                        if (line == null) {
                            continue;
                        }
                    }
                    out.print(line);
                    out.print('\n');
                    shown++;
                    if ((shown & 0xFFF) == 0 && StandardOutput.gone(out)) {
                        break; // no one reads the rest (| head), or it cannot be written: see Main.run
                    }
                }
            }
            if (counted != null) {
                counted.print(out);
            }
            out.flush();
        }
        return Main.OK;
    }

    /** The time {@code --around} gives, in ns: a duration such as 500ms or 2s. */
    private long aroundRange() {
        String t = around.strip();
        long ns;
        try {
            ns = TimeArg.resolve(t.startsWith("+") ? t : "+" + t, 0, java.time.ZoneOffset.UTC);
        } catch (IllegalArgumentException e) {
            ns = -1;
        }
        if (ns < 0 || !t.matches("\\+?[0-9.]+[a-z]+")) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(), "--around " + around
                    + " is not a duration: give one such as 500ms, 2s or 1.5m");
        }
        return ns;
    }

    /** sysdig's {@code -S}: the events of each direction and type, most first, under a small heading. */
    private static final class Summary {
        private final OutputFormat typeName;
        /** Events by type, as sysdig counts them: two types of one name (accept, accept 5) are two lines. */
        private final java.util.Map<Line, Long> counts = new java.util.HashMap<>();

        /** A line of the summary: the type's number orders equal counts. */
        private record Line(int type, char dir, String name) {
        }

        Summary() throws org.scapscope.field.FieldException {
            typeName = OutputFormat.parse("*%evt.type");
        }

        void add(FieldContext ctx) {
            ScapEvent e = ctx.event();
            if (org.scapscope.scap.EventTypes.isContainerRecord(e.type())) {
                return; // sysdig reads those into its container table, not as events
            }
            counts.merge(new Line(e.type(), e.isEnter() ? '>' : '<', typeName.render(ctx)), 1L, Long::sum);
        }

        void print(PrintWriter out) {
            out.print("----------------------\nEvent           #Calls\n----------------------\n");
            counts.entrySet().stream()
                    .sorted(java.util.Map.Entry.<Line, Long>comparingByValue().reversed()
                            .thenComparing(en -> en.getKey().type()).thenComparing(en -> en.getKey().name()))
                    .forEach(en -> out.printf("%c %-15s %d\n", en.getKey().dir(), en.getKey().name(), en.getValue()));
        }
    }

    /**
     * The format as sysdig's command line takes it: {@code \\n} and {@code \\t} become a newline and a
     * tab, a doubled backslash one backslash; a format that ends in a lone backslash prints nothing.
     */
    static String unescape(String format) {
        StringBuilder sb = new StringBuilder(format.length());
        for (int i = 0; i < format.length(); i++) {
            char c = format.charAt(i);
            if (c != '\\') {
                sb.append(c);
                continue;
            }
            if (i + 1 >= format.length()) {
                return "";
            }
            char next = format.charAt(++i);
            switch (next) {
                case 'n': sb.append('\n'); break;
                case 't': sb.append('\t'); break;
                case '\\': sb.append('\\'); break;
                default: sb.append('\\').append(next); break;
            }
        }
        return sb.toString();
    }

    private int write(ScapFile scap, Filter f, PrintWriter out) throws Exception {
        ScapEvent e = scap.newEvent();
        long[] window = time.window(scap.firstTs());
        boolean windowed = window[0] > 0 || window[1] < Long.MAX_VALUE;
        FieldContext ctx = f != null || windowed ? new FieldContext(scap) : null;
        // a capture written before is replaced, as sysdig -w does; any other file (a mistyped name) is not, unasked
        Path replaced = org.scapscope.scap.FileReplace.throughLinks(write);
        if (!force && Files.isRegularFile(replaced) && Files.size(replaced) > 0 && !ScapFile.startsAsCapture(replaced)) {
            throw new java.nio.file.FileSystemException(write.toString(), null,
                    "exists and is not a capture: give --force to replace it, or write to another file");
        }
        try (CaptureExtract extract = new CaptureExtract(scap, write)) {
            long count = scap.eventCount();
            long selected = 0;
            for (long i = 0; i < count; i++) {
                scap.read(i, e);
                boolean hidden = ScapFile.isHidden(e);
                if (ctx != null) {
                    ctx.advance(e);
                    boolean inWindow = e.ts() >= window[0] && e.ts() < window[1];
                    // internal events carry state (processes, containers): kept whatever the filter says
                    if (!hidden && (!inWindow || f != null && !f.test(ctx))) {
                        // events the filter drops still tell what processes and files exist: kept, hidden
                        if (CaptureExtract.changesState(e)) {
                            extract.addStateOnly(e);
                        }
                        continue;
                    }
                }
                if (!hidden && limit >= 0 && selected >= limit) {
                    continue;
                }
                extract.add(e);
                if (!hidden) {
                    selected++;
                }
            }
            extract.commit();
            long hidden = extract.eventsWritten() - selected;
            out.println("wrote " + selected + " events to " + write
                    + (hidden > 0 ? " (and " + hidden + " hidden events that keep its processes, files and containers known)"
                    : ""));
        } catch (java.nio.file.AccessDeniedException ex) {
            // the hidden file written beside OUT first is what was refused: OUT is the user's name for it
            throw new java.nio.file.AccessDeniedException(write.toString());
        } catch (java.io.EOFException | java.nio.file.FileSystemException ex) {
            throw ex; // these name the file already
        } catch (java.io.IOException ex) {
            throw new java.io.IOException("cannot write " + write + ": " + ex.getMessage()
                    + "; a file that was there is left as it was", ex);
        }
        return Main.OK;
    }
}
