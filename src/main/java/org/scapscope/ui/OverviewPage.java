package org.scapscope.ui;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import javafx.geometry.Insets;
import javafx.scene.canvas.Canvas;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.input.KeyCode;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.VBox;
import javafx.scene.paint.Color;
import org.scapscope.view.Overview;
import org.scapscope.view.OverviewTile;
import org.scapscope.view.ViewFormat;

/**
 * The overview: one tile per number about the capture (empty ones left out), grouped by
 * category, each with its total and a sparkline of it over the range; tiles about security,
 * errors and logged problems stand out when they counted something. A click or Enter on a tile
 * opens what it counted.
 */
final class OverviewPage extends ScrollPane {
    private static final List<String> CATEGORIES = List.of("general", "security", "file", "network", "performance",
            "logs", "network apps", "infrastructure");
    /** Tiles that deserve a look whenever they are not zero. */
    private static final Set<String> NOTEWORTHY_CATEGORIES = Set.of("security");

    private final InspectorViewModel vm;
    private final VBox sections = new VBox(14);

    OverviewPage(InspectorViewModel vm) {
        this.vm = vm;
        setId("overviewPage");
        setFitToWidth(true);
        sections.setPadding(new Insets(12));
        setContent(sections);
        vm.overviewProperty().addListener((o, a, b) -> show(b));
        show(vm.overviewProperty().get());
    }

    private void show(Overview.Result r) {
        sections.getChildren().clear();
        if (r == null) {
            // the tiles are being counted (the page is never left blank while they are)
            Label computing = new Label();
            computing.setId("overviewComputing");
            computing.textProperty().bind(javafx.beans.binding.Bindings.when(vm.busyProperty())
                    .then(Placeholder.COMPUTING).otherwise(""));
            sections.getChildren().add(computing);
            return;
        }
        Map<String, FlowPane> byCategory = new LinkedHashMap<>();
        for (String c : CATEGORIES) {
            byCategory.put(c, null);
        }
        for (Overview.TileResult t : r.tiles()) {
            String category = t.tile().category() == null ? "general" : t.tile().category();
            FlowPane pane = byCategory.get(category);
            if (pane == null) {
                pane = new FlowPane(10, 10);
                byCategory.put(category, pane);
            }
            pane.getChildren().add(tile(t));
        }
        for (Map.Entry<String, FlowPane> e : byCategory.entrySet()) {
            if (e.getValue() == null) {
                continue;
            }
            Label title = new Label(e.getKey().substring(0, 1).toUpperCase(Locale.ROOT) + e.getKey().substring(1));
            title.getStyleClass().add("section-title");
            sections.getChildren().addAll(title, e.getValue());
        }
    }

    private VBox tile(Overview.TileResult t) {
        OverviewTile def = t.tile();
        Label title = new Label(def.title());
        title.getStyleClass().add("tile-title");
        Label total = new Label(ViewFormat.tileTotal(def, t.total()));
        total.getStyleClass().add("tile-total");
        Canvas spark = sparkline(t.series());
        VBox box = new VBox(4, title, total, spark);
        box.getStyleClass().add("tile");
        box.setId("tile-" + def.id());
        if (isNoteworthy(t)) {
            box.getStyleClass().add("tile-noteworthy");
        }
        box.setFocusTraversable(true);
        box.setUserData(def);
        // the title first: a long one is cut short on the tile. The tooltip and the menu are
        // popup windows: made when first wanted, not for each of the tens of tiles shown
        CellTips.onFirstHover(box, () -> def.title() + "\n" + def.description()
                + (def.filter() == null ? "" : "\nEvents: " + def.filter()));
        box.setOnMouseClicked(e -> {
            if (e.getButton() == javafx.scene.input.MouseButton.PRIMARY) {
                vm.drillTile(def);
            }
        });
        box.setOnContextMenuRequested(e -> ((javafx.scene.control.ContextMenu) box.getProperties()
                .computeIfAbsent(PIN_MENU, k -> pinMenu(t))).show(box, e.getScreenX(), e.getScreenY()));
        box.setOnKeyPressed(e -> {
            if (e.getCode() == KeyCode.ENTER || e.getCode() == KeyCode.SPACE) {
                vm.drillTile(def);
                e.consume();
            }
        });
        return box;
    }

    /** The key of a tile's menu among its properties. */
    private static final Object PIN_MENU = new Object();

    /** A tile's menu: pin its series to the timeline, or unpin it. */
    private javafx.scene.control.ContextMenu pinMenu(Overview.TileResult t) {
        String id = t.tile().id();
        javafx.scene.control.MenuItem pin = new javafx.scene.control.MenuItem();
        pin.setOnAction(e -> {
            if (vm.pinned().stream().anyMatch(p -> p.id().equals(id))) {
                vm.unpin(id);
            } else {
                vm.pin(t);
            }
        });
        javafx.scene.control.ContextMenu menu = new javafx.scene.control.ContextMenu(pin);
        menu.setOnShowing(e -> pin.setText(vm.pinned().stream().anyMatch(p -> p.id().equals(id))
                ? "Unpin from the timeline" : "Pin to the timeline"));
        return menu;
    }

    /** Security tiles, error counts and logged errors that counted anything. */
    static boolean isNoteworthy(Overview.TileResult t) {
        String id = t.tile().id().toLowerCase(Locale.ROOT);
        return t.total() > 0 && (NOTEWORTHY_CATEGORIES.contains(t.tile().category()) || id.contains("error")
                || id.contains("fail"));
    }

    private static Canvas sparkline(long[] series) {
        double w = 170;
        double h = 30;
        Canvas c = new Canvas(w, h);
        GraphicsContext g = c.getGraphicsContext2D();
        long max = 1;
        for (long v : series) {
            max = Math.max(max, v);
        }
        g.setFill(Color.web("#2f6fb0", 0.18));
        g.setStroke(Color.web("#2f6fb0"));
        g.setLineWidth(1.2);
        int n = series.length;
        g.beginPath();
        g.moveTo(0, h);
        for (int i = 0; i < n; i++) {
            double x = n == 1 ? w : i * w / (n - 1);
            g.lineTo(x, h - 1 - (h - 3) * series[i] / max);
        }
        g.lineTo(w, h);
        g.closePath();
        g.fill();
        g.beginPath();
        for (int i = 0; i < n; i++) {
            double x = n == 1 ? w : i * w / (n - 1);
            double y = h - 1 - (h - 3) * series[i] / max;
            if (i == 0) {
                g.moveTo(x, y);
            } else {
                g.lineTo(x, y);
            }
        }
        g.stroke();
        return c;
    }
}
