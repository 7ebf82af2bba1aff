package org.scapscope.scap;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * Makes a large capture for benchmarks by repeating the event blocks of a real capture, each
 * repetition shifted in time to follow the previous one.
 */
public final class BenchmarkCapture {
    private BenchmarkCapture() {
    }

    /** Writes at least {@code targetBytes} bytes of capture to {@code out}; returns the number of events written. */
    public static long make(ScapFile source, Path out, long targetBytes) throws IOException {
        if (source.eventCount() == 0) {
            throw new IOException(source.path() + " has no events to repeat");
        }
        ScapEvent e = source.newEvent();
        long first = source.firstTs();
        long span = Math.max(1, source.lastTs() - first) + 1_000_000;
        long written = 0;
        long events = 0;
        Path tmp = Files.createTempFile(out.toAbsolutePath().getParent(), ".bench", ".part");
        try (OutputStream os = new BufferedOutputStream(Files.newOutputStream(tmp), 1 << 20)) {
            Section sec = source.sections().get(0);
            long shbLen = source.input(0).getUnsignedInt(sec.offset() + 4);
            source.copyBytes(sec.offset(), shbLen, os);
            written += shbLen;
            for (BlockRef b : source.metadataBlocks()) {
                if (b.section() == 0) {
                    source.copyBytes(b.offset(), b.length(), os);
                    written += b.length();
                }
            }
            byte[] buf = new byte[1 << 16];
            ByteBuffer view = ByteBuffer.wrap(buf).order(
                    sec.bigEndian() ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN);
            long count = source.sections().size() > 1 ? source.sections().get(1).firstEvent() : source.eventCount();
            for (long round = 0; written < targetBytes; round++) {
                long shift = round * span;
                for (long i = 0; i < count; i++) {
                    source.read(i, e);
                    int len = (int) e.blockLength();
                    if (len > buf.length) {
                        buf = new byte[len];
                        view = ByteBuffer.wrap(buf).order(view.order());
                    }
                    source.input(0).read(e.blockOffset(), buf, 0, len);
                    int tsAt = (int) (e.offset() - e.blockOffset());
                    long ts = view.getLong(tsAt);
                    if (ts != 0) {
                        view.putLong(tsAt, ts + shift);
                    }
                    os.write(buf, 0, len);
                    written += len;
                    events++;
                }
            }
        }
        Files.move(tmp, out, StandardCopyOption.REPLACE_EXISTING);
        return events;
    }
}
