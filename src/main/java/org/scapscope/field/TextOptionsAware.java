package org.scapscope.field;

/** A bound field whose text depends on {@link TextOptions}: it can be re-made for other options. */
interface TextOptionsAware {
    /** The same field, writing its text with {@code options}. */
    BoundField withTextOptions(TextOptions options);
}
