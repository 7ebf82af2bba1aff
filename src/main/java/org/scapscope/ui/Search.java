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
        if (vm.searchShown()) {
            // the Find shown is stopped by this one, which does not show
            vm.searching(null);
        }
        job.start(search, null, found, e -> {
            if (!(e instanceof CancellationException)) {
                vm.say("The search stopped: " + ErrorText.of(e));
            }
        });
    }

    /**
     * As above, for a Find the analyst waits on: the bar shows {@code what} is sought, how far the
     * search got, and Cancel (Escape stops it too); the status line comes back as it was, unless
     * something else was said meanwhile.
     */
    void run(String what, Worker.Job<Integer> search, Consumer<Integer> found) {
        // a search that replaces one running gives back the line from before that one
        String before = vm.searchShown() ? statusBefore : vm.statusProperty().get();
        statusBefore = before;
        String message = "Finding " + what + "… (Escape stops it)";
        vm.searching(message);
        job.start(search, (fraction, m) -> vm.searchProgress(fraction), i -> {
            ended(message, before);
            found.accept(i);
        }, e -> {
            ended(message, before);
            if (!(e instanceof CancellationException)) {
                vm.say("The search stopped: " + ErrorText.of(e));
            }
        });
    }

    private void ended(String message, String before) {
        vm.searching(null);
        if (message.equals(vm.statusProperty().get())) {
            vm.say(before);
        }
    }

    /** Stops the search running, if any. */
    void stop() {
        job.stop();
        if (vm.searchShown()) {
            vm.searching(null);
            vm.say("Find stopped");
        }
    }

    /** The status line from before the Find shown in the bar. */
    private String statusBefore;
}
