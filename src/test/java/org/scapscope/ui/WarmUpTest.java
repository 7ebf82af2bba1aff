package org.scapscope.ui;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WarmUpTest {
    @TempDir
    Path tmp;

    @Test
    void doesEveryStepOnTheDemoCaptureAndLeavesNothingBehind() throws Exception {
        Path dir = tmp.resolve("warm-up");
        Files.createDirectories(dir.resolve("left-from-before"));
        Files.writeString(dir.resolve("left-from-before/stale.idx"), "stale");
        AtomicInteger asked = new AtomicInteger();
        assertTrue(WarmUp.run(dir, () -> {
            asked.incrementAndGet();
            return false;
        }));
        assertTrue(asked.get() > 5, "the steps ask whether to stop: " + asked.get());
        assertFalse(Files.exists(dir), "the warm-up folder is removed");
    }

    @Test
    void stopsWhenACaptureIsOpenedAndLeavesNothingBehind() throws Exception {
        Path dir = tmp.resolve("warm-up");
        assertFalse(WarmUp.run(dir, () -> true));
        assertFalse(Files.exists(dir));
    }
}
