package org.scapscope.ui;

import java.nio.file.Path;
import java.util.Locale;
import java.util.function.Consumer;
import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.beans.property.ReadOnlyDoubleWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import org.scapscope.store.CaptureStore;
import org.scapscope.store.DownloadListener;
import org.scapscope.store.StoredCapture;
import org.scapscope.view.ByteSizes;

/** The downloads panel: each download with its progress, speed and state, cancel and retry. */
public final class DownloadsViewModel {
    /** Where a download is. */
    public enum State { QUEUED, RUNNING, DONE, FAILED, CANCELLED }

    private final Worker worker;
    private final ObservableList<Download> downloads = FXCollections.observableArrayList();

    public DownloadsViewModel(Worker worker) {
        this.worker = worker;
    }

    /**
     * Whether a download listed is of this store, or one still under way (a download joins the list
     * only once it transfers something).
     */
    public boolean uses(CaptureStore store) {
        return downloads.stream().anyMatch(d -> d.store == store)
                || underWay.stream().anyMatch(d -> d.store == store);
    }

    /** The downloads running or waiting, listed or not yet. */
    private final java.util.Set<Download> underWay = new java.util.HashSet<>();

    public ObservableList<Download> downloads() {
        return downloads;
    }

    /** Downloads a capture (at once if it is cached), then hands its local path to {@code then}. */
    public Download start(CaptureStore store, StoredCapture capture, Consumer<Path> then) {
        return start(store, capture, then, true);
    }

    /**
     * As above; with {@code listedWhenCached} false, a capture that needs no transfer (a library
     * capture, or one already downloaded intact) is handed on without an entry in the list, which
     * then shows only transfers and failures.
     */
    public Download start(CaptureStore store, StoredCapture capture, Consumer<Path> then, boolean listedWhenCached) {
        for (Download d : downloads) {
            if (d.capture.id().equals(capture.id()) && d.store == store
                    && (d.state.get() == State.RUNNING || d.state.get() == State.QUEUED)) {
                return d; // already under way
            }
        }
        Download d = new Download(store, capture, then);
        if (listedWhenCached) {
            d.list();
        }
        d.run();
        return d;
    }

    /** Removes the downloads that are over. */
    public void clearFinished() {
        downloads.removeIf(d -> d.state.get() != State.RUNNING && d.state.get() != State.QUEUED);
    }

    /** One download. */
    public final class Download {
        private final CaptureStore store;
        private final StoredCapture capture;
        private final Consumer<Path> then;
        private final ReadOnlyDoubleWrapper progress = new ReadOnlyDoubleWrapper(-1);
        private final ReadOnlyStringWrapper detail = new ReadOnlyStringWrapper("");
        private final ReadOnlyObjectWrapper<State> state = new ReadOnlyObjectWrapper<>(State.QUEUED);
        private Worker.Handle handle;
        /** Set on the worker when the capture turns out to need no transfer. */
        private volatile boolean cached;
        private boolean listed;

        Download(CaptureStore store, StoredCapture capture, Consumer<Path> then) {
            this.store = store;
            this.capture = capture;
            this.then = then;
        }

        public String name() {
            return capture.name();
        }

        public StoredCapture capture() {
            return capture;
        }

        /** 0 to 1; negative while not known. */
        public ReadOnlyDoubleProperty progressProperty() {
            return progress.getReadOnlyProperty();
        }

        /** {@code 12 MB of 40 MB, 5.1 MB/s}, or why it failed. */
        public ReadOnlyStringProperty detailProperty() {
            return detail.getReadOnlyProperty();
        }

        public ReadOnlyObjectProperty<State> stateProperty() {
            return state.getReadOnlyProperty();
        }

        public void cancel() {
            if (handle != null) {
                handle.cancel();
            }
        }

        /** Starts again a download that failed or was cancelled: it resumes where it stopped. */
        public void retry() {
            if (state.get() == State.FAILED || state.get() == State.CANCELLED) {
                run();
            }
        }

        /** Puts the download in the list, once. */
        private void list() {
            if (!listed) {
                listed = true;
                downloads.add(0, this);
            }
        }

        private void run() {
            underWay.add(this);
            state.set(State.QUEUED);
            detail.set("waiting…");
            long start = System.nanoTime();
            long[] from = {0};
            handle = worker.submit((p, cancelled) -> store.download(capture.id(), new DownloadListener() {
                @Override
                public void progress(long done, long total) {
                    double secs = Math.max(1e-3, (System.nanoTime() - start) / 1e9);
                    p.update(total <= 0 ? 1 : (double) done / total, ByteSizes.of(done) + " of " + ByteSizes.of(total)
                            + ", " + ByteSizes.of((long) ((done - from[0]) / secs)) + "/s");
                }

                @Override
                public void resumed(long offset) {
                    from[0] = offset;
                }

                @Override
                public void queued() {
                    p.update(-1, "waiting for another download to finish…");
                }

                @Override
                public void alreadyCached() {
                    cached = true;
                    p.update(1, "already downloaded");
                }
            }, cancelled), (fraction, message) -> {
                if (!cached) {
                    list();
                }
                if (state.get() == State.QUEUED && fraction >= 0) {
                    state.set(State.RUNNING);
                }
                progress.set(fraction);
                detail.set(message);
            }, path -> {
                underWay.remove(this);
                progress.set(1);
                state.set(State.DONE);
                detail.set(String.format(Locale.ROOT, "%s, done: %s", ByteSizes.of(capture.size()), path));
                if (then != null) {
                    then.accept(path);
                }
            }, e -> {
                underWay.remove(this);
                list();
                boolean cancelled = handle != null && handle.isCancelled()
                        || e instanceof java.util.concurrent.CancellationException;
                state.set(cancelled ? State.CANCELLED : State.FAILED);
                detail.set(cancelled ? "cancelled; Retry resumes it" : ErrorText.of(e));
            });
        }
    }
}
