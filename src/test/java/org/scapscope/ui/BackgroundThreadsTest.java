package org.scapscope.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class BackgroundThreadsTest {
    @Test
    void backgroundWorkRunsOnLowPriorityDaemonThreads() throws Exception {
        Thread t = BackgroundThreads.daemon(() -> { }, "some work");
        assertTrue(t.isDaemon());
        assertEquals(Thread.MIN_PRIORITY, t.getPriority());
        assertEquals("some work", t.getName());
        ForkJoinPool pool = new ForkJoinPool(2, new BackgroundThreads(), null, false);
        try {
            int[] seen = pool.submit(() -> new int[] {Thread.currentThread().getPriority(),
                Thread.currentThread().isDaemon() ? 1 : 0}).get(10, TimeUnit.SECONDS);
            assertEquals(Thread.MIN_PRIORITY, seen[0]);
            assertEquals(1, seen[1], "fork-join workers are daemons, as the common pool's are");
        } finally {
            pool.shutdownNow();
        }
    }
}
