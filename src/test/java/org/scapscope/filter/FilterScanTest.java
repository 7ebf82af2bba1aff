package org.scapscope.filter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.IntPredicate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.scapscope.RealCaptures;
import org.scapscope.field.BoundField;
import org.scapscope.field.FieldContext;
import org.scapscope.field.FieldRegistry;
import org.scapscope.scap.EventInfo;
import org.scapscope.scap.EventTypes;
import org.scapscope.scap.KeySet;
import org.scapscope.scap.OpenOptions;
import org.scapscope.scap.ScapEvent;
import org.scapscope.scap.ScapFile;
import org.scapscope.scap.SysdigTable;
import org.scapscope.scap.TypeColumn;

class FilterScanTest {
    @TempDir
    Path cache;

    @Test
    void timeBoundsComeFromTheConditionsEveryMatchMeets() throws FilterException {
        assertEquals(100, FilterCompiler.compile("evt.rawtime >= 100").earliest());
        assertEquals(101, FilterCompiler.compile("evt.rawtime > 100 and evt.type = open").earliest());
        assertEquals(200, FilterCompiler.compile("evt.rawtime > 100 and (evt.rawtime >= 200 and fd.num > 2)").earliest());
        assertEquals(0, FilterCompiler.compile("evt.rawtime > 100 or evt.type = open").earliest());
        assertEquals(0, FilterCompiler.compile("not evt.rawtime > 100").earliest());
        assertEquals(0, FilterCompiler.compile("evt.rawtime < 100").earliest());
    }

    /**
     * The type keys a filter narrows to, against the rule written out key by key: a type by its
     * name, a generic system call by the call it carries, a direction by parity, and the types no
     * table knows like any other type with no flags.
     */
    @Test
    void aFilterNarrowsToTheKeysItsComparisonsCanMatch() throws FilterException {
        SysdigTable table = SysdigTable.get();
        int generic = TypeColumn.GENERIC_KEYS;
        IntPredicate connect = k -> k < generic ? "connect".equals(table.typeName(k)) || k <= EventTypes.GENERIC_X
                : "connect".equals(table.syscallName((k - generic) >> 1));
        IntPredicate exits = k -> (k & 1) == 1;
        int io = EventInfo.EF_READS_FROM_FD | EventInfo.EF_WRITES_TO_FD;
        IntPredicate isIo = k -> (table.flags(k < generic ? k : (k & 1)) & io) != 0;
        assertKeys(connect, FilterCompiler.compile("evt.type=connect"));
        assertKeys(exits, FilterCompiler.compile("evt.dir=<"));
        assertKeys(k -> connect.test(k) && exits.test(k), FilterCompiler.compile("evt.type=connect and evt.dir=<"));
        assertKeys(k -> connect.test(k) || isIo.test(k), FilterCompiler.compile("evt.type=connect or evt.is_io=true"));
        assertKeys(k -> !isIo.test(k), FilterCompiler.compile("evt.is_io=false"));
        assertTrue(FilterCompiler.compile("evt.is_io=false").mayMatchKey(20_000), "a type no table knows does no I/O");
        assertTrue(!FilterCompiler.compile("not evt.type=connect").narrowsTypes());
    }

    /** Comparisons of evt.type with written values select the events whose printed type satisfies them. */
    @Test
    void eventTypeComparisonsSelectByThePrintedType() throws Exception {
        Map<String, java.util.function.Predicate<String>> rules = new LinkedHashMap<>();
        rules.put("evt.type=open", t -> t.equals("open"));
        rules.put("evt.type!=switch", t -> !t.equals("switch"));
        rules.put("evt.type in (read, write, futex)", t -> Set.of("read", "write", "futex").contains(t));
        rules.put("evt.type startswith send", t -> t.startsWith("send"));
        rules.put("evt.type contains open", t -> t.contains("open"));
        rules.put("evt.type != open and evt.type endswith open", t -> !t.equals("open") && t.endsWith("open"));
        BoundField type = FieldRegistry.get().bind("evt.type");
        for (String name : List.of("502Error.scap", "sample.scap")) {
            try (ScapFile scap = ScapFile.open(RealCaptures.named(name), OpenOptions.defaults().cacheDir(cache))) {
                Map<String, Filter> filters = new LinkedHashMap<>();
                for (String expr : rules.keySet()) {
                    filters.put(expr, FilterCompiler.compile(expr));
                }
                FieldContext ctx = new FieldContext(scap);
                ScapEvent e = scap.newEvent();
                for (long i = 0; i < scap.eventCount(); i++) {
                    ctx.at(scap.read(i, e));
                    String printed = type.text(ctx);
                    for (Map.Entry<String, Filter> f : filters.entrySet()) {
                        boolean expected = printed != null && rules.get(f.getKey()).test(printed);
                        assertEquals(expected, f.getValue().test(ctx), f.getKey() + " on event " + i + " (" + printed + ")");
                    }
                }
                assertTrue(scap.eventCount() > 0, name);
            }
        }
    }

