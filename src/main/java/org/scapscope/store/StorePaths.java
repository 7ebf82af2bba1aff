package org.scapscope.store;

import java.nio.file.Path;
import java.util.Map;

/** Where Scapscope keeps a user's things, after the XDG base directory conventions. */
public final class StorePaths {
    private StorePaths() {
    }

    /** The local library: {@code $SCAPSCOPE_LIBRARY}, else {@code $XDG_DATA_HOME/scapscope/library}, else {@code ~/.local/share/scapscope/library}. */
    public static Path library(Map<String, String> env, Path home) {
        String own = env.get("SCAPSCOPE_LIBRARY");
        if (own != null && !own.isEmpty()) {
            return Path.of(own);
        }
        return base(env, "XDG_DATA_HOME", home, ".local/share").resolve("scapscope").resolve("library");
    }

    /** The settings folder: {@code $XDG_CONFIG_HOME/scapscope}, else {@code ~/.config/scapscope}. */
    public static Path config(Map<String, String> env, Path home) {
        return base(env, "XDG_CONFIG_HOME", home, ".config").resolve("scapscope");
    }

    /** The user's own views, one JSON or YAML file each: the settings folder's {@code views}. */
    public static Path views(Map<String, String> env, Path home) {
        return config(env, home).resolve("views");
    }

    /** The user's Falco rules files, whose lists and macros filters may use: the settings folder's {@code rules}. */
    public static Path rules(Map<String, String> env, Path home) {
        return config(env, home).resolve("rules");
    }

    private static Path base(Map<String, String> env, String var, Path home, String fallback) {
        String v = env.get(var);
        // the spec says relative paths are to be ignored
        return v != null && !v.isEmpty() && Path.of(v).isAbsolute() ? Path.of(v) : home.resolve(fallback);
    }

    /** The user's home folder. */
    public static Path home() {
        return Path.of(System.getProperty("user.home"));
    }
}
