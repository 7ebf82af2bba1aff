package org.scapscope.ui;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.collections.FXCollections;
import javafx.collections.transformation.SortedList;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.css.PseudoClass;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Label;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import org.scapscope.view.ByteSizes;
import org.scapscope.view.StateTables;

/**
 * The machine as the capture knew it just after one event: its threads, the descriptors they had
 * open, its network connections and its containers (sysdig's ps, lsof, netstat and lscontainers),
 * each a sortable table. The event is the last one of the time range unless one is chosen, by number
 * here or from the event list. A filter narrows the tables by descriptor, as sysdig's lsof does.
 *
 * <p>Enter or a double-click drills down: a thread or a container narrows the tables to it, a
 * descriptor or a connection shows the events on it.
 */
final class StatePage extends VBox {
    private final InspectorViewModel vm;
    private final DateTimeFormatter clock;
    final Label summary = new Label();
    final TextField event = new TextField();
    final Button endOfRange = new Button("End of range");
    final TabPane tabs = new TabPane();
    final TableView<StateTables.Thread> threads = new TableView<>();
    final TableView<StateTables.OpenFd> fds = new TableView<>();
    final TableView<StateTables.Connection> connections = new TableView<>();
    final TableView<StateTables.Container> containers = new TableView<>();
    private final Tab threadsTab = new Tab();
    private final Tab fdsTab = new Tab();
    private final Tab connectionsTab = new Tab();
    private final Tab containersTab = new Tab();
    final CheckBox changes = new CheckBox("Changes in the range");
    final CheckBox tree = new CheckBox("As a process tree");
    /** How deep each process is in the process tree, while the threads are shown as one. */
    private final java.util.Map<StateTables.Thread, Integer> depth = new java.util.HashMap<>();
    /** The rows that appeared since the range start, and those that went away, while the changes are shown. */
    private final Set<Object> added = new HashSet<>();
    private final Set<Object> removed = new HashSet<>();
    /** The change columns, shown with the changes only. */
    private final List<TableColumn<?, ?>> changeColumns = new ArrayList<>();
    private static final PseudoClass ADDED = PseudoClass.getPseudoClass("state-added");
    private static final PseudoClass REMOVED = PseudoClass.getPseudoClass("state-removed");

    StatePage(InspectorViewModel vm, ZoneId zone) {
        this.vm = vm;
        this.clock = DateTimeFormatter.ofPattern("HH:mm:ss.SSSSSSSSS").withZone(zone);
        setId("statePage");
        summary.setId("stateSummary");
        event.setId("stateEvent");
        event.setPromptText("event #");
        event.setPrefColumnCount(9);
        event.setTooltip(new Tooltip("The event number to show the state just after (Enter)"));
        event.setOnAction(e -> goToTyped());
        endOfRange.setId("stateEndOfRange");
        endOfRange.setTooltip(new Tooltip("The state just after the last event of the time range"));
        endOfRange.setOnAction(e -> vm.showStateAt(-1));
        endOfRange.disableProperty().bind(vm.stateAtProperty().lessThan(0));
        Region grow = new Region();
        HBox.setHgrow(grow, Priority.ALWAYS);
        changes.setId("stateChanges");
        changes.setTooltip(new Tooltip("Only what changed from the start of the time range (the capture's start when"
                + " none is chosen) to this event: the threads, descriptors, connections and containers that appeared"
                + " (green) and went away (faded)"));
        changes.setSelected(vm.stateChangesAskedProperty().get());
        changes.selectedProperty().addListener((o, a, b) -> vm.showStateChanges(b));
        Label justAfter = new Label("Just after event");
        for (Region r : List.of(changes, justAfter, event, endOfRange)) {
            r.setMinWidth(Region.USE_PREF_SIZE);
        }
        HBox bar = new HBox(10, summary, grow, changes, justAfter, event, endOfRange);
        bar.setAlignment(Pos.CENTER_LEFT);
        bar.setPadding(new Insets(6, 10, 6, 10));

        buildThreads();
        buildFds();
        buildConnections();
        buildContainers();
        tree.setId("stateTree");
        tree.setTooltip(new Tooltip("The processes (their main threads) under the processes that started them"));
        tree.selectedProperty().addListener((o, a, b) -> show());
        HBox treeBar = new HBox(tree);
        treeBar.setPadding(new Insets(4, 8, 4, 8));
        VBox.setVgrow(threads, Priority.ALWAYS);
        threadsTab.setContent(new VBox(treeBar, threads));
        fdsTab.setContent(fds);
        connectionsTab.setContent(connections);
        containersTab.setContent(containers);
        threadsTab.setId("stateThreadsTab");
        fdsTab.setId("stateFdsTab");
        connectionsTab.setId("stateConnectionsTab");
        containersTab.setId("stateContainersTab");
        tabs.setId("stateTabs");
        tabs.setTabClosingPolicy(TabPane.TabClosingPolicy.UNAVAILABLE);
        tabs.getTabs().addAll(List.of(threadsTab, fdsTab, connectionsTab, containersTab));
        VBox.setVgrow(tabs, Priority.ALWAYS);
        getChildren().addAll(bar, tabs);
        // the changes are set before the state: each shows what the two hold together (the state the
        // changes lead to, when they are asked for), as a state equal to the one before fires nothing
        vm.stateTablesProperty().addListener((o, a, b) -> show());
        vm.stateChangesProperty().addListener((o, a, b) -> show());
        vm.busyProperty().addListener((o, a, b) -> placeholders(vm.stateTablesProperty().get()));
        show();
    }

