package org.scapscope.view;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;
import org.scapscope.RealCaptures;
import org.scapscope.field.BoundField;
import org.scapscope.field.FieldContext;
import org.scapscope.field.FieldRegistry;
import org.scapscope.filter.Filter;
import org.scapscope.filter.FilterCompiler;
import org.scapscope.scap.OpenOptions;
import org.scapscope.scap.ScapEvent;
import org.scapscope.scap.ScapFile;
import org.scapscope.state.StateHistory;
import org.scapscope.view.StateTables.Table;

class StateTablesTest {
    @TempDir
    static Path cache;

    /** Where the memory columns (VIRT, RES) of the ps table are, which sysdig leaves stale under a filter. */
    private static final int MEMORY_FROM = 28;
    private static final int MEMORY_TO = 50;

    /**
     * The ps, lsof, netstat and lscontainers tables equal sysdig's chisels of those names, line for
     * line, at the first event and just after three later events, with and without a table
     * filter (goldens by tools/make-chisel-goldens.sh). At the later events sysdig runs with the
     * filter evt.num=N, which makes it skip the context switches and memory calls before N: the ps
     * memory columns are compared at the first event only.
     */
    @TestFactory
    Stream<DynamicTest> tablesAreSysdigsChiselsAtEveryPointOfEveryCapture() throws IOException {
        List<DynamicTest> tests = new ArrayList<>();
        for (Path capture : RealCaptures.all()) {
            Path golden = RealCaptures.goldens().resolve(capture.getFileName().toString())
                    .resolve("state-tables.txt.gz");
            if (!Files.exists(golden)) {
                continue;
            }
            tests.add(DynamicTest.dynamicTest(capture.getFileName().toString(), () -> {
                List<Section> sections = sections(golden);
                assertTrue(sections.size() >= 16, "sections in " + golden);
                try (ScapFile scap = ScapFile.open(capture, OpenOptions.defaults().cacheDir(cache));
                     StateHistory history = StateHistory.of(scap)) {
                    long first = StateTables.firstEvent(scap);
                    for (Section s : sections) {
                        Table table = Table.of(s.chisel);
                        boolean atFirst = s.at.equals("first");
                        long index = atFirst ? first : Long.parseLong(s.at) - 1;
                        Filter f = s.filter.isEmpty() ? null : FilterCompiler.compile(s.filter);
                        StateTables.Snapshot snap = StateTables.after(scap, history, index, f);
                        List<String> ours = StateTables.text(snap, table).stream().sorted().collect(Collectors.toList());
                        List<String> expected = s.lines;
                        if (table == Table.PS && !atFirst) {
                            ours = maskMemory(ours);
                            expected = maskMemory(expected);
                        }
                        assertEquals(String.join("\n", expected), String.join("\n", ours), s.title);
                    }
                }
            }));
        }
        return tests.stream();
    }

    /**
     * A descriptor is in the table just after the event that opened it and not before it, under the
     * name sysdig's fields give it; the thread that opened it is listed by ps with it counted.
     */
    @Test
    void aDescriptorAppearsJustAfterTheEventThatOpensIt() throws Exception {
        try (ScapFile scap = ScapFile.open(RealCaptures.named("cat_write.scap"), OpenOptions.defaults().cacheDir(cache));
             StateHistory history = StateHistory.of(scap)) {
            Filter opens = FilterCompiler.compile("evt.type in (open, openat, openat2) and evt.dir=< and evt.res>=0");
            long i = StateTables.firstSelected(scap, opens);
            assertTrue(i > 0, "an open in cat_write.scap");
            FieldContext ctx = new FieldContext(scap);
            ctx.resumeBefore(history, i);
            ScapEvent e = scap.read(i, scap.newEvent());
            ctx.advance(e);
            BoundField num = FieldRegistry.get().bind("fd.num");
            BoundField name = FieldRegistry.get().bind("fd.name");
            long fd = Long.parseLong(num.text(ctx));
            String fdName = name.text(ctx);

            StateTables.Snapshot after = StateTables.after(scap, history, i, null);
            assertTrue(after.fds().stream().anyMatch(o -> o.tid() == e.tid() && o.fd() == fd && o.name().equals(fdName)),
                    fdName + " open after event " + (i + 1));
            StateTables.Snapshot before = StateTables.after(scap, history, i - 1, null);
            assertFalse(before.fds().stream().anyMatch(o -> o.tid() == e.tid() && o.fd() == fd && o.name().equals(fdName)),
                    fdName + " not open before event " + (i + 1));
            StateTables.Thread opener = after.threads().stream().filter(t -> t.tid() == e.tid()).findFirst().orElseThrow();
            assertEquals(after.fds().stream().filter(o -> o.tid() == e.tid()).count(), opener.openFds());

            // a filter on the descriptor lists that one alone, and the thread that has it
            StateTables.Snapshot only = StateTables.after(scap, history, i,
                    FilterCompiler.compile("fd.num=" + fd + " and fd.name=\"" + fdName + "\""));
            assertTrue(only.fds().stream().allMatch(o -> o.fd() == fd && o.name().equals(fdName)));
            assertTrue(only.threads().stream().anyMatch(t -> t.tid() == e.tid()));
            assertTrue(only.threads().size() < after.threads().size());
        }
    }

