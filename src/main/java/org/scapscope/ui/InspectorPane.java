package org.scapscope.ui;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.prefs.Preferences;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.Alert;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Hyperlink;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.MenuButton;
import javafx.scene.control.MenuItem;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.control.TextInputControl;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.Tooltip;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;
import javafx.scene.input.KeyEvent;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import javafx.stage.FileChooser;
import org.scapscope.view.Spectrogram;
import org.scapscope.view.TableExport;
import org.scapscope.view.ViewDefinition;
import org.scapscope.view.ViewTable;

/**
 * The inspector of one capture: the filter bar and the timeline on top, the drill-down path, the
 * list of pages (overview, views, events, I/O streams) on the left and the page in the middle, the
 * progress of what is being computed at the bottom. Everything has a keyboard shortcut (Help, F1).
 */
final class InspectorPane extends BorderPane {
    /** A page of the list on the left: the overview, a view, the events or the I/O streams. */
    record NavItem(InspectorViewModel.Page page, String view, String label) {
    }

    private static final String DARK = InspectorPane.class.getResource("scapscope-dark.css").toExternalForm();

    final InspectorViewModel vm;
    final FilterBar filterBar;
    final TimelineChart timeline;
    final OverviewPage overviewPage;
    final ViewPage viewPage;
    final EventsPage eventsPage;
    final IoPage ioPage;
    final LatencyPage latencyPage;
    final AlertsPage alertsPage;
    final StatePage statePage;
    final HttpPage httpPage;
    /** The Find running, on whichever page. */
    final Search search;
    final ListView<NavItem> nav = new ListView<>();
    final HBox crumbs = new HBox(4);
    final TextField find = new TextField();
    private final StackPane pages = new StackPane();
    /** The pages: the overview with the capture's facts, a view, the events, the I/O streams. */
    private final Node[] pageNodes;
    private final HBox findBar;
    private final Preferences prefs;
    /** Where the user's own views and rules files are read from, as Help says. */
    private final OwnFolders own;
    private final Worker worker;
    private boolean syncingNav;
    /** Where exports are written when no dialog is wanted (tests); null: ask with a file chooser. */
    private java.util.function.Function<String, Path> chooser;

    InspectorPane(InspectorViewModel vm, Worker worker, ZoneId zone, Preferences prefs, Node captureInfo,
            OwnFolders own) {
        this.vm = vm;
        this.own = own;
        title.set(vm.capture().path().getFileName().toString());
        this.prefs = prefs;
        this.worker = worker;
        setId("inspector");
        filterBar = new FilterBar(vm, prefs.node("filters"), this::valuesSeen);
        timeline = new TimelineChart(vm, zone);
        overviewPage = new OverviewPage(vm);
        viewPage = new ViewPage(vm, filterBar, worker);
        eventsPage = new EventsPage(vm, worker, zone);
        search = new Search(worker, vm);
        ioPage = new IoPage(vm, search, zone);
        latencyPage = new LatencyPage(vm, zone);
        alertsPage = new AlertsPage(vm, zone, own.rules());
        statePage = new StatePage(vm, zone);
        httpPage = new HttpPage(vm, zone);
        httpPage.setOnOpen(vm::openHttp);
        eventsPage.setOnShowState(vm::showStateAt);
        vm.setColorRules(ColorRule.load(prefs.node("colors")));
        eventsPage.showColorLegend(vm.colorRulesApplied());
        eventsPage.setOnEditColors(this::editColorRules);
        // an alert's event, among all the events (the event list of the path and filter in force)
        alertsPage.setOnOpen(alert -> {
            vm.openAlert(alert);
            eventsPage.goToEvent(alert.eventIndex() + 1);
        });
        eventsPage.setOnShowFailedCalls(() -> filterBar.append("evt.failed = true"));
        eventsPage.setOnAddCondition(filterBar::append);
        eventsPage.setOnFollowStream(vm::followStream);
        // the event or chunk selected is marked on the timeline, while its page is shown
        eventsPage.setOnSelectTime(ns -> timeline.markTime(
                vm.pageProperty().get() == InspectorViewModel.Page.EVENTS ? ns : -1));
        ioPage.setOnSelectTime(ns -> timeline.markTime(vm.pageProperty().get() == InspectorViewModel.Page.IO ? ns : -1));
        vm.pageProperty().addListener((o, a, b) -> timeline.markTime(b == InspectorViewModel.Page.EVENTS
                ? eventsPage.selectedTime() : b == InspectorViewModel.Page.IO ? ioPage.selectedTime()
                : b == InspectorViewModel.Page.STATE ? stateTime() : -1));
        // the moment of the machine state, marked while its page is shown
        vm.stateTablesProperty().addListener((o, a, b) -> {
            if (vm.pageProperty().get() == InspectorViewModel.Page.STATE) {
                timeline.markTime(stateTime());
            }
        });
        // a click on the timeline takes the event list, or the streams, to that time
        timeline.setOnClickTime(ns -> {
            if (vm.pageProperty().get() == InspectorViewModel.Page.EVENTS) {
                eventsPage.goToTime(ns);
            } else if (vm.pageProperty().get() == InspectorViewModel.Page.IO) {
                ioPage.goToTime(ns);
            } else if (vm.pageProperty().get() == InspectorViewModel.Page.STATE) {
                vm.showStateAtTime(ns);
            }
        });
        VBox overviewWithInfo = new VBox(captureInfo, overviewPage);
        VBox.setVgrow(overviewPage, Priority.ALWAYS);
        // a page joins the window when first shown: the first showing then styles and lays out one page, not four
        pageNodes = new Node[] {overviewWithInfo, viewPage, eventsPage, ioPage, latencyPage, alertsPage, statePage,
            httpPage};

        find.setId("findField");
        find.setPromptText("Find in the table (Enter: next)");
        find.setOnAction(e -> findNext(find.getText()));
        find.setOnKeyPressed(e -> {
            if (e.getCode() == KeyCode.ESCAPE) {
                search.stop();
                showFind(false);
            }
        });
        Button closeFind = new Button("✕");
        closeFind.setOnAction(e -> showFind(false));
        findBar = new HBox(6, new Label("Find"), find, closeFind);
        findBar.setAlignment(Pos.CENTER_LEFT);
        findBar.setPadding(new Insets(4, 10, 4, 10));
        findBar.managedProperty().bind(findBar.visibleProperty());
        findBar.setVisible(false);

        BorderPane center = new BorderPane(pages);
        center.setTop(new VBox(breadcrumbBar(), findBar));
        buildNav();
        SplitPane split = new SplitPane(nav, center);
        split.setDividerPositions(0.16);
        SplitPane.setResizableWithParent(nav, false);
        setTop(new VBox(toolbar(), filterBar, timeline));
        setCenter(split);
        setBottom(statusBar());

        vm.pageProperty().addListener((o, a, b) -> {
            showPage();
            showCrumbs();
        });
        vm.steps().addListener((javafx.collections.ListChangeListener<InspectorViewModel.Step>) c -> {
            showCrumbs();
            syncNav();
        });
        vm.appliedFilterProperty().addListener((o, a, b) -> showCrumbs());
        vm.latencyKindProperty().addListener((o, a, b) -> {
            showCrumbs();
            syncNav();
        });
        showPage();
        showCrumbs();
        // the shortcuts are heard on the whole window while this pane is shown: the focus may be
        // outside it (the downloads bar) or nowhere (after a drag on the timeline)
        javafx.event.EventHandler<KeyEvent> keys = e -> {
            if (shown()) {
                shortcut(e);
            }
        };
        sceneProperty().addListener((o, a, s) -> {
            if (a != null) {
                a.removeEventFilter(KeyEvent.KEY_PRESSED, keys);
            }
            if (s != null) {
                applyTheme(s);
                s.addEventFilter(KeyEvent.KEY_PRESSED, keys);
            }
        });
    }

