package org.scapscope.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import org.scapscope.filter.FalcoRules;
import org.scapscope.filter.Filter;
import org.scapscope.filter.FilterCompiler;
import org.scapscope.scap.ScapFile;
import org.scapscope.state.StateHistory;
import org.scapscope.store.StorePaths;
import org.scapscope.view.Alerts;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code scapscope alerts FILE [FILTER]}: the Falco rules a capture sets off, as Falco reports them. */
@Command(name = "alerts", mixinStandardHelpOptions = true,
        description = "Try Falco rules on the events of a capture, as Falco reading it does: each event against the "
                + "rules in the order they are defined, the first that matches giving an alert. The rules are those "
                + "of $XDG_CONFIG_HOME/scapscope/rules, then of each --rules file.")
final class AlertsCommand implements Callable<Integer> {
    /** Falco's JSON time: UTC, always nine digits of the second. */
    private static final java.time.format.DateTimeFormatter FALCO_TIME = java.time.format.DateTimeFormatter
            .ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSSSSSSS'Z'").withZone(java.time.ZoneOffset.UTC);

    @Spec
    CommandSpec spec;

    @Mixin
    CaptureFilterOptions capture;

    @Option(names = {"-m", "--min-priority"}, paramLabel = "PRIORITY",
            description = "Only rules of this priority or more urgent: emergency, alert, critical, error, warning, "
                    + "notice, informational, debug (default: all).")
    String minimum;

    @Option(names = {"-n", "--limit"}, paramLabel = "N", description = "Stop after N alerts (default: 1000000).")
    int limit = 1_000_000;

    @Option(names = "--json", description = "One JSON object per alert, as Falco's json_output gives it.")
    boolean json;

    @Option(names = "--summary", description = "After the alerts, how many each priority and each rule gave.")
    boolean summary;

    @Mixin
    TimeWindowOptions time;

    @Override
    public Integer call() throws Exception {
        PrintWriter err = spec.commandLine().getErr();
        Alerts.Priority min = null;
        if (minimum != null) {
            min = Alerts.Priority.of(minimum);
            if (min == null) {
                throw new ParameterException(spec.commandLine(), "no priority named " + minimum
                        + "; the priorities: emergency, alert, critical, error, warning, notice, informational, debug");
            }
        }
        if (limit < 1) {
            throw new ParameterException(spec.commandLine(), "--limit must be at least 1");
        }
        FalcoRules rules = capture.rules.loaded(err);
        if (rules.rules().isEmpty()) {
            throw new ParameterException(spec.commandLine(), "no rules to try: give a Falco rules file with --rules FILE, "
                    + "or put rules files in " + StorePaths.rules(System.getenv(), StorePaths.home()));
        }
        Filter f = capture.expression == null || capture.expression.isBlank() ? null
                : FilterCompiler.compile(capture.expression, rules);
        Alerts.Result r;
        try (ScapFile scap = capture.open(err); StateHistory history = capture.history(scap, err)) {
            long[] w = time.window(scap.firstTs());
            r = Alerts.compute(scap, rules, f, w[0], w[1], min, limit, json, history, null, null);
        }
        for (String p : r.problems()) {
            err.println("scapscope: warning: rule left out: " + p);
        }
        if (r.rulesTried() == 0) {
            err.println("scapscope: no rule to try: every rule is off, of another source, below the priority asked "
                    + "for, or left out");
            err.flush();
            return Main.BAD_INPUT;
        }
        err.flush();
        PrintWriter out = spec.commandLine().getOut();
        DateTimeFormatter clock = DateTimeFormatter.ofPattern("HH:mm:ss.SSSSSSSSS").withZone(ZoneId.systemDefault());
        ObjectMapper mapper = json ? new ObjectMapper() : null;
        for (Alerts.Alert a : r.alerts()) {
            String line = clock.format(Instant.ofEpochSecond(0, a.ts())) + ": " + a.priority().title() + " " + a.output();
            if (json) {
                ObjectNode o = mapper.createObjectNode();
                o.put("output", line).put("priority", a.priority().title()).put("rule", a.rule())
                        .put("source", "syscall").put("time", FALCO_TIME.format(Instant.ofEpochSecond(0, a.ts())))
                        .put("evt.num", a.eventIndex() + 1);
                o.set("output_fields", mapper.valueToTree(a.fields()));
                o.set("tags", mapper.valueToTree(a.tags()));
                out.println(mapper.writeValueAsString(o));
            } else {
                out.println(line);
            }
        }
        if (r.cut()) {
            err.println("scapscope: stopped after " + limit + (limit == 1 ? " alert" : " alerts") + " (--limit)");
        }
        if (summary) {
            // every alert the rules gave, printed or not (--limit)
            Map<Alerts.Priority, Long> byPriority = new java.util.EnumMap<>(Alerts.Priority.class);
            Map<String, Long> byRule = new LinkedHashMap<>();
            for (Alerts.RuleTotal t : r.totals()) {
                byPriority.merge(t.priority(), t.alerts(), Long::sum);
                byRule.merge(t.rule(), t.alerts(), Long::sum);
            }
            out.println("Events detected: " + r.total());
            out.println("Rule counts by severity:");
            byPriority.forEach((p, n) -> out.println("   " + p.name() + ": " + n));
            out.println("Triggered rules by rule name:");
            byRule.entrySet().stream().sorted((a, b) -> Long.compare(b.getValue(), a.getValue()))
                    .forEach(e -> out.println("   " + e.getKey() + ": " + e.getValue()));
        }
        out.flush();
        return Main.OK;
    }
}
