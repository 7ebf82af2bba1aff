package org.scapscope.view;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import org.junit.jupiter.api.Test;

class ViewDefinitionTest {
    private static ViewDefinition view(String json) throws Exception {
        return new ObjectMapper().readValue(json.replace('\'', '"'), ViewDefinition.class);
    }

    @Test
    void aRowOpensTheViewNamedOrElseTheFirstByNameThatShowsItsKey() {
        ViewCatalog catalog = ViewCatalog.builtIn();
        assertSame(catalog.get("threads"), catalog.drillTarget(catalog.get("procs")));
        // Syscall Callers names none: the first view by name that applies to a process, as csysdig picks
        assertSame(catalog.get("connections"), catalog.drillTarget(catalog.get("syscall_procs")));
        ViewCatalog pc = catalog.forContainers();
        assertEquals("connections", pc.drillTarget(pc.get("syscall_procs")).id());
        assertEquals(null, catalog.drillTarget(catalog.get("spy_users")), "a list leads nowhere");
        // a view shown with a column added is the same view: it does not lead to itself
        ViewDefinition callers = catalog.get("syscall_procs");
        ViewDefinition widened = callers.withColumn("proc.name", org.scapscope.field.FieldType.CHARBUF, Aggregation.NONE);
        assertEquals("connections", catalog.drillTarget(widened).id());
        assertEquals(null, catalog.drillTarget(catalog.get("port_bindings")), "nor does a view with no key to narrow by");
    }

    @Test
    void aUserViewFileThatIsWrongSaysWhereAndHow(@org.junit.jupiter.api.io.TempDir java.nio.file.Path folder)
            throws Exception {
        java.util.Map<String, String> files = new java.util.TreeMap<>(java.util.Map.of(
                "a-misspelt.json", "{'id': 'a', 'type': 'table', 'fliter': 'fd.type=file', 'columns': [{'field': 'proc.pid',"
                        + " 'key': true, 'agregation': 'SUM'}], 'sort': {'column': 'PID', 'descnding': true}}",
                "b-not-a-list.json", "{'id': 'b', 'type': 'table', 'columns': 5}",
                "c-cut-short.json", "{'id': 'c',\n 'type': ",
                "d-no-comma.json", "{'id': 'd' 'type': 'table'}",
                "e-no-such-aggregation.json", "{'id': 'e', 'columns': [{'field': 'proc.pid', 'key': true,"
                        + " 'aggregation': 'TOTAL'}]}",
                "f-good.json", "{'id': 'f', 'type': 'table', 'columns': [{'field': 'proc.pid', 'title': 'PID', 'key': true,"
                        + " 'tags': ['default']}], 'sort': {'column': 'PID', 'descending': true}}"));
        for (var f : files.entrySet()) {
            java.nio.file.Files.writeString(folder.resolve(f.getKey()), f.getValue().replace('\'', '"'));
        }
        ViewCatalog catalog = ViewCatalog.withUserViews(folder);
        List<String> problems = catalog.problems();
        assertEquals(5, problems.size(), problems.toString());
        assertEquals(folder.resolve("a-misspelt.json") + ": unknown fields fliter (did you mean filter?),"
                + " columns[0].agregation (did you mean columns[0].aggregation?),"
                + " sort.descnding (did you mean sort.descending?)", problems.get(0));
        assertEquals(folder.resolve("b-not-a-list.json") + ": view b: the value of columns should be a list", problems.get(1));
        assertTrue(problems.get(2).startsWith(folder.resolve("c-cut-short.json") + ": is not valid JSON at line 2, column 10:"),
                problems.get(2));
        assertTrue(problems.get(3).startsWith(folder.resolve("d-no-comma.json") + ": is not valid JSON at line 1, column 12:"),
                problems.get(3));
        assertTrue(problems.get(4).endsWith("view e: the value of columns[0].aggregation should be one of"
                + " [NONE, SUM, AVG, MAX, MIN, TIME_AVG]"), problems.get(4));
        assertTrue(catalog.get("f") != null && catalog.get("a") == null);
    }

    @Test
    void everyBuiltInViewCopiedIntoTheUsersFolderIsTakenAsItIs(@org.junit.jupiter.api.io.TempDir java.nio.file.Path folder)
            throws Exception {
        try (var in = ViewCatalog.class.getResourceAsStream("views.json")) {
            java.nio.file.Files.write(folder.resolve("copied.json"), in.readAllBytes());
        }
        ViewCatalog catalog = ViewCatalog.withUserViews(folder);
        assertTrue(catalog.problems().isEmpty(), catalog.problems().toString());
        assertEquals(ViewCatalog.builtIn().all().size(), catalog.all().size());
    }

