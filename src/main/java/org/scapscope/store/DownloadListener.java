package org.scapscope.store;

/** Hears how a download goes. Called on the downloading thread. */
public interface DownloadListener {
    DownloadListener NONE = (done, total) -> { };

    /** {@code done} of {@code total} bytes are in the cache (a resumed download starts above 0). */
    void progress(long done, long total);

    /** The download waits for another to finish, as only so many run at once. */
    default void queued() {
    }

    /** The capture was already in the cache, intact: nothing was downloaded. */
    default void alreadyCached() {
    }

    /** The download goes on from {@code offset}, where an interrupted one stopped. */
    default void resumed(long offset) {
    }
}
