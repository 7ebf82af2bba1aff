package org.scapscope.state;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Paths;
import org.scapscope.scap.ScapWriter;

/**
 * A capture, written with the project's writer in sysdig 0.29.3's event layouts, of a shell (tid
 * 100) using sockets: a TCP client, a TCP server that binds, listens and accepts, a UDP socket that
 * sends and receives datagrams, an IPv6 client, a unix-socket client, a refused connect, shutdown and
 * close. The golden lines in golden/synthetic-net were printed by sysdig 0.29.3 from it ({@link
 * #main} writes it; tools/make-state-goldens.sh regenerates them).
 */
final class NetCapture {
    private static final long AF_UNIX = 1;
    private static final long AF_INET = 2;
    private static final long AF_INET6 = 10;
    private static final long SOCK_STREAM = 1;
    private static final long SOCK_DGRAM = 2;
    private static final byte[] LOCAL = {10, 0, 0, 5};
    private static final byte[] WEB = {93, (byte) 184, (byte) 216, 34};
    private static final byte[] PEER = {(byte) 192, (byte) 168, 1, 20};
    private static final byte[] DNS = {8, 8, 8, 8};
    private static final byte[] ANY = new byte[4];
    private static final byte[] LOCAL6 = ip6(0x20, 0x01, 0x0d, 0xb8, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 5);
    private static final byte[] REMOTE6 = ip6(0x26, 0x06, 0x28, 0x00, 0x02, 0x20, 0, 1, 0x2, 0x48, 0x18, 0x93,
            0x25, 0xc8, 0x19, 0x46);

    private NetCapture() {
    }

    private static byte[] ip6(int... b) {
        byte[] out = new byte[16];
        for (int i = 0; i < 16; i++) {
            out[i] = (byte) b[i];
        }
        return out;
    }

    /** A unix-socket tuple: the two kernel addresses and the path. */
    private static byte[] unixTuple(long source, long dest, String path) {
        byte[] p = path.getBytes(StandardCharsets.UTF_8);
        ByteBuffer b = ByteBuffer.allocate(1 + 16 + p.length + 1).order(ByteOrder.LITTLE_ENDIAN);
        b.put((byte) AF_UNIX).putLong(source).putLong(dest).put(p).put((byte) 0);
        return b.array();
    }

    private static byte[] unixAddress(String path) {
        byte[] p = path.getBytes(StandardCharsets.UTF_8);
        ByteBuffer b = ByteBuffer.allocate(1 + p.length + 1);
        b.put((byte) AF_UNIX).put(p).put((byte) 0);
        return b.array();
    }

    static byte[] bytes() throws IOException {
        return ShellCapture.bytes(p -> {
            // a TCP client
            p.call(18, 19, new Object[] {AF_INET, SOCK_STREAM, 0L}, new Object[] {4L});
            p.call(22, 23, new Object[] {4L, ScapWriter.sockaddr(WEB, 443)},
                    new Object[] {0L, ScapWriter.tuple(LOCAL, 51000, WEB, 443)});
            p.call(30, 31, new Object[] {4L, 5L, ScapWriter.tuple(LOCAL, 51000, WEB, 443)},
                    new Object[] {5L, "hello".getBytes(StandardCharsets.UTF_8)});
            // a TCP server: bind, listen, accept4
            p.call(18, 19, new Object[] {AF_INET, SOCK_STREAM, 0L}, new Object[] {5L});
            p.call(20, 21, new Object[] {5L}, new Object[] {0L, ScapWriter.sockaddr(ANY, 8080)});
            p.call(24, 25, new Object[] {5L, 128L}, new Object[] {0L});
            p.call(248, 249, new Object[] {0L},
                    new Object[] {6L, ScapWriter.tuple(PEER, 40000, LOCAL, 8080), 0L, 0L, 128L});
            p.call(34, 35, new Object[] {6L, 64L},
                    new Object[] {3L, "GET".getBytes(StandardCharsets.UTF_8), new byte[0]});
            // a UDP socket
            p.call(18, 19, new Object[] {AF_INET, SOCK_DGRAM, 17L}, new Object[] {7L});
            p.call(30, 31, new Object[] {7L, 12L, ScapWriter.tuple(LOCAL, 5353, DNS, 53)},
                    new Object[] {12L, "query".getBytes(StandardCharsets.UTF_8)});
            p.call(34, 35, new Object[] {7L, 512L},
                    new Object[] {40L, "answer".getBytes(StandardCharsets.UTF_8),
                            ScapWriter.tuple(DNS, 53, LOCAL, 5353)});
            // an IPv6 client
            p.call(18, 19, new Object[] {AF_INET6, SOCK_STREAM, 0L}, new Object[] {8L});
            p.call(22, 23, new Object[] {8L, ScapWriter.sockaddr(REMOTE6, 80)},
                    new Object[] {0L, ScapWriter.tuple(LOCAL6, 52000, REMOTE6, 80)});
            // a unix-socket client
            p.call(18, 19, new Object[] {AF_UNIX, SOCK_STREAM, 0L}, new Object[] {9L});
            p.call(22, 23, new Object[] {9L, unixAddress("/run/app.sock")},
                    new Object[] {0L, unixTuple(0xffff8880aaaa0000L, 0xffff8880bbbb0000L, "/run/app.sock")});
            // a refused connect
            p.call(18, 19, new Object[] {AF_INET, SOCK_STREAM, 0L}, new Object[] {10L});
            p.call(22, 23, new Object[] {10L, ScapWriter.sockaddr(PEER, 9)},
                    new Object[] {-111L, ScapWriter.tuple(LOCAL, 51001, PEER, 9)});
            // shutdown and close
            p.call(36, 37, new Object[] {4L, 1L}, new Object[] {0L});
            p.call(4, 5, new Object[] {4L}, new Object[] {0L});
            for (long fd = 4; fd <= 10; fd++) {
                p.call(6, 7, new Object[] {fd, 16L}, new Object[] {0L, new byte[0]});
            }
        });
    }

    public static void main(String[] args) throws IOException {
        Files.write(Paths.get(args[0]), bytes());
    }
}
