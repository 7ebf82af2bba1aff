package org.scapscope.filter;

import org.scapscope.field.FieldContext;

/**
 * A compiled filter expression. Test events with {@link #test} after the field context has
 * {@linkplain FieldContext#advance advanced} to them; {@link #mayMatchType} tells, from the event
 * type alone, which events cannot match, so that they need not be decoded.
 *
 * <p>A filter keeps no state between events but reuses buffers: use one per thread.
 */
public final class Filter {
    private final String source;
    private final Predicate predicate;
    private final boolean[] types;

    Filter(String source, Predicate predicate, boolean[] types) {
        this.source = source;
        this.predicate = predicate;
        this.types = types;
    }

    /** The expression as written. */
    public String source() {
        return source;
    }

    /** Whether the current event of the context satisfies the filter. */
    public boolean test(FieldContext c) {
        return (types == null || types[c.event().type()]) && predicate.test(c);
    }

    /** False when no event of this type can satisfy the filter. */
    public boolean mayMatchType(int type) {
        return types == null || (type >= 0 && type < types.length && types[type]);
    }

    /** Whether the filter looks at some event types only. */
    public boolean narrowsTypes() {
        return types != null;
    }
}
