package org.scapscope.view;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/** The bytes of an I/O chunk as text, in the modes csysdig's echo has, and pretty JSON. */
public final class PayloadText {
    /** How bytes are shown. */
    public enum Mode {
        /**
         * One character per byte: printable ASCII as itself, any other byte (line breaks too) as a
         * dot, as csysdig's echo and sysdig's echo_fds show data.
         */
        DOTTED,
        /**
         * Printable ASCII, tabs and line breaks only, other bytes left out: sysdig's {@code -A}, but
         * for the tabs it drops (127.0.0.1localhost).
         */
        PRINTABLE,
        /** Offset, sixteen bytes in hex and their dotted text per line. */
        HEX,
        /**
         * Indented JSON when the bytes are a JSON document (after HTTP headers, say), else the text
         * with its lines: printable ASCII and line breaks, other bytes but carriage returns as dots.
         */
        JSON
    }

    private static final ObjectMapper MAPPER = new ObjectMapper()
            .enable(com.fasterxml.jackson.databind.DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    private PayloadText() {
    }

    public static String render(byte[] data, Mode mode) {
        switch (mode) {
            case PRINTABLE:
                return printable(data);
            case HEX:
                return hex(data);
            case JSON: {
                String pretty = prettyJson(data);
                return pretty != null ? pretty : lines(data);
            }
            default:
                return dotted(data);
        }
    }

    private static boolean isPrintable(int c) {
        return c >= 0x20 && c < 0x7F;
    }

    private static String dotted(byte[] data) {
        return text(data, false, '.');
    }

    private static String printable(byte[] data) {
        return text(data, true, NONE);
    }

    private static String lines(byte[] data) {
        return text(data, true, '.');
    }

    /** Stands for "left out" where a byte's stand-in is asked for. */
    private static final char NONE = 0;

    /**
     * Each byte as text: printable ASCII as itself; with {@code keepLines}, line breaks and tabs as
     * themselves and carriage returns left out; any other byte as {@code dot}, or left out when it
     * is {@link #NONE}.
     */
    private static String text(byte[] data, boolean keepLines, char dot) {
        StringBuilder b = new StringBuilder(data.length);
        for (byte x : data) {
            int c = x & 0xFF;
            if (isPrintable(c) || keepLines && (c == '\n' || c == '\t')) {
                b.append((char) c);
            } else if (!(keepLines && c == '\r') && dot != NONE) {
                b.append(dot);
            }
        }
        return b.toString();
    }

    private static String hex(byte[] data) {
        StringBuilder b = new StringBuilder();
        for (int off = 0; off < data.length; off += 16) {
            b.append(String.format("%08x  ", off));
            for (int i = 0; i < 16; i++) {
                if (off + i < data.length) {
                    b.append(String.format("%02x ", data[off + i] & 0xFF));
                } else {
                    b.append("   ");
                }
                if (i == 7) {
                    b.append(' ');
                }
            }
            b.append(' ');
            for (int i = 0; i < 16 && off + i < data.length; i++) {
                int c = data[off + i] & 0xFF;
                b.append(isPrintable(c) ? (char) c : '.');
            }
            b.append('\n');
        }
        return b.toString();
    }

    /** Whether JSON mode shows these bytes as indented JSON (not as their text). */
    public static boolean isJson(byte[] data) {
        return prettyJson(data) != null;
    }

    /** The start of an HTTP request: a method, a target, the protocol. */
    private static final java.util.regex.Pattern REQUEST_LINE = java.util.regex.Pattern.compile("[A-Z]+ \\S+ HTTP/");

    /** The bytes as indented JSON if the payload (or its body after HTTP headers) is a JSON document; else null. */
    static String prettyJson(byte[] data) {
        String text = new String(data, StandardCharsets.UTF_8);
        String body = text;
        int headerEnd = text.indexOf("\r\n\r\n");
        String head = "";
        if ((text.startsWith("HTTP/") || REQUEST_LINE.matcher(text).lookingAt()) && headerEnd >= 0) {
            head = text.substring(0, headerEnd + 4).replace("\r", "");
            body = text.substring(headerEnd + 4);
        }
        String t = body.strip();
        if (!(t.startsWith("{") || t.startsWith("["))) {
            return null;
        }
        try {
            JsonNode node = MAPPER.readTree(t);
            return head + MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(node);
        } catch (IOException e) {
            return null;
        }
    }
}
