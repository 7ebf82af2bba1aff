package org.scapscope.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import org.scapscope.scap.OpenOptions;
import org.scapscope.store.CaptureStore;
import org.scapscope.store.StoreLocator;
import org.scapscope.store.StoreOptions;
import org.scapscope.store.StorePaths;
import picocli.CommandLine.Option;

/** The options that name a capture store and how to reach it. */
final class StoreArgs {
    @Option(names = "--store", paramLabel = "STORE",
            description = "A folder, s3://BUCKET[/PREFIX], or the name of a saved store (default: the local library, "
                    + "$SCAPSCOPE_LIBRARY, else $XDG_DATA_HOME/scapscope/library).")
    String store;

    @Option(names = "--endpoint", paramLabel = "URL", description = "S3 endpoint (default: AWS for the region).")
    String endpoint;

    @Option(names = "--region", paramLabel = "REGION", description = "S3 region (default: us-east-1).")
    String region;

    @Option(names = "--path-style", negatable = true,
            description = "Path-style addressing (https://host/bucket/key); --no-path-style for virtual hosts "
                    + "(default: path style except on AWS).")
    Boolean pathStyle;

    @Option(names = "--profile", paramLabel = "NAME",
            description = "Profile of the AWS credentials file (default: $AWS_PROFILE, else default). Credentials "
                    + "come from AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, else that file.")
    String profile;

    @Option(names = "--cache", paramLabel = "DIR",
            description = "Where downloads are kept (default: $SCAPSCOPE_CACHE, else $XDG_CACHE_HOME/scapscope).")
    Path cache;

    @Option(names = "--retention-days", paramLabel = "DAYS",
            description = "Days a capture is kept when its metadata sets no expiry (default: 90).")
    Integer retentionDays;

    /** The store named, which must exist unless it is the local library. */
    CaptureStore open() throws IOException {
        return open(false);
    }

    /** The store named; with {@code mayCreate}, a folder that does not exist yet becomes a new library. */
    CaptureStore open(boolean mayCreate) throws IOException {
        StoreOptions options = StoreOptions.defaults(cache != null ? cache : OpenOptions.defaultCacheDir());
        if (retentionDays != null) {
            if (retentionDays < 1) {
                throw new picocli.CommandLine.TypeConversionException("--retention-days must be at least 1");
            }
            options = options.withRetention(Duration.ofDays(retentionDays));
        }
        if (store != null && store.isBlank()) {
            // left empty by a script: not taken for the local library, which it would otherwise be
            throw new picocli.CommandLine.TypeConversionException("--store is empty: give a folder, s3://BUCKET or a"
                    + " saved store's name, or leave the option out for the local library");
        }
        StoreLocator locator = new StoreLocator(System.getenv(), StorePaths.home());
        return locator.open(store, new StoreLocator.Connection(endpoint, region, pathStyle, profile), options, mayCreate);
    }
}
