package org.scapscope.view;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.BooleanSupplier;
import org.scapscope.field.FieldContext;
import org.scapscope.field.FieldException;
import org.scapscope.field.FieldJson;
import org.scapscope.field.OutputFormat;
import org.scapscope.filter.FalcoRules;
import org.scapscope.filter.Filter;
import org.scapscope.filter.FilterCompiler;
import org.scapscope.filter.FilterException;
import org.scapscope.scap.KeySet;
import org.scapscope.scap.OpenOptions;
import org.scapscope.scap.ScapFile;
import org.scapscope.state.StateHistory;

/**
 * The Falco rules a capture sets off, as Falco reading the capture would report them: each event
 * is tried against the rules in the order they were defined, and the first whose condition holds
 * gives an alert, its output text filled in from the event.
 */
public final class Alerts {
    /** Event types the rules are sorted by in advance (the schema's are fewer). */
    private static final int TYPES = 1024;

    /** Falco's priorities, the most urgent first. */
    public enum Priority {
        EMERGENCY, ALERT, CRITICAL, ERROR, WARNING, NOTICE, INFORMATIONAL, DEBUG;

        /** A priority as rules files write it, in any case ({@code INFO} for informational); null if none. */
        public static Priority of(String text) {
            String t = text == null ? "" : text.strip().toUpperCase(Locale.ROOT);
            if (t.equals("INFO")) {
                return INFORMATIONAL;
            }
            for (Priority p : values()) {
                if (p.name().equals(t)) {
                    return p;
                }
            }
            return null;
        }

        /** As Falco prints it: {@code Warning}. */
        public String title() {
            return name().charAt(0) + name().substring(1).toLowerCase(Locale.ROOT);
        }
    }

    /**
     * An alert: the event that set it off (its index and time), the rule, its priority and tags, its
     * output with the event's values, and those values by field, as Falco's JSON gives them (empty
     * unless asked for).
     */
    public record Alert(long eventIndex, long ts, String rule, Priority priority, List<String> tags, String output,
            Map<String, Object> fields) {
    }

    /**
     * The alerts in event order (at most the limit asked for: {@code cut} says whether there were
     * more), the rules tried, and the rules left out with why.
     */
    public record Result(List<Alert> alerts, int rulesTried, List<String> problems, boolean cut) {
    }

    private Alerts() {
    }

    /** A rule ready to try: compiled once per part, as filters remember what they found per event. */
    private record Compiled(FalcoRules.Rule rule, Priority priority, String condition, String output) {
    }

    /**
     * Tries the enabled rules of the {@code syscall} source of {@code rules}, at {@code minimum}
     * priority or more urgent, on the events of {@code [from, to)} that pass {@code userFilter}
     * (null: all); keeps the first {@code limit} alerts. With the capture's state checkpoints, the
     * window's events are read in parallel parts.
     */
    public static Result compute(ScapFile scap, FalcoRules rules, Filter userFilter, long from, long to,
            Priority minimum, int limit, StateHistory history, OpenOptions.Progress progress, BooleanSupplier cancelled) {
        return compute(scap, rules, userFilter, from, to, minimum, limit, false, history, Replay.MIN_PART, progress,
                cancelled);
    }

    /** As above; with {@code withFields}, each alert keeps the values of its output's fields. */
    public static Result compute(ScapFile scap, FalcoRules rules, Filter userFilter, long from, long to,
            Priority minimum, int limit, boolean withFields, StateHistory history, OpenOptions.Progress progress,
            BooleanSupplier cancelled) {
        return compute(scap, rules, userFilter, from, to, minimum, limit, withFields, history, Replay.MIN_PART,
                progress, cancelled);
    }

