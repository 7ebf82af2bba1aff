package org.scapscope.view;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;
import java.util.function.DoubleConsumer;
import java.util.function.Predicate;
import org.scapscope.field.FieldContext;
import org.scapscope.field.FieldException;
import org.scapscope.field.OutputFormat;
import org.scapscope.filter.Filter;
import org.scapscope.scap.KeySet;
import org.scapscope.scap.OpenOptions;
import org.scapscope.scap.ScapEvent;
import org.scapscope.scap.ScapFile;
import org.scapscope.scap.TypeColumn;
import org.scapscope.state.StateHistory;

/**
 * The events of a capture as sysdig lists them, one row per event shown (sysdig's internal events
 * left out), for a list that shows a screenful at a time: a row is decoded when asked for, with the
 * machine state reached from the nearest state checkpoint, a page of rows at a time.
 */
public final class EventList {
    /** The columns of sysdig's default line. */
    public static final List<String> COLUMNS = List.of("evt.num", "evt.time", "evt.cpu", "proc.name", "thread.tid",
            "evt.dir", "evt.type", "evt.info");
    private static final int PAGE = 64;
    private static final int PAGES_KEPT = 64;

    private final ScapFile capture;
    private final StateHistory history;
    /** The event index of each row. */
    private final int[] rows;
    private final OutputFormat[] columns;
    /** Whether an event is a call that failed ({@code evt.failed}), decoded with its row. */
    private final OutputFormat failedCall;
    /** The event {@link #ts} reads rows with. */
    private final ScapEvent timeReader = new ScapEvent();
    /**
     * Decoded rows: their cells, whether each row's event is a call that failed, and the first
     * colouring rule each matches (-1: none), as the rules were in {@code colorsVersion}.
     */
    private record Page(String[][] cells, boolean[] failed, byte[] color, int colorsVersion) {
    }

    /**
     * The rules that colour rows: filters tried in order on each row decoded, the first that holds
     * giving the row its colour. One set serves a capture's list and every list selected from it.
     */
    public static final class ColorRules {
        /** The most rules: a row keeps its rule's number in a byte. */
        public static final int MAX = Byte.MAX_VALUE;
        private volatile List<Filter> filters = List.of();
        private volatile int version;

        /** Sets the rules (at most {@link #MAX}); rows decoded before are decoded again when next shown. */
        public synchronized void set(List<Filter> rules) {
            if (rules.size() > MAX) {
                throw new IllegalArgumentException("at most " + MAX + " colouring rules, not " + rules.size());
            }
            filters = List.copyOf(rules);
            version++;
        }

        public List<Filter> filters() {
            return filters;
        }
    }

    private final ColorRules colors;

    /** Held while a page is decoded: the columns' fields keep text from one event to the next. */
    private final Object decoding = new Object();
    private final Map<Long, Page> pages = new LinkedHashMap<>(16, 0.75f, true) {
        private static final long serialVersionUID = 1L;

        @Override
        protected boolean removeEldestEntry(Map.Entry<Long, Page> eldest) {
            return size() > PAGES_KEPT;
        }
    };

    private EventList(ScapFile capture, StateHistory history, int[] rows, ColorRules colors) {
        this.capture = capture;
        this.history = history;
        this.rows = rows;
        this.colors = colors;
        columns = newColumns();
        try {
            failedCall = OutputFormat.parse("*%evt.failed");
        } catch (FieldException e) {
            throw new IllegalStateException("the event list's columns are not fields", e);
        }
    }

    /**
     * The fields of {@link #COLUMNS}, bound afresh: they keep text from one event to the next, so
     * each piece of work that renders rows at the same time as another has its own.
     */
    private static OutputFormat[] newColumns() {
        OutputFormat[] out = new OutputFormat[COLUMNS.size()];
        try {
            for (int i = 0; i < out.length; i++) {
                String name = COLUMNS.get(i).equals("evt.time") ? "evt.outputtime" : COLUMNS.get(i);
                out[i] = OutputFormat.parse("*%" + name);
            }
        } catch (FieldException e) {
            throw new IllegalStateException("the event list's columns are not fields", e);
        }
        return out;
    }