    // ------------------------------------------------------------------------------------ layout

    private HBox toolbar() {
        MenuButton export = new MenuButton("Export");
        export.setId("exportMenu");
        MenuItem csv = new MenuItem("Table as CSV…");
        csv.setId("exportCsv");
        csv.setOnAction(e -> exportTable(false));
        MenuItem json = new MenuItem("Table as JSON…");
        json.setId("exportJson");
        json.setOnAction(e -> exportTable(true));
        MenuItem scap = new MenuItem("Events as a new capture (.scap)…");
        scap.setId("exportScap");
        scap.setOnAction(e -> exportEvents());
        MenuItem stream = new MenuItem("I/O streams as text…");
        stream.setId("exportStream");
        stream.setOnAction(e -> saveStreams());
        export.setOnShowing(e -> {
            boolean table = vm.pageProperty().get() == InspectorViewModel.Page.VIEW
                    || vm.pageProperty().get() == InspectorViewModel.Page.EVENTS
                    || vm.pageProperty().get() == InspectorViewModel.Page.ALERTS
                    || vm.pageProperty().get() == InspectorViewModel.Page.STATE
                    || vm.pageProperty().get() == InspectorViewModel.Page.HTTP;
            csv.setDisable(!table);
            json.setDisable(!table);
            scap.setDisable(vm.pageProperty().get() != InspectorViewModel.Page.EVENTS);
            stream.setDisable(vm.pageProperty().get() != InspectorViewModel.Page.IO);
        });
        export.getItems().addAll(csv, json, scap, stream);
        ToggleButton dark = new ToggleButton("Dark");
        dark.setId("darkTheme");
        dark.setSelected(prefs.getBoolean("dark", false));
        dark.selectedProperty().addListener((o, a, b) -> {
            prefs.putBoolean("dark", b);
            if (getScene() != null) {
                applyTheme(getScene());
            }
        });
        Button help = new Button("?");
        help.setId("help");
        help.setOnAction(e -> showHelp());
        Region grow = new Region();
        HBox.setHgrow(grow, Priority.ALWAYS);
        Label file = new Label();
        file.setId("captureTitle");
        file.textProperty().bind(title);
        file.setTooltip(new Tooltip(vm.capture().path().toString()));
        file.getStyleClass().add("pane-title");
        HBox bar = new HBox(8, file, grow, export, dark, help);
        bar.setAlignment(Pos.CENTER_LEFT);
        bar.setPadding(new Insets(6, 10, 0, 10));
        return bar;
    }

    private HBox breadcrumbBar() {
        Button back = new Button("◀ Back");
        back.setId("back");
        back.setOnAction(e -> vm.back());
        back.disableProperty().bind(javafx.beans.binding.Bindings.size(vm.steps()).lessThan(2));
        crumbs.setId("breadcrumbs");
        crumbs.setAlignment(Pos.CENTER_LEFT);
        HBox bar = new HBox(10, back, crumbs);
        bar.setAlignment(Pos.CENTER_LEFT);
        bar.setPadding(new Insets(4, 10, 4, 10));
        bar.getStyleClass().add("crumb-bar");
        return bar;
    }

