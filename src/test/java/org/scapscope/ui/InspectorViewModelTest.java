package org.scapscope.ui;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.scapscope.RealCaptures;
import org.scapscope.filter.FalcoRules;
import org.scapscope.filter.FilterCompiler;
import org.scapscope.filter.FilterScan;
import org.scapscope.scap.OpenOptions;
import org.scapscope.scap.ScapFile;
import org.scapscope.view.EventList;
import org.scapscope.view.Overview;
import org.scapscope.view.Timeline;
import org.scapscope.view.ViewCatalog;
import org.scapscope.view.ViewEngine;
import org.scapscope.view.ViewTable;

/** The inspector's behaviour without a window: each action, computed at once by a worker that runs on the caller. */
class InspectorViewModelTest {
    @TempDir
    Path cache;
    ScapFile scap;
    InspectorViewModel vm;

    @BeforeEach
    void open() throws Exception {
        scap = ScapFile.open(RealCaptures.named("502Error.scap"), OpenOptions.defaults().cacheDir(cache));
        vm = new InspectorViewModel(scap, EventList.of(scap, null, null), ViewCatalog.builtIn(), Worker.immediate(),
                ZoneOffset.UTC);
        vm.start();
    }

    @AfterEach
    void close() throws Exception {
        scap.close();
    }

    private ViewTable expected(String view, String filter, long from, long to) throws Exception {
        return ViewEngine.run(scap, ViewCatalog.builtIn().get(view), filter == null ? null : FilterCompiler.compile(filter),
                from, to, ZoneOffset.UTC, null, null);
    }

    private static List<String> keys(ViewTable t) {
        return t.rows().stream().map(ViewTable.Row::key).toList();
    }

    /**
     * The machine state is that just after the last event of the time range unless an event is
     * chosen; a time chooses the last event at or before it; the filter narrows it by descriptor,
     * and a container row's step narrows it to that container's threads.
     */
    @Test
    void theMachineStateFollowsTheRangeUnlessAnEventIsChosen() throws Exception {
        vm.showState();
        assertEquals(InspectorViewModel.Page.STATE, vm.pageProperty().get());
        assertEquals(scap.eventCount() - 1, vm.stateTablesProperty().get().eventIndex());
        long first = scap.firstTs();
        long to = first + (scap.lastTs() - first) / 2;
        vm.setRange(first, to);
        long lastBefore = scap.firstEventAtOrAfter(to) - 1;
        assertEquals(lastBefore, vm.stateTablesProperty().get().eventIndex());
        assertTrue(vm.statusProperty().get().contains(String.format("just after event #%,d", lastBefore + 1)),
                vm.statusProperty().get());
        vm.showStateAt(500);
        assertEquals(500, vm.stateTablesProperty().get().eventIndex());
        vm.resetRange();
        assertEquals(500, vm.stateTablesProperty().get().eventIndex(), "an event chosen stays chosen");
        long ts = scap.read(700, scap.newEvent()).ts();
        vm.showStateAtTime(ts);
        long at = vm.stateTablesProperty().get().eventIndex();
        assertTrue(at >= 700 && scap.read(at, scap.newEvent()).ts() <= ts
                && (at + 1 == scap.eventCount() || scap.read(at + 1, scap.newEvent()).ts() > ts), "event " + at);

        vm.filterTextProperty().set("fd.type = ipv4");
        assertTrue(vm.applyFilter());
        org.scapscope.view.StateTables.Snapshot sockets = vm.stateTablesProperty().get();
        assertFalse(sockets.fds().isEmpty());
        assertTrue(sockets.fds().stream().allMatch(f -> f.type().equals("ipv4")));
        assertEquals(sockets.fds().size(), sockets.connections().size());
        assertNull(vm.stateEventField());
        // a filter on events (here one that the made-up read of each descriptor would pass) narrows nothing away
        // silently: the state is empty, and the field named
        vm.filterTextProperty().set("evt.type = read");
        assertTrue(vm.applyFilter());
        assertEquals("evt.type", vm.stateEventField());
        assertTrue(vm.stateTablesProperty().get().threads().isEmpty());
        vm.filterTextProperty().set("");
        vm.applyFilter();
        org.scapscope.view.StateTables.Snapshot all = vm.stateTablesProperty().get();
        // a container with a thread that has a descriptor open
        org.scapscope.view.StateTables.Container c = all.containers().stream().filter(k -> all.threads().stream()
                .anyMatch(t -> t.containerId().equals(k.id()) && t.openFds() > 0)).findFirst().orElseThrow();
        vm.drillState("container.id = " + c.id(), "container.id = " + c.id(), InspectorViewModel.Page.STATE);
        assertFalse(vm.stateTablesProperty().get().threads().isEmpty());
        assertTrue(vm.stateTablesProperty().get().threads().stream().allMatch(t -> t.containerId().equals(c.id())));
        // the containers of the threads listed: that one
        assertEquals(List.of(c), vm.stateTablesProperty().get().containers());
        vm.back();
        assertEquals("", vm.effectiveFilter());

        // the changes in a range: from just before its first event to the moment shown, its last
        vm.showStateAt(-1);
        vm.setRange(first + (scap.lastTs() - first) / 3, to);
        vm.showStateChanges(true);
        org.scapscope.view.StateTables.Diff d = vm.stateChangesProperty().get();
        assertNotNull(d);
        assertEquals(scap.firstEventAtOrAfter(first + (scap.lastTs() - first) / 3) - 1, d.from().eventIndex());
        assertEquals(lastBefore, d.to().eventIndex());
        assertSame(d.to(), vm.stateTablesProperty().get());
        assertEquals(org.scapscope.view.StateTables.diff(d.from(), d.to()), d);
        assertFalse(d.threads().added().isEmpty(), "curl runs start in the range");
        assertTrue(vm.statusProperty().get().startsWith(String.format("From event #%,d to event #%,d: %,d threads started",
                d.from().eventNumber(), d.to().eventNumber(), d.threads().added().size())), vm.statusProperty().get());
        vm.showStateChanges(false);
        assertNull(vm.stateChangesProperty().get());
    }

