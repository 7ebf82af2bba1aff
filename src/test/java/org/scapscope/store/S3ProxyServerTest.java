package org.scapscope.store;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.minio.GetObjectArgs;
import io.minio.GetObjectResponse;
import io.minio.ListObjectsArgs;
import io.minio.MakeBucketArgs;
import io.minio.MinioClient;
import io.minio.PutObjectArgs;
import io.minio.Result;
import io.minio.StatObjectArgs;
import io.minio.UploadObjectArgs;
import io.minio.errors.ErrorResponseException;
import io.minio.messages.Item;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The S3 fixture is a real S3 server: the MinIO client stores, lists, reads and ranges objects through it. */
@Timeout(30)
class S3ProxyServerTest {
    private static final String BUCKET = "captures";

    private static S3ProxyServer server;
    private static MinioClient client;

    @BeforeAll
    static void startServer() {
        server = new S3ProxyServer();
        client = client(S3ProxyServer.ACCESS_KEY, S3ProxyServer.SECRET_KEY);
    }

    @AfterAll
    static void stopServer() {
        if (server != null) {
            server.close();
        }
    }

    private static MinioClient client(String accessKey, String secretKey) {
        return MinioClient.builder()
                .endpoint(server.endpoint().toString())
                .credentials(accessKey, secretKey)
                .region("us-east-1")
                .build();
    }

    private static byte[] randomBytes(int size, long seed) {
        byte[] bytes = new byte[size];
        new Random(seed).nextBytes(bytes);
        return bytes;
    }

    private static void put(String bucket, String object, byte[] bytes) throws Exception {
        client.putObject(PutObjectArgs.builder().bucket(bucket).object(object)
                .stream(new ByteArrayInputStream(bytes), bytes.length, -1).build());
    }

    private static byte[] get(GetObjectArgs args) throws Exception {
        try (GetObjectResponse in = client.getObject(args)) {
            return in.readAllBytes();
        }
    }

    private static List<Item> list(String bucket, boolean recursive) throws Exception {
        List<Item> items = new ArrayList<>();
        for (Result<Item> result : client.listObjects(
                ListObjectsArgs.builder().bucket(bucket).recursive(recursive).build())) {
            items.add(result.get());
        }
        return items;
    }

    @Test
    void endpointIsLoopback() {
        assertEquals("http", server.endpoint().getScheme());
        assertEquals("127.0.0.1", server.endpoint().getHost());
        assertTrue(server.endpoint().getPort() > 0);
    }

    @Test
    void putListGetAndRange() throws Exception {
        client.makeBucket(MakeBucketArgs.builder().bucket("made-by-client").build());
        byte[] bytes = randomBytes(3 * 1024 * 1024 + 17, 1);
        put("made-by-client", "dir/capture.scap", bytes);

        List<Item> items = list("made-by-client", true);
        assertEquals(1, items.size());
        assertEquals("dir/capture.scap", items.get(0).objectName());
        assertEquals(bytes.length, items.get(0).size());
        // Without recursive(true) the MinIO client lists with delimiter "/": the folder, not the object.
        List<Item> top = list("made-by-client", false);
        assertEquals(1, top.size());
        assertEquals("dir/", top.get(0).objectName());
        assertTrue(top.get(0).isDir());

        assertArrayEquals(bytes, get(GetObjectArgs.builder().bucket("made-by-client").object("dir/capture.scap").build()));

        long offset = 1_000_003;
        assertArrayEquals(Arrays.copyOfRange(bytes, (int) offset, bytes.length),
                get(GetObjectArgs.builder().bucket("made-by-client").object("dir/capture.scap").offset(offset).build()));
        assertArrayEquals(Arrays.copyOfRange(bytes, (int) offset, (int) offset + 4096),
                get(GetObjectArgs.builder().bucket("made-by-client").object("dir/capture.scap")
                        .offset(offset).length(4096L).build()));
    }

    @Test
    void stopRefusesRequestsAndStartServesTheSameObjectsOnTheSamePort() throws Exception {
        String bucket = "restart";
        server.createBucket(bucket);
        byte[] bytes = randomBytes(64 * 1024, 2);
        put(bucket, "kept", bytes);
        var endpoint = server.endpoint();

        server.stop();
        try {
            var down = assertThrows(ConnectException.class,
                    () -> client.statObject(StatObjectArgs.builder().bucket(bucket).object("kept").build()));
            assertTrue(down.getMessage().contains("127.0.0.1"), down.getMessage());
        } finally {
            server.start();
        }

        assertEquals(endpoint, server.endpoint());
        assertEquals(bytes.length, client.statObject(StatObjectArgs.builder().bucket(bucket).object("kept").build()).size());
        assertArrayEquals(bytes, get(GetObjectArgs.builder().bucket(bucket).object("kept").build()));
    }

