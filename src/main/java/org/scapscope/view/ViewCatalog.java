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
                    ViewDefinition v = item.isObject() ? json.treeToValue(item, ViewDefinition.class) : null;
                    String problem = v == null ? "holds no view definition (a JSON object, or an array of them)"
                            : check(v);
                    if (problem != null) {
                        c.problems.add(f + ": " + problem);
                    } else {
                        c.views.put(v.id(), v);
                    }
                }
            } catch (IOException e) {
                c.problems.add(f + ": " + e.getMessage().split("\n")[0]);
            }
        }
        return c;
    }

    /** The user's views folder. */
    public static Path userFolder() {
        String xdg = System.getenv("XDG_CONFIG_HOME");
        Path base = xdg != null && !xdg.isBlank() ? Path.of(xdg) : Path.of(System.getProperty("user.home"), ".config");
        return base.resolve("scapscope").resolve("views");
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
