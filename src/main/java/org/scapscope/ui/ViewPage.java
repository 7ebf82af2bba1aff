package org.scapscope.ui;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.collections.FXCollections;
import javafx.geometry.Pos;
import javafx.scene.control.ButtonType;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.ContextMenu;
import javafx.scene.control.Label;
import javafx.scene.control.MenuItem;
import javafx.scene.control.SelectionMode;
import javafx.scene.control.SeparatorMenuItem;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TablePosition;
import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.control.Tooltip;
import javafx.scene.Node;
import javafx.scene.input.Clipboard;
import javafx.scene.input.ClipboardContent;
import javafx.scene.input.KeyCode;
import javafx.scene.input.MouseButton;
import javafx.scene.layout.BorderPane;
import javafx.scene.text.Font;
import javafx.scene.text.FontWeight;
import javafx.scene.text.Text;
import org.scapscope.view.ViewColumn;
import org.scapscope.view.ViewDefinition;
import org.scapscope.view.ViewFormat;
import org.scapscope.view.ViewTable;

/**
 * A computed view as a table: every row (no cap; the table draws only those on screen), sortable
 * by any column, numbers right-aligned and formatted by what they measure, a column chooser in the
 * header's corner; double-click or Enter drills down; a context menu copies a cell, a row, or a
 * value as a filter.
 */
final class ViewPage extends BorderPane {
    final TableView<ViewTable.Row> table = new TableView<>();
    private final InspectorViewModel vm;
    private final FilterBar filterBar;
    private List<ViewColumn> shown = List.of();
    /** The length of the time window the rows were computed over, which rates are divided by. */
    private double seconds;

    /** Tables with more rows than this are sorted on the worker, so that the window never stalls. */
    int backgroundSortRows = 50_000;
    private final Worker worker;
    private Worker.Handle sorting;
    /** Set while rows sorted on the worker are put in place: that is not a new sort. */
    private boolean placingSorted;
    /** The number of the latest sort: an older one's rows are dropped. */
    private int sortGeneration;
    /** How the user left each view shown before: given back when the view comes again (Back, a crumb). */
    private final java.util.Map<ViewDefinition, Place> places = new java.util.HashMap<>();
    /** The key of the row to select once the rows are in their order; null: the first row. */
    private String toSelect;
    /** The last column when it holds text and takes the width left over ({@link #stretchLast}), and the width its texts need. */
    private TableColumn<ViewTable.Row, ?> lastStretches;
    private double lastNeeds;
    private static final double STRETCH_MARGIN = 20;
    private static final double LAST_LEAST = 240;

    /** A view as the user left it: the column sorted by and how, and the key of the row selected. */
    private record Place(String sortedBy, TableColumn.SortType sortType, String selectedKey) {
    }

    ViewPage(InspectorViewModel vm, FilterBar filterBar, Worker worker) {
        this.vm = vm;
        this.filterBar = filterBar;
        this.worker = worker;
        table.setId("viewTable");
        table.setSortPolicy(t -> sort());
        table.setTableMenuButtonVisible(true);
        table.getSelectionModel().setSelectionMode(SelectionMode.MULTIPLE);
        table.getSelectionModel().setCellSelectionEnabled(false);
        table.widthProperty().addListener(o -> stretchLast());
        MeasureFirst.install(table);
        table.addEventFilter(javafx.scene.input.MouseEvent.MOUSE_MOVED, this::headerTipOnHover);
        table.setPlaceholder(Placeholder.of(vm, "No rows here.",
                "No rows: the capture holds nothing this view counts."));
        table.setRowFactory(t -> {
            TableRow<ViewTable.Row> row = new TableRow<>();
            row.setOnMouseClicked(e -> {
                if (e.getButton() == MouseButton.PRIMARY && e.getClickCount() == 2 && !row.isEmpty()) {
                    vm.drillDown(row.getItem());
                }
            });
            return row;
        });
        table.setOnKeyPressed(e -> {
            if (e.getCode() == KeyCode.ENTER && table.getSelectionModel().getSelectedItem() != null) {
                vm.drillDown(table.getSelectionModel().getSelectedItem());
                e.consume();
            }
        });
        table.setContextMenu(contextMenu());
        setCenter(table);
        vm.tableProperty().addListener((o, a, b) -> show(b));
        if (vm.tableProperty().get() != null) {
            show(vm.tableProperty().get());
        }
    }

