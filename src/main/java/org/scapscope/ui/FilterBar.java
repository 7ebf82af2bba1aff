package org.scapscope.ui;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.TreeSet;
import java.util.prefs.BackingStoreException;
import java.util.prefs.Preferences;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.geometry.Side;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.ContextMenu;
import javafx.scene.control.CustomMenuItem;
import javafx.scene.control.Label;
import javafx.scene.control.MenuButton;
import javafx.scene.control.MenuItem;
import javafx.scene.control.SeparatorMenuItem;
import javafx.scene.control.TextField;
import javafx.scene.control.Tooltip;
import javafx.scene.input.KeyCode;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.scene.text.Text;
import javafx.scene.text.TextFlow;
import org.scapscope.field.FieldInfo;
import org.scapscope.field.FieldRegistry;

/**
 * The filter field: sysdig/Falco filter expressions, checked as they are typed (the part that is
 * wrong underlined, with what is wrong), applied with Enter; completion of field names, operators
 * and values seen in the capture (Ctrl+Space); the filters applied
 * before, and filters saved by name.
 */
final class FilterBar extends VBox {
    private static final List<String> OPERATORS = List.of("=", "!=", "<", "<=", ">", ">=", "contains", "icontains",
            "startswith", "endswith", "glob", "in", "exists", "pmatch", "and", "or", "not");
    private static final int MAX_SUGGESTIONS = 14;

    final TextField field = new TextField();
    private final InspectorViewModel vm;
    private final TextFlow problem = new TextFlow();
    final ContextMenu suggestions = new ContextMenu();
    private final Preferences saved;
    private final ValueSource values;

    /** Values seen in the capture for a field, for completion. */
    @FunctionalInterface
    interface ValueSource {
        List<String> valuesOf(String field);
    }

    FilterBar(InspectorViewModel vm, Preferences saved, ValueSource values) {
        this.vm = vm;
        this.saved = saved;
        this.values = values;
        field.setId("filterField");
        field.setPromptText("Filter, as in sysdig and Falco: proc.name = curl and fd.type = ipv4   (Enter applies, Ctrl+Space completes)");
        field.textProperty().bindBidirectional(vm.filterTextProperty());
        HBox.setHgrow(field, Priority.ALWAYS);
        // with completions offered, Enter takes the first (Down moves into the list for another):
        // the list has the keys while it shows, and gives Enter to the item it has moved to, if any
        suggestions.addEventFilter(javafx.scene.input.KeyEvent.KEY_PRESSED, e -> {
            Node focused = suggestions.getScene() == null ? null : suggestions.getScene().getFocusOwner();
            boolean onItem = focused != null && focused.getStyleClass().contains("menu-item");
            if (e.getCode() == KeyCode.ENTER && !onItem && firstOffer != null) {
                e.consume();
                insert(firstOffer);
            }
        });
        field.setOnAction(e -> {
            if (suggestions.isShowing() && firstOffer != null) {
                insert(firstOffer);
            } else {
                apply();
            }
        });
        field.setOnKeyPressed(e -> {
            if (e.getCode() == KeyCode.SPACE && e.isShortcutDown()) {
                complete();
                e.consume();
            } else if (e.getCode() == KeyCode.ESCAPE) {
                suggestions.hide();
            }
        });
        // Ctrl+Space asks for completion; it types no space
        field.addEventFilter(javafx.scene.input.KeyEvent.KEY_TYPED, e -> {
            if (e.isShortcutDown() && " ".equals(e.getCharacter())) {
                e.consume();
            }
        });
        // what was offered no longer fits once the text changes
        field.textProperty().addListener((o, a, b) -> suggestions.hide());
        Button apply = new Button("Apply");
        apply.setId("applyFilter");
        apply.setOnAction(e -> apply());
        Button clear = new Button("Clear");
        clear.setId("clearFilter");
        clear.setTooltip(new Tooltip("Remove the filter"));
        clear.setOnAction(e -> vm.clearFilter());
        MenuButton more = new MenuButton("Filters");
        more.setId("filterMenu");
        more.setOnShowing(e -> fillMenu(more));
        Label title = new Label("Filter");
        title.getStyleClass().add("pane-title");
        HBox row = new HBox(8, title, field, apply, clear, more);
        row.setAlignment(Pos.CENTER_LEFT);
        problem.setId("filterProblem");
        problem.getStyleClass().add("filter-problem");
        // the line lies over what is below the bar (the top of the timeline) rather than pushing it
        // down: the filter is checked at every key, and the page must not jump up and down as an
        // expression being typed turns right and wrong
        problem.setManaged(false);
        problem.setMouseTransparent(true); // the timeline below still takes drags and clicks
        problem.setVisible(false);
        setViewOrder(-1);
        getChildren().addAll(row, problem);
        setPadding(new Insets(6, 10, 6, 10));
        vm.filterProblemProperty().addListener((o, a, p) -> showProblem(p));
        // the same problem at the same place still shows the text as it now reads
        field.textProperty().addListener((o, a, b) -> showProblem(vm.filterProblemProperty().get()));
    }

