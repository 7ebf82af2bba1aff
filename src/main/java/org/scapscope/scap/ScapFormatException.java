package org.scapscope.scap;

/** A capture that cannot be read: the message names the file, the byte offset and what was expected. */
public class ScapFormatException extends Exception {
    private static final long serialVersionUID = 1L;
    private final long offset;

    public ScapFormatException(String message, long offset) {
        super(message);
        this.offset = offset;
    }

    /** Byte offset of the problem in the (inflated) capture, or -1 when it has none. */
    public long offset() {
        return offset;
    }
}
