package org.scapscope.state;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.scapscope.state.Replay.SHELL;
import static org.scapscope.state.Replay.T0;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.scapscope.scap.FdRecord;
import org.scapscope.scap.ScapWriter;

/** socket, bind, connect, accept and the tuples of connectionless I/O, as libsinsp's network parsers handle them. */
class SocketEventsTest {
    private static final int SOCKET_E = 18;
    private static final int SOCKET_X = 19;
    private static final int BIND_E = 20;
    private static final int BIND_X = 21;
    private static final int CONNECT_E = 22;
    private static final int CONNECT_X = 23;
    private static final int SENDTO_E = 30;
    private static final int SENDTO_X = 31;
    private static final int ACCEPT_5_E = 246;
    private static final int ACCEPT_5_X = 247;
    private static final long AF_INET = 2;
    private static final long AF_INET6 = 10;
    private static final long SOCK_STREAM = 1;
    private static final long SOCK_DGRAM = 2;
    private static final byte[] LOCAL = {10, 0, 0, 5};
    private static final byte[] REMOTE = {93, (byte) 184, (byte) 216, 34};

    @TempDir
    Path tmp;

    @Test
    void aConnectedTcpSocketIsNamedByItsTupleAndIsAClient() throws Exception {
        try (Replay r = Replay.of(tmp, w -> {
            w.event(0, T0, SHELL, SOCKET_E, AF_INET, SOCK_STREAM, 0L);
            w.event(0, T0 + 1, SHELL, SOCKET_X, 4L);
            w.event(0, T0 + 2, SHELL, CONNECT_E, 4L, ScapWriter.sockaddr(REMOTE, 443));
            w.event(0, T0 + 3, SHELL, CONNECT_X, 0L, ScapWriter.tuple(LOCAL, 51000, REMOTE, 443));
        })) {
            FdInfo fd = r.all().threads().get(SHELL).fd(4);
            assertEquals(FdRecord.IPV4_SOCK, fd.type());
            assertEquals("10.0.0.5:51000->93.184.216.34:443", fd.name());
            assertTrue(fd.isRoleClient());
            assertEquals(FdInfo.L4_TCP, fd.l4proto());
            assertTrue(fd.isConnected());
        }
    }

    @Test
    void bindTurnsASocketIntoAServerSocketAndAcceptAddsTheConnection() throws Exception {
        try (Replay r = Replay.of(tmp, w -> {
            w.event(0, T0, SHELL, SOCKET_E, AF_INET, SOCK_STREAM, 0L);
            w.event(0, T0 + 1, SHELL, SOCKET_X, 4L);
            w.event(0, T0 + 2, SHELL, BIND_E, 4L);
            w.event(0, T0 + 3, SHELL, BIND_X, 0L, ScapWriter.sockaddr(new byte[4], 8080));
            w.event(0, T0 + 4, SHELL, ACCEPT_5_E);
            w.event(0, T0 + 5, SHELL, ACCEPT_5_X, 5L, ScapWriter.tuple(REMOTE, 40000, LOCAL, 8080), 0L, 0L, 128L);
        })) {
            ThreadInfo t = r.all().threads().get(SHELL);
            FdInfo server = t.fd(4);
            assertEquals(FdRecord.IPV4_SERVSOCK, server.type());
            assertEquals(8080, server.v4ServerPort());
            assertEquals("0.0.0.0:8080", server.name());
            FdInfo conn = t.fd(5);
            assertEquals("93.184.216.34:40000->10.0.0.5:8080", conn.name());
            assertTrue(conn.isRoleServer());
        }
    }

    @Test
    void aDatagramSocketTakesItsAddressesFromSendto() throws Exception {
        try (Replay r = Replay.of(tmp, w -> {
            w.event(0, T0, SHELL, SOCKET_E, AF_INET, SOCK_DGRAM, 0L);
            w.event(0, T0 + 1, SHELL, SOCKET_X, 6L);
            w.event(0, T0 + 2, SHELL, SENDTO_E, 6L, 12L, ScapWriter.tuple(LOCAL, 5353, REMOTE, 53));
            w.event(0, T0 + 3, SHELL, SENDTO_X, 12L, "query".getBytes());
        })) {
            FdInfo fd = r.all().threads().get(SHELL).fd(6);
            assertEquals("10.0.0.5:5353->93.184.216.34:53", fd.name());
            assertEquals(FdInfo.L4_UDP, fd.v4Proto());
        }
    }

    @Test
    void ipv6AddressesPrintAsInetNtopWritesThem() {
        byte[] v6 = new byte[16];
        v6[0] = 0x20;
        v6[1] = 0x01;
        v6[2] = 0x0d;
        v6[3] = (byte) 0xb8;
        v6[15] = 3;
        assertEquals("2001:db8::3", AddressText.ip6(v6));
        byte[] mapped = new byte[16];
        mapped[10] = (byte) 0xff;
        mapped[11] = (byte) 0xff;
        mapped[12] = 10;
        mapped[15] = 1;
        assertEquals("::ffff:10.0.0.1", AddressText.ip6(mapped));
        assertEquals("::", AddressText.ip6(new byte[16]));
        byte[] loop = new byte[16];
        loop[15] = 1;
        assertEquals("::1", AddressText.ip6(loop));
        assertEquals("10.0.0.5:80", AddressText.sockaddrText(ScapWriter.sockaddr(LOCAL, 80)));
        assertEquals("family 1", AddressText.tupleText(new byte[] {1, 0}));
        assertEquals(AF_INET6, 10);
    }
}
