package org.scapscope.store;

import java.time.Instant;

/**
 * An object of a store's backing: its key, size, time and version tag (null where the backing has
 * none), and since when the store has had it, which retention counts from.
 *
 * @param stored the object's time in a bucket; in a folder, the later of when the file was written
 *     and when it came into the folder (a capture copied in with its old time kept is new there)
 */
record ObjectInfo(String key, long size, Instant lastModified, String etag, Instant stored) {
    ObjectInfo(String key, long size, Instant lastModified, String etag) {
        this(key, size, lastModified, etag, lastModified);
    }
}
