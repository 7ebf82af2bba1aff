package org.scapscope.scap;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.UncheckedIOException;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Indexes a capture with one {@link IndexBuilder} per core, each over its own byte range, and joins
 * their results as if one pass had read the whole file.
 *
 * <p>A range other than the first starts at a block boundary found by resynchronising: the first
 * 4-aligned offset after the split from which a chain of well-formed blocks follows. The join checks
 * that each range ended exactly where the next began; if one overshot (the resynchronisation was
 * fooled), the whole file is indexed again in one pass. A range that stopped early at a malformed
 * block ends the capture there, exactly as a single pass would.
 */
final class ParallelIndexer {
    private static final int CHAIN = 8;
    private static final long RESYNC_WINDOW = 8L << 20;

    final List<Section> sections = new ArrayList<>();
    final List<BlockRef> metadataBlocks = new ArrayList<>();
    final List<String> warnings = new ArrayList<>();
    final Map<String, Long> blockCounts = new TreeMap<>();
    long[] stateRecords = new long[0];
    long[] checkpointStarts = new long[0];
    long[] checkpointMax = new long[0];
    long[] typeCounts = new long[0];
    long[] groupFirst = new long[0];
    long[] groupBases = new long[0];
    long eventCount;
    long hiddenCount;
    long firstTs = -1;
    long minTs = Long.MAX_VALUE;
    long maxTs = Long.MIN_VALUE;
    long endOffset;
    boolean truncated;

    private final MappedInput data;
    private final String sourceName;
    private final OpenOptions options;
    private final AtomicLong done = new AtomicLong();

    ParallelIndexer(MappedInput data, String sourceName, OpenOptions options) {
        this.data = data.withOrder(ByteOrder.LITTLE_ENDIAN);
        this.sourceName = sourceName;
        this.options = options;
    }

