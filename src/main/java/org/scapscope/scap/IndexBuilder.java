package org.scapscope.scap;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;

/**
 * The one sequential pass over a capture: checks every block, records where each event starts and
 * where the metadata blocks are, and writes the index columns out as it goes.
 *
 * <p>A malformed block ends the pass: what came before it stays readable, and a warning names the
 * block and its byte offset. Only a file that does not start with a section header is rejected.
 */
final class IndexBuilder {
    /** Events between two time checkpoints. */
    static final int CHECKPOINT_INTERVAL = 256;
    private static final int V1_HEADER = 22;
    private static final int V2_HEADER = 26;
    private static final int MAX_NONLARGE_BLOCK = 65536;
    private static final int PROGRESS_STEP = 1 << 16;

    private final MappedInput little;
    private final MappedInput big;
    private final EventSchema schema = EventSchema.get();
    private final String sourceName;
    private final OpenOptions options;

    private final FileChannel out;
    private final ByteBuffer words = ByteBuffer.allocateDirect(1 << 20).order(ByteOrder.LITTLE_ENDIAN);

    final List<Section> sections = new ArrayList<>();
    final List<BlockRef> metadataBlocks = new ArrayList<>();
    final List<String> warnings = new ArrayList<>();
    final TreeMap<String, Long> blockCounts = new TreeMap<>();
    long[] stateRecords = new long[16];
    int stateRecordCount;
    long[] checkpoints = new long[1024];
    long eventCount;
    long hiddenCount;
    long unknownBlocks;
    long firstTs = -1;
    long minTs = Long.MAX_VALUE;
    long maxTs = Long.MIN_VALUE;
    long endOffset;
    boolean truncated;

    private long runningMaxTs = Long.MIN_VALUE;
    private final long[] eventBlocks = new long[EVENT_BLOCK_TYPES.length];
    private static final int[] EVENT_BLOCK_TYPES = {BlockType.EV, BlockType.EV_INT, BlockType.EVF, BlockType.EV_V2,
        BlockType.EVF_V2, BlockType.EV_V2_LARGE, BlockType.EVF_V2_LARGE};
    private long[] typeCounts = new long[4];

    IndexBuilder(MappedInput input, FileChannel out, String sourceName, OpenOptions options) {
        this.little = input.withOrder(ByteOrder.LITTLE_ENDIAN);
        this.big = input.withOrder(ByteOrder.BIG_ENDIAN);
        this.out = out;
        this.sourceName = sourceName;
        this.options = options;
    }

