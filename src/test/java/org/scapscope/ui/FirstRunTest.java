package org.scapscope.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.TimeUnit;
import javafx.scene.control.Label;
import javafx.scene.control.TableView;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** A newcomer's first start: an empty library that offers the demo capture, which then opens. */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class FirstRunTest extends NewUserApp {
    @Test
    void anEmptyLibraryOffersTheDemoWhichOpensWithItsEvents() throws Exception {
        waitUntil(() -> lookup("#addDemo").tryQuery().map(javafx.scene.Node::isVisible).orElse(false));
        assertTrue(lookup("#emptyHint").queryAs(Label.class).getText().contains("Your library is empty"));
        clickOn("#addDemo");
        waitUntil(() -> view.table.getItems().size() == 1);
        assertEquals("Demo: shell in a web container", view.table.getItems().get(0).name());
        assertEquals("web-prod-3", view.table.getItems().get(0).host());
        assertTrue(!lookup("#addDemo").query().isVisible(), "the offer goes once the library has a capture");
        doubleClickOn("Demo: shell in a web container");
        waitUntil(() -> lookup("#nav-events").tryQuery().isPresent());
        clickOn("#nav-events");
        // the page is made when first shown, after the click is handled
        waitUntil(() -> lookup("#eventTable").tryQuery().isPresent());
        TableView<?> events = lookup("#eventTable").queryAs(TableView.class);
        waitUntil(() -> !events.getItems().isEmpty());
        assertTrue(events.getItems().size() > 300, "events: " + events.getItems().size());
        clickOn("#gotoEvent").write("622\n");
        waitUntil(() -> events.getSelectionModel().getSelectedIndex() >= 0);
        @SuppressWarnings("unchecked")
        TableView<Integer> rows = (TableView<Integer>) events;
        int row = rows.getSelectionModel().getSelectedIndex();
        // rows are decoded on the worker: a row is blank until its page is
        waitUntil(() -> !rows.getColumns().get(3).getCellData(row).toString().isEmpty());
        assertEquals("cat", rows.getColumns().get(3).getCellData(row));
        assertTrue(rows.getColumns().get(7).getCellData(row).toString().contains("/etc/shadow"),
                rows.getColumns().get(7).getCellData(row).toString());
    }
}