    private void show(ViewTable t) {
        if (t == null) {
            return;
        }
        // keep the user's sort, selected row and hidden columns when the same view is computed again
        List<String> hidden = new ArrayList<>();
        for (TableColumn<ViewTable.Row, ?> c : table.getColumns()) {
            if (!c.isVisible()) {
                hidden.add(c.getText());
            }
        }
        Place here = place();
        boolean sameView = table.getUserData() == t.view();
        // another view: this one's place is kept, and the other's given back if it was shown before
        // (null: none, the view's own order and its first row)
        Place place = here;
        if (!sameView) {
            if (table.getUserData() instanceof ViewDefinition before) {
                places.put(before, here);
            }
            place = places.get(t.view());
        }
        table.setUserData(t.view());
        shown = t.view().shownColumns();
        seconds = windowSeconds();
        // the same view over another filter or range keeps its columns, and with them its cells and
        // the widths the user gave them: only the rows change
        List<String> titles = new ArrayList<>();
        table.getColumns().forEach(c -> titles.add(c.getText()));
        if (sameView && titles.equals(t.columns())) {
            placeRows(t, place, new ArrayList<>(table.getColumns()));
            return;
        }
        List<TableColumn<ViewTable.Row, ?>> columns = new ArrayList<>();
        lastStretches = null;
        for (int i = 0; i < t.columns().size(); i++) {
            int col = i;
            ViewColumn def = i < shown.size() ? shown.get(i) : null;
            TableColumn<ViewTable.Row, Object> c = new TableColumn<>(t.columns().get(i));
            c.setId("col-" + t.columns().get(i).replaceAll("[^A-Za-z0-9]", "_"));
            c.setCellValueFactory(cd -> new ReadOnlyObjectWrapper<>(cd.getValue().order().get(col)));
            c.setComparator(ViewFormat::compare);
            boolean numeric = def != null && ViewFormat.isNumeric(def);
            // a measure (bytes, time, counts), not a number that names something (a pid, a port)
            MeasureFirst.mark(c, numeric && def.aggregation() != org.scapscope.view.Aggregation.NONE);
            c.setCellFactory(x -> new TableCell<>() {
                @Override
                protected void updateItem(Object v, boolean empty) {
                    super.updateItem(v, empty);
                    if (empty || v == null) {
                        setText(null);
                        CellTips.set(this, null);
                        return;
                    }
                    String text = ViewFormat.cell(def, v, ViewPage.this.seconds);
                    setText(text);
                    setAlignment(numeric ? Pos.CENTER_RIGHT : Pos.CENTER_LEFT);
                    String exact = v instanceof Number && !text.equals(v.toString()) ? v.toString() : null;
                    CellTips.set(this, text.length() > 30 ? text : exact);
                }
            });
            double titleWidth = textWidth(t.columns().get(i), true) + 34;
            double contentWidth = contentWidth(t, def, col, seconds) + 16;
            c.setPrefWidth(Math.min(520, Math.max(numeric ? 70 : 100, Math.max(titleWidth, contentWidth))));
            if (def != null && "text".equals(def.format()) && i == t.columns().size() - 1) {
                // a text cut short shows whole in its tip: the table scrolls sideways only when
                // the column would be narrower than this
                lastStretches = c;
                lastNeeds = Math.min(c.getPrefWidth(), Math.max(titleWidth, LAST_LEAST));
            }
            if (sameView && hidden.contains(c.getText())) {
                c.setVisible(false);
            }
            columns.add(c);
        }
        table.getColumns().setAll(columns);
        // the last column's own width is the user's to change
        columns.stream().filter(c -> c != lastStretches).forEach(c -> {
            c.widthProperty().addListener(o -> stretchLast());
            c.visibleProperty().addListener(o -> stretchLast());
        });
        stretchLast();
        placeRows(t, place, columns);
    }