    @Override
    protected void layoutChildren() {
        super.layoutChildren();
        // just under the field's row, as wide as the bar, over the top of what follows
        Node row = getChildren().get(0);
        double width = getWidth();
        double height = problem.prefHeight(width);
        problem.resizeRelocate(0, row.getBoundsInParent().getMaxY(), width, height);
    }

    private void apply() {
        suggestions.hide();
        vm.applyFilter();
    }

    /** Shows the expression with the wrong part underlined in red, and what is wrong. */
    private void showProblem(InspectorViewModel.FilterProblem p) {
        field.pseudoClassStateChanged(javafx.css.PseudoClass.getPseudoClass("error"), p != null);
        if (p == null) {
            problem.setVisible(false);
            problem.getChildren().clear();
            return;
        }
        String text = field.getText();
        int start = Math.min(p.start(), text.length());
        int end = Math.max(start, Math.min(p.end(), text.length()));
        Text before = new Text(text.substring(0, start));
        Text wrong = new Text(end > start ? text.substring(start, end) : " ");
        wrong.setUnderline(true);
        wrong.getStyleClass().add("filter-wrong");
        Text after = new Text(text.substring(end) + "   ");
        Text message = new Text("— " + p.message());
        message.getStyleClass().add("filter-message");
        for (Text t : List.of(before, wrong, after)) {
            t.getStyleClass().add("filter-echo");
        }
        problem.getChildren().setAll(before, wrong, after, message);
        problem.setVisible(true);
    }

    /** Adds a condition to the filter being typed, and applies it. */
    void append(String condition) {
        String now = field.getText() == null ? "" : field.getText().strip();
        field.setText(now.isEmpty() ? condition : "(" + now + ") and " + condition);
        apply();
    }

    /** {@code field = value}, the value quoted when it is not a plain word or number. */
    static String condition(String field, String value) {
        return field + " = " + org.scapscope.filter.FilterParser.literal(value);
    }

    // ------------------------------------------------------------------------------------ completion

    /** The word being typed at the caret: where it starts. */
    private int wordStart() {
        String t = field.getText();
        int caret = Math.min(field.getCaretPosition(), t.length());
        int s = caret;
        while (s > 0 && !Character.isWhitespace(t.charAt(s - 1)) && t.charAt(s - 1) != '(') {
            s--;
        }
        return s;
    }

    /** What to offer at the caret: field names, then operators after a field, then values after an operator. */
    List<String> suggestionsAtCaret() {
        String t = field.getText() == null ? "" : field.getText();
        int caret = Math.min(field.getCaretPosition(), t.length());
        int start = wordStart();
        String word = t.substring(start, caret).toLowerCase(Locale.ROOT);
        String[] before = t.substring(0, start).strip().split("\\s+");
        String previous = before.length == 0 ? "" : before[before.length - 1];
        String beforePrevious = before.length < 2 ? "" : before[before.length - 2];
        List<String> out = new ArrayList<>();
        if (!previous.isEmpty() && FieldRegistry.get().info(stripArgument(previous)) != null) {
            for (String op : OPERATORS) {
                if (op.startsWith(word) && !op.equals("and") && !op.equals("or") && !op.equals("not")) {
                    out.add(op);
                }
            }
            return out;
        }
        if (OPERATORS.contains(previous) && FieldRegistry.get().info(stripArgument(beforePrevious)) != null
                && !previous.equals("and") && !previous.equals("or") && !previous.equals("not")) {
            for (String v : values.valuesOf(stripArgument(beforePrevious))) {
                if (v.toLowerCase(Locale.ROOT).startsWith(word.replace("\"", ""))) {
                    out.add(org.scapscope.filter.FilterParser.literal(v));
                }
                if (out.size() == MAX_SUGGESTIONS) {
                    break;
                }
            }
            return out;
        }
        if (insideValueList(t.substring(0, start))) {
            // among the values of in (...), intersects (...) and pmatch (...): the lists of the rules
            for (String n : vm.listNames()) {
                if (n.toLowerCase(Locale.ROOT).startsWith(word) && out.size() < MAX_SUGGESTIONS) {
                    out.add(n);
                }
            }
            return out;
        }
        if (word.isEmpty()) {
            return out;
        }
        TreeSet<String> names = new TreeSet<>();
        for (FieldInfo f : FieldRegistry.get().fields()) {
            if (f.name().startsWith(word)) {
                names.add(f.name());
            }
        }
        // the Falco macros of the user's rules files, which stand where a field would
        for (String n : vm.macroNames()) {
            if (n.toLowerCase(Locale.ROOT).startsWith(word)) {
                names.add(n);
            }
        }
        for (String n : names) {
            out.add(n);
            if (out.size() == MAX_SUGGESTIONS) {
                break;
            }
        }
        return out;
    }

