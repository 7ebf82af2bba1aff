package org.scapscope.ui;

import java.time.LocalTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.AbstractList;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.geometry.Insets;
import javafx.geometry.Orientation;
import javafx.geometry.Pos;
import javafx.scene.control.ComboBox;
import javafx.scene.control.ContextMenu;
import javafx.scene.control.MenuItem;
import javafx.scene.control.IndexedCell;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollBar;
import javafx.scene.control.SelectionMode;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.scene.control.Tooltip;
import javafx.scene.control.TreeItem;
import javafx.scene.control.TreeView;
import javafx.scene.control.skin.VirtualFlow;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import org.scapscope.field.Times;
import org.scapscope.view.EventList;
import org.scapscope.view.PayloadText;

/**
 * The events of the range and filter, as sysdig lists them: a table over the capture's index
 * (only the rows on screen are decoded, and a long list is held a window of rows at a time, so
 * millions scroll), a box to jump to an event number or a time, and below, every field of the
 * selected event as a tree and its data as hex and text.
 */
final class EventsPage extends BorderPane {
    private static final String NOTHING_SELECTED =
            "Select an event to see all its fields here, and the bytes it read or wrote.";

    final TableView<Integer> table = new TableView<>();
    /** Where the rows the table holds lie in the whole list, when it holds only some of them. */
    final ScrollBar position = new ScrollBar();
    final TextField go = new TextField();
    /** An event number to select once the list being selected is shown, or -1. */
    private long pendingEvent = -1;
    final ComboBox<TimeShown> timeShown = new ComboBox<>();

    /** What the Time column shows: sysdig's {@code -t h}, {@code r}, {@code D} and {@code a}. */
    enum TimeShown {
        CLOCK("clock time"),
        SINCE_FIRST("seconds since the first event"),
        SINCE_PREVIOUS("seconds since the row before"),
        EPOCH("seconds since the epoch");

        private final String text;

        TimeShown(String text) {
            this.text = text;
        }

        @Override
        public String toString() {
            return text;
        }
    }
    final TreeView<String> fields = new TreeView<>();
    final TextArea data = new TextArea();
    private final InspectorViewModel vm;
    private final Worker worker;
    private final ZoneId zone;
    private EventList list;
    /**
     * Rows the table holds at once. JavaFX's table lays its rows out in time that grows with their
     * number (half a second and more past a few million), so a longer list is shown a window of rows
     * at a time, moved as the selection or the scrolling nears its ends, or by {@link #position}.
     */
    private int windowRows = 50_000;
    /** The row of the whole list the table's first item is. */
    private int windowStart;
    /** Set while the window is moved, so that the moves it causes are not taken for the user's. */
    private boolean moving;
    private Worker.Handle detailsJob;
    /** The events' menu, with its items that depend on the event selected. */
    private ContextMenu rowMenu;
    private MenuItem followItem;
    private MenuItem copyRowItem;
    private MenuItem markItem;
    private MenuItem stateItem;
    private MenuItem aroundItem;
    private java.util.function.LongConsumer onShowState;
    private Runnable onEditColors;
    /** The colouring rules in use, each its name on its colour. */
    private final HBox colorLegend = new HBox(4);
    /** The details shown, and the row they are of (-1: none). */
    private EventList.Details shownDetails;
    private int shownRow = -1;
    /**
     * Pages of the list the table asked for and that are not decoded yet, the latest asked last.
     * One page is decoded at a time, the latest asked first: after a fast scroll, the rows on
     * screen come first, not after every page scrolled past.
     */
    private final java.util.ArrayDeque<Integer> asked = new java.util.ArrayDeque<>();
    /** The page being decoded, or -1. */
    private int decodingPage = -1;
    /** Set while a cell asks for its page: a page decoded at once then needs the table drawn again. */
    private boolean asking;
    /** Pages that could not be decoded, with why. */
    private final java.util.Map<Integer, String[]> failed = new java.util.HashMap<>();
    /** How many pages are decoded (on the worker) since the list was shown. */
    private int pagesDecoded;
    /** Counts the lists shown (one list may be shown again): a page decoded for an earlier showing is let go. */
    private int showing;

    private java.util.function.LongConsumer onSelectTime;
    private Runnable onShowFailedCalls;
    /** Characters past which an event's info has a tip with it whole: the column shows about a hundred. */
    private static final int INFO_TIP_LENGTH = 90;
    private java.util.function.Consumer<String> onAddCondition;
    private java.util.function.Consumer<String> onFollowStream;