    /**
     * The event list of a capture: finds the events shown (one pass over the event headers) and
     * the state checkpoints (built once, then kept in the cache).
     */
    public static EventList of(ScapFile capture, OpenOptions.Progress progress, BooleanSupplier cancelled)
            throws IOException {
        long n = capture.eventCount();
        if (n > Integer.MAX_VALUE) {
            throw new IOException("the event list holds at most " + Integer.MAX_VALUE + " events; "
                    + capture.path() + " has " + n);
        }
        int[] shown = loadRows(capture);
        if (shown == null) {
            shown = findRows(capture, progress, cancelled);
            saveRows(capture, shown);
        }
        OpenOptions.Progress second = progress == null ? null : (done, total) -> progress.update(n + done, n * 2);
        StateHistory h = StateHistory.of(capture, second, cancelled);
        return new EventList(capture, h, shown, new ColorRules());
    }

    private static final long ROWS_MAGIC = 0x5343_4150_524f_5731L; // "SCAPROW1"
    private static final int ROWS_HEADER = 32;

    /**
     * The index of each event sysdig shows: from the column of event types when no event is hidden
     * but by its type (the index counts those hidden one by one), else by a pass over the headers.
     */
    static int[] findRows(ScapFile capture, OpenOptions.Progress progress, BooleanSupplier cancelled)
            throws IOException {
        TypeColumn types = TypeColumn.ifAvailable(capture);
        int[] rows = types == null ? null : rowsByType(capture, types);
        return rows != null ? rows : rowsByPass(capture, progress, cancelled);
    }

    /** The events of the types sysdig shows, or null when their number is not the number of events shown. */
    static int[] rowsByType(ScapFile capture, TypeColumn types) {
        long n = capture.eventCount();
        int[] shown = new int[(int) capture.visibleEventCount()];
        KeySet visible = ScapFile.visibleKeys();
        int[] found = new int[1 << 12];
        int k = 0;
        for (long first = 0; first < n; first += found.length) {
            int hits = types.find(first, Math.min(n, first + found.length), visible, found);
            if (k + hits > shown.length) {
                return null;
            }
            for (int h = 0; h < hits; h++) {
                shown[k++] = (int) (first + found[h]);
            }
        }
        return k == shown.length ? shown : null;
    }

    /** One pass over the event headers: the index of each event sysdig shows. */
    static int[] rowsByPass(ScapFile capture, OpenOptions.Progress progress, BooleanSupplier cancelled)
            throws IOException {
        long n = capture.eventCount();
        int[] shown = new int[(int) capture.visibleEventCount()];
        ScapEvent e = capture.newEvent();
        int k = 0;
        for (long i = 0; i < n && k < shown.length; i++) {
            if (!ScapFile.isHidden(capture.read(i, e))) {
                shown[k++] = (int) i;
            }
            if ((i & 0xFFFF) == 0) {
                if (cancelled != null && cancelled.getAsBoolean()) {
                    throw new InterruptedIOException("opening " + capture.path() + " was cancelled");
                }
                if (progress != null) {
                    progress.update(i, n * 2);
                }
            }
        }
        return k == shown.length ? shown : java.util.Arrays.copyOf(shown, k);
    }

