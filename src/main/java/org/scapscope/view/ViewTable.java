package org.scapscope.view;

import java.util.List;

/**
 * What a view computed: its columns and its rows, each with its key (for a list, its number in
 * event order) and one value per column: a Long, Double, Boolean or String.
 */
public record ViewTable(ViewDefinition view, List<String> columns, List<String> types, List<Row> rows) {
    /**
     * One row: its values as shown (durations as text, {@code 3.05ms}) and as ordered (durations in
     * nanoseconds).
     */
    public record Row(String key, List<Object> values, List<Object> order) {
        public Row(String key, List<Object> values) {
            this(key, values, values);
        }
    }
}
