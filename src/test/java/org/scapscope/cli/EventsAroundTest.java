package org.scapscope.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.scapscope.RealCaptures;

class EventsAroundTest {
    @TempDir
    static Path tmp;

    /**
     * {@code --around} prints the events of the matches' threads around them, and writes the same
     * events as a capture; it needs a filter and a duration.
     */
    @Test
    void eventsAroundTheMatchesPrintAndWriteAlike() throws Exception {
        String capture = RealCaptures.named("502Error.scap").toString();
        String matches = "proc.name = curl and evt.type = connect";
        Cli threads = Cli.run(tmp, "events", capture, "-q", "-p", "%thread.tid", matches);
        Set<String> matched = new TreeSet<>(java.util.List.of(threads.out.split("\n")));
        Cli around = Cli.run(tmp, "events", capture, "-q", "-p", "%thread.tid %evt.type", "--around", "1ms", matches);
        assertEquals(0, around.exitCode, around.err);
        String[] lines = around.out.split("\n");
        assertTrue(lines.length > matched.size());
        Set<String> types = new TreeSet<>();
        for (String l : lines) {
            String[] f = l.split(" ");
            assertTrue(matched.contains(f[0]), l);
            types.add(f[1]);
        }
        assertTrue(types.contains("connect") && types.contains("socket"), types.toString());
        Path out = tmp.resolve("around.scap");
        Cli write = Cli.run(tmp, "events", capture, "-q", "--around", "1ms", "-w", out.toString(), matches);
        assertEquals(0, write.exitCode, write.err);
        Cli count = Cli.run(tmp, "count", out.toString(), "-q");
        assertEquals(String.valueOf(lines.length), count.out.trim());

        Cli noFilter = Cli.run(tmp, "events", capture, "--around", "1ms");
        assertEquals(2, noFilter.exitCode);
        assertTrue(noFilter.err.contains("--around needs a FILTER"), noFilter.err);
        Cli badTime = Cli.run(tmp, "events", capture, "--around", "soon", matches);
        assertEquals(2, badTime.exitCode);
        assertTrue(badTime.err.contains("--around soon is not a duration"), badTime.err);
    }
}