    /**
     * The HTTP requests of the range and filter, as the engine finds them; a request opens its two
     * events as a step of the path, which Back leaves.
     */
    @Test
    void httpRequestsFollowTheFilterAndOpenTheirEvents() throws Exception {
        vm.showHttp();
        assertEquals(InspectorViewModel.Page.HTTP, vm.pageProperty().get());
        org.scapscope.view.HttpLog.Result all = vm.httpProperty().get();
        assertEquals(org.scapscope.view.HttpLog.find(scap, null, null, 0, Long.MAX_VALUE, Integer.MAX_VALUE, null,
                null), all);
        assertTrue(vm.statusProperty().get().startsWith("111 requests (1 answered with an error)"),
                vm.statusProperty().get());
        vm.filterTextProperty().set("proc.name = python");
        assertTrue(vm.applyFilter());
        assertTrue(vm.httpProperty().get().transactions().stream().allMatch(t -> t.process().equals("python")));
        assertFalse(vm.httpProperty().get().transactions().isEmpty());
        vm.filterTextProperty().set("");
        vm.applyFilter();
        org.scapscope.view.HttpLog.Transaction bad = all.transactions().stream().filter(t -> t.status() == 502)
                .findFirst().orElseThrow();
        vm.openHttp(bad);
        assertEquals(InspectorViewModel.Page.EVENTS, vm.pageProperty().get());
        assertEquals(2, vm.eventsProperty().get().size());
        assertEquals(bad.requestIndex(), vm.eventsProperty().get().eventIndex(0));
        assertEquals(bad.responseIndex(), vm.eventsProperty().get().eventIndex(1));
        vm.back();
        assertEquals(InspectorViewModel.Page.HTTP, vm.pageProperty().get());
    }

    /** A colouring rule whose filter is wrong is left out, saying which; the others colour rows. */
    @Test
    void aWrongColouringRuleIsLeftOutAndNamed() {
        String wrong = vm.setColorRules(List.of(new ColorRule("Curl", "proc.name = curl", "#ffeeaa", true),
                new ColorRule("Broken", "proc.nme = x", "#aaeeff", true),
                new ColorRule("Off", "proc.name = python", "#eeeeee", false)));
        assertTrue(wrong.startsWith("The colouring rule Broken is left out"), wrong);
        assertEquals(List.of("#ffeeaa"), List.copyOf(vm.rowColors()));
        assertEquals(wrong, vm.statusProperty().get());
        assertEquals(ColorRule.DEFAULTS.size(), vm.setColorRules(ColorRule.DEFAULTS) == null
                ? vm.rowColors().size() : -1);
        assertEquals(ColorRule.DEFAULTS, vm.colorRulesApplied());
    }

    /** More rules in use than the event list colours by: the first ones colour rows, and it says so. */
    @Test
    void moreColouringRulesThanTheListTakesKeepTheFirst() {
        List<ColorRule> many = new java.util.ArrayList<>();
        for (int i = 0; i < ColorRule.MAX + 10; i++) {
            many.add(new ColorRule("rule " + i, "evt.num = " + (i + 1), "#ffeeaa", true));
        }
        String said = vm.setColorRules(many);
        assertTrue(said.startsWith("Only the first " + ColorRule.MAX), said);
        assertEquals(many.subList(0, ColorRule.MAX), vm.colorRulesApplied());
        assertEquals(ColorRule.MAX, vm.rowColors().size());
    }

    @Test
    void startsOnTheOverviewWithTheTimeline() {
        assertEquals(InspectorViewModel.Page.OVERVIEW, vm.pageProperty().get());
        Overview.Result o = vm.overviewProperty().get();
        assertNotNull(o);
        assertTrue(o.tiles().stream().anyMatch(t -> t.tile().id().equals("procCount") && t.total() > 0));
        long[] counts = vm.timelineProperty().get().counts();
        assertEquals(scap.visibleEventCount(), java.util.Arrays.stream(counts).sum());
    }

    /**
     * The overview and the views of the whole capture with no filter are kept beside the index: a
     * capture opened again shows them as kept (here, a kept total changed on purpose shows as such),
     * while a filtered view is computed.
     */
    @Test
    void aCaptureOpenedAgainShowsWhatWasKept() throws Exception {
        vm.showView("procs");
        ViewTable procs = vm.tableProperty().get();
        java.nio.file.Path file;
        try (java.util.stream.Stream<java.nio.file.Path> files = java.nio.file.Files.list(scap.cacheFile("results"))) {
            file = files.filter(f -> {
                try {
                    return java.nio.file.Files.readString(f).contains("\"procCount\"");
                } catch (java.io.IOException e) {
                    return false;
                }
            }).findFirst().orElseThrow();
        }
        long procCount = vm.overviewProperty().get().tiles().stream().filter(t -> t.tile().id().equals("procCount"))
                .findFirst().orElseThrow().total();
        String text = java.nio.file.Files.readString(file);
        String marked = text.replace("\"id\":\"procCount\",\"total\":" + procCount, "\"id\":\"procCount\",\"total\":12345");
        assertNotEquals(text, marked);
        java.nio.file.Files.writeString(file, marked);

        InspectorViewModel again = new InspectorViewModel(scap, EventList.of(scap, null, null), ViewCatalog.builtIn(),
                Worker.immediate(), ZoneOffset.UTC);
        again.start();
        assertEquals(12345, again.overviewProperty().get().tiles().stream()
                .filter(t -> t.tile().id().equals("procCount")).findFirst().orElseThrow().total());
        assertTrue(again.statusProperty().get().endsWith(InspectorViewModel.KEPT), again.statusProperty().get());
        again.showView("procs");
        assertTrue(again.statusProperty().get().endsWith(InspectorViewModel.KEPT), again.statusProperty().get());
        assertEquals(keys(procs), keys(again.tableProperty().get()));
        assertEquals(procs.rows().get(0).values(), again.tableProperty().get().rows().get(0).values());
        again.filterTextProperty().set("proc.name = curl");
        again.applyFilter();
        assertEquals(keys(expected("procs", "proc.name = curl", 0, Long.MAX_VALUE)), keys(again.tableProperty().get()));
        assertFalse(again.statusProperty().get().endsWith(InspectorViewModel.KEPT), again.statusProperty().get());
    }

