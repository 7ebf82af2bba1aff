package org.scapscope.scap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.scapscope.scap.TestCaptures.OPEN_E;
import static org.scapscope.scap.TestCaptures.OPEN_X;
import static org.scapscope.scap.TestCaptures.READ_X;
import static org.scapscope.scap.TestCaptures.T0;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.util.Arrays;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ScapFileTest {
    @TempDir
    Path tmp;

    private ScapFile open(Path p) throws Exception {
        return ScapFile.open(p, OpenOptions.defaults().cacheDir(tmp.resolve("cache")));
    }

    @Test
    void readsEventsOfTheCurrentLayout() throws Exception {
        Path p = TestCaptures.file(tmp, "simple.scap", TestCaptures::simple);
        try (ScapFile f = open(p)) {
            assertEquals(3, f.eventCount());
            assertEquals(3, f.visibleEventCount());
            ScapEvent e = f.read(2, f.newEvent());
            assertEquals(3, e.number());
            assertEquals(T0 + 20, e.ts());
            assertEquals(100, e.tid());
            assertEquals(READ_X, e.type());
            assertEquals(2, e.cpu());
            assertFalse(e.isEnter());
            assertEquals(4, e.paramCount());
            assertEquals(5, e.paramAsLong(0));
            assertEquals("hello", new String(e.paramBytes(1)));
            assertEquals(3, e.paramAsLong(e.paramIndex("fd")));
            f.read(1, e);
            assertEquals("/etc/passwd", e.paramAsString(1));
            assertEquals(99, e.paramAsLong(5));
            assertEquals(T0, f.firstTs());
            assertEquals(T0 + 20, f.lastTs());
            assertEquals("testhost", f.machineInfo().hostname());
            assertEquals(4, f.machineInfo().cpus());
            assertTrue(f.warnings().isEmpty(), f.warnings().toString());
        }
    }

    @Test
    void bigEndianSectionReadsTheSameAsLittleEndian() throws Exception {
        TestCaptures.Content content = w -> w.sectionHeader(ByteOrder.BIG_ENDIAN, 1, 2)
                .machineInfo(TestCaptures.machine())
                .event(3, T0 + 5, 4242, OPEN_X, -2L, "/nope", 1L, 0L, 0L, 0L);
        try (ScapFile f = open(TestCaptures.file(tmp, "be.scap", content))) {
            assertTrue(f.sections().get(0).bigEndian());
            ScapEvent e = f.read(0, f.newEvent());
            assertEquals(T0 + 5, e.ts());
            assertEquals(4242, e.tid());
            assertEquals(3, e.cpu());
            assertEquals(-2, e.paramAsLong(0));
            assertEquals("/nope", e.paramAsString(1));
            assertEquals("testhost", f.machineInfo().hostname());
        }
    }

    @Test
    void sectionsFollowEachOtherAndNumberingContinues() throws Exception {
        TestCaptures.Content content = w -> {
            TestCaptures.simple(w);
            w.sectionHeader(ByteOrder.BIG_ENDIAN, 1, 0)
                    .event(0, T0 + 100, 7, OPEN_E, "/b", 0L, 0L);
            w.sectionHeader(ByteOrder.LITTLE_ENDIAN, 1, 1)
                    .event(0, T0 + 200, 8, OPEN_E, "/c", 0L, 0L);
        };
        try (ScapFile f = open(TestCaptures.file(tmp, "multi.scap", content))) {
            assertEquals(3, f.sections().size());
            assertEquals(5, f.eventCount());
            assertEquals(List.of(0L, 3L, 4L), f.sections().stream().map(Section::firstEvent).toList());
            ScapEvent e = f.read(3, f.newEvent());
            assertEquals(4, e.number());
            assertEquals("/b", e.paramAsString(0));
            assertEquals(1, f.sectionOf(3));
            assertEquals("/c", f.read(4, e).paramAsString(0));
            assertEquals(2, f.sectionOf(4));
            assertEquals("1.0", f.sections().get(1).version());
        }
    }

    @Test
    void oldLayoutEventsGetTheirParameterCountFromTheirLength() throws Exception {
        TestCaptures.Content content = w -> w.sectionHeader(ByteOrder.LITTLE_ENDIAN, 1, 0)
                // open exit as written in 2014: fd, name, flags, mode (no dev, no ino)
                .event(BlockType.EV, 0, 1, T0, 9, OPEN_X, 4L, "/etc/hosts", 1L, 0L)
                .event(BlockType.EV_INT, 0, 0, T0 + 1, 9, READ_X, 2L, "hi".getBytes())
                .event(BlockType.EVF, 1, 2, T0 + 2, 9, OPEN_E, "/x", 0L, 0L);
        try (ScapFile f = open(TestCaptures.file(tmp, "v1.scap", content))) {
            assertEquals(3, f.eventCount());
            ScapEvent e = f.read(0, f.newEvent());
            assertEquals(4, e.paramCount());
            assertEquals("/etc/hosts", e.paramAsString(1));
            assertEquals(-1, e.paramIndex("dev"));
            int dev = EventSchema.get().event(OPEN_X).paramIndex("dev");
            assertTrue(dev >= 4, "the current layout has dev after the four old parameters");
            assertEquals(0, e.paramLength(dev), "a parameter the old layout lacks reads as empty");
            assertEquals(0, e.paramAsLong(dev));
            assertEquals("", e.paramAsString(dev));
            assertEquals(2, f.read(1, e).paramCount());
            // read's current layout adds fd at position 2, where the open event before held flags=1
            int fd = EventSchema.get().event(READ_X).paramIndex("fd");
            assertEquals(2, fd);
            assertEquals(0, e.paramLength(fd));
            assertEquals(0, e.paramAsLong(fd), "nothing of the previous event shows through");
            assertEquals("hi", new String(e.paramBytes(1)));
            f.read(2, e);
            assertEquals(2, e.cpu());
            assertEquals(1, e.dumpFlags());
            assertTrue(ScapFile.isHidden(e), "state-only events are hidden");
            assertEquals(2, f.visibleEventCount());
        }
    }

    @Test
    void largePayloadEventsUse32BitLengths() throws Exception {
        String json = "{\"container\":{\"id\":\"abc\",\"name\":\"web\"}}";
        TestCaptures.Content content = w -> w.sectionHeader(ByteOrder.LITTLE_ENDIAN, 1, 2)
                .event(0, T0, -1, EventTypes.CONTAINER_JSON_2_E, json)
                .event(0, T0 + 1, 1, OPEN_E, "/a", 0L, 0L);
        Path p = TestCaptures.file(tmp, "large.scap", content);
        try (ScapFile f = open(p)) {
            ScapEvent e = f.read(0, f.newEvent());
            assertEquals(json, e.paramAsString(0));
            assertTrue(ScapFile.isHidden(e));
            assertEquals(1, f.visibleEventCount());
            assertEquals(Long.valueOf(1), f.info().blockCounts().get("EV_V2_LARGE"));
        }
    }

    @Test
    void unknownBlocksAreSkippedAndCountedAndUnknownEventTypesKept() throws Exception {
        TestCaptures.Content content = w -> w.sectionHeader(ByteOrder.LITTLE_ENDIAN, 1, 2)
                .block(0x7777, new byte[] {1, 2, 3, 4, 5})
                .event(0, T0, 1, 1000, 5L, 6L)
                .block(0x7778, new byte[0])
                .event(0, T0 + 1, 1, OPEN_E, "/a", 0L, 0L);
        try (ScapFile f = open(TestCaptures.file(tmp, "unknown.scap", content))) {
            assertEquals(2, f.eventCount());
            ScapEvent e = f.read(0, f.newEvent());
            assertEquals(1000, e.type());
            assertEquals(null, e.info());
            assertEquals(2, e.paramCount());
            assertEquals("unknown", EventSchema.get().displayName(1000));
            assertTrue(f.warnings().stream().anyMatch(s -> s.contains("2 block(s) of unknown type")), f.warnings().toString());
            assertEquals(Long.valueOf(1), f.info().blockCounts().get("0x00007777"));
        }
    }

    @Test
    void userAndGroupRecordsAreNotNumberedAsEvents() throws Exception {
        TestCaptures.Content content = w -> w.sectionHeader(ByteOrder.LITTLE_ENDIAN, 1, 2)
                .event(0, T0, -1, EventTypes.USER_ADDED_E, 0L, 0L, "root", "/root", "/bin/sh", "")
                .event(0, T0, -1, EventTypes.GROUP_ADDED_E, 0L, "root", "")
                .event(0, T0 + 1, 1, OPEN_E, "/a", 0L, 0L);
        try (ScapFile f = open(TestCaptures.file(tmp, "users.scap", content))) {
            assertEquals(1, f.eventCount());
            assertEquals(2, f.stateRecordCount());
            ScapEvent r = f.readStateRecord(0, f.newEvent());
            assertEquals(EventTypes.USER_ADDED_E, r.type());
            assertEquals("root", r.paramAsString(2));
            assertEquals(0, r.index(), "the record precedes event 0");
            assertEquals(1, f.read(0, f.newEvent()).number());
        }
    }

    @Test
    void eachSectionHasItsOwnTablesAndRecordsFoundByLookUp() throws Exception {
        int sections = 40;
        TestCaptures.Content content = w -> {
            for (int s = 0; s < sections; s++) {
                // byte orders alternate: each record is read in its own section's order
                w.sectionHeader(s % 2 == 0 ? ByteOrder.LITTLE_ENDIAN : ByteOrder.BIG_ENDIAN, 1, 2)
                        .userList(true, List.of(new UserRecord(false, s, s, "table" + s, "/", "/bin/sh")))
                        .event(0, T0 + s, -1, EventTypes.USER_ADDED_E, (long) s, (long) s, "user" + s, "/", "/bin/sh", "");
                for (int k = 0; k < s % 3; k++) {
                    w.event(0, T0 + s, 1, OPEN_E, "/a", 0L, 0L);
                }
            }
        };
        try (ScapFile f = open(TestCaptures.file(tmp, "sections.scap", content))) {
            assertEquals(sections, f.sections().size());
            assertEquals(sections, f.stateRecordCount());
            ScapEvent r = f.newEvent();
            for (int i = 0; i < f.stateRecordCount(); i++) {
                f.readStateRecord(i, r);
                assertEquals("user" + i, r.paramAsString(2), "record " + i);
                assertEquals(f.sections().get(i).firstEvent(), r.index(), "the event record " + i + " precedes");
            }
            for (long e = 0; e <= f.eventCount(); e++) {
                int expected = 0;
                while (expected < f.stateRecordCount() && f.readStateRecord(expected, r).index() < e) {
                    expected++;
                }
                assertEquals(expected, f.firstStateRecordAt(e), "first record at event " + e);
            }
            for (int s = -1; s <= sections; s++) {
                int section = s;
                assertEquals(f.metadataBlocks().stream().filter(b -> b.section() == section).toList(),
                        f.metadataBlocks(section), "blocks of section " + s);
            }
            assertEquals(1, f.metadataBlocks(7).size());
            assertEquals("table7", f.metadata(f.metadataBlocks(7).get(0)).users().get(0).name());
        }
    }

    @Test
    void firstEventAtOrAfterATimeIsFoundWithoutScanning() throws Exception {
        TestCaptures.Content content = w -> {
            w.sectionHeader(ByteOrder.LITTLE_ENDIAN, 1, 2);
            w.event(0, 0, 0, EventTypes.CONTAINER_JSON_E, "{}");
            for (int i = 0; i < 2000; i++) {
                w.event(0, T0 + 10L * i, 1, OPEN_E, "/a", 0L, 0L);
            }
        };
        try (ScapFile f = open(TestCaptures.file(tmp, "times.scap", content))) {
            assertEquals(2001, f.eventCount());
            assertEquals(1, f.firstEventAtOrAfter(0 + 1));
            assertEquals(0, f.firstEventAtOrAfter(0));
            assertEquals(1 + 700, f.firstEventAtOrAfter(T0 + 7000));
            assertEquals(1 + 701, f.firstEventAtOrAfter(T0 + 7001));
            assertEquals(2001, f.firstEventAtOrAfter(T0 + 1_000_000));
            assertEquals(T0, f.firstTs(), "container records do not start the capture");
        }
    }

    @Test
    void indexIsReusedWhileTheCaptureIsUnchangedAndRebuiltWhenItChanges() throws Exception {
        Path p = TestCaptures.file(tmp, "reuse.scap", TestCaptures::simple);
        Path indexDir = tmp.resolve("cache").resolve("index");
        try (ScapFile f = open(p)) {
            assertEquals(3, f.eventCount());
        }
        Path idx;
        try (var files = Files.list(indexDir)) {
            idx = files.findFirst().orElseThrow();
        }
        FileTime built = Files.getLastModifiedTime(idx);
        Files.setLastModifiedTime(idx, FileTime.fromMillis(built.toMillis() - 60_000));
        FileTime aged = Files.getLastModifiedTime(idx);
        try (ScapFile f = open(p)) {
            assertEquals(3, f.eventCount());
        }
        assertEquals(aged, Files.getLastModifiedTime(idx), "an unchanged capture reuses its index");

        Files.write(p, TestCaptures.bytes(w -> {
            TestCaptures.simple(w);
            w.event(0, T0 + 30, 100, OPEN_E, "/more", 0L, 0L);
        }));
        try (ScapFile f = open(p)) {
            assertEquals(4, f.eventCount(), "a changed capture is indexed again");
        }
        assertNotEquals(aged, Files.getLastModifiedTime(idx));
    }

    @Test
    void aCaptureCutShortWhileItIsReadIsNamedWithItsSizes() throws Exception {
        Path copy = tmp.resolve("rewritten.scap");
        Files.copy(org.scapscope.RealCaptures.named("502Error.scap"), copy);
        long size = Files.size(copy);
        Throwable fault = null;
        // the JVM reports the fault when it next can, which may be a little after the read that
        // made it (as the capture is closed, say): it is caught wherever it comes
        try {
            try (ScapFile f = open(copy)) {
                ScapEvent e = f.newEvent();
                f.read(f.eventCount() - 1, e);
                // a writer started again on the same name: the file is cut short under the mapping
                try (java.nio.channels.FileChannel ch = java.nio.channels.FileChannel.open(copy,
                        StandardOpenOption.WRITE)) {
                    ch.truncate(4096);
                }
                long sum = 0;
                for (long i = f.eventCount() - 1; i > f.eventCount() - 100; i--) {
                    sum += f.read(i, e).ts();
                }
                assertTrue(sum != 0);
            }
            for (int i = 0; i < 100; i++) {
                Thread.sleep(1);
            }
        } catch (InternalError expected) {
            fault = expected;
        }
        assertTrue(fault != null, "reading past the end of the mapping faults");
        // as the failure reaches the command, wrapped and with the capture closed
        assertEquals(copy + String.format(java.util.Locale.ROOT, " was cut short while it was being read: it is 4,096"
                + " bytes now and was %,d when it was opened (was it written again?)", size),
                ScapFile.cutShortWhileRead(new java.util.concurrent.ExecutionException(fault)));
        assertEquals(null, ScapFile.cutShortWhileRead(new InternalError("something else")));
        assertEquals(null, ScapFile.cutShortWhileRead(new IOException("disk")));
    }

    @Test
    void gzipCapturesAreInflatedOnceIntoTheCache() throws Exception {
        byte[] raw = TestCaptures.bytes(TestCaptures::simple);
        Path gz = tmp.resolve("simple.scap.gz");
        try (var out = new GZIPOutputStream(Files.newOutputStream(gz))) {
            out.write(raw, 0, 100);
        }
        // a second gzip member, as concatenated captures have
        try (var out = new GZIPOutputStream(Files.newOutputStream(gz,
                StandardOpenOption.APPEND))) {
            out.write(raw, 100, raw.length - 100);
        }
        try (ScapFile f = open(gz)) {
            assertEquals(3, f.eventCount());
            assertTrue(f.info().compressed());
            assertEquals(raw.length, f.info().dataSize());
        }
        Path inflated;
        try (var files = Files.list(tmp.resolve("cache").resolve("inflated"))) {
            inflated = files.findFirst().orElseThrow();
        }
        FileTime first = Files.getLastModifiedTime(inflated);
        try (ScapFile f = open(gz)) {
            assertEquals(3, f.eventCount());
        }
        assertEquals(first, Files.getLastModifiedTime(inflated));
    }

    private static byte[] gzip(byte[] data) throws IOException {
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        try (var out = new GZIPOutputStream(buf)) {
            out.write(data);
        }
        return buf.toByteArray();
    }

    @Test
    void bytesAfterTheGzipStreamThatCannotBeInflatedAreWarnedOf() throws Exception {
        byte[] raw = TestCaptures.bytes(TestCaptures::simple);
        byte[] whole = gzip(raw);
        // a capture in two gzip parts, as appending writers make: all of it, no warning
        int half = raw.length / 2;
        ByteArrayOutputStream two = new ByteArrayOutputStream();
        two.write(gzip(Arrays.copyOf(raw, half)));
        two.write(gzip(Arrays.copyOfRange(raw, half, raw.length)));
        Path parts = tmp.resolve("parts.scap.gz");
        Files.write(parts, two.toByteArray());
        Path single = tmp.resolve("single.scap.gz");
        Files.write(single, whole);
        for (Path p : List.of(parts, single)) {
            try (ScapFile f = open(p)) {
                assertEquals(3, f.eventCount(), p.toString());
                assertTrue(f.warnings().isEmpty(), p + ": " + f.warnings());
            }
        }
        // a second part whose header is damaged: gzip readers stop there without a word; this one says so
        byte[] damaged = gzip(raw);
        damaged[0] = 0x00;
        ByteArrayOutputStream bad = new ByteArrayOutputStream();
        bad.write(whole);
        bad.write(damaged);
        Path p = tmp.resolve("damaged-part.scap.gz");
        Files.write(p, bad.toByteArray());
        try (ScapFile f = open(p)) {
            assertEquals(3, f.eventCount());
            String expected = damaged.length + " bytes after the end of its gzip stream cannot be inflated";
            assertTrue(f.warnings().stream().anyMatch(w -> w.contains(expected)), f.warnings().toString());
        }
    }

    @Test
    void aGzipCaptureIsInflatedOnlyUpToTheBlockThatEndsIt() throws Exception {
        byte[] sample = Files.readAllBytes(org.scapscope.RealCaptures.named("sample.scap"));
        // a few kilobytes of gzip that would inflate to 64 MB, of which only the capture is read
        byte[] padded = Arrays.copyOf(sample, sample.length + (64 << 20));
        Path plain = tmp.resolve("padded.scap");
        Files.write(plain, padded);
        Path gz = tmp.resolve("padded.scap.gz");
        Files.write(gz, gzip(padded));
        assertTrue(Files.size(gz) < 1 << 20);
        try (ScapFile expected = open(plain); ScapFile f = open(gz)) {
            assertEquals(expected.eventCount(), f.eventCount());
            assertEquals(expected.warnings().size(), f.warnings().size(), f.warnings().toString());
            assertEquals(expected.warnings().get(0).replace(plain.toString(), gz.toString()), f.warnings().get(0));
            assertTrue(f.warnings().get(0).contains("corrupt at offset " + sample.length), f.warnings().toString());
        }
        try (var files = Files.list(tmp.resolve("cache").resolve("inflated"))) {
            Path copy = files.filter(c -> c.toString().endsWith(".scap")).findFirst().orElseThrow();
            assertTrue(Files.size(copy) <= sample.length + (1 << 17), "inflated: " + Files.size(copy));
        }
    }

    @Test
    void aTruncatedGzipStreamKeepsWhatWasInflatedAndSaysSo() throws Exception {
        byte[] raw = TestCaptures.bytes(TestCaptures::simple);
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        try (var out = new GZIPOutputStream(buf)) {
            out.write(raw);
        }
        byte[] gz = buf.toByteArray();
        Path p = tmp.resolve("cut.scap.gz");
        Files.write(p, Arrays.copyOf(gz, gz.length - 30));
        try (ScapFile f = open(p)) {
            assertTrue(f.warnings().stream().anyMatch(w -> w.contains("gzip stream ends early")), f.warnings().toString());
        }
    }

    @Test
    void aCaptureCutShortInItsFirstHeaderSaysSo() throws Exception {
        byte[] whole = Files.readAllBytes(TestCaptures.file(tmp, "whole.scap", w -> w.sectionHeader(ByteOrder.LITTLE_ENDIAN, 1, 2)
                .event(0, T0, 1, OPEN_E, "/a", 0L, 0L)));
        for (int cut : new int[] {4, 8, 11, 12, 20, 27}) {
            Path p = tmp.resolve("cut" + cut + ".scap");
            Files.write(p, Arrays.copyOf(whole, cut));
            ScapFormatException ex = assertThrows(ScapFormatException.class, () -> open(p));
            assertTrue(ex.getMessage().contains("cut short at offset " + cut), ex.getMessage());
            assertFalse(ex.getMessage().contains("not a capture"), ex.getMessage());
        }
        Path p = tmp.resolve("cut2.scap");
        Files.write(p, Arrays.copyOf(whole, 2));
        assertTrue(assertThrows(ScapFormatException.class, () -> open(p)).getMessage().contains("not a capture"));
    }

    @Test
    void filesThatAreNotCapturesAreRejectedWithTheirOffset() throws Exception {
        Path p = tmp.resolve("text.scap");
        Files.writeString(p, "this is not a capture at all");
        ScapFormatException ex = assertThrows(ScapFormatException.class, () -> open(p));
        assertTrue(ex.getMessage().contains("not a capture"), ex.getMessage());
        assertTrue(ex.getMessage().contains("offset 0"), ex.getMessage());
        Path empty = Files.createFile(tmp.resolve("empty.scap"));
        assertThrows(ScapFormatException.class, () -> open(empty));
        Path future = TestCaptures.file(tmp, "v2.scap", w -> w.sectionHeader(ByteOrder.LITTLE_ENDIAN, 2, 0));
        ScapFormatException v = assertThrows(ScapFormatException.class, () -> open(future));
        assertTrue(v.getMessage().contains("version 2.0"), v.getMessage());
        assertThrows(NoSuchFileException.class, () -> open(tmp.resolve("missing.scap")));
    }

    @Test
    void sectionHeaderOptionsAreSkipped() throws Exception {
        // opt_comment "hi" then end-of-options, as editcap writes them
        byte[] options = {1, 0, 2, 0, 'h', 'i', 0, 0, 0, 0, 0, 0};
        TestCaptures.Content content = w -> w.sectionHeader(ByteOrder.LITTLE_ENDIAN, 1, 2, options)
                .event(0, T0, 1, OPEN_E, "/a", 0L, 0L);
        try (ScapFile f = open(TestCaptures.file(tmp, "opts.scap", content))) {
            assertEquals(1, f.eventCount());
            assertEquals("/a", f.read(0, f.newEvent()).paramAsString(0));
        }
    }

    @Test
    void emptyParametersReadAsAbsent() throws Exception {
        TestCaptures.Content content = w -> w.sectionHeader(ByteOrder.LITTLE_ENDIAN, 1, 2)
                .event(0, T0, 1, OPEN_X, null, "/a", null, 0L, 0L, 0L);
        try (ScapFile f = open(TestCaptures.file(tmp, "empty-params.scap", content))) {
            ScapEvent e = f.read(0, f.newEvent());
            assertEquals(0, e.paramLength(0));
            assertFalse(e.paramHasValue(0));
            assertEquals(0, e.paramAsLong(0));
            assertEquals("/a", e.paramAsString(1));
        }
    }

    static void touch(Path p) throws IOException {
        Files.setLastModifiedTime(p, FileTime.fromMillis(System.currentTimeMillis()));
    }
}
