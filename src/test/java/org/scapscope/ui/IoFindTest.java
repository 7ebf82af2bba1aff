package org.scapscope.ui;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Finding a text in the bytes of I/O chunks, ignoring case as Latin-1 does. */
class IoFindTest {
    private static byte[] latin1(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }

    private static boolean holds(String data, java.nio.charset.Charset as, String text) {
        return IoPage.Needle.of(text).isIn(data.getBytes(as));
    }

    @Test
    void findsTheTextAnywhereIgnoringCase() {
        byte[] data = latin1("GET /bar HTTP/1.1\r\nHost: Ünïcode\r\n");
        assertTrue(IoPage.Needle.of("http/1.1").isIn(data));
        assertTrue(IoPage.Needle.of("Get").isIn(data));
        assertTrue(IoPage.Needle.of("HOST: ünÏCODE\r\n").isIn(data), "at the very end, Latin-1 letters folded");
        assertFalse(IoPage.Needle.of("https").isIn(data));
        assertFalse(IoPage.Needle.of("http").isIn(latin1("HT")), "longer than the data");
        assertFalse(IoPage.Needle.of("a").isIn(new byte[0]));
        assertTrue(IoPage.Needle.of("\u00ffx").isIn(new byte[] {0, (byte) 0xFF, 'X'}), "any byte");
    }

    @Test
    void textBeyondLatin1IsFoundAsUtf8() {
        assertTrue(holds("reply: 日本語 OK", StandardCharsets.UTF_8, "日本"));
        assertTrue(holds("REPLY: 日本語", StandardCharsets.UTF_8, "reply: 日本"), "ASCII letters still folded");
        assertFalse(holds("reply: ?? OK", StandardCharsets.ISO_8859_1, "日本"), "not a question mark for each");
        assertFalse(holds("reply: 日本語", StandardCharsets.UTF_8, "日語"));
    }
}