    @Test
    void downloadCutOffByStopResumesWithARangeAfterStart() throws Exception {
        String bucket = "resume";
        server.createBucket(bucket);
        // Bigger than what loopback socket buffers hold, so the stop really cuts the body short.
        byte[] bytes = randomBytes(16 * 1024 * 1024, 3);
        put(bucket, "big", bytes);

        ByteArrayOutputStream received = new ByteArrayOutputStream();
        try (InputStream in = client.getObject(GetObjectArgs.builder().bucket(bucket).object("big").build())) {
            byte[] buffer = new byte[64 * 1024];
            received.write(buffer, 0, in.readNBytes(buffer, 0, buffer.length));
            server.stop();
            assertThrows(IOException.class, () -> {
                int n;
                while ((n = in.read(buffer)) >= 0) {
                    received.write(buffer, 0, n);
                }
            });
        } catch (IOException closing) {
            // Closing a cut-off response may complain too.
        } finally {
            server.start();
        }
        int have = received.size();
        assertTrue(have > 0 && have < bytes.length, "received " + have);

        byte[] rest = get(GetObjectArgs.builder().bucket(bucket).object("big").offset((long) have).build());
        byte[] whole = Arrays.copyOf(received.toByteArray(), have + rest.length);
        System.arraycopy(rest, 0, whole, have, rest.length);
        assertArrayEquals(bytes, whole);
    }

    @Test
    void missingBucketAndObjectAreS3Errors() throws Exception {
        var noBucket = assertThrows(ErrorResponseException.class,
                () -> client.statObject(StatObjectArgs.builder().bucket("no-such-bucket").object("x").build()));
        assertEquals(404, noBucket.response().code());

        var noBucketGet = assertThrows(ErrorResponseException.class,
                () -> get(GetObjectArgs.builder().bucket("no-such-bucket").object("x").build()));
        assertEquals("NoSuchBucket", noBucketGet.errorResponse().code());

        server.createBucket(BUCKET);
        var noObject = assertThrows(ErrorResponseException.class,
                () -> get(GetObjectArgs.builder().bucket(BUCKET).object("no-such-object").build()));
        assertEquals("NoSuchKey", noObject.errorResponse().code());
    }

    @Test
    void wrongCredentialsAreRefused() throws Exception {
        server.createBucket(BUCKET);
        put(BUCKET, "secret", new byte[] {1, 2, 3});

        var wrongSecret = assertThrows(ErrorResponseException.class,
                () -> client(S3ProxyServer.ACCESS_KEY, "wrong-secret-key")
                        .statObject(StatObjectArgs.builder().bucket(BUCKET).object("secret").build()));
        assertEquals(403, wrongSecret.response().code());

        var wrongSecretGet = assertThrows(ErrorResponseException.class,
                () -> client(S3ProxyServer.ACCESS_KEY, "wrong-secret-key")
                        .getObject(GetObjectArgs.builder().bucket(BUCKET).object("secret").build()));
        assertEquals("SignatureDoesNotMatch", wrongSecretGet.errorResponse().code());

        var wrongKey = assertThrows(ErrorResponseException.class,
                () -> client("wrong-access-key", S3ProxyServer.SECRET_KEY)
                        .getObject(GetObjectArgs.builder().bucket(BUCKET).object("secret").build()));
        assertEquals("InvalidAccessKeyId", wrongKey.errorResponse().code());
    }

    @Test
    void multipartUpload(@TempDir Path dir) throws Exception {
        String bucket = "multipart";
        server.createBucket(bucket);
        byte[] bytes = randomBytes(12 * 1024 * 1024, 4);
        Path file = dir.resolve("twelve-megabytes.scap");
        Files.write(file, bytes);

        client.uploadObject(UploadObjectArgs.builder().bucket(bucket).object("twelve")
                .filename(file.toString(), 5L * 1024 * 1024).build());

        assertEquals(bytes.length, client.statObject(StatObjectArgs.builder().bucket(bucket).object("twelve").build()).size());
        assertArrayEquals(bytes, get(GetObjectArgs.builder().bucket(bucket).object("twelve").build()));
    }
}
