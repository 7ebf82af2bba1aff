package org.scapscope.filter;

import java.util.ArrayList;
import java.util.List;

/**
 * The search paths of {@code pmatch}: a path matches when the components of one of them
 * (split at slashes, empty ones dropped) begin its own components. {@code /var/run} matches
 * {@code /var/run/docker.sock} and {@code /var/run}, not {@code /var}.
 */
final class PathPrefixes {
    private final List<String[]> prefixes;

    private PathPrefixes(List<String[]> prefixes) {
        this.prefixes = prefixes;
    }

    static PathPrefixes of(List<String> paths) {
        List<String[]> p = new ArrayList<>();
        for (String s : paths) {
            p.add(components(s));
        }
        return new PathPrefixes(p);
    }

    boolean matches(String path) {
        String[] c = components(path);
        for (String[] prefix : prefixes) {
            if (prefix.length <= c.length) {
                boolean all = true;
                for (int i = 0; i < prefix.length && all; i++) {
                    all = prefix[i].equals(c[i]);
                }
                if (all) {
                    return true;
                }
            }
        }
        return false;
    }

    private static String[] components(String path) {
        List<String> out = new ArrayList<>();
        int start = 0;
        for (int i = 0; i <= path.length(); i++) {
            if (i == path.length() || path.charAt(i) == '/') {
                if (i > start) {
                    out.add(path.substring(start, i));
                }
                start = i + 1;
            }
        }
        return out.toArray(new String[0]);
    }
}
