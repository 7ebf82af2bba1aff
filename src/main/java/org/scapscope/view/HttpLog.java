package org.scapscope.view;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.scapscope.field.BoundField;
import org.scapscope.field.FieldContext;
import org.scapscope.field.FieldException;
import org.scapscope.field.FieldRegistry;
import org.scapscope.filter.Filter;
import org.scapscope.filter.FilterCompiler;
import org.scapscope.filter.FilterException;
import org.scapscope.scap.KeySet;
import org.scapscope.scap.OpenOptions;
import org.scapscope.scap.ScapEvent;
import org.scapscope.scap.ScapFile;
import org.scapscope.state.StateHistory;

/**
 * The HTTP requests of a capture and their responses, as sysdig's {@code httplog} and
 * {@code httptop} chisels find them in the data of reads and writes on sockets: on each process's
 * descriptor, a buffer that starts with a request line ({@code GET /bar}) opens a transaction, and the
 * next buffer there that holds a status line ({@code HTTP/1.1 200}) closes it. The buffers are read
 * as sysdig prints {@code evt.buffer} (control characters as dots, cut at 80 bytes), so the host and
 * the content length are found where the chisels find them.
 */
public final class HttpLog {
    /** The I/O the chisels look at: data moved on IP and unix sockets. */
    private static final String SOCKET_IO = "evt.is_io = true and evt.buflen > 0 "
            + "and (fd.sockfamily = ip or fd.sockfamily = unix)";
    private static final Pattern REQUEST = Pattern.compile("^([A-Z]+) ([\\x21-\\x7E]+)");
    private static final Pattern HOST = Pattern.compile("Host: ([\\x21-\\x7E]+)\\.\\.");
    private static final Pattern STATUS = Pattern.compile("HTTP/[\\x21-\\x7E]+ ([0-9]+)");
    private static final Pattern LENGTH = Pattern.compile("Content-Length: ([0-9]+)\\.\\.");

    private HttpLog() {
    }

    /**
     * One request and its response.
     *
     * @param served true when the process read the request (it serves it), false when it wrote it
     * @param url the host (from the {@code Host} header, when the buffer shows it) and the target
     * @param status the response's status code
     * @param length the response's {@code Content-Length}, 0 when its buffer does not show it
     * @param requestIndex the index of the request's event ({@code evt.num} minus one)
     * @param responseIndex the index of the response's event
     */
    public record Transaction(long requestIndex, long responseIndex, long requestTs, long responseTs, boolean served,
                              String method, String url, int status, long length, long pid, String process,
                              long fd, String fdName, String container) {
        /** From the request to the response, in ns. */
        public long latency() {
            return responseTs - requestTs;
        }

        /** {@code <} for a request served, {@code >} for one sent, as the chisels mark them. */
        public String direction() {
            return served ? "<" : ">";
        }

        /** A filter that selects the request's and the response's events. */
        public String filter() {
            return "evt.num in (" + (requestIndex + 1) + ", " + (responseIndex + 1) + ")";
        }
    }

    /** A request or a response as its buffer shows it, on one process's descriptor. */
    private record Seen(long index, long ts, boolean request, boolean read, String method, String url, int status,
                        long length, long pid, String process, long fd, String fdName, String container) {
        String key() {
            return pid + "/" + fd;
        }
    }

    /** The transactions found, and whether the search stopped at {@code limit}. */
    public record Result(List<Transaction> transactions, boolean cut) {
    }

    /**
     * The transactions of the requests and responses in {@code [from, to)} that pass {@code filter}
     * (null: all), in the order their responses came; at most {@code limit}. The window's events are
     * read in parallel parts from the state checkpoints; requests and responses are then paired in
     * order. A part keeps the messages of at most {@code limit} transactions, and
     * {@link #UNANSWERED_KEPT} more; past a part that found more, the result is cut, and holds the
     * transactions paired up to there (the first ones).
     */
    public static Result find(ScapFile scap, StateHistory history, Filter filter, long from, long to, int limit,
            OpenOptions.Progress progress, BooleanSupplier cancelled) throws FieldException {
        return find(scap, history, filter, from, to, limit, progress, cancelled, Replay.MIN_PART, UNANSWERED_KEPT);
    }

