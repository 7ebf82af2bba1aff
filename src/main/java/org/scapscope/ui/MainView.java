package org.scapscope.ui;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import javafx.beans.binding.Bindings;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.collections.ListChangeListener;
import javafx.collections.transformation.SortedList;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Alert;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.control.ContextMenu;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.MenuItem;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.SelectionMode;
import javafx.scene.control.Separator;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.control.TitledPane;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.ToolBar;
import javafx.scene.control.Tooltip;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;
import javafx.scene.input.TransferMode;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import javafx.scene.paint.Color;
import javafx.scene.shape.Circle;
import javafx.stage.FileChooser;
import javafx.stage.Window;
import org.scapscope.store.CaptureStatus;
import org.scapscope.store.CaptureStore;
import org.scapscope.store.StoreException;
import org.scapscope.store.StoredCapture;
import org.scapscope.view.ByteSizes;

/**
 * The main window's content: the stores on the left, the capture table of the selected store
 * (with its toolbar, search and toggles) and the inspector tabs in the middle, the downloads
 * below.
 */
final class MainView extends BorderPane {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss")
            .withZone(ZoneId.systemDefault());

    private final Worker worker;
    private final StoresViewModel stores;
    private final CaptureBrowserViewModel browser;
    private final DownloadsViewModel downloads;
    private final Path cacheDir;
    private final OwnFolders own;
    private final Runnable addDemo;

    final TabPane tabs = new TabPane();
    private final HBox statusBar = new HBox();
    final TableView<StoredCapture> table = new TableView<>();
    final ListView<StoresViewModel.Entry> storeList = new ListView<>();
    final TextField search = new TextField();
    final Label status = new Label();
    private final Label placeholder = new Label();
    /** What the last action did, shown in the status bar until the store's status changes. */
    private final javafx.beans.property.StringProperty notice = new javafx.beans.property.SimpleStringProperty("");

    /** Where the inspector keeps saved filters and the theme; tests use a node of their own. */
    java.util.prefs.Preferences preferences = java.util.prefs.Preferences.userRoot().node("org/scapscope");

    MainView(Worker worker, StoresViewModel stores, CaptureBrowserViewModel browser, DownloadsViewModel downloads,
             Path cacheDir, OwnFolders own, Runnable addDemo) {
        this.worker = worker;
        this.stores = stores;
        this.browser = browser;
        this.downloads = downloads;
        // a store left for another is closed once its last download is no longer listed
        downloads.downloads().addListener((javafx.collections.ListChangeListener<DownloadsViewModel.Download>) c ->
                closeRetiredStores());
        this.cacheDir = cacheDir;
        this.own = own;
        this.addDemo = addDemo;
        javafx.scene.Node storesPane = storesPane();
        setLeft(storesPane);
        Tab capturesTab = new Tab("Captures", capturesPane());
        capturesTab.setId("capturesTab");
        capturesTab.setClosable(false);
        tabs.getTabs().add(capturesTab);
        // an inspector has the whole width: the stores matter to the capture list only
        tabs.getSelectionModel().selectedItemProperty().addListener((o, a, t) -> {
            setLeft(t == capturesTab ? storesPane : null);
            if (t instanceof InspectorTab) {
                ((InspectorTab) t).focusContent();
            }
        });
        tabs.setId("tabs");
        setCenter(tabs);
        setBottom(bottomPane());
        // the store's line (how many captures it lists) belongs to the captures tab; a notice shows anywhere
        statusBar.visibleProperty().bind(tabs.getSelectionModel().selectedItemProperty().isEqualTo(capturesTab)
                .or(notice.isNotEmpty()));
        statusBar.managedProperty().bind(statusBar.visibleProperty());
        setOnDragOver(e -> {
            if (e.getDragboard().hasFiles() && e.getDragboard().getFiles().stream().anyMatch(MainView::looksLikeCapture)) {
                e.acceptTransferModes(TransferMode.COPY);
            }
            e.consume();
        });
        setOnDragDropped(e -> {
            List<File> dropped = e.getDragboard().getFiles();
            e.setDropCompleted(dropped.stream().anyMatch(MainView::looksLikeCapture));
            e.consume();
            // the dialog waits until the drop has finished
            javafx.application.Platform.runLater(() -> filesDropped(dropped));
        });
    }

    /** Files dropped on the window: the captures among them are added to the store, after asking for their details. */
    void filesDropped(List<File> dropped) {
        List<Path> files = new ArrayList<>();
        for (File f : dropped) {
            if (looksLikeCapture(f)) {
                files.add(f.toPath());
            }
        }
        if (!files.isEmpty()) {
            addCaptures(files);
        }
    }

    static boolean looksLikeCapture(File f) {
        String n = f.getName().toLowerCase();
        return f.isFile() && (n.endsWith(".scap") || n.endsWith(".scap.gz") || n.endsWith(".scap.zst"));
    }

