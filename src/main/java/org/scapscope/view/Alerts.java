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
     * more), how many alerts each rule gave in all (kept or not; the rules that gave some, in their
     * order), the rules tried, and the rules left out with why.
     */
    public record Result(List<Alert> alerts, List<RuleTotal> totals, int rulesTried, List<String> problems,
            boolean cut) {
        /** The alerts given in all, kept or not. */
        public long total() {
            return totals.stream().mapToLong(RuleTotal::alerts).sum();
        }
    }

    /** How many alerts a rule gave. */
    public record RuleTotal(String rule, Priority priority, long alerts) {
    }

    private Alerts() {
    }

    /** A rule ready to try: its condition compiled, its output as a format. */
    private record Compiled(FalcoRules.Rule rule, Priority priority, Filter filter, String output) {
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
                // a compiled filter keeps nothing between events: the parts share it
                Filter f = FilterCompiler.compile(r.condition(), rules);
                OutputFormat.parse(output);
                keys = keys == null ? f.keys() : keys.or(f.keys());
                cpuTimes |= f.readsCpuTimes();
                tried.add(new Compiled(r, p, f, output));
            } catch (FilterException | FieldException e) {
                problems.add("rule " + r.name() + " (" + r.file() + "): " + e.getMessage());
            }
        }
        if (tried.isEmpty()) {
            return new Result(List.of(), List.of(), 0, problems, false);
        }
        int n = tried.size();
        FiltersByType byType = new FiltersByType(tried.stream().map(Compiled::filter).toArray(Filter[]::new));
        // The parts run at once, and keep the first alerts in order: a part stops keeping them once it
        // and the parts before it in the capture hold `limit`, since none of its later ones can then be
        // among the first. No part stops for a part after it, so the first `limit` alerts are all kept,
        // and the parts hold about as many as there are threads times `limit`.
        java.util.concurrent.CopyOnWriteArrayList<Part> started = new java.util.concurrent.CopyOnWriteArrayList<>();
        KeySet selectable = userFilter == null ? keys : keys.and(userFilter.keys());
        Replay replay = new Replay(scap, history, from, to, progress, cancelled, "trying the rules", minPart);
        List<Part> parts = replay.run(java.time.ZoneId.systemDefault(), selectable, cpuTimes, (ctx, e, inWindow, part) -> {
            if (part.first < 0) {
                part.first = e.index();
                started.add(part);
            }
            if (!inWindow || ScapFile.isHidden(e) || userFilter != null && !userFilter.test(ctx)) {
                return;
            }
            for (int k : byType.of(e.type())) {
                if (tried.get(k).filter().test(ctx)) {
                    // every alert is counted; the first ones are kept
                    part.counts[k]++;
                    if (part.stoppedAt >= 0) {
                        return;
                    }
                    if (keptUpTo(started, part) >= limit) {
                        part.stoppedAt = e.index();
                    } else {
                        part.alerts.add(part.alert(k, ctx, e.index(), e.ts()));
                        part.kept = part.alerts.size();
                    }
                    return; // the first rule that matches, as Falco reports
                }
            }
        }, () -> new Part(tried, withFields), (part, ctx) -> { });
        List<Alert> all = new ArrayList<>();
        long found = 0;
        for (Part p : parts) {
            if (all.size() < limit) {
                all.addAll(p.alerts);
            }
            for (long c : p.counts) {
                found += c;
            }
        }
        boolean cut = found > limit;
        List<RuleTotal> totals = new ArrayList<>();
        for (int k = 0; k < n; k++) {
            long count = 0;
            for (Part p : parts) {
                count += p.counts[k];
            }
            if (count > 0) {
                totals.add(new RuleTotal(tried.get(k).rule().name(), tried.get(k).priority(), count));
            }
        }
        return new Result(all.size() > limit ? List.copyOf(all.subList(0, limit)) : all, List.copyOf(totals), n,
                problems, cut);
    }

    /** The alerts kept by {@code part} and by the parts before it in the capture, as far as they have gone. */
    private static long keptUpTo(List<Part> started, Part part) {
        long n = 0;
        for (Part p : started) {
            if (p.first <= part.first) {
                n += p.kept;
            }
        }
        return n;
    }

    /** One part's outputs, made for it (some fields remember the events before), and the alerts it found. */
    private static final class Part {
        final List<Compiled> rules;
        final OutputFormat[] outputs;
        final List<Alert> alerts = new ArrayList<>();
        final boolean withFields;
        /** The event at which the part stopped keeping alerts, the parts having kept enough; -1 while it keeps them. */
        long stoppedAt = -1;
        /** The part's first event (its place among the parts), -1 before it has one. */
        volatile long first = -1;
        /** How many alerts the part keeps, as the other parts read it. */
        volatile int kept;
        /** The alerts each rule gave in the part, kept or not. */
        final long[] counts;

        Part(List<Compiled> rules, boolean withFields) {
            this.rules = rules;
            this.counts = new long[rules.size()];
            this.withFields = withFields;
            outputs = new OutputFormat[rules.size()];
            try {
                for (int k = 0; k < outputs.length; k++) {
                    outputs[k] = OutputFormat.parse(rules.get(k).output());
                }
            } catch (FieldException e) {
                throw new IllegalStateException("a rule's output parsed once and not again", e);
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
