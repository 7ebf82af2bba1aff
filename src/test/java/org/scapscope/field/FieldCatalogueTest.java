package org.scapscope.field;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The registry has every field of sysdig 0.29.3's catalogue, with its type and argument form. */
class FieldCatalogueTest {
    private static List<String[]> catalogue() throws Exception {
        List<String[]> rows = new ArrayList<>();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(
                FieldRegistry.class.getResourceAsStream("fields.tsv"), StandardCharsets.UTF_8))) {
            String line;
            boolean header = true;
            while ((line = r.readLine()) != null) {
                if (line.startsWith("#")) {
                    continue;
                }
                if (header) {
                    header = false;
                    continue;
                }
                rows.add(line.split("\t", -1));
            }
        }
        return rows;
    }

    @Test
    void everyCatalogueFieldIsRegisteredWithItsTypeAndArgument() throws Exception {
        FieldRegistry registry = FieldRegistry.get();
        List<String> missing = new ArrayList<>();
        List<String> wrong = new ArrayList<>();
        for (String[] row : catalogue()) {
            FieldInfo info = registry.info(row[1]);
            if (info == null) {
                missing.add(row[1]);
                continue;
            }
            String type = row[2].equals("DYN") ? "CHARBUF" : row[2];
            if (!info.type().name().equals(type)) {
                wrong.add(row[1] + " type " + info.type() + " (sysdig: " + row[2] + ")");
            }
            if (row[5].contains("FILTER_ONLY") != registry.isFilterOnly(row[1])) {
                wrong.add(row[1] + " filter-only " + registry.isFilterOnly(row[1]));
            }
        }
        assertTrue(missing.isEmpty(), "fields sysdig has and the registry lacks: " + missing);
        assertTrue(wrong.isEmpty(), String.join("\n", wrong));
    }

    @Test
    void argumentsBindAsSysdigWritesThem() throws Exception {
        FieldRegistry registry = FieldRegistry.get();
        assertEquals("evt.arg", registry.bind("evt.arg.fd").info().name());
        assertEquals("evt.arg", registry.bind("evt.arg[0]").info().name());
        assertEquals("proc.aname", registry.bind("proc.aname[2]").info().name());
        assertNotNull(registry.bind("evt.rawarg.res"));
        FieldException unknown = org.junit.jupiter.api.Assertions.assertThrows(FieldException.class,
                () -> registry.bind("proc.nam"));
        assertTrue(unknown.getMessage().contains("proc.nam"), unknown.getMessage());
        FieldException filterOnly = org.junit.jupiter.api.Assertions.assertThrows(FieldException.class,
                () -> OutputFormat.parse("%evt.num %fd.ip"));
        assertTrue(filterOnly.getMessage().contains("filters only"), filterOnly.getMessage());
    }

    @Test
    void eachFieldIsFoundWithOnlyItsOwnClassRegistered() throws Exception {
        List<String> names = new FieldRegistry().allNames();
        assertTrue(names.size() > 200, "fields: " + names.size());
        List<String> wrong = new ArrayList<>();
        for (String name : names) {
            FieldRegistry fresh = new FieldRegistry();
            if (fresh.info(name) == null || fresh.registeredClasses() != 1) {
                wrong.add(name + " (" + fresh.registeredClasses() + " classes registered)");
            }
        }
        assertTrue(wrong.isEmpty(), "fields not found through their own class alone: " + wrong);
    }

    @Test
    void listsFieldsInClassOrderWhateverWasAskedFirst() throws Exception {
        FieldRegistry fresh = new FieldRegistry();
        assertNotNull(fresh.bind("k8s.pod.name"));
        assertNotNull(fresh.bind("proc.name"));
        List<String> order = new ArrayList<>();
        for (FieldInfo f : fresh.fields()) {
            order.add(f.name());
        }
        List<String> expected = new ArrayList<>();
        for (FieldInfo f : new FieldRegistry().fields()) {
            expected.add(f.name());
        }
        assertEquals(expected, order);
        assertEquals("evt.num", order.get(0));
        assertTrue(order.indexOf("proc.name") < order.indexOf("k8s.pod.name"));
        assertEquals(10, fresh.registeredClasses());
    }

    @Test
    void anUnknownNameIsLookedForInEveryClass() {
        FieldRegistry fresh = new FieldRegistry();
        FieldException e = org.junit.jupiter.api.Assertions.assertThrows(FieldException.class,
                () -> fresh.bind("nosuch.field"));
        assertTrue(e.getMessage().contains("nosuch.field"), e.getMessage());
        assertEquals(10, fresh.registeredClasses());
    }
}
