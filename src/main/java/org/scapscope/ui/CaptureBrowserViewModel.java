package org.scapscope.ui;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.function.Consumer;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.collections.transformation.FilteredList;
import org.scapscope.store.CaptureMetadata;
import org.scapscope.store.CaptureQuery;
import org.scapscope.store.CaptureStore;
import org.scapscope.store.StoredCapture;

/**
 * The capture table of one store: its captures, narrowed as the analyst types in the search field
 * and flips the Error and Expiring toggles, and the work on them (refresh, add, delete), run by a
 * {@link Worker} so the window never waits.
 */
public final class CaptureBrowserViewModel {
    private final Worker worker;
    private final Clock clock;
    private final ObjectProperty<CaptureStore> store = new SimpleObjectProperty<>();
    private final ObservableList<StoredCapture> all = FXCollections.observableArrayList();
    private final FilteredList<StoredCapture> shown = new FilteredList<>(all, c -> true);
    private final StringProperty search = new SimpleStringProperty("");
    private final BooleanProperty onlyErrors = new SimpleBooleanProperty();
    private final BooleanProperty onlyExpiring = new SimpleBooleanProperty();
    private final ReadOnlyStringWrapper status = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper error = new ReadOnlyStringWrapper("");
    private final ReadOnlyBooleanWrapper busy = new ReadOnlyBooleanWrapper();
    private final java.util.Set<String> cached = new java.util.HashSet<>();
    /** The captures shown before their metadata was read, while the listing reads it. */
    private final java.util.Set<String> pending = new java.util.HashSet<>();
    /** Listings asked for so far: only the last one's outcome is shown. */
    private int refreshes;
    /** The part of the last listing that is running, if any. */
    private Worker.Handle listing;

    public CaptureBrowserViewModel(Worker worker, Clock clock) {
        this.worker = worker;
        this.clock = clock;
        search.addListener((o, a, b) -> narrow());
        onlyErrors.addListener((o, a, b) -> narrow());
        onlyExpiring.addListener((o, a, b) -> narrow());
        store.addListener((o, a, b) -> refresh());
    }

    public ObjectProperty<CaptureStore> storeProperty() {
        return store;
    }

    /** Every capture of the store that passes the search and toggles. */
    public ObservableList<StoredCapture> captures() {
        return shown;
    }

    public StringProperty searchProperty() {
        return search;
    }

    public BooleanProperty onlyErrorsProperty() {
        return onlyErrors;
    }

    public BooleanProperty onlyExpiringProperty() {
        return onlyExpiring;
    }

    /** {@code 12 of 40 captures}, or what is being done. */
    public ReadOnlyStringProperty statusProperty() {
        return status.getReadOnlyProperty();
    }

