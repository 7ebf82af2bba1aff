package org.scapscope.view;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.util.List;

/**
 * A column of a view.
 *
 * @param field the field it shows, argument included
 * @param title its heading
 * @param aggregation how the events of a row combine
 * @param groupByAggregation how rows combine when the view groups them by {@code groupByKey}
 * @param format how its values read: bytes, time, rate, percent, count, id, text, ...
 * @param sinspType the value type: INT64, UINT64, UINT32, DOUBLE, RELTIME, ABSTIME, CHARBUF, PORT, IPADDR, BOOL...
 * @param printFormat DEC, ID, HEX or NA; decimal numbers get a default of 0 when an event lacks them
 * @param key whether it is (part of) the row key
 * @param groupBy whether rows are grouped by it
 * @param tags the column exists only for these tags ({@code default}, {@code containers}); null: always
 * @param hidden whether it is left out of the result
 * @param isSorting whether rows are sorted by it unless asked otherwise
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record ViewColumn(String field, String title, Aggregation aggregation, Aggregation groupByAggregation,
        String format, String sinspType, String printFormat, boolean key, Boolean groupBy, List<String> tags,
        boolean hidden, Boolean isSorting) {

    public Aggregation aggregation() {
        return aggregation == null ? Aggregation.NONE : aggregation;
    }

    public Aggregation groupByAggregation() {
        return groupByAggregation == null ? Aggregation.NONE : groupByAggregation;
    }

    boolean isGroupBy() {
        return groupBy != null && groupBy;
    }

    boolean sorts() {
        return isSorting != null && isSorting;
    }

    /** The same column for every tag. */
    ViewColumn untagged() {
        return new ViewColumn(field, title, aggregation, groupByAggregation, format, sinspType, printFormat, key, groupBy,
                null, hidden, isSorting);
    }

    /** Whether the column exists for this tag. */
    boolean hasTag(String tag) {
        return tags == null || tags.isEmpty() || tags.stream().anyMatch(t -> t.equalsIgnoreCase(tag));
    }
}