    /**
     * Gives the header under the pointer its tip, if it has none yet: the table makes its headers
     * anew, when it likes, whenever its columns change.
     */
    private void headerTipOnHover(javafx.scene.input.MouseEvent e) {
        Node n = e.getPickResult().getIntersectedNode();
        while (n != null && n != table && !(n instanceof javafx.scene.control.skin.TableColumnHeader)) {
            n = n.getParent();
        }
        if (n instanceof javafx.scene.control.skin.TableColumnHeader h && h.getTableColumn() != null
                && h.getProperties().get(HEADER_TIP) != h.getTableColumn()) {
            String tip = headerTip(h.getTableColumn());
            if (tip != null) {
                Tooltip.install(h, new Tooltip(tip));
                h.getProperties().put(HEADER_TIP, h.getTableColumn());
            }
        }
    }

    /** The key, among a header's properties, of the column whose tip it has. */
    private static final Object HEADER_TIP = new Object();

    /**
     * What a column counts, for its header's tip: the field, what the field is, how the row's
     * events are combined, and the events the view looks at; null for a column of no view field.
     */
    private String headerTip(javafx.scene.control.TableColumnBase<?, ?> column) {
        if (!(table.getUserData() instanceof ViewDefinition view)) {
            return null;
        }
        int at = table.getColumns().indexOf(column);
        if (at < 0 || at >= shown.size()) {
            return null;
        }
        ViewColumn c = shown.get(at);
        org.scapscope.field.FieldInfo info = org.scapscope.field.FieldRegistry.get().info(
                c.field().replaceAll("\\[.*", ""));
        String what = switch (c.aggregation()) {
            case SUM -> "summed over the row's events";
            case AVG -> "averaged over the row's events";
            case MAX -> "the most of the row's events";
            case MIN -> "the least of the row's events";
            case TIME_AVG -> "summed over the row's events, per second of the range";
            default -> "as the row's first event has it";
        };
        String events = view.filter() == null || view.filter().isBlank() ? ""
                : "\nof the events of " + view.filter();
        return c.field() + (info == null ? "" : ": " + info.description()) + "\n" + what + events;
    }

    /**
     * Gives a last column of text (a command line, a path) the room the other columns leave, and
     * at least {@link #lastNeeds}: the table then fills its width, and scrolls sideways only in a
     * window too narrow for that.
     */
    private void stretchLast() {
        TableColumn<ViewTable.Row, ?> last = lastStretches;
        if (last == null || !table.getColumns().contains(last)) {
            return;
        }
        double others = 0;
        for (TableColumn<ViewTable.Row, ?> c : table.getColumns()) {
            if (c != last && c.isVisible()) {
                others += c.getWidth();
            }
        }
        // the vertical scroll bar and the table's border take their part of the width
        double room = Math.floor(table.getWidth() - others - STRETCH_MARGIN);
        double width = Math.max(lastNeeds, room);
        if (Math.abs(last.getPrefWidth() - width) >= 1) {
            last.setPrefWidth(width);
        }
    }

    /** Where the user is in the table shown: its sort and the selected row. */
    private Place place() {
        TableColumn<ViewTable.Row, ?> sorted = table.getSortOrder().isEmpty() ? null : table.getSortOrder().get(0);
        ViewTable.Row selected = table.getSelectionModel().getSelectedItem();
        return new Place(sorted == null ? null : sorted.getText(), sorted == null ? null : sorted.getSortType(),
                selected == null ? null : selected.key());
    }