    EventsPage(InspectorViewModel vm, Worker worker, ZoneId zone) {
        this.vm = vm;
        this.worker = worker;
        this.zone = zone;
        setId("eventsPage");
        table.setId("eventTable");
        table.getSelectionModel().setSelectionMode(SelectionMode.SINGLE);
        table.setPlaceholder(Placeholder.of(vm, "No events here.",
                "The capture has no events to show: its internal events (process snapshots, container and"
                        + " user records) are hidden, as sysdig hides them."));
        List<String> titles = EventList.titles();
        double[] widths = {90, 165, 45, 130, 70, 40, 110, 700};
        for (int c = 0; c < titles.size(); c++) {
            int col = c;
            TableColumn<Integer, String> column = new TableColumn<>(titles.get(c));
            column.setSortable(false);
            column.setPrefWidth(widths[c]);
            column.setCellValueFactory(cd -> new ReadOnlyStringWrapper(cell(cd.getValue(), col)));
            if (c == 0 || c == 2 || c == 4) {
                column.setStyle("-fx-alignment: CENTER-RIGHT;");
            }
            if (c == titles.size() - 1) {
                // a long line of arguments runs past the window: its tip shows it whole
                column.setCellFactory(x -> new javafx.scene.control.TableCell<>() {
                    @Override
                    protected void updateItem(String text, boolean empty) {
                        super.updateItem(text, empty);
                        setText(empty ? null : text);
                        CellTips.set(this, !empty && text != null && text.length() > INFO_TIP_LENGTH ? text : null);
                    }
                });
            }
            table.getColumns().add(column);
        }
        // calls that failed stand out, as a packet list colours its errors
        table.setRowFactory(t -> new TableRow<>() {
            @Override
            protected void updateItem(Integer row, boolean empty) {
                super.updateItem(row, empty);
                EventList l = list;
                pseudoClassStateChanged(FAILED_CALL, !empty && row != null && l != null && row < l.size()
                        && l.failedIfDecoded(row));
                boolean marked = !empty && row != null && l != null && row < l.size()
                        && vm.marked().contains(l.eventIndex(row));
                pseudoClassStateChanged(MARKED, marked);
                // a colouring rule's colour, unless the row is marked
                int c = marked || empty || row == null || l == null || row >= l.size() ? -1 : l.colorIfDecoded(row);
                List<String> colors = vm.rowColors();
                boolean colored = c >= 0 && c < colors.size();
                pseudoClassStateChanged(COLORED, colored);
                setStyle(colored ? "-row-color: " + colors.get(c) + ";" : "");
            }
        });
        timeShown.setId("timeShown");
        timeShown.getItems().setAll(TimeShown.values());
        timeShown.setValue(TimeShown.CLOCK);
        timeShown.setTooltip(new Tooltip("What the Time column shows, as sysdig's -t does"));
        timeShown.valueProperty().addListener((o, a, b) -> {
            // seconds since the epoch, to the nanosecond, are the widest of the times
            TableColumn<Integer, ?> time = table.getColumns().get(TIME_COLUMN);
            if (b == TimeShown.EPOCH && time.getWidth() < 200) {
                time.setPrefWidth(200);
            }
            table.refresh();
        });
        go.setId("gotoEvent");
        go.setPromptText("Go to event # or time (hh:mm:ss.ms)");
        go.setPrefColumnCount(16);
        go.setOnAction(e -> jump(go.getText()));
        Label count = new Label();
        count.setId("eventCount");
        javafx.scene.control.Button legend = new javafx.scene.control.Button("failed call");
        legend.setId("failedCalls");
        legend.getStyleClass().add("failed-call-legend");
        legend.setFocusTraversable(false);
        legend.setTooltip(new Tooltip("Rows on this background are calls that returned an error."
                + " Click to show only them (adds evt.failed = true to the filter)."));
        legend.setOnAction(e -> {
            if (onShowFailedCalls != null) {
                onShowFailedCalls.run();
            }
        });
        javafx.scene.control.Button marks = new javafx.scene.control.Button();
        marks.setId("showMarked");
        marks.getStyleClass().add("marked-legend");
        marks.setFocusTraversable(false);
        marks.setTooltip(new Tooltip("Show only the marked events (Ctrl+M marks or unmarks the selected event)"));
        marks.setOnAction(e -> vm.showMarked());
        marks.visibleProperty().bind(javafx.beans.binding.Bindings.isNotEmpty(vm.marked()));
        marks.managedProperty().bind(marks.visibleProperty());
        marks.textProperty().bind(javafx.beans.binding.Bindings.createStringBinding(() -> String.format("%,d marked",
                vm.marked().size()), vm.marked()));
        // a mark shows on its row at once
        vm.marked().addListener((javafx.collections.SetChangeListener<Long>) c -> table.refresh());
        javafx.scene.control.Button colorsButton = new javafx.scene.control.Button("Colours…");
        colorsButton.setId("colorRules");
        colorsButton.setFocusTraversable(false);
        colorsButton.setTooltip(new Tooltip("The rules that colour rows by filter"));
        colorsButton.setOnAction(e -> {
            if (onEditColors != null) {
                onEditColors.run();
            }
        });
        colorLegend.setId("colorLegend");
        colorLegend.setAlignment(Pos.CENTER_LEFT);
        vm.rowColors().addListener((javafx.collections.ListChangeListener<String>) c -> table.refresh());
        Region grow = new Region();
        HBox.setHgrow(grow, Priority.ALWAYS);
        Label timeLabel = new Label("Time");
        // the go-to field gives way when the page is narrow
        for (Region r : List.of(count, legend, marks, colorsButton, timeLabel)) {
            r.setMinWidth(Region.USE_PREF_SIZE);
        }
        HBox top = new HBox(10, count, legend, marks, colorLegend, grow, colorsButton, timeLabel, timeShown, go);
        top.setAlignment(Pos.CENTER_LEFT);
        top.setPadding(new Insets(4, 10, 4, 10));
        fields.setId("eventFields");
        fields.setShowRoot(false);
        fields.setContextMenu(fieldMenu());
        table.setContextMenu(rowMenu());
        data.setId("eventData");
        data.setEditable(false);
        data.getStyleClass().add("mono");
        data.setPromptText(NOTHING_SELECTED);
        SplitPane details = new SplitPane(fields, data);
        details.setDividerPositions(0.45);
        position.setId("eventPosition");
        position.setOrientation(Orientation.VERTICAL);
        position.setTooltip(new Tooltip("Where these rows are among all the events: drag to go anywhere"));
        position.setVisible(false);
        position.setManaged(false);
        position.valueProperty().addListener((o, a, b) -> {
            if (!moving && list != null) {
                showFrom(b.intValue());
            }
        });
        BorderPane tableAndPosition = new BorderPane(table);
        tableAndPosition.setRight(position);
        SplitPane split = new SplitPane(tableAndPosition, details);
        split.setOrientation(Orientation.VERTICAL);
        split.setDividerPositions(0.62);
        setTop(top);
        setCenter(split);
        table.getSelectionModel().selectedItemProperty().addListener((o, a, b) -> {
            showDetails(b == null ? -1 : b);
            if (onSelectTime != null) {
                onSelectTime.accept(b == null || list == null || b >= list.size() ? -1 : list.ts(b));
            }
            if (b != null && !moving) {
                followSelection(b);
            }
        });
        table.addEventFilter(javafx.scene.input.KeyEvent.KEY_PRESSED, e -> {
            // Home and End go to the ends of the whole list, not of the window
            if (list != null && list.size() > windowRows && (e.getCode() == javafx.scene.input.KeyCode.HOME
                    || e.getCode() == javafx.scene.input.KeyCode.END)) {
                selectRow(e.getCode() == javafx.scene.input.KeyCode.HOME ? 0 : list.size() - 1);
                e.consume();
            }
        });
        table.skinProperty().addListener((o, a, b) -> watchScrolling());
        vm.eventsProperty().addListener((o, a, b) -> show(b));
        // a list the same as the one shown sets nothing: the event is gone to when the work is done
        vm.busyProperty().addListener((o, a, b) -> javafx.application.Platform.runLater(this::goToPendingEvent));
        // an event asked for is forgotten once another page is shown before its list came
        vm.pageProperty().addListener((o, a, b) -> {
            if (b != InspectorViewModel.Page.EVENTS) {
                pendingEvent = -1;
            }
        });
        show(vm.eventsProperty().get());
        count.textProperty().bind(javafx.beans.binding.Bindings.createStringBinding(() -> {
            EventList l = vm.eventsProperty().get();
            return l == null ? "" : String.format("%,d events", l.size());
        }, vm.eventsProperty()));
    }