    /** Runs the pass; the event words go to the output channel at its current position. */
    void run() throws IOException, ScapFormatException {
        long length = little.length();
        if (length == 0) {
            throw new ScapFormatException(sourceName + " is empty: a capture starts with a section header block", 0);
        }
        if (length < 12 || little.getInt(0) != BlockType.SHB) {
            throw new ScapFormatException(sourceName + " is not a capture: expected a section header block at offset 0"
                    + (length >= 4 ? String.format(", found block type 0x%08X", little.getInt(0)) : ""), 0);
        }
        MappedInput in = little;
        boolean bigEndian = false;
        int section = -1;
        long pos = 0;
        long nextProgress = PROGRESS_STEP;
        while (pos < length) {
            long remaining = length - pos;
            if (remaining < 8) {
                truncate(pos, "a block header needs 8 bytes, only " + remaining + " remain");
                break;
            }
            int type = in.getInt(pos);
            if (type == BlockType.SHB) {
                if (remaining < 12) {
                    truncate(pos, "the section header is cut short");
                    break;
                }
                int magic = little.getInt(pos + 8);
                if (magic == BlockType.SHB_MAGIC) {
                    in = little;
                    bigEndian = false;
                } else if (magic == BlockType.SHB_MAGIC_SWAPPED) {
                    in = big;
                    bigEndian = true;
                } else {
                    if (section < 0) {
                        throw new ScapFormatException(String.format(
                                "%s: section header at offset %d has byte-order magic 0x%08X, expected 0x%08X",
                                sourceName, pos, magic, BlockType.SHB_MAGIC), pos);
                    }
                    corrupt(pos, "section header", String.format("byte-order magic 0x%08X is not 0x%08X", magic,
                            BlockType.SHB_MAGIC));
                    break;
                }
            }
            long total = in.getUnsignedInt(pos + 4);
            if (total < 12) {
                corrupt(pos, BlockType.describe(type), "block length " + total + " is below the 12-byte minimum");
                break;
            }
            if (total > remaining) {
                truncate(pos, BlockType.describe(type) + " block of " + total + " bytes but only " + remaining
                        + " bytes remain");
                break;
            }
            long trailer = in.getUnsignedInt(pos + total - 4);
            if (trailer != total) {
                corrupt(pos, BlockType.describe(type), "trailer length " + trailer + " differs from header length "
                        + total);
                break;
            }
            if (BlockType.isEvent(type)) {
                if (section < 0) {
                    corrupt(pos, BlockType.describe(type), "event block before any section header");
                    break;
                }
                String problem = indexEvent(in, pos, type, total, bigEndian);
                countEventBlock(type);
                if (problem != null) {
                    corrupt(pos, BlockType.describe(type), problem);
                    break;
                }
            } else if (type == BlockType.SHB) {
                if (total < 28) {
                    corrupt(pos, "section header", "length " + total + " is below the 28-byte minimum");
                    break;
                }
                int major = in.getUnsignedShort(pos + 12);
                int minor = in.getUnsignedShort(pos + 14);
                if (major > 1) {
                    String msg = String.format("%s: section header at offset %d has format version %d.%d;"
                            + " this reader understands major version 1", sourceName, pos, major, minor);
                    if (section < 0) {
                        throw new ScapFormatException(msg, pos);
                    }
                    warnings.add(msg + "; reading stopped there");
                    break;
                }
                sections.add(new Section(pos, bigEndian, major, minor, eventCount));
                section++;
                count("SHB");
            } else if (BlockType.isKnown(type)) {
                metadataBlocks.add(new BlockRef(pos, type, total, section));
                count(BlockType.name(type));
            } else {
                unknownBlocks++;
                count(BlockType.describe(type));
            }
            pos += total;
            if (pos >= nextProgress) {
                nextProgress = pos + (PROGRESS_STEP << 4);
                options.reportProgress(pos, length);
                if (options.isCancelled()) {
                    throw new InterruptedIOException("indexing of " + sourceName + " was cancelled");
                }
            }
        }
        endOffset = pos;
        flushWords();
        for (int k = 0; k < EVENT_BLOCK_TYPES.length; k++) {
            if (eventBlocks[k] > 0) {
                blockCounts.put(BlockType.name(EVENT_BLOCK_TYPES[k]), eventBlocks[k]);
            }
        }
        if (unknownBlocks > 0) {
            warnings.add(unknownBlocks + " block(s) of unknown type skipped");
        }
        options.reportProgress(length, length);
    }

