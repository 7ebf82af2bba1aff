package org.scapscope.store;

import java.net.URI;

/**
 * Where an S3-compatible store is and how to reach it.
 *
 * @param endpoint the service, e.g. {@code https://s3.eu-west-1.amazonaws.com} or
 *     {@code http://127.0.0.1:9000}; TLS certificates are checked against Java's trust store
 * @param region the region, or null for {@code us-east-1}
 * @param bucket the bucket
 * @param prefix the folder of the captures inside the bucket, or empty
 * @param pathStyle {@code https://host/bucket/key} addressing when true, {@code https://bucket.host/key} when false
 * @param credentials the keys to sign requests with
 */
public record S3Settings(URI endpoint, String region, String bucket, String prefix, boolean pathStyle,
                         S3Credentials credentials) {
    public S3Settings {
        if (endpoint == null
                || !("http".equalsIgnoreCase(endpoint.getScheme()) || "https".equalsIgnoreCase(endpoint.getScheme()))) {
            throw new IllegalArgumentException("the endpoint must be an http:// or https:// address, not '"
                    + shown(endpoint) + "'");
        }
        if (endpoint.getHost() == null) {
            String written = String.valueOf(endpoint);
            throw new IllegalArgumentException("the endpoint '" + shown(endpoint) + "' has no usable host name or port"
                    + " (a host name has letters, digits, dots and dashes; a port is 1 to 65535)"
                    + (shown(written).equals(written) ? "" : "; keys do not belong in the endpoint: give them by"
                    + " --profile, the environment or the store's saved settings"));
        }
        if (bucket == null || !bucket.matches("[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]")) {
            throw new IllegalArgumentException("'" + bucket + "' is not a bucket name (3 to 63 lower-case letters, "
                    + "digits, dots and dashes)");
        }
        prefix = Keys.normalizePrefix(prefix);
        region = region == null || region.isBlank() ? "us-east-1" : region;
    }

    /** {@code s3://bucket/prefix at endpoint}, without the credentials. */
    public String describe() {
        return "s3://" + bucket + (prefix.isEmpty() ? "" : "/" + prefix) + " at " + shown(endpoint);
    }

    /** An endpoint as messages show it: any user name and password written into it are shown as {@code ***}. */
    public static String shown(URI endpoint) {
        return shown(String.valueOf(endpoint));
    }

    /** An endpoint as written, as messages show it: see {@link #shown(URI)}. */
    public static String shown(String endpoint) {
        // a password may hold '/', '#' or '?', and the address may not parse as user@host: whatever
        // lies between the scheme and the last '@' goes
        return endpoint.replaceFirst("^([A-Za-z][A-Za-z0-9+.-]*:/*).*@", "$1***@");
    }

    @Override
    public String toString() {
        return describe() + " (" + credentials + ")";
    }
}