    private void show(EventList l) {
        list = l;
        showing++;
        asked.clear();
        decodingPage = -1;
        failed.clear();
        pagesDecoded = 0;
        moving = true;
        try {
            // a new list's rows are other events: nothing stays selected by its row number
            table.getSelectionModel().clearSelection();
        } finally {
            moving = false;
        }
        boolean windowed = l != null && l.size() > windowRows;
        position.setVisible(windowed);
        position.setManaged(windowed);
        if (l == null) {
            table.setItems(FXCollections.observableArrayList());
            return;
        }
        windowStart = -1; // a new list: its rows are put in even where the old ones were
        setWindow(0);
        // the new window's items are the same row numbers as the old one's, which the table takes
        // for unchanged rows: its cells must be asked for their text again
        table.refresh();
        table.scrollTo(0);
        syncPosition(0);
        fields.setRoot(null);
        data.clear();
        goToPendingEvent();
    }

    /** Sets how many rows the table holds at once (tests make it small), and shows the list again. */
    void windowRows(int rows) {
        windowRows = rows;
        show(list);
    }

    /**
     * Makes the table hold the rows from {@code start} on, as many as a window holds; the selected
     * row stays selected when it is among them.
     */
    private void setWindow(int start) {
        int n = list.size();
        int first = Math.max(0, Math.min(start, n - windowRows));
        int size = Math.min(windowRows, n - first);
        if (first == windowStart && size == table.getItems().size() && !table.getItems().isEmpty()
                && table.getItems().get(0) == first) {
            return; // the window is there already
        }
        windowStart = first;
        moving = true;
        try {
            table.setItems(FXCollections.observableList(new AbstractList<Integer>() {
                @Override
                public Integer get(int index) {
                    return first + index;
                }

                @Override
                public int size() {
                    return size;
                }
            }));
            position.setMin(0);
            position.setMax(Math.max(0, n - 1));
            position.setVisibleAmount(Math.max(1, n / 100.0));
            position.setUnitIncrement(1);
            position.setBlockIncrement(Math.max(1, windowRows / 2.0));
        } finally {
            moving = false;
        }
    }

