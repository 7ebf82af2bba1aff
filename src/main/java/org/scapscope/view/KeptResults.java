package org.scapscope.view;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.CodeSource;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.scapscope.scap.Digests;
import org.scapscope.scap.FileReplace;
import org.scapscope.scap.ScapFile;

/**
 * The overview and the views of a whole capture with no filter, kept in the cache beside its index
 * (a JSON file each in {@code CACHEKEY.results/}) so that a capture opened again shows them at once. An
 * entry holds only for the capture as it was (size and stamp), the code that computed it (its
 * version and build time) and the definition it was computed from: anything else is computed
 * anew. A file that cannot be read or written costs only the computing.
 */
public final class KeptResults {
    /** Rows past which a view is not kept: an event list such as spy_users is its own cache's business. */
    static final int MOST_ROWS = 50_000;
    private static final String LAYOUT = "scapscope-results-1";
    private static final ObjectMapper JSON = new ObjectMapper();

    private KeptResults() {
    }

    /** The overview of the whole capture with no filter, as kept, or null. */
    public static Overview.Result overview(ScapFile capture, int samples) {
        JsonNode n = entry(capture, overviewKey(samples));
        if (n == null) {
            return null;
        }
        try {
            Map<String, OverviewTile> tiles = new HashMap<>();
            for (OverviewTile t : Overview.tiles()) {
                tiles.put(t.id(), t);
            }
            List<Overview.TileResult> out = new ArrayList<>();
            for (JsonNode t : n.get("tiles")) {
                OverviewTile tile = tiles.get(t.get("id").asText());
                if (tile == null) {
                    return null;
                }
                JsonNode s = t.get("series");
                long[] series = new long[s.size()];
                for (int i = 0; i < series.length; i++) {
                    series[i] = s.get(i).asLong();
                }
                out.add(new Overview.TileResult(tile, t.get("total").asLong(), series));
            }
            return new Overview.Result(n.get("start").asLong(), n.get("sampleWidth").asLong(), out);
        } catch (RuntimeException e) {
            return null; // a damaged entry: computed again
        }
    }

    /** Keeps the overview of the whole capture with no filter. */
    public static void keep(ScapFile capture, int samples, Overview.Result result) {
        ObjectNode n = JSON.createObjectNode();
        n.put("start", result.start());
        n.put("sampleWidth", result.sampleWidth());
        ArrayNode tiles = n.putArray("tiles");
        for (Overview.TileResult t : result.tiles()) {
            ObjectNode o = tiles.addObject();
            o.put("id", t.tile().id());
            o.put("total", t.total());
            ArrayNode s = o.putArray("series");
            for (long v : t.series()) {
                s.add(v);
            }
        }
        put(capture, overviewKey(samples), n);
    }

    /** A view of the whole capture with no filter, as kept, or null. */
    public static ViewTable view(ScapFile capture, ViewDefinition view, ZoneId zone) {
        JsonNode n = entry(capture, viewKey(view, zone));
        if (n == null) {
            return null;
        }
        try {
            List<String> columns = strings(n.get("columns"));
            List<String> types = strings(n.get("types"));
            List<ViewTable.Row> rows = new ArrayList<>();
            for (JsonNode r : n.get("rows")) {
                List<Object> values = values(r.get("values"));
                JsonNode order = r.get("order");
                rows.add(new ViewTable.Row(r.get("key").asText(), values, order == null ? values : values(order)));
            }
            return new ViewTable(view, columns, types, rows);
        } catch (RuntimeException e) {
            return null;
        }
    }

    /** Keeps a view of the whole capture with no filter, unless it has too many rows to be worth it. */
    public static void keep(ScapFile capture, ViewDefinition view, ZoneId zone, ViewTable table) {
        if (table.rows().size() > MOST_ROWS) {
            return;
        }
        ObjectNode n = JSON.createObjectNode();
        n.set("columns", strings(table.columns()));
        n.set("types", strings(table.types()));
        ArrayNode rows = n.putArray("rows");
        for (ViewTable.Row r : table.rows()) {
            ObjectNode o = rows.addObject();
            o.put("key", r.key());
            o.set("values", typed(r.values()));
            if (r.order() != r.values()) {
                o.set("order", typed(r.order()));
            }
        }
        put(capture, viewKey(view, zone), n);
    }

