package org.scapscope.scap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.scapscope.RealCaptures;

class CapturePeekTest {
    @TempDir
    Path tmp;

    @Test
    void tellsTheHostAndFirstEventTimeAsTheIndexDoes() throws Exception {
        int checked = 0;
        for (Path p : RealCaptures.all()) {
            CapturePeek peek = CapturePeek.of(p);
            try (ScapFile scap = ScapFile.open(p, OpenOptions.defaults().cacheDir(tmp.resolve("cache")))) {
                MachineInfo m = scap.machineInfo();
                String host = m == null || m.hostname() == null || m.hostname().isEmpty() ? null : m.hostname();
                assertEquals(host, peek.hostname(), p.toString());
                assertEquals(scap.firstTs(), peek.firstTs(), p.toString());
                checked++;
            }
        }
        assertTrue(checked >= 5, "captures checked: " + checked);
    }

    @Test
    void readsThroughGzip() throws Exception {
        Path source = RealCaptures.named("502Error.scap");
        Path gz = tmp.resolve("502Error.scap.gz");
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(gz))) {
            Files.copy(source, out);
        }
        assertEquals(CapturePeek.of(source), CapturePeek.of(gz));
        assertTrue(CapturePeek.of(gz).firstTs() > 0);
    }

    @Test
    void aCaptureCutBeforeItsFirstEventTellsItsHostOnly() throws Exception {
        Path source = RealCaptures.named("502Error.scap");
        CapturePeek whole = CapturePeek.of(source);
        // the section header and the machine block, and a little of what follows
        byte[] bytes = Files.readAllBytes(source);
        Path cut = tmp.resolve("cut.scap");
        Files.write(cut, java.util.Arrays.copyOf(bytes, 2000));
        CapturePeek peek = CapturePeek.of(cut);
        assertEquals(whole.hostname(), peek.hostname());
        assertEquals(-1, peek.firstTs());
    }

    @Test
    void aFileThatIsNotACaptureIsRefused() throws Exception {
        Path junk = tmp.resolve("junk.scap");
        Files.writeString(junk, "this is not a capture at all");
        ScapFormatException e = assertThrows(ScapFormatException.class, () -> CapturePeek.of(junk));
        assertTrue(e.getMessage().contains("not a capture"), e.getMessage());
        Path empty = tmp.resolve("empty.scap");
        Files.write(empty, new byte[0]);
        assertThrows(ScapFormatException.class, () -> CapturePeek.of(empty));
    }
}