    private void showCrumbs() {
        List<Node> nodes = new ArrayList<>();
        List<InspectorViewModel.Step> steps = vm.steps();
        for (int i = 0; i < steps.size(); i++) {
            InspectorViewModel.Step s = steps.get(i);
            ViewDefinition v = vm.catalog().get(s.view());
            boolean last = i == steps.size() - 1;
            // the last step names the page shown; earlier ones the page they were left from
            String viewName = v == null ? s.view() : v.name();
            String page = pageName(last ? vm.pageProperty().get()
                    : s.left() == null ? InspectorViewModel.Page.VIEW : s.left(), viewName,
                    vm.latencyKindProperty().get());
            String text = s.filter() == null && s.label().equals(viewName) ? page : s.label() + "  (" + page + ")";
            if (i > 0) {
                nodes.add(new Label("›"));
            }
            if (i < steps.size() - 1) {
                int at = i;
                Hyperlink link = new Hyperlink(text);
                link.setId("crumb-" + i);
                link.setOnAction(e -> vm.jumpTo(at));
                if (s.filter() != null) {
                    link.setTooltip(new Tooltip("This step narrows to: " + shortened(s.filter())));
                }
                nodes.add(link);
            } else {
                Label current = new Label(text);
                current.setId("crumb-" + i);
                current.getStyleClass().add("crumb-current");
                // what narrows the page shown, the drill-down steps' filters with the one applied
                String effective = vm.effectiveFilter();
                if (!effective.isBlank()) {
                    current.setTooltip(new Tooltip("This page shows the events of: " + shortened(effective)
                            + (s.aloneFrom() != null ? "\n(a followed stream: the steps before it do not narrow it)" : "")));
                }
                nodes.add(current);
            }
        }
        crumbs.getChildren().setAll(nodes);
    }

    /** A filter as a tooltip shows it: the first 400 characters of a long one (the marked events' names thousands). */
    private static String shortened(String filter) {
        return filter.length() <= 400 ? filter : filter.substring(0, 399) + "…";
    }

    /** A page's name in the breadcrumbs; {@code viewName} for the view page, {@code kind} for the latency page. */
    private static String pageName(InspectorViewModel.Page p, String viewName, Spectrogram.Kind kind) {
        return switch (p) {
            case OVERVIEW -> "Overview";
            case EVENTS -> "Events";
            case IO -> "I/O streams";
            case VIEW -> viewName;
            case LATENCY -> kind.title();
            case ALERTS -> "Falco alerts";
            case STATE -> "Machine state";
            case HTTP -> "HTTP requests";
        };
    }

    private void buildNav() {
        nav.setId("nav");
        List<NavItem> items = new ArrayList<>();
        items.add(new NavItem(InspectorViewModel.Page.OVERVIEW, null, "Overview"));
        items.add(new NavItem(InspectorViewModel.Page.EVENTS, null, "Events"));
        items.add(new NavItem(InspectorViewModel.Page.IO, null, "I/O streams"));
        for (Spectrogram.Kind k : Spectrogram.Kind.values()) {
            items.add(new NavItem(InspectorViewModel.Page.LATENCY, k.id(), k.title()));
        }
        items.add(new NavItem(InspectorViewModel.Page.ALERTS, null, "Falco alerts"));
        items.add(new NavItem(InspectorViewModel.Page.STATE, null, "Machine state"));
        items.add(new NavItem(InspectorViewModel.Page.HTTP, null, "HTTP requests"));
        List<ViewDefinition> views = new ArrayList<>(vm.catalog().all());
        views.sort((a, b) -> a.name().compareToIgnoreCase(b.name()));
        for (ViewDefinition v : views) {
            items.add(new NavItem(InspectorViewModel.Page.VIEW, v.id(), v.name()));
        }
        nav.getItems().setAll(items);
        nav.setCellFactory(l -> new ListCell<>() {
            @Override
            protected void updateItem(NavItem item, boolean empty) {
                super.updateItem(item, empty);
                setText(empty || item == null ? null : item.label());
                setId(empty || item == null ? null : "nav-" + (item.view() != null ? item.view()
                        : item.page().name().toLowerCase(Locale.ROOT)));
                getStyleClass().remove("nav-page");
                if (!empty && item != null && item.page() != InspectorViewModel.Page.VIEW) {
                    getStyleClass().add("nav-page");
                }
            }
        });
        nav.getSelectionModel().selectedItemProperty().addListener((o, a, item) -> {
            if (syncingNav || item == null) {
                return;
            }
            switch (item.page()) {
                case OVERVIEW -> vm.showOverview();
                case EVENTS -> vm.showEvents();
                case IO -> vm.showIo();
                case VIEW -> vm.showView(item.view());
                case LATENCY -> vm.showLatency(Spectrogram.Kind.of(item.view()));
                case ALERTS -> vm.showAlerts();
                case STATE -> vm.showState();
                case HTTP -> vm.showHttp();
            }
        });
        syncNav();
    }

