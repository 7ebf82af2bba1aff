package org.scapscope.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.concurrent.TimeUnit;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.testfx.framework.junit5.ApplicationTest;
import org.testfx.util.WaitForAsyncUtils;

/** The measure of the UI thread held: a gap is noted with its length and where the thread was. */
class StallWatchTest extends ApplicationTest {
    @Override
    public void start(Stage stage) {
        stage.setScene(new Scene(new Label("frames"), 200, 100));
        stage.show();
    }

    /** Holds the UI thread, as work done on it by mistake would. */
    static void holdTheUiThread(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The gap noted while the test held the UI thread, if any yet. */
    private static StallWatch.Stall held(List<StallWatch.Stall> stalls) {
        return stalls.stream().filter(s -> !s.where().isEmpty() && s.where().get(0).startsWith("StallWatchTest.holdTheUiThread"))
                .findFirst().orElse(null);
    }

    @Test
    void aHeldUiThreadIsNotedWithWhereItWas() throws Exception {
        StallWatch[] watch = new StallWatch[1];
        interact(() -> watch[0] = StallWatch.start(100));
        long started = System.nanoTime();
        Thread.sleep(300);
        interact(() -> holdTheUiThread(400));
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> held(watch[0].stalls()) != null);
        StallWatch.Stall s = held(watch[0].stalls());
        assertTrue(s.millis() >= 300, s.millis() + " ms");
        // when it began: after the 300 ms waited, before now
        long sinceStart = (System.nanoTime() - started) / 1_000_000L;
        assertTrue(s.startMillis() >= 250 && s.startMillis() <= sinceStart, s.startMillis() + " ms in, of " + sinceStart);
        assertEquals("StallWatchTest.holdTheUiThread", s.where().get(0).replaceAll(":\\d+$", ""));
    }
}
