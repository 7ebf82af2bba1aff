package org.scapscope.scap;

import java.nio.charset.StandardCharsets;

/**
 * One event, read in place from the mapped capture. A flyweight: {@link ScapFile#read} rebinds the
 * same instance to another event, so iterating a capture allocates nothing per event. Parameter
 * positions are worked out on first use.
 *
 * <p>Parameters are those of the current schema; an event written by an older driver may carry
 * fewer ({@link #paramCount()} tells how many), and one written by a newer driver more, which are
 * ignored.
 */
public final class ScapEvent {
    static final int MAX_PARAMS = 64;
    private static final EventSchema SCHEMA = EventSchema.get();

    private MappedInput in;
    private long index = -1;
    private long header;
    private boolean v1;
    private boolean dumpFlags;
    private int type;
    private long length;
    private int fileParams;
    private int lengthSize;
    private EventInfo info;

    private boolean located;
    private int params;
    private final long[] paramOffset = new long[MAX_PARAMS];
    private final int[] paramLength = new int[MAX_PARAMS];

    public ScapEvent() {
    }

    /** Hints for the index lookups of the next read: the group and section of this one. */
    final int[] groupHint = new int[1];
    int sectionHint;

    /**
     * An event that is in no capture, without parameters: what a reader feeds its own work with, as
     * csysdig feeds its views one {@code sysdigevent} per thread at the end of a capture. Its
     * number ({@link #number}) is 0.
     */
    public static ScapEvent synthetic(int type, long tid, long ts) {
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream(64);
        try (ScapWriter w = new ScapWriter(bytes)) {
            w.event(BlockType.EV_V2, 0, 0, ts, tid, type);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        ScapEvent e = new ScapEvent();
        e.bind(MappedInput.wrap(bytes.toByteArray(), 20), 0, -1);
        return e;
    }

    /** Binds to the event in the block at {@code blockOffset}, read in the byte order of {@code input}. */
    void bind(MappedInput input, long blockOffset, long eventIndex) {
        in = input;
        index = eventIndex;
        int blockType = in.getInt(blockOffset);
        v1 = BlockType.isV1Event(blockType);
        dumpFlags = BlockType.hasDumpFlags(blockType);
        header = blockOffset + BlockType.eventHeader(blockType);
        type = in.getUnsignedShort(header + 20);
        length = in.getUnsignedInt(header + 16);
        info = SCHEMA.event(type);
        if (v1) {
            lengthSize = 2;
            if (type == EventTypes.NOTIFICATION_E || type == EventTypes.INFRASTRUCTURE_EVENT_E) {
                length -= 3;
            }
            fileParams = -1;
        } else {
            fileParams = (int) Math.min(in.getUnsignedInt(header + 22), MAX_PARAMS);
            lengthSize = info != null && info.largePayload() ? 4 : 2;
        }
        located = false;
    }

    /**
     * The parameter count of an old-layout event, found as libscap does: the count, not above the
     * schema's, whose length array and values end exactly at the event's end; -1 if none does.
     */
    static int v1ParamCount(MappedInput in, long header, long evtLen, int schemaParams) {
        long end = header + evtLen;
        long lens = header + 22;
        long sum = 0;
        for (int n = 0; ; n++) {
            long valuesEnd = lens + 2L * n + sum;
            if (valuesEnd == end) {
                return n;
            }
            if (valuesEnd > end || n == schemaParams || lens + 2L * n + 2 > end) {
                return -1;
            }
            sum += in.getUnsignedShort(lens + 2L * n);
        }
    }

    /** Position of the event in the capture, from 0. */
    public long index() {
        return index;
    }

    /** The event number sysdig shows ({@code evt.num}): the position from 1. */
    public long number() {
        return index + 1;
    }

    /** Timestamp in nanoseconds since the epoch. */
    public long ts() {
        return in.getLong(header);
    }

    /** Thread id, -1 or 0 for events not tied to a thread. */
    public long tid() {
        return in.getLong(header + 8);
    }

    public int type() {
        return type;
    }

    /** Schema entry of the type, or null for a type newer than the schema. */
    public EventInfo info() {
        return info;
    }

    public boolean isEnter() {
        return EventTypes.isEnter(type);
    }

    /** The CPU that recorded the event. */
    public int cpu() {
        return in.getUnsignedShort(header - 2 - (dumpFlags ? 4 : 0));
    }

    /** The dump flags of the block ({@code SCAP_DF_*}), 0 when the block has none. */
    public int dumpFlags() {
        return dumpFlags ? in.getInt(header - 4) : 0;
    }

    /** Total event length in bytes, header included. */
    public long length() {
        return length;
    }

    /** Byte offset of the block that holds the event. */
    public long blockOffset() {
        return header - 2 - (dumpFlags ? 4 : 0) - 8;
    }

    /** Total length of the block that holds the event. */
    public long blockLength() {
        return in.getUnsignedInt(blockOffset() + 4);
    }

    /** Byte offset of the event header in the (inflated) capture. */
    public long offset() {
        return header;
    }

    /** Parameters readable with the schema: the smaller of what the file carries and what the schema knows. */
    public int paramCount() {
        locate();
        return params;
    }

    /** Parameters the event carries in the file. */
    public int fileParamCount() {
        if (fileParams < 0) {
            // an old-layout event: worked out from its length the first time it is asked
            fileParams = Math.max(0, v1ParamCount(in, header, length, info == null ? 32 : info.paramCount()));
        }
        return fileParams;
    }

    public ParamInfo paramInfo(int i) {
        return info != null && i < info.paramCount() ? info.params().get(i) : null;
    }

    /** Index of the named parameter when the event carries it, else -1. */
    public int paramIndex(String name) {
        if (info == null) {
            return -1;
        }
        int i = info.paramIndex(name);
        return i >= 0 && i < paramCount() ? i : -1;
    }

    public int paramLength(int i) {
        locate();
        return paramLength[i];
    }

    long paramOffset(int i) {
        locate();
        return paramOffset[i];
    }

    MappedInput input() {
        return in;
    }

    /**
     * A fixed-width parameter as a number: sign-extended for signed types, zero-extended otherwise.
     * A parameter of unexpected width is read by its actual width (1, 2, 4 or 8 bytes); an empty one reads as 0.
     */
    public long paramAsLong(int i) {
        locate();
        long at = paramOffset[i];
        ParamInfo p = paramInfo(i);
        boolean signed = p != null && p.type().isSigned();
        switch (paramLength[i]) {
            case 1: return signed ? in.get(at) : in.getUnsignedByte(at);
            case 2: return signed ? in.getShort(at) : in.getUnsignedShort(at);
            case 4: return signed ? in.getInt(at) : in.getUnsignedInt(at);
            case 8: return in.getLong(at);
            default: return 0;
        }
    }

    /** Whether a fixed-width parameter has the width its type asks for (an empty one does not). */
    public boolean paramHasValue(int i) {
        ParamInfo p = paramInfo(i);
        int len = paramLength(i);
        if (p == null || !p.type().isFixedWidth()) {
            return len > 0;
        }
        return len == p.type().width() || (len > 0 && len <= 8 && Integer.bitCount(len) == 1);
    }

    /** A string parameter without its terminating NUL, decoded as UTF-8. */
    public String paramAsString(int i) {
        locate();
        return text(in.bytes(paramOffset[i], paramLength[i]));
    }

    /** A parameter's bytes as its text: UTF-8, up to the first NUL. */
    public static String text(byte[] bytes) {
        int n = 0;
        while (n < bytes.length && bytes[n] != 0) {
            n++;
        }
        return new String(bytes, 0, n, StandardCharsets.UTF_8);
    }

    /** Whether a parameter's bytes are exactly {@code bytes}. */
    public boolean paramEquals(int i, byte[] bytes) {
        locate();
        return paramLength[i] == bytes.length && in.equalsAt(paramOffset[i], bytes);
    }

    /** A copy of a parameter's bytes. */
    public byte[] paramBytes(int i) {
        locate();
        return in.bytes(paramOffset[i], paramLength[i]);
    }

    /** Copies up to {@code max} bytes of a parameter into {@code dst}; returns how many. */
    public int copyParam(int i, byte[] dst, int max) {
        locate();
        int n = Math.min(Math.min(max, dst.length), paramLength[i]);
        in.read(paramOffset[i], dst, 0, n);
        return n;
    }

    /** The byte at {@code pos} of parameter {@code i}. */
    public int paramByte(int i, int pos) {
        locate();
        return in.getUnsignedByte(paramOffset[i] + pos);
    }

    private void locate() {
        if (located) {
            return;
        }
        if (fileParams < 0) {
            locateV1();
            return;
        }
        int headerLen = v1 ? 22 : 26;
        int fileCount = fileParamCount();
        int schemaParams = info != null ? info.paramCount() : fileCount;
        int n = Math.min(fileCount, schemaParams);
        long lens = header + headerLen;
        long end = header + length;
        long at = lens + (long) fileCount * lengthSize;
        for (int i = 0; i < n; i++) {
            long len = lengthSize == 2 ? in.getUnsignedShort(lens + 2L * i) : in.getUnsignedInt(lens + 4L * i);
            if (at + len > end) {
                len = Math.max(0, end - at);
            }
            paramOffset[i] = at;
            paramLength[i] = (int) len;
            at += len;
        }
        located(n, schemaParams, end);
    }

    /**
     * Ends locating with {@code n} parameters read from the file. Those an older layout does not
     * carry, up to {@code schemaParams}, read as empty (0, "", no bytes), the default libscap's
     * converter gives them; paramCount() still says what the file holds.
     */
    private void located(int n, int schemaParams, long end) {
        int defaults = Math.min(schemaParams, paramOffset.length);
        for (int i = n; i < defaults; i++) {
            paramOffset[i] = end;
            paramLength[i] = 0;
        }
        params = n;
        located = true;
    }

    /**
     * {@link #locate} for an old-layout event whose parameter count is not known yet: one walk of
     * its length array finds the count, as {@link #v1ParamCount} does, and where each value lies.
     */
    private void locateV1() {
        int schemaParams = info != null ? info.paramCount() : 32;
        long end = header + length;
        long lens = header + 22;
        long sum = 0;
        int count = 0;
        for (int n = 0; ; n++) {
            long valuesEnd = lens + 2L * n + sum;
            if (valuesEnd == end) {
                count = n;
                break;
            }
            if (valuesEnd > end || n == schemaParams || lens + 2L * n + 2 > end) {
                break; // no count fits: the event reads as having none
            }
            int len = in.getUnsignedShort(lens + 2L * n);
            paramLength[n] = len;
            sum += len;
        }
        fileParams = count;
        long at = lens + 2L * count;
        for (int i = 0; i < count; i++) {
            paramOffset[i] = at;
            at += paramLength[i];
        }
        located(count, info != null ? info.paramCount() : count, end);
    }
}
