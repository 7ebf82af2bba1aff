package org.scapscope.store;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** A server that answers a byte at a time, never finishing, is given up on, not waited for. */
class AnswerDeadlineTest {
    @Test
    void aServerThatTricklesItsAnswerIsGivenUpOnAtTheDeadline() throws Exception {
        try (ServerSocket server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            Thread trickler = new Thread(() -> {
                while (!server.isClosed()) {
                    try (Socket s = server.accept()) {
                        InputStream in = s.getInputStream();
                        in.read(new byte[8192]); // the request, or enough of it
                        OutputStream out = s.getOutputStream();
                        byte[] head = "HTTP/1.1 200 OK\r\nContent-Type: application/xml\r\nX-Slow: ".getBytes(
                                StandardCharsets.US_ASCII);
                        for (int i = 0; !server.isClosed(); i++) {
                            // well within any read timeout, and never done
                            out.write(i < head.length ? head[i] : 'a');
                            out.flush();
                            Thread.sleep(200);
                        }
                    } catch (IOException | InterruptedException e) {
                        // the client gave up: wait for the next one
                    }
                }
            }, "trickling server");
            trickler.setDaemon(true);
            trickler.start();
            S3Settings settings = new S3Settings(URI.create("http://127.0.0.1:" + server.getLocalPort()), "us-east-1",
                    "bucket", "", true, new S3Credentials("key", "secret", null, "test"));
            S3Objects objects = new S3Objects(settings, Duration.ofSeconds(2));
            IOException e = assertTimeoutPreemptively(Duration.ofSeconds(60),
                    () -> assertThrows(IOException.class, () -> objects.list("")));
            assertTrue(e.getMessage().contains("s3://bucket at http://127.0.0.1:" + server.getLocalPort()), e.getMessage());
            assertTrue(e.getMessage().contains("did not answer"), e.getMessage());
        }
    }

    @Test
    void aCapturesBytesMayTakeLongerWhileTheyKeepComingButMetadataMayNot() throws Exception {
        byte[] body = new byte[30];
        java.util.Arrays.fill(body, (byte) 'x');
        try (ServerSocket server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            Thread slow = new Thread(() -> {
                while (!server.isClosed()) {
                    try (Socket s = server.accept()) {
                        s.getInputStream().read(new byte[8192]);
                        OutputStream out = s.getOutputStream();
                        // the headers at once, then the bytes one by one: 3 s in all
                        out.write(("HTTP/1.1 200 OK\r\nContent-Type: application/octet-stream\r\nContent-Length: "
                                + body.length + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
                        out.flush();
                        for (byte b : body) {
                            Thread.sleep(100);
                            out.write(b);
                            out.flush();
                        }
                    } catch (IOException | InterruptedException e) {
                        // the client gave up: wait for the next one
                    }
                }
            }, "slow server");
            slow.setDaemon(true);
            slow.start();
            S3Settings settings = new S3Settings(URI.create("http://127.0.0.1:" + server.getLocalPort()), "us-east-1",
                    "bucket", "", true, new S3Credentials("key", "secret", null, "test"));
            S3Objects objects = new S3Objects(settings, Duration.ofSeconds(1));
            byte[] got = assertTimeoutPreemptively(Duration.ofSeconds(60), () -> {
                try (InputStream in = objects.read("c1.scap", 0)) {
                    return in.readAllBytes();
                }
            });
            assertArrayEquals(body, got, "the capture's bytes, all of them, past the deadline");
            IOException e = assertTimeoutPreemptively(Duration.ofSeconds(60),
                    () -> assertThrows(IOException.class, () -> objects.readAll("c1.json")));
            assertTrue(e.getMessage().contains("did not answer"), e.getMessage());
        }
    }
}
