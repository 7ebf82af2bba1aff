package org.scapscope.ui;

import java.nio.file.Path;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.collections.FXCollections;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.Label;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.stage.FileChooser;
import javafx.util.StringConverter;
import org.scapscope.view.Alerts;

/**
 * The alerts of the Falco rules (those of the user's rules folder, and files loaded in the tab),
 * as Falco reading the capture would give them: a row per alert, the most urgent ones coloured. A
 * double-click or Enter shows the alert's event among all the events.
 */
final class AlertsPage extends VBox {
    private final InspectorViewModel vm;
    private final Path rulesFolder;
    final TableView<Alerts.Alert> table = new TableView<>();
    /** The rules that gave alerts, with how many each, most first; the first row (no rule) stands for all of them. */
    final TableView<Alerts.RuleTotal> byRule = new TableView<>();
    /** The alerts shown, all of them or those of the rule picked. */
    private javafx.collections.transformation.FilteredList<Alerts.Alert> shown;
    final Label summary = new Label();
    final Label problems = new Label();
    final ChoiceBox<Alerts.Priority> minimum = new ChoiceBox<>();
    final Button load = new Button("Load rules file…");
    private java.util.function.Consumer<Alerts.Alert> onOpen = a -> { };
    /** Where rules files are chosen from when no dialog is wanted (tests); null: ask with a file chooser. */
    private java.util.function.Supplier<Path> chooser;

