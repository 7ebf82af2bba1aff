package org.scapscope.view;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import org.scapscope.field.BoundField;
import org.scapscope.field.FieldContext;
import org.scapscope.field.FieldException;
import org.scapscope.field.FieldRegistry;
import org.scapscope.filter.Filter;
import org.scapscope.scap.EventInfo;
import org.scapscope.scap.KeySet;
import org.scapscope.scap.OpenOptions;
import org.scapscope.scap.ScapEvent;
import org.scapscope.scap.ScapFile;
import org.scapscope.scap.SysdigTable;
import org.scapscope.state.StateHistory;

/**
 * The I/O streams of a capture (csysdig's echo): every read and write that moved data, in event
 * order, with its descriptor, process and container and the bytes the capture kept. A filter on
 * {@code fd.name} follows one conversation in both directions.
 */
public final class IoStreams {
    private IoStreams() {
    }

    /** Receives each chunk; returns false to stop. */
    @FunctionalInterface
    public interface Sink {
        boolean accept(IoChunk chunk);
    }

    /** Streams the chunks of events in {@code [from, to)} that pass {@code filter} (null: all). */
    public static void scan(ScapFile scap, Filter filter, long from, long to, BooleanSupplier cancelled, Sink sink)
            throws FieldException {
        Fields f = new Fields();
        FieldContext ctx = new FieldContext(scap);
        ScapEvent e = scap.newEvent();
        SysdigTable table = SysdigTable.get();
        for (long i = 0; i < scap.eventCount(); i++) {
            ctx.advance(scap.read(i, e));
            if ((i & 0xFFFF) == 0 && cancelled != null && cancelled.getAsBoolean()) {
                return;
            }
            if (e.ts() < from || e.ts() >= to) {
                continue;
            }
            IoChunk chunk = f.chunk(ctx, e, table, filter);
            if (chunk != null && !sink.accept(chunk)) {
                return;
            }
        }
    }

    /** Chunks collected for a window: at most the limit asked for, and whether more were left out. */
    public record Collected(List<IoChunk> chunks, boolean cut) {
    }

    /**
     * The chunks of events in {@code [from, to)} that pass {@code filter} (null: all), read in
     * parallel parts from the capture's state checkpoints; at most {@code limit} of them, the first in
     * event order.
     */
    public static Collected collect(ScapFile scap, StateHistory history, Filter filter, long from, long to, int limit,
            OpenOptions.Progress progress, BooleanSupplier cancelled) throws FieldException {
        return collect(scap, history, filter, from, to, limit, progress, cancelled, Replay.MIN_PART);
    }

    /** As above, in parts of at least {@code minPart} events (tests split small captures finely). */
    static Collected collect(ScapFile scap, StateHistory history, Filter filter, long from, long to, int limit,
            OpenOptions.Progress progress, BooleanSupplier cancelled, long minPart) throws FieldException {
        Fields f = new Fields();
        SysdigTable table = SysdigTable.get();
        Replay replay = new Replay(scap, history, from, to, progress, cancelled, "reading the I/O streams", minPart);
        KeySet io = dataExits(filter);
        boolean cpuTimes = filter != null && filter.readsCpuTimes();
        // a part keeps chunks only while those of the parts before it are fewer than the limit
        List<Part> made = new ArrayList<>();
        List<Part> parts = replay.run(java.time.ZoneId.systemDefault(), io, cpuTimes, (ctx, e, inWindow, part) -> {
            if (inWindow && !part.full) {
                IoChunk c = f.chunk(ctx, e, table, filter);
                if (c != null) {
                    part.add(c, limit, made);
                }
            }
        }, () -> {
            Part p = new Part(made.size());
            made.add(p);
            return p;
        }, (part, ctx) -> { });
        List<IoChunk> out = new ArrayList<>();
        boolean cut = false;
        for (Part p : parts) {
            for (IoChunk c : p.chunks) {
                if (out.size() == limit) {
                    cut = true;
                    break;
                }
                out.add(c);
            }
            cut |= p.full && out.size() == limit;
        }
        return new Collected(out, cut);
    }