    /** Edits the colouring rules of the event list; those saved serve every capture opened after. */
    void editColorRules() {
        ColorRulesDialog d = new ColorRulesDialog(ColorRule.load(prefs.node("colors")), text -> {
            InspectorViewModel.FilterProblem p = vm.check(text);
            return p == null ? null : p.message();
        });
        if (getScene() != null) {
            d.initOwner(getScene().getWindow());
        }
        d.showAndWait().ifPresent(this::useColorRules);
    }

    /** Uses and saves colouring rules. */
    void useColorRules(List<ColorRule> rules) {
        ColorRule.save(prefs.node("colors"), rules);
        vm.setColorRules(rules);
        eventsPage.showColorLegend(vm.colorRulesApplied());
    }

    /** The time of the machine state shown, or -1. */
    private long stateTime() {
        var st = vm.stateTablesProperty().get();
        return st == null ? -1 : st.ts();
    }

    /** Selects, in the list on the left, the page shown. */
    private void syncNav() {
        syncingNav = true;
        try {
            for (NavItem item : nav.getItems()) {
                boolean match = item.page() == vm.pageProperty().get() && switch (item.page()) {
                    case VIEW -> item.view().equals(vm.currentView().id());
                    case LATENCY -> item.view().equals(vm.latencyKindProperty().get().id());
                    default -> true;
                };
                if (match) {
                    nav.getSelectionModel().select(item);
                    return;
                }
            }
        } finally {
            syncingNav = false;
        }
    }

    private void showPage() {
        int shown = switch (vm.pageProperty().get()) {
            case OVERVIEW -> 0;
            case VIEW -> 1;
            case EVENTS -> 2;
            case IO -> 3;
            case LATENCY -> 4;
            case ALERTS -> 5;
            case STATE -> 6;
            case HTTP -> 7;
        };
        Node page = pageNodes[shown];
        if (!pages.getChildren().contains(page)) {
            pages.getChildren().add(page);
        }
        for (Node n : pages.getChildren()) {
            n.setVisible(n == page);
        }
        syncNav();
    }

    private HBox statusBar() {
        ProgressBar bar = new ProgressBar();
        bar.setId("inspectorProgress");
        bar.setPrefWidth(160);
        bar.progressProperty().bind(vm.progressProperty());
        bar.visibleProperty().bind(vm.busyProperty());
        bar.managedProperty().bind(vm.busyProperty());
        Button cancel = new Button("Cancel");
        cancel.setId("cancelCompute");
        cancel.visibleProperty().bind(vm.busyProperty());
        cancel.managedProperty().bind(vm.busyProperty());
        cancel.setOnAction(e -> cancelAll());
        Label status = new Label();
        status.setId("inspectorStatus");
        status.textProperty().bind(vm.statusProperty());
        Region grow = new Region();
        HBox.setHgrow(grow, Priority.ALWAYS);
        Label filter = new Label();
        filter.setId("appliedFilter");
        filter.textProperty().bind(javafx.beans.binding.Bindings.createStringBinding(() -> {
            String f = vm.appliedFilterProperty().get();
            return f.isBlank() ? "" : "Filter: " + f;
        }, vm.appliedFilterProperty()));
        HBox box = new HBox(10, bar, cancel, status, grow, filter, new Label("F1: shortcuts"));
        box.setAlignment(Pos.CENTER_LEFT);
        box.setPadding(new Insets(3, 10, 3, 10));
        box.getStyleClass().add("status-bar");
        return box;
    }

    // ------------------------------------------------------------------------------------ actions

    /** Values of a field the capture holds, else those in the table shown, for completion in the filter bar. */
    private List<String> valuesSeen(String field) {
        ViewTable t = vm.tableProperty().get();
        List<String> out = new ArrayList<>(vm.valuesSeen(field));
        if (t == null || !out.isEmpty()) {
            return out;
        }
        List<org.scapscope.view.ViewColumn> cols = t.view().shownColumns();
        for (int c = 0; c < cols.size(); c++) {
            if (field.equals(cols.get(c).field())) {
                java.util.Set<String> seen = new java.util.LinkedHashSet<>();
                for (ViewTable.Row r : t.rows()) {
                    seen.add(String.valueOf(r.values().get(c)));
                    if (seen.size() >= 200) {
                        break;
                    }
                }
                out.addAll(seen);
                break;
            }
        }
        return out;
    }

    void showFind(boolean show) {
        findBar.setVisible(show);
        if (show) {
            find.requestFocus();
            find.selectAll();
        }
    }