    AlertsPage(InspectorViewModel vm, ZoneId zone, Path rulesFolder) {
        this.vm = vm;
        this.rulesFolder = rulesFolder;
        setId("alertsPage");
        summary.setId("alertsSummary");
        minimum.setId("alertsPriority");
        minimum.getItems().add(null);
        minimum.getItems().addAll(Alerts.Priority.values());
        minimum.setConverter(new StringConverter<>() {
            @Override
            public String toString(Alerts.Priority p) {
                return p == null ? "Any" : p.title() + (p == Alerts.Priority.DEBUG ? "" : " and above");
            }

            @Override
            public Alerts.Priority fromString(String s) {
                return null;
            }
        });
        minimum.setValue(vm.alertsMinimumProperty().get());
        minimum.valueProperty().addListener((o, a, b) -> vm.setAlertsMinimum(b));
        load.setId("loadRules");
        load.setOnAction(e -> loadRules());
        Region grow = new Region();
        HBox.setHgrow(grow, Priority.ALWAYS);
        HBox bar = new HBox(10, summary, grow, new Label("Priority"), minimum, load);
        bar.setAlignment(Pos.CENTER_LEFT);
        bar.setPadding(new Insets(6, 10, 6, 10));
        problems.setId("alertsProblems");
        problems.setTextOverrun(javafx.scene.control.OverrunStyle.ELLIPSIS);
        problems.getStyleClass().add("capture-warning");
        problems.setPadding(new Insets(0, 10, 6, 10));
        problems.managedProperty().bind(problems.visibleProperty());
        problems.setVisible(false);

        DateTimeFormatter clock = DateTimeFormatter.ofPattern("HH:mm:ss.SSSSSSSSS").withZone(zone);
        table.setId("alertsTable");
        TableColumn<Alerts.Alert, Long> time = Columns.time("Time", Alerts.Alert::ts, clock);
        TableColumn<Alerts.Alert, Alerts.Priority> priority = new TableColumn<>("Priority");
        priority.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(c.getValue().priority()));
        priority.setComparator(Enum::compareTo);
        priority.setCellFactory(c -> new TableCell<>() {
            @Override
            protected void updateItem(Alerts.Priority p, boolean empty) {
                super.updateItem(p, empty);
                getStyleClass().removeIf(s -> s.startsWith("priority-"));
                setText(empty || p == null ? null : p.title());
                if (!empty && p != null) {
                    getStyleClass().add("priority-" + (p.compareTo(Alerts.Priority.ERROR) <= 0 ? "high"
                            : p == Alerts.Priority.WARNING ? "warning" : "low"));
                }
            }
        });
        priority.setPrefWidth(105);
        TableColumn<Alerts.Alert, String> rule = new TableColumn<>("Rule");
        rule.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(c.getValue().rule()));
        rule.setPrefWidth(200);
        TableColumn<Alerts.Alert, String> output = new TableColumn<>("Output");
        output.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(c.getValue().output()));
        output.setCellFactory(c -> new TableCell<>() {
            @Override
            protected void updateItem(String text, boolean empty) {
                super.updateItem(text, empty);
                setText(empty ? null : text);
                // the whole output, however narrow the column
                CellTips.set(this, empty ? null : text);
            }
        });

        TableColumn<Alerts.Alert, Long> number = new TableColumn<>("#");
        number.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(c.getValue().eventIndex() + 1));
        number.setStyle("-fx-alignment: CENTER-RIGHT;");
        number.setPrefWidth(70);
        table.getColumns().addAll(java.util.List.of(time, number, priority, rule, output));
        // the output takes the width the other columns leave, and is never narrower than 300 pixels
        output.prefWidthProperty().bind(javafx.beans.binding.Bindings.createDoubleBinding(() -> Math.max(300,
                table.getWidth() - time.getWidth() - number.getWidth() - priority.getWidth() - rule.getWidth() - 20),
                table.widthProperty(), time.widthProperty(), number.widthProperty(), priority.widthProperty(),
                rule.widthProperty()));
        Columns.openOnDoubleClickOrEnter(table, a -> onOpen.accept(a));
        byRule.setId("alertsByRule");
        // the alerts beside it say why there are none
        byRule.setPlaceholder(new Label(""));
        TableColumn<Alerts.RuleTotal, String> ruleName = new TableColumn<>("Rule");
        ruleName.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(c.getValue().rule() == null ? "All rules"
                : c.getValue().rule()));
        ruleName.setPrefWidth(230);
        ruleName.setSortable(false);
        TableColumn<Alerts.RuleTotal, Long> ruleCount = new TableColumn<>("Alerts");
        ruleCount.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(c.getValue().alerts()));
        ruleCount.setStyle("-fx-alignment: CENTER-RIGHT;");
        ruleCount.setPrefWidth(84);
        ruleCount.setSortable(false);
        byRule.getColumns().addAll(java.util.List.of(ruleName, ruleCount));
        byRule.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        byRule.getSelectionModel().selectedItemProperty().addListener((o, a, b) -> {
            String picked = b == null ? null : b.rule();
            if (shown != null) {
                shown.setPredicate(picked == null ? null : alert -> alert.rule().equals(picked));
            }
        });
        javafx.scene.control.SplitPane split = new javafx.scene.control.SplitPane(byRule, table);
        split.setDividerPositions(0.2);
        javafx.scene.control.SplitPane.setResizableWithParent(byRule, false);
        VBox.setVgrow(split, Priority.ALWAYS);
        getChildren().addAll(bar, problems, split);
        vm.alertsProperty().addListener((o, a, b) -> show(b));
        vm.busyProperty().addListener((o, a, b) -> describe(vm.alertsProperty().get()));
        show(vm.alertsProperty().get());
    }

    /** What a double-click or Enter on an alert does with it. */
    void setOnOpen(java.util.function.Consumer<Alerts.Alert> open) {
        this.onOpen = open;
    }

    /** Rules files are taken from {@code chooser} instead of a dialog (tests). */
    void setChooser(java.util.function.Supplier<Path> chooser) {
        this.chooser = chooser;
    }

    /** Shows new alerts: their rows (the selection and scrolling start again), what they are, and the rules left out. */
    private void show(Alerts.Result r) {
        shown = new javafx.collections.transformation.FilteredList<>(r == null ? FXCollections.observableArrayList()
                : FXCollections.observableArrayList(r.alerts()));
        // sorted by a click on a column's header, over the alerts of the rule picked
        javafx.collections.transformation.SortedList<Alerts.Alert> sorted =
                new javafx.collections.transformation.SortedList<>(shown);
        sorted.comparatorProperty().bind(table.comparatorProperty());
        table.setItems(sorted);
        // how many alerts each rule gave in all, the alerts kept being the first ones when there were many
        java.util.List<Alerts.RuleTotal> rows = new java.util.ArrayList<>(r == null ? java.util.List.of() : r.totals());
        rows.sort((x, y) -> Long.compare(y.alerts(), x.alerts()));
        if (r != null && r.total() > 0) {
            rows.add(0, new Alerts.RuleTotal(null, null, r.total()));
        }
        byRule.getItems().setAll(rows);
        if (r != null) {
            // a line naming the rules left out; why, a rule a line, when pointed at
            java.util.List<String> names = new java.util.ArrayList<>();
            for (String p : r.problems()) {
                // "rule NAME (FILE): why": the name may hold " (" itself, the file seldom does
                int end = p.indexOf("): ");
                int open = end < 0 ? -1 : p.lastIndexOf(" (", end);
                names.add(p.startsWith("rule ") && open > 5 ? p.substring(5, open) : p);
            }
            problems.setText(r.problems().isEmpty() ? "" : (names.size() == 1 ? "1 rule left out"
                    : names.size() + " rules left out") + " (point here for why): " + String.join(", ", names));
            problems.setTooltip(r.problems().isEmpty() ? null : new javafx.scene.control.Tooltip(
                    String.join("\n", r.problems())));
            problems.setVisible(!r.problems().isEmpty());
        }
        describe(r);
    }

    /** Says what the alerts shown are, or why there are none: the rows stay as they are. */
    private void describe(Alerts.Result r) {
        boolean noRules = vm.rules().rules().isEmpty();
        if (r == null) {
            summary.setText(vm.busyProperty().get() ? Placeholder.COMPUTING : "");
        } else {
            summary.setText(String.format("%,d %s from %,d %s tried%s", r.total(),
                    r.total() == 1 ? "alert" : "alerts", r.rulesTried(), r.rulesTried() == 1 ? "rule" : "rules",
                    r.cut() ? String.format(" (the first %,d shown; narrow the filter or the range for the rest)",
                            r.alerts().size()) : ""));
        }
        Label empty = new Label(noRules
                ? "No Falco rules to try. Put rules files (.yaml) in " + rulesFolder + ", or load one with Load rules file…"
                : r == null ? "" : r.rulesTried() == 0 ? "No rule to try: every rule is off, of another source, below the"
                        + " priority chosen, or left out (see above)."
                        : "No rule matched an event" + (vm.isNarrowed() ? " of " + vm.narrowedBy() : "") + ".");
        empty.setWrapText(true);
        empty.setId("alertsEmpty");
        table.setPlaceholder(empty);
    }

    private void loadRules() {
        Path file;
        if (chooser != null) {
            file = chooser.get();
        } else {
            FileChooser fc = new FileChooser();
            fc.setTitle("Load a Falco rules file");
            fc.getExtensionFilters().addAll(new FileChooser.ExtensionFilter("Falco rules (*.yaml, *.yml)", "*.yaml",
                    "*.yml"), new FileChooser.ExtensionFilter("All files", "*"));
            if (java.nio.file.Files.isDirectory(rulesFolder)) {
                fc.setInitialDirectory(rulesFolder.toFile());
            }
            java.io.File f = fc.showOpenDialog(getScene() == null ? null : getScene().getWindow());
            file = f == null ? null : f.toPath();
        }
        if (file != null) {
            String wrong = vm.loadRules(file);
            if (wrong != null) {
                problems.setText(wrong.toLowerCase(Locale.ROOT).startsWith("rules file") ? "Not loaded: " + wrong : wrong);
                problems.setVisible(true);
            } else if (vm.pageProperty().get() != InspectorViewModel.Page.ALERTS) {
                vm.showAlerts();
            }
        }
    }
}
