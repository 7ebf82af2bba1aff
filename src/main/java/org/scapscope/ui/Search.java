package org.scapscope.ui;

import java.util.concurrent.CancellationException;
import java.util.function.Consumer;

/**
 * The one Find running in an inspector: a new search, or the tab closing, stops the one before,
 * whose result is then dropped.
 */
final class Search {
    private final OneJob job;
    private final InspectorViewModel vm;

    Search(Worker worker, InspectorViewModel vm) {
        this.job = new OneJob(worker);
        this.vm = vm;
    }

    /** Runs {@code search} on the worker; {@code found} gets its result on the UI thread unless a later search or {@link #stop} came first. */
    void run(Worker.Job<Integer> search, Consumer<Integer> found) {
        job.start(search, null, found, e -> {
            if (!(e instanceof CancellationException)) {
                vm.say("The search stopped: " + ErrorText.of(e));
            }
        });
    }

    /** Stops the search running, if any. */
    void stop() {
        job.stop();
    }
}
