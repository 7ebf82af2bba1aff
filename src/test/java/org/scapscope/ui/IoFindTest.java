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

    @Test
    void findsTheTextAnywhereIgnoringCase() {
        byte[] data = latin1("GET /bar HTTP/1.1\r\nHost: Ünïcode\r\n");
        assertTrue(IoPage.holds(data, latin1("http/1.1")));
        assertTrue(IoPage.holds(data, latin1("get")));
        assertTrue(IoPage.holds(data, latin1("host: ünïcode\r\n")), "at the very end, Latin-1 letters folded");
        assertFalse(IoPage.holds(data, latin1("https")));
        assertFalse(IoPage.holds(latin1("HT"), latin1("http")), "longer than the data");
        assertFalse(IoPage.holds(new byte[0], latin1("a")));
        assertTrue(IoPage.holds(new byte[] {0, (byte) 0xFF, 'X'}, new byte[] {(byte) 0xFF, 'x'}), "any byte");
    }
}
