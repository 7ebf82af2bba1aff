package org.scapscope.scap;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.MappedByteBuffer;
import java.nio.ShortBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.stream.IntStream;

/**
 * The type of every event of a capture, two bytes each, kept in a file beside the index: work that
 * needs some event types only (a filter on {@code evt.type}, a view of connections) finds them
 * without touching the other events. Built on first use, in parallel, and reused while the capture
 * is unchanged.
 *
 * <p>The indexing pass writes the column as it goes; a cache from before is completed here.
 *
 * <p>What is stored is a type key ({@link #keyOf}): the event type, except that generic system-call
 * events, which carry the call they stand for as an argument, are told apart by that call.
 */
public final class TypeColumn {
    private static final long MAGIC = 0x5343_4150_5459_5032L; // "SCAPTYP2"
    static final int HEADER = 64;
    /** Events per parallel range when building. */
    private static final int RANGE = 1 << 18;
    /** Events in one mapped chunk (2 bytes each, so chunks stay under 2 GB). */
    private static final int CHUNK_SHIFT = 28;

    private final long count;
    /** The mapped chunks of the column, as keys. */
    private final ShortBuffer[] keys;

    private TypeColumn(long count, MappedByteBuffer[] chunks) {
        this.count = count;
        this.keys = new ShortBuffer[chunks.length];
        for (int k = 0; k < chunks.length; k++) {
            keys[k] = chunks[k].asShortBuffer();
        }
    }

    /** The column of a capture, read from the cache when it was built before, else built now. */
    public static TypeColumn of(ScapFile capture) throws IOException {
        Path file = capture.cacheFile("types");
        TypeColumn c = load(capture, file);
        if (c == null) {
            build(capture, file);
            c = load(capture, file);
            if (c == null) {
                throw new IOException("the event types written to " + file + " cannot be read back");
            }
        }
        return c;
    }

    /**
     * As {@link #of}, or null when the column can be neither read nor kept (no cache folder to
     * write to): the work then reads every event instead.
     */
    public static TypeColumn ifAvailable(ScapFile capture) {
        try {
            return of(capture);
        } catch (IOException e) {
            return null;
        }
    }

    /** The column file kept beside an index file. */
    static Path fileBeside(Path indexFile) {
        String name = indexFile.getFileName().toString();
        int dot = name.lastIndexOf('.');
        return indexFile.resolveSibling((dot > 0 ? name.substring(0, dot) : name) + ".types");
    }

    /** Writes the header of a column of {@code count} keys for this state of a capture. */
    static void writeHeader(FileChannel ch, long fileSize, long stamp, long count) throws IOException {
        ByteBuffer head = ByteBuffer.allocate(HEADER).order(ByteOrder.LITTLE_ENDIAN);
        head.putLong(MAGIC).putLong(fileSize).putLong(stamp).putLong(count);
        head.clear();
        ch.write(head, 0);
        if (ch.size() < HEADER + 2 * count) {
            ch.write(ByteBuffer.allocate(1), HEADER + 2 * count - 1);
        }
    }

    public long size() {
        return count;
    }

    /** First key of generic system-call events: {@code GENERIC_KEYS | syscall << 1 | exit}. */
    public static final int GENERIC_KEYS = 0x8000;

    /** The type key of an event: its type, or for a generic system-call event, its call and direction. */
    public static int keyOf(ScapEvent e) {
        int type = e.type();
        if ((type == EventTypes.GENERIC_E || type == EventTypes.GENERIC_X) && e.paramCount() > 0) {
            long id = e.paramAsLong(0) & 0xFFFF;
            if (id < (GENERIC_KEYS >> 1)) {
                return GENERIC_KEYS | (int) id << 1 | (type == EventTypes.GENERIC_X ? 1 : 0);
            }
        }
        return type;
    }

    /** The key of a generic system-call event of this call and direction. */
    public static int genericKey(int syscall, boolean exit) {
        return GENERIC_KEYS | syscall << 1 | (exit ? 1 : 0);
    }

    /** The type key ({@link #keyOf}) of event {@code i}. */
    public int key(long i) {
        return keys[(int) (i >>> CHUNK_SHIFT)].get((int) (i & ((1L << CHUNK_SHIFT) - 1))) & 0xFFFF;
    }

