package org.scapscope.ui;

import java.util.List;
import javafx.scene.Node;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.skin.TableColumnHeader;
import javafx.scene.input.MouseButton;
import javafx.scene.input.MouseEvent;

/**
 * Columns of measures (bytes, time, counts) that sort biggest first on their header's first click,
 * then smallest first, and so on: the top talker, the largest capture, is one click away. Other
 * columns sort as tables do.
 */
final class MeasureFirst {
    /** The key, among a column's properties, of whether it holds measures. */
    private static final Object MEASURE = new Object();

    private MeasureFirst() {
    }

    /** Says whether a column holds measures. */
    static void mark(TableColumn<?, ?> column, boolean measure) {
        column.getProperties().put(MEASURE, measure);
    }

    /** Makes the marked columns of a table sort biggest first. */
    static <S> void install(TableView<S> table) {
        table.addEventFilter(MouseEvent.MOUSE_RELEASED, e -> clicked(table, e));
    }

    private static <S> void clicked(TableView<S> table, MouseEvent e) {
        if (e.getButton() != MouseButton.PRIMARY || !e.isStillSincePress() || e.isShiftDown()) {
            return;
        }
        Node n = e.getPickResult().getIntersectedNode();
        while (n != null && n != table && !(n instanceof TableColumnHeader)) {
            n = n.getParent();
        }
        if (!(n instanceof TableColumnHeader header) || !(header.getTableColumn() instanceof TableColumn<?, ?> column)
                || !Boolean.TRUE.equals(column.getProperties().get(MEASURE)) || !column.isSortable()
                || column.getTableView() != table) {
            return;
        }
        @SuppressWarnings("unchecked")
        TableColumn<S, ?> c = (TableColumn<S, ?>) column;
        boolean sortedAlone = table.getSortOrder().size() == 1 && table.getSortOrder().get(0) == c;
        c.setSortType(sortedAlone && c.getSortType() == TableColumn.SortType.DESCENDING
                ? TableColumn.SortType.ASCENDING : TableColumn.SortType.DESCENDING);
        if (!sortedAlone) {
            table.getSortOrder().setAll(List.of(c));
        }
        e.consume();
    }
}