    /** The type keys of the exits of reads and writes (what makes chunks) that {@code filter} (null: any) may select. */
    static KeySet dataExits(Filter filter) {
        SysdigTable table = SysdigTable.get();
        KeySet io = KeySet.ofTypes(type -> (type & 1) == 1
                && (table.flags(type) & (EventInfo.EF_READS_FROM_FD | EventInfo.EF_WRITES_TO_FD)) != 0);
        return filter == null ? io : io.and(filter.keys());
    }

    /** The chunks one part of a collection keeps, in event order. */
    private static final class Part {
        final int index;
        final List<IoChunk> chunks = new ArrayList<>();
        /** How many it kept, as the parts after it read. */
        final AtomicInteger kept = new AtomicInteger();
        /** Whether it keeps no more: it has more than the limit, or the parts before it have the limit. */
        volatile boolean full;

        Part(int index) {
            this.index = index;
        }

        void add(IoChunk c, int limit, List<Part> parts) {
            chunks.add(c);
            kept.set(chunks.size());
            if (chunks.size() > limit) {
                full = true;
            } else if ((chunks.size() & 63) == 0) {
                long before = 0;
                for (int k = 0; k < index && before < limit; k++) {
                    before += parts.get(k).kept.get();
                }
                full = before >= limit;
            }
        }
    }

    /** Distinct names a reader of chunks keeps one copy of, at most. */
    private static final int MAX_NAMES = 1 << 16;

    /** The fields a chunk names its descriptor and process with. */
    private static final class Fields {
        final BoundField fdNum;
        final BoundField fdName;
        final BoundField procName;
        final BoundField pid;
        final BoundField container;
        /** The names given to chunks so far, by the parts read at once. */
        private final Map<String, String> names = new ConcurrentHashMap<>();

        Fields() throws FieldException {
            FieldRegistry r = FieldRegistry.get();
            fdNum = r.bind("fd.num");
            fdName = r.bind("fd.name");
            procName = r.bind("proc.name");
            pid = r.bind("proc.pid");
            container = r.bind("container.id");
        }

        /** The chunk of the current event, or null when it moved no data or the filter drops it. */
        IoChunk chunk(FieldContext ctx, ScapEvent e, SysdigTable table, Filter filter) {
            int flags = table.flags(e.type());
            boolean reads = (flags & EventInfo.EF_READS_FROM_FD) != 0;
            boolean writes = (flags & EventInfo.EF_WRITES_TO_FD) != 0;
            if (e.isEnter() || !(reads || writes)) {
                return null;
            }
            int data = e.paramIndex("data");
            if (data < 0 || e.paramCount() == 0 || ScapFile.isHidden(e)) {
                return null;
            }
            long res = e.paramAsLong(0);
            if (res <= 0 || (filter != null && !filter.test(ctx))) {
                return null;
            }
            String fd = fdNum.text(ctx);
            return new IoChunk(ctx.capture(), e.index(), data, e.ts(), writes, fd == null ? -1 : Long.parseLong(fd),
                    shared(fdName.text(ctx)), shared(procName.text(ctx)), parse(pid.text(ctx)),
                    shared(container.text(ctx)), res);
        }

        /** One copy of each name: the chunks of a stream repeat the same few. */
        private String shared(String s) {
            if (s == null) {
                return "";
            }
            if (names.size() > MAX_NAMES) {
                names.clear();
            }
            return names.computeIfAbsent(s, k -> k);
        }
    }

    /** All chunks at once, for small captures and tests. */
    public static List<IoChunk> all(ScapFile scap, Filter filter) throws FieldException {
        List<IoChunk> out = new ArrayList<>();
        scan(scap, filter, 0, Long.MAX_VALUE, null, c -> out.add(c));
        return out;
    }

    private static long parse(String s) {
        try {
            return s == null ? -1 : Long.parseLong(s);
        } catch (NumberFormatException e) {
            return -1;
        }
    }
}
