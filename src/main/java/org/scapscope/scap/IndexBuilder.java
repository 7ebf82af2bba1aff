package org.scapscope.scap;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.TreeMap;
import java.util.function.LongConsumer;

/**
 * The indexing pass over one byte range of a capture: checks every block, records where each event
 * starts and where the metadata blocks are, and writes the event words out as it goes.
 * {@link ParallelIndexer} runs one per range and joins them.
 *
 * <p>A malformed block ends the pass: what came before it stays readable, and a warning names the
 * block and its byte offset. Only a file that does not start with a section header is rejected.
 */
final class IndexBuilder {
    /** Events between two time checkpoints. */
    static final int CHECKPOINT_INTERVAL = 256;
    /** Events whose offsets share one base. */
    static final int GROUP_SIZE = 1024;
    private static final int V1_HEADER = 22;
    private static final int V2_HEADER = 26;
    private static final int MAX_NONLARGE_BLOCK = 65536;
    private static final int PROGRESS_STEP = 1 << 16;
    /** Parameters a current-layout event may declare; libs has at most 32. */
    private static final int MAX_PARAMS = 4096;
    /** Bytes of a straddling block copied for checking: its header and the longest length array. */
    private static final int SCRATCH = 26 + 16 + 4 * MAX_PARAMS + 64;

    private final MappedInput little;
    private final MappedInput big;
    private final EventSchema schema = EventSchema.get();
    private final String sourceName;
    private final OpenOptions options;

    private final FileChannel out;
    private final int[] lastV1Params = new int[1 << 16];
    /**
     * The start of a block that straddles two chunks, copied where it is read from: a read-only
     * direct buffer, as the mapped chunks are, so that the checks compiled for those are not undone.
     */
    private final ByteBuffer scratchDirect = ByteBuffer.allocateDirect(SCRATCH);
    private final ByteBuffer scratchLittle = scratchDirect.asReadOnlyBuffer().order(ByteOrder.LITTLE_ENDIAN);
    private final ByteBuffer scratchBig = scratchDirect.asReadOnlyBuffer().order(ByteOrder.BIG_ENDIAN);
    private final ByteBuffer words = ByteBuffer.allocateDirect(1 << 20).order(ByteOrder.LITTLE_ENDIAN);
    /** The type key of each event ({@link TypeColumn#keyOf}), written to {@link #keysOut} when there is one. */
    private final ByteBuffer keys = ByteBuffer.allocateDirect(1 << 19).order(ByteOrder.LITTLE_ENDIAN);
    FileChannel keysOut;

    private final long start;
    private final long stop;
    private final boolean first;
    private final boolean startBigEndian;
    private final LongConsumer progress;

    /** Sections that start in this range; their first-event indexes are local to the range. */
    final List<Section> sections = new ArrayList<>();
    final List<BlockRef> metadataBlocks = new ArrayList<>();
    final TreeMap<String, Long> blockCounts = new TreeMap<>();
    /** Pairs {block offset, index of the event it precedes} of the user and group records. */
    long[] stateRecords = new long[16];
    /** Events are stored as 32-bit offsets from the base of their group; a group holds up to GROUP_SIZE events. */
    long[] groupFirst = new long[64];
    long[] groupBases = new long[64];
    int groupCount;
    private long groupBase;
    private int groupEvents = GROUP_SIZE;
    int stateRecordCount;
    /** Largest timestamp of each run of {@link #CHECKPOINT_INTERVAL} events, in range order. */
    long[] checkpoints = new long[1024];
    int checkpointCount;
    private long blockMaxTs = Long.MIN_VALUE;
    long eventCount;
    long hiddenCount;
    long unknownBlocks;
    /** Blocks of a pcapng network capture ({@link BlockType#isPacketBlock}), among the unknown ones. */
    long packetBlocks;
    long firstTs = -1;
    long minTs = Long.MAX_VALUE;
    long maxTs = Long.MIN_VALUE;
    long endOffset;
    boolean truncated;
    /** The pass stopped at a malformed block, a truncation or an unsupported section. */
    boolean stoppedEarly;
    /** Why the pass stopped early, without the count of readable events the caller adds. */
    String stopReason;

    private final long[] eventBlocks = new long[EVENT_BLOCK_TYPES.length];
    private static final int[] EVENT_BLOCK_TYPES = {BlockType.EV, BlockType.EV_INT, BlockType.EVF, BlockType.EV_V2,
        BlockType.EVF_V2, BlockType.EV_V2_LARGE, BlockType.EVF_V2_LARGE};
    private final long[] typeCounts = new long[1 << 16];

