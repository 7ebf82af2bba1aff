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
    /** What a test server writes on each connection, after it has read the request. */
    private interface Answer {
        void write(OutputStream out) throws IOException, InterruptedException;
    }

    /** A server on loopback that answers every request alike, one connection at a time, until closed. */
    private static ServerSocket serving(String name, Answer answer) throws IOException {
        ServerSocket server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread t = new Thread(() -> {
            while (!server.isClosed()) {
                try (Socket s = server.accept()) {
                    s.getInputStream().read(new byte[8192]); // the request, or enough of it
                    answer.write(s.getOutputStream());
                } catch (IOException | InterruptedException e) {
                    // the client gave up: wait for the next one
                }
            }
        }, name);
        t.setDaemon(true);
        t.start();
        return server;
    }

    private static S3Objects objectsAt(ServerSocket server, Duration deadline) {
        S3Settings settings = new S3Settings(URI.create("http://127.0.0.1:" + server.getLocalPort()), "us-east-1",
                "bucket", "", true, new S3Credentials("key", "secret", null, "test"));
        return new S3Objects(settings, deadline);
    }

    @Test
    void aServerThatTricklesItsAnswerIsGivenUpOnAtTheDeadline() throws Exception {
        byte[] head = "HTTP/1.1 200 OK\r\nContent-Type: application/xml\r\nX-Slow: ".getBytes(StandardCharsets.US_ASCII);
        try (ServerSocket server = serving("trickling server", out -> {
            for (int i = 0; ; i++) {
                // well within any read timeout, and never done
                out.write(i < head.length ? head[i] : 'a');
                out.flush();
                Thread.sleep(200);
            }
        })) {
            S3Objects objects = objectsAt(server, Duration.ofSeconds(2));
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
        try (ServerSocket server = serving("slow server", out -> {
            // the headers at once, then the bytes one by one: 3 s in all
            out.write(("HTTP/1.1 200 OK\r\nContent-Type: application/octet-stream\r\nContent-Length: " + body.length
                    + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            for (byte b : body) {
                Thread.sleep(100);
                out.write(b);
                out.flush();
            }
        })) {
            S3Objects objects = objectsAt(server, Duration.ofSeconds(1));
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