    // ---------------------------------------------------------------------------------------- stores

    private Node storesPane() {
        Label title = new Label("Stores");
        title.getStyleClass().add("pane-title");
        storeList.setId("storeList");
        storeList.setItems(stores.entries());
        storeList.setCellFactory(v -> new ListCell<>() {
            @Override
            protected void updateItem(StoresViewModel.Entry item, boolean empty) {
                super.updateItem(item, empty);
                if (empty || item == null) {
                    setText(null);
                    setGraphic(null);
                    setTooltip(null);
                    return;
                }
                setText(item.name());
                javafx.scene.shape.SVGPath icon = new javafx.scene.shape.SVGPath();
                // a folder for the library and other folders, a cloud for a bucket
                boolean folder = item.isLibrary() || item.saved().isLocal();
                icon.setContent(folder ? "M1 3h5l1.5 1.5H15v8.5H1z"
                        : "M4.5 13a3.5 3.5 0 0 1-.4-7A4.5 4.5 0 0 1 12.6 6.2 3.4 3.4 0 0 1 12.5 13z");
                icon.getStyleClass().add("store-icon");
                setGraphic(icon);
                setTooltip(new Tooltip(item.isLibrary() ? stores.locator().library().toString()
                        : item.saved().isLocal() ? item.saved().folder()
                        : "s3://" + item.saved().bucket() + (item.saved().prefix() == null ? "" : "/" + item.saved().prefix())
                        + " at " + item.saved().endpoint()));
            }
        });
        storeList.getSelectionModel().selectedItemProperty().addListener((o, a, b) -> {
            if (b != null && b != stores.selectedProperty().get()) {
                stores.selectedProperty().set(b);
            }
        });
        stores.selectedProperty().addListener((o, a, b) -> {
            storeList.getSelectionModel().select(b);
            openStore(b);
        });
        Button add = new Button("+");
        add.setId("addStore");
        add.setTooltip(new Tooltip("Add an S3 store"));
        add.setOnAction(e -> editStore(null));
        Button edit = new Button("Edit");
        edit.setId("editStore");
        edit.disableProperty().bind(Bindings.createBooleanBinding(() -> {
            StoresViewModel.Entry s = storeList.getSelectionModel().getSelectedItem();
            return s == null || s.isLibrary();
        }, storeList.getSelectionModel().selectedItemProperty()));
        edit.setOnAction(e -> editStore(storeList.getSelectionModel().getSelectedItem()));
        Button remove = new Button("−");
        remove.setId("removeStore");
        remove.setTooltip(new Tooltip("Remove the selected store from the list (its captures stay where they are)"));
        remove.disableProperty().bind(edit.disableProperty());
        remove.setOnAction(e -> removeStore(storeList.getSelectionModel().getSelectedItem()));
        HBox buttons = new HBox(6, add, edit, remove);
        VBox box = new VBox(8, title, storeList, buttons);
        VBox.setVgrow(storeList, Priority.ALWAYS);
        box.setPadding(new Insets(10));
        box.setPrefWidth(220);
        box.getStyleClass().add("stores-pane");
        return box;
    }

    private void openStore(StoresViewModel.Entry entry) {
        if (entry == null) {
            browser.storeProperty().set(null);
            return;
        }
        CaptureStore old = browser.storeProperty().get();
        try {
            browser.storeProperty().set(stores.open(entry));
        } catch (IOException e) {
            browser.storeProperty().set(null);
            say(ErrorText.of(e));
            error("The store " + entry.name() + " cannot be opened", ErrorText.of(e));
        }
        if (old != null) {
            retired.add(old);
            closeRetiredStores();
        }
        placeholder.setText(entry.isLibrary() ? "" : "No captures in this store.");
        watchFolder(browser.storeProperty().get());
    }

    /**
     * Stores shown before the one shown now. A download holds its store: a store is closed once no
     * download of it is listed (running, queued, or failed and offered again), not when another is chosen.
     */
    private final List<CaptureStore> retired = new java.util.ArrayList<>();

    private void closeRetiredStores() {
        retired.removeIf(s -> {
            if (s == browser.storeProperty().get() || downloads.uses(s)) {
                return false;
            }
            try {
                s.close();
            } catch (IOException ignored) {
                // nothing held but connections
            }
            return true;
        });
    }

    /** The watch of the folder shown, if it is one: captures put in it by others appear without a Refresh. */
    private FolderWatch folderWatch;

    private void watchFolder(CaptureStore store) {
        if (folderWatch != null) {
            folderWatch.close();
            folderWatch = null;
        }
        java.nio.file.Path folder = store == null ? null : store.localFolder();
        if (folder == null) {
            return;
        }
        try {
            folderWatch = new FolderWatch(folder, () -> javafx.application.Platform.runLater(() -> {
                if (browser.storeProperty().get() == store) {
                    browser.refresh();
                }
            }));
        } catch (IOException e) {
            // no watching here (too many watches, say): Refresh still lists the folder
        }
    }

