package org.scapscope.filter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;
import org.scapscope.RealCaptures;
import org.scapscope.field.BoundField;
import org.scapscope.field.FieldContext;
import org.scapscope.field.FieldRegistry;
import org.scapscope.scap.OpenOptions;
import org.scapscope.scap.ScapEvent;
import org.scapscope.scap.ScapFile;

/**
 * The filter battery on every real capture: the events each expression selects equal the events
 * sysdig 0.29.3 printed for it (or for its equivalent, for the language sysdig 0.29.3 lacks), and
 * the expressions sysdig rejects are rejected.
 */
class FilterConformanceTest {
    /**
     * Expressions sysdig 0.29.3 rejects that Scapscope accepts on purpose, each with the reason;
     * the test checks they compile.
     */
    static final Map<String, String> ACCEPTED_ON_PURPOSE = Map.of();

    /**
     * Expressions on which sysdig 0.29.3's filter disagrees with its own output, checked instead
     * against the value sysdig prints for the field (which the output goldens check): a field, and
     * what its printed text must satisfy for an event to match.
     */
    record PrintedOracle(String reason, String field, java.util.function.Predicate<String> holds) {
    }

    static final Map<String, PrintedOracle> SYSDIG_FILTER_BUGS = Map.of(
            "num-buflen-eq0", new PrintedOracle("sysdig's evt.buflen depends on the other fields the same run reads",
                    "evt.buflen", t -> t.equals("0")),
            "num-buflen-gt", new PrintedOracle("sysdig's evt.buflen depends on the other fields the same run reads",
                    "evt.buflen", t -> Long.parseLong(t) > 100),
            "num-vmsize-gt", new PrintedOracle("sysdig compares the 32-bit memory counters as 64-bit values",
                    "proc.vmsize", t -> Long.parseLong(t) > 100000),
            "bool-exewritable-true", new PrintedOracle("sysdig compares a one-byte flag as four bytes",
                    "proc.is_exe_writable", t -> t.equals("true")),
            "bool-exewritable-false", new PrintedOracle("sysdig compares a one-byte flag as four bytes",
                    "proc.is_exe_writable", t -> t.equals("false")));

    @TempDir
    static Path cache;

    @Test
    void batteryIsLargeAndCoversEveryOperator() throws IOException {
        Map<String, FilterBattery.Entry> entries = FilterBattery.entries();
        assertTrue(entries.size() >= 150, "battery has " + entries.size() + " expressions");
        for (Operator op : Operator.values()) {
            assertTrue(entries.values().stream().anyMatch(e -> e.expression().contains(" " + op.text())
                    || e.expression().contains(op.text() + " ") || e.expression().contains(op.text())),
                    "no expression uses " + op.text());
        }
    }

    @TestFactory
    Stream<DynamicTest> batteryEqualsSysdig() throws IOException {
        Map<String, FilterBattery.Entry> entries = FilterBattery.entries();
        List<DynamicTest> tests = new ArrayList<>();
        for (Path capture : RealCaptures.all()) {
            Path goldenDir = RealCaptures.goldens().resolve(capture.getFileName().toString());
            Map<String, FilterBattery.Expected> goldens = FilterBattery.goldens(goldenDir);
            if (goldens == null) {
                continue;
            }
            tests.add(DynamicTest.dynamicTest(capture.getFileName().toString(),
                    () -> checkCapture(capture, entries, goldens)));
        }
        assertFalse(tests.isEmpty(), "no filter goldens found under " + RealCaptures.goldens());
        return tests.stream();
    }