    /**
     * Puts a table's rows in, sorted as the user left this view ({@code place}), else (null) in the
     * view's own order, and selects the row of the key kept when there is one, else the first.
     */
    private void placeRows(ViewTable t, Place place, List<TableColumn<ViewTable.Row, ?>> columns) {
        String sortedBy = place == null ? null : place.sortedBy();
        TableColumn.SortType sortType = place == null ? null : place.sortType();
        table.setItems(FXCollections.observableArrayList(t.rows()));
        // the user's order when the same view comes again, else the view's own, shown by its arrow
        ViewDefinition.Sort own = t.view().sort();
        TableColumn.SortType ownType = own != null && own.descending() ? TableColumn.SortType.DESCENDING
                : TableColumn.SortType.ASCENDING;
        // a sort the user chose, which the rows computed again must be given; the view's own they have
        boolean users = sortedBy != null
                && !(own != null && sortedBy.equals(own.column()) && sortType == ownType);
        String by = users ? sortedBy : own != null ? own.column() : null;
        TableColumn.SortType type = users ? sortType : ownType;
        for (TableColumn<ViewTable.Row, ?> c : columns) {
            if (c.getText().equals(by)) {
                c.setSortType(type);
                // the rows come in the view's own order already
                placingSorted = !users;
                try {
                    table.getSortOrder().setAll(List.of(c));
                } finally {
                    placingSorted = false;
                }
                break;
            }
        }
        toSelect = place == null ? null : place.selectedKey();
        selectKept();
    }

    /**
     * Selects the row kept for selection ({@link #toSelect}), or the first when it is not among the
     * rows; again once rows sorted on the worker are in place.
     */
    private void selectKept() {
        List<ViewTable.Row> items = table.getItems();
        if (items.isEmpty()) {
            return;
        }
        int at = 0;
        if (toSelect != null) {
            for (int i = 0; i < items.size(); i++) {
                if (toSelect.equals(items.get(i).key())) {
                    at = i;
                    break;
                }
            }
        }
        table.getSelectionModel().clearAndSelect(at);
        if (at > 0) {
            table.scrollTo(Math.max(0, at - 3));
        }
        if (sorting == null) {
            toSelect = null;
        }
    }

    /** Rows whose text sizes a column when a table is shown: the first, and as many spread over the rest. */
    private static final int ROWS_MEASURED = 100;
    /** How many of a column's longest texts among those rows are laid out to find the widest. */
    private static final int TEXTS_MEASURED = 8;
    /** The tables' text size, as scapscope.css sets it for the whole window. */
    private static final double FONT_SIZE = 13;

    /**
     * The widest of the longest texts of a column among the first rows and rows spread over the
     * others (a sort that brings other rows first then finds most of them measured too). Texts are
     * ranked by their length, so a shorter text of wider letters can be drawn wider than the width
     * found, by a few pixels beyond the margin given: rare in names, paths and numbers.
     */
    private static double contentWidth(ViewTable t, ViewColumn def, int col, double seconds) {
        int n = t.rows().size();
        int stride = Math.max(1, (n - ROWS_MEASURED) / ROWS_MEASURED);
        // laying a text out is what costs: only the longest texts are measured, as the widest
        // drawn is nearly always among the longest
        java.util.PriorityQueue<String> longest = new java.util.PriorityQueue<>(
                java.util.Comparator.comparingInt(String::length));
        for (int r = 0; r < n; r = r < ROWS_MEASURED ? r + 1 : r + stride) {
            Object v = t.rows().get(r).order().get(col);
            if (v != null) {
                longest.add(ViewFormat.cell(def, v, seconds));
                if (longest.size() > TEXTS_MEASURED) {
                    longest.poll();
                }
            }
        }
        double widest = 0;
        for (String text : longest) {
            widest = Math.max(widest, textWidth(text, false));
        }
        return widest;
    }

    /** The cells' font and the headers' bold one, and the node texts are measured with (UI thread only). */
    private static Font cellFont;
    private static Font headerFont;
    private static Text measured;

    /** How wide a text is drawn in a table: the cells' font, or the headers' bold one. */
    private static double textWidth(String text, boolean bold) {
        if (measured == null) {
            cellFont = Font.font(Font.getDefault().getFamily(), FontWeight.NORMAL, FONT_SIZE);
            headerFont = Font.font(Font.getDefault().getFamily(), FontWeight.BOLD, FONT_SIZE);
            measured = new Text();
        }
        measured.setFont(bold ? headerFont : cellFont);
        measured.setText(text);
        return measured.getLayoutBounds().getWidth();
    }

