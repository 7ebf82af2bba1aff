package org.scapscope.ui;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.AbstractList;
import java.util.List;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.SelectionMode;
import javafx.scene.control.Tab;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import org.scapscope.scap.CaptureInfo;
import org.scapscope.scap.OpenOptions;
import org.scapscope.scap.ScapFile;
import org.scapscope.view.EventList;

/**
 * A capture opened for investigation: while it is indexed, a progress bar with Cancel; then what
 * the capture is (machine, time span, events, format, warnings) above its event list, with
 * sysdig's columns, showing a screenful of the millions of events at a time.
 */
final class InspectorTab extends Tab {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSS").withZone(ZoneOffset.UTC);

    private final Path file;
    private final BorderPane body = new BorderPane();
    private ScapFile capture;
    private EventList events;
    private Worker.Handle opening;
    final TableView<Integer> table = new TableView<>();

    InspectorTab(Path file, String title, Worker worker, Path cacheDir) {
        super(title);
        this.file = file;
        setTooltip(new Tooltip(file.toString()));
        setContent(body);
        ProgressBar bar = new ProgressBar(-1);
        bar.setId("openProgress");
        bar.setPrefWidth(360);
        Label what = new Label("Opening " + file.getFileName() + "…");
        Button cancel = new Button("Cancel");
        cancel.setId("cancelOpen");
        VBox progress = new VBox(12, what, bar, cancel);
        progress.setAlignment(Pos.CENTER);
        body.setCenter(progress);
        opening = worker.submit((p, cancelled) -> {
            OpenOptions options = OpenOptions.defaults().cacheDir(cacheDir)
                    .progress((done, total) -> p.update(total <= 0 ? -1 : 0.5 * done / total, "Indexing the events…"))
                    .cancelWhen(cancelled);
            ScapFile scap = ScapFile.open(file, options);
            try {
                EventList list = EventList.of(scap, (done, total) -> p.update(0.5 + 0.5 * done / Math.max(1, total),
                        "Reading the machine state…"), cancelled);
                return new Opened(scap, list);
            } catch (IOException | RuntimeException e) {
                scap.close();
                throw e;
            }
        }, (fraction, message) -> {
            bar.setProgress(fraction);
            what.setText(message);
        }, opened -> {
            capture = opened.capture;
            events = opened.events;
            show();
        }, e -> {
            Label failed = new Label(file.getFileName() + " cannot be opened: " + ErrorText.of(e));
            failed.setId("openError");
            failed.setWrapText(true);
            failed.setMaxWidth(600);
            VBox box = new VBox(failed);
            box.setAlignment(Pos.CENTER);
            body.setCenter(box);
        });
        cancel.setOnAction(e -> opening.cancel());
        setOnClosed(e -> close());
    }

    private record Opened(ScapFile capture, EventList events) {
    }

    private void show() {
        CaptureInfo info = capture.info();
        GridPane grid = new GridPane();
        grid.setId("captureInfo");
        grid.setHgap(24);
        grid.setVgap(4);
        grid.setPadding(new Insets(10, 12, 10, 12));
        String machine = info.machine() == null ? "unknown" : info.machine().hostname() + " ("
                + info.machine().cpus() + " CPUs, " + Sizes.bytes(info.machine().memoryBytes()) + ")";
        String span = info.firstTs() < 0 ? "no events" : TIME.format(Instant.ofEpochSecond(0, info.firstTs())) + " – "
                + TIME.format(Instant.ofEpochSecond(0, info.lastTs())) + " UTC";
        String version = info.sections().isEmpty() ? "" : "scap " + info.sections().get(0).version() + (info.sections().size() > 1 ? ", " + info.sections().size() + " sections" : "");
        pair(grid, 0, "File", file.toString() + " (" + Sizes.bytes(info.fileSize()) + (info.compressed() ? ", gzip" : "") + ")");
        pair(grid, 1, "Machine", machine);
        pair(grid, 2, "Time span", span + " (" + Sizes.duration(java.time.Duration.ofNanos(info.durationNanos())) + ")");
        pair(grid, 3, "Events", String.format("%,d shown of %,d", info.visibleCount(), info.eventCount()));
        pair(grid, 4, "Format", version);
        if (!info.warnings().isEmpty()) {
            Label w = pair(grid, 5, "Warnings", String.join("; ", info.warnings()));
            w.setStyle("-fx-text-fill: #b26a00;");
        }
        TextField go = new TextField();
        go.setId("gotoEvent");
        go.setPromptText("Go to event #");
        go.setPrefColumnCount(10);
        go.setOnAction(e -> {
            try {
                int row = events.rowOfEventNumber(Long.parseLong(go.getText().trim().replace(",", "")));
                if (row >= 0) {
                    table.scrollTo(Math.max(0, row - 3));
                    table.getSelectionModel().clearAndSelect(row);
                }
            } catch (NumberFormatException ex) {
                go.selectAll();
            }
        });
        Region grow = new Region();
        HBox.setHgrow(grow, Priority.ALWAYS);
        HBox top = new HBox(grid, grow, go);
        top.setAlignment(Pos.CENTER_LEFT);
        top.setPadding(new Insets(0, 12, 0, 0));
        body.setTop(top);
        buildTable();
        body.setCenter(table);
    }

    private static Label pair(GridPane grid, int row, String name, String value) {
        Label n = new Label(name);
        n.setStyle("-fx-font-weight: bold;");
        Label v = new Label(value);
        grid.add(n, 0, row);
        grid.add(v, 1, row);
        return v;
    }

    private void buildTable() {
        table.setId("eventTable");
        int n = events.size();
        table.setItems(FXCollections.observableList(new AbstractList<Integer>() {
            @Override
            public Integer get(int index) {
                return index;
            }

            @Override
            public int size() {
                return n;
            }
        }));
        List<String> titles = EventList.titles();
        double[] widths = {90, 150, 45, 130, 70, 40, 110, 700};
        for (int c = 0; c < titles.size(); c++) {
            int col = c;
            TableColumn<Integer, String> column = new TableColumn<>(titles.get(c));
            column.setSortable(false);
            column.setPrefWidth(widths[c]);
            column.setCellValueFactory(cd -> new ReadOnlyStringWrapper(cell(cd.getValue(), col)));
            if (c == 0 || c == 2 || c == 4) {
                column.setStyle("-fx-alignment: CENTER-RIGHT;");
            }
            table.getColumns().add(column);
        }
        table.getSelectionModel().setSelectionMode(SelectionMode.SINGLE);
        table.setPlaceholder(new Label("This capture has no events to show."));
    }

    private String cell(int row, int column) {
        try {
            return events.row(row)[column];
        } catch (IOException | RuntimeException e) {
            return column == 7 ? "cannot be read: " + ErrorText.of(e) : "";
        }
    }

    /** The rows the list holds (events shown). */
    int rowCount() {
        return events == null ? -1 : events.size();
    }

    Path file() {
        return file;
    }

    void close() {
        if (opening != null) {
            opening.cancel();
        }
        if (capture != null) {
            try {
                capture.close();
            } catch (IOException ignored) {
                // the mapping goes with the process
            }
        }
    }
}
