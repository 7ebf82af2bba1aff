package org.scapscope.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.control.TableView;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.scapscope.RealCaptures;
import org.scapscope.store.CaptureMetadata;
import org.scapscope.store.CaptureStore;
import org.scapscope.store.StoreLocator;
import org.scapscope.store.StoreOptions;
import org.scapscope.store.StoredCapture;
import org.scapscope.store.Trigger;
import org.testfx.framework.junit5.ApplicationTest;
import org.testfx.util.WaitForAsyncUtils;

/** The capture browser, driven as an analyst would: on the local library with a few captures. */
@org.junit.jupiter.api.Timeout(value = 120, unit = TimeUnit.SECONDS)
class CaptureBrowserTest extends ApplicationTest {
    @TempDir
    Path tmp;

    MainView view;
    FxWorker worker;
    StoreLocator locator;
    StoreOptions options;

    @Override
    public void start(Stage stage) throws Exception {
        locator = new StoreLocator(Map.of("XDG_DATA_HOME", tmp.resolve("data").toString(),
                "XDG_CONFIG_HOME", tmp.resolve("config").toString()), tmp.resolve("home"));
        options = StoreOptions.defaults(tmp.resolve("cache"));
        try (CaptureStore library = CaptureStore.local(locator.library(), options)) {
            library.put(RealCaptures.named("sample.scap"), CaptureMetadata.EMPTY.withId("nginx-shell")
                    .withName("nginx shell").withHost("web-01").withTrigger(Trigger.policy("Terminal shell in container", 10, 20)), null);
            library.put(RealCaptures.named("502Error.scap"), CaptureMetadata.EMPTY.withId("api-502").withName("api 502")
                    .withHost("api-02"), null);
            library.put(RealCaptures.named("sample.scap"), CaptureMetadata.EMPTY.withId("old-one").withName("old one")
                    .withHost("db-03").withLifetime(null, Instant.now().plus(Duration.ofDays(2))), null);
            Files.writeString(locator.library().resolve("failed.json"),
                    "{\"name\":\"nightly\",\"status\":\"error\",\"error\":\"the agent ran out of disk\"}", StandardCharsets.UTF_8);
        }
        worker = new FxWorker();
        view = ScapscopeApp.build(worker, locator, options, tmp.resolve("cache"));
        stage.setScene(new Scene(view, 1280, 720));
        stage.setTitle(ScapscopeApp.TITLE);
        stage.show();
    }

