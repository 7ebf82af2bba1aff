package org.scapscope.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;

class TerminalProgressTest {
    @Test
    void showsThePercentageOnOneLineAndErasesIt() {
        StringWriter out = new StringWriter();
        TerminalProgress p = new TerminalProgress(new PrintWriter(out), "big.scap", 0);
        p.update(25, 100);
        p.update(25, 100);
        assertEquals("\rscapscope: reading big.scap 25%", out.toString(), "a repeated percentage is not printed again");
        p.finish();
        assertTrue(out.toString().endsWith("\r\033[K"), "the line is erased at the end");
    }

    @Test
    void quickWorkShowsNothing() {
        StringWriter out = new StringWriter();
        TerminalProgress p = new TerminalProgress(new PrintWriter(out), "small.scap", 60_000_000_000L);
        p.update(50, 100);
        p.update(100, 100);
        p.finish();
        assertEquals("", out.toString());
    }
}