    private void editStore(StoresViewModel.Entry entry) {
        StoreDialog d = new StoreDialog(stores, worker, entry == null ? null : entry.saved());
        d.initOwner(getScene().getWindow());
        d.showAndWait().ifPresent(r -> {
            try {
                stores.save(r.store(), r.secret());
            } catch (IOException e) {
                error("The store cannot be saved", ErrorText.of(e));
            }
        });
    }

    private void removeStore(StoresViewModel.Entry entry) {
        if (entry == null || entry.isLibrary()) {
            return;
        }
        if (confirm("Remove the store " + entry.name() + "?",
                "It leaves the list; the captures in its bucket are not touched.")) {
            try {
                stores.remove(entry);
            } catch (IOException e) {
                error("The store cannot be removed", ErrorText.of(e));
            }
        }
    }

    // ---------------------------------------------------------------------------------------- captures

    /** Whether the store shown keeps its captures elsewhere (a bucket), so that they are downloaded to be read. */
    private javafx.beans.binding.BooleanBinding remoteStore;

    private javafx.beans.binding.BooleanBinding remoteStore() {
        if (remoteStore == null) {
            remoteStore = Bindings.createBooleanBinding(() -> browser.storeProperty().get() != null
                    && browser.storeProperty().get().localFolder() == null, browser.storeProperty());
        }
        return remoteStore;
    }

    /** Downloads the selected captures into the local cache, the list told of each when it is there. */
    private void downloadSelected() {
        selected().forEach(c -> downloads.start(browser.storeProperty().get(), c, p -> browser.refresh()));
    }

    private Node capturesPane() {
        Button add = toolButton("addCapture", "Add capture…", "Add .scap files to this store (Ctrl+O), or drop them on the window");
        add.setOnAction(e -> chooseAndAdd());
        Button openFile = toolButton("openFile", "Open file…",
                "Open a capture from disk without adding it to a store (Ctrl+Shift+O)");
        openFile.setOnAction(e -> chooseAndOpen());
        Button download = toolButton("download", "Download", "Download the selected captures into the local cache");
        download.setOnAction(e -> downloadSelected());
        Button open = toolButton("open", "Open", "Open the selected capture (Enter); downloads it first if needed");
        open.setOnAction(e -> openSelected());
        Button delete = toolButton("delete", "Delete", "Delete the selected captures from the store (Delete)");
        delete.setOnAction(e -> deleteSelected());
        Button reveal = toolButton("reveal", "Reveal", "Show the capture's file in the file manager");
        reveal.setOnAction(e -> revealSelected());
        Button refresh = toolButton("refresh", "Refresh", "List the store again (F5)");
        refresh.setOnAction(e -> browser.refresh());
        for (Button b : List.of(download, open, delete, reveal)) {
            b.disableProperty().bind(Bindings.isEmpty(table.getSelectionModel().getSelectedItems()));
        }
        // a folder's captures are files on this machine already: there is nothing to download
        download.visibleProperty().bind(remoteStore());
        download.managedProperty().bind(download.visibleProperty());
        search.setId("search");
        search.setPromptText("Search name, host, trigger, container");
        search.setTooltip(new Tooltip("Ctrl+F: search the captures' names, hosts, triggers, containers and filters"));
        search.setPrefColumnCount(22);
        search.textProperty().bindBidirectional(browser.searchProperty());
        ToggleButton errors = new ToggleButton("Errors");
        errors.setId("onlyErrors");
        errors.setTooltip(new Tooltip("Only captures in error"));
        errors.selectedProperty().bindBidirectional(browser.onlyErrorsProperty());
        ToggleButton expiring = new ToggleButton("Expiring");
        expiring.setId("onlyExpiring");
        expiring.setTooltip(new Tooltip("Only captures that have expired or expire within 7 days"));
        expiring.selectedProperty().bindBidirectional(browser.onlyExpiringProperty());
        Region grow = new Region();
        HBox.setHgrow(grow, Priority.ALWAYS);
        ToolBar bar = new ToolBar(add, openFile, download, open, delete, reveal, new Separator(), refresh, grow, search,
                errors, expiring);
        bar.setId("toolbar");

        buildTable();
        placeholder.setId("emptyMessage");
        placeholder.setWrapText(true);
        Button demo = new Button("Add the demo capture");
        demo.setId("addDemo");
        demo.setOnAction(e -> addDemo.run());
        demo.visibleProperty().bind(Bindings.createBooleanBinding(() -> {
            StoresViewModel.Entry s = stores.selectedProperty().get();
            return s != null && s.isLibrary() && browser.captures().isEmpty() && browser.searchProperty().get().isEmpty()
                    && !browser.onlyErrorsProperty().get() && !browser.onlyExpiringProperty().get();
        }, stores.selectedProperty(), browser.captures(), browser.searchProperty(), browser.onlyErrorsProperty(),
                browser.onlyExpiringProperty()));
        demo.managedProperty().bind(demo.visibleProperty());
        Label hint = new Label();
        hint.textProperty().bind(Bindings.createStringBinding(() -> {
            if (browser.busyProperty().get()) {
                return "Listing…";
            }
            if (!browser.errorProperty().get().isEmpty()) {
                return browser.errorProperty().get();
            }
            if (demo.isVisible()) {
                return "Your library is empty. Drop .scap files here, use Add capture…, or try the demo: "
                        + "a web server in a container, a shell spawned from it, /etc/shadow read, "
                        + "an outbound connection.";
            }
            // what narrows the list, so that an empty one is not taken for an empty store
            List<String> why = new ArrayList<>();
            if (!browser.searchProperty().get().isBlank()) {
                why.add("the search \"" + browser.searchProperty().get().strip() + "\"");
            }
            if (browser.onlyErrorsProperty().get()) {
                why.add("Errors only");
            }
            if (browser.onlyExpiringProperty().get()) {
                why.add("Expiring only");
            }
            return why.isEmpty() ? "The store holds no captures." : "No captures match " + String.join(" and ", why) + ".";
        }, browser.busyProperty(), browser.errorProperty(), demo.visibleProperty(), browser.searchProperty(),
                browser.onlyErrorsProperty(), browser.onlyExpiringProperty()));
        hint.setWrapText(true);
        hint.setMaxWidth(520);
        hint.setId("emptyHint");
        VBox empty = new VBox(12, hint, demo);
        empty.setAlignment(Pos.CENTER);
        table.setPlaceholder(empty);
        return new BorderPane(table, bar, null, null, null);
    }

