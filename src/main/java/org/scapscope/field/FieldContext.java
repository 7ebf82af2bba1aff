package org.scapscope.field;

import java.io.IOException;
import java.time.ZoneId;
import org.scapscope.scap.EventInfo;
import org.scapscope.scap.ScapEvent;
import org.scapscope.scap.ScapFile;
import org.scapscope.scap.SysdigTable;
import org.scapscope.state.FdInfo;
import org.scapscope.state.MachineState;
import org.scapscope.state.StateHistory;
import org.scapscope.state.ThreadInfo;

/**
 * What fields are extracted from: the current event, the capture it belongs to, and the machine
 * state the events before it built. Events must be passed to {@link #advance} in file order; a new
 * section starts from its own metadata.
 */
public final class FieldContext {
    private final ScapFile capture;
    private final ZoneId zone;
    private MachineState state;
    private int section = -1;
    private ScapEvent event;
    private long previousTs = -1;
    private long currentTs = -1;
    /** The current event was not applied to the state: its thread is looked up, it has no descriptor. */
    private boolean detached;
    /** The thread with the current event's thread id, once looked up for this event (fields ask in turn). */
    private ThreadInfo byTid;
    private boolean byTidKnown;
    /** What the descriptor fields worked out for the current event, shared by them all (see FdFields). */
    Object fdTarget;
    boolean fdTargetKnown;
    /** The thread a made-up event describes, with one of its descriptors (see {@link #describe}); null otherwise. */
    private ThreadInfo describedThread;
    private FdInfo describedFd;
    private long describedFdNumber = -1;

    public FieldContext(ScapFile capture) {
        this(capture, ZoneId.systemDefault());
    }

    public FieldContext(ScapFile capture, ZoneId zone) {
        this.capture = capture;
        this.zone = zone;
    }

    /** Makes {@code e} the current event and applies what it tells. */
    public void advance(ScapEvent e) {
        advance(e, false);
    }

    /**
     * Makes {@code e} the current event and applies, with {@code threadsOnly}, only what it tells of
     * processes: for fields of processes, users and containers, not of descriptors.
     */
    public void advance(ScapEvent e, boolean threadsOnly) {
        int s = capture.sectionOf(e.index());
        if (s != section || state == null) {
            section = s;
            state = MachineState.atSectionStart(capture, s);
        }
        state.apply(e, threadsOnly);
        describedThread = null;
        detached = false;
        byTidKnown = false;
        fdTargetKnown = false;
        event = e;
        previousTs = currentTs;
        currentTs = e.ts();
    }

    /** Passes over events whose own effects no one reads (see {@link MachineState#passOver}). */
    public void passOver() {
        if (state != null) {
            state.passOver();
        }
    }

    /**
     * Continues from a state reached elsewhere (a checkpoint brought forward): the next
     * {@link #advance} applies to {@code s}, which belongs to {@code section}; {@code previousTs} is
     * the time of the event before, or -1.
     */
    public void resume(MachineState s, int section, long previousTs) {
        this.state = s;
        this.section = section;
        this.currentTs = previousTs;
        this.event = null;
        this.describedThread = null;
        this.byTidKnown = false;
        this.fdTargetKnown = false;
    }

    /** Continues from the state just before event {@code index}, as the capture's checkpoints give it. */
    public void resumeBefore(StateHistory history, long index) throws IOException {
        resume(history.before(index), history.sectionBefore(index),
                index > 0 ? capture.read(index - 1, capture.newEvent()).ts() : -1);
    }

    /**
     * Makes {@code e} the current event without applying it to any machine state: for fields that
     * read the event alone (its type, time, arguments), so that events can be tested in any order
     * and in parallel. Fields that need processes or descriptors must not be read after this.
     */
    public void at(ScapEvent e) {
        event = e;
        describedThread = null;
        currentTs = e.ts();
        detached = false;
        byTidKnown = false;
        fdTargetKnown = false;
    }

    /**
     * Makes {@code e} the current event, for the thread with its thread id, without applying it: an
     * event made up at the end of a capture to describe each thread in the state it was left in
     * (see {@link ScapEvent#synthetic}). It uses no descriptor.
     */
    public void atThreadOf(ScapEvent e) {
        event = e;
        describedThread = null;
        currentTs = e.ts();
        detached = true;
        byTidKnown = false;
        fdTargetKnown = false;
    }

    /**
     * Makes {@code e}, an event made up of a type that uses a descriptor, describe descriptor
     * {@code fdNumber} of thread {@code t} as the current state holds them, applying nothing: so that
     * a filter can be tested on each open descriptor of each thread, as sysdig's chisels test it on
     * the tables of the machine state ({@code lsof}, {@code netstat}).
     */
    public void describe(ScapEvent e, ThreadInfo t, long fdNumber, FdInfo fd) {
        event = e;
        currentTs = e.ts();
        describedThread = t;
        describedFd = fd;
        describedFdNumber = fdNumber;
        detached = false;
        byTidKnown = false;
        fdTargetKnown = false;
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

    public MachineState state() {
        return state;
    }

    /** The thread of the current event: the one the event acted on, or the one with its thread id. */
    public ThreadInfo thread() {
        if (describedThread != null) {
            return describedThread;
        }
        if (!detached) {
            ThreadInfo t = state.thread();
            if (t != null) {
                return t;
            }
        }
        if (!byTidKnown) {
            byTid = state.threads().get(event.tid());
            byTidKnown = true;
        }
        return byTid;
    }

    /** The descriptor the current event used, or null. */
    public FdInfo fd() {
        if (describedThread != null) {
            return describedFd;
        }
        if (detached) {
            return null;
        }
        return state.fd();
    }

    /**
     * The thread of the current event when the event creates, uses or destroys a descriptor (what
     * the {@code fd} fields need); null for other events or when the thread is unknown.
     */
    public ThreadInfo fdEventThread() {
        return actsOnDescriptor(event.type()) ? thread() : null;
    }

    /** Whether events of a type create, use or destroy a descriptor. */
    public static boolean actsOnDescriptor(int type) {
        int flags = SysdigTable.get().flags(type);
        return (flags & (EventInfo.EF_CREATES_FD | EventInfo.EF_USES_FD | EventInfo.EF_DESTROYS_FD)) != 0;
    }

    /**
     * The descriptor the {@code fd} fields describe for the current event: the one it acted on, else
     * the thread's descriptor of the event's fd number; null when the event has none.
     */
    public FdInfo eventFd() {
        ThreadInfo t = fdEventThread();
        if (t == null) {
            return null;
        }
        if (describedThread != null) {
            return describedFd;
        }
        FdInfo fd = state.fd();
        if (fd == null && t.lastEventFd() != -1) {
            fd = t.fd(t.lastEventFd());
        }
        return fd;
    }

    /** Whether the current event renamed its descriptor: never for a descriptor described ({@link #describe}). */
    boolean fdNameChanged() {
        return describedThread == null && state.fdNameChanged();
    }

    /** The number of the descriptor the current event used or created for thread {@code t}, -1 when none. */
    long fdNumber(ThreadInfo t) {
        return describedThread != null ? describedFdNumber : t.lastEventFd();
    }

    /** Time of the event before the current one, -1 for the first. */
    long previousTs() {
        return previousTs;
    }
}
