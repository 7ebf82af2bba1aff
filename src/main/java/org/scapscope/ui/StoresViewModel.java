package org.scapscope.ui;

import java.io.IOException;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import org.scapscope.store.CaptureStore;
import org.scapscope.store.SavedStore;
import org.scapscope.store.StoreLocator;
import org.scapscope.store.StoreOptions;

/** The stores sidebar: the local library and the stores the user added, and the one selected. */
public final class StoresViewModel {
    /** One store of the sidebar; {@code saved} is null for the local library. */
    public record Entry(String name, SavedStore saved) {
        public boolean isLibrary() {
            return saved == null;
        }

        @Override
        public String toString() {
            return name;
        }
    }

    public static final String LIBRARY = "Local library";

    private final StoreLocator locator;
    private final StoreOptions options;
    private final ObservableList<Entry> entries = FXCollections.observableArrayList();
    private final ObjectProperty<Entry> selected = new SimpleObjectProperty<>();

    public StoresViewModel(StoreLocator locator, StoreOptions options) {
        this.locator = locator;
        this.options = options;
    }

    public ObservableList<Entry> entries() {
        return entries;
    }

    public ObjectProperty<Entry> selectedProperty() {
        return selected;
    }

    public StoreLocator locator() {
        return locator;
    }

    public StoreOptions options() {
        return options;
    }

    /** Reads the saved stores again; keeps the selection when it is still there. */
    public void reload() throws IOException {
        Entry was = selected.get();
        entries.setAll(new Entry(LIBRARY, null));
        for (SavedStore s : locator.saved().all()) {
            entries.add(new Entry(s.name(), s));
        }
        Entry keep = entries.get(0);
        if (was != null) {
            for (Entry e : entries) {
                if (e.name().equals(was.name())) {
                    keep = e;
                }
            }
        }
        selected.set(keep);
    }

    /** Opens a store of the sidebar. */
    public CaptureStore open(Entry e) throws IOException {
        return e.isLibrary() ? CaptureStore.local(locator.library(), options) : locator.open(e.saved(), options);
    }

    /** Adds or replaces a saved store; {@code secret} null keeps the saved one. */
    public void save(SavedStore store, String secret) throws IOException {
        locator.saved().save(store, secret);
        reload();
        for (Entry e : entries) {
            if (e.name().equals(store.name())) {
                selected.set(e);
            }
        }
    }

    public void remove(Entry e) throws IOException {
        if (e.isLibrary()) {
            return;
        }
        locator.saved().remove(e.name());
        reload();
    }

    /** Tries a store's settings: lists it once. Returns how many captures it holds. */
    public int test(SavedStore store, String secret) throws IOException {
        String name = "__connection_test__";
        SavedStore probe = new SavedStore(name, store.folder(), store.endpoint(), store.region(), store.bucket(),
                store.prefix(), store.pathStyle(), store.accessKey(), store.profile());
        if (probe.isLocal()) {
            try (CaptureStore s = CaptureStore.local(java.nio.file.Path.of(probe.folder()), options)) {
                return s.list().size();
            }
        }
        try (CaptureStore s = locator.openWithSecret(probe, secret, options)) {
            return s.list().size();
        }
    }
}