    /**
     * As above, in parts of at least {@code minPart} events, each keeping {@code spare} messages beyond
     * two per transaction (tests split small captures finely, and keep few).
     */
    static Result find(ScapFile scap, StateHistory history, Filter filter, long from, long to, int limit,
            OpenOptions.Progress progress, BooleanSupplier cancelled, long minPart, int spare) throws FieldException {
        Filter socketIo;
        try {
            socketIo = FilterCompiler.compile(SOCKET_IO);
        } catch (FilterException e) {
            throw new IllegalStateException("the filter of socket I/O does not compile: " + e.getMessage(), e);
        }
        KeySet io = IoStreams.dataExits(filter);
        new Fields(); // binds the fields once here, where a failure is reported, before the parts do
        // A part keeps the messages of `limit` transactions, and some to spare for requests never
        // answered: what it finds after those could only come after them, so memory stays bounded
        // however many requests the window holds.
        int kept = limit >= Integer.MAX_VALUE / 4 ? Integer.MAX_VALUE : 2 * limit + spare;
        Replay replay = new Replay(scap, history, from, to, progress, cancelled, "finding the HTTP requests", minPart);
        List<Part> parts = replay.run(java.time.ZoneId.systemDefault(), io,
                filter != null && filter.readsCpuTimes(), (ctx, e, inWindow, part) -> {
                    if (inWindow && !part.dropped && mayBeHttp(e) && !ScapFile.isHidden(e) && socketIo.test(ctx)
                            && (filter == null || filter.test(ctx))) {
                        Seen s = part.fields.seen(ctx, e);
                        if (s != null && part.seen.size() < kept) {
                            part.seen.add(s);
                        } else if (s != null) {
                            part.dropped = true;
                        }
                    }
                }, Part::new, (part, ctx) -> { });
        Map<String, Seen> open = new HashMap<>();
        List<Transaction> out = new ArrayList<>();
        for (Part part : parts) {
            for (Seen s : part.seen) {
                Seen request = open.get(s.key());
                if (request == null) {
                    if (s.request()) {
                        open.put(s.key(), s);
                    }
                } else if (s.status() >= 0) {
                    // a request waiting on the descriptor takes the next response there; other buffers pass
                    if (out.size() == limit) {
                        return new Result(out, true);
                    }
                    open.remove(s.key());
                    out.add(new Transaction(request.index(), s.index(), request.ts(), s.ts(), request.read(),
                            request.method(), request.url(), s.status(), s.length(), s.pid(), s.process(), s.fd(),
                            s.fdName(), s.container()));
                }
            }
            if (part.dropped) {
                // the part stopped keeping what it found: the transactions so far are the first ones
                return new Result(out, true);
            }
        }
        return new Result(out, false);
    }

    /**
     * A transaction as sysdig's httplog prints it: the response's time ({@code clock}), the direction,
     * method, URL, status, whole milliseconds from request to response, and the size announced.
     */
    public static String logLine(Transaction t, java.time.format.DateTimeFormatter clock) {
        // the chisel subtracts the two times as doubles, to a quarter of a microsecond near today's times
        long ms = (long) (((double) t.responseTs() - (double) t.requestTs()) / 1e6);
        return String.format(java.util.Locale.ROOT, "%s %s method=%s url=%s response_code=%d latency=%dms size=%dB",
                clock.format(java.time.Instant.ofEpochSecond(0, t.responseTs())), t.direction(), t.method(), t.url(),
                t.status(), ms, t.length());
    }

    /** Bytes of data looked at before formatting: more than sysdig shows of a buffer (80). */
    private static final int LOOK = 96;

    /**
     * Whether an event's data may read as a request line (capital letters, a space, then anything
     * but a space) or hold a status line ({@code HTTP/}) where sysdig shows it: a look at the raw
     * bytes, so that the data of other reads and writes is never formatted.
     */
    static boolean mayBeHttp(ScapEvent e) {
        int d = e.paramIndex("data");
        if (d < 0 || d >= e.paramCount()) {
            return false;
        }
        int n = Math.min(e.paramLength(d), LOOK);
        int k = 0;
        while (k < n) {
            int b = e.paramByte(d, k);
            if (b < 'A' || b > 'Z') {
                break;
            }
            k++;
        }
        if (k > 0 && k + 1 < n && e.paramByte(d, k) == ' ' && e.paramByte(d, k + 1) != ' ') {
            return true;
        }
        for (int i = 0; i + 5 <= n; i++) {
            if (e.paramByte(d, i) == 'H' && e.paramByte(d, i + 1) == 'T' && e.paramByte(d, i + 2) == 'T'
                    && e.paramByte(d, i + 3) == 'P' && e.paramByte(d, i + 4) == '/') {
                return true;
            }
        }
        return false;
    }

    /** What one part of the window found, read with fields of its own: parts run at once, and fields format in place. */
    /** Messages a part keeps beyond two per transaction asked for: requests no response answers. */
    static final int UNANSWERED_KEPT = 1024;

    private static final class Part {
        final List<Seen> seen = new ArrayList<>();
        /** Whether the part found more than it keeps. */
        boolean dropped;
        final Fields fields;

        Part() {
            try {
                fields = new Fields();
            } catch (FieldException e) {
                throw new IllegalStateException("the fields of HTTP requests are bound once before the parts: "
                        + e.getMessage(), e);
            }
        }
    }

    /** The fields a request or response is read with. */
    private static final class Fields {
        final BoundField buffer;
        final BoundField ioDir;
        final BoundField fdNum;
        final BoundField fdName;
        final BoundField pid;
        final BoundField procName;
        final BoundField container;

        Fields() throws FieldException {
            FieldRegistry r = FieldRegistry.get();
            buffer = r.bind("evt.buffer");
            ioDir = r.bind("evt.io_dir");
            fdNum = r.bind("fd.num");
            fdName = r.bind("fd.name");
            pid = r.bind("proc.pid");
            procName = r.bind("proc.name");
            container = r.bind("container.name");
        }

