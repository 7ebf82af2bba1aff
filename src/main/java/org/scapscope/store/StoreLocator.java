package org.scapscope.store;

import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.Map;

/**
 * Opens the store a user names: nothing for the local library, {@code s3://BUCKET[/PREFIX]} for a
 * bucket, the name of a saved store, or a folder.
 */
public final class StoreLocator {
    /**
     * How to reach a bucket named on the command line; every part may be null.
     *
     * @param endpoint the S3 endpoint; AWS's for the region when null
     * @param region the region
     * @param pathStyle path-style addressing; when null, path style for any endpoint but AWS's
     * @param profile the AWS credentials profile
     */
    public record Connection(String endpoint, String region, Boolean pathStyle, String profile) {
        public static final Connection DEFAULT = new Connection(null, null, null, null);
    }

    private final Map<String, String> env;
    private final Path home;

    public StoreLocator(Map<String, String> env, Path home) {
        this.env = env;
        this.home = home;
    }

    public Path library() {
        return StorePaths.library(env, home);
    }

    /** The folder of the user's own views. */
    public Path views() {
        return StorePaths.views(env, home);
    }

    /** The folder of the user's Falco rules files. */
    public Path rules() {
        return StorePaths.rules(env, home);
    }

    public SavedStores saved() {
        return new SavedStores(StorePaths.config(env, home));
    }

    /** The store {@code spec} names; a folder that does not exist yet is made a capture library. */
    public CaptureStore open(String spec, Connection c, StoreOptions options) throws IOException {
        return open(spec, c, options, true);
    }

    /**
     * The store {@code spec} names. With {@code mayCreate} false, a folder that does not exist is
     * refused rather than made a new, empty library: reading from a mistyped path says so.
     */
    public CaptureStore open(String spec, Connection c, StoreOptions options, boolean mayCreate) throws IOException {
        if (spec == null || spec.isEmpty()) {
            return CaptureStore.local(library(), options);
        }
        if (spec.startsWith("s3://")) {
            String rest = spec.substring(5);
            int slash = rest.indexOf('/');
            String bucket = slash < 0 ? rest : rest.substring(0, slash);
            String prefix = slash < 0 ? "" : rest.substring(slash + 1);
            if (bucket.isEmpty()) {
                throw new StoreAddressException("'" + spec + "' names no bucket: an S3 store is written s3://BUCKET[/PREFIX]");
            }
            S3Credentials creds = S3Credentials.resolve(null, null, c.profile(), env, home);
            return CaptureStore.s3(s3(c.endpoint(), c.region(), bucket, prefix, c.pathStyle(), creds), options);
        }
        SavedStore s = saved().find(spec);
        if (s != null && !spec.contains("/")) {
            if (s.isLocal() && !mayCreate && !java.nio.file.Files.exists(Path.of(s.folder()))) {
                throw new StoreInputException("the folder " + s.folder() + " of the saved store " + spec
                        + " does not exist (is it mounted?)");
            }
            return open(s, options);
        }
        // a mistyped address or store name is not taken for a folder to create
        if (spec.matches("[A-Za-z][A-Za-z0-9+.-]+:/.*")) { // a scheme: two letters or more, so not C:/
            throw new StoreAddressException("'" + spec + "' is neither a folder nor a store's address: an S3 store is written"
                    + " s3://BUCKET[/PREFIX], in lower case");
        }
        if (!spec.contains("/") && !java.nio.file.Files.exists(Path.of(spec))) {
            throw new StoreAddressException("there is no saved store named '" + spec + "' and no folder " + spec
                    + " here; a new capture library is made from a path such as ./" + spec);
        }
        if (!mayCreate && !java.nio.file.Files.exists(Path.of(spec))) {
            throw new StoreInputException("there is no store folder " + spec
                    + "; a capture library is made there when a capture is first put in it");
        }
        return CaptureStore.local(Path.of(spec), options);
    }

    /** A saved store, with its saved secret. */
    public CaptureStore open(SavedStore s, StoreOptions options) throws IOException {
        return openWithSecret(s, s.accessKey() != null ? saved().secret(s.name()) : null, options);
    }

    /** A store's settings with the secret given (not saved): to test settings before saving them. */
    public CaptureStore openWithSecret(SavedStore s, String secret, StoreOptions options) throws IOException {
        if (s.isLocal()) {
            return CaptureStore.local(Path.of(s.folder()), options);
        }
        S3Credentials creds = S3Credentials.resolve(s.accessKey(), secret, s.profile(), env, home);
        return CaptureStore.s3(s3(s.endpoint(), s.region(), s.bucket(), s.prefix(), s.pathStyle(), creds), options);
    }

    private static S3Settings s3(String endpoint, String region, String bucket, String prefix, Boolean pathStyle,
            S3Credentials creds) throws StoreException {
        String ep = endpoint != null && !endpoint.isEmpty() ? endpoint
                : region == null || region.isEmpty() ? "https://s3.amazonaws.com" : "https://s3." + region + ".amazonaws.com";
        URI uri;
        try {
            uri = new URI(ep);
        } catch (URISyntaxException e) {
            throw new StoreAddressException("'" + S3Settings.shown(ep) + "' is not an endpoint address: " + e.getReason());
        }
        boolean aws = uri.getHost() != null && uri.getHost().endsWith("amazonaws.com");
        try {
            return new S3Settings(uri, region, bucket, prefix, pathStyle != null ? pathStyle : !aws, creds);
        } catch (IllegalArgumentException e) {
            throw new StoreAddressException(e.getMessage());
        }
    }
}