    /**
     * A pass over {@code [start, stop)}. The first range starts at the file's section header; a later
     * range starts inside a section whose byte order was found by resynchronising.
     */
    IndexBuilder(MappedInput input, long start, long stop, boolean startBigEndian, FileChannel out,
                 String sourceName, OpenOptions options, LongConsumer progress) {
        this.little = input.withOrder(ByteOrder.LITTLE_ENDIAN);
        this.big = input.withOrder(ByteOrder.BIG_ENDIAN);
        this.start = start;
        this.stop = stop;
        this.first = start == 0;
        this.startBigEndian = startBigEndian;
        this.out = out;
        this.sourceName = sourceName;
        this.options = options;
        this.progress = progress;
    }

    /** Checks that a file can be a capture at all: it must start with a section header. */
    static void checkStart(MappedInput little, String sourceName) throws ScapFormatException {
        long length = little.length();
        if (length == 0) {
            throw new ScapFormatException(sourceName + " is empty: a capture starts with a section header block", 0);
        }
        if (length < 4 || little.getInt(0) != BlockType.SHB) {
            throw new ScapFormatException(sourceName + " is not a capture: expected a section header block at offset 0"
                    + (length >= 4 ? String.format(", found block type 0x%08X", little.getInt(0)) : ""), 0);
        }
        if (length < 28) {
            throw new ScapFormatException(sourceName + " is cut short at offset " + length
                    + ": it starts with a section header block, which needs at least 28 bytes", length);
        }
    }

    // Where the pass is, kept between batches.
    private long pos;
    private boolean bigEndian;
    private MappedInput in;
    private int section = -1;
    private long reported;
    private long nextProgress;

    /** Bytes of blocks a batch of the pass reads before it returns. */
    private static final long BATCH_BYTES = 1 << 20;

    /**
     * Runs the pass; the event words go to the output channel at its current position. The blocks
     * are read in batches, a call each: the compiler then optimizes the batch as a method called
     * again and again, and code it must set aside for a rare block is soon compiled again, rather
     * than a single long loop left running slowly for the rest of the range.
     */
    void run() throws IOException, ScapFormatException {
        long length = stop;
        bigEndian = startBigEndian;
        in = bigEndian ? big : little;
        pos = start;
        reported = start;
        nextProgress = start + PROGRESS_STEP;
        while (pos < length && !stoppedEarly) {
            batch(Math.min(length, pos + BATCH_BYTES));
        }
        endOffset = pos;
        progress.accept(pos - reported);
        if (blockMaxTs != Long.MIN_VALUE || eventCount % CHECKPOINT_INTERVAL != 0) {
            addCheckpoint();
        }
        flushWords();
        flushKeys();
        for (int k = 0; k < EVENT_BLOCK_TYPES.length; k++) {
            if (eventBlocks[k] > 0) {
                blockCounts.put(BlockType.name(EVENT_BLOCK_TYPES[k]), eventBlocks[k]);
            }
        }
    }