    private static Button toolButton(String id, String text, String tip) {
        Button b = new Button(text);
        b.setId(id);
        b.setTooltip(new Tooltip(tip));
        return b;
    }

    /**
     * A store listed again (Refresh, a download done, metadata filled in) brings new rows: the
     * captures selected before stay selected. Must be called before the table takes {@code rows},
     * so that it hears of a change before the table's selection does.
     */
    private void keepSelectionAcrossListings(javafx.collections.ObservableList<StoredCapture> rows) {
        java.util.Set<String> selectedIds = new java.util.LinkedHashSet<>();
        boolean[] reselecting = {false};
        table.getSelectionModel().getSelectedItems().addListener((javafx.collections.ListChangeListener<StoredCapture>) c -> {
            selectedIds.clear();
            for (StoredCapture sc : table.getSelectionModel().getSelectedItems()) {
                if (sc != null) {
                    selectedIds.add(sc.id());
                }
            }
        });
        rows.addListener((javafx.collections.ListChangeListener<StoredCapture>) c -> {
            boolean rowsChanged = false;
            while (c.next()) {
                rowsChanged |= !c.wasPermutated();
            }
            if (!rowsChanged || selectedIds.isEmpty() || reselecting[0]) {
                return; // a listing changes the rows more than once (rows, then filter): the first selection counts
            }
            reselecting[0] = true;
            List<String> wanted = new ArrayList<>(selectedIds);
            javafx.application.Platform.runLater(() -> {
                reselecting[0] = false;
                List<Integer> at = new ArrayList<>();
                for (int i = 0; i < table.getItems().size(); i++) {
                    if (wanted.contains(table.getItems().get(i).id())) {
                        at.add(i);
                    }
                }
                if (at.isEmpty()) {
                    return;
                }
                table.getSelectionModel().clearSelection();
                for (int i : at) {
                    table.getSelectionModel().select(i);
                }
            });
        });
    }