    /** The moment a filter chooses is the first event it selects, in file order. */
    @Test
    void theMomentOfAFilterIsTheFirstEventItSelects() throws Exception {
        try (ScapFile scap = ScapFile.open(RealCaptures.named("502Error.scap"), OpenOptions.defaults().cacheDir(cache))) {
            Filter f = FilterCompiler.compile("proc.name=curl and evt.type=connect");
            long i = StateTables.firstSelected(scap, f);
            assertTrue(i >= 0);
            FieldContext ctx = new FieldContext(scap);
            ScapEvent e = scap.newEvent();
            long seen = -1;
            for (long k = 0; k <= i; k++) {
                ctx.advance(scap.read(k, e));
                if (StateTables.seenByChisels(e) && f.test(ctx)) {
                    seen = k;
                    break;
                }
            }
            assertEquals(i, seen);
            assertEquals(-1, StateTables.firstSelected(scap, FilterCompiler.compile("proc.name=no-such-process")));
        }
    }

    /**
     * The changes from one moment to a later one are the rows of the later tables that the earlier
     * ones lack, and the other way round: the descriptor an open creates is added, nothing is both
     * added and removed, and a moment compared with itself changed nothing.
     */
    @Test
    void changesAreTheRowsOneMomentHasAndTheOtherLacks() throws Exception {
        try (ScapFile scap = ScapFile.open(RealCaptures.named("502Error.scap"), OpenOptions.defaults().cacheDir(cache));
             StateHistory history = StateHistory.of(scap)) {
            long first = StateTables.firstEvent(scap);
            long last = scap.eventCount() - 1;
            StateTables.Snapshot from = StateTables.after(scap, history, first, null);
            StateTables.Snapshot to = StateTables.after(scap, history, last, null);
            StateTables.Diff d = StateTables.diff(from, to);
            assertFalse(d.threads().added().isEmpty() || d.fds().added().isEmpty(), "502Error.scap starts curl again"
                    + " and again, each opening descriptors");
            for (StateTables.OpenFd f : d.fds().added()) {
                assertTrue(to.fds().contains(f));
                assertFalse(from.fds().contains(f));
            }
            for (StateTables.OpenFd f : d.fds().removed()) {
                assertTrue(from.fds().contains(f));
                assertFalse(to.fds().contains(f));
            }
            for (StateTables.Thread t : d.threads().added()) {
                assertTrue(to.threads().contains(t));
                assertTrue(from.threads().stream().noneMatch(o -> o.tid() == t.tid() && o.cloneTs() == t.cloneTs()
                        && o.commandLine().equals(t.commandLine())), "thread " + t.tid() + " is new");
            }
            // a process's descriptor counts once, whichever of its threads list it
            assertEquals(d.fds().added().size(), d.fds().added().stream().map(f -> List.of(f.pid(), f.fd(), f.name()))
                    .distinct().count());
            // the descriptor an open gave is added since the event before it
            Filter opens = FilterCompiler.compile("evt.type in (open, openat, openat2) and evt.dir=< and evt.res>=0");
            long i = StateTables.firstSelected(scap, opens);
            StateTables.Diff open = StateTables.diff(StateTables.after(scap, history, i - 1, null),
                    StateTables.after(scap, history, i, null));
            ScapEvent e = scap.read(i, scap.newEvent());
            long pid = open.to().threads().stream().filter(t -> t.tid() == e.tid()).findFirst().orElseThrow().pid();
            assertTrue(open.fds().added().stream().anyMatch(f -> f.pid() == pid), open.fds().toString());
            assertTrue(StateTables.diff(to, to).isEmpty());

            List<String> text = StateTables.diffText(d, Table.LSOF);
            assertEquals("  COMMAND             PID     TID     USER    FD      TYPE        NAME", text.get(0));
            assertEquals(1 + d.fds().added().size() + d.fds().removed().size(), text.size());
            assertTrue(text.stream().skip(1).allMatch(l -> l.startsWith("+ ") || l.startsWith("- ")));
        }
    }

