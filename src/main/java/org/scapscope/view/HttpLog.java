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
import org.scapscope.field.TextOptions;
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
 * whole, as the chisels read {@code evt.buffer} (control characters as dots), so the host and the
 * content length are found where the chisels find them.
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
                              String method, String url, long status, long length, long pid, String process,
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
    private record Seen(long index, long ts, boolean request, boolean read, String method, String url, long status,
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
     * read in parallel parts from the state checkpoints, each pairing what it can on its own (see
     * {@link Part}); the parts are then joined in order.
     */
    public static Result find(ScapFile scap, StateHistory history, Filter filter, long from, long to, int limit,
            OpenOptions.Progress progress, BooleanSupplier cancelled) throws FieldException {
        return find(scap, history, filter, from, to, limit, progress, cancelled, Replay.MIN_PART);
    }

    /** As above, in parts of at least {@code minPart} events (tests split small captures finely). */
    static Result find(ScapFile scap, StateHistory history, Filter filter, long from, long to, int limit,
            OpenOptions.Progress progress, BooleanSupplier cancelled, long minPart) throws FieldException {
        Filter socketIo;
        try {
            socketIo = FilterCompiler.compile(SOCKET_IO);
        } catch (FilterException e) {
            throw new IllegalStateException("the filter of socket I/O does not compile: " + e.getMessage(), e);
        }
        KeySet io = IoStreams.dataExits(filter);
        new Fields(); // binds the fields once here, where a failure is reported, before the parts do
        Replay replay = new Replay(scap, history, from, to, progress, cancelled, "finding the HTTP requests", minPart);
        List<Part> parts = replay.run(java.time.ZoneId.systemDefault(), io,
                filter != null && filter.readsCpuTimes(), (ctx, e, inWindow, part) -> {
                    if (inWindow && !part.full && part.mayBeHttp(e) && !ScapFile.isHidden(e) && socketIo.test(ctx)
                            && (filter == null || filter.test(ctx))) {
                        Seen s = part.fields.seen(ctx, e);
                        if (s != null) {
                            part.add(s, limit);
                        }
                    }
                }, Part::new, (part, ctx) -> { });
        Map<String, Seen> open = new HashMap<>();
        List<Transaction> out = new ArrayList<>();
        for (Part part : parts) {
            for (Object entry : part.entries) {
                Transaction made;
                if (entry instanceof Seen s) {
                    // a message whose effect depends on what the parts before left open there
                    Seen request = open.get(s.key());
                    Seen next = step(request, s);
                    if (next == request) {
                        continue;
                    }
                    if (next == null) {
                        open.remove(s.key());
                    } else {
                        open.put(s.key(), next);
                    }
                    if (request == null || next != null) {
                        continue;
                    }
                    made = transaction(request, s);
                } else {
                    made = (Transaction) entry;
                }
                if (out.size() == limit) {
                    return new Result(out, true);
                }
                out.add(made);
            }
            if (part.full) {
                // the part stopped keeping what it found once it had made `limit` transactions itself
                return new Result(out, true);
            }
            for (Map.Entry<String, Descriptor> d : part.descriptors.entrySet()) {
                if (d.getValue().settled) {
                    if (d.getValue().open == null) {
                        open.remove(d.getKey());
                    } else {
                        open.put(d.getKey(), d.getValue().open);
                    }
                }
            }
        }
        return new Result(out, false);
    }

    /**
     * What a message does on its descriptor, as the chisels pair them: with nothing open there, a
     * request opens; with a request open, a response answers it (and closes), and anything else
     * passes. Returns what is open after it.
     */
    private static Seen step(Seen open, Seen s) {
        if (open == null) {
            return s.request() ? s : null;
        }
        return s.status() >= 0 ? null : open;
    }

    private static Transaction transaction(Seen request, Seen response) {
        return new Transaction(request.index(), response.index(), request.ts(), response.ts(), request.read(),
                request.method(), request.url(), response.status(), response.length(), response.pid(),
                response.process(), response.fd(), response.fdName(), response.container());
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

    /** Stands for a request the parts before may have left open on a descriptor. */
    private static final Seen OPEN_BEFORE = new Seen(-1, 0, true, false, "", "", -1, 0, -1, "", -1, "", "");

    /**
     * What one part of the window found, read with fields of its own (parts run at once, and fields
     * format in place). A part cannot know what the parts before left open on a descriptor, so it
     * follows each descriptor twice, as if nothing had been left open and as if a request had: while
     * the two differ, it keeps each message that changes either, to be paired when the parts are
     * joined; once they agree (the first response there settles it), it pairs the rest itself.
     * Messages that change neither are not kept, and once the part has made {@code limit}
     * transactions itself it keeps nothing more: those come first. So a part holds at most {@code
     * limit} transactions and a few messages per descriptor, however many requests the window holds.
     */
    private static final class Part {
        final Fields fields;
        final Map<String, Descriptor> descriptors = new HashMap<>();
        /** In the order of the events: messages to pair when joined (Seen), and transactions made here. */
        final List<Object> entries = new ArrayList<>();
        int made;
        /** Whether the part had made {@code limit} transactions when it found more. */
        boolean full;
        private byte[] data = new byte[512];

        Part() {
            try {
                fields = new Fields();
            } catch (FieldException e) {
                throw new IllegalStateException("the fields of HTTP requests are bound once before the parts: "
                        + e.getMessage(), e);
            }
        }

        void add(Seen s, int limit) {
            if (made >= limit) {
                full = true;
                return;
            }
            Descriptor d = descriptors.computeIfAbsent(s.key(), k -> new Descriptor());
            if (d.settled) {
                Seen next = step(d.open, s);
                if (d.open != null && next == null) {
                    entries.add(transaction(d.open, s));
                    made++;
                }
                d.open = next;
                return;
            }
            Seen ifNone = step(d.ifNoneBefore, s);
            Seen ifOpen = step(d.ifOpenBefore, s);
            if (ifNone != d.ifNoneBefore || ifOpen != d.ifOpenBefore) {
                entries.add(s);
            }
            d.ifNoneBefore = ifNone;
            d.ifOpenBefore = ifOpen;
            if (ifNone == ifOpen) {
                d.settled = true;
                d.open = ifNone;
            }
        }

        /**
         * Whether an event's data may read as a request line (capital letters, a space, then anything
         * but a space) or hold a status line ({@code HTTP/}): a look at the raw bytes, so that the
         * data of other reads and writes is never formatted.
         */
        boolean mayBeHttp(ScapEvent e) {
            int d = e.paramIndex("data");
            if (d < 0 || d >= e.paramCount()) {
                return false;
            }
            int n = e.paramLength(d);
            if (data.length < n) {
                data = new byte[Math.max(n, 2 * data.length)];
            }
            byte[] b = data;
            n = e.copyParam(d, b, n);
            int k = 0;
            while (k < n && b[k] >= 'A' && b[k] <= 'Z') {
                k++;
            }
            if (k > 0 && k + 1 < n && b[k] == ' ' && b[k + 1] != ' ') {
                return true;
            }
            for (int i = 0; i + 5 <= n; i++) {
                if (b[i] == 'H' && b[i + 1] == 'T' && b[i + 2] == 'T' && b[i + 3] == 'P' && b[i + 4] == '/') {
                    return true;
                }
            }
            return false;
        }
    }

    /** A descriptor as one part follows it. */
    private static final class Descriptor {
        /** What is open if the parts before left nothing open here. */
        Seen ifNoneBefore;
        /** What is open if they left a request open ({@link #OPEN_BEFORE} while it still is). */
        Seen ifOpenBefore = OPEN_BEFORE;
        /** Whether the two agree, from when on the part pairs this descriptor's messages itself. */
        boolean settled;
        /** What is open, once settled. */
        Seen open;
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
            buffer = r.bind("evt.buffer", new TextOptions(TextOptions.BufferFormat.NORMAL, 0));
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
            long code = -1;
            long length = 0;
            if (isResponse) {
                code = parseLong(status.group(1));
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

    private static long parseLong(String digits) {
        try {
            return Long.parseLong(digits);
        } catch (NumberFormatException e) {
            return Long.MAX_VALUE;
        }
    }

    /**
     * The requests of one method and URL (httptop): how many, their time from request to response in
     * all, the bytes their responses announced, how many were answered with an error (400 or more),
     * and the mean time as httptop works it out: in doubles, each response's time added to the sum
     * before its request's is taken away, so to a quarter of a microsecond near today's times.
     */
    public record Top(String method, String url, long calls, long time, long bytes, long errors,
                      double chiselMeanTime) {
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
            case TIME -> java.util.Comparator.comparingDouble(Top::chiselMeanTime);
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
                case TIME -> timeInterval(t.chiselMeanTime());
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
        Map<List<String>, double[]> chiselTotals = new HashMap<>();
        for (Transaction t : transactions) {
            List<String> key = List.of(t.method(), t.url());
            long[] v = by.computeIfAbsent(key, k -> new long[4]);
            v[0]++;
            v[1] += t.latency();
            v[2] += t.length();
            v[3] += t.status() >= 400 ? 1 : 0;
            double[] total = chiselTotals.computeIfAbsent(key, k -> new double[1]);
            total[0] = total[0] + (double) t.responseTs() - (double) t.requestTs();
        }
        List<Top> out = new ArrayList<>();
        by.forEach((k, v) -> out.add(new Top(k.get(0), k.get(1), v[0], v[1], v[2], v[3],
                chiselTotals.get(k)[0] / v[0])));
        return out;
    }
}
