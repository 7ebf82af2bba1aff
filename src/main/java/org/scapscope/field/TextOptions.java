package org.scapscope.field;

/**
 * How parameter text is written, as sysdig's command line sets it: the format of data buffers
 * ({@code -A}, {@code -x}, {@code -X}, {@code -b}) and the length beyond which a buffer in the
 * normal format is cut short with {@code ...} (80 unless {@code -v}).
 *
 * @param bufferFormat how data buffers are shown
 * @param maxBufferText the longest buffer text in the normal format, 0 for no limit
 */
public record TextOptions(BufferFormat bufferFormat, int maxBufferText) {
    /** sysdig's defaults: printable bytes with dots for the rest, cut at 80 characters. */
    public static final TextOptions DEFAULT = new TextOptions(BufferFormat.NORMAL, 80);

    /** The ways sysdig shows a data buffer. */
    public enum BufferFormat {
        /** Printable characters, a dot for every other byte (the default). */
        NORMAL,
        /** Printable characters and line breaks only, after a leading newline ({@code -A}). */
        ASCII,
        /** Hexadecimal rows ({@code -x}). */
        HEX,
        /** Hexadecimal rows with the printable characters beside them ({@code -X}). */
        HEX_ASCII,
        /** Base64 ({@code -b}). */
        BASE64
    }
}
