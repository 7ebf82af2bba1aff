package org.scapscope.view;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.util.List;
import java.util.Map;
import org.scapscope.filter.FilterParser;

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
 * @param drilldownFilterTemplate the filter that drill-down adds, with {@code %field} for the row's key
 * @param drilldownValueQuoted whether the key goes into that filter in quotes (text keys)
 * @param options {@code use_defaults} (events lacking a value count with 0 or "") and the like
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record ViewDefinition(String id, String name, String description, String type, List<String> appliesTo,
        String filter, List<ViewColumn> columns, Sort sort, String drilldown, String drilldownFilterTemplate,
        Boolean drilldownValueQuoted, Map<String, Object> options) {

    /** The default order of rows: by the column with this title, descending or not. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Sort(String column, boolean descending) {
    }

    /**
     * The filter a row's drill-down applies: the template with the row's key in place of its
     * {@code %field}, quoted for text keys; null when the view leads nowhere.
     */
    public String drilldownFilter(String key) {
        if (drilldownFilterTemplate == null) {
            return null;
        }
        // a key is written so that it adds no condition of its own (a key pasted with blanks drills too)
        key = key.strip();
        String value = drilldownValueQuoted != null && drilldownValueQuoted ? FilterParser.quoted(key)
                : FilterParser.literal(key);
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("%[A-Za-z0-9_.\\[\\]]+").matcher(drilldownFilterTemplate);
        return m.find() ? drilldownFilterTemplate.substring(0, m.start()) + value + drilldownFilterTemplate.substring(m.end())
                : drilldownFilterTemplate;
    }

    /** The field whose value a row's drill-down puts in its filter ({@code proc.pid}), or null. */
    public String drilldownField() {
        if (drilldownFilterTemplate == null) {
            return null;
        }
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("%([A-Za-z0-9_.\\[\\]]+)").matcher(drilldownFilterTemplate);
        return m.find() ? m.group(1) : null;
    }

    /** The columns a computed view shows, in the order of its table's values. */
    public List<ViewColumn> shownColumns() {
        return columns.stream().filter(c -> c.hasTag("default") && !c.hidden()).toList();
    }

    /**
     * This view with one more column: {@code field} (argument included) combined over each row's
     * events by {@code aggregation} ({@code NONE}: the row's first value), titled by the field.
     */
    public ViewDefinition withColumn(String field, org.scapscope.field.FieldType fieldType, Aggregation aggregation) {
        String sinsp = switch (fieldType) {
            case INT8, INT16, INT32, INT64, UINT8, UINT16, UINT32, UINT64, DOUBLE, RELTIME, ABSTIME, PORT, BOOL,
                    ERRNO, FD, PID -> fieldType.name();
            default -> "CHARBUF";
        };
        boolean number = !sinsp.equals("CHARBUF") && !sinsp.equals("BOOL");
        ViewColumn c = new ViewColumn(field, field, aggregation, aggregation,
                !number ? "text" : sinsp.equals("RELTIME") ? "time" : aggregation == Aggregation.SUM ? "count" : "number",
                sinsp, number ? "DEC" : "NA", false, null, null, false, null);
        List<ViewColumn> all = new java.util.ArrayList<>(columns);
        all.add(c);
        return new ViewDefinition(id, name, description, type(), appliesTo, filter, all, sort, drilldown,
                drilldownFilterTemplate, drilldownValueQuoted, options);
    }

    public boolean isList() {
        return "list".equals(type);
    }

    /**
     * This view as csysdig shows it for containers ({@code -pc}, as Sysdig Inspect always asks): the
     * columns tagged {@code containers} take the place of those tagged {@code default}, so a row shows
     * its container and, where the key changes ({@code fd.name} to {@code fd.containername}), the same
     * file or connection seen from two containers is two rows; a row's drill-down then names the new key.
     */
    public ViewDefinition forContainers() {
        List<ViewColumn> kept = new java.util.ArrayList<>();
        for (ViewColumn c : columns) {
            if (c.hasTag(CONTAINERS)) {
                kept.add(c.tags() == null || c.tags().isEmpty() ? c : c.untagged());
            }
        }
        if (kept.isEmpty() || !isList() && keyField(kept, CONTAINERS) == null) {
            return this; // a view of the user's with nothing for containers stays as it is
        }
        String template = drilldownFilterTemplate;
        String before = keyField(columns, "default");
        String after = keyField(kept, CONTAINERS);
        if (template != null && before != null && after != null && !before.equals(after)) {
            String field = java.util.regex.Pattern.quote(before);
            template = template.replaceAll("(?<![\\w.])" + field + "\\s*=\\s*%" + field + "(?![\\w.\\[])",
                    java.util.regex.Matcher.quoteReplacement(after + "=%" + after));
        }
        return new ViewDefinition(id, name, description, type, appliesTo, filter, List.copyOf(kept), sort, drilldown,
                template, drilldownValueQuoted, options);
    }

    private static final String CONTAINERS = "containers";

    /** The field of the first key column with {@code tag}, or null. */
    private static String keyField(List<ViewColumn> columns, String tag) {
        return columns.stream().filter(c -> c.key() && c.hasTag(tag)).map(ViewColumn::field).findFirst().orElse(null);
    }

    /** Whether events that lack a decimal or text value still count, with 0 or "" for it. */
    public boolean useDefaults() {
        Object v = options == null ? null : options.get("use_defaults");
        return v instanceof Boolean b && b;
    }
}
