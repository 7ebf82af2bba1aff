package org.scapscope.view;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.util.List;
import java.util.Map;

/**
 * A view: what rows it has (one per value of its key, or one per event for a list), which events
 * it looks at (its filter), its columns, how it sorts and where a row leads.
 *
 * @param id the name views are asked for by ({@code procs})
 * @param type {@code table} or {@code list}
 * @param appliesTo the drill-down keys it can show the events of ({@code ""}: the whole capture)
 * @param filter its fixed filter, or null
 * @param sort its default order
 * @param drilldown the view a row opens, or null
 * @param drilldownFilterTemplate the filter that drill-down adds, with {@code %field} for the row's values
 * @param options {@code use_defaults} (events lacking a value count with 0 or "") and the like
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record ViewDefinition(String id, String name, String description, String type, List<String> appliesTo,
        String filter, List<ViewColumn> columns, Sort sort, String drilldown, String drilldownFilterTemplate,
        Map<String, Object> options) {

    /** The default order of rows: by the column with this title, descending or not. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Sort(String column, boolean descending) {
    }

    public boolean isList() {
        return "list".equals(type);
    }

    /** Whether events that lack a decimal or text value still count, with 0 or "" for it. */
    public boolean useDefaults() {
        Object v = options == null ? null : options.get("use_defaults");
        return v instanceof Boolean b && b;
    }
}