    /** The rows kept in the cache beside the index, or null when they are not there for this state of the capture. */
    private static int[] loadRows(ScapFile capture) {
        java.nio.file.Path file = capture.cacheFile("rows");
        if (!java.nio.file.Files.isRegularFile(file)) {
            return null;
        }
        try (java.nio.channels.FileChannel ch = java.nio.channels.FileChannel.open(file)) {
            java.nio.ByteBuffer head = java.nio.ByteBuffer.allocate(ROWS_HEADER).order(java.nio.ByteOrder.LITTLE_ENDIAN);
            ch.read(head, 0);
            long count = head.getLong(24);
            if (head.getLong(0) != ROWS_MAGIC || head.getLong(8) != capture.fileSize() || head.getLong(16) != capture.stamp()
                    || count < 0 || count > capture.visibleEventCount() || ch.size() != ROWS_HEADER + 4 * count) {
                return null;
            }
            java.nio.ByteBuffer body = java.nio.ByteBuffer.allocate((int) (4 * count)).order(java.nio.ByteOrder.LITTLE_ENDIAN);
            while (body.hasRemaining()) {
                if (ch.read(body, ROWS_HEADER + body.position()) < 0) {
                    return null;
                }
            }
            body.flip();
            int[] rows = new int[(int) count];
            body.asIntBuffer().get(rows);
            // event indices, rising, within the capture: anything else is a damaged copy
            long events = capture.eventCount();
            for (int i = 0; i < rows.length; i++) {
                if (rows[i] < 0 || rows[i] >= events || i > 0 && rows[i] <= rows[i - 1]) {
                    return null;
                }
            }
            return rows;
        } catch (IOException | RuntimeException ex) {
            return null; // found again from the capture
        }
    }

    /** Keeps the rows beside the index; a cache that cannot be written only costs the next open a pass. */
    private static void saveRows(ScapFile capture, int[] rows) {
        java.nio.file.Path file = capture.cacheFile("rows");
        java.nio.file.Path tmp = null;
        try {
            java.nio.file.Files.createDirectories(file.getParent());
            tmp = java.nio.file.Files.createTempFile(file.getParent(), file.getFileName().toString(), ".tmp");
            java.nio.ByteBuffer buf = java.nio.ByteBuffer.allocate(ROWS_HEADER + 4 * rows.length)
                    .order(java.nio.ByteOrder.LITTLE_ENDIAN);
            buf.putLong(ROWS_MAGIC).putLong(capture.fileSize()).putLong(capture.stamp()).putLong(rows.length);
            buf.asIntBuffer().put(rows);
            buf.position(0);
            try (java.nio.channels.FileChannel ch = java.nio.channels.FileChannel.open(tmp,
                    java.nio.file.StandardOpenOption.WRITE)) {
                while (buf.hasRemaining()) {
                    ch.write(buf);
                }
            }
            org.scapscope.scap.FileReplace.replace(tmp, file);
        } catch (IOException | RuntimeException ex) {
            // no cache folder to write to
        } finally {
            if (tmp != null) {
                try {
                    java.nio.file.Files.deleteIfExists(tmp);
                } catch (IOException ignored) {
                    // a temporary file left in the cache folder
                }
            }
        }
    }

    /**
     * The events of {@code [from, to)} that pass {@code filter} (null: all), from the list of a
     * capture whose checkpoints are built: filters on the event alone test each event where it
     * lies; others replay the window in parallel parts from the checkpoints.
     */
    public EventList select(Filter filter, long from, long to, OpenOptions.Progress progress,
            BooleanSupplier cancelled) {
        if (filter == null && from <= capture.firstTs() && to > capture.lastTs()) {
            return this;
        }
        List<Rows> parts = selected(filter, from, to, progress, cancelled, Rows::new, (part, e) -> part.add((int) e.index()));
        int total = 0;
        for (Rows p : parts) {
            total += p.size;
        }
        int[] selected = new int[total];
        int at = 0;
        for (Rows p : parts) {
            System.arraycopy(p.rows, 0, selected, at, p.size);
            at += p.size;
        }
        return new EventList(capture, history, selected, colors);
    }

    /** The colouring rules of this list, shared with the lists selected from it. */
    public ColorRules colorRules() {
        return colors;
    }

    /**
     * How many of the events of the whole capture that pass {@code filter} lie in each interval of
     * {@code like}: as {@link #select} would choose them, with no list of them made.
     */
    public Timeline countPerInterval(Filter filter, Timeline like, BooleanSupplier cancelled) {
        int intervals = like.counts().length;
        List<long[]> parts = selected(filter, 0, Long.MAX_VALUE, null, cancelled, () -> new long[intervals],
                (counts, e) -> counts[like.bucketOf(e.ts())]++);
        long[] counts = new long[intervals];
        for (long[] p : parts) {
            for (int i = 0; i < intervals; i++) {
                counts[i] += p[i];
            }
        }
        return new Timeline(like.start(), like.width(), counts);
    }

