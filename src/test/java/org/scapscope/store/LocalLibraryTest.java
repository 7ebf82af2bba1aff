package org.scapscope.store;

import java.io.IOException;
import java.nio.file.Path;

/** The capture store contract, on the local library: a folder. */
class LocalLibraryTest extends CaptureStoreContract {
    @Override
    CaptureStore newStore(StoreOptions options) throws IOException {
        return CaptureStore.local(library(), options);
    }

    @Override
    ObjectStore objects() {
        return new FolderObjects(library());
    }

    @Override
    boolean remote() {
        return false;
    }

    private Path library() {
        return tmp.resolve("library");
    }
}
