package org.scapscope.store;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * A store the user added, as kept in the settings folder: a folder, or an S3 bucket with how to
 * reach it. Its secret key is kept apart, in a file only the user can read (see {@link SavedStores}).
 *
 * @param name what the user calls it; unique
 * @param folder the folder of a local store, or null for S3
 * @param endpoint the S3 endpoint
 * @param region the S3 region, or null
 * @param bucket the bucket
 * @param prefix the folder in the bucket, or null
 * @param pathStyle path-style addressing
 * @param accessKey the access key, or null to use the environment or the AWS credentials file
 * @param profile the AWS credentials file profile to use, or null
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public record SavedStore(String name, String folder, String endpoint, String region, String bucket, String prefix,
                         boolean pathStyle, String accessKey, String profile) {
    public boolean isLocal() {
        return folder != null;
    }

    public static SavedStore local(String name, String folder) {
        return new SavedStore(name, folder, null, null, null, null, false, null, null);
    }

    public static SavedStore s3(String name, String endpoint, String region, String bucket, String prefix,
            boolean pathStyle, String accessKey, String profile) {
        return new SavedStore(name, null, endpoint, region, bucket, prefix, pathStyle, accessKey, profile);
    }
}
