package org.scapscope.scap;

import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;

/**
 * What the start of a capture tells without indexing it: the machine's name and the time of its
 * first event. The blocks are read from the start (through gzip when the file is compressed), the
 * process and descriptor tables skipped, until the first event that is not a container, user or
 * group record;
 * never more than {@link #MAX_BYTES}. How long the capture lasts takes its last event, which only
 * reading it all finds.
 *
 * @param hostname the machine's name, null when the capture has no machine block before its events
 * @param firstTs the first event's time in nanoseconds since the epoch, -1 when none was reached
 */
public record CapturePeek(String hostname, long firstTs) {
    /** Bytes read at most: the tables of a large machine before the first event. */
    static final long MAX_BYTES = 256L << 20;
    /** An event block's header, then the event's own header up to its type. */
    private static final int EVENT_HEAD = 8 + 2 + 4 + 22;

    /**
     * Peeks at a capture file.
     *
     * @throws ScapFormatException when the file does not start as a capture does
     */
    public static CapturePeek of(Path file) throws IOException, ScapFormatException {
        boolean gzip = ScapFile.isGzip(file);
        try (InputStream raw = new BufferedInputStream(Files.newInputStream(file), 1 << 16)) {
            try (InputStream in = gzip ? new GZIPInputStream(raw, 1 << 16) : raw) {
                return read(in, file);
            }
        }
    }

    /**
     * Checks that a file starts as a capture does (a section header block with its byte-order
     * magic, through gzip when compressed), reading its first bytes only.
     *
     * @throws ScapFormatException saying why it does not
     */
    public static void checkStart(Path file) throws IOException, ScapFormatException {
        boolean gzip = ScapFile.isGzip(file);
        try (InputStream raw = new BufferedInputStream(Files.newInputStream(file), 1 << 12);
             InputStream in = gzip ? new GZIPInputStream(raw, 1 << 12) : raw) {
            orderOf(in.readNBytes(12), file);
        } catch (java.util.zip.ZipException e) {
            throw new ScapFormatException(file + " is not a capture: its gzip stream is damaged (" + e.getMessage() + ")", 0);
        }
    }

    /** The byte order a section header's first 12 bytes give; a ScapFormatException when they are not one. */
    private static ByteOrder orderOf(byte[] head, Path file) throws ScapFormatException {
        if (head.length < 12) {
            throw new ScapFormatException(file + " is too short to be a capture", 0);
        }
        ByteBuffer h = ByteBuffer.wrap(head).order(ByteOrder.LITTLE_ENDIAN);
        if (h.getInt(0) != BlockType.SHB) {
            throw new ScapFormatException(file + " is not a capture: it does not start with a section header block", 0);
        }
        int magic = h.getInt(8);
        if (magic == BlockType.SHB_MAGIC) {
            return ByteOrder.LITTLE_ENDIAN;
        } else if (magic == BlockType.SHB_MAGIC_SWAPPED) {
            return ByteOrder.BIG_ENDIAN;
        }
        throw new ScapFormatException(file + " is not a capture: its section header has no byte-order magic", 8);
    }

    private static CapturePeek read(InputStream in, Path file) throws IOException, ScapFormatException {
        byte[] head = new byte[12];
        int got = in.readNBytes(head, 0, 12);
        ByteOrder order = orderOf(got < 12 ? java.util.Arrays.copyOf(head, got) : head, file);
        ByteBuffer h = ByteBuffer.wrap(head);
        long read = 12;
        long length = h.order(order).getInt(4) & 0xFFFF_FFFFL;
        if (!skip(in, length - 12)) {
            return new CapturePeek(null, -1);
        }
        read += length - 12;
        String host = null;
        while (read < MAX_BYTES) {
            if (in.readNBytes(head, 0, 8) < 8) {
                break;
            }
            ByteBuffer b = ByteBuffer.wrap(head).order(order);
            int type = b.getInt(0);
            length = b.getInt(4) & 0xFFFF_FFFFL;
            if (length < 12 || read + length > MAX_BYTES + (1 << 20)) {
                break; // damaged, or more than a peek should read
            }
            if (type == BlockType.MI || type == BlockType.MI_INT) {
                byte[] block = new byte[(int) length];
                System.arraycopy(head, 0, block, 0, 8);
                if (in.readNBytes(block, 8, block.length - 8) < block.length - 8) {
                    break;
                }
                MachineInfo machine = MetadataReader.machineInfo(MappedInput.wrap(block, 30).withOrder(order),
                        new BlockRef(0, type, length, 0));
                if (machine != null && machine.hostname() != null && !machine.hostname().isEmpty()) {
                    host = machine.hostname();
                }
            } else if (BlockType.isEvent(type) && length >= EVENT_HEAD) {
                byte[] block = new byte[EVENT_HEAD];
                System.arraycopy(head, 0, block, 0, 8);
                if (in.readNBytes(block, 8, EVENT_HEAD - 8) < EVENT_HEAD - 8) {
                    break;
                }
                ByteBuffer e = ByteBuffer.wrap(block).order(order);
                int header = BlockType.eventHeader(type);
                long ts = e.getLong(header);
                int eventType = e.getShort(header + 20) & 0xFFFF;
                // container records, and user and group records written as events, are not events of the capture
                if (!EventTypes.isContainerRecord(eventType) && !EventTypes.isStateRecord(eventType)) {
                    return new CapturePeek(host, ts);
                }
                if (!skip(in, length - EVENT_HEAD)) {
                    break;
                }
            } else if (!skip(in, length - 8)) {
                break;
            }
            read += length;
        }
        return new CapturePeek(host, -1);
    }

    /** Skips bytes of the stream; false when it ends first. */
    private static boolean skip(InputStream in, long n) throws IOException {
        try {
            in.skipNBytes(n);
            return true;
        } catch (EOFException e) {
            return false;
        }
    }
}
