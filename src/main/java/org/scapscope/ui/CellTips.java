package org.scapscope.ui;

import javafx.scene.control.Control;
import javafx.scene.control.Tooltip;
import javafx.scene.input.MouseEvent;

/**
 * Tooltips of table cells, and of other nodes shown by the tens, made when the pointer comes onto
 * one rather than each time a cell is filled: a table shown or scrolled fills hundreds of cells,
 * and a tooltip is a popup window of its own with styles to apply. A cell keeps one tooltip once
 * made, and changes its text.
 */
final class CellTips {
    /** The key of a cell's tooltip text among its properties. */
    private static final Object TEXT = new Object();
    /** The key of a cell's tooltip, once made, among its properties. */
    private static final Object TIP = new Object();
    /** The value that says a cell has no tooltip (properties cannot hold null). */
    private static final String NONE = "";

    private CellTips() {
    }

    /** Gives {@code cell} the tooltip {@code text}, or none when {@code text} is null or empty. */
    static void set(Control cell, String text) {
        String t = text == null ? NONE : text;
        if (cell.getProperties().put(TEXT, t) == null) {
            cell.addEventHandler(MouseEvent.MOUSE_ENTERED, e -> show(cell));
        }
        if (cell.getTooltip() != null) {
            show(cell);
        }
    }

    /**
     * Gives {@code node}, which is not a control, the tooltip {@code text} tells, made when the
     * pointer first comes onto it.
     */
    static void onFirstHover(javafx.scene.Node node, java.util.function.Supplier<String> text) {
        node.addEventHandler(MouseEvent.MOUSE_ENTERED, new javafx.event.EventHandler<>() {
            @Override
            public void handle(MouseEvent e) {
                node.removeEventHandler(MouseEvent.MOUSE_ENTERED, this);
                Tooltip.install(node, new Tooltip(text.get()));
            }
        });
    }

    /** Makes the cell's tooltip what its text now says, making the tooltip on first need. */
    private static void show(Control cell) {
        Object t = cell.getProperties().get(TEXT);
        if (!(t instanceof String s) || s.isEmpty()) {
            cell.setTooltip(null);
            return;
        }
        Tooltip tip = (Tooltip) cell.getProperties().get(TIP);
        if (tip == null) {
            tip = new Tooltip();
            cell.getProperties().put(TIP, tip);
        }
        tip.setText(s);
        if (cell.getTooltip() != tip) {
            cell.setTooltip(tip);
        }
    }
}
