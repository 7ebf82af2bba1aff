package org.scapscope.state;

import java.io.BufferedOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.function.BooleanSupplier;
import org.scapscope.scap.OpenOptions;
import org.scapscope.scap.CacheSpace;
import org.scapscope.scap.FileReplace;
import org.scapscope.scap.ScapEvent;
import org.scapscope.scap.ScapFile;

/**
 * The machine state at any event of a capture, reached fast: one pass over the capture stores a
 * checkpoint of the state every {@link #INTERVAL} events, kept in a file beside the index; the state
 * at an event is the nearest checkpoint before it, brought forward by replaying the events between.
 *
 * <p>The checkpoints are built once ({@link #build}) and reused while the capture is unchanged.
 */
public final class StateHistory implements AutoCloseable {
    /** Events between checkpoints: few enough that replaying them takes milliseconds. */
    public static final int INTERVAL = 8_192;
    private static final long MAGIC = 0x5343_4150_5354_4132L; // "SCAPSTA2"
    /** Bytes of a checkpoint's entry in the table: where it starts, its section, the CRC-32C of its bytes. */
    private static final int ENTRY = 16;
    private static final int HEADER = 64;

    private final ScapFile capture;
    private FileChannel channel;
    private long[] offsets;
    private int[] sections;
    private int[] checksums;
    /** The file the checkpoints are read from: the cache's, or one written aside for this run. */
    private Path source;

    private StateHistory(ScapFile capture) {
        this.capture = capture;
    }

    /** The checkpoints of a capture, read from the cache when they were built before, else built now. */
    public static StateHistory of(ScapFile capture, OpenOptions.Progress progress, BooleanSupplier cancelled)
            throws IOException {
        StateHistory h = new StateHistory(capture);
        Path file = capture.cacheFile("state");
        if (!h.load(file)) {
            Path written = h.buildInCacheOrAside(file, progress, cancelled);
            boolean loaded;
            try {
                loaded = h.load(written);
            } finally {
                if (!written.equals(file)) {
                    removeOpen(written);
                }
            }
            if (!loaded) {
                throw new IOException("the state checkpoints written to " + written + " cannot be read back");
            }
        }
        return h;
    }

    public static StateHistory of(ScapFile capture) throws IOException {
        return of(capture, null, null);
    }

    public int checkpointCount() {
        return offsets.length;
    }

    /** The state after events {@code [0, eventIndex)}: what the capture says just before event {@code eventIndex}. */
    public MachineState before(long eventIndex) throws IOException {
        if (eventIndex < 0 || eventIndex > capture.eventCount()) {
            throw new IndexOutOfBoundsException("event " + eventIndex + " of " + capture.eventCount());
        }
        int k = (int) Math.min(offsets.length - 1, eventIndex / INTERVAL);
        long from = (long) k * INTERVAL;
        MachineState s = checkpoint(k);
        int section = sections[k];
        ScapEvent e = new ScapEvent();
        for (long i = from; i < eventIndex; i++) {
            int sec = capture.sectionOf(i);
            if (sec != section) {
                section = sec;
                s = MachineState.atSectionStart(capture, sec);
            }
            s.apply(capture.read(i, e));
        }
        return s;
    }

    /** The section the state {@link #before} an event belongs to. */
    public int sectionBefore(long eventIndex) {
        return eventIndex == 0 ? 0 : capture.sectionOf(Math.min(eventIndex, capture.eventCount()) - 1);
    }

    /**
     * Checkpoint {@code k}. One that cannot be decoded (the cache file damaged on disk) fails with a
     * message naming the file, which is removed so that the next run makes the checkpoints again.
     */
    private MachineState checkpoint(int k) throws IOException {
        // a read that fails (the file closed as its tab closes, a disk error) is no sign of damage
        byte[] blob = blob(k);
        try {
            java.util.zip.CRC32C crc = new java.util.zip.CRC32C();
            crc.update(blob);
            if ((int) crc.getValue() != checksums[k]) {
                throw new IOException("checkpoint " + k + " does not match its checksum");
            }
            return StateCodec.read(capture, blob);
        } catch (IOException | RuntimeException e) {
            Path file = source;
            boolean removed;
            try {
                // only the cache's file is removed: one written aside for this run goes with it
                removed = file.equals(capture.cacheFile("state")) && Files.deleteIfExists(file);
            } catch (IOException notRemoved) {
                removed = false;
            }
            throw new IOException("the state checkpoints in " + file + " are damaged (" + (e.getMessage() != null
                    ? e.getMessage() : e.getClass().getSimpleName()) + "): " + (removed
                    ? "the file was removed, and the next run makes them again" : "remove that file, and the next run makes them again"), e);
        }
    }

    private byte[] blob(int k) throws IOException {
        long start = offsets[k];
        long end = k + 1 < offsets.length ? offsets[k + 1] : channel.size();
        ByteBuffer buf = ByteBuffer.allocate((int) (end - start));
        while (buf.hasRemaining()) {
            if (channel.read(buf, start + buf.position()) < 0) {
                throw new IOException("the state checkpoints in " + capture.cacheFile("state") + " are cut short");
            }
        }
        return buf.array();
    }

