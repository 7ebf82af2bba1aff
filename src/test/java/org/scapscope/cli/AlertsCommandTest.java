package org.scapscope.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.scapscope.RealCaptures;

class AlertsCommandTest {
    @TempDir
    Path tmp;

    private Path rules() throws Exception {
        return Files.writeString(tmp.resolve("rules.yaml"), """
                - rule: Curl connects
                  condition: evt.type = connect and evt.dir = < and proc.name = curl
                  output: "curl connected to %fd.name as %user.name"
                  priority: WARNING
                  tags: [network]
                - rule: Haproxy sends
                  condition: evt.type = sendto and evt.dir = < and proc.name = haproxy
                  output: "haproxy sent %evt.rawres bytes"
                  priority: DEBUG
                """);
    }

    /**
     * Alerts print as Falco prints them (the time, the priority, the output), one JSON object each
     * with --json, with a summary on request; --min-priority leaves out the rules below it.
     */
    @Test
    void alertsPrintAsFalcoPrintsThem() throws Exception {
        String capture = RealCaptures.named("502Error.scap").toString();
        String rules = "--rules=" + rules();
        Cli text = Cli.run(tmp, "alerts", capture, rules, "--summary");
        assertEquals(0, text.exitCode, text.err);
        long curl = Long.parseLong(Cli.run(tmp, "count", capture,
                "evt.type = connect and evt.dir = < and proc.name = curl").out.strip());
        long haproxy = Long.parseLong(Cli.run(tmp, "count", capture,
                "evt.type = sendto and evt.dir = < and proc.name = haproxy").out.strip());
        List<String> lines = text.lines();
        assertEquals(curl + haproxy + 7, lines.size(), text.out);
        assertTrue(lines.get(0).matches("\\d\\d:\\d\\d:\\d\\d\\.\\d{9}: (Warning curl connected to .* as \\S+"
                + "|Debug haproxy sent -?\\d+ bytes)"), lines.get(0));
        assertEquals(List.of("Events detected: " + (curl + haproxy), "Rule counts by severity:", "   WARNING: " + curl,
                "   DEBUG: " + haproxy, "Triggered rules by rule name:"), lines.subList(lines.size() - 7,
                lines.size() - 2));

        Cli few = Cli.run(tmp, "alerts", capture, rules, "--summary", "-n", "2");
        assertEquals(0, few.exitCode, few.err);
        assertTrue(few.out.contains("Events detected: " + (curl + haproxy) + "\n"), "every alert counted: " + few.out);
        assertEquals(2 + 7, few.lines().size());

        Cli urgent = Cli.run(tmp, "alerts", capture, rules, "--min-priority", "warning", "--json", "-n", "3");
        assertEquals(0, urgent.exitCode, urgent.err);
        assertEquals(3, urgent.lines().size());
        assertTrue(urgent.err.contains("stopped after 3 alerts"), urgent.err);
        JsonNode a = new ObjectMapper().readTree(urgent.lines().get(0));
        assertEquals("Curl connects", a.get("rule").asText());
        assertEquals("Warning", a.get("priority").asText());
        assertTrue(a.get("output").asText().contains(": Warning curl connected to "), a.toString());
        assertEquals("[\"network\"]", a.get("tags").toString());
        assertTrue(a.get("output_fields").has("fd.name") && a.get("output_fields").has("user.name"), a.toString());
        assertTrue(a.get("time").asText().matches("2017-09-23T00:44:\\d\\d\\.\\d{9}Z"), a.toString());
        Cli event = Cli.run(tmp, "events", capture, "-p", "%evt.type %proc.name", "evt.num = " + a.get("evt.num"));
        assertEquals("connect curl", event.out.strip());
    }

    /** No rules, a priority not Falco's, a rules file that cannot be read: exit 2, saying what is wrong. */
    @Test
    void missingRulesAndBadPrioritiesAreRefused() throws Exception {
        String capture = RealCaptures.named("502Error.scap").toString();
        Cli none = Cli.inOwnProcess(Map.of("XDG_CONFIG_HOME", tmp.resolve("empty").toString()), List.of(), "alerts",
                capture, "--cache=" + tmp);
        assertEquals(Main.BAD_INPUT, none.exitCode, none.err);
        assertTrue(none.err.contains("no rules to try: give a Falco rules file with --rules FILE, or put rules files in "
                + tmp.resolve("empty").resolve("scapscope").resolve("rules")), none.err);
        Cli priority = Cli.run(tmp, "alerts", capture, "--rules=" + rules(), "--min-priority", "urgent");
        assertEquals(Main.BAD_INPUT, priority.exitCode);
        assertTrue(priority.err.contains("no priority named urgent"), priority.err);
        Path broken = Files.writeString(tmp.resolve("broken.yaml"), "- rule: R\n  condition: [\n");
        Cli bad = Cli.run(tmp, "alerts", capture, "--rules=" + broken);
        assertEquals(Main.BAD_INPUT, bad.exitCode);
        assertTrue(bad.err.contains("rules file " + broken + " is not valid YAML"), bad.err);
        Path off = Files.writeString(tmp.resolve("off.yaml"), "- rule: R\n  condition: evt.type = open\n  output: o\n"
                + "  priority: NOTICE\n  enabled: false\n");
        Cli nothing = Cli.run(tmp, "alerts", capture, "--rules=" + off);
        assertEquals(Main.BAD_INPUT, nothing.exitCode);
        assertTrue(nothing.err.contains("no rule to try"), nothing.err);
    }
}