    /** Reads the blocks that start before {@code limit}, unless the pass stops first ({@link #stoppedEarly}). */
    private void batch(long limit) throws IOException, ScapFormatException {
        while (pos < limit) {
            long remaining = little.length() - pos;
            if (remaining < 8) {
                truncate(pos, "a block header needs 8 bytes, only " + remaining + " remain");
                return;
            }
            ByteBuffer chunk = in.chunk(pos);
            int at = in.chunkOffset(pos);
            boolean inChunk = at + 8 <= chunk.limit();
            int type = inChunk ? chunk.getInt(at) : in.getInt(pos);
            if (type == BlockType.SHB) {
                if (remaining < 12) {
                    truncate(pos, "the section header is cut short");
                    return;
                }
                int magic = little.getInt(pos + 8);
                if (magic == BlockType.SHB_MAGIC) {
                    in = little;
                    bigEndian = false;
                } else if (magic == BlockType.SHB_MAGIC_SWAPPED) {
                    in = big;
                    bigEndian = true;
                } else {
                    if (first && section < 0) {
                        throw new ScapFormatException(String.format(
                                "%s: section header at offset %d has byte-order magic 0x%08X, expected 0x%08X",
                                sourceName, pos, magic, BlockType.SHB_MAGIC), pos);
                    }
                    corrupt(pos, "section header", String.format("byte-order magic 0x%08X is not 0x%08X", magic,
                            BlockType.SHB_MAGIC));
                    return;
                }
            }
            if (type == BlockType.SHB) {
                chunk = in.chunk(pos);
            }
            long total = inChunk ? chunk.getInt(at + 4) & 0xFFFF_FFFFL : in.getUnsignedInt(pos + 4);
            if (total < 12) {
                corrupt(pos, BlockType.describe(type), "block length " + total + " is below the 12-byte minimum");
                return;
            }
            if (total > remaining) {
                truncate(pos, BlockType.describe(type) + " block of " + total + " bytes but only " + remaining
                        + " bytes remain");
                return;
            }
            boolean whole = inChunk && at + total <= chunk.limit();
            long trailer = whole ? chunk.getInt(at + (int) total - 4) & 0xFFFF_FFFFL
                    : in.getUnsignedInt(pos + total - 4);
            if (trailer != total) {
                corrupt(pos, BlockType.describe(type), "trailer length " + trailer + " differs from header length "
                        + total);
                return;
            }
            if (BlockType.isEvent(type)) {
                if (first && section < 0) {
                    corrupt(pos, BlockType.describe(type), "event block before any section header");
                    return;
                }
                String problem = whole ? checkEvent(chunk, at, pos, type, total, bigEndian)
                        : indexEvent(in, pos, type, total, bigEndian);
                countEventBlock(type);
                if (problem != null) {
                    corrupt(pos, BlockType.describe(type), problem);
                    return;
                }
            } else if (type == BlockType.SHB) {
                if (total < 28) {
                    corrupt(pos, "section header", "length " + total + " is below the 28-byte minimum");
                    return;
                }
                int major = in.getUnsignedShort(pos + 12);
                int minor = in.getUnsignedShort(pos + 14);
                if (major > 1) {
                    String msg = String.format("%s: section header at offset %d has format version %d.%d;"
                            + " this reader understands major version 1", sourceName, pos, major, minor);
                    if (first && section < 0) {
                        throw new ScapFormatException(msg, pos);
                    }
                    stopReason = msg;
                    stoppedEarly = true;
                    return;
                }
                sections.add(new Section(pos, bigEndian, major, minor, eventCount));
                section++;
                count("SHB");
            } else if (BlockType.isKnown(type)) {
                metadataBlocks.add(new BlockRef(pos, type, total, section));
                count(BlockType.name(type));
            } else {
                unknownBlocks++;
                if (BlockType.isPacketBlock(type)) {
                    packetBlocks++;
                }
                count(BlockType.describe(type));
            }
            pos += total;
            if (pos >= nextProgress) {
                nextProgress = pos + (PROGRESS_STEP << 4);
                progress.accept(pos - reported);
                reported = pos;
                if (options.isCancelled()) {
                    throw new InterruptedIOException("indexing of " + sourceName + " was cancelled");
                }
            }
        }
    }

    /** Checks and records one event block; returns what is wrong with it, or null. */
    private String indexEvent(MappedInput in, long pos, int type, long total, boolean bigEndian) throws IOException {
        ByteBuffer chunk = in.chunk(pos);
        int base = in.chunkOffset(pos);
        if (base + total > chunk.limit()) {
            // The block straddles two chunks (or is huge): check a copy of its start, which holds all
            // that is read here. The trailer was checked already.
            int n = (int) Math.min(total, SCRATCH);
            in.read(pos, scratchDirect, n);
            chunk = bigEndian ? scratchBig : scratchLittle;
            base = 0;
            if (n < total) {
                chunk.limit(n);
            } else {
                chunk.limit((int) total);
            }
        }
        return checkEvent(chunk, base, pos, type, total, bigEndian);
    }

