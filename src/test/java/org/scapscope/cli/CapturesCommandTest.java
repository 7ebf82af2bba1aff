package org.scapscope.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.scapscope.RealCaptures;
import org.scapscope.store.S3ProxyServer;

/** {@code scapscope captures}: the same commands on a folder and on an S3 bucket. */
class CapturesCommandTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path tmp;

    private Cli captures(List<String> store, String... args) {
        List<String> all = new ArrayList<>(List.of("captures"));
        all.add(args[0]);
        all.addAll(store);
        all.add("--cache=" + tmp.resolve("cache"));
        all.addAll(List.of(args).subList(1, args.length));
        return Cli.run(null, all.toArray(new String[0]));
    }

    private static String lastLine(Cli r) {
        List<String> lines = r.lines();
        return lines.get(lines.size() - 1);
    }

    /** put, ls, ls --json, info, get --to, rm: what a script does with a store. */
    private void roundTrip(List<String> store) throws IOException {
        Path sample = RealCaptures.named("sample.scap");
        Cli put = captures(store, "put", sample.toString(), "--name", "shell in web-1", "--host", "web-01",
                "--container", "16b8cb843d5a", "--trigger", "Terminal shell in container", "--before", "10",
                "--after", "20", "--filter", "container.id != host");
        assertEquals(0, put.exitCode, put.err);
        String id = lastLine(put);

        Cli ls = captures(store, "ls", "--json");
        assertEquals(0, ls.exitCode, ls.err);
        JsonNode rows = JSON.readTree(ls.out);
        assertEquals(1, rows.size());
        JsonNode c = rows.get(0);
        assertEquals(id, c.get("id").asText());
        assertEquals("shell in web-1", c.get("name").asText());
        assertEquals("web-01", c.get("host").asText());
        assertEquals("16b8cb843d5a", c.get("containerId").asText());
        assertEquals("Terminal shell in container", c.get("trigger").get("policy").asText());
        assertEquals(20, c.get("trigger").get("secondsAfter").asInt());
        assertEquals("container.id != host", c.get("filter").asText());
        assertEquals("ok", c.get("status").asText());
        assertEquals(Files.size(sample), c.get("sizeBytes").asLong());
        assertEquals(64, c.get("sha256").asText().length());
        assertTrue(c.get("startTime").asText().startsWith("2023-07-28T15:14:22"), c.toString());
        assertTrue(c.has("expiresAt") && c.has("createdAt"), c.toString());

        Cli table = captures(store, "ls", "--search", "web-01");
        assertEquals(0, table.exitCode, table.err);
        assertTrue(table.out.contains("shell in web-1") && table.out.contains("1 of 1 captures"), table.out);
        assertTrue(captures(store, "ls", "--search", "nothing-like-it").out.contains("0 of 1 captures"));
        assertEquals("[ ]", captures(store, "ls", "--json", "--errors").out.strip());

        Cli info = captures(store, "info", id);
        assertEquals(0, info.exitCode, info.err);
        assertTrue(info.out.contains(c.get("sha256").asText()), info.out);

        Cli get = captures(store, "get", id, "-q", "--to", tmp.resolve("out").toString());
        assertEquals(0, get.exitCode, get.err);
        Path local = Path.of(lastLine(get));
        assertEquals(tmp.resolve("out"), local.getParent());
        assertArrayEquals(Files.readAllBytes(sample), Files.readAllBytes(local));

        Cli rm = captures(store, "rm", id);
        assertEquals(0, rm.exitCode, rm.err);
        assertEquals("[ ]", captures(store, "ls", "--json").out.strip());
    }

    @Test
    void roundTripOnAFolder() throws IOException {
        roundTrip(List.of("--store", tmp.resolve("library").toString()));
    }

    @Test
    void roundTripOnABucketWithCredentialsFromAProfile() throws IOException {
        Path home = tmp.resolve("home");
        Files.createDirectories(home.resolve(".aws"));
        Files.writeString(home.resolve(".aws").resolve("credentials"), "[default]\naws_access_key_id = wrong\n"
                + "aws_secret_access_key = wrong\n\n[scapscope-test]\naws_access_key_id = " + S3ProxyServer.ACCESS_KEY
                + "\naws_secret_access_key = " + S3ProxyServer.SECRET_KEY + "\n");
        String oldHome = System.getProperty("user.home");
        System.setProperty("user.home", home.toString());
        try (S3ProxyServer server = new S3ProxyServer()) {
            server.createBucket("team-captures");
            List<String> store = List.of("--store", "s3://team-captures/incidents", "--endpoint",
                    server.endpoint().toString(), "--profile", "scapscope-test");
            roundTrip(store);
            Cli refused = captures(List.of("--store", "s3://team-captures", "--endpoint", server.endpoint().toString(),
                    "--profile", "default"), "ls");
            assertEquals(1, refused.exitCode);
            assertTrue(refused.err.contains("refused the credentials") && refused.err.contains("s3://team-captures"),
                    refused.err);
            assertFalse(refused.err.contains(S3ProxyServer.SECRET_KEY) || refused.err.contains("aws_secret"), refused.err);
            Cli noProfile = captures(List.of("--store", "s3://team-captures", "--endpoint", server.endpoint().toString(),
                    "--profile", "absent"), "ls");
            assertTrue(noProfile.err.contains("there is no profile absent"), noProfile.err);
        } finally {
            System.setProperty("user.home", oldHome);
        }
    }

    @Test
    void badIdsAndDeadServersGetAClearMessage() throws IOException {
        List<String> lib = List.of("--store", tmp.resolve("library").toString());
        Cli typo = captures(lib, "ls");
        assertEquals(2, typo.exitCode, "a store folder that does not exist is not read as an empty one");
        assertTrue(typo.err.contains("there is no store folder " + tmp.resolve("library")), typo.err);
        assertFalse(Files.exists(tmp.resolve("library")), "reading a store makes no folder");
        Files.createDirectories(tmp.resolve("library"));
        Cli bad = captures(lib, "get", "../../etc/passwd");
        assertEquals(2, bad.exitCode, "a malformed id is bad input");
        assertTrue(bad.err.contains("'../../etc/passwd' is not a capture id") && bad.err.contains("'..'"), bad.err);
        Cli missing = captures(lib, "info", "nope");
        assertEquals(2, missing.exitCode, "an unknown id is bad input");
        assertTrue(missing.err.contains("there is no capture nope in " + tmp.resolve("library")), missing.err);
        Path text = Files.writeString(tmp.resolve("notes.scap"), "not a capture\n");
        Cli notCapture = captures(lib, "put", text.toString());
        assertEquals(2, notCapture.exitCode);
        assertTrue(notCapture.err.contains("not a readable capture"), notCapture.err);
        Cli seconds = captures(lib, "put", RealCaptures.named("sample.scap").toString(), "--before", "10");
        assertEquals(2, seconds.exitCode, "seconds around a policy's event without the policy");
        assertTrue(seconds.err.contains("need --trigger"), seconds.err);
        assertEquals("[ ]", captures(lib, "ls", "--json").out.strip(), "nothing refused was added");
        int port;
        try (ServerSocket free = new ServerSocket(0)) {
            port = free.getLocalPort();
        }
        Cli dead = captures(List.of("--store", "s3://bucket", "--endpoint", "http://127.0.0.1:" + port), "ls");
        assertEquals(1, dead.exitCode);
        assertTrue(dead.err.contains("cannot reach http://127.0.0.1:" + port) || dead.err.contains("no S3 credentials"),
                dead.err);
        Cli sort = captures(lib, "ls", "--sort", "colour");
        assertEquals(2, sort.exitCode);
        assertTrue(sort.err.contains("cannot sort by 'colour'"), sort.err);
        // a file where a folder goes, and an empty value, are named as such
        Path file = Files.writeString(tmp.resolve("a-file"), "x");
        Cli fileStore = captures(List.of("--store", file.toString()), "ls");
        assertEquals(2, fileStore.exitCode);
        assertTrue(fileStore.err.contains(file + " is a file, not a folder of captures"), fileStore.err);
        Cli emptyStore = captures(List.of("--store", ""), "ls");
        assertEquals(2, emptyStore.exitCode);
        assertTrue(emptyStore.err.contains("--store is empty"), emptyStore.err);
        String id = lastLine(captures(lib, "put", RealCaptures.named("sample.scap").toString()));
        Cli intoFile = captures(lib, "get", id, "--to", file.toString());
        assertEquals(2, intoFile.exitCode);
        assertTrue(intoFile.err.contains(file + ": is a file, not a folder to copy the capture into"), intoFile.err);
        assertEquals("x", Files.readString(file));
        Cli emptyCache = Cli.run(null, "count", "--cache", "", RealCaptures.named("sample.scap").toString());
        assertEquals(2, emptyCache.exitCode);
        assertTrue(emptyCache.err.contains("an empty path is no file or folder"), emptyCache.err);
        Cli noBucket = captures(List.of("--store", "s3://"), "ls");
        assertEquals(2, noBucket.exitCode);
        assertTrue(noBucket.err.contains("'s3://' names no bucket"), noBucket.err);
        Cli twice = captures(lib, "rm", id, id);
        assertEquals(0, twice.exitCode, twice.err);
        assertEquals(List.of("deleted " + id), twice.lines());
        // an agent's error text, quoted in a message, cannot recolour or retitle the terminal
        Files.writeString(tmp.resolve("library").resolve("failed.json"),
                "{\"status\":\"error\",\"error\":\"disk \\u001b[31mfull\\u001b]0;owned\\u0007\"}");
        Cli failed = captures(lib, "get", "failed");
        assertEquals(1, failed.exitCode, failed.err);
        assertTrue(failed.err.contains("has no data (status error: disk \\x1b[31mfull\\x1b]0;owned\\x07)"), failed.err);
        assertFalse(failed.err.contains("\u001b") || failed.err.contains("\u0007"), failed.err);
    }

    @Test
    void pruneDeletesWhatHasExpired() throws IOException {
        Path lib = tmp.resolve("library");
        Files.createDirectories(lib);
        Files.copy(RealCaptures.named("sample.scap"), lib.resolve("old.scap"));
        Files.writeString(lib.resolve("old.json"), "{\"name\":\"old\",\"expiresAt\":\"2020-01-01T00:00:00Z\"}");
        Files.copy(RealCaptures.named("sample.scap"), lib.resolve("new.scap"));
        Cli prune = captures(List.of("--store", lib.toString()), "prune");
        assertEquals(0, prune.exitCode, prune.err);
        assertTrue(prune.out.contains("pruned old (expired 2020-01-01"), prune.out);
        assertFalse(Files.exists(lib.resolve("old.scap")) || Files.exists(lib.resolve("old.json")));
        assertTrue(Files.exists(lib.resolve("new.scap")));

        Cli again = captures(List.of("--store", lib.toString()), "prune");
        assertEquals(0, again.exitCode, again.err);
        assertEquals("", again.out);
        assertTrue(again.err.contains("no capture of " + lib + " has expired"), again.err);
    }
}