    @Test
    void aTileOpensItsViewWithItsFilter() throws Exception {
        Overview.TileResult tile = vm.overviewProperty().get().tiles().stream()
                .filter(t -> t.tile().drilldown() != null && t.tile().drilldown().filter() != null
                        && vm.catalog().get(t.tile().drilldown().view()) != null)
                .findFirst().orElseThrow();
        vm.drillTile(tile.tile());
        assertEquals(InspectorViewModel.Page.VIEW, vm.pageProperty().get());
        assertEquals(tile.tile().drilldown().view(), vm.currentView().id());
        assertEquals(2, vm.steps().size());
        assertEquals(tile.tile().title(), vm.steps().get(1).label());
        ViewTable want = expected(tile.tile().drilldown().view(), tile.tile().drilldown().filter(), 0, Long.MAX_VALUE);
        assertEquals(keys(want), keys(vm.tableProperty().get()));

        // back leads to the overview, and the views are no longer narrowed to the tile
        assertTrue(vm.back());
        assertEquals(InspectorViewModel.Page.OVERVIEW, vm.pageProperty().get());
        assertEquals(1, vm.steps().size());
        assertEquals("", vm.effectiveFilter());
        vm.showView(tile.tile().drilldown().view());
        assertEquals(keys(expected(tile.tile().drilldown().view(), null, 0, Long.MAX_VALUE)),
                keys(vm.tableProperty().get()));
        assertFalse(vm.back());
    }

    @Test
    void aTileDrilledFromWithinAStepKeepsThatStepAsItsCountDid() throws Exception {
        vm.showView("procs");
        ViewTable.Row row = vm.tableProperty().get().rows().stream()
                .filter(r -> r.values().toString().contains("curl")).findFirst().orElseThrow();
        assertTrue(vm.drillDown(row));
        String pid = vm.steps().get(1).filter();
        vm.showOverview();
        Overview.TileResult tile = vm.overviewProperty().get().tiles().stream()
                .filter(t -> t.tile().drilldown() != null && t.tile().drilldown().filter() != null
                        && vm.catalog().get(t.tile().drilldown().view()) != null)
                .findFirst().orElseThrow();
        vm.drillTile(tile.tile());
        assertEquals(3, vm.steps().size());
        assertEquals(pid, vm.steps().get(1).filter(), "the process's step stays on the path");
        assertEquals(InspectorViewModel.Page.OVERVIEW, vm.steps().get(1).left());
        String both = "(" + pid + ") and (" + tile.tile().drilldown().filter() + ")";
        ViewTable want = expected(tile.tile().drilldown().view(), both, 0, Long.MAX_VALUE);
        assertEquals(keys(want), keys(vm.tableProperty().get()));

        // back: the overview of the process, as it was
        assertTrue(vm.back());
        assertEquals(InspectorViewModel.Page.OVERVIEW, vm.pageProperty().get());
        assertEquals(2, vm.steps().size());
        assertEquals(pid, vm.effectiveFilter());
    }

    @Test
    void theTimelineShowsWhereTheEventsOfTheFilterLie() throws Exception {
        assertNull(vm.selectedTimelineProperty().get(), "no filter, nothing to show");
        Timeline all = vm.timelineProperty().get();
        vm.filterTextProperty().set("proc.name = curl");
        vm.applyFilter();
        Timeline curl = vm.selectedTimelineProperty().get();
        assertNotNull(curl);
        assertEquals(all.start(), curl.start());
        assertEquals(all.width(), curl.width());
        assertEquals(FilterScan.count(scap, FilterCompiler.compile("proc.name = curl"), false, null),
                java.util.Arrays.stream(curl.counts()).sum());
        for (int i = 0; i < curl.counts().length; i++) {
            assertTrue(curl.counts()[i] <= all.counts()[i], "bucket " + i);
        }

        // the whole capture, whatever the range; a drill-down narrows it as the filter does
        long first = scap.firstTs();
        vm.setRange(first, first + (scap.lastTs() - first) / 2);
        assertSame(curl, vm.selectedTimelineProperty().get());
        vm.showView("procs");
        ViewTable.Row row = vm.tableProperty().get().rows().get(0);
        assertTrue(vm.drillDown(row));
        Timeline drilled = vm.selectedTimelineProperty().get();
        assertEquals(FilterScan.count(scap, FilterCompiler.compile(vm.effectiveFilter()), false, null),
                java.util.Arrays.stream(drilled.counts()).sum());

        vm.jumpTo(0);
        vm.clearFilter();
        assertNull(vm.selectedTimelineProperty().get());

        // from the event list shown, when it is that selection: the same counts
        vm.resetRange();
        vm.showEvents();
        vm.filterTextProperty().set("fd.type = ipv4");
        vm.applyFilter();
        Timeline fromList = vm.selectedTimelineProperty().get();
        assertArrayEquals(EventList.of(scap, null, null).countPerInterval(FilterCompiler.compile("fd.type = ipv4"),
                all, null).counts(), fromList.counts());
    }