    /** The table of the tab shown. */
    TableView<?> shownTable() {
        Tab t = tabs.getSelectionModel().getSelectedItem();
        return t == threadsTab ? threads : t == fdsTab ? fds : t == connectionsTab ? connections : containers;
    }

    /** The tab of the open descriptors. */
    Tab fdsTab() {
        return fdsTab;
    }

    private void goToTyped() {
        if (vm.capture().eventCount() == 0) {
            vm.say("This capture has no events: its state is the one its process and descriptor lists give");
            return;
        }
        String t = event.getText().strip().replace(",", "").replace("#", "");
        long n;
        try {
            n = Long.parseLong(t);
        } catch (NumberFormatException ex) {
            vm.say("Type an event number, from 1 to " + String.format("%,d", vm.capture().eventCount()));
            return;
        }
        if (n < 1 || n > vm.capture().eventCount()) {
            vm.say(String.format("The events are numbered 1 to %,d", vm.capture().eventCount()));
            return;
        }
        vm.showStateAt(n - 1);
    }

    private void show() {
        StateTables.Diff d = vm.stateChangesProperty().get();
        StateTables.Snapshot s = d != null ? d.to() : vm.stateTablesProperty().get();
        added.clear();
        removed.clear();
        depth.clear();
        // the tree is of one moment: not of changes
        tree.setDisable(d != null);
        boolean asTree = tree.isSelected() && d == null && s != null;
        for (TableColumn<?, ?> c : threads.getColumns()) {
            c.setSortable(!asTree);
        }
        for (TableColumn<?, ?> c : changeColumns) {
            c.setVisible(d != null && s != null);
        }
        if (d != null && s != null) {
            threads.setItems(sorted(threads, both(d.threads())));
            fds.setItems(sorted(fds, both(d.fds())));
            connections.setItems(sorted(connections, both(d.connections())));
            containers.setItems(sorted(containers, both(d.containers())));
            threadsTab.setText("Threads " + counts(d.threads()));
            fdsTab.setText("Open descriptors " + counts(d.fds()));
            connectionsTab.setText("Connections " + counts(d.connections()));
            containersTab.setText("Containers " + counts(d.containers()));
        } else {
            if (asTree) {
                threads.getSortOrder().clear();
                List<StateTables.Thread> rows = new ArrayList<>();
                for (StateTables.TreeRow r : StateTables.processTree(s.threads())) {
                    depth.put(r.process(), r.depth());
                    rows.add(r.process());
                }
                threads.setItems(FXCollections.observableArrayList(rows));
            } else {
                threads.setItems(sorted(threads, s == null ? List.of() : s.threads()));
            }
            fds.setItems(sorted(fds, s == null ? List.of() : s.fds()));
            connections.setItems(sorted(connections, s == null ? List.of() : s.connections()));
            containers.setItems(sorted(containers, s == null ? List.of() : s.containers()));
            threadsTab.setText(asTree ? String.format("Processes (%,d)", threads.getItems().size())
                    : String.format("Threads (%,d)", s == null ? 0 : s.threads().size()));
            fdsTab.setText(String.format("Open descriptors (%,d)", s == null ? 0 : s.fds().size()));
            connectionsTab.setText(String.format("Connections (%,d)", s == null ? 0 : s.connections().size()));
            containersTab.setText(String.format("Containers (%,d)", s == null ? 0 : s.containers().size()));
        }
        for (TableView<?> t : List.of(threads, fds, connections, containers)) {
            t.refresh();
        }
        if (s != null) {
            String at = s.eventIndex() < 0 ? "the capture's start, before any event"
                    : String.format("event #%,d (%s)", s.eventNumber(), clock.format(Instant.ofEpochSecond(0, s.ts())));
            String which = vm.stateAtProperty().get() >= 0 ? "chosen"
                    : vm.hasRange() ? "the range's last" : "the capture's last";
            String from = d == null ? null : d.from().eventIndex() < 0 ? "the capture's start"
                    : String.format("event #%,d", d.from().eventNumber());
            summary.setText(d == null ? "At " + at + ", " + which : "From " + from + " to " + at);
            summary.setTooltip(new Tooltip(d == null ? "The machine just after " + at + ", " + which
                    : "What changed from " + (d.from().eventIndex() < 0 ? "before the capture's first event"
                            : "just after " + from + " (" + clock.format(Instant.ofEpochSecond(0, d.from().ts())) + ")")
                            + " to just after " + at + ", " + which));
            if (!event.isFocused()) {
                event.setText(s.eventIndex() < 0 ? "" : Long.toString(s.eventNumber()));
            }
        }
        placeholders(s);
    }

