package org.scapscope.ui;

import java.util.function.Consumer;

/**
 * One job at a time on a worker: starting another, or {@link #stop}, cancels the one before, whose
 * result is then dropped. Its callbacks run on the UI thread (at once with an immediate worker).
 */
final class OneJob {
    private final Worker worker;
    private Worker.Handle current;

    OneJob(Worker worker) {
        this.worker = worker;
    }

    /**
     * Runs {@code job}; {@code done} or {@code failed} hears of it unless a later job or {@link #stop}
     * came first. {@code progress} may be null.
     */
    <T> void start(Worker.Job<T> job, Worker.Progress progress, Consumer<T> done, Consumer<Throwable> failed) {
        stop();
        Worker.Handle[] self = new Worker.Handle[1];
        boolean[] finished = {false};
        self[0] = worker.submit(job, progress, result -> {
            finished[0] = true;
            if (current == self[0]) {
                current = null;
                done.accept(result);
            }
        }, e -> {
            finished[0] = true;
            if (current == self[0]) {
                current = null;
                failed.accept(e);
            }
        });
        // an immediate worker has finished by now
        if (!finished[0]) {
            current = self[0];
        }
    }

    /** Whether a job is running. */
    boolean running() {
        return current != null;
    }

    /** Stops the job running, if any. */
    void stop() {
        if (current != null) {
            current.cancel();
            current = null;
        }
    }
}