    @Test
    void aTimeRangeChangesTheNumbersOfAView() throws Exception {
        vm.showView("procs");
        ViewTable whole = vm.tableProperty().get();
        long first = scap.firstTs();
        long from = first + (scap.lastTs() - first) / 3;
        long to = first + (scap.lastTs() - first) * 2 / 3;
        vm.setRange(from, to);
        ViewTable part = vm.tableProperty().get();
        assertTrue(vm.hasRange());
        assertEquals(expected("procs", null, from, to).rows(), part.rows());
        assertNotEquals(whole.rows(), part.rows());
        vm.resetRange();
        assertEquals(whole.rows(), vm.tableProperty().get().rows());
    }

    @Test
    void filtersMayNameTheMacrosAndListsOfTheUsersRules() throws Exception {
        Path folder = java.nio.file.Files.createDirectories(cache.resolve("rules"));
        java.nio.file.Files.writeString(folder.resolve("mine.yaml"), "- list: web_tools\n  items: [curl, wget]\n"
                + "- macro: web_client\n  condition: proc.name in (web_tools)\n");
        FalcoRules rules = FalcoRules.ofFolder(folder, new java.util.ArrayList<>());
        InspectorViewModel m = new InspectorViewModel(scap, EventList.of(scap, null, null), ViewCatalog.builtIn(), rules,
                Worker.immediate(), ZoneOffset.UTC);
        m.start();
        assertEquals(List.of("web_client"), m.macroNames());
        assertEquals(List.of("web_tools"), m.listNames());
        m.filterTextProperty().set("web_clint");
        assertNotNull(m.filterProblemProperty().get(), "a name that is no macro is checked as it is typed");
        m.filterTextProperty().set("web_client and evt.type = connect");
        assertNull(m.filterProblemProperty().get());
        m.showView("procs");
        assertTrue(m.applyFilter());
        assertEquals(keys(expected("procs", "proc.name in (curl, wget) and evt.type = connect", 0, Long.MAX_VALUE)),
                keys(m.tableProperty().get()));
        assertFalse(m.tableProperty().get().rows().isEmpty());
        // without the rules, the macro is unknown
        vm.filterTextProperty().set("web_client");
        assertNotNull(vm.filterProblemProperty().get());
    }

    @Test
    void aBadFilterShowsWhereItIsWrongAndChangesNothing() throws Exception {
        vm.showView("procs");
        ViewTable before = vm.tableProperty().get();
        vm.filterTextProperty().set("proc.name = = curl");
        InspectorViewModel.FilterProblem p = vm.filterProblemProperty().get();
        assertNotNull(p, "checked as it is typed");
        assertEquals(12, p.start(), p.message());
        assertFalse(vm.applyFilter());
        assertSame(before, vm.tableProperty().get());
        assertEquals("", vm.appliedFilterProperty().get());
        vm.filterTextProperty().set("proc.name contains haproxy");
        assertNull(vm.filterProblemProperty().get());
        assertTrue(vm.applyFilter());
        assertEquals(keys(expected("procs", "proc.name contains haproxy", 0, Long.MAX_VALUE)), keys(vm.tableProperty().get()));
        assertEquals(List.of("proc.name contains haproxy"), vm.filterHistory());
        assertTrue(vm.tableProperty().get().rows().size() < before.rows().size());
        assertFalse(vm.tableProperty().get().rows().isEmpty());
    }

    @Test
    void drillsDownAndBackAlongThePath() throws Exception {
        vm.showView("procs");
        ViewTable procs = vm.tableProperty().get();
        ViewTable.Row row = procs.rows().get(0);
        assertTrue(vm.drillDown(row));
        assertEquals(2, vm.steps().size());
        assertEquals("threads", vm.currentView().id());
        assertEquals("proc.pid = " + row.key(), vm.steps().get(1).label());
        String filter = vm.currentView() == null ? null : vm.steps().get(1).filter();
        assertEquals(keys(expected("threads", filter, 0, Long.MAX_VALUE)), keys(vm.tableProperty().get()));
        // another view keeps the step's filter
        vm.showView("files");
        assertEquals(2, vm.steps().size());
        assertEquals(filter, vm.steps().get(1).filter());
        assertEquals(keys(expected("files", filter, 0, Long.MAX_VALUE)), keys(vm.tableProperty().get()));
        assertTrue(vm.back());
        assertEquals(1, vm.steps().size());
        assertEquals("procs", vm.currentView().id());
        assertEquals(procs.rows(), vm.tableProperty().get().rows());
        assertFalse(vm.back());
        assertTrue(vm.drillDown(row));
        vm.jumpTo(0);
        assertEquals(1, vm.steps().size());
    }

    @Test
    void theEventListAndTheIoStreamsFollowTheFilter() throws Exception {
        vm.filterTextProperty().set("proc.name = haproxy");
        vm.applyFilter();
        vm.showEvents();
        long want = FilterScan.count(scap, FilterCompiler.compile("proc.name = haproxy"), false, null);
        assertEquals(want, vm.eventsProperty().get().size());
        assertTrue(want > 0);
        vm.showIo();
        assertFalse(vm.ioProperty().get().chunks().isEmpty());
        assertTrue(vm.ioProperty().get().chunks().stream().allMatch(c -> c.process().equals("haproxy")));

        // one descriptor's conversation is a step of the path; back returns to every stream
        int all = vm.ioProperty().get().chunks().size();
        org.scapscope.view.IoChunk first = vm.ioProperty().get().chunks().get(0);
        vm.followStream(first);
        assertEquals(2, vm.steps().size());
        assertEquals(InspectorViewModel.Page.IO, vm.steps().get(0).left());
        assertTrue(vm.ioProperty().get().chunks().stream().allMatch(c -> c.fdName().equals(first.fdName())));
        assertTrue(vm.back());
        assertEquals(InspectorViewModel.Page.IO, vm.pageProperty().get());
        assertEquals(all, vm.ioProperty().get().chunks().size());
    }

