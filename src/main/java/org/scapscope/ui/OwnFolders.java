package org.scapscope.ui;

import java.nio.file.Path;
import org.scapscope.store.StoreLocator;

/**
 * Where the user's own views and Falco rules files are read from, as the capture being opened finds
 * them: a capture opened later reads them again, so a file dropped in meanwhile counts.
 */
record OwnFolders(Path views, Path rules) {
    static OwnFolders of(StoreLocator locator) {
        return new OwnFolders(locator.views(), locator.rules());
    }
}
