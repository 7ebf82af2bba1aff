package org.scapscope.view;

/** How a view column combines the values of the events of one row. */
public enum Aggregation {
    /** The first event's value. */
    NONE,
    SUM,
    /** Sum and count; shown as their quotient for decimal numbers and durations. */
    AVG,
    MAX,
    MIN,
    /** Summed, and per second of capture for decimal numbers and durations. */
    TIME_AVG
}