    private String checkEvent(ByteBuffer b, int base, long pos, int type, long total, boolean bigEndian)
            throws IOException {
        boolean flags = BlockType.hasDumpFlags(type);
        boolean v1 = BlockType.isV1Event(type);
        int header = base + BlockType.eventHeader(type);
        long bodyEnd = base + total - 4;
        int headerLen = v1 ? V1_HEADER : V2_HEADER;
        if (header + headerLen > bodyEnd) {
            return "block too short for an event header";
        }
        if (type != BlockType.EV_V2_LARGE && type != BlockType.EVF_V2_LARGE && total - 8 > MAX_NONLARGE_BLOCK) {
            return "event block of " + total + " bytes is larger than a non-large block may be";
        }
        long evtLen = b.getInt(header + 16) & 0xFFFF_FFFFL;
        int etype = b.getShort(header + 20) & 0xFFFF;
        if (evtLen < headerLen || header + evtLen > bodyEnd) {
            return "event length " + evtLen + " does not fit the block";
        }
        int traits = TYPE_TRAITS[etype];
        int firstValue;
        if (v1) {
            if ((traits & T_SHORTENED) != 0) {
                evtLen = Math.max(headerLen, evtLen - 3);
            }
            int nparams = v1ParamCountFor(b, header, (int) evtLen, etype, traits & T_PARAMS);
            if (nparams < 0) {
                return "parameter lengths of event type " + etype + " do not add up to its length " + evtLen;
            }
            firstValue = nparams > 0 && (b.getShort(header + V1_HEADER) & 0xFFFF) >= 2
                    ? header + V1_HEADER + 2 * nparams : -1;
        } else {
            long nparams = b.getInt(header + 22) & 0xFFFF_FFFFL;
            int lsz = (traits & T_LARGE) != 0 ? 4 : 2;
            firstValue = -1;
            if (nparams > MAX_PARAMS || V2_HEADER + nparams * lsz > evtLen
                    || header + V2_HEADER + nparams * lsz > b.limit()) {
                return "parameter count " + nparams + " does not fit event length " + evtLen;
            }
            long sum = 0;
            int lens = header + V2_HEADER;
            if (lsz == 2) {
                for (int i = 0; i < nparams; i++) {
                    sum += b.getShort(lens + 2 * i) & 0xFFFF;
                }
            } else {
                for (int i = 0; i < nparams; i++) {
                    sum += b.getInt(lens + 4 * i) & 0xFFFF_FFFFL;
                }
            }
            if (V2_HEADER + nparams * lsz + sum > evtLen) {
                return "parameter lengths (" + sum + " bytes) run past event length " + evtLen;
            }
            int firstLength = nparams == 0 ? 0 : lsz == 2 ? b.getShort(header + V2_HEADER) & 0xFFFF
                    : b.getInt(header + V2_HEADER);
            firstValue = firstLength >= 2 ? header + V2_HEADER + (int) nparams * lsz : -1;
        }
        if ((traits & T_STATE_RECORD) != 0) {
            addStateRecord(pos);
            return null;
        }
        long ts = b.getLong(header);
        long relative = pos - groupBase;
        if (groupEvents == GROUP_SIZE || relative > 0xFFFF_FFFFL || relative < 0) {
            startGroup(pos);
            relative = 0;
        }
        groupEvents++;
        if (!words.hasRemaining()) {
            flushWords();
        }
        words.putInt((int) relative);
        if (keysOut != null) {
            if (!keys.hasRemaining()) {
                flushKeys();
            }
            int key = etype;
            if ((etype == EventTypes.GENERIC_E || etype == EventTypes.GENERIC_X) && firstValue >= 0) {
                int syscall = b.getShort(firstValue) & 0xFFFF;
                if (syscall < (TypeColumn.GENERIC_KEYS >> 1)) {
                    key = TypeColumn.genericKey(syscall, etype == EventTypes.GENERIC_X);
                }
            }
            keys.putShort((short) key);
        }
        if (ts > blockMaxTs) {
            blockMaxTs = ts;
        }
        eventCount++;
        if ((eventCount & (CHECKPOINT_INTERVAL - 1)) == 0) {
            addCheckpoint();
        }
        if ((traits & T_CONTAINER_RECORD) == 0) {
            if (firstTs < 0) {
                firstTs = ts;
            }
            if (ts < minTs) {
                minTs = ts;
            }
            if (ts > maxTs) {
                maxTs = ts;
            }
        }
        if ((traits & T_HIDDEN) != 0 || (flags && (b.getInt(base + 10) & 1) != 0)) {
            hiddenCount++;
        }
        typeCounts[etype]++;
        return null;
    }

    // What the pass needs to know of each event type, looked up once per event.
    private static final int T_PARAMS = 0xFF;
    private static final int T_LARGE = 1 << 8;
    private static final int T_HIDDEN = 1 << 9;
    private static final int T_STATE_RECORD = 1 << 10;
    private static final int T_CONTAINER_RECORD = 1 << 11;
    private static final int T_SHORTENED = 1 << 12;
    private static final int[] TYPE_TRAITS = typeTraits();

    private static int[] typeTraits() {
        EventSchema schema = EventSchema.get();
        int[] traits = new int[1 << 16];
        Arrays.fill(traits, 32); // a type no table knows: up to 32 parameters, nothing else special
        for (int t = 0; t < EventTypes.knownLimit(); t++) {
            EventInfo info = schema.event(t);
            int v = info == null ? 32 : Math.min(info.paramCount(), T_PARAMS);
            if (info != null && info.largePayload()) {
                v |= T_LARGE;
            }
            if (EventTypes.isContainerRecord(t)) {
                v |= T_CONTAINER_RECORD | T_HIDDEN;
            }
            if (info != null && info.isInternal()) {
                v |= T_HIDDEN;
            }
            if (EventTypes.isStateRecord(t)) {
                v |= T_STATE_RECORD;
            }
            if (t == EventTypes.NOTIFICATION_E || t == EventTypes.INFRASTRUCTURE_EVENT_E) {
                v |= T_SHORTENED;
            }
            traits[t] = v;
        }
        return traits;
    }

