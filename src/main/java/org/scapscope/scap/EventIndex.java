package org.scapscope.scap;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Where every event of a capture is, kept in a file beside the cache so that a capture reopens
 * without reading it again.
 *
 * <p>Layout: a 64-byte header; one 32-bit block offset per event, relative to the base of its group
 * of events (mapped, so the heap does not grow with the capture); then the small tables (group bases,
 * sections, metadata blocks, time checkpoints, counts, warnings). The header records the size and stamp (modification time and checksum) of the capture it
 * describes; an index whose capture has changed is rebuilt.
 */
final class EventIndex implements AutoCloseable {
    private static final long MAGIC = 0x5343_4150_4944_5831L; // "SCAPIDX1"
    /**
     * Raised whenever what an index may claim changes, so that older indexes are rebuilt. 6: a pcapng
     * network capture is refused when indexed, where earlier builds kept an index of no events.
     */
    private static final int VERSION = 6;
    private static final int HEADER = 64;

    final long sourceSize;
    final long sourceStamp;
    final long eventCount;
    final long hiddenCount;
    final long firstTs;
    final long minTs;
    final long maxTs;
    final long dataEnd;
    final boolean truncated;
    final List<Section> sections;
    final List<BlockRef> metadataBlocks;
    final long[] stateRecords;
    /** Index of the first event of each checkpoint run. */
    final long[] checkpointStarts;
    /** Largest timestamp of the events before each checkpoint run's end: non-decreasing. */
    final long[] checkpointMax;
    final long[] typeCounts;
    private final long[] groupFirst;
    private final long[] groupBases;
    final Map<String, Long> blockCounts;
    final List<String> warnings;

    private final FileChannel channel;
    private final MappedInput words;