    @AfterEach
    void closeDialogs() throws Exception {
        WaitForAsyncUtils.waitForFxEvents();
        // captures opened in tabs go on working in the cache, which is removed after the test: close
        // them, and wait for what they started (a result being kept, say) to end
        interact(view::closeCaptures);
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> worker.active() == 0);
    }

    TableView<StoredCapture> table() {
        return view.table;
    }

    void waitUntil(BooleanSupplier condition) throws Exception {
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, condition::getAsBoolean);
        WaitForAsyncUtils.waitForFxEvents();
    }

    /** The header of a column of the capture table. */
    javafx.scene.Node header(String title) {
        return lookup("#col" + title).match(n -> n.getStyleClass().contains("column-header")).query();
    }

    /** The names listed, read on the JavaFX thread, which changes the list as the library changes. */
    List<String> names() {
        java.util.concurrent.atomic.AtomicReference<List<String>> names = new java.util.concurrent.atomic.AtomicReference<>();
        interact(() -> names.set(table().getItems().stream().map(StoredCapture::name).toList()));
        return names.get();
    }

    @Test
    void listsTheLibraryUnderATitleNamingTheApp() throws Exception {
        waitUntil(() -> table().getItems().size() == 4);
        assertTrue(((Stage) view.getScene().getWindow()).getTitle().contains("Scapscope"));
        assertTrue(names().containsAll(List.of("nginx shell", "api 502", "old one", "nightly")), names().toString());
        assertEquals("Local library", view.storeList.getSelectionModel().getSelectedItem().name());
        assertEquals("4 captures", view.status.getText());
        // the library's captures are files here already: nothing to download, the rest applies
        assertFalse(lookup("#download").query().isVisible());
        assertTrue(lookup("#open").query().isVisible() && lookup("#reveal").query().isVisible());
    }

    @Test
    void theSelectionStaysWhenTheStoreIsListedAgain() throws Exception {
        waitUntil(() -> table().getItems().size() == 4);
        int api = names().indexOf("api 502");
        int old = names().indexOf("old one");
        interact(() -> {
            table().getSelectionModel().clearSelection();
            table().getSelectionModel().select(api);
            table().getSelectionModel().select(old);
        });
        StoredCapture before = table().getItems().get(api);
        // the store changes (the metadata of a capture is written again), and is listed again
        try (CaptureStore library = CaptureStore.local(locator.library(), options)) {
            library.putMetadata("nginx-shell", library.info("nginx-shell").metadata().withName("nginx shell, again"));
        }
        clickOn("#refresh");
        // the rows are those of the new listing
        waitUntil(() -> table().getItems().size() == 4 && names().contains("nginx shell, again")
                && table().getItems().stream().noneMatch(c -> c == before));
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(java.util.Set.of("api-502", "old-one"), table().getSelectionModel().getSelectedItems().stream()
                .map(StoredCapture::id).collect(java.util.stream.Collectors.toSet()));
        assertTrue(table().getItems().stream().noneMatch(c -> c == null));

        // listed again unchanged, the rows stay as they are
        StoredCapture kept = table().getItems().get(0);
        interact(() -> view.browser().refresh());
        waitUntil(() -> !view.browser().busyProperty().get());
        assertSame(kept, table().getItems().get(0));
    }

    @Test
    void searchNarrowsAsYouType() throws Exception {
        waitUntil(() -> table().getItems().size() == 4);
        clickOn("#search").write("api");
        waitUntil(() -> table().getItems().size() == 1);
        assertEquals(List.of("api 502"), names());
        assertEquals("1 of 4 captures", view.status.getText());
        clickOn("#search").eraseText(3).write("terminal shell");
        waitUntil(() -> names().equals(List.of("nginx shell")));
    }

    @Test
    void errorAndExpiringToggles() throws Exception {
        waitUntil(() -> table().getItems().size() == 4);
        clickOn("#onlyErrors");
        waitUntil(() -> names().equals(List.of("nightly")));
        clickOn("#onlyErrors");
        clickOn("#onlyExpiring");
        waitUntil(() -> names().equals(List.of("old one")));
        clickOn("#onlyExpiring");
        waitUntil(() -> table().getItems().size() == 4);
        // both on, nothing left: the list says what narrows it
        clickOn("#onlyErrors");
        clickOn("#onlyExpiring");
        waitUntil(() -> table().getItems().isEmpty());
        assertEquals("No captures match Errors only and Expiring only.",
                lookup("#emptyHint").queryAs(Label.class).getText());
    }

    @Test
    void sortsByAnyColumn() throws Exception {
        waitUntil(() -> table().getItems().size() == 4);
        clickOn(header("Name"));
        waitUntil(() -> names().equals(List.of("api 502", "nginx shell", "nightly", "old one")));
        clickOn(header("Name"));
        waitUntil(() -> names().equals(List.of("old one", "nightly", "nginx shell", "api 502")));
        // sizes and times: the largest first, then the smallest
        clickOn(header("Size"));
        waitUntil(() -> table().getItems().get(0).size() >= table().getItems().get(3).size()
                && table().getItems().get(0).size() > 0);
        clickOn(header("Size"));
        waitUntil(() -> table().getItems().get(0).size() <= table().getItems().get(3).size());
        clickOn(header("Host"));
        waitUntil(() -> table().getItems().get(0).host().isEmpty() && table().getItems().get(1).host().equals("api-02"));
    }

    @Test
    void deleteAsksAndNoKeepsYesDeletes() throws Exception {
        waitUntil(() -> table().getItems().size() == 4);
        clickOn("api 502");
        clickOn("#delete");
        waitUntil(() -> lookup("#confirmNo").tryQuery().isPresent());
        assertTrue(lookup(".dialog-pane .content").queryAs(Label.class).getText().contains("api 502"));
        clickOn("#confirmNo");
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(4, table().getItems().size());
        assertTrue(Files.exists(locator.library().resolve("api-502.scap")));
        clickOn("api 502");
        clickOn("#delete");
        waitUntil(() -> lookup("#confirmYes").tryQuery().isPresent());
        clickOn("#confirmYes");
        waitUntil(() -> table().getItems().size() == 3);
        assertFalse(names().contains("api 502"));
        assertFalse(Files.exists(locator.library().resolve("api-502.scap")));
    }

    @Test
    void deletesManyAtOnce() throws Exception {
        waitUntil(() -> table().getItems().size() == 4);
        interact(() -> {
            table().getSelectionModel().clearSelection();
            for (int i = 0; i < table().getItems().size(); i++) {
                String n = table().getItems().get(i).name();
                if (n.equals("old one") || n.equals("nightly")) {
                    table().getSelectionModel().select(i);
                }
            }
        });
        clickOn("#delete");
        waitUntil(() -> lookup("#confirmYes").tryQuery().isPresent());
        String text = lookup(".dialog-pane .content").queryAs(Label.class).getText();
        assertTrue(text.contains("old one") && text.contains("nightly"), text);
        clickOn("#confirmYes");
        waitUntil(() -> names().size() == 2 && !names().contains("old one") && !names().contains("nightly"));
    }

    @Test
    void droppedCapturesAreAddedWithTheirDetails() throws Exception {
        waitUntil(() -> table().getItems().size() == 4);
        Path dropped = Files.copy(RealCaptures.named("sample.scap"), tmp.resolve("from-desktop.scap"));
        Path notACapture = Files.writeString(tmp.resolve("notes.txt"), "hello");
        // as a drop does: the dialog opens after the drop has been handled
        javafx.application.Platform.runLater(() -> view.filesDropped(List.of(new File(dropped.toString()),
                new File(notACapture.toString()))));
        waitUntil(() -> lookup("#captureName").tryQuery().isPresent());
        clickOn("#captureName").eraseText(20).write("from the desktop");
        clickOn("#captureHost").write("laptop-7");
        clickOn("#captureTrigger").write("Suspicious curl");
        clickOn("#addCaptureConfirm");
        waitUntil(() -> names().contains("from the desktop"));
        StoredCapture added = table().getItems().stream().filter(c -> c.name().equals("from the desktop")).findFirst().orElseThrow();
        assertEquals("laptop-7", added.host());
        assertEquals("Suspicious curl", added.triggerText());
        assertEquals(5, table().getItems().size());

        // a file named as a capture that is not one is refused at once, before any details are asked for
        Path junk = Files.writeString(tmp.resolve("junk.scap"), "these are notes, not a capture");
        javafx.application.Platform.runLater(() -> view.filesDropped(List.of(new File(junk.toString()))));
        waitUntil(() -> lookup(".dialog-pane").tryQuery().isPresent());
        javafx.scene.control.DialogPane pane = lookup(".dialog-pane").queryAs(javafx.scene.control.DialogPane.class);
        assertTrue(pane.getContentText().contains("junk.scap") && pane.getContentText().contains("not a capture"),
                pane.getContentText());
        assertFalse(lookup("#captureName").tryQuery().isPresent(), "no details were asked for");
        interact(() -> ((javafx.scene.control.Button) pane.lookupButton(javafx.scene.control.ButtonType.OK)).fire());
        waitUntil(() -> lookup(".dialog-pane").tryQuery().isEmpty());
        assertEquals(5, table().getItems().size());
    }

    @Test
    void aFailureNothingCaughtIsSaidOnceInADialog() throws Exception {
        waitUntil(() -> table().getItems().size() == 4);
        // a failure of each frame: the same kind, from the same place
        java.util.function.Supplier<IllegalStateException> eachFrame =
                () -> new IllegalStateException("the cell could not be drawn");
        interact(() -> {
            view.unexpected(eachFrame.get());
            view.unexpected(new IllegalStateException("another, while the first is shown"));
        });
        waitUntil(() -> lookup(".dialog-pane").tryQuery().isPresent());
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(1, lookup(".dialog-pane").queryAll().size(), "one dialog, not one per failure");
        javafx.scene.control.DialogPane pane = lookup(".dialog-pane").queryAs(javafx.scene.control.DialogPane.class);
        assertEquals("Something unexpected went wrong (IllegalStateException: the cell could not be drawn).",
                pane.getContentText());
        interact(() -> ((javafx.scene.control.Button) pane.lookupButton(javafx.scene.control.ButtonType.OK)).fire());
        waitUntil(() -> lookup(".dialog-pane").tryQuery().isEmpty());
        // the same failure again (each frame, say) is not said again; another one is
        interact(() -> view.unexpected(eachFrame.get()));
        WaitForAsyncUtils.waitForFxEvents();
        assertTrue(lookup(".dialog-pane").tryQuery().isEmpty(), "a failure that repeats is said once");
        interact(() -> view.unexpected(new IllegalArgumentException("later")));
        waitUntil(() -> lookup(".dialog-pane").tryQuery().isPresent());
        javafx.scene.control.DialogPane next = lookup(".dialog-pane").queryAs(javafx.scene.control.DialogPane.class);
        assertTrue(next.getContentText().contains("later"), next.getContentText());
        interact(() -> ((javafx.scene.control.Button) next.lookupButton(javafx.scene.control.ButtonType.OK)).fire());
    }

    @Test
    void capturesPutInTheLibraryByOthersAppearWithoutARefresh() throws Exception {
        waitUntil(() -> table().getItems().size() == 4);
        // as an agent or a script does, beside the app
        try (CaptureStore library = CaptureStore.local(locator.library(), options)) {
            library.put(RealCaptures.named("cat_write.scap"), CaptureMetadata.EMPTY.withName("from the agent"), null);
        }
        waitUntil(() -> names().contains("from the agent"));
        assertEquals(5, table().getItems().size());
        Files.delete(locator.library().resolve(table().getItems().stream()
                .filter(c -> c.name().equals("from the agent")).findFirst().orElseThrow().id() + ".json"));
        waitUntil(() -> !names().contains("from the agent"));
    }

    @Test
    void detailsSayWhenTheCaptureRanAndLeaveOutWhatIsNotKnown() throws Exception {
        waitUntil(() -> table().getItems().size() == 4);
        clickOn("nginx shell");
        javafx.application.Platform.runLater(view::showDetails); // a dialog: it waits for its OK
        waitUntil(() -> lookup(".dialog-pane").tryQuery().isPresent());
        javafx.scene.control.DialogPane pane = lookup(".dialog-pane").queryAs(javafx.scene.control.DialogPane.class);
        String text = pane.getContentText();
        assertTrue(text.contains("Time: ") && text.contains(", for 1.0 s"), text);
        assertTrue(text.contains("Host: web-01") && text.contains("Trigger: Terminal shell in container"), text);
        assertFalse(text.contains("Filter:") || text.contains("Container:"), "nothing said of what is not known: " + text);
        interact(() -> ((javafx.scene.control.Button) pane.lookupButton(javafx.scene.control.ButtonType.OK)).fire());
    }

    @Test
    void openShowsTheCaptureAndItsEvents() throws Exception {
        waitUntil(() -> table().getItems().size() == 4);
        doubleClickOn("nginx shell");
        waitUntil(() -> lookup("#nav-events").tryQuery().isPresent());
        // the keyboard is on the capture's pages, not left on the capture list or elsewhere
        waitUntil(() -> view.getScene().getFocusOwner() == lookup("#nav").query());
        clickOn("#nav-events");
        waitUntil(() -> lookup("#eventTable").tryQuery().isPresent());
        TableView<?> events = lookup("#eventTable").queryAs(TableView.class);
        waitUntil(() -> !events.getItems().isEmpty());
        long visible;
        try (org.scapscope.scap.ScapFile f = org.scapscope.scap.ScapFile.open(RealCaptures.named("sample.scap"),
                org.scapscope.scap.OpenOptions.defaults().cacheDir(tmp.resolve("cache2")))) {
            visible = f.visibleEventCount();
        }
        assertEquals(visible, events.getItems().size());
        javafx.scene.layout.GridPane info = lookup("#captureInfo").queryAs(javafx.scene.layout.GridPane.class);
        assertTrue(info.getChildren().stream().anyMatch(n -> n instanceof Label
                && ((Label) n).getText().startsWith("ubuntu2204.localdomain")), "the machine is shown");
        assertEquals("nginx shell", lookup("#captureTitle").queryAs(Label.class).getText(),
                "the capture is called by its name in the store, not its object's id");
        clickOn("#gotoEvent").write("100\n");
        waitUntil(() -> events.getSelectionModel().getSelectedIndex() >= 0);
        @SuppressWarnings("unchecked")
        TableView<Integer> rows = (TableView<Integer>) events;
        // rows are decoded on the worker: a row is blank until its page is
        waitUntil(() -> !rows.getColumns().get(0).getCellData(rows.getSelectionModel().getSelectedIndex()).toString().isEmpty());
        String number = rows.getColumns().get(0).getCellData(rows.getSelectionModel().getSelectedIndex()).toString();
        assertTrue(Long.parseLong(number) >= 100, number);
        assertEquals(2, view.tabs.getTabs().size());
        assertTrue(view.downloads().downloads().isEmpty(), "a library capture opens with nothing to download");
    }

    @Test
    void opensACaptureFromDiskWithoutAddingItToTheStore() throws Exception {
        waitUntil(() -> table().getItems().size() == 4);
        assertTrue(lookup("#openFile").tryQuery().isPresent(), "the toolbar has Open file");
        Path outside = RealCaptures.named("connect_localhost.scap");
        interact(() -> view.openFiles(List.of(outside)));
        waitUntil(() -> lookup("#nav-events").tryQuery().isPresent());
        assertEquals(2, view.tabs.getTabs().size());
        assertEquals("connect_localhost.scap", view.tabs.getTabs().get(1).getText());
        interact(() -> view.openFiles(List.of(outside)));
        assertEquals(2, view.tabs.getTabs().size(), "a capture open already is shown, not opened twice");
        // the store's line (how many captures it lists) is the captures tab's, not the capture's
        javafx.scene.Node storeLine = lookup("#status").query().getParent();
        assertFalse(storeLine.isVisible());
        interact(() -> view.tabs.getSelectionModel().select(0));
        assertTrue(storeLine.isVisible());
        try (CaptureStore library = CaptureStore.local(locator.library(), options)) {
            assertEquals(4, library.list().size(), "nothing was added to the library");
        }
    }

    @Test
    void aFileThatIsNotACaptureSaysWhyAndItsTabCloses() throws Exception {
        waitUntil(() -> table().getItems().size() == 4);
        Path junk = Files.writeString(tmp.resolve("notes.scap"), "these are notes, not a capture");
        interact(() -> view.openFiles(List.of(junk)));
        waitUntil(() -> lookup("#openError").tryQuery().isPresent());
        String message = lookup("#openError").queryAs(Label.class).getText();
        assertTrue(message.startsWith("notes.scap cannot be opened: ") && message.contains("not a capture"), message);
        assertEquals(2, view.tabs.getTabs().size());
        clickOn("#closeFailedTab");
        waitUntil(() -> view.tabs.getTabs().size() == 1);
    }
}
