package org.scapscope.view;

import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;
import org.scapscope.field.BoundField;
import org.scapscope.field.FieldContext;
import org.scapscope.field.FieldException;
import org.scapscope.field.FieldRegistry;
import org.scapscope.filter.Filter;
import org.scapscope.scap.EventInfo;
import org.scapscope.scap.ScapEvent;
import org.scapscope.scap.ScapFile;
import org.scapscope.scap.SysdigTable;

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
        FieldRegistry r = FieldRegistry.get();
        BoundField fdNum = r.bind("fd.num");
        BoundField fdName = r.bind("fd.name");
        BoundField procName = r.bind("proc.name");
        BoundField pid = r.bind("proc.pid");
        BoundField container = r.bind("container.id");
        FieldContext ctx = new FieldContext(scap);
        ScapEvent e = scap.newEvent();
        SysdigTable table = SysdigTable.get();
        for (long i = 0; i < scap.eventCount(); i++) {
            ctx.advance(scap.read(i, e));
            if ((i & 0xFFFF) == 0 && cancelled != null && cancelled.getAsBoolean()) {
                return;
            }
            int flags = table.flags(e.type());
            boolean reads = (flags & EventInfo.EF_READS_FROM_FD) != 0;
            boolean writes = (flags & EventInfo.EF_WRITES_TO_FD) != 0;
            if (e.isEnter() || !(reads || writes) || e.ts() < from || e.ts() >= to) {
                continue;
            }
            int data = e.paramIndex("data");
            if (data < 0 || e.paramCount() == 0 || ScapFile.isHidden(e)) {
                continue;
            }
            long res = e.paramAsLong(0);
            if (res <= 0 || (filter != null && !filter.test(ctx))) {
                continue;
            }
            String fd = fdNum.text(ctx);
            IoChunk chunk = new IoChunk(e.number(), e.ts(), writes, fd == null ? -1 : Long.parseLong(fd),
                    orEmpty(fdName.text(ctx)), orEmpty(procName.text(ctx)), parse(pid.text(ctx)),
                    orEmpty(container.text(ctx)), res, e.paramBytes(data));
            if (!sink.accept(chunk)) {
                return;
            }
        }
    }

    /** All chunks at once, for small captures and tests. */
    public static List<IoChunk> all(ScapFile scap, Filter filter) throws FieldException {
        List<IoChunk> out = new ArrayList<>();
        scan(scap, filter, 0, Long.MAX_VALUE, null, c -> out.add(c));
        return out;
    }

    private static String orEmpty(String s) {
        return s == null ? "" : s;
    }

    private static long parse(String s) {
        try {
            return s == null ? -1 : Long.parseLong(s);
        } catch (NumberFormatException e) {
            return -1;
        }
    }
}
