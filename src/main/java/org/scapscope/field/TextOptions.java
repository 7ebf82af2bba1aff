package org.scapscope.field;

/**
 * How event text is written, as sysdig's command line sets it: the format of data buffers
 * ({@code -A}, {@code -x}, {@code -X}, {@code -b}), the length beyond which a buffer in the normal
 * format is cut short with {@code ...} (80 unless {@code -v}), and the time the default output
 * shows ({@code -t}, the field {@code evt.outputtime}).
 *
 * @param bufferFormat how data buffers are shown
 * @param maxBufferText the longest buffer text in the normal format, 0 for no limit
 * @param time what {@code evt.outputtime} shows
 */
public record TextOptions(BufferFormat bufferFormat, int maxBufferText, TimeType time) {
    /** sysdig's defaults: printable bytes with dots for the rest, cut at 80 characters; the clock time. */
    public static final TextOptions DEFAULT = new TextOptions(BufferFormat.NORMAL, 80, TimeType.HUMAN);

    public TextOptions(BufferFormat bufferFormat, int maxBufferText) {
        this(bufferFormat, maxBufferText, TimeType.HUMAN);
    }

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

    /** The times sysdig's {@code -t} chooses for the default output, by its letter. */
    public enum TimeType {
        /** The clock time of the event, 15:14:22.753887343 ({@code h}, the default). */
        HUMAN('h'),
        /** Seconds since the epoch, 1690557262.753887343 ({@code a}). */
        ABSOLUTE('a'),
        /** Seconds since the capture's first event ({@code r}). */
        RELATIVE('r'),
        /** Seconds from the enter event to this exit event, 0 on enter events ({@code d}). */
        LATENCY('d'),
        /** Seconds since the previous event shown ({@code D}). */
        DELTA('D');

        private final char letter;

        TimeType(char letter) {
            this.letter = letter;
        }

        public char letter() {
            return letter;
        }

        /** The time type of a letter of {@code -t}, or null for another letter. */
        public static TimeType of(String letter) {
            for (TimeType t : values()) {
                if (letter.length() == 1 && letter.charAt(0) == t.letter) {
                    return t;
                }
            }
            return null;
        }
    }
}
