package org.scapscope.field;

import java.time.ZoneId;
import java.util.HashMap;
import java.util.Map;
import org.scapscope.scap.EventInfo;
import org.scapscope.scap.ScapEvent;
import org.scapscope.scap.ScapFile;

/**
 * What fields are extracted from: the current event, the capture it belongs to, and what earlier
 * events of the capture established. Events must be passed to {@link #advance} in file order.
 */
public final class FieldContext {
    private final ScapFile capture;
    private final ZoneId zone;
    private final Map<Long, ThreadTiming> timings = new HashMap<>();
    private ScapEvent event;
    private ThreadTiming timing;

    public FieldContext(ScapFile capture) {
        this(capture, ZoneId.systemDefault());
    }

    public FieldContext(ScapFile capture, ZoneId zone) {
        this.capture = capture;
        this.zone = zone;
    }

    /** Makes {@code e} the current event and applies what it tells. */
    public void advance(ScapEvent e) {
        event = e;
        long tid = e.tid();
        timing = timings.computeIfAbsent(tid, k -> new ThreadTiming());
        EventInfo info = e.info();
        if (info != null && (info.flags() & EventInfo.EF_SKIPPARSERESET) != 0) {
            return;
        }
        if (e.isEnter()) {
            timing.latency = 0;
            timing.lastEnter = e.ts();
        } else if (timing.lastEnter != 0) {
            timing.latency = e.ts() - timing.lastEnter;
        }
    }

    public ScapEvent event() {
        return event;
    }

    public ScapFile capture() {
        return capture;
    }

    public ZoneId zone() {
        return zone;
    }

    /** Time from the thread's last enter event to the current exit event, 0 for an enter event. */
    long latency() {
        return timing == null ? 0 : timing.latency;
    }

    private static final class ThreadTiming {
        long lastEnter;
        long latency;
    }
}
