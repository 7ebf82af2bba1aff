package org.scapscope.ui;

import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.collections.FXCollections;
import javafx.collections.transformation.FilteredList;
import javafx.collections.transformation.SortedList;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Label;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import org.scapscope.view.ByteSizes;
import org.scapscope.view.HttpLog;
import org.scapscope.view.TimeText;

/**
 * The HTTP requests found in the data read and written on sockets, each with its response (as
 * sysdig's httplog pairs them): a row per request with its time, direction, process, method, URL,
 * status (errors coloured), latency and size, beside the requests counted by method and URL (as
 * httptop counts them), picking one showing its requests only. A double-click or Enter shows the
 * request's and the response's events in the event list.
 */
final class HttpPage extends VBox {
    private final InspectorViewModel vm;
    final TableView<HttpLog.Transaction> table = new TableView<>();
    /** The requests by method and URL; the first row (no method) stands for all of them. */
    final TableView<HttpLog.Top> byUrl = new TableView<>();
    final Label summary = new Label();
    private FilteredList<HttpLog.Transaction> shown;
    private java.util.function.Consumer<HttpLog.Transaction> onOpen = t -> { };

    HttpPage(InspectorViewModel vm, ZoneId zone) {
        this.vm = vm;
        setId("httpPage");
        summary.setId("httpSummary");
        HBox bar = new HBox(10, summary);
        bar.setAlignment(Pos.CENTER_LEFT);
        bar.setPadding(new Insets(6, 10, 6, 10));

        DateTimeFormatter clock = DateTimeFormatter.ofPattern("HH:mm:ss.SSSSSSSSS").withZone(zone);
        table.setId("httpTable");
        // the response's time
        TableColumn<HttpLog.Transaction, Long> time = Columns.time("Time", HttpLog.Transaction::responseTs, clock);
        TableColumn<HttpLog.Transaction, Long> status = new TableColumn<>("Status");
        status.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(c.getValue().status()));
        status.setCellFactory(c -> new TableCell<>() {
            @Override
            protected void updateItem(Long s, boolean empty) {
                super.updateItem(s, empty);
                getStyleClass().removeAll("priority-high", "priority-warning");
                setText(empty || s == null ? null : Long.toString(s));
                if (!empty && s != null && s >= 400) {
                    getStyleClass().add(s >= 500 ? "priority-high" : "priority-warning");
                }
            }
        });
        status.setStyle("-fx-alignment: CENTER-RIGHT;");
        status.setPrefWidth(65);
        TableColumn<HttpLog.Transaction, Long> latency = Columns.number("Latency", HttpLog.Transaction::latency,
                ns -> TimeText.of(ns).strip(), 90);
        TableColumn<HttpLog.Transaction, Long> size = Columns.number("Size", HttpLog.Transaction::length,
                b -> b == 0 ? "" : ByteSizes.of(b), 75);
        table.getColumns().addAll(List.of(time,
                Columns.text("Dir", HttpLog.Transaction::direction, 40),
                Columns.text("Process", HttpLog.Transaction::process, 100),
                Columns.number("PID", HttpLog.Transaction::pid),
                Columns.text("Method", HttpLog.Transaction::method, 65),
                Columns.text("URL", HttpLog.Transaction::url, 180),
                status, latency, size,
                Columns.text("Container", HttpLog.Transaction::container, 130),
                Columns.text("Connection", HttpLog.Transaction::fdName, 300)));
        Columns.openOnDoubleClickOrEnter(table, t -> onOpen.accept(t));

        byUrl.setId("httpByUrl");
        byUrl.setPlaceholder(new Label(""));
        TableColumn<HttpLog.Top, String> url = new TableColumn<>("Method and URL");
        url.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(c.getValue().method() == null ? "All requests"
                : c.getValue().method() + " " + c.getValue().url()));
        url.setCellFactory(c -> new TableCell<>() {
            @Override
            protected void updateItem(String text, boolean empty) {
                super.updateItem(text, empty);
                setText(empty ? null : text);
                CellTips.set(this, empty ? null : text);
            }
        });
        url.setPrefWidth(200);
        url.setSortable(false);
        TableColumn<HttpLog.Top, Long> calls = new TableColumn<>("Count");
        calls.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(c.getValue().calls()));
        calls.setStyle("-fx-alignment: CENTER-RIGHT;");
        calls.setPrefWidth(75);
        calls.setSortable(false);
        TableColumn<HttpLog.Top, Long> errors = new TableColumn<>("Errors");
        errors.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(c.getValue().errors()));
        errors.setStyle("-fx-alignment: CENTER-RIGHT;");
        errors.setPrefWidth(60);
        errors.setSortable(false);
        byUrl.getColumns().addAll(List.of(url, calls, errors));
        byUrl.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        byUrl.getSelectionModel().selectedItemProperty().addListener((o, a, b) -> {
            if (shown != null) {
                shown.setPredicate(b == null || b.method() == null ? null
                        : t -> t.method().equals(b.method()) && t.url().equals(b.url()));
            }
        });
        SplitPane split = new SplitPane(byUrl, table);
        split.setDividerPositions(0.28);
        SplitPane.setResizableWithParent(byUrl, false);
        VBox.setVgrow(split, Priority.ALWAYS);
        getChildren().addAll(bar, split);
        vm.httpProperty().addListener((o, a, b) -> show(b));
        vm.busyProperty().addListener((o, a, b) -> describe(vm.httpProperty().get()));
        show(vm.httpProperty().get());
    }

    /** What a double-click or Enter on a request does with it. */
    void setOnOpen(java.util.function.Consumer<HttpLog.Transaction> open) {
        this.onOpen = open;
    }

    private void show(HttpLog.Result r) {
        shown = new FilteredList<>(r == null ? FXCollections.observableArrayList()
                : FXCollections.observableArrayList(r.transactions()));
        SortedList<HttpLog.Transaction> sorted = new SortedList<>(shown);
        sorted.comparatorProperty().bind(table.comparatorProperty());
        table.setItems(sorted);
        List<HttpLog.Top> rows = new ArrayList<>(r == null ? List.of()
                : HttpLog.ranked(r.transactions(), HttpLog.By.NCALLS));
        if (r != null && !r.transactions().isEmpty()) {
            rows.add(0, new HttpLog.Top(null, null, r.transactions().size(), 0, 0,
                    rows.stream().mapToLong(HttpLog.Top::errors).sum(), 0));
        }
        byUrl.getItems().setAll(rows);
        describe(r);
    }

    /** Says what the requests shown are, or why there are none. */
    private void describe(HttpLog.Result r) {
        if (r == null) {
            summary.setText(vm.busyProperty().get() ? Placeholder.COMPUTING : "");
        } else {
            long errors = r.transactions().stream().filter(t -> t.status() >= 400).count();
            summary.setText(String.format("%,d %s, %,d answered with an error%s", r.transactions().size(),
                    r.transactions().size() == 1 ? "request" : "requests", errors,
                    r.cut() ? String.format(" (the first %,d; narrow the filter or the range for the rest)",
                            r.transactions().size()) : ""));
        }
        Label empty = new Label(r == null ? "" : "No HTTP request with its response"
                + (vm.isNarrowed() ? " in " + vm.narrowedBy() : "") + ": a request is a socket read or write that"
                + " starts with a request line (GET /path), answered by the next one on that descriptor holding a"
                + " status line (HTTP/1.1 200).");
        empty.setWrapText(true);
        table.setPlaceholder(empty);
    }
}