    /** Sorts the rows by the table's sort order: at once when there are few, else on the worker. */
    private boolean sort() {
        java.util.Comparator<ViewTable.Row> order = table.getComparator();
        if (placingSorted || order == null) {
            return true;
        }
        if (sorting != null) {
            sorting.cancel();
            sorting = null;
        }
        if (table.getItems().size() <= backgroundSortRows) {
            FXCollections.sort(table.getItems(), order);
            return true;
        }
        List<ViewTable.Row> rows = new ArrayList<>(table.getItems());
        javafx.collections.ObservableList<ViewTable.Row> items = table.getItems();
        vm.say(String.format("Sorting %,d rows…", rows.size()));
        // each sort has its number: a result is put in place only if no later sort or rows came since
        int generation = ++sortGeneration;
        boolean[] finished = {false};
        Worker.Handle handle = worker.submit((p, cancelled) -> {
            rows.sort(order);
            return rows;
        }, null, sorted -> {
            finished[0] = true;
            if (table.getItems() != items || generation != sortGeneration) {
                return; // other rows, or another order, came meanwhile
            }
            placingSorted = true;
            try {
                items.setAll(sorted);
            } finally {
                placingSorted = false;
            }
            sorting = null;
            if (toSelect != null) {
                selectKept();
            }
            vm.say(String.format("%,d %s sorted", sorted.size(), sorted.size() == 1 ? "row" : "rows"));
        }, e -> {
            finished[0] = true;
            if (generation == sortGeneration) {
                sorting = null;
                toSelect = null;
            }
            vm.say("The rows cannot be sorted: " + ErrorText.of(e));
        });
        // an immediate worker has placed the rows already
        sorting = finished[0] ? null : handle;
        return true;
    }

    /** Seconds the view's time window spans, for rates. */
    private double windowSeconds() {
        return ViewFormat.windowSeconds(vm.capture().firstTs(), vm.capture().lastTs(), vm.rangeFromProperty().get(),
                vm.rangeToProperty().get());
    }

    private ContextMenu contextMenu() {
        MenuItem drill = new MenuItem("Drill down");
        drill.setOnAction(e -> vm.drillDown(table.getSelectionModel().getSelectedItem()));
        MenuItem copyCell = new MenuItem("Copy cell");
        copyCell.setOnAction(e -> copy(cellText()));
        MenuItem copyRow = new MenuItem("Copy row");
        copyRow.setOnAction(e -> copy(rowText()));
        MenuItem asFilter = new MenuItem("Copy as filter");
        asFilter.setOnAction(e -> copy(filterOfCell()));
        MenuItem narrow = new MenuItem("Filter on this value");
        narrow.setOnAction(e -> {
            String f = filterOfCell();
            if (f != null) {
                filterBar.append(f);
            }
        });
        MenuItem addColumn = new MenuItem("Add a column…");
        addColumn.setId("addColumn");
        addColumn.setOnAction(e -> askForColumn());
        ContextMenu menu = new ContextMenu(drill, new SeparatorMenuItem(), copyCell, copyRow, asFilter, narrow,
                new SeparatorMenuItem(), addColumn);
        menu.setOnShowing(e -> {
            drill.setDisable(!vm.canDrillDown());
            asFilter.setDisable(filterOfCell() == null);
            narrow.setDisable(filterOfCell() == null);
        });
        return menu;
    }