    private static void checkCapture(Path capture, Map<String, FilterBattery.Entry> entries,
            Map<String, FilterBattery.Expected> goldens) throws Exception {
        Map<String, Filter> filters = new LinkedHashMap<>();
        List<String> failures = new ArrayList<>();
        for (Map.Entry<String, FilterBattery.Expected> g : goldens.entrySet()) {
            FilterBattery.Entry entry = entries.get(g.getKey());
            if (entry == null) {
                failures.add(g.getKey() + ": in the goldens but not in the battery (regenerate the goldens)");
                continue;
            }
            if (g.getValue().error() && !ACCEPTED_ON_PURPOSE.containsKey(entry.id())) {
                try {
                    FilterCompiler.compile(entry.expression());
                    failures.add(entry.id() + ": `" + entry.expression() + "` accepted; sysdig rejects it ("
                            + g.getValue().message() + ")");
                } catch (FilterException e) {
                    assertFalse(e.getMessage().isBlank());
                }
                continue;
            }
            try {
                filters.put(entry.id(), FilterCompiler.compile(entry.expression()));
            } catch (FilterException e) {
                failures.add(entry.id() + ": `" + entry.expression() + "` rejected: " + e.describe());
            }
        }
        Map<String, long[]> matched = run(capture, filters);
        Map<String, long[]> printed = printedOracles(capture);
        for (Map.Entry<String, Filter> f : filters.entrySet()) {
            FilterBattery.Expected expected = goldens.get(f.getKey());
            if (expected.error()) {
                continue;
            }
            long[] nums = matched.get(f.getKey());
            String actual = FilterBattery.ranges(Arrays.copyOfRange(nums, 1, (int) nums[0] + 1), (int) nums[0]);
            String wanted = expected.ranges();
            if (printed.containsKey(f.getKey())) {
                long[] p = printed.get(f.getKey());
                wanted = FilterBattery.ranges(Arrays.copyOfRange(p, 1, (int) p[0] + 1), (int) p[0]);
            }
            if (!actual.equals(wanted)) {
                failures.add(f.getKey() + ": `" + f.getValue().source() + "` selects\n    " + abbreviate(actual)
                        + "\n  sysdig:\n    " + abbreviate(wanted));
            }
        }
        assertEquals(List.of(), failures, capture.getFileName() + ": " + failures.size() + " expressions differ");
    }

    /**
     * The shortcuts of {@link FilterScan} (events tested alone and in parallel; only process events
     * replayed) select what the full replay selects, for every battery expression on every capture.
     */
    @TestFactory
    Stream<DynamicTest> scansSelectWhatTheFullReplaySelects() throws IOException {
        Map<String, FilterBattery.Entry> entries = FilterBattery.entries();
        List<DynamicTest> tests = new ArrayList<>();
        for (Path capture : RealCaptures.all()) {
            tests.add(DynamicTest.dynamicTest(capture.getFileName().toString(), () -> {
                Map<String, Filter> filters = new LinkedHashMap<>();
                for (FilterBattery.Entry entry : entries.values()) {
                    try {
                        filters.put(entry.id(), FilterCompiler.compile(entry.expression()));
                    } catch (FilterException e) {
                        // rejected expressions are checked against the goldens
                    }
                }
                Map<String, long[]> replayed = run(capture, filters);
                List<String> failures = new ArrayList<>();
                int shortcuts = 0;
                try (ScapFile scap = ScapFile.open(capture, OpenOptions.defaults().cacheDir(cache))) {
                    for (Map.Entry<String, Filter> f : filters.entrySet()) {
                        long scanned = FilterScan.count(scap, f.getValue(), false, null);
                        if (scanned != replayed.get(f.getKey())[0]) {
                            failures.add(f.getKey() + " (" + f.getValue().stateNeed() + "): scan counts " + scanned
                                    + ", replay " + replayed.get(f.getKey())[0]);
                        }
                        if (f.getValue().stateNeed() != Filter.StateNeed.FULL) {
                            shortcuts++;
                        }
                    }
                }
                assertTrue(shortcuts > 50, "only " + shortcuts + " expressions take a shortcut");
                assertEquals(List.of(), failures);
            }));
        }
        return tests.stream();
    }