    /** What is done with an event selected, in a part of the work. */
    private interface Sink<P> {
        void add(P part, ScapEvent e);
    }

    /**
     * The events of {@code [from, to)} that pass {@code filter} (null: all), handed to {@code sink}
     * part by part: filters on the event alone test each event where it lies; others replay the
     * window in parallel parts from the checkpoints.
     */
    private <P> List<P> selected(Filter filter, long from, long to, OpenOptions.Progress progress,
            BooleanSupplier cancelled, java.util.function.Supplier<P> newPart, Sink<P> sink) {
        Replay replay = new Replay(capture, history, from, to, progress, cancelled, "selecting events");
        TypeColumn types = filter != null && filter.stateNeed() == Filter.StateNeed.THREADS
                && filter.narrowsTypes() ? TypeColumn.ifAvailable(capture) : null;
        if (types != null) {
            // a filter on a few event types that reads processes only: the others need not be read
            return replay.runOnThreads(types, filter.keys(), filter.readsCpuTimes(), (ctx, e, inWindow, part) -> {
                if (inWindow && !ScapFile.isHidden(e) && filter.test(ctx)) {
                    sink.add(part, e);
                }
            }, newPart);
        } else if (filter == null || !filter.needsState()) {
            return replay.runWithoutState((ctx, e, inWindow, part) -> {
                if (inWindow && !ScapFile.isHidden(e) && (filter == null || filter.mayMatchType(e.type())
                        && filter.test(ctx))) {
                    sink.add(part, e);
                }
            }, newPart);
        }
        Replay.Visitor<P> visitor = (ctx, e, inWindow, part) -> {
            if (inWindow && !ScapFile.isHidden(e) && filter.test(ctx)) {
                sink.add(part, e);
            }
        };
        return replay.run(java.time.ZoneId.systemDefault(), ScapFile.visibleKeys().and(filter.keys()),
                filter.readsCpuTimes(), visitor, newPart, (part, ctx) -> { });
    }

    /** A growing list of event indices. */
    private static final class Rows {
        int[] rows = new int[1024];
        int size;

        void add(int row) {
            if (size == rows.length) {
                rows = java.util.Arrays.copyOf(rows, size * 2);
            }
            rows[size++] = row;
        }
    }

    /** The capture's state checkpoints. */
    public StateHistory history() {
        return history;
    }

    /** Whether the machine of the capture runs containers, as its state at the end tells. */
    public boolean knowsContainers() throws IOException {
        return history != null && history.before(capture.eventCount()).knowsContainers();
    }

    /** Whether a container of the capture belongs to a Kubernetes pod, as the state at the end tells. */
    public boolean knowsKubernetes() throws IOException {
        return history != null && history.before(capture.eventCount()).knowsKubernetes();
    }

    /** Rows in the list. */
    public int size() {
        return rows.length;
    }

    /** The event index (from 0) of a row. */
    public long eventIndex(int row) {
        return rows[row];
    }

    /** The time of a row's event, in nanoseconds since the epoch: read from its header, no state needed. */
    public synchronized long ts(int row) {
        return capture.read(rows[row], timeReader).ts();
    }

    /** The row of the first event shown at or after event number {@code number} (from 1), or -1. */
    public int rowOfEventNumber(long number) {
        int lo = 0;
        int hi = rows.length;
        long target = number - 1;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (rows[mid] < target) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo < rows.length ? lo : -1;
    }

    /** The cells of a row if the page holding it is decoded already, else null (see {@link #row}). */
    public synchronized String[] rowIfDecoded(int row) {
        long page = row / PAGE;
        Page decoded = current(page);
        return decoded == null ? null : decoded.cells()[row - (int) (page * PAGE)];
    }

    /** Whether a row's event is a call that failed, if the page holding it is decoded already; else false. */
    public synchronized boolean failedIfDecoded(int row) {
        long page = row / PAGE;
        Page decoded = current(page);
        return decoded != null && decoded.failed()[row - (int) (page * PAGE)];
    }