    /** Rows from an end of the window within which the window moves on. */
    private int edge() {
        return Math.max(1, windowRows / 10);
    }

    /** The row of the whole list that is selected, or -1. */
    int selectedRow() {
        Integer row = table.getSelectionModel().getSelectedItem();
        return row == null ? -1 : row;
    }

    /**
     * Narrows the time range to {@code ns} either side of the event selected (what happened around
     * it, as sysdig's around chisel keeps), and selects the event again in the list of that range.
     */
    void rangeAroundSelected(long ns) {
        long index = selectedEventIndex();
        long ts = selectedTime();
        if (index < 0 || ts < 0) {
            vm.say("Select an event to see what happened around it");
            return;
        }
        vm.setRange(Math.max(0, ts - ns), ts + ns + 1);
        goToEvent(index + 1);
    }

    /** The index of the event selected (its number minus one), or -1 when none is. */
    long selectedEventIndex() {
        int row = selectedRow();
        return list != null && row >= 0 && row < list.size() ? list.eventIndex(row) : -1;
    }

    /** Selects a row of the whole list and scrolls to it, moving the window to it when it is outside. */
    void selectRow(int row) {
        if (list == null || row < 0 || row >= list.size()) {
            return;
        }
        if (row < windowStart || row >= windowStart + table.getItems().size()) {
            setWindow(row - windowRows / 2);
        }
        int i = row - windowStart;
        moving = true;
        try {
            table.getSelectionModel().clearAndSelect(i);
            table.getFocusModel().focus(i);
        } finally {
            moving = false;
        }
        table.scrollTo(Math.max(0, i - 3));
        syncPosition(row);
    }

    /** The table's rows on screen, or null before it is laid out. */
    private VirtualFlow<?> flow() {
        javafx.scene.Node n = table.lookup(".virtual-flow");
        return n instanceof VirtualFlow ? (VirtualFlow<?>) n : null;
    }

    /** The row of the whole list at the top of the table, or -1. */
    private int topRow() {
        VirtualFlow<?> f = flow();
        IndexedCell<?> first = f == null ? null : f.getFirstVisibleCell();
        return first == null || first.getIndex() < 0 ? -1 : windowStart + first.getIndex();
    }

    /**
     * Moves the window so that it holds {@code row} in its middle, which is then at the top of the
     * table, or {@code offset} rows below its top; the focus goes with the selection when it is
     * still held, else to that row.
     */
    private void moveWindowTo(int row, int offset) {
        setWindow(row - windowRows / 2);
        VirtualFlow<?> f = flow();
        int i = row - windowStart;
        if (f != null) {
            f.scrollToTop(Math.max(0, i - offset));
        } else {
            table.scrollTo(Math.max(0, i - offset));
        }
        int selected = selectedRow();
        table.getFocusModel().focus(selected >= 0 ? selected - windowStart : i);
    }

    /** Shows the rows from a row of the whole list on, as the position bar asks. */
    private void showFrom(int row) {
        if (list == null || list.size() <= windowRows) {
            return;
        }
        int size = table.getItems().size();
        if (row < windowStart || row + 100 >= windowStart + size && windowStart + size < list.size()) {
            moveWindowTo(row, 0);
        } else {
            table.scrollTo(row - windowStart);
        }
        syncPosition(row);
    }

    /** A selection moved near an end of the window: the window moves on around it, the rows staying in place. */
    private void followSelection(int row) {
        int i = row - windowStart;
        int size = table.getItems().size();
        boolean nearStart = i < edge() && windowStart > 0;
        boolean nearEnd = i >= size - edge() && windowStart + size < list.size();
        if (nearStart || nearEnd) {
            javafx.application.Platform.runLater(() -> {
                if (selectedRow() == row) {
                    int top = topRow();
                    moveWindowTo(row, top >= 0 && top <= row ? row - top : 3);
                }
            });
        }
        syncPosition(row);
    }

    private void syncPosition(int row) {
        moving = true;
        try {
            position.setValue(row);
        } finally {
            moving = false;
        }
    }