    @Test
    void aFollowedStreamIsTheWholeConversationWhateverNarrowedTheStepsBefore() throws Exception {
        // the HTTP errors tile leads to the responses that carried an error; following one must show
        // the request that drew it too
        Overview.TileResult errors = vm.overviewProperty().get().tiles().stream()
                .filter(t -> t.tile().title().equals("HTTP Errors")).findFirst().orElseThrow();
        vm.filterTextProperty().set("proc.name = haproxy");
        vm.applyFilter();
        vm.drillTile(errors.tile());
        vm.showIo();
        org.scapscope.view.IoChunk response = vm.ioProperty().get().chunks().get(0);
        assertTrue(vm.ioProperty().get().chunks().stream().allMatch(c -> c.write() == response.write()),
                "the tile's step shows one direction only");
        vm.followStream(response);
        List<org.scapscope.view.IoChunk> talk = vm.ioProperty().get().chunks();
        assertTrue(talk.stream().allMatch(c -> c.fdName().equals(response.fdName())));
        assertTrue(talk.stream().anyMatch(c -> c.write() != response.write()), "both directions are shown");
        assertEquals(FilterBar.condition("fd.name", response.fdName()), vm.effectiveFilter(),
                "neither the tile's filter nor the filter applied before narrows the conversation");
        assertEquals("fd.name = " + response.fdName(), vm.steps().get(vm.steps().size() - 1).label());

        // a filter applied while following narrows it again; back returns to the tile's step as it was
        vm.filterTextProperty().set("evt.is_io_write = " + response.write());
        vm.applyFilter();
        assertTrue(vm.ioProperty().get().chunks().size() < talk.size());
        assertTrue(vm.ioProperty().get().chunks().stream().allMatch(c -> c.write() == response.write()));
        assertTrue(vm.back());
        assertTrue(vm.effectiveFilter().contains(errors.tile().drilldown().filter()), vm.effectiveFilter());
    }

    @Test
    void anyFieldBecomesAColumnOfTheView() throws Exception {
        vm.showView("procs");
        int before = vm.tableProperty().get().columns().size();
        assertNotNull(vm.addColumn("proc.nosuchfield", org.scapscope.view.Aggregation.NONE), "an unknown field is refused");
        assertEquals(before, vm.tableProperty().get().columns().size());
        assertNull(vm.addColumn("evt.buflen", org.scapscope.view.Aggregation.SUM));
        ViewTable t = vm.tableProperty().get();
        assertEquals(before + 1, t.columns().size());
        assertEquals("evt.buflen", t.columns().get(before));
        // the haproxy row moved bytes: its sum is the sum of evt.buflen over its events
        ViewTable.Row haproxy = t.rows().stream().filter(r -> r.key().equals("13969")).findFirst().orElseThrow();
        long want = 0;
        org.scapscope.field.FieldContext ctx = new org.scapscope.field.FieldContext(scap);
        org.scapscope.filter.Filter rows = FilterCompiler.compile("evt.type != switch and proc.pid = 13969");
        org.scapscope.field.BoundField buflen = org.scapscope.field.FieldRegistry.get().bind("evt.buflen");
        org.scapscope.scap.ScapEvent e = scap.newEvent();
        for (long i = 0; i < scap.eventCount(); i++) {
            ctx.advance(scap.read(i, e));
            if (rows.test(ctx) && buflen.number(ctx) > 0) {
                want += buflen.number(ctx);
            }
        }
        assertEquals(want, haproxy.values().get(before));
        assertTrue(want > 0);
        // the column stays with the view
        vm.showView("files");
        vm.showView("procs");
        assertEquals(before + 1, vm.tableProperty().get().columns().size());
    }

    @Test
    void aTilesSeriesIsPinnedToTheTimeline() {
        Overview.TileResult calls = vm.overviewProperty().get().tiles().stream()
                .filter(t -> t.tile().id().equals("syscallCount")).findFirst().orElseThrow();
        vm.pin(calls);
        vm.pin(calls);
        assertEquals(1, vm.pinned().size());
        assertEquals(calls.total(), java.util.Arrays.stream(vm.pinned().get(0).series()).sum());
        vm.unpin("syscallCount");
        assertTrue(vm.pinned().isEmpty());
    }

    @Test
    void goingBackToAPageShowsItAsComputedBefore() {
        vm.showView("procs");
        ViewTable procs = vm.tableProperty().get();
        vm.showView("files");
        vm.showView("procs");
        assertSame(procs, vm.tableProperty().get());
        assertTrue(vm.statusProperty().get().contains("computed earlier"), vm.statusProperty().get());
        vm.filterTextProperty().set("proc.name = curl");
        vm.applyFilter();
        assertNotEquals(procs.rows(), vm.tableProperty().get().rows(), "another filter is computed afresh");
    }

    @Test
    void valuesSeenInTheCaptureAreOfferedForFilters() {
        assertTrue(vm.valuesSeen("evt.type").containsAll(List.of("read", "writev", "accept")), vm.valuesSeen("evt.type").toString());
        assertFalse(vm.valuesSeen("evt.type").contains("execveat"), "only the types the capture has");
        assertTrue(vm.valuesSeen("proc.name").contains("haproxy"), vm.valuesSeen("proc.name").toString());
        assertTrue(vm.valuesSeen("no.such.field").isEmpty());
    }

