package org.scapscope.ui;

import java.nio.file.Path;
import java.util.List;
import javafx.geometry.Insets;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.Priority;
import org.scapscope.store.CaptureMetadata;
import org.scapscope.store.Trigger;

/** Asks what to record with captures being added to a store: name, host, trigger and container. */
final class AddCaptureDialog extends Dialog<CaptureMetadata> {
    final TextField name = new TextField();
    final TextField host = new TextField();
    final TextField trigger = new TextField();
    final TextField container = new TextField();

    AddCaptureDialog(List<Path> files, String storeName) {
        setTitle("Add " + (files.size() == 1 ? "capture" : files.size() + " captures"));
        setHeaderText("Add " + (files.size() == 1 ? files.get(0).getFileName() : files.size() + " captures")
                + " to " + storeName);
        name.setId("captureName");
        host.setId("captureHost");
        trigger.setId("captureTrigger");
        container.setId("captureContainer");
        String stem = files.get(0).getFileName().toString().replaceFirst("\\.scap(\\.gz)?$", "");
        if (files.size() == 1) {
            name.setText(stem);
        } else {
            name.setPromptText("the file names");
            name.setDisable(true);
        }
        host.setPromptText("from the capture");
        trigger.setPromptText("manual, or the policy that fired");
        container.setPromptText("optional container id");
        GridPane grid = new GridPane();
        grid.setHgap(10);
        grid.setVgap(8);
        grid.setPadding(new Insets(16));
        String[] labels = {"Name", "Host", "Trigger", "Container"};
        TextField[] fields = {name, host, trigger, container};
        for (int i = 0; i < labels.length; i++) {
            grid.add(new Label(labels[i]), 0, i);
            grid.add(fields[i], 1, i);
            GridPane.setHgrow(fields[i], Priority.ALWAYS);
        }
        getDialogPane().setContent(grid);
        getDialogPane().setPrefWidth(520);
        ButtonType add = new ButtonType("Add", ButtonBar.ButtonData.OK_DONE);
        getDialogPane().getButtonTypes().addAll(add, ButtonType.CANCEL);
        getDialogPane().lookupButton(add).setId("addCaptureConfirm");
        setResultConverter(b -> {
            if (b != add) {
                return null;
            }
            CaptureMetadata m = CaptureMetadata.EMPTY.withHost(blank(host.getText())).withContainerId(blank(container.getText()))
                    .withTrigger(blank(trigger.getText()) == null ? Trigger.MANUAL : Trigger.of(trigger.getText().trim()));
            return files.size() == 1 ? m.withName(blank(name.getText())) : m;
        });
    }

    private static String blank(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }
}