    /** The last failure, in words; empty when the last work went well. */
    public ReadOnlyStringProperty errorProperty() {
        return error.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty busyProperty() {
        return busy.getReadOnlyProperty();
    }

    /** Whether a capture is in the local cache already (known after the last refresh). */
    public boolean isCached(StoredCapture c) {
        return cached.contains(c.id());
    }

    /**
     * Metadata objects still to be read from which a listing shows the captures first, with what is
     * known of them, and fills in the rest once read: a bucket new to this machine, with thousands of
     * captures, is listed in seconds and read for many more.
     */
    static final int SHOW_BEFORE_READING = 100;

    /** Lists the store again. */
    public void refresh() {
        CaptureStore s = store.get();
        int generation = ++refreshes;
        if (listing != null) {
            listing.cancel(); // its outcome would be dropped: the metadata it reads, this listing reads too
            listing = null;
        }
        if (s == null) {
            busy.set(false);
            pending.clear();
            all.clear();
            updateStatus();
            return;
        }
        busy.set(true);
        status.set("Listing " + s.describe() + "…");
        listing = worker.submit((p, c) -> {
            CaptureStore.Listing objects = s.listObjects();
            return new Early(objects, objects.unread() >= SHOW_BEFORE_READING ? objects.known() : null);
        }, null, early -> {
            if (stale(s, generation)) {
                return; // another store was chosen, or the list asked again, meanwhile
            }
            if (early.known() != null) {
                cached.clear();
                pending.clear();
                pending.addAll(early.known().pending());
                all.setAll(early.known().captures());
                narrow();
                status.set(String.format("%,d captures; reading the metadata of %,d…", all.size(), pending.size()));
            }
            listing = worker.submit((p, c) -> {
                List<StoredCapture> list = s.complete(early.listing(), c);
                java.util.Set<String> inCache = new java.util.HashSet<>();
                for (StoredCapture sc : list) {
                    if (s.isCached(sc)) {
                        inCache.add(sc.id());
                    }
                }
                return new Listing(list, inCache);
            }, null, result -> {
                if (stale(s, generation)) {
                    return;
                }
                // the same captures as shown (listed again after a change the app made itself, say):
                // the rows stay as they are, and with them what is selected or being clicked
                boolean same = pending.isEmpty() && all.equals(result.captures()) && cached.equals(result.cached());
                cached.clear();
                cached.addAll(result.cached());
                pending.clear();
                busy.set(false);
                error.set("");
                if (same) {
                    updateStatus();
                    return;
                }
                all.setAll(result.captures());
                narrow();
            }, e -> failedListing(s, generation, e));
        }, e -> failedListing(s, generation, e));
    }

    /** Whether another store was chosen, or the list asked for again, since listing {@code generation} began. */
    private boolean stale(CaptureStore s, int generation) {
        return store.get() != s || generation != refreshes;
    }

    private void failedListing(CaptureStore s, int generation, Throwable e) {
        if (stale(s, generation)) {
            return;
        }
        busy.set(false);
        pending.clear();
        all.clear();
        error.set(ErrorText.of(e));
        status.set(ErrorText.of(e));
    }

    /** Whether a capture is shown before its metadata object was read (the listing is reading it). */
    public boolean isPending(StoredCapture c) {
        return pending.contains(c.id());
    }

    /** Deletes captures from the store, then lists it again. */
    public void delete(List<StoredCapture> captures, Runnable then) {
        CaptureStore s = store.get();
        if (s == null || captures.isEmpty()) {
            return;
        }
        List<String> ids = captures.stream().map(StoredCapture::id).toList();
        busy.set(true);
        status.set("Deleting " + ids.size() + (ids.size() == 1 ? " capture…" : " captures…"));
        worker.submit((p, c) -> {
            s.delete(ids);
            return null;
        }, null, r -> {
            busy.set(false);
            refresh();
            if (then != null) {
                then.run();
            }
        }, e -> {
            busy.set(false);
            error.set(ErrorText.of(e));
            refresh();
        });
    }

    /** Adds a local capture to the store, with what the analyst said of it. */
    public void add(Path file, CaptureMetadata metadata, Consumer<StoredCapture> then) {
        CaptureStore s = store.get();
        if (s == null) {
            return;
        }
        busy.set(true);
        status.set("Adding " + file.getFileName() + "…");
        worker.submit((p, c) -> s.put(file, metadata, null), null, added -> {
            busy.set(false);
            error.set("");
            refresh();
            if (then != null) {
                then.accept(added);
            }
        }, e -> {
            busy.set(false);
            error.set(ErrorText.of(e));
            status.set(ErrorText.of(e));
        });
    }

    private void narrow() {
        Instant now = clock.instant();
        CaptureStore s = store.get();
        Instant expiringBefore = now.plus(s != null ? s.options().expiringWithin()
                : org.scapscope.store.StoreOptions.DEFAULT_EXPIRING);
        CaptureQuery q = CaptureQuery.ALL.search(search.get()).onlyErrors(onlyErrors.get()).onlyExpiring(onlyExpiring.get());
        // a capture whose metadata is still to be read may or may not be an error, or expiring
        boolean needsMetadata = onlyErrors.get() || onlyExpiring.get();
        shown.setPredicate(c -> !(needsMetadata && pending.contains(c.id())) && q.matches(c, now, expiringBefore));
        updateStatus();
    }

    private void updateStatus() {
        if (busy.get()) {
            return;
        }
        status.set(shown.size() == all.size() ? String.format("%,d %s", all.size(), all.size() == 1 ? "capture" : "captures")
                : String.format("%,d of %,d captures", shown.size(), all.size()));
    }

    /** A store's captures and which of them are in the cache. */
    private record Listing(List<StoredCapture> captures, java.util.Set<String> cached) {
    }

    /** The first part of a listing, and the captures it lets the table show at once (null: none). */
    private record Early(CaptureStore.Listing listing, CaptureStore.Known known) {
    }
}