    /** The colouring rule a row matches first, if the page holding it is decoded already; else -1. */
    public synchronized int colorIfDecoded(int row) {
        long page = row / PAGE;
        Page decoded = current(page);
        return decoded == null ? -1 : decoded.color()[row - (int) (page * PAGE)];
    }

    /** A decoded page, unless the colouring rules changed since (then it is decoded again when asked for). */
    private Page current(long page) {
        Page decoded = pages.get(page);
        if (decoded != null && decoded.colorsVersion() != colors.version) {
            pages.remove(page);
            return null;
        }
        return decoded;
    }

    /** The page a row is decoded with: rows of one page are decoded together. */
    public static int pageOf(int row) {
        return row / PAGE;
    }

    /** The first row of a page. */
    public static int firstRowOf(int page) {
        return page * PAGE;
    }

    /** The cells of a row, in the order of {@link #COLUMNS}; decodes its page when needed. */
    public String[] row(int row) throws IOException {
        long page = row / PAGE;
        // pages are decoded one at a time, under a lock of their own: the decoded pages stay
        // readable meanwhile (the table asks for them on the UI thread)
        synchronized (decoding) {
            Page decoded;
            synchronized (this) {
                decoded = current(page);
            }
            if (decoded == null) {
                decoded = decode((int) (page * PAGE), (int) Math.min(rows.length, (page + 1) * PAGE));
                synchronized (this) {
                    pages.put(page, decoded);
                }
            }
            return decoded.cells()[row - (int) (page * PAGE)];
        }
    }

    /**
     * The first row of {@code [from, to)} whose cells (as {@link #row} gives them) {@code test}
     * accepts, or -1. The rows are replayed once, in order, from the checkpoint before each stretch,
     * and none is kept: a search through the list costs one pass over its events, not a replay from
     * a checkpoint for each page. It renders with fields of its own, so the pages the table asks for
     * are decoded meanwhile.
     */
    int firstRowWhere(int from, int to, Predicate<String[]> test, BooleanSupplier cancelled) throws IOException {
        int[] found = {-1};
        OutputFormat[] own = newColumns();
        try {
            replay(Math.max(0, from), Math.min(rows.length, to), cancelled, (r, ctx) -> {
                if (test.test(cells(ctx, own))) {
                    found[0] = r;
                    throw Found.INSTANCE;
                }
            });
        } catch (Found stop) {
            // the row sought: the rows after it are not needed
        }
        return found[0];
    }

    /** Rows one search step replays in one go: between steps it looks for a cancel and reports progress. */
    static final int SEARCH_STRETCH = 4096;

    /**
     * The first row, from {@code start} to the end of the list and then from its top, whose cells
     * {@code test} accepts, or -1: stretches of rows are searched in parallel, each replayed once
     * from its checkpoint, the first stretch in that order holding one giving the row.
     * {@code progress} hears the part searched, from any thread.
     */
    public int firstRowFrom(int start, Predicate<String[]> test, BooleanSupplier cancelled, DoubleConsumer progress)
            throws IOException {
        return firstRowFrom(start, test, cancelled, progress, SEARCH_STRETCH);
    }