    /** The start of a process's name in the process tree: a step in per level; nothing outside the tree. */
    private String indent(StateTables.Thread t) {
        Integer d = depth.get(t);
        return d == null || d == 0 ? "" : "   ".repeat(d - 1) + "└ ";
    }

    /** The rows a change added, then those it removed, noted as such for their rows' colours. */
    private <T> List<T> both(StateTables.Changes<T> c) {
        added.addAll(c.added());
        removed.addAll(c.removed());
        List<T> rows = new ArrayList<>(c.added());
        rows.addAll(c.removed());
        return rows;
    }

    private static String counts(StateTables.Changes<?> c) {
        return String.format("(+%,d −%,d)", c.added().size(), c.removed().size());
    }

    /** Says why a table is empty: still computing, or what narrowed it. */
    private void placeholders(StateTables.Snapshot s) {
        String eventField = s == null ? null : vm.stateEventField();
        String why = s == null ? (vm.busyProperty().get() ? Placeholder.COMPUTING : "")
                : eventField != null ? "The filter uses " + eventField + ", a field of events: the machine state is"
                        + " narrowed by process, thread, descriptor, user and container fields only (sysdig's chisels"
                        + " refuse the others). Go back to a step without it to see the state."
                : vm.stateChangesProperty().get() != null ? "Nothing changed from the range start to this event."
                : vm.effectiveFilter().isBlank() ? "None at this event."
                : "None at this event has a descriptor that " + vm.narrowedBy() + " selects: the filter is tried on"
                        + " each open descriptor as if its thread had just read from it, as sysdig's lsof does.";
        for (TableView<?> t : List.of(threads, fds, connections, containers)) {
            Label l = new Label(t == containers && s != null && vm.stateChangesProperty().get() == null
                    && vm.effectiveFilter().isBlank() ? "No container at this event." : why);
            l.setId(t == threads ? "stateThreadsEmpty" : null);
            l.setWrapText(true);
            l.setMaxWidth(720);
            l.setTextAlignment(javafx.scene.text.TextAlignment.CENTER);
            t.setPlaceholder(l);
        }
    }

    private static <T> SortedList<T> sorted(TableView<T> table, List<T> rows) {
        SortedList<T> sorted = new SortedList<>(FXCollections.observableArrayList(rows));
        sorted.comparatorProperty().bind(table.comparatorProperty());
        return sorted;
    }

    // ------------------------------------------------------------------------------------ tables

    private void buildThreads() {
        threads.setId("stateThreads");
        threads.getColumns().add(change());
        threads.getColumns().addAll(List.of(
                Columns.number("TID", StateTables.Thread::tid),
                Columns.number("PID", StateTables.Thread::pid),
                Columns.number("Parent", StateTables.Thread::ptid),
                Columns.text("User", StateTables.Thread::user, 90),
                Columns.text("Name", t -> indent(t) + t.comm(), 150),
                Columns.number("Open", t -> (long) t.openFds()),
                size("Virtual", t -> t.vmSizeKb() * 1024),
                size("Resident", t -> t.vmRssKb() * 1024),
                Columns.number("FD limit", StateTables.Thread::fdlimit),
                Columns.text("Container", StateTables.Thread::containerId, 100),
                Columns.text("Working directory", StateTables.Thread::cwd, 150),
                Columns.text("Command line", StateTables.Thread::commandLine, 420)));
        onOpen(threads, t -> {
            String f = FilterBar.condition("proc.pid", Long.toString(t.pid()));
            vm.drillState(f + " (" + t.comm() + ")", f, InspectorViewModel.Page.STATE);
            tabs.getSelectionModel().select(fdsTab);
        });
    }

