package org.scapscope.view;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;
import org.scapscope.RealCaptures;
import org.scapscope.scap.OpenOptions;
import org.scapscope.scap.ScapFile;

/**
 * Every view on every real capture against {@code csysdig -r FILE -v VIEW -j} (goldens by
 * tools/make-view-goldens.sh): the same rows by key, the same values, decimal numbers within 1 %.
 * Rows csysdig orders arbitrarily (ties, lists) are compared as sets.
 */
class CsysdigConformanceTest {
    @TempDir
    static Path cache;

    @TestFactory
    Stream<DynamicTest> viewsEqualCsysdig() throws IOException {
        ViewCatalog catalog = ViewCatalog.builtIn();
        List<DynamicTest> tests = new ArrayList<>();
        for (Path capture : RealCaptures.all()) {
            Path dir = RealCaptures.goldens().resolve(capture.getFileName().toString()).resolve("views");
            if (!Files.isDirectory(dir)) {
                continue;
            }
            for (ViewDefinition view : catalog.all()) {
                Path golden = dir.resolve(view.id() + ".json.gz");
                if (!Files.exists(golden)) {
                    continue;
                }
                tests.add(DynamicTest.dynamicTest(capture.getFileName() + " " + view.id(),
                        () -> check(capture, view, golden)));
            }
        }
        assertFalse(tests.isEmpty(), "no view goldens under " + RealCaptures.goldens());
        return tests.stream();
    }

    private static void check(Path capture, ViewDefinition view, Path golden) throws Exception {
        JsonNode expected = read(golden);
        ViewTable actual;
        try (ScapFile scap = ScapFile.open(capture, OpenOptions.defaults().cacheDir(cache))) {
            actual = ViewEngine.run(scap, view, null, 0, Long.MAX_VALUE, ZoneOffset.UTC, null, null);
        }
        List<String> failures = new ArrayList<>();
        Map<String, List<JsonNode>> want = new LinkedHashMap<>();
        for (JsonNode row : rows(expected)) {
            String key = view.isList() ? canonical(row.get("d")) : row.get("k").asText();
            want.computeIfAbsent(key, k -> new ArrayList<>()).add(row.get("d"));
        }
        Map<String, List<List<Object>>> got = new LinkedHashMap<>();
        ObjectMapper mapper = new ObjectMapper();
        for (ViewTable.Row r : actual.rows()) {
            String key = view.isList() ? canonical(mapper.valueToTree(r.values())) : r.key();
            got.computeIfAbsent(key, k -> new ArrayList<>()).add(r.values());
        }
        for (String k : want.keySet()) {
            if (!got.containsKey(k)) {
                failures.add("missing row " + k + ": " + want.get(k).get(0));
            }
        }
        for (String k : got.keySet()) {
            if (!want.containsKey(k)) {
                failures.add("extra row " + k + ": " + got.get(k).get(0));
                continue;
            }
            if (want.get(k).size() != got.get(k).size()) {
                failures.add("row " + k + ": " + got.get(k).size() + " times, csysdig " + want.get(k).size());
                continue;
            }
            if (!view.isList()) {
                String diff = compare(want.get(k).get(0), got.get(k).get(0), actual.types());
                if (diff != null) {
                    failures.add("row " + k + ": " + diff);
                }
            }
        }
        if (failures.size() > 12) {
            int n = failures.size();
            failures = new ArrayList<>(failures.subList(0, 12));
            failures.add("... " + (n - 12) + " more");
        }
        assertEquals(List.of(), failures, capture.getFileName() + " " + view.id() + " columns " + actual.columns());
    }

    /** Null when the values agree; else what differs. */
    private static String compare(JsonNode want, List<Object> got, List<String> types) {
        if (want.size() != got.size()) {
            return "columns " + got + " vs csysdig " + want;
        }
        for (int i = 0; i < want.size(); i++) {
            JsonNode w = want.get(i);
            Object g = got.get(i);
            boolean same;
            if (w.isDouble() || "DOUBLE".equals(types.get(i))) {
                double a = w.asDouble();
                double b = ((Number) g).doubleValue();
                same = Math.abs(a - b) <= 1e-9 || Math.abs(a - b) <= 0.01 * Math.max(Math.abs(a), Math.abs(b));
            } else if (w.isNumber()) {
                same = g instanceof Number n && n.longValue() == w.asLong()
                        || g instanceof String s && s.equals(w.asText());
            } else if (w.isBoolean()) {
                same = Boolean.valueOf(w.asBoolean()).equals(g);
            } else {
                same = w.asText().equals(String.valueOf(g));
            }
            if (!same) {
                return "column " + i + " is " + g + ", csysdig " + w + " (row " + got + ")";
            }
        }
        return null;
    }

    private static String canonical(JsonNode values) {
        return values.toString();
    }

    private static List<JsonNode> rows(JsonNode root) {
        List<JsonNode> out = new ArrayList<>();
        for (JsonNode slice : root.get("slices")) {
            if (slice.has("data")) {
                slice.get("data").forEach(out::add);
            }
        }
        return out;
    }

    private static JsonNode read(Path golden) throws IOException {
        try (var in = new GZIPInputStream(Files.newInputStream(golden))) {
            return new ObjectMapper().readTree(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        }
    }
}