    private EventIndex(FileChannel channel, MappedInput words, DataInputStream meta, long sourceSize,
                       long sourceStamp, long eventCount) throws IOException {
        this.channel = channel;
        this.words = words;
        this.sourceSize = sourceSize;
        this.sourceStamp = sourceStamp;
        this.eventCount = eventCount;
        hiddenCount = meta.readLong();
        firstTs = meta.readLong();
        minTs = meta.readLong();
        maxTs = meta.readLong();
        dataEnd = meta.readLong();
        truncated = meta.readBoolean();
        int n = meta.readInt();
        List<Section> secs = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            secs.add(new Section(meta.readLong(), meta.readBoolean(), meta.readInt(), meta.readInt(), meta.readLong()));
        }
        sections = Collections.unmodifiableList(secs);
        n = meta.readInt();
        List<BlockRef> blocks = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            blocks.add(new BlockRef(meta.readLong(), meta.readInt(), meta.readLong(), meta.readInt()));
        }
        metadataBlocks = Collections.unmodifiableList(blocks);
        stateRecords = readLongs(meta);
        checkpointStarts = readLongs(meta);
        checkpointMax = readLongs(meta);
        for (int i = 1; i < checkpointMax.length; i++) {
            checkpointMax[i] = Math.max(checkpointMax[i], checkpointMax[i - 1]);
        }
        typeCounts = readLongs(meta);
        groupFirst = readLongs(meta);
        groupBases = readLongs(meta);
        n = meta.readInt();
        Map<String, Long> counts = new LinkedHashMap<>();
        for (int i = 0; i < n; i++) {
            counts.put(meta.readUTF(), meta.readLong());
        }
        blockCounts = Collections.unmodifiableMap(counts);
        n = meta.readInt();
        List<String> warns = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            warns.add(meta.readUTF());
        }
        warnings = Collections.unmodifiableList(warns);
    }

    /**
     * Byte offset of the block of event {@code index} (from 0). {@code hint} carries the group of the
     * previous lookup, so that reading events in order needs no search.
     */
    long blockOffset(long index, int[] hint) {
        int g = hint[0];
        if (g >= groupFirst.length || groupFirst[g] > index) {
            g = findGroup(index);
            hint[0] = g;
        } else if (g + 1 < groupFirst.length && groupFirst[g + 1] <= index) {
            // moving forward, as scans that skip events do: the next few groups first
            int limit = Math.min(groupFirst.length, g + 5);
            g++;
            while (g + 1 < limit && groupFirst[g + 1] <= index) {
                g++;
            }
            if (g + 1 < groupFirst.length && groupFirst[g + 1] <= index) {
                g = findGroup(index);
            }
            hint[0] = g;
        }
        return groupBases[g] + (words.getInt(HEADER + 4 * index) & 0xFFFF_FFFFL);
    }

    private int findGroup(long index) {
        int lo = 0;
        int hi = groupFirst.length - 1;
        while (lo < hi) {
            int mid = (lo + hi + 1) >>> 1;
            if (groupFirst[mid] <= index) {
                lo = mid;
            } else {
                hi = mid - 1;
            }
        }
        return lo;
    }

    /** Opens an index file; null if it is missing, unreadable, of another version or for another state of the capture. */
    static EventIndex openIfCurrent(Path file, long sourceSize, long sourceStamp) {
        if (!Files.isRegularFile(file)) {
            return null;
        }
        FileChannel ch = null;
        try {
            ch = FileChannel.open(file, StandardOpenOption.READ);
            long size = ch.size();
            if (size < HEADER) {
                ch.close();
                return null;
            }
            ByteBuffer head = ByteBuffer.allocate(HEADER).order(ByteOrder.LITTLE_ENDIAN);
            while (head.hasRemaining() && ch.read(head, head.position()) > 0) {
                // keep reading until the header is in
            }
            head.flip();
            if (head.remaining() < HEADER || head.getLong(0) != MAGIC || head.getInt(8) != VERSION
                    || head.getLong(16) != sourceSize || head.getLong(24) != sourceStamp) {
                ch.close();
                return null;
            }
            long count = head.getLong(32);
            long metaOffset = head.getLong(40);
            if (count < 0 || metaOffset != HEADER + 4 * count || metaOffset > size) {
                ch.close();
                return null;
            }
            MappedInput words = MappedInput.map(ch, metaOffset, MappedInput.DEFAULT_CHUNK_SHIFT);
            InputStream metaIn = new BufferedInputStream(Channels.newInputStream(ch.position(metaOffset)), 1 << 16);
            EventIndex index = new EventIndex(ch, words, new DataInputStream(metaIn), sourceSize, sourceStamp, count);
            return index;
        } catch (IOException | RuntimeException e) {
            closeQuietly(ch);
            return null;
        }
    }

    /** Runs the indexing pass over {@code data} and writes the index to {@code file}, replacing it atomically. */
    static void build(MappedInput data, Path file, long sourceSize, long sourceStamp, String sourceName,
                      OpenOptions options) throws IOException, ScapFormatException {
        Files.createDirectories(file.getParent());
        Path tmp = Files.createTempFile(file.getParent(), file.getFileName().toString(), ".tmp");
        Path typesFile = TypeColumn.fileBeside(file);
        Path typesTmp = Files.createTempFile(file.getParent(), typesFile.getFileName().toString(), ".tmp");
        try {
            try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING);
                 FileChannel keys = FileChannel.open(typesTmp, StandardOpenOption.WRITE, StandardOpenOption.READ)) {
                ch.position(HEADER);
                keys.position(TypeColumn.HEADER);
                ParallelIndexer b = new ParallelIndexer(data, sourceName, options);
                b.run(ch, keys, file.getParent());
                TypeColumn.writeHeader(keys, sourceSize, sourceStamp, b.eventCount);
                long metaOffset = HEADER + 4 * b.eventCount;
                ch.position(metaOffset);
                OutputStream os = new BufferedOutputStream(Channels.newOutputStream(ch), 1 << 16);
                DataOutputStream meta = new DataOutputStream(os);
                writeMeta(meta, b);
                meta.flush();
                ByteBuffer head = ByteBuffer.allocate(HEADER).order(ByteOrder.LITTLE_ENDIAN);
                head.putLong(0, MAGIC).putInt(8, VERSION).putLong(16, sourceSize).putLong(24, sourceStamp)
                        .putLong(32, b.eventCount).putLong(40, metaOffset);
                ch.write(head, 0);
            }
            FileReplace.replace(typesTmp, typesFile);
            FileReplace.replace(tmp, file);
        } finally {
            Files.deleteIfExists(tmp);
            Files.deleteIfExists(typesTmp);
        }
    }

    private static void writeMeta(DataOutputStream meta, ParallelIndexer b) throws IOException {
        meta.writeLong(b.hiddenCount);
        meta.writeLong(b.firstTs);
        meta.writeLong(b.minTs == Long.MAX_VALUE ? -1 : b.minTs);
        meta.writeLong(b.maxTs == Long.MIN_VALUE ? -1 : b.maxTs);
        meta.writeLong(b.endOffset);
        meta.writeBoolean(b.truncated);
        meta.writeInt(b.sections.size());
        for (Section s : b.sections) {
            meta.writeLong(s.offset());
            meta.writeBoolean(s.bigEndian());
            meta.writeInt(s.major());
            meta.writeInt(s.minor());
            meta.writeLong(s.firstEvent());
        }
        meta.writeInt(b.metadataBlocks.size());
        for (BlockRef r : b.metadataBlocks) {
            meta.writeLong(r.offset());
            meta.writeInt(r.type());
            meta.writeLong(r.length());
            meta.writeInt(r.section());
        }
        writeLongs(meta, b.stateRecords, b.stateRecords.length);
        writeLongs(meta, b.checkpointStarts, b.checkpointStarts.length);
        writeLongs(meta, b.checkpointMax, b.checkpointMax.length);
        writeLongs(meta, b.typeCounts, b.typeCounts.length);
        writeLongs(meta, b.groupFirst, b.groupFirst.length);
        writeLongs(meta, b.groupBases, b.groupBases.length);
        meta.writeInt(b.blockCounts.size());
        for (Map.Entry<String, Long> e : b.blockCounts.entrySet()) {
            meta.writeUTF(e.getKey());
            meta.writeLong(e.getValue());
        }
        meta.writeInt(b.warnings.size());
        for (String w : b.warnings) {
            meta.writeUTF(w.length() > 16000 ? w.substring(0, 16000) : w);
        }
    }

    private static void writeLongs(DataOutputStream out, long[] values, int count) throws IOException {
        out.writeInt(count);
        for (int i = 0; i < count; i++) {
            out.writeLong(values[i]);
        }
    }

    private static long[] readLongs(DataInputStream in) throws IOException {
        int n = in.readInt();
        if (n < 0) {
            throw new IOException("bad index table length " + n);
        }
        long[] values = new long[n];
        for (int i = 0; i < n; i++) {
            values[i] = in.readLong();
        }
        return values;
    }

    private static void closeQuietly(FileChannel ch) {
        if (ch != null) {
            try {
                ch.close();
            } catch (IOException ignored) {
                // nothing more to release
            }
        }
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }
}