    /**
     * Looks, on the worker, for the next row of the table shown (or chunk of the I/O streams) whose
     * text holds {@code text}, ignoring case, and selects it, or says that none does; whether a
     * search was started.
     */
    boolean findNext(String text) {
        if (text == null || text.isEmpty()) {
            return false;
        }
        String needle = text.toLowerCase(Locale.ROOT);
        switch (vm.pageProperty().get()) {
            case VIEW -> {
                // a table may hold millions of rows: the rows in the order shown now are searched on the worker
                var table = viewPage.table;
                ViewTable searched = vm.tableProperty().get();
                List<ViewTable.Row> rows = List.copyOf(table.getItems());
                if (rows.isEmpty()) {
                    return false;
                }
                int from = table.getSelectionModel().getSelectedIndex() + 1;
                search.run("\"" + text + "\"", Worker.firstFrom(rows.size(), from, i -> {
                    for (Object v : rows.get(i).values()) {
                        if (String.valueOf(v).toLowerCase(Locale.ROOT).contains(needle)) {
                            return true;
                        }
                    }
                    return false;
                }), i -> {
                    if (vm.pageProperty().get() != InspectorViewModel.Page.VIEW || vm.tableProperty().get() != searched) {
                        return; // another table is shown now
                    }
                    if (i < 0) {
                        vm.say("No row shows \"" + text + "\"");
                        return;
                    }
                    // the rows may have been sorted again meanwhile: the row found is selected where it is now
                    var items = table.getItems();
                    int at = i < items.size() && items.get(i) == rows.get(i) ? i : -1;
                    for (int k = 0; at < 0 && k < items.size(); k++) {
                        at = items.get(k) == rows.get(i) ? k : -1;
                    }
                    if (at >= 0) {
                        table.getSelectionModel().clearAndSelect(at);
                        table.scrollTo(Math.max(0, at - 2));
                    }
                });
                return true;
            }
            case IO -> {
                return ioPage.findNext(text);
            }
            case EVENTS -> {
                var list = eventsPage.list();
                if (list == null || list.size() == 0) {
                    return false;
                }
                int from = eventsPage.selectedRow() + 1;
                // on the worker and beside it: stretches of rows, each replayed once from its checkpoint
                search.run("\"" + text + "\"", (progress, cancelled) -> list.firstRowFrom(from, cells -> {
                    for (String cell : cells) {
                        if (cell.toLowerCase(Locale.ROOT).contains(needle)) {
                            return true;
                        }
                    }
                    return false;
                }, cancelled, fraction -> progress.update(fraction, null)), i -> {
                    if (eventsPage.list() != list || vm.pageProperty().get() != InspectorViewModel.Page.EVENTS) {
                        return; // other events are shown now
                    }
                    if (i >= 0) {
                        eventsPage.selectRow(i);
                        vm.say(String.format("\"%s\" found at event #%,d%s", text, list.eventIndex(i) + 1,
                                i == from - 1 ? ": no other event shows it" : i < from ? ", from the top again" : ""));
                    } else {
                        vm.say("No event shows \"" + text + "\"");
                    }
                });
                return true;
            }
            case STATE -> {
                return findInRecords(statePage.shownTable(), InspectorViewModel.Page.STATE, text);
            }
            case HTTP -> {
                return findInRecords(httpPage.table, InspectorViewModel.Page.HTTP, text);
            }
            default -> {
                return false;
            }
        }
    }

    /**
     * Looks, on the worker, for the next row of a table of records (the machine state's, the HTTP
     * requests) holding {@code text} in one of its values, ignoring case, and selects it.
     */
    private boolean findInRecords(TableView<?> table, InspectorViewModel.Page page, String text) {
        String needle = text.toLowerCase(Locale.ROOT);
        List<?> rows = List.copyOf(table.getItems());
        if (rows.isEmpty()) {
            return false;
        }
        int from = table.getSelectionModel().getSelectedIndex() + 1;
        search.run("\"" + text + "\"", Worker.firstFrom(rows.size(), from,
                i -> Columns.recordText(rows.get(i)).toLowerCase(Locale.ROOT).contains(needle)), i -> {
            if (vm.pageProperty().get() != page || !table.isVisible() || table.getScene() == null) {
                return; // another table is shown now
            }
            int at = i < 0 ? -1 : table.getItems().indexOf(rows.get(i));
            if (at < 0) {
                vm.say("No row shows \"" + text + "\"");
                return;
            }
            table.getSelectionModel().clearAndSelect(at);
            table.scrollTo(Math.max(0, at - 2));
        });
        return true;
    }

    /** Sets where exports go without asking (tests): from a suggested file name to a path. */
    void exportTo(java.util.function.Function<String, Path> chooser) {
        this.chooser = chooser;
    }

    /**
     * Where to write an export, or null: not chosen, or the capture inspected here, which an export
     * never replaces (the status line says so).
     */
    private Path choose(String suggested, String description, String pattern) {
        Path target;
        if (chooser != null) {
            target = chooser.apply(suggested);
        } else {
            FileChooser fc = new FileChooser();
            fc.setInitialFileName(suggested);
            fc.getExtensionFilters().add(new FileChooser.ExtensionFilter(description, pattern));
            java.io.File f = fc.showSaveDialog(getScene().getWindow());
            target = f == null ? null : f.toPath();
        }
        try {
            if (target != null && org.scapscope.scap.CaptureExtract.isTheCaptureRead(vm.capture(), target)) {
                vm.say(target + " is the capture inspected here: export to another file");
                return null;
            }
        } catch (java.io.IOException e) {
            // the check could not compare the files (one unreadable): the write says what is wrong, if anything
        }
        return target;
    }

    /** Stops what is being computed, and a Find (Cancel, Escape). */
    private void cancelAll() {
        search.stop();
        vm.cancel();
    }

    /** Stops what the pane runs of its own (a Find): the tab is closing. */
    void stop() {
        search.stop();
    }