    /** As above, in parts of at least {@code minPart} events. */
    static Result compute(ScapFile scap, FalcoRules rules, Filter userFilter, long from, long to, Priority minimum,
            int limit, boolean withFields, StateHistory history, long minPart, OpenOptions.Progress progress,
            BooleanSupplier cancelled) {
        List<String> problems = new ArrayList<>();
        List<Compiled> tried = new ArrayList<>();
        KeySet keys = null;
        boolean cpuTimes = userFilter != null && userFilter.readsCpuTimes();
        for (FalcoRules.Rule r : rules.rules()) {
            if (!r.enabled() || !"syscall".equals(r.source())) {
                continue;
            }
            Priority p = Priority.of(r.priority());
            if (p == null) {
                problems.add("rule " + r.name() + " (" + r.file() + "): unknown priority " + r.priority());
                continue;
            }
            if (minimum != null && p.compareTo(minimum) > 0) {
                continue;
            }
            String output = "*" + r.output().replace("%container.info",
                    "container_id=%container.id container_name=%container.name");
            try {
                Filter f = FilterCompiler.compile(r.condition(), rules);
                OutputFormat.parse(output);
                keys = keys == null ? f.keys() : keys.or(f.keys());
                cpuTimes |= f.readsCpuTimes();
            } catch (FilterException | FieldException e) {
                problems.add("rule " + r.name() + " (" + r.file() + "): " + e.getMessage());
                continue;
            }
            tried.add(new Compiled(r, p, r.condition(), output));
        }
        if (tried.isEmpty()) {
            return new Result(List.of(), 0, problems, false);
        }
        KeySet selectable = userFilter == null ? keys : keys.and(userFilter.keys());
        Replay replay = new Replay(scap, history, from, to, progress, cancelled, "trying the rules", minPart);
        List<Part> parts = replay.run(java.time.ZoneId.systemDefault(), selectable, cpuTimes, (ctx, e, inWindow, part) -> {
            if (!inWindow || ScapFile.isHidden(e) || part.alerts.size() > limit
                    || userFilter != null && !userFilter.test(ctx)) {
                return;
            }
            int type = e.type();
            int[] candidates = type >= 0 && type < TYPES ? part.byType[type] : part.every;
            for (int k : candidates) {
                if (part.filters[k].test(ctx)) {
                    part.alerts.add(part.alert(k, ctx, e.index(), e.ts()));
                    return; // the first rule that matches, as Falco reports
                }
            }
        }, () -> new Part(tried, rules, withFields), (part, ctx) -> { });
        List<Alert> all = new ArrayList<>();
        for (Part p : parts) {
            all.addAll(p.alerts);
        }
        boolean cut = all.size() > limit;
        return new Result(cut ? List.copyOf(all.subList(0, limit)) : all, tried.size(), problems, cut);
    }

    /** One part's rules, compiled for it, and the alerts it found. */
    private static final class Part {
        final List<Compiled> rules;
        final Filter[] filters;
        final OutputFormat[] outputs;
        final int[][] byType = new int[TYPES][];
        final int[] every;
        final List<Alert> alerts = new ArrayList<>();
        final boolean withFields;

        Part(List<Compiled> rules, FalcoRules definitions, boolean withFields) {
            this.rules = rules;
            this.withFields = withFields;
            int n = rules.size();
            filters = new Filter[n];
            outputs = new OutputFormat[n];
            try {
                for (int k = 0; k < n; k++) {
                    filters[k] = FilterCompiler.compile(rules.get(k).condition(), definitions);
                    outputs[k] = OutputFormat.parse(rules.get(k).output());
                }
            } catch (FilterException | FieldException e) {
                throw new IllegalStateException("a rule compiled once and not again", e);
            }
            every = java.util.stream.IntStream.range(0, n).toArray();
            for (int type = 0; type < TYPES; type++) {
                int[] k = new int[n];
                int m = 0;
                for (int i = 0; i < n; i++) {
                    if (filters[i].mayMatchType(type)) {
                        k[m++] = i;
                    }
                }
                byType[type] = java.util.Arrays.copyOf(k, m);
            }
        }

        Alert alert(int k, FieldContext ctx, long index, long ts) {
            Compiled c = rules.get(k);
            OutputFormat out = outputs[k];
            Map<String, Object> values = withFields ? new LinkedHashMap<>() : Map.of();
            for (int f = 0; withFields && f < out.fields().size(); f++) {
                String ref = out.references().get(f);
                if (!ref.isEmpty()) {
                    values.put(ref, FieldJson.value(out.fields().get(f), ctx));
                }
            }
            return new Alert(index, ts, c.rule().name(), c.priority(), c.rule().tags(), out.render(ctx), values);
        }
    }
}
