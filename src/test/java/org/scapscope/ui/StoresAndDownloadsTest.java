package org.scapscope.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.control.TableView;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.scapscope.RealCaptures;
import org.scapscope.scap.BenchmarkCapture;
import org.scapscope.scap.OpenOptions;
import org.scapscope.scap.ScapFile;
import org.scapscope.store.CaptureMetadata;
import org.scapscope.store.CaptureStore;
import org.scapscope.store.S3Credentials;
import org.scapscope.store.S3ProxyServer;
import org.scapscope.store.S3Settings;
import org.scapscope.store.SavedStore;
import org.scapscope.store.StoreLocator;
import org.scapscope.store.StoreOptions;
import org.scapscope.store.StoredCapture;
import org.testfx.framework.junit5.ApplicationTest;
import org.testfx.util.WaitForAsyncUtils;

/** S3 stores in the app: adding one with a connection test, downloading with progress, cancel and retry. */
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class StoresAndDownloadsTest extends ApplicationTest {
    static S3ProxyServer server;
    @TempDir
    static Path shared;
    static String sha256OfLarge;

    @TempDir
    Path tmp;
    MainView view;
    StoreLocator locator;

    @BeforeAll
    static void startServer() throws Exception {
        server = new S3ProxyServer();
        server.createBucket("ui-captures");
        Path large = shared.resolve("large.scap");
        try (ScapFile src = ScapFile.open(RealCaptures.named("502Error.scap"), OpenOptions.defaults().cacheDir(shared.resolve("index")))) {
            BenchmarkCapture.make(src, large, 48L << 20);
        }
        sha256OfLarge = CaptureStore.sha256Of(large);
        S3Settings settings = new S3Settings(server.endpoint(), null, "ui-captures", "", true,
                new S3Credentials(S3ProxyServer.ACCESS_KEY, S3ProxyServer.SECRET_KEY, null, "the test"));
        try (CaptureStore bucket = CaptureStore.s3(settings, StoreOptions.defaults(shared.resolve("seed-cache")))) {
            bucket.put(RealCaptures.named("sample.scap"), CaptureMetadata.EMPTY.withId("small").withName("small one"), null);
            bucket.put(large, CaptureMetadata.EMPTY.withId("large").withName("large one"), null);
        }
    }

    @AfterAll
    static void stopServer() {
        server.close();
    }

    @Override
    public void start(Stage stage) throws Exception {
        locator = new StoreLocator(Map.of("XDG_DATA_HOME", tmp.resolve("data").toString(),
                "XDG_CONFIG_HOME", tmp.resolve("config").toString()), tmp.resolve("home"));
        view = ScapscopeApp.build(new FxWorker(), locator, StoreOptions.defaults(tmp.resolve("cache")), tmp.resolve("cache"));
        stage.setScene(new Scene(view, 1280, 720));
        stage.show();
    }

    void waitUntil(BooleanSupplier condition) throws Exception {
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, condition::getAsBoolean);
        WaitForAsyncUtils.waitForFxEvents();
    }

    TableView<StoredCapture> table() {
        return view.table;
    }

    @Test
    void addingAnS3StoreTestsTheConnectionFirst() throws Exception {
        clickOn("#addStore");
        waitUntil(() -> lookup("#endpoint").tryQuery().isPresent());
        clickOn("#name").write("Team bucket");
        clickOn("#endpoint").write(server.endpoint().toString());
        clickOn("#bucket").write("ui-captures");
        clickOn("#accessKey").write(S3ProxyServer.ACCESS_KEY);
        clickOn("#secret").write("not-the-secret");
        clickOn("#testConnection");
        Label result = lookup("#testResult").queryAs(Label.class);
        waitUntil(() -> result.getText().contains("refused the credentials"));
        assertTrue(!result.getText().contains("not-the-secret"), result.getText());
        clickOn("#secret").eraseText("not-the-secret".length()).write(S3ProxyServer.SECRET_KEY);
        clickOn("#testConnection");
        waitUntil(() -> result.getText().startsWith("Connected: 2 captures"));
        clickOn("#saveStore");
        waitUntil(() -> view.storeList.getSelectionModel().getSelectedItem() != null
                && view.storeList.getSelectionModel().getSelectedItem().name().equals("Team bucket"));
        waitUntil(() -> table().getItems().size() == 2);
        assertEquals(S3ProxyServer.SECRET_KEY, locator.saved().secret("Team bucket"));
        assertTrue(!Files.readString(locator.saved().settingsFile()).contains(S3ProxyServer.SECRET_KEY));
    }

    @Test
    void downloadShowsProgressToCompletionAndCancelThenRetryFinishes() throws Exception {
        locator.saved().save(SavedStore.s3("Team bucket", server.endpoint().toString(), null, "ui-captures", null, true,
                S3ProxyServer.ACCESS_KEY, null), S3ProxyServer.SECRET_KEY);
        interact(() -> {
            try {
                view.reloadStores();
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
        clickOn("Team bucket");
        waitUntil(() -> table().getItems().size() == 2);

        clickOn("small one");
        clickOn("#download");
        waitUntil(() -> !view.downloads().downloads().isEmpty()
                && view.downloads().downloads().get(0).stateProperty().get() == DownloadsViewModel.State.DONE);
        DownloadsViewModel.Download small = view.downloads().downloads().get(0);
        assertEquals(1.0, small.progressProperty().get(), 1e-9);
        assertTrue(lookup("#downloads").tryQuery().isPresent());
        // it says where the capture now is
        String said = small.detailProperty().get();
        java.nio.file.Path at = java.nio.file.Path.of(said.substring(said.indexOf(", done: ") + ", done: ".length()));
        assertTrue(java.nio.file.Files.isRegularFile(at), said);

        // opening a capture already downloaded transfers nothing and adds nothing to the list
        clickOn("small one");
        clickOn("#open");
        waitUntil(() -> view.tabs.getTabs().size() == 2);
        assertEquals(1, view.downloads().downloads().size());
        interact(() -> view.tabs.getSelectionModel().select(0));

        clickOn("large one");
        clickOn("#download");
        waitUntil(() -> view.downloads().downloads().size() == 2);
        DownloadsViewModel.Download large = view.downloads().downloads().get(0);
        interact(large::cancel);
        waitUntil(() -> large.stateProperty().get() == DownloadsViewModel.State.CANCELLED);
        assertTrue(large.detailProperty().get().contains("cancelled"), large.detailProperty().get());
        // another store chosen meanwhile: the bucket stays open for the download listed
        clickOn("Local library");
        waitUntil(() -> table().getItems().stream().noneMatch(c -> c.id().equals("large")));
        interact(large::retry);
        waitUntil(() -> large.stateProperty().get() == DownloadsViewModel.State.DONE);
        Path cached = Files.walk(tmp.resolve("cache")).filter(p -> p.getFileName().toString().equals("large.scap"))
                .findFirst().orElseThrow();
        assertEquals(sha256OfLarge, CaptureStore.sha256Of(cached));
    }

    @Test
    void aStoreCanBeEditedAndRemovedAfterAYes() throws Exception {
        locator.saved().save(SavedStore.s3("Old name", server.endpoint().toString(), null, "no-such-bucket", null, true,
                S3ProxyServer.ACCESS_KEY, null), S3ProxyServer.SECRET_KEY);
        interact(() -> {
            try {
                view.reloadStores();
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
        clickOn("Old name");
        try {
            waitUntil(() -> view.status.getText().contains("no-such-bucket"));
        } catch (java.util.concurrent.TimeoutException e) {
            throw new AssertionError("status: " + view.status.getText() + "; error: " + view.table.getPlaceholder(), e);
        }
        clickOn("#editStore");
        waitUntil(() -> lookup("#bucket").tryQuery().isPresent());
        clickOn("#bucket").eraseText("no-such-bucket".length()).write("ui-captures");
        clickOn("#testConnection");
        Label result = lookup("#testResult").queryAs(Label.class);
        waitUntil(() -> result.getText().startsWith("Connected"));
        clickOn("#saveStore");
        waitUntil(() -> table().getItems().size() == 2);
        assertEquals("ui-captures", locator.saved().find("Old name").bucket());
        assertEquals(S3ProxyServer.SECRET_KEY, locator.saved().secret("Old name"), "an untouched secret is kept");
        clickOn("#removeStore");
        waitUntil(() -> lookup("#confirmNo").tryQuery().isPresent());
        clickOn("#confirmNo");
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(2, view.storeList.getItems().size());
        clickOn("#removeStore");
        waitUntil(() -> lookup("#confirmYes").tryQuery().isPresent());
        clickOn("#confirmYes");
        waitUntil(() -> view.storeList.getItems().size() == 1);
        assertEquals(null, locator.saved().find("Old name"));
        assertEquals(StoresViewModel.LIBRARY, view.storeList.getSelectionModel().getSelectedItem().name());
    }
}