    private void buildTable() {
        table.setId("captureTable");
        table.getSelectionModel().setSelectionMode(SelectionMode.MULTIPLE);
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        TableColumn<StoredCapture, CaptureStatus> status = new TableColumn<>("Status");
        status.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(c.getValue().status()));
        status.setCellFactory(c -> new TableCell<>() {
            @Override
            protected void updateItem(CaptureStatus s, boolean empty) {
                super.updateItem(s, empty);
                StoredCapture row = getTableRow() == null ? null : getTableRow().getItem();
                if (empty || s == null || row == null) {
                    setText(null);
                    setGraphic(null);
                    CellTips.set(this, null);
                    return;
                }
                if (browser.isPending(row)) {
                    setText("…");
                    setGraphic(new Circle(5, Color.LIGHTGRAY));
                    CellTips.set(this, "Its metadata is being read");
                    return;
                }
                setText(s.text());
                setGraphic(new Circle(5, statusColor(s)));
                String tip = s == CaptureStatus.ERROR && row.metadata().error() != null ? row.metadata().error()
                        : s.text() + (browser.isCached(row) ? ", downloaded" : "");
                CellTips.set(this, tip);
            }
        });
        status.setPrefWidth(100);
        status.setMinWidth(95);
        TableColumn<StoredCapture, String> name = text("Name", StoredCapture::name, 240);
        TableColumn<StoredCapture, Instant> time = new TableColumn<>("Time");
        time.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(c.getValue().time()));
        time.setCellFactory(c -> formatted(t -> t == null ? "" : TIME.format(t), false));
        time.setPrefWidth(150);
        time.setMinWidth(145);
        time.setComparator(Comparator.nullsFirst(Comparator.naturalOrder()));
        TableColumn<StoredCapture, Duration> duration = new TableColumn<>("Duration");
        duration.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(c.getValue().duration()));
        duration.setCellFactory(c -> formatted(Sizes::duration, true));
        duration.setComparator(Comparator.nullsFirst(Comparator.naturalOrder()));
        duration.setPrefWidth(90);
        duration.setMinWidth(75);
        TableColumn<StoredCapture, String> trigger = text("Trigger", StoredCapture::triggerText, 220);
        TableColumn<StoredCapture, String> host = text("Host", StoredCapture::host, 160);
        TableColumn<StoredCapture, String> container = text("Container", StoredCapture::containerId, 110);
        TableColumn<StoredCapture, Long> size = new TableColumn<>("Size");
        size.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(c.getValue().size()));
        size.setCellFactory(c -> formatted(ByteSizes::of, true));
        size.setPrefWidth(80);
        size.setMinWidth(70);
        TableColumn<StoredCapture, Instant> expires = new TableColumn<>("Expires");
        expires.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(c.getValue().expiresAt()));
        expires.setCellFactory(c -> formatted(t -> t == null ? "" : TIME.format(t).substring(0, 10), false));
        expires.setComparator(Comparator.nullsLast(Comparator.naturalOrder()));
        expires.setPrefWidth(100);
        expires.setMinWidth(90);
        table.getColumns().addAll(List.of(status, name, time, duration, trigger, host, container, size, expires));
        for (TableColumn<StoredCapture, ?> c : table.getColumns()) {
            c.setId("col" + c.getText().replace(" ", ""));
        }
        for (TableColumn<StoredCapture, ?> c : List.of(time, duration, size, expires)) {
            MeasureFirst.mark(c, true); // newest, longest, largest first
        }
        MeasureFirst.install(table);
        SortedList<StoredCapture> sorted = new SortedList<>(browser.captures());
        sorted.comparatorProperty().bind(table.comparatorProperty());
        keepSelectionAcrossListings(sorted);
        table.setItems(sorted);
        time.setSortType(TableColumn.SortType.DESCENDING);
        table.getSortOrder().add(time);
        table.setRowFactory(t -> {
            TableRow<StoredCapture> row = new TableRow<>();
            row.setOnMouseClicked(e -> {
                if (e.getClickCount() == 2 && !row.isEmpty()) {
                    openSelected();
                }
            });
            return row;
        });
        MenuItem open = new MenuItem("Open");
        open.setOnAction(e -> openSelected());
        MenuItem download = new MenuItem("Download");
        download.setOnAction(e -> downloadSelected());
        download.visibleProperty().bind(remoteStore());
        MenuItem reveal = new MenuItem("Reveal in folder");
        reveal.setOnAction(e -> revealSelected());
        MenuItem details = new MenuItem("Details…");
        details.setOnAction(e -> showDetails());
        MenuItem delete = new MenuItem("Delete…");
        delete.setOnAction(e -> deleteSelected());
        table.setContextMenu(new ContextMenu(open, download, reveal, details, delete));
        table.setOnKeyPressed(e -> {
            if (e.getCode() == KeyCode.ENTER) {
                openSelected();
                e.consume();
            } else if (e.getCode() == KeyCode.DELETE) {
                deleteSelected();
                e.consume();
            }
        });
    }

    private static TableColumn<StoredCapture, String> text(String title, java.util.function.Function<StoredCapture, String> f,
            double width) {
        TableColumn<StoredCapture, String> c = new TableColumn<>(title);
        c.setCellValueFactory(d -> new ReadOnlyObjectWrapper<>(f.apply(d.getValue())));
        c.setComparator(String.CASE_INSENSITIVE_ORDER);
        c.setPrefWidth(width);
        c.setCellFactory(col -> new TableCell<>() {
            @Override
            protected void updateItem(String v, boolean empty) {
                super.updateItem(v, empty);
                setText(empty ? null : v);
                CellTips.set(this, empty ? null : v);
            }
        });
        return c;
    }

    private static <T> TableCell<StoredCapture, T> formatted(java.util.function.Function<T, String> f, boolean right) {
        TableCell<StoredCapture, T> cell = new TableCell<>() {
            @Override
            protected void updateItem(T v, boolean empty) {
                super.updateItem(v, empty);
                setText(empty ? null : f.apply(v));
            }
        };
        if (right) {
            cell.setAlignment(Pos.CENTER_RIGHT);
        }
        return cell;
    }

    static Color statusColor(CaptureStatus s) {
        return switch (s) {
            case OK -> Color.web("#43a047");
            case ERROR -> Color.web("#e53935");
            case UPLOADING -> Color.web("#1e88e5");
            case CAPTURING -> Color.web("#fb8c00");
            case REQUESTED -> Color.web("#9e9e9e");
        };
    }

    List<StoredCapture> selected() {
        return new ArrayList<>(table.getSelectionModel().getSelectedItems());
    }

    // ---------------------------------------------------------------------------------------- actions

    void chooseAndAdd() {
        FileChooser chooser = new FileChooser();
        chooser.setTitle("Add captures to " + storeName());
        chooser.getExtensionFilters().addAll(new FileChooser.ExtensionFilter("Captures", "*.scap", "*.scap.gz"),
                new FileChooser.ExtensionFilter("All files", "*"));
        List<File> files = chooser.showOpenMultipleDialog(window());
        if (files != null && !files.isEmpty()) {
            addCaptures(files.stream().map(File::toPath).toList());
        }
    }

    /** Opens captures from disk, each in its own tab, as they are: nothing is copied into a store. */
    void chooseAndOpen() {
        FileChooser chooser = new FileChooser();
        chooser.setTitle("Open captures");
        chooser.getExtensionFilters().addAll(new FileChooser.ExtensionFilter("Captures", "*.scap", "*.scap.gz"),
                new FileChooser.ExtensionFilter("All files", "*"));
        List<File> files = chooser.showOpenMultipleDialog(window());
        if (files != null) {
            openFiles(files.stream().map(File::toPath).toList());
        }
    }

    void openFiles(List<Path> files) {
        for (Path f : files) {
            Path file = f.toAbsolutePath();
            openFile(file, file.getFileName().toString());
        }
    }

    void addCaptures(List<Path> chosen) {
        // what is not a capture is said at once, before any details are asked for
        List<Path> files = new java.util.ArrayList<>();
        List<String> refused = new java.util.ArrayList<>();
        for (Path f : chosen) {
            try {
                org.scapscope.scap.CapturePeek.checkStart(f);
                files.add(f);
            } catch (IOException | org.scapscope.scap.ScapFormatException e) {
                refused.add(ErrorText.of(e));
            }
        }
        if (!refused.isEmpty()) {
            error(refused.size() == 1 ? "This file is not a capture" : refused.size() + " files are not captures",
                    String.join("\n", refused) + (files.isEmpty() ? "" : "\n\nThe others are added."));
        }
        if (files.isEmpty()) {
            return;
        }
        AddCaptureDialog d = new AddCaptureDialog(files, storeName());
        d.initOwner(window());
        d.showAndWait().ifPresent(meta -> {
            for (Path f : files) {
                browser.add(f, meta, added -> say("Added " + added.name() + "."));
            }
        });
    }

    void openSelected() {
        List<StoredCapture> sel = selected();
        if (sel.isEmpty()) {
            return;
        }
        StoredCapture c = sel.get(0);
        if (!c.hasData()) {
            error(c.name() + " cannot be opened", (c.status() == org.scapscope.store.CaptureStatus.ERROR
                    ? "It has no data (status " : "It has no data yet (status ") + c.status().text()
                    + (c.metadata().error() != null ? ": " + c.metadata().error() : "") + ").");
            return;
        }
        downloads.start(browser.storeProperty().get(), c, path -> openFile(path, c.name()), false);
    }

    /** Opens a capture file in a new inspector tab (or shows the tab that has it open). */
    void openFile(Path path, String title) {
        for (Tab t : tabs.getTabs()) {
            if (t instanceof InspectorTab && ((InspectorTab) t).file().equals(path)) {
                tabs.getSelectionModel().select(t);
                return;
            }
        }
        WarmUp.stop();
        InspectorTab tab = new InspectorTab(path, title, worker, cacheDir, own, preferences);
        tabs.getTabs().add(tab);
        tabs.getSelectionModel().select(tab);
    }

    void deleteSelected() {
        List<StoredCapture> sel = selected();
        if (sel.isEmpty()) {
            return;
        }
        StringBuilder names = new StringBuilder();
        for (int i = 0; i < sel.size() && i < 12; i++) {
            names.append("• ").append(sel.get(i).name()).append("  (").append(sel.get(i).id()).append(")\n");
        }
        if (sel.size() > 12) {
            names.append("… and ").append(sel.size() - 12).append(" more\n");
        }
        String title = sel.size() == 1 ? "Delete " + sel.get(0).name() + "?" : "Delete " + sel.size() + " captures?";
        if (confirm(title, names + "\nThey are deleted from " + storeName() + " for good.")) {
            browser.delete(sel, () -> say("Deleted " + sel.size() + (sel.size() == 1 ? " capture." : " captures.")));
        }
    }

    void revealSelected() {
        List<StoredCapture> sel = selected();
        if (sel.isEmpty()) {
            return;
        }
        Path p;
        try {
            p = browser.storeProperty().get().cachedPath(sel.get(0));
        } catch (StoreException e) {
            say(ErrorText.of(e));
            return;
        }
        Path dir = Files.exists(p) ? p.getParent() : null;
        if (dir == null) {
            error("Not downloaded yet", sel.get(0).name() + " is not in the local cache; Download it first.");
            return;
        }
        try {
            new ProcessBuilder("xdg-open", dir.toString()).start();
            say(p.toString());
        } catch (IOException e) {
            // no file manager here (no xdg-open): the path itself is what the user can use
            say("No file manager could be started (" + ErrorText.of(e) + "); the capture is at " + p);
        }
    }

    void showDetails() {
        List<StoredCapture> sel = selected();
        if (sel.isEmpty()) {
            return;
        }
        StoredCapture c = sel.get(0);
        Alert a = new Alert(Alert.AlertType.INFORMATION);
        a.initOwner(window());
        a.setTitle(c.name());
        a.setHeaderText(c.name());
        List<String> lines = new ArrayList<>();
        lines.add("Id: " + c.id());
        lines.add("Status: " + c.status().text() + (c.metadata().error() != null ? " — " + c.metadata().error() : ""));
        if (c.time() != null) {
            lines.add("Time: " + TIME.format(c.time()) + (c.duration() == null ? ""
                    : String.format(", for %.1f s", c.duration().toMillis() / 1000.0)));
        }
        // only what the capture's details hold: an empty line says nothing
        addIfKnown(lines, "Host", c.host());
        addIfKnown(lines, "Container", c.containerId());
        addIfKnown(lines, "Trigger", c.triggerText());
        addIfKnown(lines, "Filter", c.filter());
        lines.add("Size: " + ByteSizes.of(c.size()) + " (" + c.size() + " bytes)");
        lines.add("SHA-256: " + (c.metadata().sha256() == null ? "not recorded" : c.metadata().sha256()));
        lines.add("Object: " + (c.captureKey() == null ? "none" : c.captureKey()) + " in " + storeName());
        if (c.expiresAt() != null) {
            lines.add("Expires: " + TIME.format(c.expiresAt()));
        }
        a.setContentText(String.join("\n", lines));
        a.getDialogPane().setPrefWidth(640);
        a.showAndWait();
    }

    private static void addIfKnown(List<String> lines, String label, String value) {
        if (value != null && !value.isBlank()) {
            lines.add(label + ": " + value);
        }
    }

    // ---------------------------------------------------------------------------------------- downloads, status

    private Node bottomPane() {
        ListView<DownloadsViewModel.Download> list = new ListView<>(downloads.downloads());
        list.setId("downloadList");
        list.setPrefHeight(140);
        list.setCellFactory(v -> new DownloadCell());
        Button clear = new Button("Clear finished");
        clear.setOnAction(e -> downloads.clearFinished());
        VBox content = new VBox(6, list, clear);
        TitledPane pane = new TitledPane("Downloads", content);
        pane.setId("downloads");
        pane.setExpanded(false);
        downloads.downloads().addListener((ListChangeListener<DownloadsViewModel.Download>) ch -> {
            if (!downloads.downloads().isEmpty()) {
                pane.setExpanded(true);
            }
            pane.setText("Downloads (" + downloads.downloads().size() + ")");
        });
        status.setId("status");
        status.textProperty().bind(Bindings.when(notice.isEmpty()).then(browser.statusProperty()).otherwise(notice));
        browser.statusProperty().addListener((o, a, b) -> notice.set(""));
        statusBar.getChildren().setAll(status);
        statusBar.setPadding(new Insets(3, 10, 3, 10));
        statusBar.getStyleClass().add("status-bar");
        return new VBox(pane, statusBar);
    }

    /** A download: its name, a progress bar, what it is doing, and Cancel or Retry. */
    private static final class DownloadCell extends ListCell<DownloadsViewModel.Download> {
        @Override
        protected void updateItem(DownloadsViewModel.Download d, boolean empty) {
            super.updateItem(d, empty);
            if (empty || d == null) {
                setGraphic(null);
                return;
            }
            Label name = new Label(d.name());
            name.setPrefWidth(260);
            ProgressBar bar = new ProgressBar();
            bar.setPrefWidth(260);
            bar.progressProperty().bind(d.progressProperty());
            Label detail = new Label();
            detail.textProperty().bind(d.detailProperty());
            Button cancel = new Button("Cancel");
            cancel.setOnAction(e -> d.cancel());
            cancel.visibleProperty().bind(Bindings.createBooleanBinding(() -> d.stateProperty().get() == DownloadsViewModel.State.RUNNING
                    || d.stateProperty().get() == DownloadsViewModel.State.QUEUED, d.stateProperty()));
            Button retry = new Button("Retry");
            retry.setOnAction(e -> d.retry());
            retry.visibleProperty().bind(Bindings.createBooleanBinding(() -> d.stateProperty().get() == DownloadsViewModel.State.FAILED
                    || d.stateProperty().get() == DownloadsViewModel.State.CANCELLED, d.stateProperty()));
            cancel.managedProperty().bind(cancel.visibleProperty());
            retry.managedProperty().bind(retry.visibleProperty());
            HBox box = new HBox(10, name, bar, cancel, retry, detail);
            box.setAlignment(Pos.CENTER_LEFT);
            setGraphic(box);
        }
    }

    // ---------------------------------------------------------------------------------------- helpers

    private void say(String text) {
        notice.set(text);
    }

    private String storeName() {
        StoresViewModel.Entry e = stores.selectedProperty().get();
        return e == null ? "the store" : e.name();
    }

    private Window window() {
        return getScene() == null ? null : getScene().getWindow();
    }

    boolean confirm(String title, String text) {
        Alert a = new Alert(Alert.AlertType.CONFIRMATION, text, new ButtonType("Yes", ButtonBar.ButtonData.YES),
                new ButtonType("No", ButtonBar.ButtonData.NO));
        a.initOwner(window());
        a.setTitle(title);
        a.setHeaderText(title);
        a.getDialogPane().lookupButton(a.getButtonTypes().get(1)).setId("confirmNo");
        a.getDialogPane().lookupButton(a.getButtonTypes().get(0)).setId("confirmYes");
        ((Button) a.getDialogPane().lookupButton(a.getButtonTypes().get(0))).setDefaultButton(false);
        ((Button) a.getDialogPane().lookupButton(a.getButtonTypes().get(1))).setDefaultButton(true);
        Optional<ButtonType> r = a.showAndWait();
        return r.isPresent() && r.get().getButtonData() == ButtonBar.ButtonData.YES;
    }

    /** Whether a failure nothing else caught is being shown: one at a time. */
    private boolean showingUnexpected;
    /** The failures said already, by kind and place: a failure that repeats (each frame, say) is said once. */
    private final java.util.Set<String> unexpectedSaid = new java.util.HashSet<>();

    /**
     * A failure on the UI thread that nothing else caught (a capture cut short under a table that
     * reads it, say): said in a dialog, one at a time and each kind once, and printed for a report.
     */
    void unexpected(Throwable e) {
        StackTraceElement[] at = e.getStackTrace();
        String kind = e.getClass().getName() + (at.length > 0 ? " at " + at[0] : "");
        if (!unexpectedSaid.add(kind)) {
            return;
        }
        e.printStackTrace();
        if (showingUnexpected || window() == null) {
            return;
        }
        showingUnexpected = true;
        String text = ErrorText.of(e);
        // after the pulse or event that failed: a dialog cannot wait in the middle of a layout
        javafx.application.Platform.runLater(() -> {
            try {
                error("Something went wrong", text);
            } catch (RuntimeException | LinkageError dialog) {
                dialog.printStackTrace(); // not handed back to this handler, which would try again
            } finally {
                showingUnexpected = false;
            }
        });
    }

    void error(String title, String text) {
        Alert a = new Alert(Alert.AlertType.ERROR, text, ButtonType.OK);
        a.initOwner(window());
        a.setTitle(title);
        a.setHeaderText(title);
        a.showAndWait();
    }

    /** Reads the saved stores again (after they were changed elsewhere). */
    void reloadStores() throws IOException {
        stores.reload();
    }

    CaptureBrowserViewModel browser() {
        return browser;
    }

    DownloadsViewModel downloads() {
        return downloads;
    }

    /** The window's keyboard shortcuts. */
    void installShortcuts() {
        getScene().getAccelerators().put(new KeyCodeCombination(KeyCode.F, KeyCombination.SHORTCUT_DOWN), search::requestFocus);
        getScene().getAccelerators().put(new KeyCodeCombination(KeyCode.O, KeyCombination.SHORTCUT_DOWN), this::chooseAndAdd);
        getScene().getAccelerators().put(new KeyCodeCombination(KeyCode.O, KeyCombination.SHORTCUT_DOWN,
                KeyCombination.SHIFT_DOWN), this::chooseAndOpen);
        getScene().getAccelerators().put(new KeyCodeCombination(KeyCode.F5), browser::refresh);
        getScene().getAccelerators().put(new KeyCodeCombination(KeyCode.W, KeyCombination.SHORTCUT_DOWN),
                () -> closeCapture(tabs.getSelectionModel().getSelectedItem()));
    }

    /** Closes a capture's tab, stopping the work it started; other tabs stay. */
    private void closeCapture(Tab t) {
        if (t instanceof InspectorTab) {
            ((InspectorTab) t).close();
            tabs.getTabs().remove(t);
        }
    }

    /** Closes every capture's tab. */
    void closeCaptures() {
        for (Tab t : List.copyOf(tabs.getTabs())) {
            closeCapture(t);
        }
    }

}
