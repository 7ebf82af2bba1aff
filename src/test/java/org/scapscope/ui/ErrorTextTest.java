package org.scapscope.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InterruptedIOException;
import java.nio.file.NoSuchFileException;
import org.junit.jupiter.api.Test;
import org.scapscope.scap.ScapFormatException;

/** Errors become one plain sentence for the window. */
class ErrorTextTest {
    @Test
    void eachKindOfFailureIsOnePlainSentence() {
        assertEquals("Cancelled.", ErrorText.of(new InterruptedIOException("stop")));
        assertEquals("/x.scap: no such file.", ErrorText.of(new NoSuchFileException("/x.scap")));
        assertEquals("/x.scap is cut short at offset 11.", ErrorText.of(new ScapFormatException("/x.scap is cut short at offset 11", 11)));
        String memory = ErrorText.of(new OutOfMemoryError("Java heap space"));
        assertTrue(memory.startsWith("Out of memory: this needed more than the "), memory);
        assertTrue(memory.contains("SCAPSCOPE_JAVA_OPTS=-Xmx"), memory);
        assertFalse(memory.contains("OutOfMemoryError"), memory);
        assertTrue(ErrorText.of(new IllegalStateException("odd")).contains("Something unexpected went wrong"));
        String cut = ErrorText.of(new java.util.concurrent.ExecutionException(
                new InternalError("a fault occurred in a recent unsafe memory access operation")));
        assertTrue(cut.contains(" cut short ") && cut.endsWith("."), cut);
        assertFalse(cut.contains("Something unexpected"), cut);
        assertTrue(ErrorText.of(new InternalError("another fault")).contains("Something unexpected"),
                "only a fault in reading a mapping is taken for a file cut short");
    }
}