    /** Writes the view shown, in the order shown, or the event list, as CSV or JSON. */
    void exportTable(boolean json) {
        if (vm.pageProperty().get() == InspectorViewModel.Page.EVENTS) {
            exportEventList(json);
            return;
        }
        if (vm.pageProperty().get() == InspectorViewModel.Page.ALERTS) {
            exportAlerts(json);
            return;
        }
        if (vm.pageProperty().get() == InspectorViewModel.Page.STATE) {
            exportState(json);
            return;
        }
        if (vm.pageProperty().get() == InspectorViewModel.Page.HTTP) {
            exportHttp(json);
            return;
        }
        ViewTable t = vm.tableProperty().get();
        if (t == null || vm.pageProperty().get() != InspectorViewModel.Page.VIEW) {
            return;
        }
        if (stillComputing("The table")) {
            return;
        }
        String base = exportName(t.view().id()) + (json ? ".json" : ".csv");
        Path target = choose(base, json ? "JSON" : "CSV", json ? "*.json" : "*.csv");
        if (target == null) {
            return;
        }
        // the rows in the order shown now, written on the worker: a table may hold millions
        List<ViewTable.Row> rows = List.copyOf(viewPage.rowsShown());
        vm.runExport("Writing " + target, (p, c) -> {
            writeAtomically(target, c, w -> {
                if (json) {
                    TableExport.json(t, rows, w);
                } else {
                    TableExport.csv(t, rows, w);
                }
            });
            return rows.size();
        }, n -> String.format("Wrote %,d rows to %s", n, target));
    }

    /**
     * Whether what the page shows is still the result before the one being computed (a filter, a
     * range or a view just asked for): then nothing is exported, and the status line says why.
     */
    private boolean stillComputing(String what) {
        if (vm.computing()) {
            vm.say(what + " is still being computed: export it once it is shown");
            return true;
        }
        return false;
    }

    /** Writes the alerts in the order shown: their time (UTC, to the nanosecond), event, priority, rule, output and tags. */
    private void exportAlerts(boolean json) {
        if (vm.alertsProperty().get() == null || stillComputing("The alerts")) {
            return;
        }
        if (alertsPage.table.getItems().isEmpty()) {
            vm.say("No alert to export");
            return;
        }
        Path target = choose(exportName("alerts") + (json ? ".json" : ".csv"), json ? "JSON" : "CSV",
                json ? "*.json" : "*.csv");
        if (target == null) {
            return;
        }
        List<org.scapscope.view.Alerts.Alert> alerts = List.copyOf(alertsPage.table.getItems());
        writeRows(target, json, List.of("time", "evt.num", "priority", "rule", "output", "tags"), () -> {
            List<List<Object>> rows = new ArrayList<>();
            for (org.scapscope.view.Alerts.Alert a : alerts) {
                rows.add(List.of(java.time.Instant.ofEpochSecond(0, a.ts()).toString(), a.eventIndex() + 1,
                        a.priority().title(), a.rule(), a.output(), String.join(" ", a.tags())));
            }
            return rows;
        }, "alerts");
    }

    /** Writes the HTTP requests in the order shown: times in UTC to the nanosecond, events, and what the page shows. */
    private void exportHttp(boolean json) {
        if (vm.httpProperty().get() == null || stillComputing("The HTTP requests")) {
            return;
        }
        List<org.scapscope.view.HttpLog.Transaction> rows = List.copyOf(httpPage.table.getItems());
        if (rows.isEmpty()) {
            vm.say("No request to export");
            return;
        }
        Path target = choose(exportName("http") + (json ? ".json" : ".csv"), json ? "JSON" : "CSV",
                json ? "*.json" : "*.csv");
        if (target == null) {
            return;
        }
        writeRows(target, json, List.of("time", "request.evt.num", "response.evt.num", "dir", "process", "pid",
                "method", "url", "status", "latency.ns", "size", "container", "fd.name"), () -> {
                    List<List<Object>> out = new ArrayList<>();
                    for (org.scapscope.view.HttpLog.Transaction t : rows) {
                        out.add(List.of(java.time.Instant.ofEpochSecond(0, t.responseTs()).toString(),
                                t.requestIndex() + 1, t.responseIndex() + 1, t.direction(), t.process(), t.pid(),
                                t.method(), t.url(), t.status(), t.latency(), t.length(), t.container(), t.fdName()));
                    }
                    return out;
                }, "requests");
    }

    /** Writes the machine state table shown (threads, descriptors, connections or containers), in the order shown. */
    private void exportState(boolean json) {
        var snapshot = vm.stateTablesProperty().get();
        if (snapshot == null || stillComputing("The machine state")) {
            return;
        }
        TableView<?> table = statePage.shownTable();
        if (table.getItems().isEmpty()) {
            vm.say("No row to export");
            return;
        }
        String what = table.getId().replace("state", "").toLowerCase(Locale.ROOT);
        Path target = choose(exportName("state-" + snapshot.eventNumber() + "-" + what) + (json ? ".json" : ".csv"),
                json ? "JSON" : "CSV", json ? "*.json" : "*.csv");
        if (target == null) {
            return;
        }
        List<String> columns = new ArrayList<>();
        for (TableColumn<?, ?> c : table.getColumns()) {
            if (c.isVisible()) {
                columns.add(c.getText());
            }
        }
        List<List<Object>> rows = cellsOf(table);
        writeRows(target, json, columns, () -> rows, "rows");
    }

    /**
     * Writes rows under their columns as CSV or JSON, on the worker: the rows are made there too
     * ({@code rows}), and the status line says how many were written, as {@code what}.
     */
    private void writeRows(Path target, boolean json, List<String> columns,
            java.util.function.Supplier<List<List<Object>>> rows, String what) {
        vm.runExport("Writing " + target, (p, c) -> {
            List<List<Object>> all = rows.get();
            writeAtomically(target, c, w -> {
                if (json) {
                    TableExport.json(columns, all, w);
                } else {
                    TableExport.csv(columns, all, w);
                }
            });
            return all.size();
        }, n -> String.format("Wrote %,d %s to %s", n, what, target));
    }

