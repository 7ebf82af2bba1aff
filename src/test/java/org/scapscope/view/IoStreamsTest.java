package org.scapscope.view;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;
import org.scapscope.RealCaptures;
import org.scapscope.filter.FilterCompiler;
import org.scapscope.scap.OpenOptions;
import org.scapscope.scap.ScapFile;

class IoStreamsTest {
    @TempDir
    static Path cache;

    /** The reads and writes, in order, as sysdig's echo_fds chisel announces them (goldens by tools/make-echo-goldens.sh). */
    @TestFactory
    Stream<DynamicTest> chunksEqualSysdigsEcho() throws IOException {
        return echoGoldens("echo.txt.gz", c -> List.of(heading(c)));
    }

    /**
     * Each read and write with its data in dotted mode, as sysdig's echo_fds chisel prints them: the
     * heading, then every byte captured, any but printable ASCII as a dot.
     */
    @TestFactory
    Stream<DynamicTest> dottedDataEqualsSysdigsEcho() throws IOException {
        return echoGoldens("echo-data.txt.gz", c -> List.of(heading(c), PayloadText.render(c.data(), PayloadText.Mode.DOTTED)));
    }

    /** echo_fds's heading of a chunk, its runs of blanks made one as the goldens have them. */
    private static String heading(IoChunk c) {
        return ("------ " + (c.write() ? "Write " : "Read ") + c.length() + "B " + (c.write() ? "to " : "from ")
                + c.fdName() + " (" + c.process() + ")").replaceAll(" +", " ");
    }

    /** One test per capture with a golden {@code name}: its lines equal those {@code lines} gives each chunk, in order. */
    private static Stream<DynamicTest> echoGoldens(String name, java.util.function.Function<IoChunk, List<String>> lines)
            throws IOException {
        List<DynamicTest> tests = new ArrayList<>();
        for (Path capture : RealCaptures.all()) {
            Path golden = RealCaptures.goldens().resolve(capture.getFileName().toString()).resolve(name);
            if (!Files.exists(golden)) {
                continue;
            }
            tests.add(DynamicTest.dynamicTest(capture.getFileName().toString(), () -> {
                List<String> expected;
                try (var in = new GZIPInputStream(Files.newInputStream(golden))) {
                    // Latin-1: the dotted data lines are ASCII, and each byte stays one character
                    String text = new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
                    expected = text.isEmpty() ? List.of() : List.of(text.split("\n", -1));
                    expected = expected.subList(0, expected.size() - (text.endsWith("\n") ? 1 : 0));
                }
                List<String> actual = new ArrayList<>();
                try (ScapFile scap = ScapFile.open(capture, OpenOptions.defaults().cacheDir(cache))) {
                    for (IoChunk c : IoStreams.all(scap, null)) {
                        actual.addAll(lines.apply(c));
                    }
                }
                assertEquals(expected, actual);
            }));
        }
        assertFalse(tests.isEmpty());
        return tests.stream();
    }

    @Test
    void aFilterFollowsOneConversationBothWays() throws Exception {
        try (ScapFile scap = ScapFile.open(RealCaptures.named("502Error.scap"), OpenOptions.defaults().cacheDir(cache))) {
            List<IoChunk> all = IoStreams.all(scap, null);
            IoChunk http = all.stream().filter(c -> c.fdName().endsWith("->192.168.0.2:80")).findFirst().orElseThrow();
            List<IoChunk> conversation = IoStreams.all(scap, FilterCompiler.compile("fd.name=\"" + http.fdName() + "\""));
            assertTrue(conversation.stream().anyMatch(IoChunk::write));
            assertTrue(conversation.stream().anyMatch(c -> !c.write()));
            assertTrue(conversation.stream().allMatch(c -> c.fdName().equals(http.fdName())));
            for (IoChunk c : conversation) {
                assertTrue(c.data().length <= c.length());
            }
        }
    }

    @Test
    void payloadsRenderInEveryMode() {
        byte[] data = "GET / HTTP/1.1\r\nHost: x\r\n\r\n\u0001".getBytes(StandardCharsets.ISO_8859_1);
        assertEquals("GET / HTTP/1.1..Host: x.....", PayloadText.render(data, PayloadText.Mode.DOTTED),
                "one character per byte");
        assertEquals("GET / HTTP/1.1\nHost: x\n\n", PayloadText.render(data, PayloadText.Mode.PRINTABLE));
        assertEquals("GET / HTTP/1.1\nHost: x\n\n.", PayloadText.render(data, PayloadText.Mode.JSON),
                "not JSON: the text with its lines");
        String hex = PayloadText.render(data, PayloadText.Mode.HEX);
        assertTrue(hex.startsWith("00000000  47 45 54 20 2f 20 48 54  54 50 2f 31 2e 31 0d 0a  GET / HTTP/1.1.."), hex);
        byte[] json = "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n\r\n{\"a\":[1,2],\"b\":{\"c\":\"d\"}}"
                .getBytes(StandardCharsets.UTF_8);
        String pretty = PayloadText.render(json, PayloadText.Mode.JSON);
        assertTrue(pretty.startsWith("HTTP/1.1 200 OK\nContent-Type: application/json\n\n{\n"), pretty);
        assertTrue(pretty.contains("\"c\" : \"d\""), pretty);
        String request = PayloadText.render("POST /api/v1/x HTTP/1.1\r\nHost: a\r\n\r\n{\"k\":1}"
                .getBytes(StandardCharsets.UTF_8), PayloadText.Mode.JSON);
        assertTrue(request.startsWith("POST /api/v1/x HTTP/1.1\nHost: a\n\n{\n"), request);
        assertNull(PayloadText.prettyJson("post /x HTTP/1.1\r\n\r\n{\"k\":1}".getBytes(StandardCharsets.UTF_8)),
                "a method is upper case: this is no request");
        assertNull(PayloadText.prettyJson("{not json".getBytes(StandardCharsets.UTF_8)));
        assertNull(PayloadText.prettyJson("{\"a\":1}{\"b\":2} tail".getBytes(StandardCharsets.UTF_8)),
                "a payload that goes on after its JSON is not shown as that JSON alone");
        assertEquals("{not json", PayloadText.render("{not json".getBytes(StandardCharsets.UTF_8), PayloadText.Mode.JSON));
    }
}