    /**
     * Finds the events of {@code [first, end)} whose key is in {@code set}:
     * writes their distance from {@code first} to {@code found}, in order, and returns how many
     * there are. The range may hold at most {@code found.length} events.
     */
    public int find(long first, long end, KeySet set, int[] found) {
        return find(first, end, set, found, null);
    }

    /** As {@link #find(long, long, KeySet, int[])}, writing each event's key to {@code foundKeys} as well. */
    public int find(long first, long end, KeySet set, int[] found, int[] foundKeys) {
        int length = (int) (end - first);
        if (length > found.length) {
            throw new IllegalArgumentException(length + " events to look through, room for " + found.length);
        }
        short[] run = new short[length];
        int done = 0;
        while (done < length) {
            long at = first + done;
            int chunk = (int) (at >>> CHUNK_SHIFT);
            int offset = (int) (at & ((1L << CHUNK_SHIFT) - 1));
            int n = (int) Math.min(length - done, (1L << CHUNK_SHIFT) - offset);
            keys[chunk].get(offset, run, done, n);
            done += n;
        }
        int hits = 0;
        for (int k = 0; k < length; k++) {
            int key = run[k] & 0xFFFF;
            if (set.contains(key)) {
                if (foundKeys != null) {
                    foundKeys[hits] = key;
                }
                found[hits++] = k;
            }
        }
        return hits;
    }

    private static TypeColumn load(ScapFile capture, Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            return null;
        }
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            long count = capture.eventCount();
            ByteBuffer head = ByteBuffer.allocate(HEADER).order(ByteOrder.LITTLE_ENDIAN);
            ch.read(head, 0);
            if (head.position() < HEADER || head.getLong(0) != MAGIC || head.getLong(8) != capture.fileSize()
                    || head.getLong(16) != capture.stamp() || head.getLong(24) != count
                    || ch.size() != HEADER + 2 * count) {
                return null;
            }
            int n = (int) ((count + (1L << CHUNK_SHIFT) - 1) >>> CHUNK_SHIFT);
            MappedByteBuffer[] chunks = new MappedByteBuffer[Math.max(1, n)];
            for (int k = 0; k < n; k++) {
                long first = (long) k << CHUNK_SHIFT;
                long events = Math.min(1L << CHUNK_SHIFT, count - first);
                chunks[k] = ch.map(FileChannel.MapMode.READ_ONLY, HEADER + 2 * first, 2 * events);
                chunks[k].order(ByteOrder.LITTLE_ENDIAN);
            }
            if (n == 0) {
                chunks[0] = ch.map(FileChannel.MapMode.READ_ONLY, HEADER, 0);
            }
            return new TypeColumn(count, chunks);
        }
    }

    private static void build(ScapFile capture, Path file) throws IOException {
        Files.createDirectories(file.getParent());
        long count = capture.eventCount();
        Path tmp = Files.createTempFile(file.getParent(), file.getFileName().toString(), ".tmp");
        try {
            try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE, StandardOpenOption.READ)) {
                ByteBuffer head = ByteBuffer.allocate(HEADER).order(ByteOrder.LITTLE_ENDIAN);
                head.putLong(MAGIC).putLong(capture.fileSize()).putLong(capture.stamp()).putLong(count);
                head.clear();
                ch.write(head, 0);
                int ranges = (int) ((count + RANGE - 1) / RANGE);
                IOException[] failure = new IOException[1];
                IntStream.range(0, ranges).parallel().forEach(r -> {
                    long first = (long) r * RANGE;
                    int events = (int) Math.min(RANGE, count - first);
                    ByteBuffer out = ByteBuffer.allocate(2 * events).order(ByteOrder.LITTLE_ENDIAN);
                    ScapEvent e = capture.newEvent();
                    for (int k = 0; k < events; k++) {
                        out.putShort((short) keyOf(capture.read(first + k, e)));
                    }
                    out.flip();
                    try {
                        long at = HEADER + 2 * first;
                        while (out.hasRemaining()) {
                            at += ch.write(out, at);
                        }
                    } catch (IOException ex) {
                        synchronized (failure) {
                            failure[0] = ex;
                        }
                    }
                });
                if (failure[0] != null) {
                    throw failure[0];
                }
                if (ch.size() < HEADER + 2 * count) {
                    ch.write(ByteBuffer.allocate(1), HEADER + 2 * count - 1);
                }
            }
            FileReplace.replace(tmp, file);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }
}
