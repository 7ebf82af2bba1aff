package org.scapscope.ui;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.Tab;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import org.scapscope.scap.CaptureInfo;
import org.scapscope.scap.OpenOptions;
import org.scapscope.scap.ScapFile;
import org.scapscope.view.ByteSizes;
import org.scapscope.view.EventList;

/**
 * A capture opened for investigation: while it is indexed, a progress bar with Cancel; then what
 * the capture is (machine, time span, events, format, warnings) above its event list, with
 * sysdig's columns, showing a screenful of the millions of events at a time.
 */
final class InspectorTab extends Tab {
    /** The views analysts open first, computed while the inspector is idle (see {@link InspectorViewModel#computeAhead}). */
    static final List<String> COMPUTED_AHEAD = List.of("procs", "files", "connections", "containers", "syscalls", "errors");
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSS").withZone(ZoneOffset.UTC);

    private final Path file;
    private final BorderPane body = new BorderPane();
    private ScapFile capture;
    private EventList events;
    private Worker.Handle opening;
    /** Set once the tab is closed: a capture that finishes opening after is closed at once. */
    private boolean closed;

    private final Worker worker;
    private final java.util.prefs.Preferences preferences;
    private final OwnFolders own;
    InspectorPane pane;

    InspectorTab(Path file, String title, Worker worker, Path cacheDir, OwnFolders own,
            java.util.prefs.Preferences preferences) {
        super(title);
        this.file = file;
        this.worker = worker;
        this.preferences = preferences;
        this.own = own;
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
                // the views' definitions, the user's own among them, are read here rather than on the UI thread
                org.scapscope.view.ViewCatalog views = org.scapscope.view.ViewCatalog.withUserViews(own.views());
                // and the Falco lists and macros of the user's rules files, for the filters
                List<String> ruleProblems = new java.util.ArrayList<>();
                org.scapscope.filter.FalcoRules rules = org.scapscope.filter.FalcoRules.ofFolder(own.rules(), ruleProblems);
                // as Sysdig Inspect shows views, with each row's container, when there are containers
                if (list.knowsContainers()) {
                    views = views.forContainers();
                }
                // the Kubernetes views read the pods' labels of the containers: none, nothing to show
                if (!list.knowsKubernetes()) {
                    views = views.without(v -> v.id().startsWith("k8s_"));
                }
                // the description reads the capture's tables (for damage to warn of): not on the UI thread
                return new Opened(scap, list, views, rules, List.copyOf(ruleProblems), scap.info());
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
            if (closed) {
                // the tab went while the capture opened: nothing is shown, and the capture is let go
                close();
                return;
            }
            show(opened);
        }, e -> {
            Label failed = new Label(file.getFileName() + " cannot be opened: " + ErrorText.of(e));
            failed.setId("openError");
            failed.setWrapText(true);
            failed.setMaxWidth(600);
            Button closeTab = new Button("Close this tab");
            closeTab.setId("closeFailedTab");
            closeTab.setOnAction(x -> {
                if (getTabPane() != null) {
                    getTabPane().getTabs().remove(this);
                }
            });
            VBox box = new VBox(12, failed, closeTab);
            box.setAlignment(Pos.CENTER);
            body.setCenter(box);
        });
        cancel.setOnAction(e -> opening.cancel());
        setOnClosed(e -> close());
    }

    private record Opened(ScapFile capture, EventList events, org.scapscope.view.ViewCatalog views,
            org.scapscope.filter.FalcoRules rules, List<String> ruleProblems, CaptureInfo info) {
    }

    private void show(Opened opened) {
        org.scapscope.view.ViewCatalog views = opened.views();
        CaptureInfo info = opened.info();
        GridPane grid = new GridPane();
        grid.setId("captureInfo");
        grid.setHgap(14);
        grid.setVgap(3);
        grid.setPadding(new Insets(6, 12, 6, 12));
        String machine = info.machine() == null ? "unknown" : info.machine().hostname() + " ("
                + info.machine().cpus() + " CPUs, " + ByteSizes.of(info.machine().memoryBytes()) + ")";
        String span = info.firstTs() < 0 ? "no events" : TIME.format(Instant.ofEpochSecond(0, info.firstTs())) + " – "
                + TIME.format(Instant.ofEpochSecond(0, info.lastTs())) + " UTC";
        String version = info.sections().isEmpty() ? "" : "scap " + info.sections().get(0).version() + (info.sections().size() > 1 ? ", " + info.sections().size() + " sections" : "");
        pair(grid, 0, 0, "File", file.toString() + " (" + ByteSizes.of(info.fileSize()) + (info.compressed() ? ", gzip" : "") + ")");
        pair(grid, 2, 0, "Machine", machine);
        pair(grid, 0, 1, "Time span", span + " (" + Sizes.duration(java.time.Duration.ofNanos(info.durationNanos())) + ")");
        long internal = info.eventCount() - info.visibleCount();
        Label eventCounts = pair(grid, 2, 1, "Events", internal == 0 ? String.format("%,d", info.eventCount())
                : String.format("%,d shown, %,d internal", info.visibleCount(), internal));
        if (internal > 0) {
            eventCounts.setTooltip(new Tooltip("Internal events (process snapshots, container and user records, events"
                    + " written for their state alone) are read for the state they carry and hidden, as sysdig hides"
                    + " them without -D; 'scapscope events --all' prints them."));
        }
        pair(grid, 4, 0, "Format", version);
        if (!info.warnings().isEmpty()) {
            // each warning whole, on a line of its own: what was cut short, and where
            Label w = pair(grid, 0, 2, "Warnings", String.join("\n", info.warnings()));
            GridPane.setColumnSpan(w, 5);
            w.setWrapText(true);
            w.setPrefWidth(1000);
            w.setMinHeight(Region.USE_PREF_SIZE);
            w.getStyleClass().add("capture-warning");
        }
        // the user's own view and rules files that could not be used, and why: not left for them to guess
        int row = info.warnings().isEmpty() ? 2 : 3;
        if (!views.problems().isEmpty()) {
            leftOut(grid, row++, "Your views", "viewProblems", views.problems());
        }
        if (!opened.ruleProblems().isEmpty()) {
            leftOut(grid, row, "Your rules", "ruleProblems", opened.ruleProblems());
        }
        InspectorViewModel vm = new InspectorViewModel(capture, events, views, opened.rules(), worker,
                java.time.ZoneId.systemDefault());
        pane = new InspectorPane(vm, worker, java.time.ZoneId.systemDefault(), preferences, grid, own);
        pane.title.bind(textProperty());
        body.setCenter(pane);
        vm.start();
        vm.computeAhead(COMPUTED_AHEAD);
        if (isSelected()) {
            focusContent();
        }
    }

    /** Puts the keyboard on the list of pages, once the capture is open: arrows choose, Enter opens. */
    void focusContent() {
        if (pane != null) {
            InspectorPane p = pane;
            javafx.application.Platform.runLater(() -> {
                p.nav.requestFocus();
                // the double-click that opened the capture may yet end in the list it was made in, which
                // takes the keyboard back: asked again once that has passed
                javafx.application.Platform.runLater(() -> {
                    javafx.scene.Scene scene = p.getScene();
                    javafx.scene.Node owner = scene == null ? null : scene.getFocusOwner();
                    while (owner != null && owner != p) {
                        owner = owner.getParent();
                    }
                    if (isSelected() && scene != null && owner == null) {
                        p.nav.requestFocus();
                    }
                });
            });
        }
    }

    /** A row naming the files of the user's that were left out, each with why. */
    private static void leftOut(GridPane grid, int row, String name, String id, List<String> problems) {
        Label v = pair(grid, 0, row, name, "left out: " + String.join("\nleft out: ", problems));
        v.setId(id);
        GridPane.setColumnSpan(v, 5);
        v.setWrapText(true);
        v.setPrefWidth(1000);
        v.setMinHeight(Region.USE_PREF_SIZE);
        v.getStyleClass().add("capture-warning");
    }

    private static Label pair(GridPane grid, int column, int row, String name, String value) {
        Label n = new Label(name);
        n.setStyle("-fx-font-weight: bold;");
        Label v = new Label(value);
        grid.add(n, column, row);
        grid.add(v, column + 1, row);
        return v;
    }

    /** The rows the list holds (events shown). */
    int rowCount() {
        return events == null ? -1 : events.size();
    }

    Path file() {
        return file;
    }

    void close() {
        closed = true;
        if (opening != null) {
            opening.cancel();
        }
        if (pane != null) {
            pane.stop();
            pane.vm.close();
        }
        if (events != null) {
            try {
                events.history().close();
            } catch (IOException ignored) {
                // a read-only cache file
            }
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
