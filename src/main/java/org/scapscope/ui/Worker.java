package org.scapscope.ui;

import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

/**
 * Runs work away from the UI thread and hands its outcome back on it. The app uses a thread pool
 * ({@link FxWorker}); tests use one that runs everything at once on the calling thread.
 */
public interface Worker {
    /** A piece of work: it may report progress and should stop when asked. */
    @FunctionalInterface
    interface Job<T> {
        T run(Progress progress, BooleanSupplier cancelled) throws Exception;
    }

    /** Where a job reports how far it got, from 0 to 1 (negative: unknown). */
    @FunctionalInterface
    interface Progress {
        void update(double fraction, String message);
    }

    /** A job handed to the worker: it can be cancelled. */
    interface Handle {
        void cancel();

        boolean isCancelled();
    }

    /**
     * Runs {@code job}; then, on the UI thread, {@code done} with its result or {@code failed} with
     * what it threw. {@code progress} hears its progress on the UI thread.
     */
    <T> Handle submit(Job<T> job, Progress progress, Consumer<T> done, Consumer<Throwable> failed);

    /** Whether item {@code i} is the one searched for. */
    @FunctionalInterface
    interface Hit {
        boolean test(int i) throws Exception;
    }

    /**
     * A search: the first of {@code size} items, from {@code from} on and around to the start, that
     * {@code hit} accepts, or -1 when none does (or the job is cancelled first).
     */
    static Job<Integer> firstFrom(int size, int from, Hit hit) {
        return (progress, cancelled) -> {
            for (int k = 0; k < size && !cancelled.getAsBoolean(); k++) {
                int i = (from + k) % size;
                if (hit.test(i)) {
                    return i;
                }
                if ((k & 0xFFF) == 0) {
                    progress.update((double) k / size, null);
                }
            }
            return -1;
        };
    }

    /** A worker that runs each job at once, on the caller's thread: for tests. */
    static Worker immediate() {
        return new Worker() {
            @Override
            public <T> Handle submit(Job<T> job, Progress progress, Consumer<T> done, Consumer<Throwable> failed) {
                boolean[] cancelled = {false};
                Handle h = new Handle() {
                    @Override
                    public void cancel() {
                        cancelled[0] = true;
                    }

                    @Override
                    public boolean isCancelled() {
                        return cancelled[0];
                    }
                };
                T result;
                try {
                    result = job.run(progress != null ? progress : (f, m) -> { }, () -> cancelled[0]);
                } catch (Exception | Error e) {
                    failed.accept(e);
                    return h;
                }
                done.accept(result);
                return h;
            }
        };
    }
}
