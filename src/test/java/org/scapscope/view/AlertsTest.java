package org.scapscope.view;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.scapscope.RealCaptures;
import org.scapscope.field.FieldContext;
import org.scapscope.field.OutputFormat;
import org.scapscope.filter.FalcoRules;
import org.scapscope.filter.FilterCompiler;
import org.scapscope.filter.FilterScan;
import org.scapscope.scap.OpenOptions;
import org.scapscope.scap.ScapFile;
import org.scapscope.state.StateHistory;

class AlertsTest {
    @TempDir
    static Path tmp;

    static final String RULES = """
            - list: client_tools
              items: [curl, wget]
            - macro: connected
              condition: evt.type = connect and evt.dir = <
            - rule: Client tool connects
              condition: connected and proc.name in (client_tools)
              output: "%proc.name connected (connection=%fd.name user=%user.name %container.info)"
              priority: NOTICE
              tags: [network]
            - rule: Any connect
              condition: connected
              output: "connect by %proc.name"
              priority: INFO
            - rule: Haproxy receives
              condition: evt.type = recvfrom and evt.dir = < and proc.name = haproxy and evt.rawres > 0
              output: "haproxy got %evt.rawres bytes from %fd.name"
              priority: DEBUG
              exceptions:
                - name: local
                  fields: [fd.sip]
                  values: [[192.168.0.3]]
            - rule: Off
              condition: evt.type = open
              output: open
              priority: ERROR
              enabled: false
            - rule: Needs an unknown field
              condition: proc.nosuchfield = 1
              output: never
              priority: CRITICAL
            """;

    private static FalcoRules rules() throws Exception {
        return FalcoRules.load(List.of(Files.writeString(tmp.resolve("rules.yaml"), RULES)));
    }

    private static long count(ScapFile scap, String filter, FalcoRules rules) throws Exception {
        return FilterScan.count(scap, FilterCompiler.compile(filter, rules), false, null);
    }

    /**
     * Each event gives an alert of the first rule that matches it, in definition order: a later
     * rule's alerts are its matches less those of the rules before; rules turned off give none, and
     * a rule that does not compile is named with why while the others run.
     */
    @Test
    void eachEventAlertsOnTheFirstRuleThatMatchesIt() throws Exception {
        FalcoRules rules = rules();
        try (ScapFile scap = ScapFile.open(RealCaptures.named("502Error.scap"), OpenOptions.defaults().cacheDir(tmp))) {
            Alerts.Result r = Alerts.compute(scap, rules, null, 0, Long.MAX_VALUE, null, 1_000_000, null, null, null);
            Map<String, Long> byRule = r.alerts().stream().collect(Collectors.groupingBy(Alerts.Alert::rule,
                    Collectors.counting()));
            long tools = count(scap, "connected and proc.name in (client_tools)", rules);
            long connects = count(scap, "connected", rules);
            assertTrue(tools > 0 && connects > tools, tools + " of " + connects);
            assertEquals(tools, byRule.get("Client tool connects"));
            assertEquals(connects - tools, byRule.get("Any connect"));
            long received = count(scap, rules.rules().get(2).condition(), rules);
            assertTrue(received > 0 && received < count(scap,
                    "evt.type = recvfrom and evt.dir = < and proc.name = haproxy and evt.rawres > 0", rules));
            assertEquals(received, byRule.get("Haproxy receives"));
            assertEquals(3, byRule.size());
            assertEquals(3, r.rulesTried());
            assertEquals(1, r.problems().size());
            assertTrue(r.problems().get(0).startsWith("rule Needs an unknown field (" + tmp.resolve("rules.yaml") + "): ")
                    && r.problems().get(0).contains("proc.nosuchfield"), r.problems().get(0));
            // in event order, each with its priority and tags
            for (int i = 1; i < r.alerts().size(); i++) {
                assertTrue(r.alerts().get(i - 1).eventIndex() < r.alerts().get(i).eventIndex());
            }
            Alerts.Alert first = r.alerts().stream().filter(a -> a.rule().equals("Client tool connects")).findFirst()
                    .orElseThrow();
            assertEquals(Alerts.Priority.NOTICE, first.priority());
            assertEquals(List.of("network"), first.tags());

            Alerts.Result urgent = Alerts.compute(scap, rules, null, 0, Long.MAX_VALUE, Alerts.Priority.NOTICE,
                    1_000_000, null, null, null);
            assertEquals(tools, urgent.alerts().size(), "notice and more urgent only");
            Alerts.Result curl = Alerts.compute(scap, rules, FilterCompiler.compile("proc.name = curl"), 0,
                    Long.MAX_VALUE, null, 1_000_000, null, null, null);
            assertEquals(count(scap, "connected and proc.name = curl", rules), curl.alerts().size());
            Alerts.Result cut = Alerts.compute(scap, rules, null, 0, Long.MAX_VALUE, null, 5, null, null, null);
            assertEquals(r.alerts().subList(0, 5), cut.alerts());
            assertTrue(cut.cut());
            // every alert is counted, kept or not, by rule in the rules' order
            List<Alerts.RuleTotal> totals = List.of(
                    new Alerts.RuleTotal("Client tool connects", Alerts.Priority.NOTICE, tools),
                    new Alerts.RuleTotal("Any connect", Alerts.Priority.INFORMATIONAL, connects - tools),
                    new Alerts.RuleTotal("Haproxy receives", Alerts.Priority.DEBUG, received));
            assertEquals(totals, r.totals());
            assertEquals(totals, cut.totals());
            assertEquals(r.alerts().size(), cut.total());
        }
    }