    /**
     * Scrolling the table to an end of its window moves the window on, the rows on screen staying
     * there; while its thumb is held, the window waits for it to be let go.
     */
    private void watchScrolling() {
        for (javafx.scene.Node n : table.lookupAll(".scroll-bar")) {
            if (n instanceof ScrollBar && ((ScrollBar) n).getOrientation() == Orientation.VERTICAL) {
                ScrollBar bar = (ScrollBar) n;
                Runnable atEnd = () -> {
                    if (moving || list == null || list.size() <= windowRows || bar.isPressed() || thumbHeld(bar)) {
                        return;
                    }
                    double v = (bar.getValue() - bar.getMin()) / Math.max(1e-9, bar.getMax() - bar.getMin());
                    int top = topRow();
                    if (top < 0) {
                        return;
                    }
                    syncPosition(top);
                    int size = table.getItems().size();
                    if (v >= 0.999 && windowStart + size < list.size() || v <= 0.001 && windowStart > 0) {
                        javafx.application.Platform.runLater(() -> {
                            int now = topRow();
                            if (now >= 0) {
                                moveWindowTo(now, 0);
                            }
                        });
                    }
                };
                bar.valueProperty().addListener((o, a, b) -> atEnd.run());
                bar.addEventFilter(javafx.scene.input.MouseEvent.MOUSE_RELEASED,
                        e -> javafx.application.Platform.runLater(atEnd));
            }
        }
    }

    /** Whether the user holds the scroll bar's thumb (or a button of it). */
    private static boolean thumbHeld(ScrollBar bar) {
        for (javafx.scene.Node part : bar.getChildrenUnmodifiable()) {
            if (part.isPressed()) {
                return true;
            }
        }
        return false;
    }

    /**
     * A cell's text. Rows are decoded a page at a time on the worker, never on the UI thread: a row
     * whose page is not decoded yet is blank until it is, and the table then shows it.
     */
    private String cell(int row, int column) {
        EventList l = list;
        String[] cells = l.rowIfDecoded(row);
        if (cells == null) {
            int page = EventList.pageOf(row);
            String[] failure = failed.get(page);
            if (failure != null) {
                return column == 7 ? failure[0] : "";
            }
            asking = true;
            try {
                ask(l, page);
            } finally {
                asking = false;
            }
            cells = l.rowIfDecoded(row); // a worker that runs at once has decoded it already
            if (cells == null) {
                String[] f = failed.get(page);
                return f != null && column == 7 ? f[0] : "";
            }
        }
        return column == TIME_COLUMN && timeShown.getValue() != TimeShown.CLOCK ? time(l, row) : cells[column];
    }

    /**
     * Asks for a page of {@code l} to be decoded. Pages asked for long ago, while the table scrolled
     * on, are dropped: should one still be on screen, the table asks for it again.
     */
    private void ask(EventList l, int page) {
        if (page == decodingPage) {
            return;
        }
        asked.remove((Integer) page);
        asked.addLast(page);
        List<Integer> dropped = new ArrayList<>();
        while (asked.size() > PAGES_WAITING) {
            dropped.add(asked.pollFirst());
        }
        if (!dropped.isEmpty()) {
            javafx.application.Platform.runLater(() -> {
                if (list == l && dropped.stream().anyMatch(this::pageOnScreen)) {
                    table.refresh();
                }
            });
        }
        if (decodingPage < 0) {
            decodeNext(l);
        }
    }

    /** Pages left waiting past this many are dropped, the earliest asked first. */
    static final int PAGES_WAITING = 8;

    /** Decodes the page of {@code l} asked for last, if any, on the worker; then the next. */
    private void decodeNext(EventList l) {
        if (asked.isEmpty()) {
            return;
        }
        int page = asked.pollLast();
        decodingPage = page;
        int shown = showing;
        worker.submit((p, cancelled) -> l.row(EventList.firstRowOf(page)), null, done -> decoded(shown, l, page, null),
                e -> decoded(shown, l, page, new String[] {"Cannot be read. " + ErrorText.of(e)}));
    }

    /** A page of {@code l}, shown as showing {@code shown}, is decoded, or could not be ({@code failure} says why). */
    private void decoded(int shown, EventList l, int page, String[] failure) {
        if (shown != showing) {
            return; // the list shown since decodes pages of its own
        }
        decodingPage = -1;
        pagesDecoded++;
        if (failure != null) {
            failed.put(page, failure);
        }
        if (!asking) {
            table.refresh();
        }
        decodeNext(l);
    }

    /** Whether a row of the page is on screen. */
    private boolean pageOnScreen(int page) {
        VirtualFlow<?> f = flow();
        IndexedCell<?> first = f == null ? null : f.getFirstVisibleCell();
        IndexedCell<?> last = f == null ? null : f.getLastVisibleCell();
        if (first == null || last == null) {
            return true; // not laid out yet: as good as on screen
        }
        int from = windowStart + first.getIndex();
        int to = windowStart + last.getIndex();
        return page >= EventList.pageOf(from) && page <= EventList.pageOf(to);
    }

    /** Whether no page is being decoded or waits to be. */
    boolean decodingIdle() {
        return decodingPage < 0 && asked.isEmpty();
    }

    /** How many pages were decoded since the list was shown: after a fast scroll, few of those passed. */
    int pagesDecoded() {
        return pagesDecoded;
    }

