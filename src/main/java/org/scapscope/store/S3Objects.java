package org.scapscope.store;

import io.minio.GetObjectArgs;
import io.minio.GetObjectResponse;
import io.minio.ListObjectsArgs;
import io.minio.MinioClient;
import io.minio.PutObjectArgs;
import io.minio.RemoveObjectArgs;
import io.minio.Result;
import io.minio.StatObjectArgs;
import io.minio.StatObjectResponse;
import io.minio.BucketExistsArgs;
import io.minio.credentials.StaticProvider;
import io.minio.http.HttpUtils;
import okhttp3.ConnectionPool;
import okhttp3.OkHttpClient;
import io.minio.errors.ErrorResponseException;
import io.minio.errors.InvalidResponseException;
import io.minio.errors.ServerException;
import io.minio.errors.XmlParserException;
import io.minio.messages.Item;
import java.io.ByteArrayInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletionService;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorCompletionService;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.function.LongConsumer;

/** Objects in an S3-compatible bucket, through the MinIO client. */
final class S3Objects implements ObjectStore {
    private static final Set<String> NOT_FOUND = Set.of("NoSuchKey", "NoSuchObject", "ResourceNotFound", "NotFound");
    private static final Set<String> REFUSED = Set.of("AccessDenied", "InvalidAccessKeyId", "SignatureDoesNotMatch",
            "InvalidToken", "ExpiredToken", "AuthorizationHeaderMalformed", "InvalidSecurity");