    /** Values with their types: ["l", 3], ["d", 0.5], ["b", true], ["s", "x"], null. */
    private static ArrayNode typed(List<Object> values) {
        ArrayNode a = JSON.createArrayNode();
        for (Object v : values) {
            if (v == null) {
                a.addNull();
            } else if (v instanceof Long l) {
                a.addArray().add("l").add(l);
            } else if (v instanceof Double d) {
                a.addArray().add("d").add(d);
            } else if (v instanceof Boolean b) {
                a.addArray().add("b").add(b);
            } else if (v instanceof Integer i) {
                a.addArray().add("i").add(i);
            } else if (v instanceof BigInteger u) {
                a.addArray().add("u").add(u.toString());
            } else {
                a.addArray().add("s").add(v.toString());
            }
        }
        return a;
    }

    private static List<Object> values(JsonNode a) {
        List<Object> out = new ArrayList<>(a.size());
        for (JsonNode v : a) {
            if (v.isNull()) {
                out.add(null);
                continue;
            }
            JsonNode x = v.get(1);
            switch (v.get(0).asText()) {
                case "l" -> out.add(x.asLong());
                case "d" -> out.add(x.asDouble());
                case "b" -> out.add(x.asBoolean());
                case "i" -> out.add(x.asInt());
                case "u" -> out.add(new BigInteger(x.asText()));
                case "s" -> out.add(x.asText());
                default -> throw new IllegalArgumentException("value of unknown type " + v.get(0));
            }
        }
        return out;
    }

    private static List<String> strings(JsonNode a) {
        List<String> out = new ArrayList<>(a.size());
        a.forEach(v -> out.add(v.isNull() ? null : v.asText()));
        return out;
    }

    private static ArrayNode strings(List<String> texts) {
        ArrayNode a = JSON.createArrayNode();
        texts.forEach(a::add);
        return a;
    }

    private static String overviewKey(int samples) {
        return "overview " + samples + " " + digest(Overview.tiles().toString());
    }

    private static String viewKey(ViewDefinition view, ZoneId zone) {
        return "view " + view.id() + " " + zone.getId() + " " + digest(view.toString());
    }

    private static String digest(String text) {
        return Digests.shortName(text, 12);
    }

    /** The file an entry is kept in: one per entry, in a folder beside the capture's index. */
    private static Path fileOf(ScapFile capture, String key) {
        return capture.cacheFile("results").resolve(digest(key) + ".json");
    }

    /** The entry kept under {@code key} for this state of the capture and this build, or null. */
    private static JsonNode entry(ScapFile capture, String key) {
        Path file = fileOf(capture, key);
        try {
            if (!Files.isRegularFile(file)) {
                return null;
            }
            JsonNode root = JSON.readTree(file.toFile());
            if (root.path("layout").asText().equals(LAYOUT) && root.path("size").asLong() == capture.fileSize()
                    && root.path("stamp").asLong() == capture.stamp() && root.path("build").asText().equals(BUILD)
                    && root.path("key").asText().equals(key) && root.get("value") != null) {
                return root.get("value");
            }
        } catch (IOException | RuntimeException e) {
            // damaged: as if there were none
        }
        return null;
    }

    /** Keeps an entry: written aside, then moved over the one before, so a reader never sees half of it. */
    private static void put(ScapFile capture, String key, JsonNode value) {
        Path file = fileOf(capture, key);
        try {
            ObjectNode root = JSON.createObjectNode();
            root.put("layout", LAYOUT).put("size", capture.fileSize()).put("stamp", capture.stamp()).put("build", BUILD)
                    .put("key", key);
            root.set("value", value);
            Files.createDirectories(file.getParent());
            FileReplace.write(file, JSON.writeValueAsBytes(root));
        } catch (IOException | RuntimeException e) {
            // no cache folder to write to: the next open computes again
        }
    }

    /**
     * What identifies the code computing the results: its version and when the jar (or class
     * folder) holding it was built, so that a new build never shows what an older one computed.
     */
    static final String BUILD = build();

    private static String build() {
        String version = KeptResults.class.getPackage().getImplementationVersion();
        long built = 0;
        try {
            CodeSource source = KeptResults.class.getProtectionDomain().getCodeSource();
            if (source != null) {
                Path p = Path.of(source.getLocation().toURI());
                if (Files.isDirectory(p)) {
                    // classes compiled one by one: the newest of them
                    try (Stream<Path> files = Files.walk(p)) {
                        built = files.filter(f -> f.toString().endsWith(".class")).mapToLong(f -> {
                            try {
                                return Files.getLastModifiedTime(f).toMillis();
                            } catch (IOException e) {
                                return System.nanoTime();
                            }
                        }).max().orElse(0);
                    }
                } else {
                    built = Files.getLastModifiedTime(p).toMillis();
                }
            }
        } catch (Exception e) {
            built = System.nanoTime(); // unknown: nothing kept outlives this run
        }
        return (version == null ? "development" : version) + "@" + built;
    }
}