    /** A row whose event is a call that failed. */
    static final javafx.css.PseudoClass FAILED_CALL = javafx.css.PseudoClass.getPseudoClass("failed-call");
    static final javafx.css.PseudoClass MARKED = javafx.css.PseudoClass.getPseudoClass("marked");
    static final javafx.css.PseudoClass COLORED = javafx.css.PseudoClass.getPseudoClass("colored");

    /** Shows the colouring rules in use beside the legend: each rule's name on its colour. */
    void showColorLegend(List<ColorRule> rules) {
        HBox legendBox = colorLegend;
        legendBox.getChildren().clear();
        for (ColorRule r : rules) {
            if (r.on()) {
                Label l = new Label(r.name());
                l.setMinWidth(Region.USE_PREF_SIZE);
                l.getStyleClass().add("color-legend");
                l.setStyle("-row-color: " + r.color() + ";");
                l.setTooltip(new Tooltip(r.filter()));
                legendBox.getChildren().add(l);
            }
        }
    }

    /** Marks the selected event, or takes its mark off (Ctrl+M). */
    void toggleMarkSelected() {
        int row = selectedRow();
        if (list != null && row >= 0 && row < list.size()) {
            vm.toggleMark(list.eventIndex(row));
        } else {
            vm.say("Select an event to mark it");
        }
    }

    /** The column of the event's time. */
    private static final int TIME_COLUMN = 1;

    /** A decoded row's time as {@link #timeShown} says: its event's header is at hand by then. */
    private String time(EventList l, int row) {
        long ts = l.ts(row);
        switch (timeShown.getValue()) {
            case SINCE_FIRST:
                return seconds(ts - vm.capture().firstTs());
            case SINCE_PREVIOUS:
                return seconds(row == 0 ? 0 : ts - l.ts(row - 1));
            default:
                return seconds(ts);
        }
    }

    /** Nanoseconds as seconds with nine decimals, as sysdig writes times; a time before the first, negative. */
    private static String seconds(long ns) {
        return ns < 0 ? "-" + Times.seconds(-ns) : Times.seconds(ns);
    }

    /** Selects the first event at or after an event number, or a time of day in the capture. */
    void jump(String text) {
        if (list == null) {
            return;
        }
        String t = text.trim().replace(",", "");
        if (t.isEmpty()) {
            return;
        }
        int row = -1;
        long number = -1;
        try {
            if (t.contains(":")) {
                LocalTime time = LocalTime.parse(t);
                java.time.LocalDate day = java.time.Instant.ofEpochSecond(0, vm.capture().firstTs()).atZone(zone).toLocalDate();
                java.time.Instant at = time.atDate(day).atZone(zone).toInstant();
                row = rowAtOrAfter(at.getEpochSecond() * 1_000_000_000L + at.getNano());
            } else {
                number = Long.parseLong(t);
                row = list.rowOfEventNumber(number);
            }
        } catch (NumberFormatException | DateTimeParseException e) {
            go.setTooltip(new Tooltip("An event number (1234) or a time of day (12:30:05.250)"));
            go.selectAll();
            vm.say("Go to: \"" + text.trim() + "\" is neither an event number (1234) nor a time of day (12:30:05.250)");
            return;
        }
        if (row >= 0) {
            selectRow(row);
            table.requestFocus();
            long shown = list.eventIndex(row) + 1;
            if (number > 0 && shown != number) {
                // not silently another event: the analyst may take it for the one asked for
                vm.say(String.format("Go to: event %,d is not in the list (%s); showing the next one, %,d", number,
                        vm.isNarrowed() ? "the filter or the time range leaves it out"
                                : "it is an internal event, hidden as sysdig hides it", shown));
            }
        } else {
            go.selectAll();
            vm.say("Go to: no event " + (t.contains(":") ? "at or after " : "numbered ") + text.trim()
                    + " or later is in the list (" + String.format("%,d", list.size()) + " events shown)");
        }
    }

    /**
     * The menu of a field in the detail tree: add {@code field = value} to the filter, copy it as
     * such, or copy the value alone.
     */
    private ContextMenu fieldMenu() {
        MenuItem add = new MenuItem("Add to the filter");
        add.setId("fieldAddToFilter");
        MenuItem copyFilter = new MenuItem("Copy as a filter");
        MenuItem copyValue = new MenuItem("Copy the value");
        ContextMenu menu = new ContextMenu(add, copyFilter, copyValue);
        menu.setOnShowing(e -> {
            String[] f = selectedField();
            boolean filterable = f != null && !f[0].contains("[");
            add.setDisable(!filterable || onAddCondition == null);
            copyFilter.setDisable(!filterable);
            copyValue.setDisable(f == null);
        });
        add.setOnAction(e -> {
            String[] f = selectedField();
            if (f != null) {
                onAddCondition.accept(FilterBar.condition(f[0], f[1]));
            }
        });
        copyFilter.setOnAction(e -> {
            String[] f = selectedField();
            if (f != null) {
                copy(FilterBar.condition(f[0], f[1]));
            }
        });
        copyValue.setOnAction(e -> {
            String[] f = selectedField();
            if (f != null) {
                copy(f[1]);
            }
        });
        return menu;
    }