    /** Checks and records one event block; returns what is wrong with it, or null. */
    private String indexEvent(MappedInput in, long pos, int type, long total, boolean bigEndian) throws IOException {
        boolean flags = BlockType.hasDumpFlags(type);
        boolean v1 = BlockType.isV1Event(type);
        long header = pos + 8 + 2 + (flags ? 4 : 0);
        long bodyEnd = pos + total - 4;
        int headerLen = v1 ? V1_HEADER : V2_HEADER;
        if (header + headerLen > bodyEnd) {
            return "block too short for an event header";
        }
        if (type != BlockType.EV_V2_LARGE && type != BlockType.EVF_V2_LARGE && total - 8 > MAX_NONLARGE_BLOCK) {
            return "event block of " + total + " bytes is larger than a non-large block may be";
        }
        long evtLen = in.getUnsignedInt(header + 16);
        int etype = in.getUnsignedShort(header + 20);
        if (evtLen < headerLen || header + evtLen > bodyEnd) {
            return "event length " + evtLen + " does not fit the block";
        }
        EventInfo info = schema.event(etype);
        int v1Params = 0;
        if (v1) {
            if (etype == EventTypes.NOTIFICATION_E || etype == EventTypes.INFRASTRUCTURE_EVENT_E) {
                evtLen = Math.max(headerLen, evtLen - 3);
            }
            v1Params = v1ParamCount(in, header, evtLen, info == null ? 32 : info.paramCount());
            if (v1Params < 0) {
                return "parameter lengths of event type " + etype + " do not add up to its length " + evtLen;
            }
        } else {
            long nparams = in.getUnsignedInt(header + 22);
            int lsz = info != null && info.largePayload() ? 4 : 2;
            if (nparams > 4096 || V2_HEADER + nparams * lsz > evtLen) {
                return "parameter count " + nparams + " does not fit event length " + evtLen;
            }
            long sum = 0;
            long lens = header + V2_HEADER;
            for (int i = 0; i < nparams; i++) {
                sum += lsz == 2 ? in.getUnsignedShort(lens + 2L * i) : in.getUnsignedInt(lens + 4L * i);
            }
            if (V2_HEADER + nparams * lsz + sum > evtLen) {
                return "parameter lengths (" + sum + " bytes) run past event length " + evtLen;
            }
        }
        long ts = in.getLong(header);
        long word = EventWord.of(header, v1Params, bigEndian, v1, flags);
        if (EventTypes.isStateRecord(etype)) {
            addStateRecord(word);
            return null;
        }
        if (words.remaining() < 8) {
            flushWords();
        }
        words.putLong(word);
        if (eventCount % CHECKPOINT_INTERVAL == 0) {
            int slot = (int) (eventCount / CHECKPOINT_INTERVAL);
            if (slot >= checkpoints.length) {
                checkpoints = java.util.Arrays.copyOf(checkpoints, checkpoints.length * 2);
            }
            checkpoints[slot] = runningMaxTs;
        }
        eventCount++;
        boolean containerRecord = EventTypes.isContainerRecord(etype);
        if (!containerRecord) {
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
        if (ts > runningMaxTs) {
            runningMaxTs = ts;
        }
        if (containerRecord || (info != null && info.isInternal())
                || (flags && (in.getInt(pos + 10) & 1) != 0)) {
            hiddenCount++;
        }
        if (etype >= typeCounts.length) {
            typeCounts = java.util.Arrays.copyOf(typeCounts, Math.max(etype + 1, typeCounts.length * 2));
        }
        typeCounts[etype]++;
        return null;
    }

    /**
     * The parameter count of an old-layout event, found as libscap does: the largest count not above
     * the schema's whose length array and values end exactly at the event's end; -1 if none does.
     */
    static int v1ParamCount(MappedInput in, long header, long evtLen, int schemaParams) {
        long end = header + evtLen;
        long lens = header + V1_HEADER;
        for (int n = schemaParams; n >= 0; n--) {
            long values = lens + 2L * n;
            if (values > end) {
                continue;
            }
            long p = values;
            for (int i = 0; i < n; i++) {
                p += in.getUnsignedShort(lens + 2L * i);
            }
            if (p < end) {
                return -1;
            }
            if (p == end) {
                return n;
            }
        }
        return -1;
    }

    private void addStateRecord(long word) {
        if (2 * stateRecordCount + 2 > stateRecords.length) {
            stateRecords = java.util.Arrays.copyOf(stateRecords, stateRecords.length * 2);
        }
        stateRecords[2 * stateRecordCount] = word;
        stateRecords[2 * stateRecordCount + 1] = eventCount;
        stateRecordCount++;
    }

    long[] typeCounts() {
        return typeCounts;
    }

    int checkpointCount() {
        return (int) ((eventCount + CHECKPOINT_INTERVAL - 1) / CHECKPOINT_INTERVAL);
    }

    private void flushWords() throws IOException {
        words.flip();
        while (words.hasRemaining()) {
            out.write(words);
        }
        words.clear();
    }

    private void countEventBlock(int type) {
        for (int k = 0; k < EVENT_BLOCK_TYPES.length; k++) {
            if (EVENT_BLOCK_TYPES[k] == type) {
                eventBlocks[k]++;
                return;
            }
        }
    }

    private void count(String name) {
        blockCounts.merge(name, 1L, Long::sum);
    }

    private void truncate(long pos, String what) {
        truncated = true;
        warnings.add(String.format("%s is truncated at offset %d: %s; %d events before it are readable",
                sourceName, pos, what, eventCount));
    }

    private void corrupt(long pos, String block, String what) {
        warnings.add(String.format("%s is corrupt at offset %d (%s block): %s; %d events before it are readable",
                sourceName, pos, block, what, eventCount));
    }
}
