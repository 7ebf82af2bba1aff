package org.scapscope.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.prefs.Preferences;
import javafx.geometry.Bounds;
import javafx.geometry.Point2D;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.Hyperlink;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TreeView;
import javafx.scene.input.KeyCode;
import javafx.scene.input.MouseButton;
import javafx.scene.layout.GridPane;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.scapscope.RealCaptures;
import org.scapscope.filter.FilterCompiler;
import org.scapscope.scap.OpenOptions;
import org.scapscope.scap.ScapFile;
import org.scapscope.view.EventList;
import org.scapscope.view.IoChunk;
import org.scapscope.view.Spectrogram;
import org.scapscope.view.ViewCatalog;
import org.scapscope.view.ViewEngine;
import org.scapscope.view.ViewTable;
import org.testfx.framework.junit5.ApplicationTest;
import org.testfx.util.WaitForAsyncUtils;

/** The inspector on 502Error.scap, driven with the mouse and keyboard as an analyst would. */
@org.junit.jupiter.api.Timeout(value = 120, unit = TimeUnit.SECONDS)
class InspectorTest extends ApplicationTest {
    @TempDir
    static Path tmp;

    static final OwnFolders OWN = new OwnFolders(Path.of("/home/analyst/.config/scapscope/views"),
            Path.of("/home/analyst/.config/scapscope/rules"));

    ScapFile scap;
    InspectorViewModel vm;
    InspectorPane pane;
    Preferences prefs;

    @Override
    public void start(Stage stage) throws Exception {
        scap = ScapFile.open(RealCaptures.named("502Error.scap"), OpenOptions.defaults().cacheDir(tmp.resolve("cache")));
        EventList events = EventList.of(scap, null, null);
        vm = new InspectorViewModel(scap, events, ViewCatalog.builtIn(), new FxWorker(), ZoneOffset.UTC);
        prefs = Preferences.userRoot().node("org/scapscope-test/" + UUID.randomUUID());
        pane = new InspectorPane(vm, new FxWorker(), ZoneOffset.UTC, prefs, new GridPane(), OWN);
        stage.setScene(new Scene(pane, 1280, 780));
        stage.getScene().getStylesheets().add(ScapscopeApp.class.getResource("scapscope.css").toExternalForm());
        stage.show();
        vm.start();
    }

    @AfterEach
    void close() throws Exception {
        scap.close();
        prefs.removeNode();
    }

