package org.scapscope.ui;

import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ForkJoinWorkerThread;

/**
 * The threads the app's background work runs on: at the lowest priority, so that on a machine with
 * few cores the JavaFX thread is not left waiting for the processor while a view is computed (the
 * runtime image maps priorities to niceness on Linux). Threads the workers start, such as the
 * indexer's, inherit the priority; the parallel parts of a view run on the common fork-join pool,
 * whose threads {@link #useForCommonPool} makes low-priority too.
 */
public final class BackgroundThreads implements ForkJoinPool.ForkJoinWorkerThreadFactory {
    /** Makes the common fork-join pool's threads low-priority: call before anything uses the pool. */
    static void useForCommonPool() {
        System.setProperty("java.util.concurrent.ForkJoinPool.common.threadFactory", BackgroundThreads.class.getName());
    }

    /** A low-priority daemon thread. */
    static Thread daemon(Runnable r, String name) {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        t.setPriority(Thread.MIN_PRIORITY);
        return t;
    }

    @Override
    public ForkJoinWorkerThread newThread(ForkJoinPool pool) {
        ForkJoinWorkerThread t = ForkJoinPool.defaultForkJoinWorkerThreadFactory.newThread(pool);
        t.setPriority(Thread.MIN_PRIORITY);
        return t;
    }
}