    /**
     * Indexes the capture, writing the event words to {@code out} at its position and, when
     * {@code keysOut} is given, each event's type key to it at its position.
     */
    void run(FileChannel out, FileChannel keysOut, Path scratchDir) throws IOException, ScapFormatException {
        IndexBuilder.checkStart(data, sourceName);
        long length = data.length();
        // Small files are indexed in one pass: threads would cost more than they save.
        int ranges = (int) Math.min(Math.min(options.indexThreads(), 8),
                Math.max(1, length / options.parallelThreshold()));
        List<long[]> starts = new ArrayList<>();
        starts.add(new long[] {0, 0});
        for (int i = 1; i < ranges; i++) {
            long[] found = resync(length / ranges * i);
            if (found != null && found[0] > starts.get(starts.size() - 1)[0]) {
                starts.add(found);
            }
        }
        if (starts.size() == 1) {
            IndexBuilder only = new IndexBuilder(data, 0, length, false, out, sourceName, options, this::progress);
            only.keysOut = keysOut;
            only.run();
            join(List.of(only), out, List.of(), keysOut, List.of());
            return;
        }
        long outStart = out.position();
        long keysStart = keysOut == null ? 0 : keysOut.position();
        List<FileChannel> keyChannels = new ArrayList<>();
        List<IndexBuilder> builders = new ArrayList<>();
        List<Path> parts = new ArrayList<>();
        List<FileChannel> channels = new ArrayList<>();
        ExecutorService pool = Executors.newFixedThreadPool(starts.size() - 1, r -> {
            Thread t = new Thread(r, "scapscope-index");
            t.setDaemon(true);
            return t;
        });
        try {
            for (int i = 0; i < starts.size(); i++) {
                long from = starts.get(i)[0];
                long to = i + 1 < starts.size() ? starts.get(i + 1)[0] : length;
                FileChannel ch = out;
                if (i > 0) {
                    Path part = Files.createTempFile(scratchDir, "range", ".words");
                    parts.add(part);
                    ch = FileChannel.open(part, StandardOpenOption.READ, StandardOpenOption.WRITE,
                            StandardOpenOption.DELETE_ON_CLOSE);
                    channels.add(ch);
                }
                IndexBuilder b = new IndexBuilder(data, from, to, starts.get(i)[1] != 0, ch, sourceName, options,
                        this::progress);
                if (keysOut != null) {
                    b.keysOut = keysOut;
                    if (i > 0) {
                        Path part = Files.createTempFile(scratchDir, "range", ".keys");
                        parts.add(part);
                        b.keysOut = FileChannel.open(part, StandardOpenOption.READ, StandardOpenOption.WRITE,
                                StandardOpenOption.DELETE_ON_CLOSE);
                        keyChannels.add(b.keysOut);
                    }
                }
                builders.add(b);
            }
            List<Future<?>> running = new ArrayList<>();
            for (int i = 1; i < builders.size(); i++) {
                IndexBuilder b = builders.get(i);
                running.add(pool.submit(() -> {
                    try {
                        b.run();
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    } catch (ScapFormatException e) {
                        throw new IllegalStateException(e);
                    }
                    return null;
                }));
            }
            builders.get(0).run();
            for (Future<?> f : running) {
                f.get();
            }
            if (!linedUp(builders)) {
                // A range did not end where the next began: read the file again in one pass.
                out.truncate(outStart);
                out.position(outStart);
                if (keysOut != null) {
                    keysOut.truncate(keysStart);
                    keysOut.position(keysStart);
                }
                done.set(0);
                IndexBuilder only = new IndexBuilder(data, 0, length, false, out, sourceName, options, this::progress);
                only.keysOut = keysOut;
                only.run();
                join(List.of(only), out, List.of(), keysOut, List.of());
                return;
            }
            join(builders, out, channels, keysOut, keyChannels);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("indexing of " + sourceName + " was interrupted");
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof UncheckedIOException u) {
                throw u.getCause();
            }
            if (cause instanceof IllegalStateException s && s.getCause() instanceof ScapFormatException f) {
                throw f;
            }
            throw new IOException("indexing of " + sourceName + " failed: " + cause, cause);
        } finally {
            pool.shutdownNow();
            for (FileChannel ch : channels) {
                ch.close();
            }
            for (FileChannel ch : keyChannels) {
                ch.close();
            }
            for (Path p : parts) {
                Files.deleteIfExists(p);
            }
        }
    }

    private void progress(long bytes) {
        long total = done.addAndGet(bytes);
        options.reportProgress(Math.min(total, data.length()), data.length());
    }

    /** Each range ended exactly where the next began, or stopped early at a problem before it. */
    private static boolean linedUp(List<IndexBuilder> builders) {
        for (int i = 0; i + 1 < builders.size(); i++) {
            IndexBuilder b = builders.get(i);
            if (b.stoppedEarly) {
                return true;
            }
            if (b.endOffset != builders.get(i + 1).startOffset()) {
                return false;
            }
        }
        return true;
    }

    /** Joins the ranges' results in file order, up to the first range that stopped early. */
    private void join(List<IndexBuilder> builders, FileChannel out, List<FileChannel> parts, FileChannel keysOut,
                      List<FileChannel> keyParts) throws IOException, ScapFormatException {
        long unknown = 0;
        long packets = 0;
        List<long[]> records = new ArrayList<>();
        List<long[]> cps = new ArrayList<>();
        List<long[]> groups = new ArrayList<>();
        for (int i = 0; i < builders.size(); i++) {
            IndexBuilder b = builders.get(i);
            long base = eventCount;
            int sectionBase = sections.size();
            if (i > 0) {
                FileChannel part = parts.get(i - 1);
                long size = part.size();
                long copied = 0;
                while (copied < size) {
                    copied += part.transferTo(copied, size - copied, out);
                }
                if (keysOut != null) {
                    FileChannel keyPart = keyParts.get(i - 1);
                    long keyBytes = 2 * b.eventCount;
                    long moved = 0;
                    while (moved < keyBytes) {
                        moved += keyPart.transferTo(moved, keyBytes - moved, keysOut);
                    }
                }
            }
            for (Section s : b.sections) {
                sections.add(new Section(s.offset(), s.bigEndian(), s.major(), s.minor(), s.firstEvent() + base));
            }
            for (BlockRef r : b.metadataBlocks) {
                metadataBlocks.add(new BlockRef(r.offset(), r.type(), r.length(), r.section() + sectionBase));
            }
            for (int k = 0; k < b.stateRecordCount; k++) {
                records.add(new long[] {b.stateRecords[2 * k], b.stateRecords[2 * k + 1] + base});
            }
            for (int k = 0; k < b.groupCount; k++) {
                groups.add(new long[] {b.groupFirst[k] + base, b.groupBases[k]});
            }
            for (int k = 0; k < b.checkpointCount; k++) {
                cps.add(new long[] {base + (long) k * IndexBuilder.CHECKPOINT_INTERVAL, b.checkpoints[k]});
            }
            long[] types = b.typeCounts();
            if (types.length > typeCounts.length) {
                typeCounts = Arrays.copyOf(typeCounts, types.length);
            }
            for (int t = 0; t < types.length; t++) {
                typeCounts[t] += types[t];
            }
            b.blockCounts.forEach((k, v) -> blockCounts.merge(k, v, Long::sum));
            eventCount += b.eventCount;
            hiddenCount += b.hiddenCount;
            unknown += b.unknownBlocks;
            packets += b.packetBlocks;
            if (firstTs < 0) {
                firstTs = b.firstTs;
            }
            minTs = Math.min(minTs, b.minTs);
            maxTs = Math.max(maxTs, b.maxTs);
            endOffset = b.endOffset;
            if (b.stoppedEarly) {
                truncated = b.truncated;
                warnings.add(b.stopReason + "; " + eventCount + " events before it are readable");
                break;
            }
        }
        if (eventCount == 0 && metadataBlocks.isEmpty() && packets > 0) {
            throw new ScapFormatException(sourceName + " is a pcapng network capture (packets, as Wireshark and tcpdump"
                    + " write them), not a system-call capture: it holds " + packets + " interface and packet block(s)"
                    + " and no events", 0);
        }
        if (unknown > 0) {
            warnings.add(unknown + " block(s) of unknown type skipped");
        }
        stateRecords = new long[2 * records.size()];
        for (int k = 0; k < records.size(); k++) {
            stateRecords[2 * k] = records.get(k)[0];
            stateRecords[2 * k + 1] = records.get(k)[1];
        }
        groupFirst = new long[groups.size()];
        groupBases = new long[groups.size()];
        for (int k = 0; k < groups.size(); k++) {
            groupFirst[k] = groups.get(k)[0];
            groupBases[k] = groups.get(k)[1];
        }
        checkpointStarts = new long[cps.size()];
        checkpointMax = new long[cps.size()];
        for (int k = 0; k < cps.size(); k++) {
            checkpointStarts[k] = cps.get(k)[0];
            checkpointMax[k] = cps.get(k)[1];
        }
        out.position(out.size());
        options.reportProgress(data.length(), data.length());
    }

    /**
     * The first 4-aligned offset at or after {@code from} where a chain of well-formed blocks starts,
     * with the byte order they read in: {offset, 1 for big-endian}; null when none is found nearby.
     */
    long[] resync(long from) {
        MappedInput little = data;
        MappedInput big = data.withOrder(ByteOrder.BIG_ENDIAN);
        long limit = Math.min(data.length() - 12, from + RESYNC_WINDOW);
        for (long p = (from + 3) & ~3L; p < limit; p += 4) {
            if (chainAt(little, p)) {
                return new long[] {p, 0};
            }
            if (chainAt(big, p)) {
                return new long[] {p, 1};
            }
        }
        return null;
    }

    private static boolean chainAt(MappedInput in, long p) {
        long length = in.length();
        for (int k = 0; k < CHAIN; k++) {
            if (p == length) {
                return k > 0;
            }
            if (length - p < 12) {
                return false;
            }
            int type = in.getInt(p);
            if (!BlockType.isKnown(type)) {
                return false;
            }
            long total = in.getUnsignedInt(p + 4);
            if (total < 12 || total > length - p || in.getUnsignedInt(p + total - 4) != total) {
                return false;
            }
            if (BlockType.isEvent(type)) {
                long header = p + BlockType.eventHeader(type);
                int headerLen = BlockType.isV1Event(type) ? 22 : 26;
                if (header + headerLen > p + total - 4) {
                    return false;
                }
                long evtLen = in.getUnsignedInt(header + 16);
                if (evtLen < headerLen || header + evtLen > p + total - 4) {
                    return false;
                }
            }
            p += total;
        }
        return true;
    }
}