    private void buildFds() {
        fds.setId("stateFds");
        fds.getColumns().add(change());
        fds.getColumns().addAll(List.of(
                Columns.number("PID", StateTables.OpenFd::pid),
                Columns.number("TID", StateTables.OpenFd::tid),
                Columns.text("Name", StateTables.OpenFd::comm, 130),
                Columns.text("User", StateTables.OpenFd::user, 90),
                Columns.number("FD", StateTables.OpenFd::fd),
                Columns.text("Type", StateTables.OpenFd::type, 80),
                Columns.text("Descriptor", StateTables.OpenFd::name, 420)));
        fds.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        onOpen(fds, f -> eventsOn(f.pid(), f.tid(), f.fd(), f.name()));
    }

    private void buildConnections() {
        connections.setId("stateConnections");
        connections.getColumns().add(change());
        connections.getColumns().addAll(List.of(
                Columns.text("Proto", StateTables.Connection::proto, 60),
                Columns.text("Server", StateTables.Connection::server, 200),
                Columns.text("Client", c -> c.client() == null ? "" : c.client(), 200),
                Columns.text("State", c -> c.listening() ? "LISTEN" : "ESTABLISHED", 100),
                Columns.number("PID", StateTables.Connection::pid),
                Columns.number("TID", StateTables.Connection::tid),
                Columns.text("Name", StateTables.Connection::comm, 130),
                Columns.number("FD", StateTables.Connection::fd)));
        connections.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        onOpen(connections, c -> eventsOn(c.pid(), c.tid(), c.fd(), null));
    }

    private void buildContainers() {
        containers.setId("stateContainers");
        containers.getColumns().add(change());
        containers.getColumns().addAll(List.of(
                Columns.text("ID", StateTables.Container::id, 130),
                Columns.text("Name", StateTables.Container::name, 260),
                Columns.text("Image", StateTables.Container::image, 320),
                Columns.text("Type", StateTables.Container::type, 90)));
        containers.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        onOpen(containers, c -> {
            String f = FilterBar.condition("container.id", c.id());
            vm.drillState(f + (c.name().isEmpty() ? "" : " (" + c.name() + ")"), f, InspectorViewModel.Page.STATE);
            tabs.getSelectionModel().select(threadsTab);
        });
    }

    /** The events of one process on one descriptor, as a step of the path: the page goes to the event list. */
    private void eventsOn(long pid, long tid, long fd, String name) {
        String f = FilterBar.condition("proc.pid", Long.toString(pid)) + " and "
                + FilterBar.condition("fd.num", Long.toString(fd))
                + (name == null || name.isEmpty() ? "" : " and " + FilterBar.condition("fd.name", name));
        vm.drillState("fd " + fd + " of " + pid + (name == null || name.isEmpty() ? "" : " (" + name + ")"), f,
                InspectorViewModel.Page.EVENTS);
    }

    /**
     * The column that marks each row added ({@code +}) or removed ({@code −}) since the range start,
     * shown with the changes only.
     */
    private <T> TableColumn<T, String> change() {
        TableColumn<T, String> c = new TableColumn<>("±");
        c.setCellValueFactory(d -> new ReadOnlyObjectWrapper<>(added.contains(d.getValue()) ? "+"
                : removed.contains(d.getValue()) ? "−" : ""));
        c.setPrefWidth(34);
        c.setStyle("-fx-alignment: CENTER;");
        c.setVisible(false);
        changeColumns.add(c);
        return c;
    }

    /** Runs {@code open} on a row double-clicked or chosen with Enter; rows coloured by the changes shown. */
    private <T> void onOpen(TableView<T> table, java.util.function.Consumer<T> open) {
        Columns.openOnDoubleClickOrEnter(table, open, () -> new TableRow<>() {
            @Override
            protected void updateItem(T item, boolean empty) {
                super.updateItem(item, empty);
                pseudoClassStateChanged(ADDED, !empty && item != null && added.contains(item));
                pseudoClassStateChanged(REMOVED, !empty && item != null && removed.contains(item));
            }
        });
    }

    private static <T> TableColumn<T, Long> size(String title, Function<T, Long> value) {
        return Columns.number(title, value, v -> v <= 0 ? "" : ByteSizes.of(v), 85);
    }
}