    /**
     * Filters compiled together, sharing the comparisons they have in common, select what each
     * compiled alone selects: the whole battery on every capture.
     */
    @TestFactory
    Stream<DynamicTest> filtersCompiledTogetherSelectWhatEachSelectsAlone() throws IOException {
        Map<String, FilterBattery.Entry> entries = FilterBattery.entries();
        List<DynamicTest> tests = new ArrayList<>();
        for (Path capture : RealCaptures.all()) {
            tests.add(DynamicTest.dynamicTest(capture.getFileName().toString(), () -> {
                Map<String, Filter> alone = new LinkedHashMap<>();
                List<String> expressions = new ArrayList<>();
                for (FilterBattery.Entry entry : entries.values()) {
                    try {
                        alone.put(entry.id(), FilterCompiler.compile(entry.expression()));
                        expressions.add(entry.expression());
                    } catch (FilterException e) {
                        // rejected expressions are checked against the goldens
                    }
                }
                List<Filter> together = FilterCompiler.compileAll(expressions, FalcoRules.none());
                Map<String, Filter> both = new LinkedHashMap<>();
                int k = 0;
                for (String id : alone.keySet()) {
                    both.put(id, alone.get(id));
                    both.put(id + " (together)", together.get(k++));
                }
                Map<String, long[]> matched = run(capture, both);
                List<String> failures = new ArrayList<>();
                for (String id : alone.keySet()) {
                    long[] a = matched.get(id);
                    long[] b = matched.get(id + " (together)");
                    if (!Arrays.equals(Arrays.copyOf(a, (int) a[0] + 1), Arrays.copyOf(b, (int) b[0] + 1))) {
                        failures.add(id + ": " + a[0] + " alone, " + b[0] + " together");
                    }
                }
                assertEquals(List.of(), failures);
            }));
        }
        return tests.stream();
    }

    /** One pass over the capture testing every filter; per filter, [count, evt.num...]. */
    static Map<String, long[]> run(Path capture, Map<String, Filter> filters) throws Exception {
        Map<String, long[]> out = new LinkedHashMap<>();
        for (String id : filters.keySet()) {
            out.put(id, new long[16]);
        }
        BoundField num = FieldRegistry.get().bind("evt.num");
        try (ScapFile scap = ScapFile.open(capture, OpenOptions.defaults().cacheDir(cache))) {
            FieldContext ctx = new FieldContext(scap);
            ScapEvent e = scap.newEvent();
            for (long i = 0; i < scap.eventCount(); i++) {
                ctx.advance(scap.read(i, e));
                if (ScapFile.isHidden(e)) {
                    continue;
                }
                long n = Long.parseLong(num.text(ctx));
                for (Map.Entry<String, Filter> f : filters.entrySet()) {
                    if (f.getValue().test(ctx)) {
                        long[] a = out.get(f.getKey());
                        int c = (int) a[0] + 1;
                        if (c >= a.length) {
                            a = Arrays.copyOf(a, a.length * 2);
                            out.put(f.getKey(), a);
                        }
                        a[c] = n;
                        a[0] = c;
                    }
                }
            }
        }
        return out;
    }

    /** For the expressions sysdig filters wrongly, the events whose printed field satisfies the comparison. */
    private static Map<String, long[]> printedOracles(Path capture) throws Exception {
        Map<String, Filter> all = new LinkedHashMap<>();
        Map<String, long[]> out = new LinkedHashMap<>();
        for (Map.Entry<String, PrintedOracle> o : SYSDIG_FILTER_BUGS.entrySet()) {
            BoundField field = FieldRegistry.get().bind(o.getValue().field());
            all.put(o.getKey(), new Filter(o.getKey(), new Predicate() {
                @Override
                boolean test(FieldContext c) {
                    String t = field.text(c);
                    return t != null && o.getValue().holds().test(t);
                }
            }, null));
        }
        out.putAll(run(capture, all));
        return out;
    }

    private static String abbreviate(String s) {
        return s.length() > 400 ? s.substring(0, 400) + "..." : s;
    }

}
