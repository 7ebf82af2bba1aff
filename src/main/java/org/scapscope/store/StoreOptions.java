package org.scapscope.store;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;

/**
 * How a capture store behaves on this machine: where downloads are cached, how long captures are
 * kept, when a capture counts as expiring, how many downloads run at once.
 *
 * @param cacheDir where downloaded captures are kept
 * @param retention how long a capture is kept when its metadata gives no expiry
 * @param expiringWithin how close to its expiry a capture is listed as expiring
 * @param maxDownloads downloads that run at once; more wait their turn
 * @param clock the time used for expiry
 */
public record StoreOptions(Path cacheDir, Duration retention, Duration expiringWithin, int maxDownloads, Clock clock) {
    public static final Duration DEFAULT_RETENTION = Duration.ofDays(90);
    public static final Duration DEFAULT_EXPIRING = Duration.ofDays(7);
    public static final int DEFAULT_MAX_DOWNLOADS = 3;

    public StoreOptions {
        if (retention.isNegative() || retention.isZero()) {
            throw new IllegalArgumentException("the retention must be positive, not " + retention);
        }
        if (maxDownloads < 1) {
            throw new IllegalArgumentException("at least one download must be allowed at once");
        }
    }

    /** The defaults, caching in {@code cacheDir}. */
    public static StoreOptions defaults(Path cacheDir) {
        return new StoreOptions(cacheDir, DEFAULT_RETENTION, DEFAULT_EXPIRING, DEFAULT_MAX_DOWNLOADS, Clock.systemUTC());
    }

    public StoreOptions withRetention(Duration d) {
        return new StoreOptions(cacheDir, d, expiringWithin, maxDownloads, clock);
    }

    public StoreOptions withClock(Clock c) {
        return new StoreOptions(cacheDir, retention, expiringWithin, maxDownloads, c);
    }

    public StoreOptions withMaxDownloads(int n) {
        return new StoreOptions(cacheDir, retention, expiringWithin, n, clock);
    }
}