    private static void assertKeys(IntPredicate expected, Filter f) {
        KeySet keys = f.keys();
        for (int k = 0; k < 1 << 16; k++) {
            assertEquals(expected.test(k), keys.contains(k), f.source() + ": key " + k);
            assertEquals(expected.test(k), f.mayMatchKey(k), f.source() + ": key " + k);
        }
    }

    @Test
    void aTimeBoundSkipsOnlyEventsBeforeIt() throws Exception {
        try (ScapFile scap = ScapFile.open(RealCaptures.named("502Error.scap"), OpenOptions.defaults().cacheDir(cache))) {
            ScapEvent e = scap.newEvent();
            for (long at : new long[] {0, 1, scap.eventCount() / 3, scap.eventCount() / 2, scap.eventCount() - 1}) {
                long t = scap.read(at, e).ts();
                long expected = 0;
                for (long i = 0; i < scap.eventCount(); i++) {
                    scap.read(i, e);
                    if (!ScapFile.isHidden(e) && Long.compareUnsigned(e.ts(), t) >= 0 && !e.isEnter()) {
                        expected++;
                    }
                }
                Filter f = FilterCompiler.compile("evt.rawtime >= " + Long.toUnsignedString(t) + " and evt.dir = <");
                assertEquals(expected, FilterScan.count(scap, f, false, null), "from " + t);
            }
        }
    }

    @Test
    void theTypeColumnHoldsEveryEventsTypeAndIsReusedFromTheCache() throws Exception {
        Path capture = RealCaptures.named("sample.scap");
        try (ScapFile scap = ScapFile.open(capture, OpenOptions.defaults().cacheDir(cache))) {
            TypeColumn column = TypeColumn.of(scap);
            assertEquals(scap.eventCount(), column.size());
            ScapEvent e = scap.newEvent();
            for (long i = 0; i < scap.eventCount(); i++) {
                assertEquals(TypeColumn.keyOf(scap.read(i, e)), column.key(i));
            }
            long stamp = java.nio.file.Files.getLastModifiedTime(scap.cacheFile("types")).toMillis();
            TypeColumn again = TypeColumn.of(scap);
            assertEquals(column.size(), again.size());
            assertEquals(stamp, java.nio.file.Files.getLastModifiedTime(scap.cacheFile("types")).toMillis());
            assertTrue(java.nio.file.Files.size(scap.cacheFile("types")) >= 2 * scap.eventCount());
        }
    }

    /**
     * An integer field {@code in} a list selects what the same values joined by {@code or} select,
     * signed, unsigned and with values no event has; a list of thousands of event numbers (the
     * marked events of the app) selects each visible one of them.
     */
    @Test
    void integersInAListSelectWhatTheirAlternativesSelect() throws Exception {
        try (ScapFile scap = ScapFile.open(RealCaptures.named("502Error.scap"), OpenOptions.defaults().cacheDir(cache))) {
            for (String[] field : new String[][] {{"proc.pid", "13700", "13969", "1", "-5"}, {"fd.num", "3", "4", "7",
                "99999"}, {"evt.cpu", "0", "2"}, {"thread.tid", "848", "13970"}, {"fd.sport", "80", "8080"}}) {
                java.util.List<String> values = java.util.List.of(field).subList(1, field.length);
                String in = field[0] + " in (" + String.join(", ", values) + ")";
                String or = values.stream().map(v -> field[0] + " = " + v).collect(java.util.stream.Collectors.joining(" or "));
                long expected = FilterScan.count(scap, FilterCompiler.compile(or), false, null);
                assertTrue(expected > 0, or);
                assertEquals(expected, FilterScan.count(scap, FilterCompiler.compile(in), false, null), in);
                assertEquals(FilterScan.count(scap, FilterCompiler.compile("not (" + or + ")"), false, null),
                        FilterScan.count(scap, FilterCompiler.compile("not " + in), false, null), in);
            }
            StringBuilder numbers = new StringBuilder();
            java.util.Set<Long> picked = new java.util.HashSet<>();
            for (long n = 7; n <= scap.eventCount(); n += 3) {
                numbers.append(numbers.length() == 0 ? "" : ", ").append(n);
                picked.add(n);
            }
            long visible = 0;
            org.scapscope.scap.ScapEvent e = scap.newEvent();
            for (long i = 0; i < scap.eventCount(); i++) {
                if (picked.contains(i + 1) && !ScapFile.isHidden(scap.read(i, e))) {
                    visible++;
                }
            }
            assertTrue(picked.size() > 5_000, "values: " + picked.size());
            assertEquals(visible, FilterScan.count(scap, FilterCompiler.compile("evt.num in (" + numbers + ")"), false,
                    null));
        }
    }
}
