package org.scapscope.scap;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

/** Names of errno values and signals, as sysdig prints them. */
public final class SystemNames {
    private static final Map<Integer, String> ERRNO = new HashMap<>();
    private static final Map<Integer, String> SIGNALS = new HashMap<>();

    static {
        try (InputStream in = SystemNames.class.getResourceAsStream("errno.tsv")) {
            if (in == null) {
                throw new IOException("resource errno.tsv not found");
            }
            BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            String line;
            while ((line = reader.readLine()) != null) {
                String[] cols = line.split("\t");
                if (line.startsWith("#") || cols.length < 3 || "kind".equals(cols[0])) {
                    continue;
                }
                ("errno".equals(cols[0]) ? ERRNO : SIGNALS).put(Integer.parseInt(cols[1]), cols[2]);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private SystemNames() {
    }

    /** Name of an errno value given as a positive number ({@code 2} is {@code ENOENT}), or null. */
    public static String errno(long code) {
        return code > 0 && code < Integer.MAX_VALUE ? ERRNO.get((int) code) : null;
    }

    /** Name of a signal number ({@code 11} is {@code SIGSEGV}), or null. */
    public static String signal(long number) {
        return number > 0 && number < 256 ? SIGNALS.get((int) number) : null;
    }
}
