package org.scapscope.ui;

import javafx.geometry.Insets;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.PasswordField;
import javafx.scene.control.TextField;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import org.scapscope.store.SavedStore;

/**
 * Adds or edits an S3 store: endpoint, region, bucket, prefix, keys and addressing, with a Test
 * connection button that lists the bucket with what is typed before anything is saved.
 */
final class StoreDialog extends Dialog<StoreDialog.Result> {
    /** What the dialog produced: the settings, and the secret typed (null: keep the saved one). */
    record Result(SavedStore store, String secret) {
    }

    final TextField name = field("name", "Team bucket");
    final TextField endpoint = field("endpoint", "https://s3.eu-west-1.amazonaws.com or http://127.0.0.1:9000");
    final TextField region = field("region", "us-east-1");
    final TextField bucket = field("bucket", "captures");
    final TextField prefix = field("prefix", "optional folder, e.g. prod/web");
    final TextField accessKey = field("accessKey", "empty: AWS_ACCESS_KEY_ID or ~/.aws/credentials");
    final PasswordField secret = new PasswordField();
    final CheckBox pathStyle = new CheckBox("Path-style addressing (MinIO and most S3-compatible servers)");
    final Label testResult = new Label();
    final Button test = new Button("Test connection");

    StoreDialog(StoresViewModel stores, Worker worker, SavedStore editing) {
        setTitle(editing == null ? "Add an S3 store" : "Edit " + editing.name());
        setHeaderText(editing == null ? "Captures in an S3-compatible bucket (AWS S3, MinIO, IBM Cloud Object Storage)"
                : "Settings of " + editing.name());
        secret.setId("secret");
        secret.setPromptText(editing != null && editing.accessKey() != null ? "unchanged" : "secret access key");
        pathStyle.setId("pathStyle");
        pathStyle.setSelected(true);
        testResult.setId("testResult");
        testResult.setWrapText(true);
        testResult.setMaxWidth(460);
        test.setId("testConnection");
        if (editing != null) {
            name.setText(editing.name());
            name.setDisable(true);
            endpoint.setText(editing.endpoint());
            region.setText(editing.region() == null ? "" : editing.region());
            bucket.setText(editing.bucket());
            prefix.setText(editing.prefix() == null ? "" : editing.prefix());
            accessKey.setText(editing.accessKey() == null ? "" : editing.accessKey());
            pathStyle.setSelected(editing.pathStyle());
        }
        GridPane grid = new GridPane();
        grid.setHgap(10);
        grid.setVgap(8);
        grid.setPadding(new Insets(16));
        String[] labels = {"Name", "Endpoint", "Region", "Bucket", "Prefix", "Access key", "Secret key"};
        javafx.scene.Node[] fields = {name, endpoint, region, bucket, prefix, accessKey, secret};
        for (int i = 0; i < labels.length; i++) {
            grid.add(new Label(labels[i]), 0, i);
            grid.add(fields[i], 1, i);
            GridPane.setHgrow(fields[i], Priority.ALWAYS);
        }
        grid.add(pathStyle, 1, labels.length);
        HBox testRow = new HBox(10, test, testResult);
        grid.add(testRow, 1, labels.length + 1);
        getDialogPane().setContent(grid);
        getDialogPane().setPrefWidth(620);
        ButtonType save = new ButtonType("Save", ButtonBar.ButtonData.OK_DONE);
        getDialogPane().getButtonTypes().addAll(save, ButtonType.CANCEL);
        Button saveButton = (Button) getDialogPane().lookupButton(save);
        saveButton.setId("saveStore");
        saveButton.disableProperty().bind(name.textProperty().isEmpty().or(endpoint.textProperty().isEmpty())
                .or(bucket.textProperty().isEmpty()));
        test.setOnAction(e -> {
            testResult.setText("Connecting…");
            testResult.setStyle("-fx-text-fill: -fx-text-base-color;");
            test.setDisable(true);
            SavedStore s = settings();
            String typed = secret.getText();
            worker.submit((p, c) -> stores.test(s, typed.isEmpty() && editing != null
                    ? stores.locator().saved().secret(editing.name()) : typed), null, n -> {
                        test.setDisable(false);
                        testResult.setText("Connected: " + n + (n == 1 ? " capture" : " captures") + " found.");
                        testResult.setStyle("-fx-text-fill: #2e7d32;");
                    }, err -> {
                        test.setDisable(false);
                        testResult.setText(ErrorText.of(err));
                        testResult.setStyle("-fx-text-fill: #c62828;");
                    });
        });
        setResultConverter(b -> b == save ? new Result(settings(), secret.getText().isEmpty() && editing != null
                ? null : secret.getText()) : null);
    }

    SavedStore settings() {
        return SavedStore.s3(name.getText().trim(), endpoint.getText().trim(), blankToNull(region.getText()),
                bucket.getText().trim(), blankToNull(prefix.getText()), pathStyle.isSelected(),
                blankToNull(accessKey.getText()), null);
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }

    private static TextField field(String id, String prompt) {
        TextField f = new TextField();
        f.setId(id);
        f.setPromptText(prompt);
        return f;
    }
}