    /**
     * The narrowings of an event's menu: its item's id, the field it filters on, the item's text with
     * the field's value, and its text while the value is not known.
     */
    private static final String[][] NARROWINGS = {
        {"onlyProcess", "proc.pid", "Only process %s", "Only this process"},
        {"onlyThread", "thread.tid", "Only thread %s", "Only this thread"},
        {"onlyDescriptor", "fd.name", "Only %s", "Only this file or connection"},
        {"onlyCall", "evt.type", "Only %s calls", "Only this system call"},
    };

    /**
     * The menu of an event: narrow the pages to its process, its thread, its file or connection or
     * its system call (each added to the filter), follow its stream, or copy the row as its columns
     * show it.
     */
    private ContextMenu rowMenu() {
        ContextMenu menu = new ContextMenu();
        for (String[] n : NARROWINGS) {
            MenuItem item = new MenuItem();
            item.setId(n[0]);
            // the item names a value (epoll_wait, a path): an underscore in it is no keyboard mnemonic
            item.setMnemonicParsing(false);
            item.setOnAction(e -> {
                String value = shownValue(n[1]);
                if (value != null && onAddCondition != null) {
                    onAddCondition.accept(FilterBar.condition(n[1], value));
                }
            });
            menu.getItems().add(item);
        }
        followItem = new MenuItem("Follow its stream");
        followItem.setId("followStream");
        followItem.setOnAction(e -> {
            String fd = shownValue("fd.name");
            if (fd != null && onFollowStream != null) {
                onFollowStream.accept(fd);
            }
        });
        markItem = new MenuItem("Mark (Ctrl+M)");
        markItem.setId("markRow");
        markItem.setOnAction(e -> toggleMarkSelected());
        stateItem = new MenuItem("Machine state just after it (Ctrl+7)");
        stateItem.setId("stateAfterRow");
        stateItem.setOnAction(e -> {
            long index = selectedEventIndex();
            if (index >= 0 && onShowState != null) {
                onShowState.accept(index);
            }
        });
        aroundItem = new MenuItem("Time range: a second either side of it");
        aroundItem.setId("rangeAroundRow");
        aroundItem.setOnAction(e -> rangeAroundSelected(1_000_000_000L));
        copyRowItem = new MenuItem("Copy the row");
        copyRowItem.setId("copyRow");
        copyRowItem.setOnAction(e -> {
            String text = rowText(selectedRow());
            if (text != null) {
                copy(text);
            }
        });
        menu.getItems().addAll(new javafx.scene.control.SeparatorMenuItem(), followItem, stateItem, aroundItem,
                new javafx.scene.control.SeparatorMenuItem(), markItem, copyRowItem);
        menu.setOnShowing(e -> updateRowMenu());
        rowMenu = menu;
        return menu;
    }

    /** Sets the event menu's items for the event selected: what each names, and which can be chosen. */
    private void updateRowMenu() {
        for (int i = 0; i < NARROWINGS.length; i++) {
            String[] n = NARROWINGS[i];
            String value = shownValue(n[1]);
            String shown = value;
            if (value != null && n[1].equals("proc.pid")) {
                String name = shownValue("proc.name");
                shown = name != null ? value + " (" + name + ")" : value;
            }
            MenuItem item = rowMenu.getItems().get(i);
            item.setText(value == null ? n[3]
                    : String.format(n[2], shown.length() > 60 ? shown.substring(0, 59) + "…" : shown));
            item.setDisable(value == null || onAddCondition == null);
        }
        followItem.setDisable(shownValue("fd.name") == null || onFollowStream == null);
        copyRowItem.setDisable(rowText(selectedRow()) == null);
        int row = selectedRow();
        boolean isMarked = list != null && row >= 0 && row < list.size() && vm.marked().contains(list.eventIndex(row));
        markItem.setText(isMarked ? "Unmark (Ctrl+M)" : "Mark (Ctrl+M)");
        markItem.setDisable(list == null || row < 0);
        stateItem.setDisable(selectedEventIndex() < 0 || onShowState == null);
        aroundItem.setDisable(selectedEventIndex() < 0);
    }

    /** A field's value for the event selected, once its details are shown; else null. */
    private String shownValue(String field) {
        EventList.Details d = shownDetails;
        return d == null || shownRow != selectedRow() ? null : d.value(field);
    }

    /** A row's columns as the table shows them, tab-separated; null until its page is decoded. */
    String rowText(int row) {
        EventList l = list;
        if (l == null || row < 0 || row >= l.size() || l.rowIfDecoded(row) == null) {
            return null;
        }
        StringBuilder b = new StringBuilder();
        for (int c = 0; c < table.getColumns().size(); c++) {
            b.append(c == 0 ? "" : "\t").append(cell(row, c));
        }
        return b.toString();
    }