    /** As above, in stretches of {@code stretch} rows (tests search in small ones). */
    int firstRowFrom(int start, Predicate<String[]> test, BooleanSupplier cancelled, DoubleConsumer progress,
            int stretch) throws IOException {
        int n = rows.length;
        if (n == 0) {
            return -1;
        }
        int first = Math.floorMod(start, n);
        // in the order searched: from the start to the end, then from the top to the start
        List<int[]> stretches = new ArrayList<>();
        for (int a = first; a < n; a += stretch) {
            stretches.add(new int[] {a, Math.min(n, a + stretch)});
        }
        for (int a = 0; a < first; a += stretch) {
            stretches.add(new int[] {a, Math.min(first, a + stretch)});
        }
        int[] hits = new int[stretches.size()];
        java.util.Arrays.fill(hits, -1);
        AtomicInteger next = new AtomicInteger();
        AtomicInteger earliest = new AtomicInteger(Integer.MAX_VALUE);
        AtomicLong searched = new AtomicLong();
        AtomicReference<IOException> failure = new AtomicReference<>();
        int threads = Math.max(1, Math.min(stretches.size(), Runtime.getRuntime().availableProcessors()));
        java.util.stream.IntStream.range(0, threads).parallel().forEach(t -> {
            for (int k = next.getAndIncrement(); k < stretches.size() && k < earliest.get(); k = next.getAndIncrement()) {
                if (cancelled != null && cancelled.getAsBoolean()) {
                    return;
                }
                int[] s = stretches.get(k);
                try {
                    int hit = firstRowWhere(s[0], s[1], test, cancelled);
                    if (hit >= 0) {
                        hits[k] = hit;
                        earliest.accumulateAndGet(k, Math::min);
                    }
                } catch (IOException e) {
                    failure.compareAndSet(null, e);
                    earliest.accumulateAndGet(k, Math::min);
                    return;
                }
                if (progress != null) {
                    progress.accept((double) searched.addAndGet(s[1] - s[0]) / n);
                }
            }
        });
        int k = earliest.get();
        if (failure.get() != null && (k == Integer.MAX_VALUE || hits[k] < 0)) {
            throw failure.get();
        }
        if (cancelled != null && cancelled.getAsBoolean()) {
            throw new InterruptedIOException("cancelled");
        }
        return k == Integer.MAX_VALUE ? -1 : hits[k];
    }

    /** Ends a replay at the row sought. */
    private static final class Found extends RuntimeException {
        private static final long serialVersionUID = 1L;
        static final Found INSTANCE = new Found();

        private Found() {
            super(null, null, false, false);
        }
    }

    /**
     * Decodes rows {@code [from, to)}: the state before the first is reached, then the events up to
     * the last are applied, starting again from a later checkpoint wherever the rows are far apart
     * (a sparse selection), so that a page costs at most a checkpoint's worth of events per row.
     */
    private Page decode(int from, int to) throws IOException {
        String[][] out = new String[to - from][];
        boolean[] failed = new boolean[to - from];
        byte[] color = new byte[to - from];
        int version = colors.version;
        List<Filter> rules = colors.filters;
        replay(from, to, null, (r, ctx) -> {
            out[r - from] = cells(ctx, columns); // the list's own fields, under the decoding lock
            failed[r - from] = "true".equals(failedCall.render(ctx));
            byte c = -1;
            for (int k = 0; k < rules.size() && c < 0; k++) {
                if (rules.get(k).test(ctx)) {
                    c = (byte) k;
                }
            }
            color[r - from] = c;
        });
        return new Page(out, failed, color, version);
    }

    /** A row's cells, in the order of {@link #COLUMNS}, for the event the context is at, rendered with {@code columns}. */
    private static String[] cells(FieldContext ctx, OutputFormat[] columns) {
        String[] cells = new String[columns.length];
        for (int c = 0; c < columns.length; c++) {
            String v = columns[c].render(ctx);
            cells[c] = v == null ? "" : v;
        }
        return cells;
    }

    /** Told each row replayed, with the context at its event. */
    @FunctionalInterface
    private interface RowVisitor {
        void row(int row, FieldContext ctx) throws IOException;
    }

    /**
     * Replays rows {@code [from, to)}: the state before the first is reached, then the events up to
     * the last are applied, starting again from a later checkpoint wherever the rows are far apart
     * (a sparse selection), so that a row costs at most a checkpoint's worth of events.
     */
    private void replay(int from, int to, BooleanSupplier cancelled, RowVisitor visitor) throws IOException {
        if (from >= to) {
            return;
        }
        FieldContext ctx = new FieldContext(capture);
        ScapEvent e = capture.newEvent();
        int r = from;
        long i = -1;
        while (r < to) {
            long next = rows[r];
            long checkpoint = next / StateHistory.INTERVAL * StateHistory.INTERVAL;
            if (i < 0 || checkpoint > i) {
                // from the checkpoint at or before the next row: nearer than replaying the gap
                long start = i < 0 ? next : checkpoint;
                ctx.resumeBefore(history, start);
                i = start;
                if (cancelled != null && cancelled.getAsBoolean()) {
                    throw new InterruptedIOException("cancelled");
                }
            }
            ctx.advance(capture.read(i, e));
            if (i == rows[r]) {
                visitor.row(r, ctx);
                r++;
            }
            i++;
        }
    }

