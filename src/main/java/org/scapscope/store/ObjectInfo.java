package org.scapscope.store;

import java.time.Instant;

/** An object of a store's backing: its key, size, time and version tag (null where the backing has none). */
record ObjectInfo(String key, long size, Instant lastModified, String etag) {
}
