package org.scapscope.view;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.scapscope.scap.MachineInfo;
import org.scapscope.scap.ScapWriter;
import org.scapscope.scap.ThreadRecord;

/**
 * A capture of HTTP over sockets that the real captures lack: buffers longer than sysdig prints
 * (a long URL, a Host or Content-Length header past the 80th byte, a status line past the 96th),
 * pipelined requests, a response with no request, cut-short and non-ASCII buffers, and a stream
 * that mentions {@code HTTP/} a thousand times without ever pairing. One process (curl, pid 100)
 * connects descriptors 4 to 19 to a web server and writes and reads on them, a nanosecond apart.
 *
 * <p>{@code main(FILE)} writes it, to make the sysdig goldens ({@code tools/make-http-goldens.sh}).
 */
final class HttpEdgeCapture {
    static final long T0 = 1_700_000_000_000_000_000L;
    private static final long PID = 100;
    private static final byte[] LOCAL = {10, 0, 0, 5};
    private static final byte[] WEB = {93, (byte) 184, (byte) 216, 34};

    private final ScapWriter w;
    private long ts = T0;

    private HttpEdgeCapture(ScapWriter w) {
        this.w = w;
    }

    public static void main(String[] args) throws IOException {
        Files.write(Path.of(args[0]), bytes());
    }

    static byte[] bytes() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ScapWriter w = new ScapWriter(out)) {
            w.sectionHeader(ByteOrder.LITTLE_ENDIAN, 1, 2)
                    .machineInfo(new MachineInfo(1, 1L << 30, 0, "box", 0))
                    .processList(8, List.of(new ThreadRecord(PID, PID, 1, 1, 1, "curl", "/usr/bin/curl",
                            "/usr/bin/curl", List.of("-s"), "/", 1024, 0, 1000, 1000, 100, 50, 0, 0, 0, List.of(), PID,
                            PID, List.of(), "/", 0, 0, 1000, false, 0, 0, 0, false, 0, 0, 0, false, false, -1)));
            new HttpEdgeCapture(w).write();
        }
        return out.toByteArray();
    }

    private void write() throws IOException {
        connect(4);
        send(4, "GET /caf\u00c3\u00a9?x=\u00ff HTTP/1.1\r\nHost: h\u00e9st\r\n\r\n");
        receive(4, "HTTP/1.1 200 OK\r\nContent-Length: 12\r\n\r\n");
        connect(5);
        send(5, "GET /" + "a".repeat(300) + " HTTP/1.1\r\nHost: big\r\n\r\n");
        receive(5, "HTTP/1.1 404 Not Found\r\n\r\n");
        connect(6);
        send(6, "GET /late HTTP/1.1\r\n\r\n");
        receive(6, "x".repeat(100) + " HTTP/1.1 201 Created\r\n");
        receive(6, "HTTP/1.1 202 Accepted\r\n");
        connect(7);
        send(7, "GET /h HTTP/1.1\r\nUser-Agent: " + "z".repeat(90) + "\r\nHost: farhost\r\n\r\n");
        receive(7, "HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\n");
        connect(8);
        send(8, "GET /cl HTTP/1.1\r\n\r\n");
        receive(8, "HTTP/1.1 200 OK\r\nServer: " + "s".repeat(80) + "\r\nContent-Length: 77\r\n\r\n");
        connect(9);
        send(9, "GET /st HTTP/1.1\r\n\r\n");
        receive(9, "HTTP/1.1 99999999999 OK\r\n\r\n");
        connect(10);
        send(10, "GET /p1 HTTP/1.1\r\n\r\nGET /p2 HTTP/1.1\r\n\r\n");
        receive(10, "HTTP/1.1 200 OK\r\n\r\nHTTP/1.1 200 OK\r\n\r\n");
        send(10, "GET /p3 HTTP/1.1\r\n\r\n");
        send(10, "GET /p4 HTTP/1.1\r\n\r\n");
        receive(10, "HTTP/1.1 204 No\r\n\r\n");
        receive(10, "HTTP/1.1 205 No\r\n\r\n");
        connect(11);
        receive(11, "HTTP/1.1 500 X\r\n");
        connect(12);
        send(12, "GET");
        send(12, "GET ");
        send(12, "GET /t");
        receive(12, "HTTP/1.1 206 P");
        connect(13);
        send(13, "GET\t/tab HTTP/1.1\r\n");
        send(13, "GET \u007f/del HTTP/1.1\r\n");
        receive(13, "HTTP/1.1 207 P\r\n");
        connect(14);
        send(14, "GET /" + "\u00c3\u00a9".repeat(50) + " HTTP/1.1\r\nHost: u\r\n\r\n");
        receive(14, "HTTP/1.1 208 OK\r\nContent-Length: 3\r\n\r\n");
        connect(15);
        send(15, "GET /" + "b".repeat(60) + " HTTP/1.1\r\nHost: u\r\n\r\n");
        receive(15, "HTTP/1.1 209 OK\r\nX: " + "\u0000".repeat(50) + "\r\nContent-Length: 33\r\n\r\n");
        connect(16);
        send(16, "GET /zero\u0000x HTTP/1.1\r\nHost: z\r\n\r\n");
        receive(16, "HTTP/1.1 210 OK\r\nContent-Length: 9\r\n\r\n");
        connect(17);
        send(17, "GET /a HTTP/1.1\r\nHost: one\r\nHost: two\r\n\r\n");
        receive(17, "HTTP/1.1 211 OK\r\nContent-Length: 10\r\nContent-Length: 20\r\n\r\n");
        connect(18);
        for (int i = 0; i < 1100; i++) {
            // a log shipper's stream: it mentions HTTP/ on every line, and never pairs
            send(18, "log line " + i + " HTTP/1.1 200\n");
        }
        connect(19);
        for (int i = 0; i < 10; i++) {
            send(19, "GET /r" + i + " HTTP/1.1\r\nHost: h\r\n\r\n");
            receive(19, "HTTP/1.1 200 OK\r\nContent-Length: 1\r\n\r\n");
        }
        send(19, "ABCDEFGHIJKLMNOPQRSTUVWXYZABCDEFGHIJ /method HTTP/1.1\r\n\r\n");
        receive(19, "HTTP/1.1 213 OK\r\n\r\n");
    }

    /** socket() returning fd, then connect() to the web server. */
    private void connect(long fd) throws IOException {
        call(18, 19, new Object[] {2L, 1L, 0L}, new Object[] {fd});
        call(22, 23, new Object[] {fd, ScapWriter.sockaddr(WEB, 80)},
                new Object[] {0L, ScapWriter.tuple(LOCAL, (int) (50000 + fd), WEB, 80)});
    }

    /** write() of the text's bytes (each character one byte, as Latin-1 has it). */
    private void send(long fd, String text) throws IOException {
        byte[] d = text.getBytes(StandardCharsets.ISO_8859_1);
        call(8, 9, new Object[] {fd, (long) d.length}, new Object[] {(long) d.length, d});
    }

    /** read() of the text's bytes. */
    private void receive(long fd, String text) throws IOException {
        byte[] d = text.getBytes(StandardCharsets.ISO_8859_1);
        call(6, 7, new Object[] {fd, 65536L}, new Object[] {(long) d.length, d});
    }

    private void call(int enter, int exit, Object[] enterParams, Object[] exitParams) throws IOException {
        w.event(0, ts++, PID, enter, enterParams);
        w.event(0, ts++, PID, exit, exitParams);
    }
}