    private final S3Settings settings;
    private final MinioClient client;
    /** Lists the parts of a listing cut by {@link #list(String, List)}. */
    private final ExecutorService listers = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "listing part");
        t.setDaemon(true);
        return t;
    });
    private volatile boolean bucketSeen;

    /** The longest a server may take over an answer other than a capture's bytes: see {@link AnswerDeadline}. */
    static final Duration ANSWER_DEADLINE = Duration.ofSeconds(120);

    S3Objects(S3Settings settings) {
        this(settings, ANSWER_DEADLINE);
    }

    S3Objects(S3Settings settings, Duration answerDeadline) {
        this.settings = settings;
        S3Credentials c = settings.credentials();
        MinioClient.Builder b = MinioClient.builder()
                .endpoint(settings.endpoint().toString())
                .region(settings.region());
        b.credentialsProvider(new StaticProvider(c.accessKey(), c.secretKey(), c.sessionToken()));
        // connections kept for the parallel metadata reads of a listing, and timeouts that notice a dead server
        OkHttpClient http = HttpUtils.newDefaultHttpClient(TimeUnit.SECONDS.toMillis(10), TimeUnit.SECONDS.toMillis(60),
                TimeUnit.SECONDS.toMillis(60)).newBuilder()
                .connectionPool(new ConnectionPool(32, 2, TimeUnit.MINUTES))
                .addInterceptor(new AnswerDeadline(answerDeadline))
                .build();
        http.dispatcher().setMaxRequestsPerHost(32);
        b.httpClient(http);
        client = b.build();
        if (settings.pathStyle()) {
            client.disableVirtualStyleEndpoint();
        } else {
            client.enableVirtualStyleEndpoint();
        }
    }

    @Override
    public String location() {
        return settings.describe();
    }

    @Override
    public List<ObjectInfo> list(String prefix) throws IOException {
        List<ObjectInfo> out = listPart(prefix, null, null);
        bucketSeen = true;
        return out;
    }

    /**
     * Lists the parts between the cuts at once, each a listing of its own that stops past its last
     * key; the first part to fail fails the listing at once.
     */
    @Override
    public List<ObjectInfo> list(String prefix, List<String> cuts) throws IOException {
        List<String> bounds = cuts.stream().sorted(Keys.LISTING_ORDER).distinct().collect(Collectors.toList());
        if (bounds.isEmpty()) {
            return list(prefix);
        }
        int n = bounds.size() + 1;
        CompletionService<Integer> done = new ExecutorCompletionService<>(listers);
        List<List<ObjectInfo>> parts = new ArrayList<>(Collections.nCopies(n, null));
        List<Future<Integer>> running = new ArrayList<>();
        try {
            for (int p = 0; p < n; p++) {
                int part = p;
                String after = p == 0 ? null : bounds.get(p - 1);
                String last = p == n - 1 ? null : bounds.get(p);
                running.add(done.submit(() -> {
                    parts.set(part, listPart(prefix, after, last));
                    return part;
                }));
            }
            for (int p = 0; p < n; p++) {
                done.take().get();
            }
        } catch (RejectedExecutionException e) {
            throw new StoreException("the store " + location() + " is closed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("the listing of " + location() + " was interrupted");
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof IOException) {
                throw (IOException) cause;
            }
            if (cause instanceof Error) {
                throw (Error) cause;
            }
            throw fail("list the captures of", null, cause instanceof Exception ? (Exception) cause : e);
        } finally {
            for (Future<Integer> f : running) {
                f.cancel(true);
            }
        }
        List<ObjectInfo> out = new ArrayList<>();
        for (List<ObjectInfo> part : parts) {
            out.addAll(part);
        }
        bucketSeen = true;
        return out;
    }

    /**
     * The objects directly under {@code prefix} whose keys come after {@code after} and not after
     * {@code last} (null for no bound), in the bucket's order; S3 lists from a key with the first
     * version of its listing.
     */
    List<ObjectInfo> listPart(String prefix, String after, String last) throws IOException {
        List<ObjectInfo> out = new ArrayList<>();
        try {
            ListObjectsArgs.Builder args = ListObjectsArgs.builder().bucket(settings.bucket())
                    .prefix(prefix.isEmpty() ? "" : prefix + "/").recursive(false).maxKeys(1000);
            if (after != null) {
                args.useApiVersion1(true).marker(after);
            }
            for (Result<Item> r : client.listObjects(args.build())) {
                Item i = r.get();
                if (last != null && Keys.LISTING_ORDER.compare(i.objectName(), last) > 0) {
                    break;
                }
                if (i.isDir() || i.objectName().endsWith("/")) {
                    continue;
                }
                Instant modified = i.lastModified() == null ? Instant.EPOCH : i.lastModified().toInstant();
                out.add(new ObjectInfo(i.objectName(), i.size(), modified, stripQuotes(i.etag())));
            }
        } catch (Exception e) {
            throw fail("list the captures of", null, e);
        }
        return out;
    }

    @Override
    public ObjectInfo stat(String key) throws IOException {
        try {
            StatObjectResponse r = client.statObject(StatObjectArgs.builder().bucket(settings.bucket()).object(key).build());
            bucketSeen = true;
            return new ObjectInfo(key, r.size(), r.lastModified().toInstant(), stripQuotes(r.etag()));
        } catch (ErrorResponseException e) {
            if (NOT_FOUND.contains(e.errorResponse().code()) || e.response() != null && e.response().code() == 404) {
                if (!bucketSeen) {
                    checkBucket();
                }
                return null;
            }
            throw fail("look up", key, e);
        } catch (Exception e) {
            throw fail("look up", key, e);
        }
    }

    private void checkBucket() throws IOException {
        boolean exists;
        try {
            exists = client.bucketExists(BucketExistsArgs.builder().bucket(settings.bucket()).build());
        } catch (Exception e) {
            throw fail("reach", null, e);
        }
        if (!exists) {
            throw new StoreException("the bucket " + settings.bucket() + " does not exist at " + endpointShown());
        }
        bucketSeen = true;
    }

    @Override
    public InputStream read(String key, long offset) throws IOException {
        return read(key, offset, null);
    }

    @Override
    public InputStream read(String key, long offset, String etag) throws IOException {
        try {
            GetObjectArgs.Builder b = GetObjectArgs.builder().bucket(settings.bucket()).object(key);
            if (offset > 0) {
                b.offset(offset);
            }
            if (etag != null) {
                b.matchETag(etag);
            }
            return client.getObject(b.build());
        } catch (ErrorResponseException e) {
            if (etag != null && "PreconditionFailed".equals(e.errorResponse().code())) {
                ObjectInfo now = stat(key);
                if (now != null && etag.equals(now.etag())) {
                    // the same version, refused for the form of its tag (servers differ on quoting it)
                    return read(key, offset, null);
                }
                throw new ObjectChangedException("the object " + key + " in " + location()
                        + " was replaced since it was listed (its version tag is no longer " + etag + ")", e);
            }
            throw fail("read", key, e);
        } catch (Exception e) {
            throw fail("read", key, e);
        }
    }

    @Override
    public byte[] readAll(String key) throws IOException {
        try (InputStream in = read(key, 0)) {
            return in.readAllBytes();
        } catch (StoreException e) {
            throw e;
        } catch (IOException e) {
            throw fail("read", key, e);
        }
    }

    @Override
    public byte[] readBeforeListing(String key, long maxBytes) throws IOException {
        try (GetObjectResponse in = client.getObject(GetObjectArgs.builder().bucket(settings.bucket()).object(key).build())) {
            String length = in.headers().get("Content-Length");
            if (length != null && length.matches("\\d{1,18}") && Long.parseLong(length) > maxBytes) {
                return null;
            }
            byte[] bytes = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, maxBytes + 1));
            return bytes.length > maxBytes ? null : bytes;
        } catch (ErrorResponseException e) {
            if ("NoSuchBucket".equals(e.errorResponse().code())) {
                throw fail("list the captures of", null, e);
            }
            return null; // none, or not this user's to read
        } catch (Exception e) {
            if (unreachable(e)) {
                throw fail("list the captures of", null, e);
            }
            return null; // a server error or a dropped read: the listing goes on without it
        }
    }

    /** Whether a failure says the server cannot be reached at all (refused, unknown, no route, no answer). */
    private static boolean unreachable(Throwable e) {
        for (Throwable c = e; c != null; c = c.getCause()) {
            if (c instanceof ConnectException || c instanceof UnknownHostException || c instanceof NoRouteToHostException
                    || c instanceof SocketTimeoutException) {
                return true;
            }
        }
        return false;
    }

    @Override
    public void write(String key, Path file, LongConsumer sent) throws IOException {
        long size = Files.size(file);
        try (InputStream in = new Counting(Files.newInputStream(file), sent)) {
            client.putObject(PutObjectArgs.builder().bucket(settings.bucket()).object(key).stream(in, size, -1)
                    .contentType("application/octet-stream").build());
        } catch (Exception e) {
            throw fail("upload", key, e);
        }
    }

    @Override
    public void write(String key, byte[] data) throws IOException {
        try {
            client.putObject(PutObjectArgs.builder().bucket(settings.bucket()).object(key)
                    .stream(new ByteArrayInputStream(data), data.length, -1).contentType("application/json").build());
        } catch (Exception e) {
            throw fail("write", key, e);
        }
    }

    @Override
    public void delete(Collection<String> keys) throws IOException {
        for (String key : keys) {
            try {
                client.removeObject(RemoveObjectArgs.builder().bucket(settings.bucket()).object(key).build());
            } catch (ErrorResponseException e) {
                // deleting what is not there is done, as S3 itself answers
                if (!NOT_FOUND.contains(e.errorResponse().code())) {
                    throw fail("delete", key, e);
                }
            } catch (Exception e) {
                throw fail("delete", key, e);
            }
        }
    }

    /** The endpoint as messages show it (no password written into it). */
    private String endpointShown() {
        return S3Settings.shown(settings.endpoint());
    }

    /**
     * A failure as a sentence naming the store and the object; the secret key and session token
     * never appear in it, whatever the client library's own message held.
     */
    private StoreException fail(String action, String key, Exception e) {
        StoreException f = failure(action, key, e);
        String shown = settings.credentials() == null ? f.getMessage() : settings.credentials().masked(f.getMessage());
        return shown.equals(f.getMessage()) ? f : new StoreException(shown, null);
    }

    private StoreException failure(String action, String key, Exception e) {
        String what = key == null ? location() : key + " in " + location();
        if (e instanceof StoreException) {
            return (StoreException) e;
        }
        if (e instanceof ErrorResponseException) {
            String code = ((ErrorResponseException) e).errorResponse().code();
            String message = ((ErrorResponseException) e).errorResponse().message();
            if ("NoSuchBucket".equals(code)) {
                return new StoreException("the bucket " + settings.bucket() + " does not exist at " + endpointShown(), e);
            }
            if (NOT_FOUND.contains(code)) {
                return new StoreException("there is no object " + what, e);
            }
            if (REFUSED.contains(code)) {
                return new StoreException(endpointShown() + " refused the credentials (" + settings.credentials()
                        + ") to " + action + " " + what + ": " + code, e);
            }
            return new StoreException("cannot " + action + " " + what + ": the server answered " + code
                    + (message != null ? " (" + message + ")" : ""), e);
        }
        if (e instanceof InvalidResponseException) {
            return new StoreException("cannot " + action + " " + what + ": " + endpointShown()
                    + " does not answer like an S3 server", e);
        }
        if (e instanceof ServerException) {
            return new StoreException("cannot " + action + " " + what + ": the server failed ("
                    + ((ServerException) e).statusCode() + ")", e);
        }
        Throwable cause = e;
        while (cause.getCause() != null && !(cause instanceof ConnectException)) {
            cause = cause.getCause();
        }
        if (e instanceof IOException || cause instanceof ConnectException) {
            return new StoreException("cannot " + action + " " + what + ": cannot reach " + endpointShown() + ": "
                    + Messages.of(cause instanceof ConnectException ? cause : e), e);
        }
        if (e instanceof XmlParserException || cause.getClass().getName().startsWith("org.simpleframework.xml")
                || e instanceof NullPointerException && fromXmlReading(e)) {
            // a web server that is not S3 answers with a page the client cannot read as S3's XML
            return new StoreException("cannot " + action + " " + what + ": " + endpointShown()
                    + " does not answer like an S3 server (is it the right endpoint?)", e);
        }
        return new StoreException("cannot " + action + " " + what + ": " + Messages.of(e), e);
    }

    /** Whether an exception was thrown while the client read a response's XML. */
    private static boolean fromXmlReading(Exception e) {
        for (StackTraceElement el : e.getStackTrace()) {
            if (el.getClassName().startsWith("org.simpleframework.xml") || el.getClassName().startsWith("io.minio.Xml")
                    || el.getClassName().startsWith("io.minio.messages")) {
                return true;
            }
        }
        return false;
    }

    private static String stripQuotes(String etag) {
        if (etag == null) {
            return null;
        }
        return etag.startsWith("\"") && etag.endsWith("\"") && etag.length() >= 2 ? etag.substring(1, etag.length() - 1) : etag;
    }

    /** Reports the bytes read through it. */
    private static final class Counting extends FilterInputStream {
        private final LongConsumer sent;
        private long count;

        Counting(InputStream in, LongConsumer sent) {
            super(in);
            this.sent = sent;
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) {
                tell(1);
            }
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = super.read(b, off, len);
            if (n > 0) {
                tell(n);
            }
            return n;
        }

        private void tell(int n) {
            count += n;
            if (sent != null) {
                sent.accept(count);
            }
        }
    }

    @Override
    public void close() {
        listers.shutdownNow();
        try {
            client.close();
        } catch (Exception ignored) {
            // nothing left to release
        }
    }
}