    /** The values of a table's cells, row by row in the order shown, column by column (those shown). */
    private static <T> List<List<Object>> cellsOf(TableView<T> table) {
        List<List<Object>> rows = new ArrayList<>();
        for (T item : table.getItems()) {
            List<Object> row = new ArrayList<>();
            for (TableColumn<T, ?> c : table.getColumns()) {
                if (!c.isVisible()) {
                    continue;
                }
                Object v = c.getCellData(item);
                row.add(v == null ? "" : v);
            }
            rows.add(row);
        }
        return rows;
    }

    /** Writes every event of the list (its range and filter) with the columns shown, on the worker. */
    private void exportEventList(boolean json) {
        var list = vm.eventsProperty().get();
        if (list == null || stillComputing("The event list")) {
            return;
        }
        Path target = choose(exportName("events") + (json ? ".json" : ".csv"), json ? "JSON" : "CSV",
                json ? "*.json" : "*.csv");
        if (target == null) {
            return;
        }
        vm.runExport("Writing " + target, (p, c) -> {
            long[] n = new long[1];
            writeAtomically(target, c, w -> n[0] = list.writeTable(w, json, p, c));
            return n[0];
        }, n -> String.format("Wrote %,d events to %s", n, target));
    }

    /**
     * A file name for what is exported: the capture's name, then what it is (events, a view), so
     * that exports of several captures do not take each other's names.
     */
    private String exportName(String what) {
        String name = title.get();
        int dot = name.endsWith(".scap") || name.endsWith(".scap.gz") ? name.indexOf('.') : -1;
        // a name from a store may hold what a file name cannot
        return (dot > 0 ? name.substring(0, dot) : name).replaceAll("[/\\\\:*?\"<>|]", "_") + "-" + what;
    }

    /**
     * What the capture is called above the pages and in exported files' names: its file's name, or
     * the name the store gives it.
     */
    final javafx.beans.property.StringProperty title = new javafx.beans.property.SimpleStringProperty();

    private void exportEvents() {
        var list = vm.eventsProperty().get();
        if (list == null || stillComputing("The event list")) {
            return;
        }
        Path target = choose(exportName("selection") + ".scap", "Captures", "*.scap");
        if (target == null) {
            return;
        }
        vm.runExport("Writing " + target, (p, c) -> list.writeCapture(target, p, c),
                n -> String.format("Wrote %,d events to %s", n, target));
    }

    private void saveStreams() {
        if (stillComputing("The I/O streams")) {
            return;
        }
        Path target = choose("streams.txt", "Text", "*.txt");
        if (target == null) {
            return;
        }
        vm.runExport("Writing " + target, ioPage.save(target),
                n -> String.format("Saved %,d reads and writes of the I/O streams to %s", n, target));
    }

    @FunctionalInterface
    interface WriterJob {
        void write(Writer w) throws IOException;
    }

