package org.scapscope.ui;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import javafx.event.ActionEvent;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonType;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ColorPicker;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.TextField;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.scene.paint.Color;

/**
 * Edits the colouring rules of the event list: each a name, a filter and a colour, used or not,
 * in the order they are tried. A filter that does not compile keeps the dialog open, saying which
 * rule and why.
 */
final class ColorRulesDialog extends Dialog<List<ColorRule>> {
    private final VBox rows = new VBox(6);
    final Label problem = new Label();
    private final Function<String, String> check;

    /** {@code check} says what is wrong with a filter, or null when it compiles. */
    ColorRulesDialog(List<ColorRule> rules, Function<String, String> check) {
        this.check = check;
        setTitle("Colouring rules");
        setHeaderText("A row of the event list takes the colour of the first rule whose filter selects its event");
        setResizable(true);
        rows.setId("colorRuleRows");
        for (ColorRule r : rules) {
            addRow(r);
        }
        Button add = new Button("Add a rule");
        add.setId("addColorRule");
        add.setOnAction(e -> addRow(new ColorRule("New rule", "", "#fff3b0", true)));
        // the event list colours by at most ColorRule.MAX rules
        add.disableProperty().bind(javafx.beans.binding.Bindings.size(rows.getChildren()).greaterThanOrEqualTo(
                ColorRule.MAX));
        Button defaults = new Button("Back to the defaults");
        defaults.setOnAction(e -> {
            rows.getChildren().clear();
            ColorRule.DEFAULTS.forEach(this::addRow);
        });
        problem.setId("colorRuleProblem");
        problem.getStyleClass().add("capture-warning");
        problem.setWrapText(true);
        ScrollPane scroll = new ScrollPane(rows);
        scroll.setFitToWidth(true);
        scroll.setPrefViewportHeight(240);
        VBox content = new VBox(8, scroll, new HBox(8, add, defaults), problem);
        content.setPadding(new Insets(4));
        content.setPrefWidth(820);
        getDialogPane().setContent(content);
        getDialogPane().getButtonTypes().addAll(ButtonType.OK, ButtonType.CANCEL);
        getDialogPane().lookupButton(ButtonType.OK).addEventFilter(ActionEvent.ACTION, e -> {
            String wrong = firstProblem();
            if (wrong != null) {
                problem.setText(wrong);
                e.consume();
            }
        });
        setResultConverter(b -> b == ButtonType.OK ? rules() : null);
    }

    private void addRow(ColorRule r) {
        CheckBox on = new CheckBox();
        on.setSelected(r.on());
        on.setTooltip(new Tooltip("Use this rule"));
        TextField name = new TextField(r.name());
        name.setPrefColumnCount(12);
        TextField filter = new TextField(r.filter());
        filter.setPromptText("a filter: proc.name = nginx and evt.type = open");
        HBox.setHgrow(filter, Priority.ALWAYS);
        ColorPicker color = new ColorPicker(Color.web(r.color()));
        color.setPrefWidth(110);
        Button up = new Button("↑");
        up.setTooltip(new Tooltip("Try this rule before the one above"));
        Button remove = new Button("✕");
        remove.setTooltip(new Tooltip("Remove this rule"));
        HBox row = new HBox(6, on, name, filter, color, up, remove);
        row.setAlignment(Pos.CENTER_LEFT);
        row.setUserData(new Object[] {on, name, filter, color});
        up.setOnAction(e -> {
            int i = rows.getChildren().indexOf(row);
            if (i > 0) {
                rows.getChildren().remove(i);
                rows.getChildren().add(i - 1, row);
            }
        });
        remove.setOnAction(e -> rows.getChildren().remove(row));
        rows.getChildren().add(row);
    }

    /** The rules as edited, in order. */
    List<ColorRule> rules() {
        List<ColorRule> out = new ArrayList<>();
        for (var n : rows.getChildren()) {
            Object[] parts = (Object[]) n.getUserData();
            Color c = ((ColorPicker) parts[3]).getValue();
            out.add(new ColorRule(((TextField) parts[1]).getText().strip(), ((TextField) parts[2]).getText().strip(),
                    String.format(Locale.ROOT, "#%02x%02x%02x", Math.round(c.getRed() * 255),
                            Math.round(c.getGreen() * 255), Math.round(c.getBlue() * 255)),
                    ((CheckBox) parts[0]).isSelected()));
        }
        return out;
    }

    /** What is wrong with the first rule in use that is wrong, naming it; null when none is. */
    String firstProblem() {
        for (ColorRule r : rules()) {
            if (!r.on()) {
                continue;
            }
            if (r.filter().isEmpty()) {
                return "The rule " + (r.name().isEmpty() ? "with no name" : r.name()) + " has no filter";
            }
            String wrong = check.apply(r.filter());
            if (wrong != null) {
                return "The filter of " + (r.name().isEmpty() ? "a rule" : r.name()) + " is wrong: " + wrong;
            }
        }
        return null;
    }
}