    @Test
    void everyPageOfEveryCaptureComputesWithoutError() throws Exception {
        for (Path file : RealCaptures.all()) {
            try (ScapFile other = ScapFile.open(file, OpenOptions.defaults().cacheDir(cache))) {
                InspectorViewModel m = new InspectorViewModel(other, EventList.of(other, null, null), ViewCatalog.builtIn(),
                        Worker.immediate(), ZoneOffset.UTC);
                m.start();
                String where = file.getFileName().toString();
                assertNotNull(m.overviewProperty().get(), where + ": " + m.statusProperty().get());
                assertNotNull(m.timelineProperty().get(), where);
                for (org.scapscope.view.ViewDefinition v : ViewCatalog.builtIn().all()) {
                    m.showView(v.id());
                    assertEquals(v.id(), m.tableProperty().get().view().id(), where + " " + v.id() + ": "
                            + m.statusProperty().get());
                }
                m.showEvents();
                assertEquals(other.visibleEventCount(), m.eventsProperty().get().size(), where);
                if (m.eventsProperty().get().size() > 0) {
                    assertNotNull(m.eventsProperty().get().details(m.eventsProperty().get().size() - 1));
                }
                m.showIo();
                assertNotNull(m.ioProperty().get(), where);
                m.setRange(other.firstTs(), other.firstTs() + Math.max(1, (other.lastTs() - other.firstTs()) / 2));
                m.showOverview();
                assertNotNull(m.overviewProperty().get(), where);
            }
        }
    }

    @Test
    void viewsComputedAheadShowAtOnceForTheFilterInForce() throws Exception {
        vm.filterTextProperty().set("proc.name = haproxy");
        assertTrue(vm.applyFilter());
        vm.computeAhead(List.of("files", "connections"));
        vm.showView("connections");
        assertTrue(vm.statusProperty().get().contains("computed in the background"), vm.statusProperty().get());
        assertEquals(keys(expected("connections", "proc.name = haproxy", 0, Long.MAX_VALUE)),
                keys(vm.tableProperty().get()));
        vm.showView("syscalls");
        assertFalse(vm.statusProperty().get().contains("computed earlier"), vm.statusProperty().get());
    }

    @Test
    void whatTheUserAsksForStopsTheWorkAhead() throws Exception {
        Deferred worker = new Deferred();
        InspectorViewModel m = on(worker);
        m.computeAhead(List.of("files"));
        assertEquals(1, worker.pending.size(), "nothing else runs: files is computed ahead");
        Deferred.Job ahead = worker.pending.get(0);
        m.showView("procs");
        assertTrue(ahead.cancelled[0], "asking for procs stops it");
        worker.runAll();
        assertEquals("procs", m.tableProperty().get().view().id());
        // once procs is shown, files is computed ahead again, and then shown at once
        worker.runAll();
        m.showView("files");
        assertTrue(m.statusProperty().get().contains("computed in the background"), m.statusProperty().get());
        m.showView("procs");
        m.showView("files");
        assertTrue(m.statusProperty().get().contains("computed earlier"), m.statusProperty().get());
        assertEquals("files", m.tableProperty().get().view().id());
        assertTrue(worker.pending.isEmpty());
    }

    @Test
    void aFindStopsTheWorkAheadWhichGoesOnAfterIt() throws Exception {
        Deferred worker = new Deferred();
        InspectorViewModel m = on(worker);
        m.computeAhead(List.of("files"));
        assertEquals(1, worker.pending.size());
        Deferred.Job ahead = worker.pending.get(0);
        m.searching("Finding \"x\"… (Escape stops it)");
        assertTrue(ahead.cancelled[0], "the analyst waits on the Find: the view ahead gives way");
        assertTrue(m.busyProperty().get());
        worker.runAll();
        assertTrue(worker.pending.isEmpty(), "no view is computed ahead while the Find runs");
        m.searching(null);
        assertFalse(m.busyProperty().get());
        assertEquals(1, worker.pending.size(), "files is computed ahead again");
        worker.runAll();
        m.showView("files");
        assertTrue(m.statusProperty().get().contains("computed in the background"), m.statusProperty().get());
    }

    @Test
    void aRowOfTheViewBeforeDoesNotDrillIntoTheViewBeingComputed() throws Exception {
        Deferred worker = new Deferred();
        InspectorViewModel m = on(worker);
        m.showView("procs");
        worker.runAll();
        ViewTable.Row process = m.tableProperty().get().rows().get(0);
        // threads asked for; until its rows come, the rows on screen are the processes'
        m.showView("threads");
        assertTrue(m.busyProperty().get());
        assertEquals("procs", m.tableProperty().get().view().id());
        assertFalse(m.drillDown(process), "a process's key is no thread id");
        assertEquals(1, m.steps().size());
        assertTrue(m.statusProperty().get().contains("still being computed"), m.statusProperty().get());
        worker.runAll();
        assertEquals("threads", m.tableProperty().get().view().id());
        assertTrue(m.drillDown(m.tableProperty().get().rows().get(0)));
        assertEquals(2, m.steps().size());
    }

    @Test
    void aDrillDownFilterThatDoesNotCompileLeavesNothingBusy() throws Exception {
        Deferred worker = new Deferred();
        InspectorViewModel m = on(worker);
        m.showView("procs");
        worker.runAll();
        // the processes of another range being computed, the rows of the whole capture shown
        m.setRange(scap.firstTs(), scap.firstTs() + 1_000_000_000L);
        assertTrue(m.busyProperty().get());
        // a key that makes the drill-down filter unreadable
        assertTrue(m.drillDown(new ViewTable.Row("1 or", List.of())));
        assertTrue(m.statusProperty().get().startsWith("The drill-down filter does not compile"),
                m.statusProperty().get());
        assertFalse(m.busyProperty().get(), "no progress is left up with nothing running");
        assertTrue(worker.pending.stream().allMatch(j -> j.cancelled[0]), "the range's work was stopped");
    }

