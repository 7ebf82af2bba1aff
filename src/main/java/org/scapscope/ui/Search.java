package org.scapscope.ui;

import java.util.concurrent.CancellationException;
import java.util.function.Consumer;

/**
 * The one Find running in an inspector: a new search, or the tab closing, stops the one before,
 * whose result is then dropped.
 */
final class Search {
    private final Worker worker;
    private final InspectorViewModel vm;
    private Worker.Handle current;

    Search(Worker worker, InspectorViewModel vm) {
        this.worker = worker;
        this.vm = vm;
    }

    /** Runs {@code job} on the worker; {@code found} gets its result on the UI thread unless a later search or {@link #stop} came first. */
    void run(Worker.Job<Integer> job, Consumer<Integer> found) {
        stop();
        Worker.Handle[] self = new Worker.Handle[1];
        boolean[] finished = {false};
        self[0] = worker.submit(job, null, i -> {
            finished[0] = true;
            if (current == self[0]) {
                current = null;
                found.accept(i);
            }
        }, e -> {
            finished[0] = true;
            if (current == self[0]) {
                current = null;
                if (!(e instanceof CancellationException)) {
                    vm.say("The search stopped: " + ErrorText.of(e));
                }
            }
        });
        if (!finished[0]) {
            current = self[0];
        }
    }

    /** Stops the search running, if any. */
    void stop() {
        if (current != null) {
            current.cancel();
            current = null;
        }
    }
}