    /** An alert's output is the rule's output filled in at its event, as events -p fills the same format in. */
    @Test
    void anAlertsOutputIsFilledInAtItsEvent() throws Exception {
        FalcoRules rules = rules();
        try (ScapFile scap = ScapFile.open(RealCaptures.named("502Error.scap"), OpenOptions.defaults().cacheDir(tmp))) {
            Alerts.Result r = Alerts.compute(scap, rules, null, 0, Long.MAX_VALUE, null, 1_000_000, null, null, null);
            OutputFormat tool = OutputFormat.parse("*%proc.name connected (connection=%fd.name user=%user.name "
                    + "container_id=%container.id container_name=%container.name)");
            OutputFormat any = OutputFormat.parse("*connect by %proc.name");
            Map<Long, Alerts.Alert> byEvent = r.alerts().stream().collect(Collectors.toMap(Alerts.Alert::eventIndex,
                    a -> a));
            FieldContext ctx = new FieldContext(scap);
            var e = scap.newEvent();
            int checked = 0;
            for (long i = 0; i < scap.eventCount(); i++) {
                ctx.advance(scap.read(i, e));
                Alerts.Alert a = byEvent.get(i);
                if (a != null && !a.rule().equals("Haproxy receives")) {
                    assertEquals((a.rule().equals("Any connect") ? any : tool).render(ctx), a.output());
                    checked++;
                }
            }
            assertTrue(checked > 10);
            assertTrue(r.alerts().get(0).fields().isEmpty(), "no values kept unless asked for");
            Alerts.Alert sample = Alerts.compute(scap, rules, null, 0, Long.MAX_VALUE, null, 1, true, null, null, null)
                    .alerts().get(0);
            assertTrue(sample.fields().containsKey("proc.name") && sample.fields().containsKey("fd.name"),
                    sample.fields().toString());
        }
    }

    /** Parts computed in parallel from the state checkpoints give the alerts of one pass. */
    @Test
    void partsGiveTheAlertsOfOnePass() throws Exception {
        FalcoRules rules = rules();
        try (ScapFile scap = ScapFile.open(RealCaptures.named("502Error.scap"), OpenOptions.defaults().cacheDir(tmp));
             StateHistory history = StateHistory.of(scap)) {
            Alerts.Result one = Alerts.compute(scap, rules, null, 0, Long.MAX_VALUE, null, 1_000_000, null, null, null);
            Alerts.Result parts = Alerts.compute(scap, rules, null, 0, Long.MAX_VALUE, null, 1_000_000, false, history,
                    1_500, null, null);
            assertEquals(one.alerts(), parts.alerts());
            long from = scap.firstTs() + 3_000_000_000L;
            Alerts.Result window = Alerts.compute(scap, rules, null, from, Long.MAX_VALUE, null, 1_000_000, false,
                    history, 1_500, null, null);
            assertEquals(one.alerts().stream().filter(a -> a.ts() >= from).toList(), window.alerts());
            // parts that together found more alerts than asked for give exactly the first ones, cut, however
            // the parts ran (small parts: later ones may finish first)
            for (int limit : new int[] {1, 5, 20, one.alerts().size() / 2, one.alerts().size() - 1}) {
                for (long part : new long[] {500, 1_500}) {
                    Alerts.Result few = Alerts.compute(scap, rules, null, 0, Long.MAX_VALUE, null, limit, false,
                            history, part, null, null);
                    assertTrue(few.cut(), "limit " + limit + ", parts of " + part + ": " + few.alerts().size() + " of " + one.alerts().size());
                    assertEquals(one.totals(), few.totals(), "counted whole however few are kept");
                    assertEquals(one.alerts().subList(0, limit), few.alerts(), "limit " + limit + ", parts of " + part);
                }
            }
            Alerts.Result all = Alerts.compute(scap, rules, null, 0, Long.MAX_VALUE, null, one.alerts().size(), false,
                    history, 500, null, null);
            assertEquals(one.alerts(), all.alerts());
            assertTrue(!all.cut(), "as many alerts as asked for: none left out");
        }
    }
}
