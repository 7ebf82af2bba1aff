package org.scapscope.ui;

import javafx.beans.binding.Bindings;
import javafx.scene.control.Label;

/**
 * What an empty table or list of the inspector says: that its content is being computed, or that
 * there is none, and why: the filter or the time range, or the capture itself holding nothing of
 * the kind (a capture of internal events only shows no events, as sysdig shows none).
 */
final class Placeholder {
    static final String COMPUTING = "Computing… (Escape cancels)";

    private Placeholder() {
    }

    /**
     * {@code narrowed}: said while a filter, a drill-down step or a time range is in effect;
     * {@code whole}: said of the whole capture with none.
     */
    static Label of(InspectorViewModel vm, String narrowed, String whole) {
        Label l = new Label();
        l.setWrapText(true);
        l.setMaxWidth(640);
        l.textProperty().bind(Bindings.createStringBinding(() -> vm.busyProperty().get() ? COMPUTING
                : vm.isNarrowed() ? narrowed + " Narrowed by " + vm.narrowedBy() + "." : whole,
                vm.busyProperty(), vm.appliedFilterProperty(), vm.steps(), vm.rangeFromProperty(),
                vm.rangeToProperty()));
        return l;
    }
}