    /**
     * Writes every row of the list as CSV, one line per event with the fields of {@link #COLUMNS}
     * (named in the first line), or as a JSON array of objects keyed by those fields. Returns the
     * number of rows written.
     */
    public long writeTable(java.io.Writer out, boolean json, OpenOptions.Progress progress, BooleanSupplier cancelled)
            throws IOException {
        com.fasterxml.jackson.core.JsonGenerator g = json ? new com.fasterxml.jackson.core.JsonFactory()
                .createGenerator(new java.io.FilterWriter(out) {
                    @Override
                    public void close() throws IOException {
                        flush(); // the caller's writer stays open
                    }
                }).useDefaultPrettyPrinter() : null;
        if (json) {
            g.writeStartArray();
        } else {
            TableExport.line(out, COLUMNS);
        }
        int step = Math.max(PAGE, rows.length / 200);
        // fields of its own: the table decodes its pages meanwhile
        OutputFormat[] own = newColumns();
        replay(0, rows.length, cancelled, (r, ctx) -> {
            String[] cells = cells(ctx, own);
            if (json) {
                g.writeStartObject();
                for (int c = 0; c < cells.length; c++) {
                    g.writeStringField(COLUMNS.get(c), cells[c]);
                }
                g.writeEndObject();
            } else {
                TableExport.line(out, List.of(cells));
            }
            if (r % step == 0) {
                if (progress != null) {
                    progress.update(r, rows.length);
                }
                if (cancelled != null && cancelled.getAsBoolean()) {
                    throw new InterruptedIOException("cancelled");
                }
            }
        });
        if (json) {
            g.writeEndArray();
            g.close();
        }
        out.flush();
        return rows.length;
    }

    /**
     * Writes the events of this list as a new capture: the events listed, the internal events (they
     * carry processes and containers), and, marked state-only, the other events that create or
     * change processes and descriptors, so that the new capture still knows them. The file appears
     * only once it is whole. Returns the number of events listed that were written.
     */
    public long writeCapture(java.nio.file.Path target, OpenOptions.Progress progress, BooleanSupplier cancelled)
            throws IOException {
        ScapEvent e = capture.newEvent();
        long count = capture.eventCount();
        int next = 0;
        try (org.scapscope.scap.CaptureExtract extract = new org.scapscope.scap.CaptureExtract(capture, target)) {
            for (long i = 0; i < count; i++) {
                capture.read(i, e);
                if (next < rows.length && rows[next] == i) {
                    extract.add(e);
                    next++;
                } else if (ScapFile.isHidden(e)) {
                    extract.add(e);
                } else if (org.scapscope.scap.CaptureExtract.changesState(e)) {
                    extract.addStateOnly(e);
                }
                if ((i & 0xFFFF) == 0) {
                    if (cancelled != null && cancelled.getAsBoolean()) {
                        throw new InterruptedIOException("writing " + target + " was cancelled");
                    }
                    if (progress != null) {
                        progress.update(i, count);
                    }
                }
            }
            extract.commit();
        }
        return next;
    }

    /** A field of an event and its value as sysdig prints it. */
    public record FieldValue(String name, String value) {
    }

    /**
     * Everything about one event: its fields that have a value, by class ({@code evt}, {@code proc},
     * {@code ancestors}, {@code thread}, {@code fd}, {@code container}, {@code user}, ...), and the
     * data it read or wrote (empty when it moved none).
     */
    public record Details(long eventNumber, Map<String, List<FieldValue>> groups, byte[] data) {
        /** A field's value, whatever its group; null when the event has none. */
        public String value(String field) {
            for (List<FieldValue> g : groups.values()) {
                for (FieldValue f : g) {
                    if (f.name().equals(field)) {
                        return f.value();
                    }
                }
            }
            return null;
        }
    }