    /** Asks for a field and how to combine it over a row's events, and adds it as a column. */
    void askForColumn() {
        javafx.scene.control.Dialog<ButtonType> d = new javafx.scene.control.Dialog<>();
        d.setTitle("Add a column");
        d.setHeaderText("Any field, as in sysdig's -p: proc.exepath, fd.rip, evt.arg.flags, user.loginname, ...");
        TextField field = new TextField();
        field.setId("columnField");
        field.setPromptText("field");
        ChoiceBox<org.scapscope.view.Aggregation> how = new ChoiceBox<>(FXCollections.observableArrayList(
                org.scapscope.view.Aggregation.NONE, org.scapscope.view.Aggregation.SUM, org.scapscope.view.Aggregation.MAX,
                org.scapscope.view.Aggregation.MIN, org.scapscope.view.Aggregation.AVG));
        how.setId("columnAggregation");
        how.setValue(org.scapscope.view.Aggregation.NONE);
        how.setConverter(new javafx.util.StringConverter<>() {
            @Override
            public String toString(org.scapscope.view.Aggregation a) {
                return a == null ? "" : switch (a) {
                    case NONE -> "first value of the row";
                    case SUM -> "sum over the row's events";
                    case MAX -> "largest (text: last)";
                    case MIN -> "smallest";
                    case AVG -> "average";
                    default -> a.name().toLowerCase(Locale.ROOT);
                };
            }

            @Override
            public org.scapscope.view.Aggregation fromString(String s) {
                return null;
            }
        });
        Label problem = new Label();
        problem.setStyle("-fx-text-fill: #c62828;");
        javafx.scene.layout.GridPane grid = new javafx.scene.layout.GridPane();
        grid.setHgap(10);
        grid.setVgap(8);
        grid.addRow(0, new Label("Field"), field);
        grid.addRow(1, new Label("Per row"), how);
        grid.add(problem, 0, 2, 2, 1);
        d.getDialogPane().setContent(grid);
        d.getDialogPane().getButtonTypes().addAll(ButtonType.OK, ButtonType.CANCEL);
        javafx.scene.Node ok = d.getDialogPane().lookupButton(ButtonType.OK);
        ok.setId("addColumnOk");
        ok.addEventFilter(javafx.event.ActionEvent.ACTION, e -> {
            String wrong = vm.addColumn(field.getText(), how.getValue());
            if (wrong != null) {
                problem.setText(wrong);
                e.consume(); // the dialog stays, saying what is wrong
            }
        });
        if (getScene() != null) {
            d.initOwner(getScene().getWindow());
        }
        javafx.application.Platform.runLater(field::requestFocus);
        d.show();
    }

    /** The column the mouse or keyboard last pointed at, or the key's. */
    private int focusedColumn() {
        TablePosition<ViewTable.Row, ?> p = table.getFocusModel().getFocusedCell();
        if (p != null && p.getTableColumn() != null) {
            return table.getColumns().indexOf(p.getTableColumn());
        }
        return 0;
    }

    String cellText() {
        ViewTable.Row r = table.getSelectionModel().getSelectedItem();
        int c = focusedColumn();
        if (r == null || c < 0 || c >= r.values().size()) {
            return "";
        }
        Object v = r.values().get(c);
        return v == null ? "" : v.toString();
    }

    /** The selected rows as tab-separated lines. */
    String rowText() {
        StringBuilder sb = new StringBuilder();
        for (ViewTable.Row r : table.getSelectionModel().getSelectedItems()) {
            List<String> cells = new ArrayList<>();
            for (Object v : r.values()) {
                cells.add(v == null ? "" : v.toString());
            }
            sb.append(String.join("\t", cells)).append('\n');
        }
        return sb.toString();
    }

    /** {@code field = value} for the focused cell of the selected row, or null when its column has no field. */
    String filterOfCell() {
        ViewTable.Row r = table.getSelectionModel().getSelectedItem();
        int c = focusedColumn();
        if (r == null || c < 0 || c >= shown.size() || c >= r.values().size()) {
            return null;
        }
        ViewColumn def = shown.get(c);
        if (def.aggregation() != org.scapscope.view.Aggregation.NONE) {
            return null;
        }
        return FilterBar.condition(def.field(), String.valueOf(r.values().get(c)));
    }

    private static void copy(String text) {
        if (text == null) {
            return;
        }
        ClipboardContent content = new ClipboardContent();
        content.putString(text);
        Clipboard.getSystemClipboard().setContent(content);
    }

    /** The rows in the order shown (after the user's sort). */
    List<ViewTable.Row> rowsShown() {
        return new ArrayList<>(table.getItems());
    }

    /** The view shown. */
    ViewDefinition view() {
        ViewTable t = vm.tableProperty().get();
        return t == null ? null : t.view();
    }
}
