package org.scapscope.ui;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import java.util.prefs.Preferences;

/**
 * A rule that colours the events a filter selects in the event list, as a packet tool's colouring
 * rules do: the first rule (in order) whose filter holds gives a row its colour.
 *
 * @param name what the colour means, for the legend
 * @param filter the filter, in the sysdig/Falco language
 * @param color the row's background, as {@code #rrggbb}
 * @param on whether the rule is used
 */
record ColorRule(String name, String filter, String color, boolean on) {
    /** The rules a first run starts with: program runs, connections and writes under /etc. */
    static final List<ColorRule> DEFAULTS = List.of(
            new ColorRule("Program runs", "evt.type in (execve, execveat) and evt.dir = <", "#e6dcf7", true),
            new ColorRule("Connections", "evt.type in (connect, accept, accept4) and evt.dir = <", "#d9eafb", true),
            new ColorRule("Writes under /etc", "evt.is_io_write = true and fd.name startswith /etc/", "#fde3c9", true));

    private static final String KEY = "rules";
    private static final ObjectMapper JSON = new ObjectMapper();

    /** The rules saved in {@code prefs}, or the defaults when none were (or what was saved cannot be read). */
    static List<ColorRule> load(Preferences prefs) {
        String saved = prefs.get(KEY, null);
        if (saved == null) {
            return DEFAULTS;
        }
        try {
            return List.copyOf(JSON.readValue(saved, new TypeReference<List<ColorRule>>() { }));
        } catch (java.io.IOException e) {
            return DEFAULTS;
        }
    }

    static void save(Preferences prefs, List<ColorRule> rules) {
        try {
            prefs.put(KEY, JSON.writeValueAsString(rules));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("colouring rules are plain records", e);
        }
    }
}
