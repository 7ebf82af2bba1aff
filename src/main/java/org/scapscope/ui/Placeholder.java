package org.scapscope.ui;

import javafx.beans.binding.Bindings;
import javafx.scene.control.Label;

/** What an empty table or list of the inspector says: that its content is being computed, or that there is none. */
final class Placeholder {
    static final String COMPUTING = "Computing… (Escape cancels)";

    private Placeholder() {
    }

    static Label of(InspectorViewModel vm, String none) {
        Label l = new Label();
        l.textProperty().bind(Bindings.when(vm.busyProperty()).then(COMPUTING).otherwise(none));
        return l;
    }
}