    /**
     * The state before the first event is the capture's process and descriptor lists: the threads
     * the first event does not create, with their descriptors.
     */
    @Test
    void theStateBeforeTheFirstEventIsTheCapturesLists() throws Exception {
        try (ScapFile scap = ScapFile.open(RealCaptures.named("sample.scap"), OpenOptions.defaults().cacheDir(cache));
             StateHistory history = StateHistory.of(scap)) {
            StateTables.Snapshot start = StateTables.after(scap, history, -1, null);
            assertEquals(-1, start.eventIndex());
            assertEquals(scap.read(0, scap.newEvent()).ts(), start.ts());
            StateTables.Snapshot first = StateTables.after(scap, history, 0, null);
            assertEquals(first.threads().size(), start.threads().size(), "sample.scap's first event is a switch");
            assertEquals(first.fds(), start.fds());
            assertTrue(start.threads().size() > 50);
        }
    }

    /**
     * The process tree holds each process once, its main thread, under the process of its parent
     * thread, depth first.
     */
    @Test
    void theProcessTreeHoldsEachProcessOnceUnderItsParent() throws Exception {
        try (ScapFile scap = ScapFile.open(RealCaptures.named("sample.scap"), OpenOptions.defaults().cacheDir(cache));
             StateHistory history = StateHistory.of(scap)) {
            StateTables.Snapshot s = StateTables.after(scap, history, scap.eventCount() - 1, null);
            List<StateTables.TreeRow> tree = StateTables.processTree(s.threads());
            assertEquals(s.threads().stream().map(StateTables.Thread::pid).distinct().count(), tree.size());
            java.util.Map<Long, StateTables.Thread> byTid = new java.util.HashMap<>();
            s.threads().forEach(t -> byTid.put(t.tid(), t));
            java.util.Deque<StateTables.TreeRow> path = new java.util.ArrayDeque<>();
            for (StateTables.TreeRow r : tree) {
                assertTrue(r.process().tid() == r.process().pid(), "sample.scap knows every main thread");
                while (path.size() > r.depth()) {
                    path.pop();
                }
                assertEquals(r.depth(), path.size());
                StateTables.Thread parent = byTid.get(r.process().ptid());
                if (r.depth() == 0) {
                    assertTrue(parent == null || parent.pid() == r.process().pid()
                            || tree.stream().noneMatch(o -> o.process().pid() == parent.pid()));
                } else {
                    assertEquals(path.peek().process().pid(), parent.pid(), "process " + r.process().pid());
                }
                path.push(r);
            }
            assertEquals(0, tree.get(0).depth());
            assertTrue(tree.stream().anyMatch(r -> r.depth() >= 2), "sshd under sshd under systemd");
        }
    }

    @Test
    void cellsAndSizesAreWrittenAsTheChiselsWriteThem() {
        assertEquals("ab  ", StateTables.cell("ab", 4));
        assertEquals("abc ", StateTables.cell("abcdef", 4));
        assertEquals("512B", StateTables.bytes(512));
        assertEquals("1024B", StateTables.bytes(1024));
        assertEquals("1.50KB", StateTables.bytes(1536));
        assertEquals("310.48M", StateTables.bytes(317_932L * 1024));
        assertEquals("2.00G", StateTables.bytes(2L << 30 | 1));
    }

    private record Section(String title, String chisel, String at, String filter, List<String> lines) {
    }

    private static List<Section> sections(Path golden) throws IOException {
        List<Section> out = new ArrayList<>();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(
                new GZIPInputStream(Files.newInputStream(golden)), StandardCharsets.UTF_8))) {
            String line;
            String title = null;
            List<String> lines = null;
            while ((line = r.readLine()) != null) {
                if (line.startsWith("## ")) {
                    if (title != null) {
                        out.add(section(title, lines));
                    }
                    title = line.substring(3);
                    lines = new ArrayList<>();
                } else {
                    lines.add(line);
                }
            }
            if (title != null) {
                out.add(section(title, lines));
            }
        }
        return out;
    }

    private static Section section(String title, List<String> lines) {
        String[] parts = title.split(" ", 3);
        return new Section(title, parts[0], parts[1], parts.length > 2 ? parts[2] : "", lines);
    }

    private static List<String> maskMemory(List<String> lines) {
        return lines.stream()
                .map(l -> l.length() >= MEMORY_TO ? l.substring(0, MEMORY_FROM) + "~".repeat(MEMORY_TO - MEMORY_FROM)
                        + l.substring(MEMORY_TO) : l)
                .sorted()
                .collect(Collectors.toList());
    }
}
