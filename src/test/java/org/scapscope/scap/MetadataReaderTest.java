package org.scapscope.scap;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.scapscope.scap.TestCaptures.OPEN_E;
import static org.scapscope.scap.TestCaptures.T0;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.scapscope.RealCaptures;

/** Metadata blocks of every version, written and read back; and those of the real captures. */
class MetadataReaderTest {
    @TempDir
    Path tmp;

    private ScapFile open(Path p) throws Exception {
        return ScapFile.open(p, OpenOptions.defaults().cacheDir(tmp.resolve("cache")));
    }

    private static BlockRef only(ScapFile f, int type) {
        return f.metadataBlocks().stream().filter(b -> b.type() == type).findFirst().orElseThrow();
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 3, 4, 5, 6, 7, 8, 9})
    void processListsOfEveryVersionReadBackWithDefaultsForWhatTheyLack(int version) throws Exception {
        ThreadRecord t = TestCaptures.thread(4242, 4240, "nginx");
        for (ByteOrder order : new ByteOrder[] {ByteOrder.LITTLE_ENDIAN, ByteOrder.BIG_ENDIAN}) {
            Path p = TestCaptures.file(tmp, "pl" + version + order + ".scap", w -> w.sectionHeader(order, 1, 2)
                    .processList(version, List.of(t, TestCaptures.thread(4243, 4240, "worker")))
                    .event(0, T0, 1, OPEN_E, "/a", 0L, 0L));
            try (ScapFile f = open(p)) {
                BlockRef block = f.metadataBlocks().get(0);
                assertEquals(version, BlockType.processListVersion(block.type()));
                MetadataReader r = f.metadata(block);
                List<ThreadRecord> threads = r.threads();
                assertNull(r.problem());
                assertEquals(2, threads.size());
                ThreadRecord got = threads.get(0);
                assertEquals(4242, got.tid());
                assertEquals(4240, got.pid());
                assertEquals("nginx", got.comm());
                assertEquals("/usr/bin/nginx", got.exe());
                assertEquals(List.of("-x", "arg"), got.args());
                assertEquals("/home", got.cwd());
                assertEquals(1000, got.uid());
                assertEquals(version >= 6 ? 5 : -1, got.sid());
                assertEquals(version >= 8 ? 6 : -1, got.vpgid());
                assertEquals(version >= 7 ? "/usr/bin/nginx" : "", got.exepath());
                assertEquals(version >= 2 ? 20 : 0, got.vmRssKb());
                assertEquals(version >= 3 ? List.of("A=1", "B=2") : List.of(), got.env());
                assertEquals(version >= 4 ? 4242 : -1, got.vtid());
                assertEquals(version >= 4 ? List.of("cpuset=/", "memory=/user.slice") : List.of(), got.cgroups());
                assertEquals(version >= 5 ? "/" : "", got.root());
                assertEquals(version == 9 ? 3 : 0, got.tty());
                assertEquals(version == 9 ? 1000 : 0xFFFF_FFFFL, got.loginuid());
                assertEquals(version == 9 ? 42 : -1, got.pgid());
                assertEquals(version == 9 ? 789 : 0, got.exeInoMtime());
                assertEquals("worker", threads.get(1).comm());
            }
        }
    }

    @Test
    void processListV9WithTheOldTailReadsLoginuidOnly() throws Exception {
        // A 2019-era entry: the fixed fields, then loginuid alone.
        ByteBuffer e = ByteBuffer.allocate(200).order(ByteOrder.LITTLE_ENDIAN);
        e.putInt(0).putLong(10).putLong(10).putLong(1).putLong(-1).putLong(-1);
        for (String s : new String[] {"sh", "/bin/sh", "/bin/sh"}) {
            e.putShort((short) s.length()).put(s.getBytes());
        }
        e.putShort((short) 0).putShort((short) 1).put((byte) '/').putLong(1024).putInt(0).putInt(0).putInt(0)
                .putInt(0).putInt(0).putInt(0).putLong(0).putLong(0).putShort((short) 0).putLong(10).putLong(10)
                .putShort((short) 0).putShort((short) 0).putInt(1234);
        int len = e.position();
        e.putInt(0, len);
        byte[] body = new byte[len];
        e.flip();
        e.get(body);
        Path p = TestCaptures.file(tmp, "v9old.scap", w -> w.sectionHeader(ByteOrder.LITTLE_ENDIAN, 1, 2)
                .block(BlockType.PL_V9, body).event(0, T0, 1, OPEN_E, "/a", 0L, 0L));
        try (ScapFile f = open(p)) {
            ThreadRecord t = f.metadata(only(f, BlockType.PL_V9)).threads().get(0);
            assertEquals(1234, t.loginuid());
            assertEquals(0, t.tty());
            assertEquals(-1, t.pgid());
        }
    }

    @Test
    void internalBlockNumbersReadLikeTheirOfficialTwins() throws Exception {
        byte[] bytes = TestCaptures.bytes(w -> w.sectionHeader(ByteOrder.LITTLE_ENDIAN, 1, 0)
                .machineInfo(TestCaptures.machine())
                .processList(1, List.of(TestCaptures.thread(5, 5, "init")))
                .fdList(false, 5, List.of(file(3, "/var/log/x")))
                .event(BlockType.EV, 0, 0, T0, 5, OPEN_E, "/a", 0L, 0L));
        retype(bytes, BlockType.MI, BlockType.MI_INT);
        retype(bytes, BlockType.PL_V1, BlockType.PL_V1_INT);
        retype(bytes, BlockType.FDL, BlockType.FDL_INT);
        retype(bytes, BlockType.EV, BlockType.EV_INT);
        Path p = tmp.resolve("int.scap");
        Files.write(p, bytes);
        try (ScapFile f = open(p)) {
            assertEquals("testhost", f.machineInfo().hostname());
            assertEquals("init", f.metadata(only(f, BlockType.PL_V1_INT)).threads().get(0).comm());
            assertEquals("/var/log/x", f.metadata(only(f, BlockType.FDL_INT)).fds().get(0).name());
            assertEquals(1, f.eventCount());
            assertEquals("/a", f.read(0, f.newEvent()).paramAsString(0));
        }
    }

    private static FdRecord file(long fd, String name) {
        return new FdRecord(5, fd, 77, FdRecord.FILE, name, 0, 0, null, null, 0, 0, 0, 0, 0);
    }

    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void fdListsOfEveryDescriptorType(boolean v2) throws Exception {
        byte[] a4 = {10, 0, 0, 1};
        byte[] b4 = {10, 0, 0, 2};
        byte[] a6 = new byte[16];
        a6[15] = 1;
        List<FdRecord> fds = List.of(
                file(0, "/dev/null"),
                new FdRecord(5, 1, 2, FdRecord.FILE_V2, "/etc/passwd", 0x41, v2 ? 0x803 : 0, null, null, 0, 0, 0, 0, 0),
                new FdRecord(5, 2, 3, FdRecord.IPV4_SOCK, "", 0, 0, a4, b4, 4000, 80, 2, 0, 0),
                new FdRecord(5, 3, 4, FdRecord.IPV4_SERVSOCK, "", 0, 0, a4, null, 8080, 0, 2, 0, 0),
                new FdRecord(5, 4, 5, FdRecord.IPV6_SOCK, "", 0, 0, a6, a6, 5000, 443, 3, 0, 0),
                new FdRecord(5, 5, 6, FdRecord.IPV6_SERVSOCK, "", 0, 0, a6, null, 22, 0, 2, 0, 0),
                new FdRecord(5, 6, 7, FdRecord.UNIX_SOCK, "/run/x.sock", 0, 0, null, null, 0, 0, 0, 0x1234, 0x5678),
                new FdRecord(5, 7, 8, FdRecord.EVENTPOLL, "", 0, 0, null, null, 0, 0, 0, 0, 0),
                new FdRecord(5, 8, 9, FdRecord.PIDFD, "pidfd", 0, 0, null, null, 0, 0, 0, 0, 0));
        Path p = TestCaptures.file(tmp, "fd" + v2 + ".scap", w -> w.sectionHeader(ByteOrder.LITTLE_ENDIAN, 1, 2)
                .fdList(v2, 5, fds).event(0, T0, 1, OPEN_E, "/a", 0L, 0L));
        try (ScapFile f = open(p)) {
            MetadataReader r = f.metadata(only(f, v2 ? BlockType.FDL_V2 : BlockType.FDL));
            assertEquals(5, r.fdListThread());
            List<FdRecord> got = r.fds();
            assertNull(r.problem());
            assertEquals(fds.size(), got.size());
            for (int i = 0; i < fds.size(); i++) {
                FdRecord want = fds.get(i);
                FdRecord have = got.get(i);
                assertEquals(want.fd(), have.fd());
                assertEquals(want.type(), have.type());
                assertEquals(want.name(), have.name());
                assertEquals(want.sourcePort(), have.sourcePort());
                assertEquals(want.destPort(), have.destPort());
                assertEquals(want.l4proto(), have.l4proto());
                assertEquals(want.openFlags(), have.openFlags());
                assertEquals(want.dev(), have.dev());
                assertEquals(want.unixSource(), have.unixSource());
                if (want.sourceIp() != null) {
                    assertArrayEquals(want.sourceIp(), have.sourceIp());
                }
            }
        }
    }

    @Test
    void anUnknownFdTypeIsSkippedInV2AndEndsAV1List() throws Exception {
        byte[] unknown = ByteBuffer.allocate(8 + 4 + 8 + 8 + 1 + 4 + 4 + 8 + 8 + 1 + 2 + 1)
                .order(ByteOrder.LITTLE_ENDIAN)
                .putLong(5)
                .putInt(4 + 8 + 8 + 1 + 4).putLong(1).putLong(2).put((byte) 99).putInt(0xABCD)
                .putInt(4 + 8 + 8 + 1 + 2 + 1).putLong(2).putLong(3).put((byte) FdRecord.FILE).putShort((short) 1)
                .put((byte) 'f')
                .array();
        Path p = TestCaptures.file(tmp, "fdunk.scap", w -> w.sectionHeader(ByteOrder.LITTLE_ENDIAN, 1, 2)
                .block(BlockType.FDL_V2, unknown).event(0, T0, 1, OPEN_E, "/a", 0L, 0L));
        try (ScapFile f = open(p)) {
            List<FdRecord> got = f.metadata(only(f, BlockType.FDL_V2)).fds();
            assertEquals(2, got.size());
            assertEquals("unknown-type:[99]", got.get(0).name());
            assertEquals("f", got.get(1).name());
        }
        Path p1 = TestCaptures.file(tmp, "fdunk1.scap", w -> w.sectionHeader(ByteOrder.LITTLE_ENDIAN, 1, 2)
                .block(BlockType.FDL, new byte[] {5, 0, 0, 0, 0, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 2, 0, 0, 0, 0, 0,
                    0, 0, 99, 0, 0, 0})
                .event(0, T0, 1, OPEN_E, "/a", 0L, 0L));
        try (ScapFile f = open(p1)) {
            MetadataReader r = f.metadata(only(f, BlockType.FDL));
            assertEquals(0, r.fds().size());
            assertTrue(r.problem().contains("unknown type 99"), r.problem());
        }
    }

    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void interfaceAndUserListsReadBack(boolean v2) throws Exception {
        byte[] six = new byte[16];
        six[0] = (byte) 0xfe;
        six[1] = (byte) 0x80;
        List<InterfaceRecord> ifs = List.of(
                new InterfaceRecord(false, "eth0", new byte[] {10, 1, 2, 3}, new byte[] {-1, -1, -1, 0},
                        new byte[] {10, 1, 2, -1}, 1000),
                new InterfaceRecord(true, "eth0", six, six, six, 1000));
        List<UserRecord> users = List.of(new UserRecord(false, 33, 33, "www-data", "/var/www", "/usr/sbin/nologin"),
                new UserRecord(true, -1, 4, "adm", "", ""));
        Path p = TestCaptures.file(tmp, "il" + v2 + ".scap", w -> w.sectionHeader(ByteOrder.BIG_ENDIAN, 1, 2)
                .interfaceList(v2, ifs).userList(v2, users).event(0, T0, 1, OPEN_E, "/a", 0L, 0L));
        try (ScapFile f = open(p)) {
            List<InterfaceRecord> gotIfs = f.metadata(only(f, v2 ? BlockType.IL_V2 : BlockType.IL)).interfaces();
            assertEquals(2, gotIfs.size());
            assertEquals("eth0", gotIfs.get(0).name());
            assertArrayEquals(new byte[] {10, 1, 2, 3}, gotIfs.get(0).address());
            assertEquals(1000, gotIfs.get(0).linkSpeed());
            assertTrue(gotIfs.get(1).ipv6());
            List<UserRecord> gotUsers = f.metadata(only(f, v2 ? BlockType.UL_V2 : BlockType.UL)).users();
            assertEquals(users, gotUsers);
        }
    }

    @Test
    void everyMetadataBlockOfTheRealCapturesParses() throws Exception {
        for (Path capture : RealCaptures.all()) {
            try (ScapFile f = open(capture)) {
                int threads = 0;
                for (BlockRef b : f.metadataBlocks()) {
                    MetadataReader r = f.metadata(b);
                    threads += r.threads().size();
                    r.fds();
                    r.interfaces();
                    r.users();
                    assertNull(r.problem(), capture + ": " + r.problem());
                }
                assertTrue(threads > 0, capture + " lists its threads");
                assertNotNull(f.machineInfo(), capture + " has machine info");
            }
        }
    }

    /** Changes the type of the first block of {@code from} to {@code to}, header and all. */
    private static void retype(byte[] capture, int from, int to) {
        ByteBuffer b = ByteBuffer.wrap(capture).order(ByteOrder.LITTLE_ENDIAN);
        int pos = 0;
        while (pos + 8 <= capture.length) {
            int type = b.getInt(pos);
            int len = b.getInt(pos + 4);
            if (type == from) {
                b.putInt(pos, to);
                return;
            }
            pos += len;
        }
        throw new AssertionError("no block of type " + from);
    }
}