        /** The current event's buffer as a request or a response (both when it shows both), or null. */
        Seen seen(FieldContext ctx, ScapEvent e) {
            String text = buffer.text(ctx);
            if (text == null) {
                return null;
            }
            Matcher request = REQUEST.matcher(text);
            boolean isRequest = request.find();
            Matcher status = STATUS.matcher(text);
            boolean isResponse = status.find();
            if (!isRequest && !isResponse) {
                return null;
            }
            String method = null;
            String url = null;
            if (isRequest) {
                method = request.group(1);
                url = request.group(2);
                Matcher host = HOST.matcher(text);
                if (host.find()) {
                    url = host.group(1) + url;
                }
            }
            int code = -1;
            long length = 0;
            if (isResponse) {
                code = parseInt(status.group(1));
                Matcher len = LENGTH.matcher(text);
                if (len.find()) {
                    length = parseLong(len.group(1));
                }
            }
            String fd = fdNum.text(ctx);
            String p = pid.text(ctx);
            String name = fdName.text(ctx);
            String c = container.text(ctx);
            String proc = procName.text(ctx);
            return new Seen(e.index(), e.ts(), isRequest, "read".equals(ioDir.text(ctx)), method, url, code, length,
                    p == null ? -1 : parseLong(p), proc == null ? "" : proc, fd == null ? -1 : parseLong(fd),
                    name == null ? "" : name, c == null ? "" : c);
        }
    }

    private static int parseInt(String digits) {
        try {
            return Integer.parseInt(digits);
        } catch (NumberFormatException e) {
            return Integer.MAX_VALUE; // more digits than a status has: the chisels' number, too large to matter
        }
    }

    private static long parseLong(String digits) {
        try {
            return Long.parseLong(digits);
        } catch (NumberFormatException e) {
            return Long.MAX_VALUE;
        }
    }

    /**
     * The requests of one method and URL (httptop): how many, their time from request to response in
     * all, the bytes their responses announced, and how many were answered with an error (400 or more).
     */
    public record Top(String method, String url, long calls, long time, long bytes, long errors) {
        /** The mean time from request to response, ns. */
        public double meanTime() {
            return calls == 0 ? 0 : (double) time / calls;
        }
    }

    /** What httptop ranks the requests by. */
    public enum By {
        NCALLS, TIME, BYTES;

        /** The ranking named {@code ncalls}, {@code time} or {@code bytes}, or null. */
        public static By of(String name) {
            for (By b : values()) {
                if (b.name().equalsIgnoreCase(name)) {
                    return b;
                }
            }
            return null;
        }

        String title() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    /** The requests by method and URL, most first by {@code by} (the mean time for {@link By#TIME}). */
    public static List<Top> ranked(List<Transaction> transactions, By by) {
        List<Top> rows = new ArrayList<>(top(transactions));
        java.util.Comparator<Top> order = switch (by) {
            case TIME -> java.util.Comparator.comparingDouble(Top::meanTime);
            case BYTES -> java.util.Comparator.comparingLong(Top::bytes);
            default -> java.util.Comparator.comparingLong(Top::calls);
        };
        rows.sort(order.reversed());
        return rows;
    }

    /** The ranked requests as sysdig's httptop prints them: the value, the method and the URL, in columns. */
    public static List<String> topText(List<Top> ranked, By by) {
        List<String> out = new ArrayList<>();
        out.add(StateTables.cell(by.title(), 20) + StateTables.cell("method", 20) + StateTables.cell("url", 20));
        out.add("-".repeat(80));
        for (Top t : ranked) {
            String value = switch (by) {
                case TIME -> timeInterval(t.meanTime());
                case BYTES -> StateTables.bytes(t.bytes());
                default -> Long.toString(t.calls());
            };
            out.add(StateTables.cell(value, 20) + StateTables.cell(t.method().length() > 20 ? t.method().substring(0, 20)
                    : t.method(), 20) + t.url());
        }
        return out;
    }

    /**
     * A time in ns as the chisels write it: 1.50s, 250ms, 2.04ms, 15us, 3.20us, 800ns; as csysdig
     * writes it below a minute, and in seconds above.
     */
    static String timeInterval(double ns) {
        if (ns >= 60e9) {
            return String.format(java.util.Locale.ROOT, "%d.%02ds", (long) Math.floor(ns / 1e9), (long) ((ns % 1e9) / 1e7));
        }
        return TimeText.of((long) ns).strip();
    }

    /** The transactions grouped by method and URL, in the order first seen. */
    public static List<Top> top(List<Transaction> transactions) {
        Map<List<String>, long[]> by = new LinkedHashMap<>();
        for (Transaction t : transactions) {
            long[] v = by.computeIfAbsent(List.of(t.method(), t.url()), k -> new long[4]);
            v[0]++;
            v[1] += t.latency();
            v[2] += t.length();
            v[3] += t.status() >= 400 ? 1 : 0;
        }
        List<Top> out = new ArrayList<>();
        by.forEach((k, v) -> out.add(new Top(k.get(0), k.get(1), v[0], v[1], v[2], v[3])));
        return out;
    }
}