    /**
     * Builds the checkpoints into the cache's {@code file}, or, when the cache cannot be written
     * (refused, read-only, full), into a temporary file kept for this run only; returns where.
     */
    private Path buildInCacheOrAside(Path file, OpenOptions.Progress progress, BooleanSupplier cancelled)
            throws IOException {
        try {
            return build(file, progress, cancelled);
        } catch (InterruptedIOException e) {
            throw e; // cancelled
        } catch (IOException e) {
            Path tmp = null;
            try {
                tmp = Files.createTempFile("scapscope-state", ".tmp");
                return build(tmp, progress, cancelled);
            } catch (IOException | RuntimeException aside) {
                if (tmp != null) {
                    Files.deleteIfExists(tmp);
                }
                if (aside instanceof IOException io && !(aside instanceof InterruptedIOException)) {
                    throw CacheSpace.neitherWritable("replaying the process and file state of "
                            + capture.path().getFileName(), file.getParent(), e, io);
                }
                if (aside instanceof RuntimeException) {
                    aside.addSuppressed(e);
                }
                throw aside; // cancelled, or a failure that is not about room
            }
        }
    }

    /**
     * Removes a file this run has open: the open channel still reads it. Where an open file cannot
     * be removed, it goes when the program ends.
     */
    private static void removeOpen(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException open) {
            file.toFile().deleteOnExit();
        }
    }

    /** Reads the checkpoint table if the file is there and belongs to this state of the capture. */
    private boolean load(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            return false;
        }
        FileChannel ch = FileChannel.open(file, StandardOpenOption.READ);
        try {
            ByteBuffer head = ByteBuffer.allocate(HEADER).order(ByteOrder.LITTLE_ENDIAN);
            ch.read(head, 0);
            head.flip();
            long count = capture.eventCount();
            int expected = (int) (count / INTERVAL) + 1;
            if (head.remaining() < HEADER || head.getLong(0) != MAGIC || head.getLong(8) != StateCodec.LAYOUT
                    || head.getLong(16) != capture.fileSize() || head.getLong(24) != capture.stamp()
                    || head.getLong(32) != count || head.getInt(40) != INTERVAL || head.getInt(44) != expected) {
                ch.close();
                return false;
            }
            ByteBuffer table = ByteBuffer.allocate(ENTRY * expected).order(ByteOrder.LITTLE_ENDIAN);
            ch.read(table, HEADER);
            table.flip();
            long[] offs = new long[expected];
            int[] secs = new int[expected];
            int[] sums = new int[expected];
            long size = ch.size();
            long previous = HEADER + (long) ENTRY * expected;
            for (int k = 0; k < expected; k++) {
                offs[k] = table.getLong();
                secs[k] = table.getInt();
                sums[k] = table.getInt();
                // each checkpoint after the one before, and within the file: a file cut short is made again
                if (offs[k] < previous || offs[k] >= size || secs[k] < 0) {
                    ch.close();
                    return false;
                }
                previous = offs[k];
            }
            offsets = offs;
            sections = secs;
            checksums = sums;
            channel = ch;
            source = file;
            return true;
        } catch (IOException | RuntimeException e) {
            ch.close();
            return false;
        }
    }

    /**
     * One pass over the capture, writing a checkpoint before every {@link #INTERVAL}-th event into
     * {@code file}; returns it.
     */
    private Path build(Path file, OpenOptions.Progress progress, BooleanSupplier cancelled) throws IOException {
        Files.createDirectories(file.getParent());
        long count = capture.eventCount();
        int n = (int) (count / INTERVAL) + 1;
        long[] offs = new long[n];
        int[] secs = new int[n];
        Path tmp = Files.createTempFile(file.getParent(), file.getFileName().toString(), ".tmp");
        try {
            long pos = HEADER + (long) ENTRY * n;
            int[] sums = new int[n];
            java.util.zip.CRC32C crc = new java.util.zip.CRC32C();
            try (DataOutputStream out = new DataOutputStream(new BufferedOutputStream(
                    Files.newOutputStream(tmp, StandardOpenOption.WRITE), 1 << 16))) {
                out.write(new byte[(int) pos]);
                int section = count == 0 ? 0 : capture.sectionOf(0);
                MachineState s = MachineState.atSectionStart(capture, section);
                ScapEvent e = new ScapEvent();
                StateCodec.Writer writer = new StateCodec.Writer();
                for (long i = 0; i <= count; i++) {
                    if (i % INTERVAL == 0) {
                        int k = (int) (i / INTERVAL);
                        writer.write(s);
                        offs[k] = pos;
                        secs[k] = section;
                        crc.reset();
                        crc.update(writer.bytes(), 0, writer.length());
                        sums[k] = (int) crc.getValue();
                        out.write(writer.bytes(), 0, writer.length());
                        pos += writer.length();
                        if (progress != null) {
                            progress.update(i, count);
                        }
                        if (cancelled != null && cancelled.getAsBoolean()) {
                            throw new InterruptedIOException("building the state of " + capture.path() + " was cancelled");
                        }
                    }
                    if (i == count) {
                        break;
                    }
                    int sec = capture.sectionOf(i);
                    if (sec != section) {
                        section = sec;
                        s = MachineState.atSectionStart(capture, sec);
                    }
                    s.apply(capture.read(i, e));
                }
            }
            try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
                ByteBuffer head = ByteBuffer.allocate(HEADER + ENTRY * n).order(ByteOrder.LITTLE_ENDIAN);
                head.putLong(MAGIC).putLong(StateCodec.LAYOUT).putLong(capture.fileSize()).putLong(capture.stamp())
                        .putLong(count).putInt(INTERVAL).putInt(n);
                head.position(HEADER);
                for (int k = 0; k < n; k++) {
                    head.putLong(offs[k]).putInt(secs[k]).putInt(sums[k]);
                }
                head.flip();
                ch.write(head, 0);
            }
            FileReplace.replace(tmp, file);
        } finally {
            Files.deleteIfExists(tmp);
        }
        return file;
    }

    @Override
    public void close() throws IOException {
        if (channel != null) {
            channel.close();
        }
    }
}
