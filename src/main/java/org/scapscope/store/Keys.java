package org.scapscope.store;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Comparator;
import java.util.regex.Pattern;

/**
 * The layout of a store: {@code PREFIX/ID.scap} (or {@code ID.scap.gz}) and {@code PREFIX/ID.json}.
 * Ids and prefixes are checked here, so that no key names anything outside the store and no id
 * names a file outside the cache.
 */
final class Keys {
    static final String CAPTURE = ".scap";
    static final String COMPRESSED = ".scap.gz";
    static final String METADATA = ".json";

    /** An id: letters, digits, dot, dash and underscore, not starting with a dot, at most 200 characters. */
    private static final Pattern ID = Pattern.compile("[A-Za-z0-9_-][A-Za-z0-9._-]{0,199}");

    /** The order a bucket lists its keys in: by their UTF-8 bytes. */
    static final Comparator<String> LISTING_ORDER = (a, b) -> a.equals(b) ? 0
            : Arrays.compareUnsigned(a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8));

    private Keys() {
    }

    /** Whether {@code id} is a valid capture id. */
    static boolean isValidId(String id) {
        return id != null && ID.matcher(id).matches() && !id.contains("..");
    }

    /** {@code id}, or a {@link StoreException} saying why it cannot name a capture of {@code store}. */
    static String checkId(String id, String store) throws StoreException {
        if (isValidId(id)) {
            return id;
        }
        String why = id == null || id.isEmpty() ? "it is empty"
                : id.contains("..") ? "it contains '..'"
                : id.startsWith("/") || id.startsWith("\\") ? "it is an absolute path"
                : id.contains("/") || id.contains("\\") ? "it contains a path separator"
                : id.length() > 200 ? "it is longer than 200 characters"
                : "only letters, digits, '.', '-' and '_' are allowed, not first '.'";
        throw new StoreInputException("'" + id + "' is not a capture id of " + store + ": " + why);
    }

    /** A prefix in normal form ({@code a/b}, no leading or trailing slash; empty for none), or an error. */
    static String normalizePrefix(String prefix) {
        if (prefix == null) {
            return "";
        }
        String p = prefix;
        while (p.endsWith("/")) {
            p = p.substring(0, p.length() - 1);
        }
        if (p.isEmpty()) {
            return "";
        }
        if (p.startsWith("/") || p.contains("\\")) {
            throw new IllegalArgumentException("the prefix '" + prefix + "' must be relative, with '/' between folders");
        }
        for (String part : p.split("/", -1)) {
            if (part.isEmpty() || part.equals(".") || part.equals("..")) {
                throw new IllegalArgumentException("the prefix '" + prefix + "' has an empty, '.' or '..' folder");
            }
        }
        return p;
    }

    static String key(String prefix, String name) {
        return prefix.isEmpty() ? name : prefix + "/" + name;
    }

    /** The id an object's file name belongs to, or null when it is not a capture or metadata object. */
    static String idOf(String fileName) {
        String stem;
        if (fileName.endsWith(COMPRESSED)) {
            stem = fileName.substring(0, fileName.length() - COMPRESSED.length());
        } else if (fileName.endsWith(CAPTURE)) {
            stem = fileName.substring(0, fileName.length() - CAPTURE.length());
        } else if (fileName.endsWith(METADATA)) {
            stem = fileName.substring(0, fileName.length() - METADATA.length());
        } else {
            return null;
        }
        return isValidId(stem) ? stem : null;
    }

    /** The last part of a key. */
    static String fileName(String key) {
        int slash = key.lastIndexOf('/');
        return slash < 0 ? key : key.substring(slash + 1);
    }
}
