package org.scapscope.filter;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.GZIPInputStream;

/**
 * The filter battery (src/test/resources/filters/battery.tsv) and the results sysdig 0.29.3 gave
 * for it on each real capture (golden/CAPTURE/filters.tsv.gz, made by tools/make-filter-goldens.sh).
 */
final class FilterBattery {
    /** One battery line: the expression tested and the one sysdig was given (the same, or an equivalent). */
    record Entry(String id, String expression, String oracle) {
    }

    /** sysdig's answer for one entry: the event numbers it printed, or its error. */
    record Expected(boolean error, String message, String ranges) {
    }

    private FilterBattery() {
    }

    static Map<String, Entry> entries() throws IOException {
        Map<String, Entry> out = new LinkedHashMap<>();
        for (String line : Files.readAllLines(Paths.get("src/test/resources/filters/battery.tsv"),
                StandardCharsets.UTF_8)) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            String[] f = line.split("\t", -1);
            String oracle = f.length > 2 && !f[2].isEmpty() ? f[2] : f[1];
            out.put(f[0], new Entry(f[0], f[1], oracle));
        }
        return out;
    }

    /** The goldens of one capture, by battery id; null when there are none. */
    static Map<String, Expected> goldens(Path goldenDir) throws IOException {
        Path file = goldenDir.resolve("filters.tsv.gz");
        if (!Files.exists(file)) {
            return null;
        }
        String text;
        try (var in = new GZIPInputStream(Files.newInputStream(file))) {
            text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        Map<String, Expected> out = new LinkedHashMap<>();
        for (String line : text.split("\n")) {
            if (line.isEmpty()) {
                continue;
            }
            String[] f = line.split("\t", 3);
            boolean error = f[1].equals("error");
            String rest = f.length > 2 ? f[2] : "";
            out.put(f[0], new Expected(error, error ? rest : null, error ? null : rest));
        }
        return out;
    }

    /** Event numbers as the goldens write them: ascending, runs as {@code a-b}, joined by commas. */
    static String ranges(long[] nums, int n) {
        StringBuilder b = new StringBuilder();
        int i = 0;
        while (i < n) {
            int j = i;
            while (j + 1 < n && nums[j + 1] == nums[j] + 1) {
                j++;
            }
            if (b.length() > 0) {
                b.append(',');
            }
            b.append(nums[i]);
            if (j > i) {
                b.append('-').append(nums[j]);
            }
            i = j + 1;
        }
        return b.toString();
    }
}