    /**
     * Writes a file whole or not at all: a half-written file never replaces a good one. Once
     * {@code cancelled} says so, the next write fails and nothing is written.
     */
    static void writeAtomically(Path target, java.util.function.BooleanSupplier cancelled, WriterJob job)
            throws IOException {
        Path file = org.scapscope.scap.FileReplace.throughLinks(target);
        Path tmp = Files.createTempFile(file.getParent(), "." + file.getFileName(), ".part");
        try {
            try (Writer w = new java.io.FilterWriter(Files.newBufferedWriter(tmp, StandardCharsets.UTF_8)) {
                @Override
                public void write(int c) throws IOException {
                    check();
                    super.write(c);
                }

                @Override
                public void write(char[] cbuf, int off, int len) throws IOException {
                    check();
                    super.write(cbuf, off, len);
                }

                @Override
                public void write(String str, int off, int len) throws IOException {
                    check();
                    super.write(str, off, len);
                }

                private void check() {
                    if (cancelled.getAsBoolean()) {
                        throw new java.util.concurrent.CancellationException("writing " + target + " was cancelled");
                    }
                }
            }) {
                job.write(w);
            }
            org.scapscope.scap.FileReplace.replaceKeepingMode(tmp, file);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    // ------------------------------------------------------------------------------------ keyboard, help, theme

    static final List<String[]> SHORTCUTS = List.of(
            new String[] {"Ctrl+L", "Type a filter (Enter applies it, Ctrl+Space completes)"},
            new String[] {"Ctrl+1 / 2 / 3 / 4 / 5 / 6 / 7 / 8", "Overview / the table view (Processes at first) / Events /"
                + " I/O streams / latency / Falco alerts / machine state (from Events: just after the event selected) /"
                + " HTTP requests"},
            new String[] {"Enter, double-click", "Drill down into the selected row or tile, or the calls picked on the"
                + " latency chart"},
            new String[] {"Backspace", "Back one step of the drill-down path"},
            new String[] {"Ctrl+F", "Find in the table shown (Enter: next)"},
            new String[] {"Ctrl+G", "Go to an event number or time (Events)"},
            new String[] {"Ctrl+R", "Reset the time range to the whole capture"},
            new String[] {"Drag, click on the timeline", "Choose a time range; go to that time (Events, I/O streams, machine"
                + " state)"},
            new String[] {"Ctrl+M", "Mark or unmark the selected event (Events); the marked button shows only them"},
            new String[] {"Ctrl+E", "Export the table shown (a view, the event list, the Falco alerts, a machine state"
                + " table or the HTTP requests) as CSV"},
            new String[] {"Ctrl+Shift+C", "Copy the selected rows"},
            new String[] {"Right-click, Menu key", "A row's menu: narrow to it, drill down, follow its stream, copy it"},
            new String[] {"Escape", "Cancel what is being computed"},
            new String[] {"Ctrl+D", "Dark or light theme"},
            new String[] {"Ctrl+W", "Close this capture's tab"},
            new String[] {"Ctrl+O / Ctrl+Shift+O", "Add captures to the store / open captures from disk"},
            new String[] {"F1 or ?", "This list"});

    /** Whether this pane is on screen: it and every node above it visible (its tab the one selected). */
    private boolean shown() {
        for (Node n = this; n != null; n = n.getParent()) {
            if (!n.isVisible()) {
                return false;
            }
        }
        return getScene() != null;
    }

    private void shortcut(KeyEvent e) {
        boolean typing = e.getTarget() instanceof TextInputControl;
        KeyCode k = e.getCode();
        if (e.isShortcutDown()) {
            // Ctrl with Alt is no shortcut of the pane (some keyboards type characters with it), nor
            // is Ctrl+Shift with a key other than C
            if (e.isAltDown() || e.isShiftDown() && k != KeyCode.C) {
                return;
            }
            switch (k) {
                case L -> filterBar.field.requestFocus();
                case DIGIT1 -> vm.showOverview();
                case DIGIT2 -> vm.showView(vm.currentView().id());
                case DIGIT3 -> vm.showEvents();
                case DIGIT4 -> vm.showIo();
                case DIGIT5 -> vm.showLatency(vm.latencyKindProperty().get());
                case DIGIT6 -> vm.showAlerts();
                case DIGIT8 -> vm.showHttp();
                case DIGIT7 -> {
                    // from the event list, the state just after the event selected there
                    long selected = vm.pageProperty().get() == InspectorViewModel.Page.EVENTS
                            ? eventsPage.selectedEventIndex() : -1;
                    if (selected >= 0) {
                        vm.showStateAt(selected);
                    } else {
                        vm.showState();
                    }
                }
                case M -> {
                    if (vm.pageProperty().get() == InspectorViewModel.Page.EVENTS) {
                        eventsPage.toggleMarkSelected();
                    } else {
                        return;
                    }
                }
                case F -> showFind(true);
                case G -> {
                    vm.showEvents();
                    eventsPage.go.requestFocus();
                }
                case R -> vm.resetRange();
                case E -> exportTable(false);
                case D -> ((ToggleButton) lookup("#darkTheme")).fire();
                case C -> {
                    if (e.isShiftDown() && vm.pageProperty().get() == InspectorViewModel.Page.VIEW) {
                        javafx.scene.input.ClipboardContent c = new javafx.scene.input.ClipboardContent();
                        c.putString(viewPage.rowText());
                        javafx.scene.input.Clipboard.getSystemClipboard().setContent(c);
                        int n = viewPage.table.getSelectionModel().getSelectedItems().size();
                        vm.say(n == 1 ? "Copied the selected row" : String.format("Copied the %,d selected rows", n));
                    } else {
                        return;
                    }
                }
                default -> {
                    return;
                }
            }
            e.consume();
            return;
        }
        if (typing) {
            return;
        }
        if (k == KeyCode.BACK_SPACE) {
            vm.back();
            e.consume();
        } else if (k == KeyCode.ESCAPE) {
            cancelAll();
            showFind(false);
            e.consume();
        } else if (k == KeyCode.F1 || "?".equals(e.getText())) {
            showHelp();
            e.consume();
        }
    }

    void showHelp() {
        GridPane grid = new GridPane();
        grid.setId("shortcutList");
        grid.setHgap(18);
        grid.setVgap(6);
        for (int i = 0; i < SHORTCUTS.size(); i++) {
            Label key = new Label(SHORTCUTS.get(i)[0]);
            key.setStyle("-fx-font-weight: bold;");
            grid.add(key, 0, i);
            grid.add(new Label(SHORTCUTS.get(i)[1]), 1, i);
        }
        // where the user's own views and Falco rules are read from, for a capture opened next
        Label folders = new Label("Your own views: " + own.views()
                + "\nYour Falco rules, lists and macros, for filters and the Falco alerts: " + own.rules());
        folders.setId("ownFolders");
        folders.setPadding(new javafx.geometry.Insets(12, 0, 0, 0));
        Alert a = new Alert(Alert.AlertType.INFORMATION, "", ButtonType.CLOSE);
        a.setTitle("Keyboard shortcuts");
        a.setHeaderText("Keyboard shortcuts");
        a.getDialogPane().setContent(new javafx.scene.layout.VBox(grid, folders));
        if (getScene() != null) {
            a.initOwner(getScene().getWindow());
        }
        a.show();
    }

    private void applyTheme(Scene scene) {
        boolean dark = prefs.getBoolean("dark", false);
        scene.getStylesheets().remove(DARK);
        if (dark) {
            scene.getStylesheets().add(DARK);
        }
        timeline.setDark(dark);
        latencyPage.setDark(dark);
    }
}