    /**
     * Whether the text before a word leaves it among the values of {@code in (...)},
     * {@code intersects (...)} or {@code pmatch (...)}: inside a parenthesis opened right after one
     * of them and not yet closed.
     */
    static boolean insideValueList(String before) {
        int depth = 0;
        for (int i = before.length() - 1; i >= 0; i--) {
            char c = before.charAt(i);
            if (c == ')') {
                depth++;
            } else if (c == '(') {
                if (depth > 0) {
                    depth--;
                    continue;
                }
                String head = before.substring(0, i).stripTrailing().toLowerCase(Locale.ROOT);
                return head.endsWith(" in") || head.endsWith(" intersects") || head.endsWith(" pmatch")
                        || head.equals("in") || head.endsWith(")in");
            }
        }
        return false;
    }

    private static String stripArgument(String name) {
        int b = name.indexOf('[');
        return b > 0 ? name.substring(0, b) : name;
    }

    /** The first of the completions offered, which Enter takes. */
    private String firstOffer;

    private void complete() {
        List<String> offer = suggestionsAtCaret();
        int start = wordStart();
        if (offer.isEmpty()) {
            suggestions.hide();
            return;
        }
        List<MenuItem> items = new ArrayList<>();
        for (String s : offer) {
            Label l = new Label(s);
            FieldInfo info = FieldRegistry.get().info(s);
            if (info != null) {
                l.setTooltip(new Tooltip(info.description()));
            }
            CustomMenuItem item = new CustomMenuItem(l, true);
            item.setOnAction(e -> insert(s));
            items.add(item);
        }
        suggestions.hide();
        firstOffer = offer.get(0);
        suggestions.getItems().setAll(items);
        if (field.getScene() != null && field.getScene().getWindow() != null) {
            suggestions.show(field, Side.BOTTOM, Math.min(field.getWidth() - 40, start * 7.0), 0);
        }
    }

    /** Puts {@code s} in place of the word at the caret, then a space. */
    private void insert(String s) {
        String t = field.getText();
        int start = wordStart();
        int caret = Math.min(field.getCaretPosition(), t.length());
        String text = t.substring(0, start) + s + " " + t.substring(caret);
        field.setText(text);
        field.positionCaret(start + s.length() + 1);
        suggestions.hide();
    }

    // ------------------------------------------------------------------------------------ history and saved

    /** Keeps a filter under a name, or says why it cannot be kept: the settings store has limits. */
    void save(String name, String expression) {
        if (name.length() > java.util.prefs.Preferences.MAX_KEY_LENGTH) {
            vm.say(String.format("Not saved: a filter's name may have %d characters at most; this one has %d",
                    java.util.prefs.Preferences.MAX_KEY_LENGTH, name.length()));
            return;
        }
        if (expression.length() > java.util.prefs.Preferences.MAX_VALUE_LENGTH) {
            vm.say(String.format("Not saved: a saved filter may have %,d characters at most; this one has %,d",
                    java.util.prefs.Preferences.MAX_VALUE_LENGTH, expression.length()));
            return;
        }
        saved.put(name, expression);
        vm.say("Saved the filter as " + name);
    }

    private void fillMenu(MenuButton menu) {
        List<MenuItem> items = new ArrayList<>();
        MenuItem save = new MenuItem("Save this filter…");
        save.setId("saveFilter");
        save.setDisable(vm.appliedFilterProperty().get().isBlank());
        save.setOnAction(e -> {
            javafx.scene.control.TextInputDialog d = new javafx.scene.control.TextInputDialog();
            d.setTitle("Save filter");
            d.setHeaderText("A name for " + vm.appliedFilterProperty().get());
            d.initOwner(getScene().getWindow());
            d.showAndWait().map(String::strip).filter(n -> !n.isEmpty())
                    .ifPresent(n -> save(n, vm.appliedFilterProperty().get()));
        });
        items.add(save);
        List<String> names = savedNames();
        if (!names.isEmpty()) {
            items.add(new SeparatorMenuItem());
            for (String n : names) {
                String expression = saved.get(n, "");
                MenuItem i = new MenuItem(n + "    " + expression);
                i.setMnemonicParsing(false); // a filter's underscores (epoll_wait) are no mnemonics
                i.setOnAction(e -> {
                    field.setText(expression);
                    apply();
                });
                items.add(i);
            }
        }
        List<String> recent = vm.filterHistory();
        if (!recent.isEmpty()) {
            items.add(new SeparatorMenuItem());
            for (String r : recent.subList(0, Math.min(15, recent.size()))) {
                MenuItem i = new MenuItem(r);
                i.setMnemonicParsing(false);
                i.setOnAction(e -> {
                    field.setText(r);
                    apply();
                });
                items.add(i);
            }
        }
        menu.getItems().setAll(items);
    }

    List<String> savedNames() {
        try {
            return List.of(saved.keys());
        } catch (BackingStoreException e) {
            return List.of();
        }
    }
}
