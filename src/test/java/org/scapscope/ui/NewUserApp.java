package org.scapscope.ui;

import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import javafx.scene.Scene;
import javafx.stage.Stage;
import org.junit.jupiter.api.io.TempDir;
import org.scapscope.store.StoreLocator;
import org.scapscope.store.StoreOptions;
import org.testfx.framework.junit5.ApplicationTest;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The whole window as a user new to it starts it: settings, library and cache in a folder of the
 * test's own. A test puts in the settings folder ({@code tmp/config/scapscope}) what it needs
 * before the window starts.
 */
abstract class NewUserApp extends ApplicationTest {
    @TempDir
    Path tmp;
    MainView view;
    FxWorker worker;

    /** Prepares the user's folders before the window starts; nothing by default. */
    void beforeStart() throws Exception {
    }

    /** The capture opened goes on working in the cache, which is removed after the test: it is closed first. */
    @org.junit.jupiter.api.AfterEach
    void closeTheCapturesOpened() throws Exception {
        interact(view::closeCaptures);
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> worker.active() == 0);
    }

    @Override
    public void start(Stage stage) throws Exception {
        beforeStart();
        StoreLocator locator = new StoreLocator(Map.of("XDG_DATA_HOME", tmp.resolve("data").toString(),
                "XDG_CONFIG_HOME", tmp.resolve("config").toString()), tmp.resolve("home"));
        worker = new FxWorker();
        view = ScapscopeApp.build(worker, locator, StoreOptions.defaults(tmp.resolve("cache")), tmp.resolve("cache"));
        stage.setScene(new Scene(view, 1280, 720));
        stage.show();
    }

    void waitUntil(BooleanSupplier condition) throws Exception {
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, condition::getAsBoolean);
        WaitForAsyncUtils.waitForFxEvents();
    }
}
