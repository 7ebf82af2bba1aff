package org.scapscope.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.prefs.Preferences;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Colouring rules survive saving, however many and long; a value edited by hand never breaks an open. */
class ColorRuleTest {
    private final Preferences prefs = Preferences.userRoot().node("org/scapscope-test/" + UUID.randomUUID());

    @AfterEach
    void removeNode() throws Exception {
        prefs.removeNode();
    }

    @Test
    void rulesLongerThanOnePreferenceValueAreSavedWholeAndReadBack() {
        List<ColorRule> rules = new ArrayList<>();
        for (int i = 0; i < ColorRule.MAX; i++) {
            rules.add(new ColorRule("rule " + i, "proc.name = " + "p".repeat(200) + i, String.format("#%06x", i),
                    i % 2 == 0));
        }
        ColorRule.save(prefs, rules);
        assertEquals(rules, ColorRule.load(prefs));
        // and back to a short list: the parts of the long one go
        ColorRule.save(prefs, ColorRule.DEFAULTS);
        assertEquals(ColorRule.DEFAULTS, ColorRule.load(prefs));
        assertTrue(prefs.get("rules-0", null) == null, "the parts of the long list are removed");
    }

    @Test
    void aValueEditedByHandKeepsItsGoodRulesAndNeverFails() {
        assertEquals(ColorRule.DEFAULTS, ColorRule.load(prefs), "nothing saved: the defaults");
        for (String broken : new String[] {"[null]", "null", "{}", "[1, 2]", "not json", "[{\"name\": \"x\", \"on\": true}]"}) {
            prefs.put("rules", broken);
            List<ColorRule> loaded = ColorRule.load(prefs);
            assertTrue(loaded.equals(ColorRule.DEFAULTS) || loaded.isEmpty(), broken + " gave " + loaded);
        }
        prefs.put("rules", "[{\"name\": null, \"filter\": \"evt.type = open\", \"color\": \"#aabbcc\", \"on\": true},"
                + " {\"name\": \"bad colour\", \"filter\": \"evt.type = read\", \"color\": \"red; -fx-font-size: 90\","
                + " \"on\": true}, null, {\"name\": \"no filter\", \"color\": \"#000000\", \"on\": true}]");
        assertEquals(List.of(new ColorRule("", "evt.type = open", "#aabbcc", true)), ColorRule.load(prefs));
    }
}
