package org.scapscope.ui;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import javafx.application.Platform;

/** Runs jobs on a pool of daemon threads and reports back on the JavaFX thread. */
public final class FxWorker implements Worker {
    private final ExecutorService pool = Executors.newCachedThreadPool(r -> BackgroundThreads.daemon(r, "scapscope worker"));

    /** Jobs submitted and not finished. */
    private final java.util.concurrent.atomic.AtomicInteger active = new java.util.concurrent.atomic.AtomicInteger();

    /** How many jobs are submitted and not finished: none once all the work asked for is done. */
    public int active() {
        return active.get();
    }

    @Override
    public <T> Handle submit(Job<T> job, Progress progress, Consumer<T> done, Consumer<Throwable> failed) {
        AtomicBoolean cancelled = new AtomicBoolean();
        AtomicLong lastReport = new AtomicLong();
        Progress onFx = (fraction, message) -> {
            if (progress == null) {
                return;
            }
            long now = System.nanoTime();
            long last = lastReport.get();
            // at most 20 updates a second reach the UI thread, and always the last one
            if (fraction < 1 && now - last < 50_000_000L || !lastReport.compareAndSet(last, now)) {
                return;
            }
            Platform.runLater(() -> progress.update(fraction, message));
        };
        active.incrementAndGet();
        pool.submit(() -> {
            try {
                T result = job.run(onFx, cancelled::get);
                Platform.runLater(() -> done.accept(result));
            } catch (Throwable e) {
                Platform.runLater(() -> failed.accept(e));
            } finally {
                active.decrementAndGet();
            }
        });
        return new Handle() {
            @Override
            public void cancel() {
                cancelled.set(true);
            }

            @Override
            public boolean isCancelled() {
                return cancelled.get();
            }
        };
    }
}
