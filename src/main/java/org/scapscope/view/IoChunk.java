package org.scapscope.view;

import org.scapscope.scap.ScapEvent;
import org.scapscope.scap.ScapFile;

/**
 * One read or write of an I/O stream: what the event moved and through which descriptor. The
 * bytes stay in the capture until asked for, so that the streams of a whole capture can be held.
 */
public final class IoChunk {
    private final ScapFile capture;
    private final long eventIndex;
    private final int dataParam;
    private final long ts;
    private final boolean write;
    private final long fd;
    private final String fdName;
    private final String process;
    private final long pid;
    private final String container;
    private final long length;

    /**
     * The chunk of event {@code eventIndex} of {@code capture}, whose data is its parameter
     * {@code dataParam}, at {@code ts} (ns since the epoch): a write or a read of {@code length}
     * bytes on descriptor {@code fd} named {@code fdName}, by {@code process} ({@code pid}) in
     * {@code container} ({@code host} outside containers).
     */
    IoChunk(ScapFile capture, long eventIndex, int dataParam, long ts, boolean write, long fd, String fdName,
            String process, long pid, String container, long length) {
        this.capture = capture;
        this.eventIndex = eventIndex;
        this.dataParam = dataParam;
        this.ts = ts;
        this.write = write;
        this.fd = fd;
        this.fdName = fdName;
        this.process = process;
        this.pid = pid;
        this.container = container;
        this.length = length;
    }

    /** {@code evt.num}. */
    public long eventNumber() {
        return eventIndex + 1;
    }

    /** The event's time, ns since the epoch. */
    public long ts() {
        return ts;
    }

    /** True for a write, false for a read. */
    public boolean write() {
        return write;
    }

    /** The descriptor number. */
    public long fd() {
        return fd;
    }

    /** The descriptor's name: a path, or a connection as {@code 1.2.3.4:5->6.7.8.9:80}. */
    public String fdName() {
        return fdName;
    }

    /** The process name. */
    public String process() {
        return process;
    }

    /** The process id. */
    public long pid() {
        return pid;
    }

    /** The container id, {@code host} outside containers. */
    public String container() {
        return container;
    }

    /** The bytes the call moved (its result). */
    public long length() {
        return length;
    }

    /** The bytes the capture kept of them (its snap length may cut them), read from the capture. */
    public byte[] data() {
        return data(capture.newEvent());
    }

    /** As {@link #data()}, reading the event with {@code reading} (one per thread, reused). */
    public byte[] data(ScapEvent reading) {
        return capture.read(eventIndex, reading).paramBytes(dataParam);
    }
}