    @Test
    void onceClosedNothingNewStartsWhateverFinishesAfter() throws Exception {
        Deferred worker = new Deferred();
        InspectorViewModel m = on(worker);
        m.start();
        m.computeAhead(List.of("files", "connections"));
        assertFalse(worker.pending.isEmpty());
        m.close();
        assertTrue(worker.pending.stream().allMatch(j -> j.cancelled[0]), "the timeline and the page are stopped");
        // the jobs end as cancelled jobs do, or finish had they got past their last check
        for (Deferred.Job j : List.copyOf(worker.pending)) {
            j.cancelled[0] = false;
        }
        worker.runAll();
        assertTrue(worker.pending.isEmpty(), "no view is computed ahead for a closed capture");
        m.showView("procs");
        assertTrue(worker.pending.isEmpty());
        assertFalse(m.busyProperty().get());
    }

    @Test
    void askingForTheViewBeingComputedAheadWaitsForIt() throws Exception {
        Deferred worker = new Deferred();
        InspectorViewModel m = on(worker);
        m.computeAhead(List.of("files", "connections"));
        Deferred.Job ahead = worker.pending.get(0);
        m.showView("files");
        assertEquals(1, worker.pending.size(), "no second computation of files");
        assertFalse(ahead.cancelled[0]);
        assertTrue(m.busyProperty().get());
        worker.pending.remove(0).run.run();
        assertFalse(m.busyProperty().get());
        assertEquals("files", m.tableProperty().get().view().id());
        assertTrue(m.statusProperty().get().contains(" in "), m.statusProperty().get());
        // files, of the whole capture with no filter, is written to keep; connections follows, and Cancel stops it
        assertEquals(2, worker.pending.size());
        m.cancel();
        assertTrue(worker.pending.get(1).cancelled[0]);
        assertFalse(worker.pending.get(0).cancelled[0], "what is written to keep is not cancelled");
    }

    @Test
    void anExportAndTheViewAskedForDoNotStopEachOther() throws Exception {
        Deferred worker = new Deferred();
        InspectorViewModel m = on(worker);
        m.showView("procs");
        Deferred.Job procs = worker.pending.get(worker.pending.size() - 1);
        assertTrue(m.computing());
        long[] written = {0};
        m.runExport("Writing out", (p, cancelled) -> cancelled.getAsBoolean() ? -1 : ++written[0], n -> "Wrote " + n);
        assertFalse(procs.cancelled[0], "an export leaves the view asked for to compute");
        Deferred.Job export = worker.pending.get(worker.pending.size() - 1);
        m.showView("files");
        assertTrue(procs.cancelled[0], "asking for another view stops the one before");
        assertFalse(export.cancelled[0], "but not the export");
        m.runExport("Writing again", (p, cancelled) -> 0, n -> "Wrote again");
        assertTrue(m.statusProperty().get().contains("still being written"), m.statusProperty().get());
        worker.runAll();
        assertEquals(1, written[0]);
        assertEquals("files", m.tableProperty().get().view().id());
        assertFalse(m.busyProperty().get());
        assertFalse(m.computing());
        // Cancel stops an export too, and says so
        m.runExport("Writing a third", (p, cancelled) -> {
            if (cancelled.getAsBoolean()) {
                throw new java.util.concurrent.CancellationException("cancelled");
            }
            return 3;
        }, n -> "Wrote a third");
        assertTrue(m.busyProperty().get());
        m.cancel();
        assertFalse(m.busyProperty().get());
        assertEquals("Cancelled", m.statusProperty().get());
        worker.runAll();
        assertEquals("Cancelled", m.statusProperty().get(), "a cancelled export says nothing more");
    }

    /** The view model of the capture, its work done by {@code worker}. */
    private InspectorViewModel on(Worker worker) throws Exception {
        return new InspectorViewModel(scap, EventList.of(scap, null, null), ViewCatalog.builtIn(), worker, ZoneOffset.UTC);
    }

    /** A worker that holds its jobs until told to run them, in order, on the calling thread. */
    static final class Deferred implements Worker {
        final List<Job> pending = new java.util.ArrayList<>();

        final class Job {
            final Runnable run;
            /** What the job itself sees when it asks whether it was cancelled. */
            final boolean[] cancelled;

            Job(Runnable run, boolean[] cancelled) {
                this.run = run;
                this.cancelled = cancelled;
            }
        }

        @Override
        public <T> Handle submit(Worker.Job<T> job, Progress progress, java.util.function.Consumer<T> done,
                java.util.function.Consumer<Throwable> failed) {
            boolean[] cancelled = {false};
            Job j = new Job(() -> {
                T result;
                try {
                    result = job.run((f, msg) -> { }, () -> cancelled[0]);
                } catch (Exception e) {
                    failed.accept(e);
                    return;
                }
                done.accept(result);
            }, cancelled);
            pending.add(j);
            return new Handle() {
                @Override
                public void cancel() {
                    cancelled[0] = true;
                }

                @Override
                public boolean isCancelled() {
                    return cancelled[0];
                }
            };
        }

        void runAll() {
            while (!pending.isEmpty()) {
                pending.remove(0).run.run();
            }
        }
    }

