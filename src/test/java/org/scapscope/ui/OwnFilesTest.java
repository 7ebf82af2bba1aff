package org.scapscope.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import javafx.scene.control.Label;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.input.KeyCode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The analyst's own views and Falco rules files, from the settings folder of the app as started: a
 * capture opened reads them, uses what it can, and says which files it left out and why.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class OwnFilesTest extends NewUserApp {
    @Override
    void beforeStart() throws Exception {
        Path config = tmp.resolve("config").resolve("scapscope");
        Path rules = Files.createDirectories(config.resolve("rules"));
        Files.writeString(rules.resolve("mine.yaml"), "- list: readers\n  items: [cat, less, head]\n"
                + "- macro: reads_shadow\n  condition: fd.name = /etc/shadow and proc.name in (readers)\n");
        Files.writeString(rules.resolve("zz-broken.yaml"), "- macro: broken\n  condition: [unclosed\n");
        Path views = Files.createDirectories(config.resolve("views"));
        Files.writeString(views.resolve("shells.json"), "{\"id\": \"shell_files\", \"name\": \"Shell Files\","
                + " \"filter\": \"fd.type=file\", \"columns\": [{\"field\": \"fd.name\", \"key\": true, \"title\": \"FILE\"},"
                + " {\"field\": \"evt.count\", \"aggregation\": \"SUM\", \"title\": \"EVENTS\"}]}");
        Files.writeString(views.resolve("typo.json"), "{\"id\": \"typo\", \"fliter\": \"fd.type=file\","
                + " \"columns\": [{\"field\": \"proc.pid\", \"key\": true}]}");
    }

    private InspectorViewModel openDemo() throws Exception {
        waitUntil(() -> lookup("#addDemo").tryQuery().map(javafx.scene.Node::isVisible).orElse(false));
        clickOn("#addDemo");
        waitUntil(() -> view.table.getItems().size() == 1);
        doubleClickOn("Demo: shell in a web container");
        waitUntil(() -> lookup("#nav-events").tryQuery().isPresent());
        InspectorTab tab = (InspectorTab) view.tabs.getSelectionModel().getSelectedItem();
        return tab.pane.vm;
    }

    /** Applies a filter in the filter bar and returns how many events the event list then shows. */
    private int eventsShownWith(InspectorViewModel vm, String filter) throws Exception {
        TextField bar = lookup("#filterField").queryAs(TextField.class);
        interact(() -> bar.setText(filter));
        clickOn(bar).type(KeyCode.ENTER);
        waitUntil(() -> filter.equals(vm.appliedFilterProperty().get()) && !vm.busyProperty().get()
                && vm.eventsProperty().get() != null);
        return vm.eventsProperty().get().size();
    }

    @Test
    void theFolderMacrosNarrowTheEventsAndTheFilesLeftOutAreNamed() throws Exception {
        InspectorViewModel vm = openDemo();
        Path folder = tmp.resolve("config").resolve("scapscope");
        Label rulesLeftOut = lookup("#ruleProblems").queryAs(Label.class);
        assertTrue(rulesLeftOut.getText().contains(folder.resolve("rules").resolve("zz-broken.yaml").toString())
                && rulesLeftOut.getText().contains("not valid YAML"), rulesLeftOut.getText());
        Label viewsLeftOut = lookup("#viewProblems").queryAs(Label.class);
        assertTrue(viewsLeftOut.getText().contains(folder.resolve("views").resolve("typo.json")
                + ": unknown field fliter (did you mean filter?)"), viewsLeftOut.getText());
        assertTrue(!viewsLeftOut.getText().contains("shells.json"), viewsLeftOut.getText());

        clickOn("#nav-events");
        waitUntil(() -> lookup("#eventTable").tryQuery().isPresent());
        TableView<?> events = lookup("#eventTable").queryAs(TableView.class);
        waitUntil(() -> !events.getItems().isEmpty());
        int all = events.getItems().size();
        int byMacro = eventsShownWith(vm, "reads_shadow");
        int spelledOut = eventsShownWith(vm, "fd.name = /etc/shadow and proc.name in (cat, less, head)");
        assertEquals(spelledOut, byMacro);
        assertTrue(byMacro > 0 && byMacro < all, byMacro + " of " + all);
        // the macro's name is offered where a field could go
        assertTrue(vm.macroNames().contains("reads_shadow"), vm.macroNames().toString());
    }

    @Test
    void aViewFromTheFolderIsListedAndComputed() throws Exception {
        InspectorViewModel vm = openDemo();
        InspectorTab tab = (InspectorTab) view.tabs.getSelectionModel().getSelectedItem();
        // listed among the views, under its own name, and opened from there
        javafx.scene.control.ListView<?> nav = tab.pane.nav;
        int at = -1;
        for (int i = 0; i < nav.getItems().size(); i++) {
            if (nav.getItems().get(i).toString().contains("Shell Files")) {
                at = i;
            }
        }
        assertTrue(at >= 0, nav.getItems().toString());
        int row = at;
        interact(() -> nav.scrollTo(row));
        waitUntil(() -> lookup("#nav-shell_files").tryQuery().isPresent());
        clickOn("#nav-shell_files");
        waitUntil(() -> vm.pageProperty().get() == InspectorViewModel.Page.VIEW && !vm.busyProperty().get()
                && vm.tableProperty().get() != null && vm.tableProperty().get().view().id().equals("shell_files"));
        assertTrue(vm.tableProperty().get().rows().stream().anyMatch(r -> r.key().equals("/etc/shadow")),
                vm.tableProperty().get().rows().toString());
    }
}