    /**
     * {@link #v1ParamCount}, trying first the count the previous event of the same type had: events of
     * one type written by one driver share it, and one check of it avoids the walk.
     */
    private int v1ParamCountFor(ByteBuffer b, int header, int evtLen, int etype, int schemaParams) {
        if (etype < lastV1Params.length) {
            int guess = lastV1Params[etype];
            if (guess > 0 && guess <= schemaParams) {
                int lens = header + V1_HEADER;
                int valuesEnd = lens + 2 * guess;
                if (valuesEnd <= header + evtLen) {
                    for (int i = 0; i < guess; i++) {
                        valuesEnd += b.getShort(lens + 2 * i) & 0xFFFF;
                    }
                    if (valuesEnd == header + evtLen) {
                        return guess;
                    }
                }
            }
        }
        int n = v1ParamCount(b, header, evtLen, schemaParams);
        if (n > 0 && etype < lastV1Params.length) {
            lastV1Params[etype] = n;
        }
        return n;
    }

    static int v1ParamCount(ByteBuffer b, int header, int evtLen, int schemaParams) {
        // The end of the values after n parameters grows with n, so at most one n fits: walk up to it.
        int end = header + evtLen;
        int lens = header + V1_HEADER;
        int sum = 0;
        for (int n = 0; ; n++) {
            int valuesEnd = lens + 2 * n + sum;
            if (valuesEnd == end) {
                return n;
            }
            if (valuesEnd > end || n == schemaParams || lens + 2 * n + 2 > end) {
                return -1;
            }
            sum += b.getShort(lens + 2 * n) & 0xFFFF;
        }
    }

    private void startGroup(long blockOffset) {
        if (groupCount == groupFirst.length) {
            groupFirst = Arrays.copyOf(groupFirst, groupFirst.length * 2);
            groupBases = Arrays.copyOf(groupBases, groupBases.length * 2);
        }
        groupFirst[groupCount] = eventCount;
        groupBases[groupCount] = blockOffset;
        groupCount++;
        groupBase = blockOffset;
        groupEvents = 0;
    }

    private void addStateRecord(long blockOffset) {
        if (2 * stateRecordCount + 2 > stateRecords.length) {
            stateRecords = Arrays.copyOf(stateRecords, stateRecords.length * 2);
        }
        stateRecords[2 * stateRecordCount] = blockOffset;
        stateRecords[2 * stateRecordCount + 1] = eventCount;
        stateRecordCount++;
    }

    long startOffset() {
        return start;
    }

    /** Events of each type, up to the highest type seen. */
    long[] typeCounts() {
        int n = typeCounts.length;
        while (n > 0 && typeCounts[n - 1] == 0) {
            n--;
        }
        return Arrays.copyOf(typeCounts, n);
    }

    private void addCheckpoint() {
        if (checkpointCount == checkpoints.length) {
            checkpoints = Arrays.copyOf(checkpoints, checkpoints.length * 2);
        }
        checkpoints[checkpointCount++] = blockMaxTs;
        blockMaxTs = Long.MIN_VALUE;
    }

    private void flushWords() throws IOException {
        words.flip();
        while (words.hasRemaining()) {
            out.write(words);
        }
        words.clear();
    }

    private void flushKeys() throws IOException {
        if (keysOut == null) {
            return;
        }
        keys.flip();
        while (keys.hasRemaining()) {
            keysOut.write(keys);
        }
        keys.clear();
    }

    private void countEventBlock(int type) {
        switch (type) {
            case BlockType.EV: eventBlocks[0]++; break;
            case BlockType.EV_INT: eventBlocks[1]++; break;
            case BlockType.EVF: eventBlocks[2]++; break;
            case BlockType.EV_V2: eventBlocks[3]++; break;
            case BlockType.EVF_V2: eventBlocks[4]++; break;
            case BlockType.EV_V2_LARGE: eventBlocks[5]++; break;
            default: eventBlocks[6]++; break;
        }
    }

    private void count(String name) {
        blockCounts.merge(name, 1L, Long::sum);
    }

    private void truncate(long pos, String what) {
        truncated = true;
        stoppedEarly = true;
        stopReason = String.format("%s is truncated at offset %d: %s", sourceName, pos, what);
    }

    private void corrupt(long pos, String block, String what) {
        stoppedEarly = true;
        stopReason = String.format("%s is corrupt at offset %d (%s block): %s", sourceName, pos, block, what);
    }
}
