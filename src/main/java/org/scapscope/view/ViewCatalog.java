package org.scapscope.view;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The views Scapscope knows: the built-in ones (every csysdig view) and the ones users drop as JSON
 * files in their views folder ({@code $XDG_CONFIG_HOME/scapscope/views}, else
 * {@code ~/.config/scapscope/views}); a user view replaces a built-in one of the same id.
 */
public final class ViewCatalog {
    private final Map<String, ViewDefinition> views = new LinkedHashMap<>();
    private final List<String> problems = new ArrayList<>();

    private ViewCatalog() {
    }

    /** The built-in views only. */
    public static ViewCatalog builtIn() {
        ViewCatalog c = new ViewCatalog();
        for (ViewDefinition v : BuiltIn.VIEWS) {
            c.views.put(v.id(), v);
        }
        return c;
    }

    /** The built-in view definitions, read once (they are immutable). */
    private static final class BuiltIn {
        static final List<ViewDefinition> VIEWS = readDefinitions("views.json",
                new TypeReference<List<ViewDefinition>>() { }, "the built-in views");
    }

    /** A list of definitions shipped with the application in this package, as JSON; {@code what} names them in errors. */
    static <T> List<T> readDefinitions(String resource, TypeReference<List<T>> type, String what) {
        try (InputStream in = ViewCatalog.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException(what + " are missing from the application");
            }
            return List.copyOf(new ObjectMapper().readValue(in, type));
        } catch (IOException e) {
            throw new IllegalStateException(what + " cannot be read: " + e.getMessage(), e);
        }
    }

    /** The built-in views and those of a user's folder; files that cannot be read are listed in {@link #problems}. */
    public static ViewCatalog withUserViews(Path folder) {
        ViewCatalog c = builtIn();
        if (folder == null || !Files.isDirectory(folder)) {
            return c;
        }
        ObjectMapper json = new ObjectMapper();
        List<Path> files = new ArrayList<>();
        try (Stream<Path> list = Files.list(folder)) {
            list.filter(p -> p.getFileName().toString().endsWith(".json")).sorted().forEach(files::add);
        } catch (IOException e) {
            c.problems.add(folder + ": " + e.getMessage());
            return c;
        }
        for (Path f : files) {
            try {
                JsonNode root = json.readTree(f.toFile());
                List<JsonNode> items = new ArrayList<>();
                if (root != null && root.isArray()) {
                    root.forEach(items::add);
                } else if (root != null) {
                    items.add(root); // an empty file reads as a missing node: no view, said below
                }
                for (JsonNode item : items) {
                    String unknown = item.isObject() ? unknownFields(item) : null;
                    ViewDefinition v;
                    try {
                        v = item.isObject() && unknown == null ? json.treeToValue(item, ViewDefinition.class) : null;
                    } catch (com.fasterxml.jackson.databind.exc.MismatchedInputException e) {
                        c.problems.add(f + ": " + mismatch(item, e));
                        continue;
                    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                        // a value that does not fit its field (a number too large, ...): this view only
                        String id = item.path("id").asText("");
                        c.problems.add(f + ": " + (id.isEmpty() ? "a view" : "view " + id) + ": "
                                + String.valueOf(e.getOriginalMessage()).split("\n")[0]);
                        continue;
                    }
                    String problem = unknown != null ? unknown
                            : v == null ? "holds no view definition (a JSON object, or an array of them)"
                            : check(v);
                    if (problem != null) {
                        c.problems.add(f + ": " + problem);
                    } else {
                        c.views.put(v.id(), v);
                    }
                }
            } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                c.problems.add(f + ": " + notJson(e));
            } catch (IOException e) {
                c.problems.add(f + ": " + e.getMessage().split("\n")[0]);
            }
        }
        return c;
    }

    /**
     * The fields of a view's JSON object (and of its columns and sort) that a view does not have, as
     * "unknown field colums (did you mean columns?)": a misspelt filter must not pass for none.
     */
    static String unknownFields(JsonNode view) {
        List<String> unknown = new ArrayList<>();
        unknownIn(view, KnownFields.VIEW, "", unknown);
        JsonNode columns = view.get("columns");
        for (int i = 0; columns != null && columns.isArray() && i < columns.size(); i++) {
            unknownIn(columns.get(i), KnownFields.COLUMN, "columns[" + i + "].", unknown);
        }
        unknownIn(view.get("sort"), KnownFields.SORT, "sort.", unknown);
        if (unknown.isEmpty()) {
            return null;
        }
        return (unknown.size() == 1 ? "unknown field " : "unknown fields ") + String.join(", ", unknown);
    }

    /**
     * The fields a view, a column and a sort may have: those a view is made of, and those the
     * built-in definitions carry from csysdig's and are not used (a built-in view copied to be
     * changed keeps them).
     */
    private static final class KnownFields {
        static final List<String> VIEW;
        static final List<String> COLUMN;
        static final List<String> SORT;

        static {
            java.util.Set<String> view = new java.util.LinkedHashSet<>(names(ViewDefinition.class));
            java.util.Set<String> column = new java.util.LinkedHashSet<>(names(ViewColumn.class));
            java.util.Set<String> sort = new java.util.LinkedHashSet<>(names(ViewDefinition.Sort.class));
            try (InputStream in = ViewCatalog.class.getResourceAsStream("views.json")) {
                for (JsonNode v : in == null ? new ObjectMapper().createArrayNode() : new ObjectMapper().readTree(in)) {
                    v.fieldNames().forEachRemaining(view::add);
                    v.path("columns").forEach(c -> c.fieldNames().forEachRemaining(column::add));
                    v.path("sort").fieldNames().forEachRemaining(sort::add);
                }
            } catch (IOException e) {
                throw new IllegalStateException("the built-in views cannot be read: " + e.getMessage(), e);
            }
            VIEW = List.copyOf(view);
            COLUMN = List.copyOf(column);
            SORT = List.copyOf(sort);
        }

        private static List<String> names(Class<? extends Record> type) {
            return java.util.Arrays.stream(type.getRecordComponents()).map(java.lang.reflect.RecordComponent::getName)
                    .toList();
        }
    }

    private static void unknownIn(JsonNode object, List<String> known, String prefix, List<String> unknown) {
        if (object == null || !object.isObject()) {
            return;
        }
        object.fieldNames().forEachRemaining(name -> {
            if (!known.contains(name)) {
                String near = org.scapscope.filter.Suggestions.closest(name, known);
                unknown.add(prefix + name + (near != null ? " (did you mean " + prefix + near + "?)" : ""));
            }
        });
    }

    /** A view file that is not JSON: where, and what the parser expected. */
    private static String notJson(com.fasterxml.jackson.core.JsonProcessingException e) {
        com.fasterxml.jackson.core.JsonLocation at = e.getLocation();
        String what = e.getOriginalMessage() == null ? "" : e.getOriginalMessage().split("\n")[0];
        int source = what.indexOf(" (start marker at");
        if (source >= 0) {
            what = what.substring(0, source);
        }
        what = what.replace("end-of-input", "end of the file");
        return "is not valid JSON" + (at != null && at.getLineNr() > 0
                ? " at line " + at.getLineNr() + ", column " + at.getColumnNr() : "")
                + (what.isEmpty() ? "" : ": " + Character.toLowerCase(what.charAt(0)) + what.substring(1));
    }

    /** A field of a view whose value is not of the kind the field takes. */
    private static String mismatch(JsonNode view, com.fasterxml.jackson.databind.exc.MismatchedInputException e) {
        StringBuilder field = new StringBuilder();
        for (com.fasterxml.jackson.databind.JsonMappingException.Reference r : e.getPath()) {
            if (r.getFieldName() != null) {
                field.append(field.length() == 0 ? "" : ".").append(r.getFieldName());
            } else if (r.getIndex() >= 0) {
                field.append('[').append(r.getIndex()).append(']');
            }
        }
        Class<?> target = e.getTargetType();
        String kind = target == null ? "another kind of value"
                : java.util.Collection.class.isAssignableFrom(target) || target.isArray() ? "a list"
                : target == String.class ? "a text"
                : target == boolean.class || target == Boolean.class ? "true or false"
                : Number.class.isAssignableFrom(target) || target.isPrimitive() ? "a number"
                : target.isEnum() ? "one of " + java.util.Arrays.toString(target.getEnumConstants())
                : "an object";
        String id = view.path("id").asText("");
        return (id.isEmpty() ? "a view" : "view " + id) + ": the value of "
                + (field.length() == 0 ? "the view" : field) + " should be " + kind;
    }

    private static String check(ViewDefinition v) {
        if (v.id() == null || v.id().isBlank()) {
            return "a view has no id";
        }
        if (v.columns() == null || v.columns().isEmpty()) {
            return "view " + v.id() + " has no columns";
        }
        if (!v.isList() && v.columns().stream().noneMatch(c -> c.key() && c.hasTag("default"))) {
            return "table view " + v.id() + " has no key column (without tags, or tagged default)";
        }
        for (ViewColumn col : v.columns()) {
            if (col.field() == null || col.field().isBlank()) {
                return "a column of view " + v.id() + " has no field";
            }
        }
        // what would only fail, or be passed over, once the view is shown: said when the file is read
        for (ViewColumn col : v.columns()) {
            String column = "view " + v.id() + ", column " + (col.title() != null ? col.title() : col.field()) + ": ";
            try {
                org.scapscope.field.FieldRegistry.get().bind(col.field());
            } catch (org.scapscope.field.FieldException e) {
                return column + e.getMessage();
            }
            if (col.sinspType() != null && !ViewEngine.VALUE_TYPES.contains(col.sinspType())) {
                return column + "unknown sinspType " + col.sinspType() + " (one of " + String.join(", ", ViewEngine.VALUE_TYPES) + ")";
            }
        }
        if (v.filter() != null && !v.filter().isBlank()) {
            try {
                org.scapscope.filter.FilterCompiler.compile(v.filter());
            } catch (org.scapscope.filter.FilterException e) {
                return "view " + v.id() + ": in its filter: " + e.getMessage();
            }
        }
        if (v.sort() != null && v.sort().column() != null
                && v.columns().stream().noneMatch(c -> !c.hidden() && v.sort().column().equals(c.title()))) {
            return "view " + v.id() + ": it sorts by " + v.sort().column() + ", which is no column's title";
        }
        return null;
    }

    /** The same views as csysdig shows them for containers ({@link ViewDefinition#forContainers}). */
    public ViewCatalog forContainers() {
        ViewCatalog c = new ViewCatalog();
        views.forEach((id, v) -> c.views.put(id, v.forContainers()));
        c.problems.addAll(problems);
        return c;
    }

    /** The same views but those {@code leftOut} selects. */
    public ViewCatalog without(java.util.function.Predicate<ViewDefinition> leftOut) {
        ViewCatalog c = new ViewCatalog();
        views.forEach((id, v) -> {
            if (!leftOut.test(v)) {
                c.views.put(id, v);
            }
        });
        c.problems.addAll(problems);
        return c;
    }

    public ViewDefinition get(String id) {
        return views.get(id);
    }

    /**
     * The view a row of {@code v} opens, or null when it leads nowhere. A view that names none but
     * has a drill-down filter (Syscall Callers) leads, as in csysdig, to the first view by name
     * that can show the events of its key ({@link ViewDefinition#appliesTo}): Connections, for a
     * process.
     */
    public ViewDefinition drillTarget(ViewDefinition v) {
        if (v.drilldown() != null) {
            return get(v.drilldown());
        }
        String field = v.drilldownField();
        if (field == null || v.isList()) {
            return null;
        }
        return views.values().stream()
                .filter(t -> !t.id().equals(v.id()) && t.appliesTo() != null && t.appliesTo().contains(field))
                .min(java.util.Comparator.comparing((ViewDefinition t) -> t.name() != null ? t.name() : t.id()))
                .orElse(null);
    }

    public Collection<ViewDefinition> all() {
        return views.values();
    }

    /** User view files that were left out, with why. */
    public List<String> problems() {
        return problems;
    }
}