    void waitUntil(BooleanSupplier condition) throws Exception {
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, condition::getAsBoolean);
        WaitForAsyncUtils.waitForFxEvents();
    }

    void waitIdle() throws Exception {
        waitUntil(() -> !vm.busyProperty().get());
    }

    private ViewTable expected(String view, String filter, long from, long to) throws Exception {
        return ViewEngine.run(scap, ViewCatalog.builtIn().get(view), filter == null ? null : FilterCompiler.compile(filter),
                from, to, ZoneId.systemDefault(), null, null);
    }

    private void openView(String id) throws Exception {
        clickOn("#nav-" + id);
        waitUntil(() -> vm.pageProperty().get() == InspectorViewModel.Page.VIEW && vm.currentView().id().equals(id)
                && !vm.busyProperty().get() && vm.tableProperty().get() != null
                && vm.tableProperty().get().view().id().equals(id));
    }

    @Test
    void tilesArePresentAndATileDrillsIntoItsView() throws Exception {
        waitUntil(() -> lookup("#tile-procCount").tryQuery().isPresent());
        Node tile = lookup("#tile-fileBytes").query();
        assertTrue(lookup(".tile").queryAll().size() >= 4);
        org.scapscope.view.OverviewTile def = (org.scapscope.view.OverviewTile) tile.getUserData();
        clickOn(tile);
        waitIdle();
        assertEquals(InspectorViewModel.Page.VIEW, vm.pageProperty().get());
        assertEquals(def.drilldown().view(), vm.currentView().id());
        Label crumb = lookup("#crumb-1").queryAs(Label.class);
        assertTrue(crumb.getText().contains(def.title()), crumb.getText());
        TableView<?> t = lookup("#viewTable").queryAs(TableView.class);
        assertEquals(expected(def.drilldown().view(), def.drilldown().filter(), 0, Long.MAX_VALUE).rows().size(),
                t.getItems().size());
        assertFalse(t.getItems().isEmpty());

        // the first crumb leads back to the overview, with the tile's filter gone
        Hyperlink overview = lookup("#crumb-0").queryAs(Hyperlink.class);
        assertEquals("Overview", overview.getText());
        clickOn(overview);
        waitIdle();
        assertEquals(InspectorViewModel.Page.OVERVIEW, vm.pageProperty().get());
        assertEquals("", vm.effectiveFilter());
        assertTrue(lookup("#back").queryAs(Button.class).isDisabled());
    }

    @Test
    void aTileSaysWhatItCountsWhenPointedAtAndPinsItsSeriesFromItsMenu() throws Exception {
        waitUntil(() -> lookup("#tile-syscallCount").tryQuery().isPresent());
        Node tile = lookup("#tile-syscallCount").query();
        org.scapscope.view.OverviewTile def = (org.scapscope.view.OverviewTile) tile.getUserData();
        moveTo(tile);
        waitUntil(() -> tile.getProperties().get("javafx.scene.control.Tooltip") != null);
        javafx.scene.control.Tooltip tip = (javafx.scene.control.Tooltip) tile.getProperties()
                .get("javafx.scene.control.Tooltip");
        assertEquals(def.title() + "\n" + def.description() + "\nEvents: " + def.filter(), tip.getText());
        // the tile's menu, as a right click asks for it
        javafx.geometry.Bounds b = tile.localToScreen(tile.getBoundsInLocal());
        Runnable rightClick = () -> tile.getOnContextMenuRequested().handle(new javafx.scene.input.ContextMenuEvent(
                javafx.scene.input.ContextMenuEvent.CONTEXT_MENU_REQUESTED, 10, 10, b.getMinX() + 10, b.getMinY() + 10,
                false, null));
        interact(rightClick);
        javafx.scene.control.ContextMenu menu = javafx.stage.Window.getWindows().stream()
                .filter(w -> w instanceof javafx.scene.control.ContextMenu && w.isShowing())
                .map(javafx.scene.control.ContextMenu.class::cast).findFirst().orElseThrow();
        javafx.scene.control.MenuItem pin = menu.getItems().get(0);
        assertEquals("Pin to the timeline", pin.getText());
        interact(() -> {
            pin.fire();
            menu.hide();
        });
        waitUntil(() -> vm.pinned().stream().anyMatch(p -> p.id().equals(def.id())));
        interact(rightClick);
        assertEquals("Unpin from the timeline", pin.getText(), "the same menu, made once, says what it now does");
        interact(() -> {
            pin.fire();
            menu.hide();
        });
        waitUntil(() -> vm.pinned().isEmpty());
    }

    @Test
    void aTimeRangeDraggedOnTheTimelineChangesTheNumbers() throws Exception {
        openView("procs");
        List<ViewTable.Row> whole = vm.tableProperty().get().rows();
        Node canvas = pane.timeline.canvas();
        Bounds b = canvas.localToScreen(canvas.getBoundsInLocal());
        drag(new Point2D(b.getMinX() + b.getWidth() * 0.35, b.getMinY() + b.getHeight() / 2), MouseButton.PRIMARY)
                .dropTo(new Point2D(b.getMinX() + b.getWidth() * 0.6, b.getMinY() + b.getHeight() / 2));
        waitUntil(() -> vm.hasRange() && !vm.busyProperty().get());
        long from = vm.rangeFromProperty().get();
        long to = vm.rangeToProperty().get();
        assertTrue(from > scap.firstTs() && to < scap.lastTs(), from + ".." + to);
        assertEquals(expected("procs", null, from, to).rows(), vm.tableProperty().get().rows());
        assertNotEquals(whole, vm.tableProperty().get().rows());
        assertTrue(lookup("#rangeText").queryAs(Label.class).getText().startsWith("Range"));
        // the range is drawn over the chart, from its start to its end
        javafx.scene.shape.Rectangle box = lookup("#timelineRange").queryAs(javafx.scene.shape.Rectangle.class);
        assertTrue(box.isVisible());
        assertShowsTime(from, box.getX());
        assertShowsTime(to, box.getX() + box.getWidth());
        clickOn("#resetRange");
        waitUntil(() -> !vm.hasRange() && !vm.busyProperty().get());
        assertEquals(whole, vm.tableProperty().get().rows());
        assertFalse(box.isVisible());
    }

    /**
     * The latency chart counts the calls csysdig's spectrogram counts; cells dragged across pick
     * calls by time and latency, and Enter shows exactly those in the event list, as a step that
     * Backspace leaves; File I/O counts file calls only.
     */
    @Test
    void theLatencyChartPicksCallsByTimeAndLatencyAndShowsThemInTheEventList() throws Exception {
        clickOn("#nav-spectro_all");
        waitUntil(() -> vm.pageProperty().get() == InspectorViewModel.Page.LATENCY && !vm.busyProperty().get()
                && vm.latencyProperty().get() != null);
        Spectrogram.Result r = vm.latencyProperty().get();
        assertEquals(Spectrogram.compute(scap, Spectrogram.Kind.ALL, null, 0, Long.MAX_VALUE, r.slices(), null, null,
                null).total(), r.total());
        assertTrue(lookup("#latencySummary").queryAs(Label.class).getText().startsWith(
                String.format("%,d calls with a latency", r.total())));
        int busiest = 0;
        long[] perBand = new long[Spectrogram.BANDS];
        for (long[] slice : r.counts()) {
            for (int b = 0; b < Spectrogram.BANDS; b++) {
                perBand[b] += slice[b];
                busiest = perBand[b] > perBand[busiest] ? b : busiest;
            }
        }
        long picked = 0;
        for (int s = 10; s <= 60; s++) {
            for (int b = busiest - 1; b <= busiest + 1; b++) {
                picked += r.counts()[s][b];
            }
        }
        LatencyPage page = pane.latencyPage;
        Point2D from = page.canvas.localToScreen(page.xOf(10), page.yOf(busiest + 1));
        Point2D to = page.canvas.localToScreen(page.xOf(60), page.yOf(busiest - 1));
        drag(from, MouseButton.PRIMARY).dropTo(to);
        WaitForAsyncUtils.waitForFxEvents();
        String readout = lookup("#latencyReadout").queryAs(Label.class).getText();
        assertTrue(readout.contains(String.format(": %,d calls", picked)), readout + " / " + picked);
        assertTrue(picked > 100, "calls picked: " + picked);
        type(KeyCode.ENTER);
        waitUntil(() -> vm.pageProperty().get() == InspectorViewModel.Page.EVENTS && !vm.busyProperty().get()
                && vm.eventsProperty().get() != null);
        assertEquals(picked, vm.eventsProperty().get().size());
        assertEquals(picked, org.scapscope.filter.FilterScan.count(scap, FilterCompiler.compile(vm.effectiveFilter()),
                false, null));
        Label step = lookup("#crumb-1").queryAs(Label.class);
        assertTrue(step.getText().startsWith("latency ") && step.getText().endsWith("(Events)"), step.getText());
        assertEquals("Latency of all calls", lookup("#crumb-0").queryAs(Hyperlink.class).getText());
        type(KeyCode.BACK_SPACE);
        waitUntil(() -> vm.pageProperty().get() == InspectorViewModel.Page.LATENCY && !vm.busyProperty().get());
        assertEquals("", vm.effectiveFilter());
        clickOn("#latencyKind-FILE");
        waitUntil(() -> vm.latencyProperty().get() != null
                && vm.latencyProperty().get().kind() == Spectrogram.Kind.FILE && !vm.busyProperty().get());
        assertEquals(org.scapscope.filter.FilterScan.count(scap, FilterCompiler.compile(
                "evt.dir = < and fd.type = file and evt.latency > 0"), false, null), vm.latencyProperty().get().total());
        assertEquals("nav-spectro_file", nav().getSelectionModel().getSelectedItem() == null ? null
                : "nav-" + nav().getSelectionModel().getSelectedItem().view());
    }

    /**
     * The machine state: Ctrl+7 from the event list shows the threads and open descriptors just
     * after the event selected, as the engine gives them; an event typed in moves it; a double-click
     * on a thread narrows the descriptors to its process as a step Backspace leaves; End of range
     * goes back to the last event; the table shown exports as CSV.
     */
    @Test
    void theMachineStateAtAnEventListsItsThreadsAndDescriptorsAndDrillsDown() throws Exception {
        press(KeyCode.CONTROL).type(KeyCode.DIGIT3).release(KeyCode.CONTROL);
        waitUntil(() -> vm.pageProperty().get() == InspectorViewModel.Page.EVENTS && vm.eventsProperty().get() != null
                && !vm.busyProperty().get());
        interact(() -> pane.eventsPage.selectRow(100));
        long chosen = pane.eventsPage.selectedEventIndex();
        assertTrue(chosen >= 100, "event of row 100: " + chosen);
        press(KeyCode.CONTROL).type(KeyCode.DIGIT7).release(KeyCode.CONTROL);
        waitUntil(() -> vm.pageProperty().get() == InspectorViewModel.Page.STATE && !vm.busyProperty().get()
                && vm.stateTablesProperty().get() != null && vm.stateTablesProperty().get().eventIndex() == chosen);
        org.scapscope.view.StateTables.Snapshot expected;
        try (org.scapscope.state.StateHistory history = org.scapscope.state.StateHistory.of(scap)) {
            expected = org.scapscope.view.StateTables.after(scap, history, chosen, null);
        }
        StatePage page = pane.statePage;
        assertEquals(expected.threads(), List.copyOf(page.threads.getItems()));
        assertEquals(expected.fds(), List.copyOf(page.fds.getItems()));
        String summary = lookup("#stateSummary").queryAs(Label.class).getText();
        assertTrue(summary.startsWith(String.format("At event #%,d (", chosen + 1)) && summary.endsWith(", chosen"),
                summary);

        // an event typed in
        doubleClickOn("#stateEvent").write("60").type(KeyCode.ENTER);
        waitUntil(() -> vm.stateTablesProperty().get().eventNumber() == 60 && !vm.busyProperty().get());

        // a thread's process: its descriptors alone
        org.scapscope.view.StateTables.Thread busy = page.threads.getItems().stream()
                .filter(t -> t.openFds() > 0).findFirst().orElseThrow();
        int row = page.threads.getItems().indexOf(busy);
        interact(() -> {
            page.threads.getSelectionModel().select(row);
            page.threads.requestFocus();
        });
        type(KeyCode.ENTER);
        waitUntil(() -> vm.effectiveFilter().equals("proc.pid = " + busy.pid()) && !vm.busyProperty().get()
                && vm.stateTablesProperty().get().fds().stream().allMatch(f -> f.pid() == busy.pid()));
        assertEquals(page.fdsTab(), page.tabs.getSelectionModel().getSelectedItem());
        assertFalse(page.fds.getItems().isEmpty());
        assertTrue(page.fds.getItems().stream().allMatch(f -> f.pid() == busy.pid()));
        assertTrue(lookup("#crumb-1").queryAs(Label.class).getText().startsWith("proc.pid = " + busy.pid()));

        // exported as shown
        Path csv = tmp.resolve("state.csv");
        interact(() -> pane.exportTo(name -> csv));
        clickOn("#exportMenu");
        clickOn("#exportCsv");
        waitUntil(() -> Files.exists(csv) && lookup("#inspectorStatus").queryAs(Label.class).getText().contains("Wrote"));
        List<String> written = Files.readAllLines(csv, StandardCharsets.UTF_8);
        assertEquals("PID,TID,Name,User,FD,Type,Descriptor", written.get(0));
        assertEquals(page.fds.getItems().size() + 1, written.size());

        type(KeyCode.BACK_SPACE);
        waitUntil(() -> vm.effectiveFilter().isEmpty() && !vm.busyProperty().get()
                && vm.pageProperty().get() == InspectorViewModel.Page.STATE);
        clickOn("#stateEndOfRange");
        waitUntil(() -> vm.stateAtProperty().get() == -1 && !vm.busyProperty().get()
                && vm.stateTablesProperty().get().eventIndex() == scap.eventCount() - 1);

        // the changes in a range: the threads started in it first, in green
        long first = scap.firstTs();
        interact(() -> vm.setRange(first + (scap.lastTs() - first) / 3, scap.lastTs()));
        interact(() -> page.tabs.getSelectionModel().select(0));
        clickOn("#stateChanges");
        waitUntil(() -> vm.stateChangesProperty().get() != null && !vm.busyProperty().get());
        org.scapscope.view.StateTables.Diff d = vm.stateChangesProperty().get();
        List<org.scapscope.view.StateTables.Thread> rows = new ArrayList<>(d.threads().added());
        rows.addAll(d.threads().removed());
        assertEquals(rows, List.copyOf(page.threads.getItems()));
        assertFalse(d.threads().added().isEmpty());
        assertEquals(String.format("Threads (+%,d −%,d)", d.threads().added().size(), d.threads().removed().size()),
                page.tabs.getTabs().get(0).getText());
        assertTrue(page.threads.getColumns().get(0).isVisible());
        assertTrue(lookup("#stateThreads .table-row-cell").queryAll().stream().anyMatch(n -> n.getPseudoClassStates()
                .contains(javafx.css.PseudoClass.getPseudoClass("state-added"))));
        clickOn("#stateChanges");
        waitUntil(() -> vm.stateChangesProperty().get() == null && !vm.busyProperty().get());
        assertEquals(vm.stateTablesProperty().get().threads(), List.copyOf(page.threads.getItems()));
        assertFalse(page.threads.getColumns().get(0).isVisible());

        // the processes as a tree, exported as shown
        clickOn("#stateTree");
        List<org.scapscope.view.StateTables.TreeRow> tree =
                org.scapscope.view.StateTables.processTree(vm.stateTablesProperty().get().threads());
        waitUntil(() -> page.threads.getItems().size() == tree.size());
        assertEquals(tree.stream().map(org.scapscope.view.StateTables.TreeRow::process).toList(),
                List.copyOf(page.threads.getItems()));
        assertEquals(String.format("Processes (%,d)", tree.size()), page.tabs.getTabs().get(0).getText());
        Path threadsCsv = tmp.resolve("threads.csv");
        interact(() -> pane.exportTo(name -> threadsCsv));
        clickOn("#exportMenu");
        clickOn("#exportCsv");
        waitUntil(() -> Files.exists(threadsCsv));
        List<String> lines = Files.readAllLines(threadsCsv, StandardCharsets.UTF_8);
        assertEquals(tree.size() + 1, lines.size());
        assertTrue(lines.get(0).startsWith("TID,PID,Parent,User,Name,"), lines.get(0));
        if (tree.stream().anyMatch(r -> r.depth() > 0)) {
            assertTrue(lines.stream().anyMatch(l -> l.contains("└ ")), "a child process, indented");
        }
        clickOn("#stateTree");
        waitUntil(() -> page.threads.getItems().size() == vm.stateTablesProperty().get().threads().size());
    }

    /**
     * The HTTP requests: Ctrl+8 lists them with their counts by method and URL; picking one shows its
     * requests only, the 502 in red; a double-click shows its two events; the table exports as CSV.
     */
    @Test
    void httpRequestsAreListedByUrlAndOpenTheirEvents() throws Exception {
        press(KeyCode.CONTROL).type(KeyCode.DIGIT8).release(KeyCode.CONTROL);
        waitUntil(() -> vm.pageProperty().get() == InspectorViewModel.Page.HTTP && !vm.busyProperty().get()
                && vm.httpProperty().get() != null);
        HttpPage page = pane.httpPage;
        assertEquals(111, page.table.getItems().size());
        assertEquals("111 requests, 1 answered with an error", lookup("#httpSummary").queryAs(Label.class).getText());
        org.scapscope.view.HttpLog.Top foo = page.byUrl.getItems().stream()
                .filter(t -> "localhost/foo".equals(t.url())).findFirst().orElseThrow();
        interact(() -> page.byUrl.getSelectionModel().select(foo));
        waitUntil(() -> page.table.getItems().size() == 3);
        int row = 0;
        while (page.table.getItems().get(row).status() != 502) {
            row++;
        }
        int bad = row;
        Node statusCell = lookup("#httpTable .table-cell").match(n -> n instanceof javafx.scene.control.TableCell<?, ?> c
                && Long.valueOf(502).equals(c.getItem())).query();
        assertTrue(statusCell.getStyleClass().contains("priority-high"));
        Path csv = tmp.resolve("http.csv");
        interact(() -> pane.exportTo(name -> csv));
        clickOn("#exportMenu");
        clickOn("#exportCsv");
        waitUntil(() -> Files.exists(csv) && lookup("#inspectorStatus").queryAs(Label.class).getText().contains("Wrote"));
        List<String> written = Files.readAllLines(csv, StandardCharsets.UTF_8);
        assertEquals(4, written.size());
        assertTrue(written.stream().anyMatch(l -> l.contains(",GET,localhost/foo,502,")), written.toString());
        interact(() -> {
            page.table.getSelectionModel().select(bad);
            page.table.requestFocus();
        });
        type(KeyCode.ENTER);
        waitUntil(() -> vm.pageProperty().get() == InspectorViewModel.Page.EVENTS && !vm.busyProperty().get()
                && vm.eventsProperty().get() != null && vm.eventsProperty().get().size() == 2);
        assertTrue(lookup("#crumb-1").queryAs(Label.class).getText().startsWith("GET localhost/foo → 502"));

        // Find in the requests: the first haproxy one after the selection
        type(KeyCode.BACK_SPACE);
        waitUntil(() -> vm.pageProperty().get() == InspectorViewModel.Page.HTTP && !vm.busyProperty().get());
        interact(() -> page.byUrl.getSelectionModel().select(0));
        interact(() -> page.table.getSelectionModel().clearSelection());
        press(KeyCode.CONTROL).press(KeyCode.F).release(KeyCode.F).release(KeyCode.CONTROL);
        waitUntil(() -> lookup("#findField").query().isVisible());
        write("haproxy\n");
        waitUntil(() -> page.table.getSelectionModel().getSelectedItem() != null);
        assertEquals("haproxy", page.table.getSelectionModel().getSelectedItem().process());
    }

    /**
     * The Falco alerts: with no rules, the page says where rules go; a rules file loaded gives the
     * alerts Falco would, narrowed by priority; a double-click shows an alert's event among all the
     * events, as a step that Backspace leaves; a file that is no rules file is refused, saying why.
     */
    @Test
    void falcoAlertsComeFromTheRulesLoadedAndOpenTheirEvents() throws Exception {
        clickOn("#nav-alerts");
        waitUntil(() -> vm.pageProperty().get() == InspectorViewModel.Page.ALERTS && !vm.busyProperty().get());
        Label empty = (Label) lookup("#alertsTable").queryAs(TableView.class).getPlaceholder();
        assertEquals("No Falco rules to try. Put rules files (.yaml) in " + OWN.rules() + ", or load one with Load"
                + " rules file…", empty.getText());
        Path rules = java.nio.file.Files.writeString(tmp.resolve("alert-rules.yaml"), """
                - rule: Curl connects
                  condition: evt.type = connect and evt.dir = < and proc.name = curl
                  output: "curl connected to %fd.name"
                  priority: WARNING
                - rule: Haproxy sends
                  condition: evt.type = sendto and evt.dir = < and proc.name = haproxy
                  output: "haproxy sent %evt.rawres bytes"
                  priority: DEBUG
                - rule: Newer than sysdig
                  condition: proc.is_exe_upper_layer = true
                  output: never
                  priority: ERROR
                """);
        pane.alertsPage.setChooser(() -> rules);
        clickOn("#loadRules");
        waitUntil(() -> vm.alertsProperty().get() != null && vm.alertsProperty().get().rulesTried() == 2
                && !vm.busyProperty().get());
        org.scapscope.view.Alerts.Result expected = org.scapscope.view.Alerts.compute(scap,
                org.scapscope.filter.FalcoRules.load(List.of(rules)), null, 0, Long.MAX_VALUE, null, 1_000_000, null,
                null, null);
        TableView<?> table = lookup("#alertsTable").queryAs(TableView.class);
        assertEquals(expected.alerts(), table.getItems());
        assertEquals(String.format("%,d alerts from 2 rules tried", expected.alerts().size()),
                lookup("#alertsSummary").queryAs(Label.class).getText());
        Label problems = lookup("#alertsProblems").queryAs(Label.class);
        assertTrue(problems.isVisible() && problems.getText().startsWith("1 rule left out (point here for why): Newer than sysdig"),
                problems.getText());

        interact(() -> pane.alertsPage.minimum.setValue(org.scapscope.view.Alerts.Priority.WARNING));
        waitUntil(() -> vm.alertsProperty().get().alerts().stream().allMatch(a -> a.rule().equals("Curl connects"))
                && !vm.busyProperty().get());
        long curl = expected.alerts().stream().filter(a -> a.rule().equals("Curl connects")).count();
        assertEquals(curl, table.getItems().size());
        // the alerts shown, exported as CSV
        Path csv = tmp.resolve("alerts.csv");
        interact(() -> pane.exportTo(name -> csv));
        clickOn("#exportMenu");
        clickOn("#exportCsv");
        waitUntil(() -> Files.exists(csv) && lookup("#inspectorStatus").queryAs(Label.class).getText().contains("Wrote"));
        List<String> written = Files.readAllLines(csv, StandardCharsets.UTF_8);
        assertEquals("time,evt.num,priority,rule,output,tags", written.get(0));
        assertEquals(curl + 1, written.size());
        org.scapscope.view.Alerts.Alert firstShown = (org.scapscope.view.Alerts.Alert) table.getItems().get(0);
        assertEquals(java.time.Instant.ofEpochSecond(0, firstShown.ts()) + "," + (firstShown.eventIndex() + 1)
                + ",Warning,Curl connects," + firstShown.output() + ",", written.get(1));

        // the rules that gave alerts, most first; picking one shows its alerts only, All rules all of them
        interact(() -> pane.alertsPage.minimum.setValue(null));
        waitUntil(() -> vm.alertsProperty().get().alerts().size() == expected.alerts().size() && !vm.busyProperty().get());
        TableView<org.scapscope.view.Alerts.RuleTotal> byRule = pane.alertsPage.byRule;
        long haproxy = expected.alerts().size() - curl;
        assertEquals(List.of(new org.scapscope.view.Alerts.RuleTotal(null, null, expected.alerts().size()),
                new org.scapscope.view.Alerts.RuleTotal("Haproxy sends", org.scapscope.view.Alerts.Priority.DEBUG, haproxy),
                new org.scapscope.view.Alerts.RuleTotal("Curl connects", org.scapscope.view.Alerts.Priority.WARNING, curl)),
                byRule.getItems());
        interact(() -> byRule.getSelectionModel().select(2));
        assertEquals(curl, table.getItems().size());
        // a click on a header sorts what the rule picked shows: the event numbers, up then down
        clickOn((Node) lookup("#alertsTable .column-header").nth(1).query());
        assertEquals(curl, table.getItems().size());
        List<Long> numbers = table.getItems().stream().map(a -> ((org.scapscope.view.Alerts.Alert) a).eventIndex())
                .toList();
        assertEquals(numbers.stream().sorted().toList(), numbers);
        clickOn((Node) lookup("#alertsTable .column-header").nth(1).query());
        List<Long> down = table.getItems().stream().map(a -> ((org.scapscope.view.Alerts.Alert) a).eventIndex())
                .toList();
        assertEquals(numbers.stream().sorted(java.util.Comparator.reverseOrder()).toList(), down);
        interact(() -> byRule.getSelectionModel().select(0));
        assertEquals(expected.alerts().size(), table.getItems().size());
        interact(() -> {
            table.getSortOrder().clear();
            byRule.getSelectionModel().select(2);
        });

        org.scapscope.view.Alerts.Alert third = (org.scapscope.view.Alerts.Alert) table.getItems().get(2);
        interact(() -> table.scrollTo(0));
        Node row = lookup("#alertsTable .table-row-cell").match(r -> ((javafx.scene.control.TableRow<?>) r).getItem() == third)
                .query();
        doubleClickOn(row);
        waitUntil(() -> vm.pageProperty().get() == InspectorViewModel.Page.EVENTS && !vm.busyProperty().get()
                && pane.eventsPage.selectedRow() >= 0);
        assertEquals(third.eventIndex(), vm.eventsProperty().get().eventIndex(pane.eventsPage.selectedRow()));
        Label step = lookup("#crumb-1").queryAs(Label.class);
        assertEquals(String.format("Curl connects at event #%,d  (Events)", third.eventIndex() + 1), step.getText());
        assertEquals("", vm.effectiveFilter(), "the step narrows nothing: the event among all the events");
        type(KeyCode.BACK_SPACE);
        waitUntil(() -> vm.pageProperty().get() == InspectorViewModel.Page.ALERTS && !vm.busyProperty().get());
        assertEquals(third, table.getSelectionModel().getSelectedItem(), "the alerts as they were left");

        Path broken = java.nio.file.Files.writeString(tmp.resolve("broken-rules.yaml"), "- rule: [\n");
        pane.alertsPage.setChooser(() -> broken);
        clickOn("#loadRules");
        WaitForAsyncUtils.waitForFxEvents();
        assertTrue(problems.getText().startsWith("Not loaded: rules file " + broken + " is not valid YAML"),
                problems.getText());
    }

    /**
     * Events marked with Ctrl+M (or the event's menu) stand out in the list; the marked button shows
     * only them, as a step Back leaves; Ctrl+M on a marked event takes its mark off, and with Shift
     * or Alt too does nothing.
     */
    @Test
    void eventsMarkedStandOutAndAreShownTogether() throws Exception {
        TableView<Integer> t = openEvents();
        EventList all = vm.eventsProperty().get();
        interact(() -> t.requestFocus());
        for (int row : new int[] {3, 40}) {
            interact(() -> pane.eventsPage.selectRow(row));
            press(KeyCode.CONTROL, KeyCode.M).release(KeyCode.M, KeyCode.CONTROL);
        }
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(java.util.Set.of(all.eventIndex(3), all.eventIndex(40)), vm.marked());
        javafx.scene.control.Button marks = lookup("#showMarked").queryAs(javafx.scene.control.Button.class);
        assertTrue(marks.isVisible());
        assertEquals("2 marked", marks.getText());
        interact(() -> pane.eventsPage.selectRow(40));
        java.util.function.IntFunction<Node> rowOf = n -> lookup("#eventTable .table-row-cell").match(r ->
                Integer.valueOf(n).equals(((javafx.scene.control.TableRow<?>) r).getItem())).query();
        waitUntil(() -> rowOf.apply(40).getPseudoClassStates().contains(EventsPage.MARKED));
        assertFalse(rowOf.apply(41).getPseudoClassStates().contains(EventsPage.MARKED));

        clickOn(marks);
        waitUntil(() -> vm.eventsProperty().get() != null && vm.eventsProperty().get().size() == 2
                && !vm.busyProperty().get());
        assertEquals(all.eventIndex(3), vm.eventsProperty().get().eventIndex(0));
        assertEquals(all.eventIndex(40), vm.eventsProperty().get().eventIndex(1));
        assertEquals("2 marked events  (Events)", lookup("#crumb-1").queryAs(Label.class).getText());
        type(KeyCode.BACK_SPACE);
        waitUntil(() -> vm.steps().size() == 1 && !vm.busyProperty().get());
        assertEquals(all.size(), vm.eventsProperty().get().size());

        interact(() -> pane.eventsPage.selectRow(3));
        interact(() -> t.requestFocus());
        // with Shift or Alt as well, Ctrl+M is no mark
        press(KeyCode.CONTROL, KeyCode.SHIFT, KeyCode.M).release(KeyCode.M, KeyCode.SHIFT, KeyCode.CONTROL);
        press(KeyCode.CONTROL, KeyCode.ALT, KeyCode.M).release(KeyCode.M, KeyCode.ALT, KeyCode.CONTROL);
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(java.util.Set.of(all.eventIndex(3), all.eventIndex(40)), vm.marked());
        press(KeyCode.CONTROL, KeyCode.M).release(KeyCode.M, KeyCode.CONTROL);
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(java.util.Set.of(all.eventIndex(40)), vm.marked());
        assertEquals("1 marked", marks.getText());
        interact(() -> pane.eventsPage.selectRow(40));
        press(KeyCode.CONTROL, KeyCode.M).release(KeyCode.M, KeyCode.CONTROL);
        waitUntil(() -> !rowOf.apply(40).getPseudoClassStates().contains(EventsPage.MARKED));
        assertFalse(marks.isVisible(), "no mark left: no button");
    }

    /**
     * "A second either side of it" in an event's menu narrows the range to that stretch and keeps the
     * event selected in the shorter list.
     */
    @Test
    void anEventsMenuNarrowsTheRangeAroundIt() throws Exception {
        EventList list = showEvents();
        TableView<Integer> table = pane.eventsPage.table;
        javafx.scene.control.ContextMenu menu = menuOfEvent(list, table, 2000);
        long index = pane.eventsPage.selectedEventIndex();
        long ts = pane.eventsPage.selectedTime();
        javafx.scene.control.MenuItem around = menuItem(menu, "rangeAroundRow");
        assertEquals("Time range: a second either side of it", around.getText());
        interact(() -> {
            around.fire();
            menu.hide();
        });
        waitUntil(() -> vm.hasRange() && !vm.busyProperty().get() && pane.eventsPage.selectedEventIndex() == index);
        assertEquals(ts - 1_000_000_000L, vm.rangeFromProperty().get());
        assertEquals(ts + 1_000_000_001L, vm.rangeToProperty().get());
        assertTrue(vm.eventsProperty().get().size() < 9478);
        assertEquals(org.scapscope.filter.FilterScan.count(scap, FilterCompiler.compile("evt.rawtime >= "
                + (ts - 1_000_000_000L) + " and evt.rawtime <= " + (ts + 1_000_000_000L)), false, null),
                vm.eventsProperty().get().size());
    }

    /**
     * Colouring rules: a rule added in the dialog colours the rows its filter selects, and its name
     * shows beside the legend; a rule whose filter is wrong keeps the dialog open, saying why; the
     * rules are saved for the captures opened next.
     */
    @Test
    void aColouringRuleColoursTheRowsItsFilterSelects() throws Exception {
        TableView<Integer> t = openEvents();
        clickOn("#colorRules");
        waitUntil(() -> lookup("#addColorRule").tryQuery().isPresent());
        clickOn("#addColorRule");
        javafx.scene.layout.VBox rows = lookup("#colorRuleRows").queryAs(javafx.scene.layout.VBox.class);
        javafx.scene.layout.HBox added = (javafx.scene.layout.HBox) rows.getChildren().get(rows.getChildren().size() - 1);
        javafx.scene.control.TextField name = (javafx.scene.control.TextField) ((Object[]) added.getUserData())[1];
        javafx.scene.control.TextField filter = (javafx.scene.control.TextField) ((Object[]) added.getUserData())[2];
        interact(() -> {
            // the first rule in use; the defaults after it
            rows.getChildren().remove(added);
            rows.getChildren().add(0, added);
            name.setText("Python");
            filter.setText("proc.nme = python");
        });
        clickOn("OK");
        Label problem = lookup("#colorRuleProblem").queryAs(Label.class);
        waitUntil(() -> problem.getText().startsWith("The filter of Python is wrong"));
        interact(() -> filter.setText("proc.name = python"));
        clickOn("OK");
        waitUntil(() -> lookup("#colorRuleProblem").tryQuery().isEmpty());
        assertEquals(4, vm.rowColors().size());
        assertTrue(lookup("#colorLegend .label").queryAll().stream()
                .anyMatch(n -> "Python".equals(((Label) n).getText())));
        EventList list = vm.eventsProperty().get();
        int python = -1;
        for (int r = 0; r < 2000 && python < 0; r++) {
            if (list.row(r)[3].equals("python")) {
                python = r;
            }
        }
        int row = python;
        assertTrue(row >= 0, "a python event among the first 2,000");
        interact(() -> pane.eventsPage.selectRow(row + 1));
        waitUntil(() -> lookup("#eventTable .table-row-cell").queryAll().stream().anyMatch(n ->
                Integer.valueOf(row).equals(((javafx.scene.control.TableRow<?>) n).getItem())
                        && n.getPseudoClassStates().contains(EventsPage.COLORED)));
        assertEquals(0, list.colorIfDecoded(row));
        assertEquals("Python", ColorRule.load(prefs.node("colors")).get(0).name());
        assertEquals(4, ColorRule.load(prefs.node("colors")).size());
    }

    private ListView<InspectorPane.NavItem> nav() {
        return pane.nav;
    }

    /** Asserts that the timeline shows the time {@code ns} at {@code x} (within a pixel). */
    private void assertShowsTime(long ns, double x) {
        double perPixel = Math.abs(pane.timeline.msAt(x + 1) - pane.timeline.msAt(x));
        assertEquals(ns / 1e6, pane.timeline.msAt(x), perPixel * 1.01, "the time at x=" + x);
    }

    /** Shows the processes view and gives its table. */
    @SuppressWarnings("unchecked")
    private TableView<ViewTable.Row> openProcs() throws Exception {
        openView("procs");
        return lookup("#viewTable").queryAs(TableView.class);
    }

    @Test
    void aColumnSortsByClickingItsHeader() throws Exception {
        TableView<ViewTable.Row> t = openProcs();
        int pid = vm.tableProperty().get().columns().indexOf("PID");
        // the header shows the view's own order until another is chosen
        org.scapscope.view.ViewDefinition.Sort own = vm.tableProperty().get().view().sort();
        assertEquals(List.of(own.column()), t.getSortOrder().stream().map(c -> c.getText()).toList());
        assertEquals(own.descending() ? javafx.scene.control.TableColumn.SortType.DESCENDING
                : javafx.scene.control.TableColumn.SortType.ASCENDING, t.getSortOrder().get(0).getSortType());
        clickOn(pidHeader());
        WaitForAsyncUtils.waitForFxEvents();
        List<Long> shown = pids(t, pid);
        List<Long> sorted = new ArrayList<>(shown);
        sorted.sort(null);
        assertEquals(sorted, shown, "ascending after one click");
        clickOn(pidHeader());
        WaitForAsyncUtils.waitForFxEvents();
        assertTrue((Long) t.getItems().get(0).order().get(pid) >= (Long) t.getItems().get(t.getItems().size() - 1).order().get(pid),
                "descending after two");
        // a large table is sorted on the worker, then shown sorted
        interact(() -> pane.viewPage.backgroundSortRows = 0);
        clickOn(pidHeader()); // a third click leaves the sort; a fourth sorts ascending again
        clickOn(pidHeader());
        waitUntil(() -> pids(t, pid).equals(sorted));
        assertTrue(lookup("#inspectorStatus").queryAs(Label.class).getText().contains("sorted"));
    }

    @Test
    void aFilterOnTheSameViewKeepsItsColumnsTheirWidthsAndTheUsersSort() throws Exception {
        TableView<ViewTable.Row> t = openProcs();
        int pid = vm.tableProperty().get().columns().indexOf("PID");
        javafx.scene.control.TableColumn<ViewTable.Row, ?> pidColumn = t.getColumns().get(pid);
        interact(() -> pidColumn.setPrefWidth(161));
        clickOn(pidHeader());
        WaitForAsyncUtils.waitForFxEvents();
        ViewTable before = vm.tableProperty().get();
        clickOn("#filterField").write("proc.name = curl");
        type(KeyCode.ENTER);
        waitUntil(() -> vm.appliedFilterProperty().get().equals("proc.name = curl") && !vm.busyProperty().get()
                && vm.tableProperty().get() != before);
        waitIdle();
        assertSame(pidColumn, t.getColumns().get(pid), "the same column");
        assertEquals(161, pidColumn.getWidth(), 0.5);
        assertEquals(List.of(pidColumn), t.getSortOrder());
        assertEquals(javafx.scene.control.TableColumn.SortType.ASCENDING, pidColumn.getSortType());
        List<Long> shown = pids(t, pid);
        List<Long> sorted = new ArrayList<>(shown);
        sorted.sort(null);
        assertEquals(sorted, shown, "the new rows in the user's order");
        List<String> keys = new ArrayList<>();
        t.getItems().forEach(r -> keys.add(r.key()));
        List<String> expectedKeys = new ArrayList<>();
        expected("procs", "proc.name = curl", 0, Long.MAX_VALUE).rows().forEach(r -> expectedKeys.add(r.key()));
        keys.sort(null);
        expectedKeys.sort(null);
        assertEquals(expectedKeys, keys);
        assertTrue(keys.size() < before.rows().size() && !keys.isEmpty());
        // another view builds its own columns
        openView("files");
        assertFalse(t.getColumns().contains(pidColumn));
    }

    /** The values of the PID column (at {@code pid}), in the order shown. */
    private static List<Long> pids(TableView<ViewTable.Row> t, int pid) {
        List<Long> out = new ArrayList<>();
        t.getItems().forEach(r -> out.add((Long) r.order().get(pid)));
        return out;
    }

    /** The header of the PID column. */
    @Test
    void aColumnOfMeasuresSortsBiggestFirst() throws Exception {
        TableView<ViewTable.Row> t = openProcs();
        int net = vm.tableProperty().get().columns().indexOf("NET");
        Node header = lookup("#viewTable .column-header").match((Node h) -> "col-NET".equals(h.getId())).query();
        java.util.Comparator<Object> order = org.scapscope.view.ViewFormat::compare;
        clickOn(header);
        WaitForAsyncUtils.waitForFxEvents();
        List<Object> shown = t.getItems().stream().map(r -> r.order().get(net)).toList();
        List<Object> biggestFirst = new ArrayList<>(shown);
        biggestFirst.sort(order.reversed());
        assertEquals(biggestFirst, shown, "biggest first after one click");
        assertTrue(order.compare(shown.get(0), shown.get(shown.size() - 1)) > 0, "the bytes differ");
        clickOn(header);
        WaitForAsyncUtils.waitForFxEvents();
        List<Object> smallestFirst = new ArrayList<>(shown);
        smallestFirst.sort(order);
        assertEquals(smallestFirst, t.getItems().stream().map(r -> r.order().get(net)).toList(), "then smallest first");
        clickOn(header);
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(biggestFirst, t.getItems().stream().map(r -> r.order().get(net)).toList(), "and biggest again");
    }

    @Test
    void aColumnsHeaderSaysWhatItCounts() throws Exception {
        interact(() -> vm.showView("syscalls")); // low in the list of views: no need to scroll to it
        waitUntil(() -> !vm.busyProperty().get() && vm.tableProperty().get() != null
                && vm.tableProperty().get().view().id().equals("syscalls"));
        waitUntil(() -> lookup("#viewTable .column-header").match((Node h) -> "col-CALLS_S".equals(h.getId()))
                .tryQuery().isPresent());
        Node header = lookup("#viewTable .column-header").match((Node h) -> "col-CALLS_S".equals(h.getId())).query();
        moveTo(header);
        waitUntil(() -> lookup(".tooltip").tryQuery().isPresent());
        // the tip's window shows it as a label styled as a tooltip
        String tip = from((Node) lookup(".tooltip").query()).lookup((Node n) -> n instanceof Label).queryAs(Label.class).getText();
        assertTrue(tip.startsWith("evt.count: "), tip);
        assertTrue(tip.contains("per second") && tip.contains("of the events of syscall.type exists"), tip);
    }

    private Node pidHeader() {
        return lookup("#viewTable .column-header").match((Node h) -> "col-PID".equals(h.getId())).query();
    }

    @Test
    void aBadFilterShowsItsErrorAndChangesNothingAndAGoodOneApplies() throws Exception {
        openView("procs");
        ViewTable before = vm.tableProperty().get();
        clickOn("#filterField").write("proc.name = = curl");
        waitUntil(() -> lookup("#filterProblem").query().isVisible());
        String shown = ((javafx.scene.text.TextFlow) lookup("#filterProblem").query()).getChildren().stream()
                .map(n -> ((javafx.scene.text.Text) n).getText()).reduce("", String::concat);
        assertTrue(shown.contains("proc.name = = curl"), shown);
        type(KeyCode.ENTER);
        WaitForAsyncUtils.waitForFxEvents();
        assertSame(before, vm.tableProperty().get(), "nothing recomputed");
        assertEquals("", vm.appliedFilterProperty().get());
        clickOn("#clearFilter");
        waitIdle();
        // rows computed again in the view's own order are not sorted again (here, it would be on the worker)
        interact(() -> pane.viewPage.backgroundSortRows = 0);
        clickOn("#filterField").write("proc.name = haproxy");
        waitUntil(() -> !lookup("#filterProblem").query().isVisible());
        type(KeyCode.ENTER);
        waitUntil(() -> vm.appliedFilterProperty().get().equals("proc.name = haproxy") && !vm.busyProperty().get());
        waitIdle();
        String status = lookup("#inspectorStatus").queryAs(Label.class).getText();
        assertTrue(status.matches("[0-9,]+ rows? in .*") && !status.contains("sort"), status);
        TableView<?> t = lookup("#viewTable").queryAs(TableView.class);
        assertEquals(expected("procs", "proc.name = haproxy", 0, Long.MAX_VALUE).rows().size(), t.getItems().size());
        assertTrue(t.getItems().size() < before.rows().size() && !t.getItems().isEmpty());
    }

    @Test
    void theShortcutsAreHeardWhenNothingInThePaneHasTheFocus() throws Exception {
        waitIdle();
        // a key pressed with no focus owner (after a drag on the timeline) goes to the scene itself
        interact(() -> javafx.event.Event.fireEvent(pane.getScene(), new javafx.scene.input.KeyEvent(
                javafx.scene.input.KeyEvent.KEY_PRESSED, "", "", KeyCode.DIGIT3, false, true, false, false)));
        waitIdle();
        assertEquals(InspectorViewModel.Page.EVENTS, vm.pageProperty().get());
        interact(() -> javafx.event.Event.fireEvent(pane.getScene(), new javafx.scene.input.KeyEvent(
                javafx.scene.input.KeyEvent.KEY_PRESSED, "", "", KeyCode.DIGIT1, false, true, false, false)));
        waitIdle();
        assertEquals(InspectorViewModel.Page.OVERVIEW, vm.pageProperty().get());
    }

    @Test
    void backGivesTheViewAsItWasLeftItsSortAndSelectedRow() throws Exception {
        backGivesTheViewAsItWasLeft();
    }

    @Test
    void backGivesTheViewAsItWasLeftWhenItsRowsAreSortedOnTheWorker() throws Exception {
        interact(() -> pane.viewPage.backgroundSortRows = 0);
        backGivesTheViewAsItWasLeft();
    }

    private void backGivesTheViewAsItWasLeft() throws Exception {
        openView("procs");
        @SuppressWarnings("unchecked")
        TableView<ViewTable.Row> t = lookup("#viewTable").queryAs(TableView.class);
        clickOn("#col-PID");
        waitUntil(() -> !t.getSortOrder().isEmpty() && t.getSortOrder().get(0).getText().equals("PID"));
        javafx.scene.control.TableColumn.SortType sortType = t.getSortOrder().get(0).getSortType();
        interact(() -> t.getSelectionModel().clearAndSelect(2));
        ViewTable.Row chosen = t.getSelectionModel().getSelectedItem();
        interact(() -> t.requestFocus());
        type(KeyCode.ENTER);
        waitUntil(() -> vm.steps().size() == 2 && !vm.busyProperty().get());
        assertEquals("threads", vm.currentView().id());
        type(KeyCode.BACK_SPACE);
        waitUntil(() -> vm.steps().size() == 1 && !vm.busyProperty().get()
                && vm.tableProperty().get().view().id().equals("procs"));
        assertEquals("PID", t.getSortOrder().get(0).getText());
        assertEquals(sortType, t.getSortOrder().get(0).getSortType());
        waitUntil(() -> t.getSelectionModel().getSelectedItem() != null
                && chosen.key().equals(t.getSelectionModel().getSelectedItem().key()));
        List<ViewTable.Row> sorted = new java.util.ArrayList<>(t.getItems());
        sorted.sort(t.getComparator());
        assertEquals(sorted, t.getItems(), "the rows are in the order the arrow shows");
    }

    /**
     * The table row showing row {@code index} of the view, on screen: the table reuses its row cells,
     * so the first in the scene need not be the first row, nor be shown.
     */
    private Node viewRow(int index) throws Exception {
        WaitForAsyncUtils.waitForFxEvents();
        Node[] row = new Node[1];
        waitUntil(() -> {
            row[0] = lookup("#viewTable .table-row-cell").queryAll().stream()
                    .filter(n -> n.isVisible() && ((javafx.scene.control.TableRow<?>) n).getIndex() == index
                            && ((javafx.scene.control.TableRow<?>) n).getItem() != null)
                    .findFirst().orElse(null);
            return row[0] != null;
        });
        return row[0];
    }

    @Test
    void drillsDownAndBackThroughTheBreadcrumbs() throws Exception {
        openView("procs");
        @SuppressWarnings("unchecked")
        TableView<ViewTable.Row> t = lookup("#viewTable").queryAs(TableView.class);
        ViewTable.Row first = t.getItems().get(0);
        doubleClickOn(viewRow(0));
        waitUntil(() -> vm.steps().size() == 2 && !vm.busyProperty().get());
        assertEquals("threads", vm.currentView().id());
        Label current = lookup("#crumb-1").queryAs(Label.class);
        assertTrue(current.getText().startsWith("proc.pid = " + first.key()), current.getText());
        assertEquals(expected("threads", vm.steps().get(1).filter(), 0, Long.MAX_VALUE).rows().size(), t.getItems().size());
        // another view keeps the drill-down
        clickOn("#nav-files");
        waitUntil(() -> vm.currentView().id().equals("files") && !vm.busyProperty().get());
        assertEquals(2, vm.steps().size());
        clickOn("#crumb-0");
        waitUntil(() -> vm.steps().size() == 1 && !vm.busyProperty().get());
        assertEquals("procs", vm.currentView().id(), "each step keeps the view it showed");
        assertEquals("procs", vm.tableProperty().get().view().id());
        doubleClickOn(viewRow(0));
        waitUntil(() -> vm.steps().size() == 2 && !vm.busyProperty().get());
        type(KeyCode.BACK_SPACE);
        waitUntil(() -> vm.steps().size() == 1 && !vm.busyProperty().get());
        assertEquals("procs", vm.currentView().id());
    }

    @Test
    void aViewsColumnsShowTheirTextWhole() throws Exception {
        openView("procs");
        WaitForAsyncUtils.waitForFxEvents();
        List<String> cut = new ArrayList<>();
        int checked = 0;
        for (Node n : lookup("#viewTable .table-cell").queryAll()) {
            javafx.scene.control.TableCell<?, ?> cell = (javafx.scene.control.TableCell<?, ?>) n;
            // the last column of text takes the width left over, and may cut its texts (see below)
            if (cell.getText() == null || cell.getText().isEmpty() || isLastColumn(cell)) {
                continue;
            }
            // a cell too narrow for its text draws it elided
            Node drawn = cell.lookup(".text");
            String shown = drawn instanceof javafx.scene.text.Text ? ((javafx.scene.text.Text) drawn).getText() : null;
            checked++;
            if (!cell.getText().equals(shown)) {
                cut.add(cell.getTableColumn().getText() + ": " + cell.getText() + " drawn as " + shown);
            }
        }
        assertTrue(checked > 50, "cells checked: " + checked);
        assertTrue(cut.isEmpty(), "cells drawn elided: " + cut);
    }

    private static boolean isLastColumn(javafx.scene.control.TableCell<?, ?> cell) {
        var columns = cell.getTableView().getVisibleLeafColumns();
        return cell.getTableColumn() == columns.get(columns.size() - 1);
    }

    @Test
    void theLastColumnOfTextFillsTheTableAndATextItCutsShowsWholeInItsTip() throws Exception {
        openView("procs");
        WaitForAsyncUtils.waitForFxEvents();
        TableView<?> table = lookup("#viewTable").queryAs(TableView.class);
        var columns = table.getVisibleLeafColumns();
        assertEquals("Command", columns.get(columns.size() - 1).getText());
        double width = columns.stream().mapToDouble(TableColumn::getWidth).sum();
        assertTrue(width <= table.getWidth() && width >= table.getWidth() - 40,
                "columns " + width + " wide in a table " + table.getWidth() + " wide");
        for (Node n : lookup("#viewTable .scroll-bar").queryAll()) {
            javafx.scene.control.ScrollBar bar = (javafx.scene.control.ScrollBar) n;
            assertFalse(bar.getOrientation() == javafx.geometry.Orientation.HORIZONTAL && bar.isVisible(),
                    "the table scrolls sideways");
        }
        // narrowed by hand, the column cuts its longest text, which its tip then shows whole
        TableColumn<?, ?> command = columns.get(columns.size() - 1);
        interact(() -> command.setPrefWidth(120));
        WaitForAsyncUtils.waitForFxEvents();
        javafx.scene.control.TableCell<?, ?> longest = null;
        for (Node n : lookup("#viewTable .table-cell").queryAll()) {
            javafx.scene.control.TableCell<?, ?> cell = (javafx.scene.control.TableCell<?, ?>) n;
            if (cell.getTableColumn() == command && cell.getText() != null
                    && (longest == null || cell.getText().length() > longest.getText().length())) {
                longest = cell;
            }
        }
        assertTrue(longest != null && longest.getText().length() > 30, "a long command is shown");
        javafx.scene.control.TableCell<?, ?> cut = longest;
        Node drawn = cut.lookup(".text");
        assertNotEquals(cut.getText(), ((javafx.scene.text.Text) drawn).getText(), "the text is cut");
        moveTo(cut);
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(cut.getText(), cut.getTooltip() == null ? null : cut.getTooltip().getText());
    }

    @Test
    void aReadWhoseBufferWasCutSaysHowMuchWasCaptured() throws Exception {
        clickOn("#nav-io");
        waitUntil(() -> vm.ioProperty().get() != null && !vm.busyProperty().get());
        @SuppressWarnings("unchecked")
        javafx.scene.control.ListView<IoChunk> list = lookup("#ioList").queryAs(javafx.scene.control.ListView.class);
        IoChunk first = list.getItems().get(0);
        assertTrue(first.data().length < first.length(), "the first read of 502Error.scap was cut by the snaplen");
        String heading = lookup("#ioList .io-head").queryAs(Label.class).getText();
        assertTrue(heading.contains("(" + first.data().length + " B captured)"), heading);
    }

    @Test
    void anEmptyTableSaysItIsComputingUntilItIsDone() throws Exception {
        InspectorViewModelTest.Deferred held = new InspectorViewModelTest.Deferred();
        InspectorViewModel slow = new InspectorViewModel(scap, EventList.of(scap, null, null), ViewCatalog.builtIn(),
                held, ZoneOffset.UTC);
        Label[] shown = new Label[1];
        interact(() -> {
            shown[0] = Placeholder.of(slow, "No rows pass", "No rows at all");
            slow.start();
        });
        assertTrue(slow.busyProperty().get());
        assertEquals(Placeholder.COMPUTING, shown[0].getText());
        interact(held::runAll);
        assertFalse(slow.busyProperty().get());
        assertEquals("No rows at all", shown[0].getText());
        // with a filter, the filter is why
        interact(() -> {
            slow.filterTextProperty().set("proc.name = nosuchprocess");
            slow.applyFilter();
            held.runAll();
        });
        assertEquals("No rows pass Narrowed by the filter proc.name = nosuchprocess.", shown[0].getText());
        // a drill-down step and a range are named too
        interact(() -> {
            slow.showView("procs");
            held.runAll();
        });
        interact(() -> {
            slow.clearFilter();
            held.runAll();
            slow.drillDown(slow.tableProperty().get().rows().get(0));
            slow.setRange(scap.firstTs(), scap.firstTs() + 1);
            held.runAll();
        });
        assertTrue(shown[0].getText().startsWith("No rows pass Narrowed by the step "), shown[0].getText());
        assertTrue(shown[0].getText().endsWith(" and the time range."), shown[0].getText());
    }

    @Test
    void theTimeColumnShowsTheTimeChosenAsSysdigsTimeTypesDo() throws Exception {
        TableView<Integer> t = openEvents();
        java.nio.file.Path golden = RealCaptures.goldens().resolve("502Error.scap");
        java.util.Map<EventsPage.TimeShown, String> goldens = java.util.Map.of(
                EventsPage.TimeShown.SINCE_FIRST, "options-time-relative",
                EventsPage.TimeShown.SINCE_PREVIOUS, "options-time-delta");
        for (var chosen : goldens.entrySet()) {
            interact(() -> pane.eventsPage.timeShown.setValue(chosen.getKey()));
            List<String> sysdig;
            try (var in = new java.util.zip.GZIPInputStream(java.nio.file.Files.newInputStream(
                    golden.resolve(chosen.getValue() + ".txt.gz")))) {
                sysdig = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8).lines().toList();
            }
            for (int row = 0; row < 20; row++) {
                int r = row;
                // rows are decoded on the worker: a row is blank until its page is
                waitUntil(() -> !t.getColumns().get(1).getCellData(r).toString().isEmpty());
                assertEquals(sysdig.get(row).split(" ")[1], t.getColumns().get(1).getCellData(row), chosen.getKey() + ", row " + row);
            }
        }
        interact(() -> pane.eventsPage.timeShown.setValue(EventsPage.TimeShown.CLOCK));
        assertTrue(t.getColumns().get(1).getCellData(0).toString().matches("\\d\\d:\\d\\d:\\d\\d\\.\\d{9}"));
    }

    @Test
    void aLongEventListIsShownAWindowOfRowsAtATime() throws Exception {
        TableView<Integer> t = openEvents();
        EventsPage page = pane.eventsPage;
        int n = vm.eventsProperty().get().size();
        try {
            interact(() -> page.windowRows(200));
            assertEquals(200, t.getItems().size());
            assertTrue(lookup("#eventPosition").query().isVisible());
            // End goes to the last event of the whole list, Home back to the first
            clickOn("#eventTable");
            type(KeyCode.END);
            waitUntil(() -> page.selectedRow() == n - 1);
            assertEquals(n - 1, (int) t.getItems().get(t.getItems().size() - 1));
            long last = vm.eventsProperty().get().eventIndex(n - 1) + 1;
            waitUntil(() -> !t.getColumns().get(0).getCellData(t.getSelectionModel().getSelectedIndex()).toString().isEmpty());
            assertEquals(Long.toString(last), t.getColumns().get(0).getCellData(t.getSelectionModel().getSelectedIndex()));
            type(KeyCode.HOME);
            waitUntil(() -> page.selectedRow() == 0);
            // moving down past the window's end moves the window on, the selection going on row by row
            interact(() -> page.selectRow(150));
            for (int k = 0; k < 60; k++) {
                type(KeyCode.DOWN);
            }
            waitUntil(() -> page.selectedRow() == 210);
            assertTrue(t.getItems().get(0) > 0, "the window moved on: it starts at row " + t.getItems().get(0));
            assertEquals(210, (int) t.getSelectionModel().getSelectedItem());
            // a jump to an event far away, and the position bar, move it too
            long target = vm.eventsProperty().get().eventIndex(n / 2) + 1;
            clickOn("#gotoEvent").write(target + "\n");
            waitUntil(() -> page.selectedRow() == n / 2);
            assertTrue(t.getItems().contains(n / 2));
            interact(() -> page.position.setValue(n - 50));
            waitUntil(() -> t.getItems().contains(n - 50));
            // scrolling the table to the top of its window moves the window back, the same rows on screen
            interact(() -> page.selectRow(n / 2));
            int before = t.getItems().get(0);
            javafx.scene.control.ScrollBar bar = t.lookupAll(".scroll-bar").stream()
                    .filter(b -> b instanceof javafx.scene.control.ScrollBar
                            && ((javafx.scene.control.ScrollBar) b).getOrientation() == javafx.geometry.Orientation.VERTICAL)
                    .map(b -> (javafx.scene.control.ScrollBar) b).findFirst().orElseThrow();
            interact(() -> bar.setValue(bar.getMin()));
            waitUntil(() -> t.getItems().get(0) < before);
            assertTrue(t.getItems().contains(before), "the rows that were at the top are still held");
            // a new list (here the filter) selects nothing of the old one
            interact(() -> page.selectRow(n / 3));
            clickOn("#filterField").write("evt.type = read");
            waitUntil(() -> !lookup("#filterProblem").query().isVisible());
            type(KeyCode.ENTER);
            waitUntil(() -> vm.eventsProperty().get() != null && vm.eventsProperty().get().size() < n && !vm.busyProperty().get());
            assertEquals(-1, page.selectedRow());
            assertEquals(0, (int) t.getItems().get(0));
            clickOn("#clearFilter");
            waitUntil(() -> vm.eventsProperty().get() != null && vm.eventsProperty().get().size() == n && !vm.busyProperty().get());
        } finally {
            interact(() -> page.windowRows(50_000));
        }
        assertEquals(n, t.getItems().size());
    }

    @Test
    void aFilterAppliedOnTheEventListShowsItsEventsInTheRowsShownBefore() throws Exception {
        TableView<Integer> t = openEvents();
        String before = vm.eventsProperty().get().row(0)[0];
        waitUntil(() -> before.equals(firstCellShown(t)));
        clickOn("#filterField").write("proc.name = haproxy\n");
        waitUntil(() -> !vm.busyProperty().get() && "proc.name = haproxy".equals(vm.appliedFilterProperty().get()));
        String after = vm.eventsProperty().get().row(0)[0];
        assertTrue(!after.equals(before));
        // the rows keep their numbers (0, 1, ...): their text must still be that of the new list
        waitUntil(() -> after.equals(firstCellShown(t)));
    }

    /** Shows the event list, once it is there, and gives its table. */
    @SuppressWarnings("unchecked")
    private TableView<Integer> openEvents() throws Exception {
        clickOn("#nav-events");
        waitUntil(() -> vm.eventsProperty().get() != null && !vm.busyProperty().get());
        return lookup("#eventTable").queryAs(TableView.class);
    }

    /** The text the table shows in the first column of its first row, or null. */
    private String firstCellShown(TableView<Integer> t) {
        return lookup(".table-cell").queryAllAs(javafx.scene.control.TableCell.class).stream()
                .filter(c -> c.getTableColumn() == t.getColumns().get(0) && c.getTableRow() != null
                        && c.getTableRow().getIndex() == 0 && c.getText() != null && !c.getText().isEmpty())
                .map(javafx.scene.control.TableCell::getText).findFirst().orElse(null);
    }

    @Test
    void callsThatFailedStandOutInTheEventList() throws Exception {
        TableView<Integer> t = openEvents();
        EventList all = vm.eventsProperty().get();
        EventList failures = all.select(FilterCompiler.compile("evt.failed = true"), 0, Long.MAX_VALUE, null, null);
        assertTrue(failures.size() > 0);
        long failedIndex = failures.eventIndex(0);
        int row = 0;
        while (all.eventIndex(row) != failedIndex) {
            row++;
        }
        int failedRow = row;
        String number = all.row(failedRow)[0];
        clickOn("#gotoEvent").write(number + "\n");
        waitUntil(() -> t.getSelectionModel().getSelectedIndex() >= 0);
        interact(() -> t.getSelectionModel().clearSelection());
        java.util.function.IntFunction<javafx.scene.control.TableRow<?>> shown = index -> lookup(".table-row-cell")
                .queryAllAs(javafx.scene.control.TableRow.class).stream()
                .filter(r -> r.getIndex() == index && r.getItem() != null).findFirst().orElse(null);
        javafx.css.PseudoClass failedCall = javafx.css.PseudoClass.getPseudoClass("failed-call");
        waitUntil(() -> shown.apply(failedRow) != null && shown.apply(failedRow).getPseudoClassStates().contains(failedCall));
        java.util.Set<Long> failed = new java.util.HashSet<>();
        for (int r = 0; r < failures.size(); r++) {
            failed.add(failures.eventIndex(r));
        }
        int ok = failedRow + 1;
        while (failed.contains(all.eventIndex(ok))) {
            ok++;
        }
        int okRow = ok;
        waitUntil(() -> shown.apply(okRow) != null);
        assertFalse(shown.apply(okRow).getPseudoClassStates().contains(failedCall), "row " + okRow);
        // the legend shows only them
        clickOn("#failedCalls");
        waitUntil(() -> !vm.busyProperty().get() && vm.eventsProperty().get() != null
                && vm.eventsProperty().get().size() == failures.size());
        assertEquals("evt.failed = true", vm.appliedFilterProperty().get());
        // and the table shows them, not the rows it showed before (the same row numbers)
        String firstFailed = failures.row(0)[0];
        waitUntil(() -> firstFailed.equals(firstCellShown(t)) && shown.apply(0) != null && shown.apply(0).getPseudoClassStates().contains(failedCall));
    }

    @Test
    void jumpsToAnEventNumberAndShowsItsFields() throws Exception {
        TableView<Integer> t = openEvents();
        assertEquals(scap.visibleEventCount(), t.getItems().size());
        clickOn("#gotoEvent").write("5000\n");
        waitUntil(() -> t.getSelectionModel().getSelectedIndex() >= 0);
        // rows are decoded on the worker: a row is blank until its page is
        waitUntil(() -> !t.getColumns().get(0).getCellData(t.getSelectionModel().getSelectedIndex()).toString().isEmpty());
        long number = Long.parseLong(t.getColumns().get(0).getCellData(t.getSelectionModel().getSelectedIndex()).toString());
        assertTrue(number >= 5000 && number < 5100, "event " + number);
        TreeView<?> fields = lookup("#eventFields").queryAs(TreeView.class);
        waitUntil(() -> fields.getRoot() != null);
        assertEquals("event " + number, fields.getRoot().getValue());
        assertTrue(fields.getRoot().getChildren().stream().anyMatch(g -> g.getValue().toString().startsWith("evt")));
        // what cannot be gone to is said, and the selection stays
        int selected = t.getSelectionModel().getSelectedIndex();
        javafx.scene.control.TextField go = lookup("#gotoEvent").queryAs(javafx.scene.control.TextField.class);
        interact(go::clear);
        clickOn(go).write("abc\n");
        waitUntil(() -> vm.statusProperty().get().contains("neither an event number"));
        interact(go::clear);
        clickOn(go).write(scap.eventCount() + 10 + "\n");
        waitUntil(() -> vm.statusProperty().get().contains("no event numbered"));
        assertEquals(selected, t.getSelectionModel().getSelectedIndex());
        // an event the list leaves out: the next one is selected, and the status says so
        EventList shown = vm.eventsProperty().get();
        int gap = 0;
        while (shown.eventIndex(gap + 1) == shown.eventIndex(gap) + 1) {
            gap++;
        }
        long hidden = shown.eventIndex(gap) + 2;
        interact(go::clear);
        clickOn(go).write(hidden + "\n");
        waitUntil(() -> vm.statusProperty().get().contains("is not in the list"));
        assertEquals(gap + 1, t.getSelectionModel().getSelectedIndex());
        assertTrue(vm.statusProperty().get().contains(String.format("%,d", shown.eventIndex(gap + 1) + 1)),
                vm.statusProperty().get());
    }

    /** Shows the event list and gives it once it is made. */
    private EventList showEvents() throws Exception {
        clickOn("#nav-events");
        waitUntil(() -> vm.eventsProperty().get() != null && !vm.busyProperty().get());
        return vm.eventsProperty().get();
    }

    @Test
    void aFastScrollThroughTheEventsDecodesTheRowsItStopsAtAndFewOfThoseItPassed() throws Exception {
        EventList list = showEvents();
        TableView<Integer> table = pane.eventsPage.table;
        waitUntil(() -> list.rowIfDecoded(0) != null);
        int before = pane.eventsPage.pagesDecoded();
        int stop = list.size() - 100;
        // the table passes over a page every few rows, all in one go: no page is decoded meanwhile
        int passed = 0;
        for (int row = 0; row < stop; row += 150) {
            passed++;
        }
        interact(() -> {
            for (int row = 0; row < stop; row += 150) {
                table.scrollTo(row);
                table.layout();
            }
            table.scrollTo(stop);
            table.layout();
        });
        waitUntil(() -> list.rowIfDecoded(stop) != null && list.rowIfDecoded(stop + 20) != null);
        waitUntil(() -> pane.eventsPage.pagesDecoded() >= before + 1 && pane.eventsPage.decodingIdle());
        int decoded = pane.eventsPage.pagesDecoded() - before;
        assertTrue(decoded <= EventsPage.PAGES_WAITING + 3,
                decoded + " pages decoded for a scroll past " + passed + " places");
        // the rows on screen show their events
        javafx.scene.control.TableCell<?, ?> shown = lookup((javafx.scene.control.TableCell<?, ?> c) -> c.getTableRow() != null
                && c.getTableRow().getIndex() == stop && c.getTableColumn() == table.getColumns().get(0)).query();
        assertEquals(list.rowIfDecoded(stop)[0], shown.getText());
    }

    @Test
    void aStripAlongTheTimelineShowsWhereTheEventsOfTheFilterAre() throws Exception {
        assertFalse(lookup("#timelinePresence").query().isVisible(), "no strip without a filter");
        clickOn("#filterField").write("proc.name = curl and evt.type = connect");
        type(KeyCode.ENTER);
        waitUntil(() -> vm.selectedTimelineProperty().get() != null && !vm.busyProperty().get());
        WaitForAsyncUtils.waitForFxEvents();
        org.scapscope.view.Timeline sel = vm.selectedTimelineProperty().get();
        List<double[]> runs = pane.timeline.presenceRuns();
        assertTrue(lookup("#timelinePresence").query().isVisible());
        int held = 0;
        for (int i = 0; i < sel.counts().length; i++) {
            double middle = pane.timeline.xOf((sel.bucketStart(i) + sel.bucketStart(i + 1)) / 2e6);
            boolean under = runs.stream().anyMatch(r -> r[0] <= middle && middle <= r[1]);
            assertEquals(sel.counts()[i] > 0, under, "interval " + i + " holding " + sel.counts()[i] + " events");
            held += sel.counts()[i] > 0 ? 1 : 0;
        }
        assertTrue(held > 0 && held < sel.counts().length, held + " intervals of " + sel.counts().length);
        interact(() -> lookup("#filterField").queryAs(javafx.scene.control.TextField.class).clear());
        type(KeyCode.ENTER);
        waitUntil(() -> vm.selectedTimelineProperty().get() == null && !vm.busyProperty().get());
        WaitForAsyncUtils.waitForFxEvents();
        assertFalse(lookup("#timelinePresence").query().isVisible());
    }

    @Test
    void rowsWhoseStateCannotBeReadSayWhyInTheirInfo() throws Exception {
        EventList list = showEvents();
        TableView<Integer> table = pane.eventsPage.table;
        // a page of rows decoded from the third state checkpoint, which is then damaged
        long third = 2L * org.scapscope.state.StateHistory.INTERVAL;
        int row = list.rowOfEventNumber(third + 1);
        int page = EventList.pageOf(row) + 1;
        int first = EventList.firstRowOf(page);
        assertTrue(list.eventIndex(first) >= third && list.rowIfDecoded(first) == null);
        Path state = scap.cacheFile("state");
        byte[] whole = Files.readAllBytes(state);
        int start = (int) java.nio.ByteBuffer.wrap(whole).order(java.nio.ByteOrder.LITTLE_ENDIAN).getLong(64 + 16 * 2);
        try (java.io.RandomAccessFile f = new java.io.RandomAccessFile(state.toFile(), "rw")) {
            f.seek(start + 100);
            f.write(whole[start + 100] ^ 0x01);
        }
        interact(() -> table.scrollTo(first));
        String[] info = {null};
        waitUntil(() -> {
            javafx.scene.control.TableCell<?, ?> c = lookup((javafx.scene.control.TableCell<?, ?> x) -> x.getTableRow() != null
                    && x.getTableRow().getIndex() == first && x.getTableColumn() == table.getColumns().get(7))
                    .query();
            info[0] = c == null ? null : c.getText();
            return info[0] != null && !info[0].isEmpty();
        });
        assertTrue(info[0].startsWith("Cannot be read. The state checkpoints in " + state + " are damaged"), info[0]);
        assertEquals(null, list.rowIfDecoded(first));
    }

    @Test
    void anEventsMenuNarrowsToItsFileOrConnectionAndCopiesItsRow() throws Exception {
        EventList list = showEvents();
        TableView<Integer> table = pane.eventsPage.table;
        int target = firstRow(list, d -> valueOf(d, "fd.name") != null);
        String fdName = valueOf(list.details(target), "fd.name");
        javafx.scene.control.ContextMenu menu = menuOfEvent(list, table, target);
        javafx.scene.control.MenuItem only = menuItem(menu, "onlyDescriptor");
        assertEquals("Only " + fdName, only.getText());
        assertFalse(only.isDisable());
        assertTrue(menuItem(menu, "onlyProcess").getText().matches("Only process \\d+ \\(.+\\)"),
                menuItem(menu, "onlyProcess").getText());
        interact(() -> {
            only.fire();
            menu.hide();
        });
        String condition = FilterBar.condition("fd.name", fdName);
        waitUntil(() -> vm.appliedFilterProperty().get().equals(condition) && !vm.busyProperty().get()
                && vm.eventsProperty().get() != list);
        EventList narrowed = vm.eventsProperty().get();
        assertEquals(org.scapscope.filter.FilterScan.count(scap, FilterCompiler.compile(condition), false, null),
                narrowed.size());

        // the row as its columns show it, tab-separated
        interact(() -> pane.eventsPage.selectRow(0));
        waitUntil(() -> pane.eventsPage.rowText(0) != null);
        javafx.scene.control.ContextMenu again = showRowMenu(table, 0);
        interact(() -> {
            menuItem(again, "copyRow").fire();
            again.hide();
        });
        String[] copied = {null};
        interact(() -> copied[0] = javafx.scene.input.Clipboard.getSystemClipboard().getString());
        String[] cells = narrowed.rowIfDecoded(0);
        assertEquals(String.join("\t", cells), copied[0]);
    }

    @Test
    void anEventsMenuOpenedAsItsRowIsSelectedOffersItsItemsOnceTheDetailsCome() throws Exception {
        EventList list = showEvents();
        TableView<Integer> table = pane.eventsPage.table;
        int target = firstRow(list, d -> valueOf(d, "fd.name") != null);
        waitUntil(() -> pane.eventsPage.rowText(target) != null);
        Node cell = lookup((javafx.scene.control.TableCell<?, ?> c) -> c.getTableRow() != null
                && c.getTableRow().getIndex() == target && c.getTableColumn() == table.getColumns().get(6)).query();
        javafx.geometry.Bounds b = cell.localToScreen(cell.getBoundsInLocal());
        // a right click selects the row and asks for the menu in one go, before the row's details are read
        interact(() -> {
            pane.eventsPage.selectRow(target);
            javafx.event.Event.fireEvent(cell, new javafx.scene.input.ContextMenuEvent(
                    javafx.scene.input.ContextMenuEvent.CONTEXT_MENU_REQUESTED, 5, 5, b.getMinX() + 5, b.getMinY() + 5,
                    false, null));
        });
        javafx.scene.control.ContextMenu menu = table.getContextMenu();
        waitUntil(menu::isShowing);
        javafx.scene.control.MenuItem only = menuItem(menu, "onlyDescriptor");
        waitUntil(() -> !only.isDisable());
        assertEquals("Only " + valueOf(list.details(target), "fd.name"), only.getText());
        assertFalse(menuItem(menu, "followStream").isDisable());
        // a value is shown as it is: an underscore in it is no keyboard mnemonic
        assertTrue(menu.getItems().stream().filter(i -> i.getId() != null && i.getId().startsWith("only"))
                .noneMatch(javafx.scene.control.MenuItem::isMnemonicParsing));
        interact(menu::hide);
    }

    @Test
    void aTimelineMadeBeforeItIsDrawnTakesARangeAndAMark() throws Exception {
        waitUntil(() -> vm.timelineProperty().get() != null);
        interact(() -> vm.setRange(scap.firstTs() + 1_000_000_000L, scap.firstTs() + 2_000_000_000L));
        waitUntil(() -> !vm.busyProperty().get());
        // not in a window, never drawn: it has no plot to place the range and the mark on yet
        TimelineChart[] made = {null};
        interact(() -> {
            made[0] = new TimelineChart(vm, ZoneOffset.UTC);
            made[0].markTime(scap.firstTs() + 1_500_000_000L);
        });
        assertEquals((scap.firstTs() + 1_500_000_000L) / 1e6, made[0].markedMs(), 0.001);
        assertFalse(made[0].lookup("#timelineCursor").isVisible(), "nothing drawn where no plot is");
        assertFalse(made[0].lookup("#timelineRange").isVisible());
    }

    @Test
    void anEventsMenuFollowsItsStreamInTheIoStreams() throws Exception {
        EventList list = showEvents();
        TableView<Integer> table = pane.eventsPage.table;
        // a read or write of an HTTP connection
        int target = firstRow(list, d -> d.data().length > 0 && "ipv4".equals(valueOf(d, "fd.type")));
        String fdName = valueOf(list.details(target), "fd.name");
        long number = list.eventIndex(target) + 1;
        javafx.scene.control.ContextMenu menu = menuOfEvent(list, table, target);
        javafx.scene.control.MenuItem follow = menuItem(menu, "followStream");
        assertFalse(follow.isDisable());
        interact(() -> {
            follow.fire();
            menu.hide();
        });
        String followed = fdName;
        waitUntil(() -> vm.pageProperty().get() == InspectorViewModel.Page.IO && vm.ioProperty().get() != null
                && !vm.busyProperty().get() && vm.steps().size() == 2);
        assertEquals("fd.name = " + followed, vm.steps().get(1).label());
        List<IoChunk> chunks = vm.ioProperty().get().chunks();
        assertTrue(chunks.stream().anyMatch(c -> c.write()) && chunks.stream().anyMatch(c -> !c.write()),
                "both ways of the conversation");
        assertTrue(chunks.stream().allMatch(c -> c.fdName().equals(followed)));
        assertTrue(chunks.stream().anyMatch(c -> c.eventNumber() == number));
    }

    /** The first row of the list whose event's details satisfy {@code test}. */
    private static int firstRow(EventList list, java.util.function.Predicate<EventList.Details> test)
            throws java.io.IOException {
        for (int r = 0; r < list.size(); r++) {
            if (test.test(list.details(r))) {
                return r;
            }
        }
        throw new AssertionError("no event of the list is the one sought");
    }

    /** Selects a row, waits for its event's details, and shows its menu. */
    private javafx.scene.control.ContextMenu menuOfEvent(EventList list, TableView<Integer> table, int row)
            throws Exception {
        long number = list.eventIndex(row) + 1;
        interact(() -> pane.eventsPage.selectRow(row));
        TreeView<?> fieldTree = lookup("#eventFields").queryAs(TreeView.class);
        waitUntil(() -> fieldTree.getRoot() != null && fieldTree.getRoot().getValue().equals("event " + number));
        return showRowMenu(table, row);
    }

    /** Shows the event list's menu over a row, as a right click or the menu key asks for it. */
    private javafx.scene.control.ContextMenu showRowMenu(TableView<Integer> table, int row) throws Exception {
        Node cell = lookup((javafx.scene.control.TableCell<?, ?> c) -> c.getTableRow() != null
                && c.getTableRow().getIndex() == row && c.getTableColumn() == table.getColumns().get(6)).query();
        javafx.geometry.Bounds b = cell.localToScreen(cell.getBoundsInLocal());
        interact(() -> javafx.event.Event.fireEvent(cell, new javafx.scene.input.ContextMenuEvent(
                javafx.scene.input.ContextMenuEvent.CONTEXT_MENU_REQUESTED, 5, 5, b.getMinX() + 5, b.getMinY() + 5,
                false, null)));
        java.util.function.Supplier<java.util.Optional<javafx.scene.control.ContextMenu>> showing = () -> javafx.stage.Window
                .getWindows().stream().filter(w -> w instanceof javafx.scene.control.ContextMenu && w.isShowing())
                .map(javafx.scene.control.ContextMenu.class::cast).findFirst();
        waitUntil(() -> showing.get().isPresent());
        return showing.get().orElseThrow();
    }

    private static javafx.scene.control.MenuItem menuItem(javafx.scene.control.ContextMenu menu, String id) {
        return menu.getItems().stream().filter(i -> id.equals(i.getId())).findFirst().orElseThrow();
    }

    private static String valueOf(EventList.Details d, String field) {
        return d.groups().values().stream().flatMap(List::stream).filter(f -> f.name().equals(field))
                .map(EventList.FieldValue::value).findFirst().orElse(null);
    }

    @Test
    void theDarkThemeColoursTheWindowAndTheTimelineAndIsRemembered() throws Exception {
        String dark = InspectorPane.class.getResource("scapscope-dark.css").toExternalForm();
        org.jfree.chart.JFreeChart chart = pane.timeline.canvas().getChart();
        java.awt.Paint light = chart.getBackgroundPaint();
        int[] draws = {0};
        org.jfree.chart.event.ChartProgressListener counting = e -> {
            if (e.getType() == org.jfree.chart.event.ChartProgressEvent.DRAWING_FINISHED) {
                draws[0]++;
            }
        };
        interact(() -> chart.addProgressListener(counting));
        clickOn("#darkTheme");
        WaitForAsyncUtils.waitForFxEvents();
        assertTrue(pane.getScene().getStylesheets().contains(dark));
        assertTrue(prefs.getBoolean("dark", false));
        java.awt.Color back = (java.awt.Color) chart.getBackgroundPaint();
        assertTrue(back.getRed() + back.getGreen() + back.getBlue() < 3 * 64, "a dark chart: " + back);
        // every colour changed, and the chart drawn once for them all, with no entity per data item
        // (nothing reads them, and they took most of a redraw)
        assertEquals(1, draws[0], "chart redraws");
        assertEquals(null, pane.timeline.canvas().getRenderingInfo().getEntityCollection());
        clickOn("#darkTheme");
        WaitForAsyncUtils.waitForFxEvents();
        assertFalse(pane.getScene().getStylesheets().contains(dark));
        assertFalse(prefs.getBoolean("dark", true));
        assertEquals(light, chart.getBackgroundPaint());
        interact(() -> chart.removeProgressListener(counting));
    }

    @Test
    void aClickOnTheTimelineTakesTheEventListAndTheStreamsToThatTime() throws Exception {
        clickOn("#nav-events");
        waitUntil(() -> vm.eventsProperty().get() != null && !vm.busyProperty().get());
        org.scapscope.view.EventList list = vm.eventsProperty().get();
        Node canvas = pane.timeline.canvas();
        Bounds b = canvas.getBoundsInLocal();
        double x = b.getMinX() + b.getWidth() * 0.55;
        long ns = (long) (pane.timeline.msAt(x) * 1e6);
        clickOn(canvas.localToScreen(new Point2D(x, b.getMinY() + b.getHeight() / 2)));
        waitUntil(() -> pane.eventsPage.selectedRow() >= 0);
        int row = pane.eventsPage.selectedRow();
        assertTrue(list.ts(row) >= ns - 1_000_000, "the event chosen is at " + list.ts(row) + ", clicked " + ns);
        assertTrue(row == 0 || list.ts(row - 1) < ns + 1_000_000, "the one before is before the time clicked");
        assertFalse(vm.hasRange(), "a click chooses no range");
        // the event selected is marked on the timeline while the list is shown
        assertEquals(list.ts(row) / 1e6, pane.timeline.markedMs(), 0.001);
        javafx.scene.shape.Line cursor = lookup("#timelineCursor").queryAs(javafx.scene.shape.Line.class);
        assertTrue(cursor.isVisible());
        assertShowsTime(list.ts(row), cursor.getStartX());
        // stepping through the list moves the mark without drawing the chart again
        int[] draws = {0};
        org.jfree.chart.event.ChartProgressListener counting = e -> {
            if (e.getType() == org.jfree.chart.event.ChartProgressEvent.DRAWING_FINISHED) {
                draws[0]++;
            }
        };
        interact(() -> pane.timeline.canvas().getChart().addProgressListener(counting));
        int last = list.size() - 1;
        interact(() -> pane.eventsPage.selectRow(last));
        waitUntil(() -> Math.abs(pane.timeline.markedMs() - list.ts(last) / 1e6) < 0.001);
        assertShowsTime(list.ts(last), cursor.getStartX());
        assertEquals(0, draws[0], "chart redraws");
        interact(() -> pane.timeline.canvas().getChart().removeProgressListener(counting));
        clickOn("#nav-overview");
        waitUntil(() -> vm.pageProperty().get() == InspectorViewModel.Page.OVERVIEW);
        assertTrue(Double.isNaN(pane.timeline.markedMs()), "no mark away from the event list");
        assertFalse(cursor.isVisible());

        // the I/O streams likewise
        clickOn("#nav-io");
        waitUntil(() -> vm.ioProperty().get() != null && !vm.busyProperty().get());
        clickOn(canvas.localToScreen(new Point2D(x, b.getMinY() + b.getHeight() / 2)));
        @SuppressWarnings("unchecked")
        javafx.scene.control.ListView<IoChunk> chunks = lookup("#ioList").queryAs(javafx.scene.control.ListView.class);
        waitUntil(() -> chunks.getSelectionModel().getSelectedIndex() >= 0);
        int chunk = chunks.getSelectionModel().getSelectedIndex();
        assertTrue(chunks.getItems().get(chunk).ts() >= ns - 1_000_000);
        assertTrue(chunk == 0 || chunks.getItems().get(chunk - 1).ts() < ns + 1_000_000);
        assertEquals(chunks.getItems().get(chunk).ts() / 1e6, pane.timeline.markedMs(), 0.001);
    }

    @Test
    void ioStreamsSwitchModesAndFollowAConversation() throws Exception {
        clickOn("#nav-io");
        waitUntil(() -> vm.ioProperty().get() != null && !vm.busyProperty().get());
        @SuppressWarnings("unchecked")
        javafx.scene.control.ListView<IoChunk> list = lookup("#ioList").queryAs(javafx.scene.control.ListView.class);
        assertFalse(list.getItems().isEmpty());
        clickOn("#ioMode-HEX");
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(org.scapscope.view.PayloadText.Mode.HEX, pane.ioPage.mode());
        Label firstData = lookup("#ioList .io-data").queryAs(Label.class);
        assertTrue(firstData.getText().startsWith("0000"), firstData.getText());
        clickOn("#ioMode-JSON");
        long json = list.getItems().stream().filter(c -> org.scapscope.view.PayloadText.isJson(c.data())).count();
        String told = json == 0 ? "No payload here is a JSON document"
                : String.format("%,d of %,d payloads are JSON", json, list.getItems().size());
        // counted on the worker: the window goes on meanwhile
        waitUntil(() -> vm.statusProperty().get().contains(told));
        clickOn("#ioMode-PRINTABLE");
        WaitForAsyncUtils.waitForFxEvents();
        assertFalse(lookup("#ioList .io-data").queryAs(Label.class).getText().startsWith("0000"));
        clickOn("#ioFind").write("HTTP\n");
        waitUntil(() -> list.getSelectionModel().getSelectedItem() != null);
        IoChunk found = list.getSelectionModel().getSelectedItem();
        assertTrue(new String(found.data(), StandardCharsets.ISO_8859_1).contains("HTTP"));
        int at = list.getSelectionModel().getSelectedIndex();
        assertTrue(vm.statusProperty().get().startsWith(String.format("\"HTTP\" found in chunk %,d of %,d (event #%,d)",
                at + 1, list.getItems().size(), found.eventNumber())), vm.statusProperty().get());
        // the text found is marked where the chunks show it
        WaitForAsyncUtils.waitForFxEvents();
        List<javafx.scene.text.Text> marks = lookup("#ioList .io-match").queryAllAs(javafx.scene.text.Text.class)
                .stream().toList();
        assertFalse(marks.isEmpty());
        assertTrue(marks.stream().allMatch(m -> m.getText().equalsIgnoreCase("HTTP")), marks.toString());
        clickOn("#ioFollow");
        waitUntil(() -> vm.steps().size() == 2 && !vm.busyProperty().get());
        assertTrue(list.getItems().stream().allMatch(c -> c.fdName().equals(found.fdName())));

        // the conversation followed, saved as text: each chunk's heading, then its data in the mode chosen
        Path out = tmp.resolve("conversation.txt");
        interact(() -> pane.exportTo(name -> out));
        clickOn("#exportMenu");
        clickOn("#exportStream");
        waitUntil(() -> Files.exists(out) && !vm.busyProperty().get());
        String saved = Files.readString(out, StandardCharsets.UTF_8);
        for (IoChunk c : list.getItems()) {
            assertTrue(saved.contains("#" + c.eventNumber() + "  "), "chunk " + c.eventNumber() + " saved");
        }
        assertTrue(saved.contains(org.scapscope.view.PayloadText.render(found.data(), org.scapscope.view.PayloadText.Mode.PRINTABLE)));
        assertTrue(lookup("#inspectorStatus").queryAs(Label.class).getText()
                .contains(String.format("Saved %,d reads and writes", list.getItems().size())));

        // a text no chunk holds selects nothing new, and says so
        IoChunk before = list.getSelectionModel().getSelectedItem();
        clickOn("#ioFind").eraseText(4).write("no such bytes\n");
        waitUntil(() -> lookup("#inspectorStatus").queryAs(Label.class).getText().contains("No chunk holds"));
        assertEquals(before, list.getSelectionModel().getSelectedItem());
    }

    @Test
    void anExportAskedForWhileANewFilterIsComputedWritesNothingOfTheOldOne() throws Exception {
        openEvents();
        Path out = tmp.resolve("stale-" + UUID.randomUUID() + ".csv");
        interact(() -> pane.exportTo(name -> out));
        // applied and exported at once: the list shown is still the one before the filter
        String[] said = new String[1];
        interact(() -> {
            vm.filterTextProperty().set("evt.type = read");
            vm.applyFilter();
            pane.exportTable(false);
            said[0] = vm.statusProperty().get();
        });
        assertEquals("The event list is still being computed: export it once it is shown", said[0]);
        waitIdle();
        assertFalse(Files.exists(out));
        interact(() -> pane.exportTable(false));
        waitUntil(() -> Files.exists(out) && !vm.busyProperty().get());
        long rows = Files.readAllLines(out, StandardCharsets.UTF_8).size() - 1;
        assertEquals(vm.eventsProperty().get().size(), rows);
    }

    @Test
    void aFilterIsSavedUnderANameOrTheStatusSaysWhyNot() throws Exception {
        String longName = "n".repeat(java.util.prefs.Preferences.MAX_KEY_LENGTH + 1);
        String longFilter = "proc.name = " + "x".repeat(java.util.prefs.Preferences.MAX_VALUE_LENGTH);
        String[] said = new String[3];
        interact(() -> {
            pane.filterBar.save(longName, "proc.name = nginx");
            said[0] = vm.statusProperty().get();
            pane.filterBar.save("huge", longFilter);
            said[1] = vm.statusProperty().get();
            pane.filterBar.save("web", "proc.name = nginx");
            said[2] = vm.statusProperty().get();
        });
        assertEquals("Not saved: a filter's name may have 80 characters at most; this one has 81", said[0]);
        assertTrue(said[1].startsWith("Not saved: a saved filter may have 8,192 characters at most"), said[1]);
        assertEquals("Saved the filter as web", said[2]);
        assertEquals(List.of("web"), pane.filterBar.savedNames());
    }

    @Test
    void exportsTheTableAsCsv() throws Exception {
        openView("procs");
        Path out = tmp.resolve("procs.csv");
        interact(() -> pane.exportTo(name -> out));
        clickOn("#exportMenu");
        clickOn("#exportCsv");
        waitUntil(() -> Files.exists(out) && lookup("#inspectorStatus").queryAs(Label.class).getText().contains("Wrote"));
        List<String> lines = Files.readAllLines(out, StandardCharsets.UTF_8);
        ViewTable t = vm.tableProperty().get();
        assertEquals(String.join(",", t.columns()), lines.get(0));
        assertEquals(t.rows().size() + 1, lines.size());
        ViewTable.Row firstShown = pane.viewPage.rowsShown().get(0);
        assertEquals(firstShown.values().get(0).toString(), lines.get(1).split(",")[0]);
        assertNotNull(lookup("#inspectorStatus").queryAs(Label.class).getText());
        assertTrue(lookup("#inspectorStatus").queryAs(Label.class).getText().contains("Wrote"));

        // a file that cannot be written is named in the status, and nothing is left behind
        Path nowhere = tmp.resolve("no-such-folder").resolve("procs.csv");
        interact(() -> pane.exportTo(name -> nowhere));
        clickOn("#exportMenu");
        clickOn("#exportCsv");
        waitUntil(() -> lookup("#inspectorStatus").queryAs(Label.class).getText().contains("failed"));
        String said = lookup("#inspectorStatus").queryAs(Label.class).getText();
        assertTrue(said.startsWith("Writing " + nowhere + " failed: "), said);
        assertFalse(Files.exists(nowhere.getParent()));

        // the capture inspected, under another name, is not written over (a link: at worst the link would go)
        Path itself = Files.createSymbolicLink(tmp.resolve("itself-" + UUID.randomUUID() + ".csv"), scap.path());
        long size = Files.size(scap.path());
        java.nio.file.attribute.FileTime stamp = Files.getLastModifiedTime(scap.path());
        interact(() -> pane.exportTo(name -> itself));
        clickOn("#exportMenu");
        clickOn("#exportCsv");
        waitUntil(() -> lookup("#inspectorStatus").queryAs(Label.class).getText().contains("inspected here"));
        assertEquals(itself + " is the capture inspected here: export to another file",
                lookup("#inspectorStatus").queryAs(Label.class).getText());
        assertTrue(Files.isSymbolicLink(itself));
        assertEquals(size, Files.size(scap.path()));
        assertEquals(stamp, Files.getLastModifiedTime(scap.path()));

        // an export through a link replaces the file it names, with that file's permissions, and the link stays
        Path shared = Files.writeString(tmp.resolve("shared-" + UUID.randomUUID() + ".csv"), "old\n");
        Files.setPosixFilePermissions(shared, java.nio.file.attribute.PosixFilePermissions.fromString("rw-r--r--"));
        Path link = Files.createSymbolicLink(tmp.resolve("link-" + UUID.randomUUID() + ".csv"), shared);
        interact(() -> pane.exportTo(name -> link));
        clickOn("#exportMenu");
        clickOn("#exportCsv");
        waitUntil(() -> !vm.busyProperty().get() && shared.toFile().length() > 4);
        assertTrue(Files.isSymbolicLink(link));
        assertEquals(lines, Files.readAllLines(shared, StandardCharsets.UTF_8));
        assertEquals("rw-r--r--", java.nio.file.attribute.PosixFilePermissions.toString(
                Files.getPosixFilePermissions(shared)));
    }

    @Test
    void theDetailTreeShowsTheKeyFieldsFirstAndAddsOneToTheFilter() throws Exception {
        TableView<Integer> t = openEvents();
        interact(() -> t.getSelectionModel().clearAndSelect(0));
        TreeView<String> fields = lookup("#eventFields").queryAs(TreeView.class);
        waitUntil(() -> fields.getRoot() != null);
        var evt = fields.getRoot().getChildren().get(0);
        assertTrue(evt.getValue().startsWith("evt"), evt.getValue());
        List<String> first = evt.getChildren().subList(0, 3).stream().map(javafx.scene.control.TreeItem::getValue)
                .map(v -> v.substring(0, v.indexOf(" = "))).toList();
        assertEquals(List.of("evt.num", "evt.type", "evt.dir"), first);
        var proc = fields.getRoot().getChildren().stream().filter(g -> g.getValue().startsWith("proc "))
                .findFirst().orElseThrow();
        var name = proc.getChildren().get(0);
        assertTrue(name.getValue().startsWith("proc.name = "), name.getValue());
        String process = name.getValue().substring("proc.name = ".length());
        interact(() -> fields.getSelectionModel().select(name));
        // the tree's menu, as a right click shows it
        interact(() -> {
            javafx.scene.control.ContextMenu menu = fields.getContextMenu();
            menu.getOnShowing().handle(null);
            javafx.scene.control.MenuItem add = menu.getItems().stream()
                    .filter(i -> "Add to the filter".equals(i.getText())).findFirst().orElseThrow();
            assertFalse(add.isDisable());
            add.fire();
        });
        waitUntil(() -> vm.appliedFilterProperty().get().equals("proc.name = " + process) && !vm.busyProperty().get());
        assertTrue(vm.eventsProperty().get().size() < scap.visibleEventCount());
    }

    @Test
    void aLongEventInfoShowsWholeInItsTip() throws Exception {
        TableView<Integer> t = openEvents();
        var info = t.getColumns().get(t.getColumns().size() - 1);
        waitUntil(() -> lookup("#eventTable .table-cell").queryAllAs(javafx.scene.control.TableCell.class).stream()
                .anyMatch(c -> c.getTableColumn() == info && c.getText() != null && c.getText().length() > 90));
        javafx.scene.control.TableCell<?, ?> longest = lookup("#eventTable .table-cell")
                .queryAllAs(javafx.scene.control.TableCell.class).stream()
                .filter(c -> c.getTableColumn() == info && c.getText() != null && c.getText().length() > 90)
                .findFirst().orElseThrow();
        moveTo(longest);
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(longest.getText(), longest.getTooltip() == null ? null : longest.getTooltip().getText());
    }

    @Test
    void exportsTheEventListAsCsvAndJson() throws Exception {
        openEvents();
        interact(() -> {
            vm.filterTextProperty().set("proc.name = curl and evt.type = connect");
            vm.applyFilter();
        });
        waitUntil(() -> !vm.busyProperty().get() && vm.eventsProperty().get() != null
                && vm.eventsProperty().get().size() < scap.visibleEventCount());
        EventList shown = vm.eventsProperty().get();
        assertTrue(shown.size() > 0);
        Path out = tmp.resolve("events.csv");
        List<String> suggested = new ArrayList<>();
        interact(() -> pane.exportTo(name -> {
            suggested.add(name);
            return out;
        }));
        clickOn("#exportMenu");
        clickOn("#exportCsv");
        waitUntil(() -> Files.exists(out) && lookup("#inspectorStatus").queryAs(Label.class).getText().contains("Wrote"));
        assertEquals("502Error-events.csv", suggested.get(0));
        List<String> lines = Files.readAllLines(out, StandardCharsets.UTF_8);
        assertEquals(String.join(",", EventList.COLUMNS), lines.get(0));
        assertEquals(shown.size() + 1, lines.size());
        for (int r = 0; r < shown.size(); r++) {
            String[] cells = shown.row(r);
            List<String> fields = new ArrayList<>();
            for (String c : cells) {
                fields.add(c.contains(",") || c.contains("\"") ? "\"" + c.replace("\"", "\"\"") + "\"" : c);
            }
            assertEquals(String.join(",", fields), lines.get(r + 1), "row " + r);
        }
        Path json = tmp.resolve("events.json");
        interact(() -> pane.exportTo(name -> json));
        clickOn("#exportMenu");
        clickOn("#exportJson");
        waitUntil(() -> Files.exists(json));
        com.fasterxml.jackson.databind.JsonNode array = new com.fasterxml.jackson.databind.ObjectMapper().readTree(json.toFile());
        assertEquals(shown.size(), array.size());
        assertEquals(shown.row(0)[0], array.get(0).get("evt.num").asText());
        assertEquals("connect", array.get(shown.size() - 1).get("evt.type").asText());
    }

    @Test
    void helpListsTheShortcutsAndWhereTheUsersOwnViewsAndRulesAre() throws Exception {
        clickOn("#nav-overview");
        type(KeyCode.F1);
        waitUntil(() -> lookup("#shortcutList").tryQuery().isPresent());
        GridPane list = lookup("#shortcutList").queryAs(GridPane.class);
        List<String> keys = list.getChildren().stream().filter(n -> GridPane.getColumnIndex(n) == 0)
                .map(n -> ((Label) n).getText()).toList();
        assertEquals(InspectorPane.SHORTCUTS.stream().map(k -> k[0]).toList(), keys);
        assertTrue(keys.containsAll(List.of("Ctrl+L", "Ctrl+F", "Ctrl+G", "Backspace", "F1 or ?")), keys.toString());
        Label own = lookup("#ownFolders").queryAs(Label.class);
        assertTrue(own.getText().contains(OWN.views().toString()) && own.getText().contains(OWN.rules().toString()),
                own.getText());
        javafx.scene.control.DialogPane pane = lookup(".dialog-pane").queryAs(javafx.scene.control.DialogPane.class);
        interact(() -> ((Button) pane.lookupButton(javafx.scene.control.ButtonType.CLOSE)).fire());
        waitUntil(() -> lookup("#shortcutList").tryQuery().isEmpty());
    }

    @Test
    void theFilterCompletesFieldsOperatorsAndValuesSeen() throws Exception {
        waitUntil(() -> !vm.valuesSeen("proc.name").isEmpty());
        clickOn("#filterField").write("proc.na");
        assertTrue(pane.filterBar.suggestionsAtCaret().contains("proc.name"));
        eraseText(7);
        write("proc.name ");
        assertTrue(pane.filterBar.suggestionsAtCaret().containsAll(List.of("=", "contains", "startswith")));
        write("= hap");
        assertEquals(List.of("haproxy"), pane.filterBar.suggestionsAtCaret());
        press(KeyCode.CONTROL).press(KeyCode.SPACE).release(KeyCode.SPACE).release(KeyCode.CONTROL);
        waitUntil(() -> pane.filterBar.suggestions.getItems().size() == 1);
        interact(() -> pane.filterBar.suggestions.getItems().get(0).fire());
        assertEquals("proc.name = haproxy ", pane.filterBar.field.getText());
        // Enter with completions offered takes the first, rather than applying the word half typed
        interact(() -> pane.filterBar.field.clear());
        write("proc.na");
        press(KeyCode.CONTROL).press(KeyCode.SPACE).release(KeyCode.SPACE).release(KeyCode.CONTROL);
        waitUntil(() -> pane.filterBar.suggestions.isShowing());
        type(KeyCode.ENTER);
        waitUntil(() -> !pane.filterBar.suggestions.isShowing());
        assertTrue(pane.filterBar.field.getText().startsWith("proc.name"), pane.filterBar.field.getText());
        assertEquals("", vm.appliedFilterProperty().get(), "nothing was applied");
        // Down moves into the list: Enter then takes the item moved to
        interact(() -> pane.filterBar.field.clear());
        write("proc.");
        List<String> offered = pane.filterBar.suggestionsAtCaret();
        press(KeyCode.CONTROL).press(KeyCode.SPACE).release(KeyCode.SPACE).release(KeyCode.CONTROL);
        waitUntil(() -> pane.filterBar.suggestions.isShowing());
        type(KeyCode.DOWN, 2);
        type(KeyCode.ENTER);
        waitUntil(() -> !pane.filterBar.suggestions.isShowing());
        assertEquals(offered.get(1) + " ", pane.filterBar.field.getText());
    }

    @Test
    void aFindShowsWhatItSeeksAndHowFarItGotAndStopsOnEscape() throws Exception {
        waitUntil(() -> !vm.busyProperty().get());
        Search search = pane.search;
        java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);
        java.util.concurrent.atomic.AtomicBoolean stopped = new java.util.concurrent.atomic.AtomicBoolean();
        Worker.Job<Integer> slow = (progress, cancelled) -> {
            progress.update(0.5, null);
            while (!release.await(10, TimeUnit.MILLISECONDS)) {
                if (cancelled.getAsBoolean()) {
                    stopped.set(true);
                    throw new java.util.concurrent.CancellationException();
                }
            }
            return 7;
        };
        String before = vm.statusProperty().get();
        int[] found = {-1};
        interact(() -> search.run("\"needle\"", slow, i -> found[0] = i));
        assertTrue(vm.busyProperty().get());
        assertEquals("Finding \"needle\"… (Escape stops it)", vm.statusProperty().get());
        waitUntil(() -> vm.progressProperty().get() == 0.5);
        // Escape, as the window hears it, stops it
        interact(pane::requestFocus);
        type(KeyCode.ESCAPE);
        waitUntil(stopped::get);
        assertFalse(vm.busyProperty().get());
        assertEquals("Find stopped", vm.statusProperty().get());
        assertEquals(-1, found[0], "a stopped search finds nothing");

        // one that ends gives the status line back
        interact(() -> vm.say(before));
        java.util.concurrent.CountDownLatch quick = new java.util.concurrent.CountDownLatch(0);
        interact(() -> search.run("\"x\"", (p, c) -> {
            quick.await();
            return 3;
        }, i -> found[0] = i));
        waitUntil(() -> found[0] == 3 && !vm.busyProperty().get());
        assertEquals(before, vm.statusProperty().get());
        release.countDown();
    }

    @Test
    void theFiltersMenuOffersTheFiltersAppliedBeforeAsTheyWereTyped() throws Exception {
        clickOn("#filterField").write("evt.type = epoll_pwait");
        type(KeyCode.ENTER);
        waitUntil(() -> vm.appliedFilterProperty().get().equals("evt.type = epoll_pwait") && !vm.busyProperty().get());
        interact(() -> lookup("#filterField").queryAs(javafx.scene.control.TextField.class).clear());
        clickOn("#filterField");
        type(KeyCode.ENTER);
        waitUntil(() -> vm.appliedFilterProperty().get().isEmpty() && !vm.busyProperty().get());
        javafx.scene.control.MenuButton more = lookup("#filterMenu").queryAs(javafx.scene.control.MenuButton.class);
        interact(more::show);
        // shown as typed: the underscore is no keyboard mnemonic
        javafx.scene.control.MenuItem past = more.getItems().stream()
                .filter(i -> "evt.type = epoll_pwait".equals(i.getText())).findFirst().orElseThrow();
        assertFalse(past.isMnemonicParsing());
        interact(() -> {
            past.fire();
            more.hide();
        });
        waitUntil(() -> vm.appliedFilterProperty().get().equals("evt.type = epoll_pwait") && !vm.busyProperty().get());
    }

    @Test
    void findMovesToTheNextRowHoldingAText() throws Exception {
        openView("procs");
        @SuppressWarnings("unchecked")
        TableView<ViewTable.Row> t = lookup("#viewTable").queryAs(TableView.class);
        clickOn("#viewTable");
        press(KeyCode.CONTROL).press(KeyCode.F).release(KeyCode.F).release(KeyCode.CONTROL);
        waitUntil(() -> lookup("#findField").query().isVisible());
        write("dockercloud\n");
        waitUntil(() -> t.getSelectionModel().getSelectedItem() != null
                && t.getSelectionModel().getSelectedItem().values().toString().contains("dockercloud"));
        int first = t.getSelectionModel().getSelectedIndex();
        type(KeyCode.ENTER);
        waitUntil(() -> t.getSelectionModel().getSelectedIndex() != first);
        assertTrue(t.getSelectionModel().getSelectedItem().values().toString().contains("dockercloud"));
        int found = t.getSelectionModel().getSelectedIndex();
        clickOn("#findField").eraseText(11).write("no such row\n");
        waitUntil(() -> lookup("#inspectorStatus").queryAs(Label.class).getText().contains("No row shows \"no such row\""));
        assertEquals(found, t.getSelectionModel().getSelectedIndex());
        clickOn("#findField").eraseText(11).write("dockercloud");
        TableView<Integer> events = openEvents();
        clickOn("#findField").eraseText(11).write("sendto\n");
        waitUntil(() -> events.getSelectionModel().getSelectedIndex() >= 0);
        waitUntil(() -> !events.getColumns().get(6).getCellData(events.getSelectionModel().getSelectedIndex()).toString().isEmpty());
        assertEquals("sendto", events.getColumns().get(6).getCellData(events.getSelectionModel().getSelectedIndex()));
        long number = vm.eventsProperty().get().eventIndex(events.getSelectionModel().getSelectedIndex()) + 1;
        assertEquals(String.format("\"sendto\" found at event #%,d", number), vm.statusProperty().get());

        // in the machine state's table shown: the descriptors
        press(KeyCode.CONTROL).type(KeyCode.DIGIT7).release(KeyCode.CONTROL);
        waitUntil(() -> vm.pageProperty().get() == InspectorViewModel.Page.STATE && !vm.busyProperty().get()
                && vm.stateTablesProperty().get() != null);
        interact(() -> pane.statePage.tabs.getSelectionModel().select(pane.statePage.fdsTab()));
        clickOn("#findField").eraseText(6).write("haproxy.stats\n");
        TableView<org.scapscope.view.StateTables.OpenFd> fds = pane.statePage.fds;
        waitUntil(() -> fds.getSelectionModel().getSelectedItem() != null);
        assertTrue(fds.getSelectionModel().getSelectedItem().name().contains("haproxy.stats"),
                fds.getSelectionModel().getSelectedItem().toString());
    }
}
