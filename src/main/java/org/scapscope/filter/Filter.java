package org.scapscope.filter;

import org.scapscope.field.FieldContext;
import org.scapscope.scap.KeySet;

/**
 * A compiled filter expression. Test events with {@link #test} after the field context has
 * {@linkplain FieldContext#advance advanced} to them; {@link #mayMatchType} tells, from the event
 * type alone, which events cannot match, so that they need not be decoded.
 *
 * <p>A filter keeps no state between events; several threads may test events with one filter, each
 * with its own field context.
 */
public final class Filter {
    private final String source;
    private final Predicate predicate;
    /** The type keys the filter can match; null: any. */
    private final KeySet types;
    private final StateNeed stateNeed;
    private final long earliest;
    private final boolean readsCpuTimes;

    /** What machine state a filter reads. */
    public enum StateNeed {
        /** The event alone: events can be tested in any order ({@link FieldContext#at}). */
        NONE,
        /** Processes and threads only (names, arguments, users, containers), not descriptors. */
        THREADS,
        /** Any state. */
        FULL
    }

    Filter(String source, Predicate predicate, KeySet types) {
        this(source, predicate, types, StateNeed.FULL);
    }

    Filter(String source, Predicate predicate, KeySet types, StateNeed stateNeed) {
        this(source, predicate, types, stateNeed, 0);
    }

    Filter(String source, Predicate predicate, KeySet types, StateNeed stateNeed, long earliest) {
        this(source, predicate, types, stateNeed, earliest, true);
    }

    Filter(String source, Predicate predicate, KeySet types, StateNeed stateNeed, long earliest,
            boolean readsCpuTimes) {
        this.source = source;
        this.predicate = predicate;
        this.types = types;
        this.stateNeed = stateNeed;
        this.earliest = earliest;
        this.readsCpuTimes = readsCpuTimes;
    }

    /**
     * A filter made of a test of the event alone ({@code test}), for selections that no expression
     * states: {@code source} says what it selects. It reads no machine state.
     */
    public static Filter ofEvents(String source, java.util.function.Predicate<FieldContext> test) {
        return new Filter(source, new Predicate() {
            @Override
            boolean test(FieldContext c) {
                return test.test(c);
            }
        }, null, StateNeed.NONE);
    }

    /**
     * Whether the filter reads threads' CPU times ({@code thread.cpu*}), which only process-info
     * records change: a filter that does not can pass those records over.
     */
    public boolean readsCpuTimes() {
        return readsCpuTimes;
    }

    /** The earliest event time (ns since the epoch) the filter can select; 0 when it sets none. */
    public long earliest() {
        return earliest;
    }

    public StateNeed stateNeed() {
        return stateNeed;
    }

    /** Whether the filter reads processes, descriptors or other machine state. */
    public boolean needsState() {
        return stateNeed != StateNeed.NONE;
    }

    /** The expression as written. */
    public String source() {
        return source;
    }

    /** Whether the current event of the context satisfies the filter. */
    public boolean test(FieldContext c) {
        return mayMatchType(c.event().type()) && predicate.test(c);
    }

    /** False when no event of this type can satisfy the filter. */
    public boolean mayMatchType(int type) {
        return types == null || types.contains(type);
    }

    /** False when no event of this type key ({@link org.scapscope.scap.TypeColumn#keyOf}) can satisfy the filter. */
    public boolean mayMatchKey(int key) {
        return mayMatchType(key);
    }

    /** The type keys the filter can match (a copy); every key when it does not narrow them. */
    public KeySet keys() {
        return types == null ? KeySet.all() : types.copy();
    }

    /** Whether the filter looks at some event types only. */
    public boolean narrowsTypes() {
        return types != null;
    }
}