    /** The field selected in the detail tree, as its name and value; null when a group or nothing is. */
    String[] selectedField() {
        TreeItem<String> item = fields.getSelectionModel().getSelectedItem();
        if (item == null || !item.isLeaf() || item.getParent() == null || item.getParent() == fields.getRoot()) {
            return null;
        }
        String text = item.getValue();
        int eq = text.indexOf(" = ");
        return eq < 0 ? null : new String[] {text.substring(0, eq), text.substring(eq + 3)};
    }

    private static void copy(String text) {
        javafx.scene.input.ClipboardContent c = new javafx.scene.input.ClipboardContent();
        c.putString(text);
        javafx.scene.input.Clipboard.getSystemClipboard().setContent(c);
    }

    /** Run with a descriptor's name when its stream is to be followed in the I/O streams. */
    void setOnFollowStream(java.util.function.Consumer<String> action) {
        onFollowStream = action;
    }

    /** Run when the colouring rules are to be edited. */
    void setOnEditColors(Runnable action) {
        onEditColors = action;
    }

    /** Run with an event's index when the machine state just after it is asked for. */
    void setOnShowState(java.util.function.LongConsumer action) {
        onShowState = action;
    }

    /** Run with {@code field = value} when a field of the detail tree is added to the filter. */
    void setOnAddCondition(java.util.function.Consumer<String> action) {
        onAddCondition = action;
    }

    /** Run when the legend of failed calls is clicked: the pane narrows the pages to them. */
    void setOnShowFailedCalls(Runnable action) {
        onShowFailedCalls = action;
    }

    /** Told the time of the event selected (ns since the epoch), or -1 when none is. */
    void setOnSelectTime(java.util.function.LongConsumer action) {
        onSelectTime = action;
    }

    /** The time of the event selected (ns since the epoch), or -1. */
    long selectedTime() {
        int row = selectedRow();
        return list == null || row < 0 || row >= list.size() ? -1 : list.ts(row);
    }

    /** The row of the first event in the list at or after a time (ns since the epoch), or -1. */
    private int rowAtOrAfter(long ns) {
        return list.rowOfEventNumber(vm.capture().firstEventAtOrAfter(ns) + 1);
    }

    /**
     * Selects the event numbered {@code number} (or the next one the list holds), in the list shown
     * once the one being selected is there.
     */
    void goToEvent(long number) {
        pendingEvent = number;
        goToPendingEvent();
    }

    /** The event asked for, selected once the list it is to be found in is shown. */
    private void goToPendingEvent() {
        if (pendingEvent < 1 || list == null || vm.busyProperty().get()
                || vm.pageProperty().get() != InspectorViewModel.Page.EVENTS) {
            return;
        }
        long number = pendingEvent;
        pendingEvent = -1;
        jump(Long.toString(number));
    }

    /** Selects the first event in the list at or after a time (ns since the epoch): a click on the timeline. */
    void goToTime(long ns) {
        if (list == null) {
            return;
        }
        int row = rowAtOrAfter(ns);
        if (row >= 0) {
            selectRow(row);
            table.requestFocus();
        } else {
            vm.say("No event in the list at or after " + java.time.format.DateTimeFormatter.ofPattern("HH:mm:ss.SSS")
                    .format(java.time.Instant.ofEpochSecond(0, ns).atZone(zone)));
        }
    }

    /** Reads the selected event's fields and data on the worker: the state is reached from a checkpoint. */
    private void showDetails(int row) {
        if (detailsJob != null) {
            detailsJob.cancel();
        }
        shownDetails = null;
        shownRow = -1;
        if (list == null || row < 0 || row >= list.size()) {
            fields.setRoot(null);
            data.clear();
            data.setPromptText(NOTHING_SELECTED);
            return;
        }
        data.setPromptText("The selected event moved no data.");
        EventList l = list;
        detailsJob = worker.submit((p, cancelled) -> l.details(row), null, d -> {
            if (l != list || selectedRow() != row) {
                return;
            }
            shownDetails = d;
            shownRow = row;
            // a right click selects and opens the menu at once: its items wait for the details
            if (rowMenu.isShowing()) {
                updateRowMenu();
            }
            TreeItem<String> root = new TreeItem<>("event " + d.eventNumber());
            for (Map.Entry<String, List<EventList.FieldValue>> g : d.groups().entrySet()) {
                TreeItem<String> group = new TreeItem<>(g.getKey() + "  (" + g.getValue().size() + ")");
                for (EventList.FieldValue f : g.getValue()) {
                    group.getChildren().add(new TreeItem<>(f.name() + " = " + f.value()));
                }
                group.setExpanded(g.getKey().equals("evt") || g.getKey().equals("proc") || g.getKey().equals("fd"));
                root.getChildren().add(group);
            }
            fields.setRoot(root);
            data.setText(d.data().length == 0 ? "" : PayloadText.render(d.data(), PayloadText.Mode.HEX));
        }, e -> data.setText("The event's details cannot be read: " + ErrorText.of(e)));
    }

    EventList list() {
        return list;
    }
}