    /**
     * Calls picked on the latency chart open in the event list as a step of their own: the bands'
     * latencies, and the slices' times unless every slice was picked; the filter and range applied
     * narrow the chart as they do every page, and the chart is kept for going back.
     */
    @Test
    void callsPickedOnTheLatencyChartAreAStepShownAsEvents() throws Exception {
        vm.showLatency(org.scapscope.view.Spectrogram.Kind.ALL);
        org.scapscope.view.Spectrogram.Result r = vm.latencyProperty().get();
        assertEquals(InspectorViewModel.Page.LATENCY, vm.pageProperty().get());
        assertEquals(InspectorViewModel.LATENCY_SLICES, r.slices());
        vm.drillLatency(r.slices() - 1, 0, 33, 32);
        assertEquals(InspectorViewModel.Page.EVENTS, vm.pageProperty().get());
        assertEquals("evt.dir = < and evt.latency >= 100000000 and evt.latency < 316227767", vm.effectiveFilter());
        assertEquals("latency 100ms–316ms", vm.steps().get(vm.steps().size() - 1).label());
        long whole = java.util.Arrays.stream(r.counts())
                .mapToLong(slice -> slice[32] + slice[33]).sum();
        assertEquals(whole, vm.eventsProperty().get().size());
        assertTrue(vm.back());
        assertEquals(InspectorViewModel.Page.LATENCY, vm.pageProperty().get());
        assertSame(r, vm.latencyProperty().get(), "kept, not computed again");

        vm.drillLatency(3, 5, org.scapscope.view.Spectrogram.BANDS - 1, 40);
        String filter = vm.effectiveFilter();
        assertEquals("evt.dir = < and evt.latency >= 10000000000 and evt.rawtime >= " + r.sliceStart(3)
                + " and evt.rawtime < " + r.sliceStart(6), filter);
        assertTrue(vm.steps().get(vm.steps().size() - 1).label().startsWith("latency 10s and more, 00:44:"),
                vm.steps().get(vm.steps().size() - 1).label());
        vm.back();

        vm.filterTextProperty().set("proc.name = curl");
        vm.applyFilter();
        org.scapscope.view.Spectrogram.Result curl = vm.latencyProperty().get();
        assertEquals(org.scapscope.filter.FilterScan.count(scap, FilterCompiler.compile(
                "evt.dir = < and evt.latency > 0 and proc.name = curl"), false, null), curl.total());
        assertTrue(curl.total() < r.total());
        vm.showLatency(org.scapscope.view.Spectrogram.Kind.FILE);
        assertEquals(org.scapscope.view.Spectrogram.Kind.FILE, vm.latencyProperty().get().kind());
    }

    /**
     * A rules file loaded in the tab serves the filters and gives the alerts; one that changes a
     * macro the filter in force names changes what the pages show, nothing being had from before.
     */
    @Test
    void rulesLoadedChangeTheFiltersThatNameTheirMacros(@TempDir Path dir) throws Exception {
        Path curl = java.nio.file.Files.writeString(dir.resolve("a.yaml"), "- macro: client\n  condition: proc.name = curl\n"
                + "- rule: Client connects\n  condition: client and evt.type = connect and evt.dir = <\n"
                + "  output: connect\n  priority: NOTICE\n");
        Path haproxy = java.nio.file.Files.writeString(dir.resolve("b.yaml"),
                "- macro: client\n  condition: proc.name = haproxy\n");
        assertNull(vm.loadRules(curl));
        vm.filterTextProperty().set("client");
        assertTrue(vm.applyFilter());
        vm.showView("procs");
        assertEquals(keys(expected("procs", "proc.name = curl", 0, Long.MAX_VALUE)), keys(vm.tableProperty().get()));
        vm.showAlerts();
        assertEquals(FilterScan.count(scap, FilterCompiler.compile("proc.name = curl and evt.type = connect and"
                + " evt.dir = <"), false, null), vm.alertsProperty().get().alerts().size());
        vm.showView("procs");
        assertNull(vm.loadRules(haproxy));
        vm.refresh();
        assertEquals(keys(expected("procs", "proc.name = haproxy", 0, Long.MAX_VALUE)), keys(vm.tableProperty().get()));
        String wrong = vm.loadRules(dir.resolve("missing.yaml"));
        assertTrue(wrong.contains("missing.yaml") && wrong.contains("does not exist"), wrong);
        assertEquals(List.of(curl, haproxy), vm.rulesFiles());
    }

    /** Marked events are shown together by a filter on their numbers, as a step; past the limit no more are marked. */
    @Test
    void markedEventsAreShownByTheirNumbers() throws Exception {
        vm.showMarked();
        assertEquals(1, vm.steps().size(), "nothing marked: no step");
        assertTrue(vm.statusProperty().get().startsWith("No event is marked"));
        long first = vm.allEvents().eventIndex(5);
        long second = vm.allEvents().eventIndex(50);
        assertTrue(vm.toggleMark(second));
        assertTrue(vm.toggleMark(first));
        assertTrue(vm.toggleMark(second + 1));
        assertFalse(vm.toggleMark(second + 1));
        assertEquals("evt.num in (" + (first + 1) + ", " + (second + 1) + ")", vm.markedFilter());
        vm.showMarked();
        assertEquals(InspectorViewModel.Page.EVENTS, vm.pageProperty().get());
        assertEquals("2 marked events", vm.steps().get(1).label());
        EventList shown = vm.eventsProperty().get();
        assertEquals(2, shown.size());
        assertEquals(first, shown.eventIndex(0));
        assertEquals(second, shown.eventIndex(1));
        // the marked events stand alone: a filter applied before, or after going back, leaves them whole
        vm.back();
        assertEquals(InspectorViewModel.Page.OVERVIEW, vm.pageProperty().get(), "back where the marked events were asked for");
        vm.showEvents();
        vm.filterTextProperty().set("evt.num = " + (first + 1));
        assertTrue(vm.applyFilter());
        assertEquals(1, vm.eventsProperty().get().size());
        vm.showMarked();
        assertEquals(2, vm.eventsProperty().get().size());
        vm.showMarked();
        assertEquals(2, vm.steps().size(), "shown again, not a step more");
        for (long i = 1000; vm.marked().size() < InspectorViewModel.MARKS_LIMIT; i++) {
            vm.toggleMark(i);
        }
        long extra = vm.allEvents().eventIndex(7);
        assertFalse(vm.marked().contains(extra));
        assertFalse(vm.toggleMark(extra));
        assertFalse(vm.marked().contains(extra));
        assertTrue(vm.statusProperty().get().startsWith("At most 10,000 events are marked at once"));
        assertEquals(InspectorViewModel.MARKS_LIMIT, vm.marked().size());
    }
}
