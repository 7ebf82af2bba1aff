package org.scapscope.store;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.time.Duration;
import java.util.Properties;
import org.gaul.s3proxy.AuthenticationType;
import org.gaul.s3proxy.S3Proxy;
import org.jclouds.ContextBuilder;
import org.jclouds.blobstore.BlobStore;
import org.jclouds.blobstore.BlobStoreContext;

/**
 * A real S3 server on loopback for the store tests: S3Proxy over jclouds' in-memory "transient" blob store,
 * with AWS v2/v4 signatures checked against {@link #ACCESS_KEY} and {@link #SECRET_KEY}.
 *
 * <p>{@link #stop()} takes the HTTP server down but keeps the objects; {@link #start()} brings it back on the same
 * port over the same blob store, so a client cut off by a stop can carry on after the start. Nothing leaves
 * 127.0.0.1, and no Docker is needed.
 */
public final class S3ProxyServer implements AutoCloseable {
    public static final String ACCESS_KEY = "test-access-key";
    public static final String SECRET_KEY = "test-secret-key";
    public static final String HOST = "127.0.0.1";

    private static final Duration START_TIMEOUT = Duration.ofSeconds(10);

    private final BlobStoreContext context;
    private final BlobStore blobStore;
    /** 0 until the first start has picked a free port; the same port ever after. */
    private int port;
    private S3Proxy proxy;

    /** Creates the store and starts the server on a free port. */
    public S3ProxyServer() {
        context = ContextBuilder.newBuilder("transient")
                .credentials(ACCESS_KEY, SECRET_KEY)
                .overrides(new Properties())
                .build(BlobStoreContext.class);
        blobStore = context.getBlobStore();
        try {
            start();
        } catch (RuntimeException e) {
            context.close();
            throw e;
        }
    }

    /** Where the server listens: {@code http://127.0.0.1:PORT}, for path-style clients. */
    public URI endpoint() {
        return URI.create("http://" + HOST + ":" + port);
    }

    public int port() {
        return port;
    }

    /** The store behind the server, to seed or inspect objects without going through HTTP. */
    public BlobStore blobStore() {
        return blobStore;
    }

    public synchronized boolean isRunning() {
        return proxy != null;
    }

    /**
     * Starts the server on its port (a free one the first time) and returns once it accepts connections.
     * Does nothing if it is running.
     */
    public synchronized void start() {
        if (proxy != null) {
            return;
        }
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        S3Proxy next;
        // The port was ours a moment ago; if its socket is not yet released, try again until the deadline.
        while (true) {
            next = S3Proxy.builder()
                    .blobStore(blobStore)
                    .endpoint(URI.create("http://" + HOST + ":" + port))
                    .awsAuthentication(AuthenticationType.AWS_V2_OR_V4, ACCESS_KEY, SECRET_KEY)
                    .jettyMaxThreads(32)
                    .build();
            try {
                next.start();
                break;
            } catch (Exception e) {
                stopQuietly(next);
                if (port == 0 || System.nanoTime() > deadline) {
                    throw new IllegalStateException("S3Proxy did not start on " + HOST + ":" + port, e);
                }
                sleep(20);
            }
        }
        proxy = next;
        port = next.getPort();
        awaitAccepting(deadline);
    }

    /** Stops the HTTP server, cutting off any request in flight; the objects stay. Does nothing if stopped. */
    public synchronized void stop() {
        if (proxy == null) {
            return;
        }
        S3Proxy current = proxy;
        proxy = null;
        try {
            current.stop();
        } catch (Exception e) {
            throw new IllegalStateException("S3Proxy did not stop", e);
        }
    }

    public void createBucket(String bucket) {
        blobStore.createContainerInLocation(null, bucket);
    }

    /** Stops the server and drops the store. */
    @Override
    public synchronized void close() {
        try {
            stop();
        } finally {
            context.close();
        }
    }

    private void awaitAccepting(long deadline) {
        while (true) {
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress(HOST, port), 1000);
                return;
            } catch (IOException e) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("S3Proxy is not accepting on " + HOST + ":" + port, e);
                }
                sleep(10);
            }
        }
    }

    private static void stopQuietly(S3Proxy proxy) {
        try {
            proxy.stop();
        } catch (Exception ignored) {
            // It never started.
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