    @Test
    void mistakesThatWouldShowOnlyWhenTheViewRunsAreSaidWhenItsFileIsRead(
            @org.junit.jupiter.api.io.TempDir java.nio.file.Path folder) throws Exception {
        String good = "{'field': 'proc.pid', 'title': 'PID', 'key': true, 'tags': ['default']}";
        String[][] cases = {
            {"field", "{'id': 'field', 'columns': [" + good + ", {'field': 'nosuch.field', 'title': 'X'}]}",
                "view field, column X: "},
            {"type", "{'id': 'type', 'columns': [" + good + ", {'field': 'evt.count', 'title': 'N', 'sinspType': 'WHAT'}]}",
                "view type, column N: unknown sinspType WHAT (one of CHARBUF, "},
            {"filter", "{'id': 'filter', 'filter': 'fd.type = = file', 'columns': [" + good + "]}",
                "view filter: in its filter: "},
            {"sort", "{'id': 'sort', 'sort': {'column': 'NOPE'}, 'columns': [" + good + "]}",
                "view sort: it sorts by NOPE, which is no column's title"},
        };
        for (String[] c : cases) {
            java.nio.file.Files.writeString(folder.resolve(c[0] + ".json"), c[1].replace('\'', '"'));
        }
        java.nio.file.Files.writeString(folder.resolve("ok.json"), ("{'id': 'ok', 'sort': {'column': 'PID'}, 'filter':"
                + " 'proc.pid exists', 'columns': [" + good + "]}").replace('\'', '"'));
        ViewCatalog catalog = ViewCatalog.withUserViews(folder);
        List<String> problems = catalog.problems();
        assertEquals(cases.length, problems.size(), problems.toString());
        for (String[] c : cases) {
            String file = folder.resolve(c[0] + ".json") + ": ";
            assertTrue(problems.stream().anyMatch(p -> p.startsWith(file + c[2])), c[0] + ": " + problems);
            assertTrue(catalog.get(c[0]) == null, c[0] + " is left out");
        }
        assertTrue(catalog.get("ok") != null);
    }

    @Test
    void aUserViewWithNoNameCanBeAFallbackDrillDown(@org.junit.jupiter.api.io.TempDir java.nio.file.Path folder)
            throws Exception {
        java.nio.file.Files.writeString(folder.resolve("active.json"), ("{'id': 'Active', 'type': 'table',"
                + " 'appliesTo': ['proc.pid'], 'filter': 'proc.pid exists',"
                + " 'drilldownFilterTemplate': 'proc.pid=%proc.pid',"
                + " 'columns': [{'field': 'proc.pid', 'title': 'PID', 'key': true, 'tags': ['default']},"
                + " {'field': 'evt.count', 'title': 'EVENTS', 'aggregation': 'SUM', 'tags': ['default']}]}").replace('\'', '"'));
        ViewCatalog catalog = ViewCatalog.withUserViews(folder);
        assertTrue(catalog.problems().isEmpty(), catalog.problems().toString());
        assertEquals("Active", catalog.drillTarget(catalog.get("syscall_procs")).id(), "named by its id, before Connections");
        assertEquals("connections", catalog.drillTarget(catalog.get("Active")).id(), "and it does not lead to itself");
    }

    @Test
    void theFormForContainersKeysByTheContainersColumnsAndDrillsByThatKey() throws Exception {
        ViewDefinition files = view("{'id': 'myfiles', 'type': 'table', 'filter': 'fd.type=file',"
                + " 'drilldown': 'procs', 'drilldownFilterTemplate': 'fd.type=file and fd.name = %fd.name',"
                + " 'columns': ["
                + "{'field': 'fd.name', 'title': 'NA', 'key': true, 'hidden': true, 'tags': ['default']},"
                + "{'field': 'fd.containername', 'title': 'NA', 'key': true, 'hidden': true, 'tags': ['containers']},"
                + "{'field': 'evt.count', 'title': 'OPS', 'aggregation': 'SUM'},"
                + "{'field': 'container.name', 'title': 'Container', 'tags': ['containers']}]}");
        ViewDefinition pc = files.forContainers();
        assertEquals(List.of("fd.containername", "evt.count", "container.name"),
                pc.columns().stream().map(ViewColumn::field).toList());
        assertEquals("fd.type=file and fd.containername=%fd.containername", pc.drilldownFilterTemplate());
        assertEquals("fd.containername", pc.drilldownField());
        assertEquals(List.of("OPS", "Container"), pc.shownColumns().stream().map(ViewColumn::title).toList());
        assertEquals(List.of("OPS"), files.shownColumns().stream().map(ViewColumn::title).toList());
    }

    @Test
    void aViewWithNothingForContainersStaysAsItIs() throws Exception {
        ViewDefinition list = view("{'id': 'mylist', 'type': 'list', 'columns': ["
                + "{'field': 'evt.num', 'title': 'NUM', 'tags': ['default']}]}");
        assertSame(list, list.forContainers());
        ViewDefinition noKey = view("{'id': 'mytable', 'type': 'table', 'columns': ["
                + "{'field': 'proc.pid', 'title': 'PID', 'key': true, 'tags': ['default']},"
                + "{'field': 'evt.count', 'title': 'N', 'aggregation': 'SUM'}]}");
        assertSame(noKey, noKey.forContainers());
        assertTrue(ViewCatalog.builtIn().forContainers().get("procs").columns().size()
                > ViewCatalog.builtIn().get("procs").shownColumns().size());
    }
}
