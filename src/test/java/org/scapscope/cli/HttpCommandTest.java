package org.scapscope.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.scapscope.RealCaptures;

class HttpCommandTest {
    @TempDir
    static Path cache;

    /**
     * The requests as lines or JSON, the first N of them, the 502 among them found by its filter;
     * counted by method and URL; a ranking that httptop does not know is refused.
     */
    @Test
    void requestsPrintAsHttplogDoesAndAsJson() throws Exception {
        String capture = RealCaptures.named("502Error.scap").toString();
        Cli three = Cli.run(cache, "http", capture, "-q", "-n", "3");
        assertEquals(0, three.exitCode, three.err);
        String[] lines = three.out.split("\n");
        assertEquals(3, lines.length);
        assertTrue(lines[0].matches("\\S+ \\S+ [<>] method=GET url=localhost/bar response_code=200 latency=\\d+ms size=0B"),
                lines[0]);
        assertTrue(three.err.contains("the first 3 requests"), three.err);

        Cli json = Cli.run(cache, "http", capture, "-q", "--json", "proc.name = haproxy and fd.sport = 80");
        assertEquals(0, json.exitCode, json.err);
        JsonNode bad = null;
        for (String l : json.out.split("\n")) {
            JsonNode o = new ObjectMapper().readTree(l);
            assertEquals("haproxy", o.get("process").asText());
            if (o.get("status").asInt() == 502) {
                bad = o;
            }
        }
        assertTrue(bad != null, json.out);
        assertEquals("localhost/foo", bad.get("url").asText());
        Cli events = Cli.run(cache, "events", capture, "-q", "-p", "%evt.num",
                "evt.num in (" + bad.get("request").asLong() + ", " + bad.get("response").asLong() + ")");
        assertEquals(2, events.out.split("\n").length, events.out);

        Cli top = Cli.run(cache, "http", capture, "-q", "--top");
        assertEquals(0, top.exitCode, top.err);
        assertEquals("ncalls              method              url                 ", top.out.split("\n")[0]);
        assertTrue(top.out.contains("\n108                 GET                 localhost/bar\n"), top.out);
        Cli wrong = Cli.run(cache, "http", capture, "--top", "size");
        assertEquals(2, wrong.exitCode);
        assertTrue(wrong.err.contains("--top size: choose ncalls, time or bytes"), wrong.err);
    }
}
