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

    /** The most rules the event list colours by: a row keeps its rule's number in a byte. */
    static final int MAX = org.scapscope.view.EventList.ColorRules.MAX;

    private static final String KEY = "rules";
    /** With the rules too long for one preference value, how many values hold them ({@code rules-0}, ...). */
    private static final String PARTS = "rules-parts";
    private static final int PART = Preferences.MAX_VALUE_LENGTH;
    private static final java.util.regex.Pattern COLOR = java.util.regex.Pattern.compile("#[0-9a-fA-F]{6}");
    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * The rules saved in {@code prefs}, or the defaults when none were or what was saved cannot be
     * read. A rule saved without a filter or with a colour that is not {@code #rrggbb} (a value edited
     * by hand) is left out, and at most {@link #MAX} are taken.
     */
    static List<ColorRule> load(Preferences prefs) {
        String saved = saved(prefs);
        if (saved == null) {
            return DEFAULTS;
        }
        List<ColorRule> read;
        try {
            read = JSON.readValue(saved, new TypeReference<List<ColorRule>>() { });
        } catch (java.io.IOException | RuntimeException e) {
            return DEFAULTS;
        }
        if (read == null) {
            return DEFAULTS;
        }
        List<ColorRule> out = new java.util.ArrayList<>();
        for (ColorRule r : read) {
            if (r != null && r.filter() != null && r.color() != null && COLOR.matcher(r.color()).matches()
                    && out.size() < MAX) {
                out.add(new ColorRule(r.name() == null ? "" : r.name(), r.filter(), r.color(), r.on()));
            }
        }
        return List.copyOf(out);
    }

    private static String saved(Preferences prefs) {
        int parts = prefs.getInt(PARTS, -1);
        if (parts < 0) {
            return prefs.get(KEY, null);
        }
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < parts; i++) {
            String part = prefs.get(KEY + "-" + i, null);
            if (part == null) {
                return null; // saved in part only
            }
            b.append(part);
        }
        return b.toString();
    }

    /** Saves the rules, in as many preference values as their text needs. */
    static void save(Preferences prefs, List<ColorRule> rules) {
        String json;
        try {
            json = JSON.writeValueAsString(rules);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("colouring rules are plain records", e);
        }
        int old = prefs.getInt(PARTS, 0);
        for (int i = 0; i < old; i++) {
            prefs.remove(KEY + "-" + i);
        }
        if (json.length() <= PART) {
            prefs.remove(PARTS);
            prefs.put(KEY, json);
            return;
        }
        prefs.remove(KEY);
        int parts = (json.length() + PART - 1) / PART;
        for (int i = 0; i < parts; i++) {
            prefs.put(KEY + "-" + i, json.substring(i * PART, Math.min(json.length(), (i + 1) * PART)));
        }
        prefs.putInt(PARTS, parts);
    }
}
