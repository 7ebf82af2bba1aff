package org.scapscope.ui;

import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;
import javafx.scene.input.KeyCode;

/** Table columns and row actions that the pages of records (alerts, machine state, HTTP requests) share. */
final class Columns {
    private Columns() {
    }

    /** A column of text, whole in a tooltip when the column is too narrow for it. */
    static <T> TableColumn<T, String> text(String title, Function<T, String> value, double width) {
        TableColumn<T, String> c = new TableColumn<>(title);
        c.setCellValueFactory(d -> new ReadOnlyObjectWrapper<>(value.apply(d.getValue())));
        c.setCellFactory(col -> new TableCell<>() {
            @Override
            protected void updateItem(String text, boolean empty) {
                super.updateItem(text, empty);
                setText(empty ? null : text);
                CellTips.set(this, empty ? null : text);
            }
        });
        c.setPrefWidth(width);
        return c;
    }

    /**
     * A column of times (ns since the epoch) shown on {@code clock}: it sorts as time, across
     * midnight too.
     */
    static <T> TableColumn<T, Long> time(String title, Function<T, Long> ts, java.time.format.DateTimeFormatter clock) {
        TableColumn<T, Long> c = new TableColumn<>(title);
        c.setCellValueFactory(d -> new ReadOnlyObjectWrapper<>(ts.apply(d.getValue())));
        c.setCellFactory(col -> new TableCell<>() {
            @Override
            protected void updateItem(Long v, boolean empty) {
                super.updateItem(v, empty);
                setText(empty || v == null ? null : clock.format(java.time.Instant.ofEpochSecond(0, v)));
            }
        });
        c.setPrefWidth(150);
        return c;
    }

    /** A column of numbers, aligned right; -1, what a capture gives for a value it does not know, shows blank. */
    static <T> TableColumn<T, Long> number(String title, Function<T, Long> value) {
        // not 80, the width a column has when none is set: such a column is sized to its content on first showing, cell by cell
        return number(title, value, v -> v == -1 ? "" : Long.toString(v), title.length() > 4 ? 84 : 65);
    }

    /**
     * A column of numbers shown as {@code shown} writes them (sizes, durations), aligned right, and
     * sorted as numbers.
     */
    static <T> TableColumn<T, Long> number(String title, Function<T, Long> value, Function<Long, String> shown,
            double width) {
        TableColumn<T, Long> c = new TableColumn<>(title);
        c.setCellValueFactory(d -> new ReadOnlyObjectWrapper<>(value.apply(d.getValue())));
        c.setCellFactory(col -> new TableCell<>() {
            @Override
            protected void updateItem(Long v, boolean empty) {
                super.updateItem(v, empty);
                setText(empty || v == null ? null : shown.apply(v));
            }
        });
        c.setStyle("-fx-alignment: CENTER-RIGHT;");
        c.setPrefWidth(width);
        return c;
    }

    /** Runs {@code open} on a row double-clicked, or selected when Enter is pressed. */
    static <T> void openOnDoubleClickOrEnter(TableView<T> table, Consumer<T> open) {
        openOnDoubleClickOrEnter(table, open, TableRow::new);
    }

    /** As above, with rows made by {@code rows} (rows that style themselves). */
    static <T> void openOnDoubleClickOrEnter(TableView<T> table, Consumer<T> open, Supplier<TableRow<T>> rows) {
        table.setRowFactory(t -> {
            TableRow<T> row = rows.get();
            row.setOnMouseClicked(e -> {
                if (e.getClickCount() == 2 && !row.isEmpty()) {
                    open.accept(row.getItem());
                }
            });
            return row;
        });
        table.setOnKeyPressed(e -> {
            T item = table.getSelectionModel().getSelectedItem();
            if (e.getCode() == KeyCode.ENTER && item != null) {
                open.accept(item);
                e.consume();
            }
        });
    }

    /**
     * A row's values as one text, for Find: each of its record's values (a thread, a descriptor,
     * a connection, a container, an HTTP request), tab-separated. Reads nothing of the window, so it runs on any thread.
     */
    static String recordText(Object row) {
        StringBuilder b = new StringBuilder();
        for (java.lang.reflect.RecordComponent c : row.getClass().getRecordComponents()) {
            try {
                b.append(c.getAccessor().invoke(row)).append('\t');
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException("the rows searched are records: " + row.getClass(), e);
            }
        }
        return b.toString();
    }
}
