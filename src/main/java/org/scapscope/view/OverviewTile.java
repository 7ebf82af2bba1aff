package org.scapscope.view;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/**
 * A tile of the overview: a number about the whole capture (and its series over time) in one of
 * the categories (general, file, network, security, performance, logs, infrastructure, network
 * apps), and the view it opens.
 *
 * @param filter the events it looks at (null: all)
 * @param aggregation {@code count} the events, {@code sum} a field, count {@code distinct} values of a
 *                    field, or count the non-empty {@code lines} of the data written
 * @param lineMatch for {@code lines}: only lines about warnings ({@code warning}) or errors ({@code error})
 * @param inspectMistake where Sysdig Inspect's own tile is wrong, what it did (this definition is the corrected one)
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record OverviewTile(String id, String title, String category, String description, String how, String filter,
        String aggregation, String field, String lineMatch, Drilldown drilldown, String inspectMistake) {

    /** Where a tile leads: a view, or {@code events} (the event list) or {@code echo} (the I/O streams), and its filter. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Drilldown(String view, String filter) {
    }
}
