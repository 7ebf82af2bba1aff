package org.scapscope.ui;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import javafx.application.Application;
import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.scene.image.Image;
import javafx.stage.Stage;
import org.scapscope.scap.OpenOptions;
import org.scapscope.store.CaptureMetadata;
import org.scapscope.store.CaptureStore;
import org.scapscope.store.DemoCapture;
import org.scapscope.store.StoreLocator;
import org.scapscope.store.StoreOptions;
import org.scapscope.store.StorePaths;
import org.scapscope.store.Trigger;

/**
 * The desktop app: one window on the local library and the user's stores, with a tab for each
 * capture opened. Started by {@link Launcher}; a capture named on the command line is opened at once.
 */
public final class ScapscopeApp extends Application {
    static final String TITLE = "Scapscope";
    private static final List<Integer> ICON_SIZES = List.of(16, 32, 48, 64, 128, 256);

    private MainView view;

    @Override
    public void start(Stage stage) throws Exception {
        Path cache = OpenOptions.defaultCacheDir();
        StoreLocator locator = new StoreLocator(System.getenv(), StorePaths.home());
        view = build(new FxWorker(), locator, StoreOptions.defaults(cache), cache);
        Scene scene = new Scene(view, 1360, 820);
        scene.getStylesheets().add(ScapscopeApp.class.getResource("scapscope.css").toExternalForm());
        stage.setScene(scene);
        stage.setTitle(TITLE);
        addIcons(stage);
        view.installShortcuts();
        // what the UI thread fails at, unforeseen, is said to the user rather than only printed
        Thread.currentThread().setUncaughtExceptionHandler((t, e) -> view.unexpected(e));
        stage.show();
        StallWatch.startIfAsked(System.err);
        BackgroundThreads.daemon(() -> {
            try {
                TimelineChart.loadChartClasses();
            } catch (RuntimeException | LinkageError e) {
                // the timeline itself reports it, when a capture opens
            }
        }, "chart classes").start();
        List<String> args = getParameters().getRaw();
        if (args.size() >= 2 && args.get(0).equals("open")) {
            Path file = Path.of(args.get(1)).toAbsolutePath();
            view.openFile(file, file.getFileName().toString());
        } else {
            WarmUp.start(cache);
        }
    }

    /** The window's content on these stores; the tests build it the same way with their own worker. */
    static MainView build(Worker worker, StoreLocator locator, StoreOptions options, Path cache) throws IOException {
        StoresViewModel stores = new StoresViewModel(locator, options);
        CaptureBrowserViewModel browser = new CaptureBrowserViewModel(worker, Clock.systemUTC());
        DownloadsViewModel downloads = new DownloadsViewModel(worker);
        MainView[] holder = new MainView[1];
        Runnable addDemo = () -> addDemo(worker, browser, holder[0]);
        MainView view = new MainView(worker, stores, browser, downloads, cache, OwnFolders.of(locator), addDemo);
        holder[0] = view;
        stores.reload();
        return view;
    }

    /** Writes the demo capture and adds it to the library. */
    private static void addDemo(Worker worker, CaptureBrowserViewModel browser, MainView view) {
        CaptureStore store = browser.storeProperty().get();
        if (store == null) {
            return;
        }
        worker.submit((p, c) -> {
            Path tmp = Files.createTempDirectory("scapscope-demo");
            Path file = tmp.resolve("demo.scap");
            try {
                DemoCapture.write(file);
                return store.put(file, CaptureMetadata.EMPTY.withId("demo-web-shell").withName("Demo: shell in a web container")
                        .withTrigger(Trigger.policy("Terminal shell in container", 10, 10))
                        .withContainerId("3f2a9b1c7d4e"), null);
            } finally {
                Files.deleteIfExists(file);
                Files.deleteIfExists(tmp);
            }
        }, null, added -> browser.refresh(), e -> view.error("The demo capture cannot be added", ErrorText.of(e)));
    }

    static void addIcons(Stage stage) {
        for (int size : ICON_SIZES) {
            try (InputStream in = ScapscopeApp.class.getResourceAsStream("icons/scapscope-" + size + ".png")) {
                if (in != null) {
                    stage.getIcons().add(new Image(in));
                }
            } catch (IOException ignored) {
                // a missing icon leaves the platform's default
            }
        }
    }

    @Override
    public void stop() {
        Platform.exit();
    }
}