    /** Most ancestors listed in an event's details. */
    private static final int ANCESTORS = 16;

    /** The details of the event of a row: the state is reached from the nearest checkpoint. */
    public Details details(int row) throws IOException {
        long index = rows[row];
        FieldContext ctx = new FieldContext(capture);
        ctx.resumeBefore(history, index);
        ScapEvent e = capture.newEvent();
        ctx.advance(capture.read(index, e));
        Map<String, List<FieldValue>> groups = new LinkedHashMap<>();
        org.scapscope.field.FieldRegistry registry = org.scapscope.field.FieldRegistry.get();
        for (org.scapscope.field.FieldInfo f : registry.fields()) {
            if (f.argument() != org.scapscope.field.FieldInfo.Argument.NONE || registry.isFilterOnly(f.name())) {
                continue;
            }
            String value;
            try {
                value = registry.bind(f.name()).printed(ctx);
            } catch (FieldException | RuntimeException ex) {
                continue;
            }
            if (value != null && !value.isEmpty()) {
                groups.computeIfAbsent(registry.fieldClass(f.name()), k -> new ArrayList<>())
                        .add(new FieldValue(f.name(), value));
            }
        }
        for (List<FieldValue> g : groups.values()) {
            g.sort(java.util.Comparator.comparingInt(EventList::rank));
        }
        List<FieldValue> ancestors = new ArrayList<>();
        try {
            for (int level = 1; level <= ANCESTORS; level++) {
                String name = registry.bind("proc.aname[" + level + "]").text(ctx);
                if (name == null) {
                    break;
                }
                String pid = registry.bind("proc.apid[" + level + "]").text(ctx);
                ancestors.add(new FieldValue("proc.aname[" + level + "]", name + " (pid " + pid + ")"));
            }
        } catch (FieldException ex) {
            // the ancestry fields are always there
        }
        if (!ancestors.isEmpty()) {
            Map<String, List<FieldValue>> ordered = new LinkedHashMap<>();
            for (Map.Entry<String, List<FieldValue>> g : groups.entrySet()) {
                ordered.put(g.getKey(), g.getValue());
                if (g.getKey().equals("proc")) {
                    ordered.put("ancestors", ancestors);
                }
            }
            ordered.putIfAbsent("ancestors", ancestors);
            groups = ordered;
        }
        int data = e.paramIndex("data");
        byte[] bytes = data >= 0 && e.paramHasValue(data) ? e.paramBytes(data) : new byte[0];
        return new Details(e.number(), groups, bytes);
    }

    /**
     * The fields an analyst reads first, in that order, ahead of the others of their class (which
     * keep the order of {@code scapscope fields}): what happened, to whom, on what.
     */
    private static final List<String> FIRST = List.of("evt.num", "evt.type", "evt.dir", "evt.time", "evt.cpu",
            "evt.args", "evt.res", "evt.failed", "evt.latency.human", "evt.info", "evt.buflen", "proc.name",
            "proc.pid", "proc.cmdline", "proc.exepath", "proc.ppid", "proc.pname", "proc.pcmdline", "proc.cwd",
            "thread.tid", "fd.name", "fd.num", "fd.type", "fd.directory", "fd.filename", "fd.cip", "fd.cport",
            "fd.sip", "fd.sport", "fd.l4proto", "container.name", "container.id", "container.image",
            "container.type", "user.name", "user.uid", "group.name", "group.gid");

    private static int rank(FieldValue f) {
        int at = FIRST.indexOf(f.name());
        return at < 0 ? FIRST.size() : at;
    }

    /** Columns as the list's header shows them. */
    public static List<String> titles() {
        return new ArrayList<>(List.of("#", "Time", "CPU", "Process", "TID", "Dir", "Type", "Info"));
    }
}
