package org.scapscope.ui;

import java.nio.file.Path;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.function.BooleanSupplier;
import java.util.function.LongFunction;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.beans.property.ReadOnlyDoubleWrapper;
import javafx.beans.property.ReadOnlyLongProperty;
import javafx.beans.property.ReadOnlyLongWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import org.scapscope.field.FieldException;
import org.scapscope.field.FieldInfo;
import org.scapscope.field.FieldRegistry;
import org.scapscope.field.FieldType;
import org.scapscope.filter.Filter;
import org.scapscope.filter.FilterCompiler;
import org.scapscope.filter.FilterException;
import org.scapscope.scap.OpenOptions;
import org.scapscope.scap.ScapFile;
import org.scapscope.state.StateHistory;
import org.scapscope.view.Aggregation;
import org.scapscope.view.Alerts;
import org.scapscope.view.HttpLog;
import org.scapscope.view.StateTables;
import org.scapscope.view.EventList;
import org.scapscope.view.IoChunk;
import org.scapscope.view.IoStreams;
import org.scapscope.view.KeptResults;
import org.scapscope.view.Overview;
import org.scapscope.view.OverviewTile;
import org.scapscope.view.SeenValues;
import org.scapscope.view.Spectrogram;
import org.scapscope.view.Timeline;
import org.scapscope.view.ViewCatalog;
import org.scapscope.view.ViewCells;
import org.scapscope.view.ViewDefinition;
import org.scapscope.view.ViewEngine;
import org.scapscope.view.ViewTable;

/**
 * One investigation of an open capture: the page shown (overview, a view, the event list or the
 * I/O streams), the drill-down path to it, the user's filter and the time range, and what they
 * give. Every change computes the page again on the worker, cancelling the computation it
 * replaces; a filter that does not compile changes nothing and says what is wrong.
 */
public final class InspectorViewModel {
    /** What the inspector shows. */
    public enum Page {
        OVERVIEW, VIEW, EVENTS, IO, LATENCY, ALERTS, STATE, HTTP
    }

    /**
     * A step of the drill-down path: the view shown at it, what it narrowed to ({@code proc.pid =
     * 1234}, or the view's name for the first step) and the filter it added (null: none). A step
     * that is not the last holds the page it was left from ({@code left}: the overview for a tile,
     * the view for a row, the I/O streams for a followed stream), shown again when the path goes
     * back to it; null for the last step. A followed stream stands alone ({@code aloneFrom} not
     * null): the conversation whole, whatever narrowed the steps before it and the filter applied
     * then ({@code aloneFrom}), as following a stream does in Wireshark; a filter applied after it
     * narrows it again.
     */
    public record Step(String view, String label, String filter, Page left, String aloneFrom) {
        public Step(String view, String label, String filter) {
            this(view, label, filter, null, null);
        }

        Step leftFrom(Page p) {
            return new Step(view, label, filter, p, aloneFrom);
        }

        Step showing(String otherView, String otherLabel) {
            return new Step(otherView, otherLabel, filter, left, aloneFrom);
        }
    }

    /** A tile's series shown on the timeline: from {@code start}, one value per {@code width} ns. */
    public record Pinned(String id, String title, long start, long width, long[] series) {
    }

    /** What is wrong with the filter being typed, and the characters it is about. */
    public record FilterProblem(String message, int start, int end) {
    }

    /** Samples of the overview's sparklines. */
    static final int OVERVIEW_SAMPLES = 60;
    /** Most HTTP requests held at once; a filter or range narrows the rest. */
    static final int HTTP_LIMIT = 200_000;

    /** Most alerts held at once; a filter or range narrows the rest. */
    static final int ALERTS_LIMIT = 200_000;
    /** Stretches of time of the latency spectrogram. */
    static final int LATENCY_SLICES = 120;
    /** Buckets of the timeline. */
    static final int TIMELINE_BUCKETS = 240;
    /**
     * Most I/O chunks held at once (some 90 bytes each: their data stays in the capture), more than
     * a 1 GB capture has; a filter or range narrows the rest.
     */
    static final int IO_LIMIT = 2_000_000;

    private final ScapFile capture;
    private final EventList allEvents;
    private final StateHistory checkpoints;
    /** Views' results on stretches of the capture: a view asked again over another range replays only what it has not seen. */
    private final ViewCells cells;
    private final ViewCatalog catalog;
    /** The Falco lists and macros a filter may name. */
    private org.scapscope.filter.FalcoRules rules;
    private final Worker worker;
    private final ZoneId zone;

    private final StringProperty filterText = new SimpleStringProperty("");
    private final ReadOnlyObjectWrapper<FilterProblem> filterProblem = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyStringWrapper appliedFilter = new ReadOnlyStringWrapper("");
    private final ReadOnlyObjectWrapper<Page> page = new ReadOnlyObjectWrapper<>(Page.OVERVIEW);
    private final ObservableList<Step> steps = FXCollections.observableArrayList();
    private final ObservableList<Step> stepsShown = FXCollections.unmodifiableObservableList(steps);
    private final ReadOnlyLongWrapper rangeFrom = new ReadOnlyLongWrapper(0);
    private final ReadOnlyLongWrapper rangeTo = new ReadOnlyLongWrapper(Long.MAX_VALUE);

    private final ReadOnlyObjectWrapper<Overview.Result> overview = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyObjectWrapper<ViewTable> table = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyObjectWrapper<Spectrogram.Result> latency = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyObjectWrapper<Alerts.Result> alerts = new ReadOnlyObjectWrapper<>();
    /** The least urgent priority of the rules tried; null: all. */
    private final ReadOnlyObjectWrapper<Alerts.Priority> alertsMinimum = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyObjectWrapper<StateTables.Snapshot> stateTables = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyObjectWrapper<HttpLog.Result> http = new ReadOnlyObjectWrapper<>();
    private final javafx.collections.ObservableList<String> rowColors = javafx.collections.FXCollections.observableArrayList();
    private List<ColorRule> colorRulesApplied = List.of();
    /** The event the machine state page shows the state after (its index); -1: the last one of the time range. */
    private final javafx.beans.property.ReadOnlyLongWrapper stateAt = new javafx.beans.property.ReadOnlyLongWrapper(-1);
    /** The changes shown on the machine state page, since the start of the time range; null when not asked for. */
    private final ReadOnlyObjectWrapper<StateTables.Diff> stateChanges = new ReadOnlyObjectWrapper<>();
    /** Whether the machine state page shows what changed since the start of the time range. */
    private final javafx.beans.property.ReadOnlyBooleanWrapper stateChangesAsked =
            new javafx.beans.property.ReadOnlyBooleanWrapper(false);
    /** The events the analyst marked, by index. */
    private final javafx.collections.ObservableSet<Long> marked = FXCollections.observableSet(new java.util.TreeSet<>());
    /** The marked events as others see them: one view, which their listeners stay on. */
    private final javafx.collections.ObservableSet<Long> markedShown = FXCollections.unmodifiableObservableSet(marked);
    /** The rules files loaded in this tab, after those of the rules folder. */
    private final ObservableList<Path> rulesFiles = FXCollections.observableArrayList();
    private final ObservableList<Path> rulesFilesShown = FXCollections.unmodifiableObservableList(rulesFiles);
    /** Which calls the latency page counts: all, or file I/O. */
    private final ReadOnlyObjectWrapper<Spectrogram.Kind> latencyKind = new ReadOnlyObjectWrapper<>(Spectrogram.Kind.ALL);
    /** The whole-capture timeline and the values seen for completion, while they are worked out. */
    private Worker.Handle timelineWork;
    private Worker.Handle seenWork;
    /** Set when the tab closes: no work starts after. */
    private boolean closed;
    private final ReadOnlyObjectWrapper<EventList> events = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyObjectWrapper<IoStreams.Collected> io = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyObjectWrapper<Timeline> timeline = new ReadOnlyObjectWrapper<>();
    /** Where the events of the filter and drill-down lie, in the timeline's intervals; null with neither. */
    private final ReadOnlyObjectWrapper<Timeline> selectedTimeline = new ReadOnlyObjectWrapper<>();
    /** The filter {@link #selectedTimeline} is of: "" while it shows nothing. */
    private String selectedTimelineOf = "";
    /** Counting the events of the filter for the timeline, when under way. */
    private Worker.Handle selecting;
    /** What the event list shown selects: it may be of an earlier filter when a later one failed. */
    private PageKey eventsOf;

    private final ReadOnlyBooleanWrapper busy = new ReadOnlyBooleanWrapper();
    private final ReadOnlyDoubleWrapper progress = new ReadOnlyDoubleWrapper();
    private final ReadOnlyStringWrapper status = new ReadOnlyStringWrapper("");
    private final List<String> filtersApplied = new ArrayList<>();
    /** Views with columns the user added, by view id. */
    private final Map<String, ViewDefinition> customized = new HashMap<>();
    private final ObservableList<Pinned> pinned = FXCollections.observableArrayList();
    /** Filters compiled lately, by text (the marked events' filter can be long: a few are kept). */
    private final Map<String, Filter> compiled = new LinkedHashMap<>(16, 0.75f, true) {
        private static final long serialVersionUID = 1L;

        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Filter> eldest) {
            return size() > 32;
        }
    };
    /** Values the capture holds for common fields, by field. */
    private final Map<String, List<String>> seen = new HashMap<>();
    private boolean seenGathered;
    private Worker.Handle running;
    /** The export being written, if any. */
    private final OneJob exports;
    /** Whether a Find runs. */
    private boolean searching;
    /** Pages computed lately, by what they were computed for: going back to one shows it at once. */
    private final Map<PageKey, Object> computed = new LinkedHashMap<>(16, 0.75f, true) {
        private static final long serialVersionUID = 1L;

        @Override
        protected boolean removeEldestEntry(Map.Entry<PageKey, Object> eldest) {
            if (size() > PAGES_KEPT) {
                keptFromBefore.remove(eldest.getValue());
                return true;
            }
            return false;
        }
    };

    /** Views computed ahead while nothing else runs, for the filter and range in force (none by default). */
    private List<String> ahead = List.of();
    /** The view being computed ahead, if any. */
    private Ahead computingAhead;
    /** Views computed ahead and not shown yet. */
    private final Set<PageKey> aheadNotShown = new HashSet<>();

    /** A view computed ahead: dropped, whatever it gives, once the user asks for something. */
    private static final class Ahead {
        final PageKey key;
        Worker.Handle handle;
        boolean dropped;
        /** Set when the user asks for this very view: it is then shown when done. */
        boolean asked;
        long askedAt;

        Ahead(PageKey key) {
            this.key = key;
        }
    }

    /**
     * What a page's result depends on. A view is compared by identity: the catalog's definitions and
     * a customized one are each a single object, and comparing two definitions field by field (every
     * column of both) is too slow for a lookup made at each turn on the UI thread.
     */
    private record PageKey(Page page, ViewDefinition view, Object variant, String filter, long from, long to) {
        PageKey(Page page, ViewDefinition view, String filter, long from, long to) {
            this(page, view, null, filter, from, to);
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof PageKey k && page == k.page && view == k.view && java.util.Objects.equals(variant, k.variant)
                    && filter.equals(k.filter) && from == k.from && to == k.to;
        }

        @Override
        public int hashCode() {
            return java.util.Objects.hash(page, System.identityHashCode(view), variant, filter, from, to);
        }
    }

    /** Views and overviews kept for going back and forth (they are small). */
    private static final int PAGES_KEPT = 24;

    public InspectorViewModel(ScapFile capture, EventList allEvents, ViewCatalog catalog, Worker worker, ZoneId zone) {
        this(capture, allEvents, catalog, org.scapscope.filter.FalcoRules.none(), worker, zone);
    }

    /** As above, with the Falco lists and macros filters may use. */
    public InspectorViewModel(ScapFile capture, EventList allEvents, ViewCatalog catalog,
            org.scapscope.filter.FalcoRules rules, Worker worker, ZoneId zone) {
        this.rules = rules;
        this.capture = capture;
        this.allEvents = allEvents;
        this.checkpoints = allEvents.history();
        this.cells = ViewCells.forCapture(capture.eventCount());
        this.catalog = catalog;
        this.worker = worker;
        this.exports = new OneJob(worker);
        this.zone = zone;
        filterText.addListener((o, a, b) -> filterProblem.set(check(b)));
        steps.add(new Step("procs", nameOf("procs"), null));
    }

    /**
     * Starts with the overview and the timeline; the values filters are completed with are gathered
     * once the first page is shown, so as not to slow it.
     */
    public void start() {
        timelineWork = worker.submit((p, cancelled) -> Timeline.of(capture, TIMELINE_BUCKETS, cancelled), null, t -> {
            timelineWork = null;
            if (closed) {
                return;
            }
            timeline.set(t);
            if (running == null) {
                computeNextAhead();
            }
        }, e -> {
            timelineWork = null;
            if (!closed && !(e instanceof java.util.concurrent.CancellationException)) {
                status.set("The timeline cannot be drawn: " + ErrorText.of(e));
            }
        });
        refresh();
    }

    /**
     * Stops all the work of this capture for good (its tab is closing): what runs is cancelled, and
     * nothing new starts, whatever finishes after.
     */
    public void close() {
        closed = true;
        ahead = List.of();
        if (timelineWork != null) {
            timelineWork.cancel();
            timelineWork = null;
        }
        if (seenWork != null) {
            seenWork.cancel();
            seenWork = null;
        }
        cancel();
    }

    /** Gathers the values filters are completed with, the first time it is called. */
    private void gatherSeenValues() {
        if (seenGathered) {
            return;
        }
        seenGathered = true;
        seenWork = worker.submit((p, cancelled) -> SeenValues.of(capture, checkpoints, cancelled), null,
                values -> {
                    seenWork = null;
                    seen.putAll(values);
                }, e -> seenWork = null);
    }

    /**
     * Computes these views ahead, one at a time, whenever the worker has nothing else to do, for
     * the filter, path and range in force, so that switching to one shows it at once. Whatever the
     * user asks for stops this work first; it goes on once the user's page is shown.
     */
    public void computeAhead(List<String> viewIds) {
        for (String id : viewIds) {
            if (catalog.get(id) == null) {
                throw new IllegalArgumentException("no view named " + id);
            }
        }
        ahead = List.copyOf(viewIds);
        computeNextAhead();
    }

    /** Starts the next view to compute ahead, when nothing runs and one is not known yet. */
    private void computeNextAhead() {
        if (closed) {
            return;
        }
        // where the filter's events lie comes first: it is shown with every page
        selectOnTimeline();
        if (ahead.isEmpty() || running != null || computingAhead != null || selecting != null || searching) {
            return;
        }
        Filter f;
        try {
            f = compiledFilter();
        } catch (FilterException e) {
            return;
        }
        String filter = effectiveFilter();
        long from = rangeFrom.get();
        long to = rangeTo.get();
        for (String id : ahead) {
            ViewDefinition custom = customized.get(id);
            ViewDefinition view = custom != null ? custom : catalog.get(id);
            PageKey key = new PageKey(Page.VIEW, view, filter, from, to);
            if (computed.containsKey(key)) {
                continue;
            }
            Ahead a = new Ahead(key);
            computingAhead = a;
            a.handle = worker.<ViewTable>submit((p, cancelled) -> view(view, f, from, to, null, cancelled), null,
                    result -> {
                        if (a.dropped) {
                            return;
                        }
                        computingAhead = null;
                        computed.put(key, result);
                        if (a.asked && running == a.handle) {
                            finishAsked(Page.VIEW, result, howHad(result, took(a.askedAt)));
                        } else {
                            aheadNotShown.add(key);
                        }
                        computeNextAhead();
                    }, e -> {
                        if (a.dropped) {
                            return;
                        }
                        computingAhead = null; // a view that fails here fails again, with its message, when asked for
                        if (a.asked && running == a.handle) {
                            failAsked(e);
                        }
                    });
            return;
        }
    }

    /**
     * Counts, on the worker, where in the capture the events of the filter and drill-down lie, for
     * the timeline: over the whole capture, whatever the range, so that what lies outside it shows
     * too. Done after the page asked for, and before views are computed ahead.
     */
    private void selectOnTimeline() {
        String filter = effectiveFilter();
        Timeline whole = timeline.get();
        if (filter.equals(selectedTimelineOf) || selecting != null || running != null || computingAhead != null
                || whole == null) {
            return;
        }
        Filter f;
        try {
            f = compiledFilter();
        } catch (FilterException e) {
            return;
        }
        if (f == null) {
            selectedTimelineOf = "";
            selectedTimeline.set(null);
            return;
        }
        // the event list shown is this very selection when it is of this filter over the whole capture
        EventList shown = new PageKey(Page.EVENTS, null, filter, 0, Long.MAX_VALUE).equals(eventsOf) ? events.get() : null;
        Worker.Handle[] self = new Worker.Handle[1];
        boolean[] finished = {false};
        self[0] = worker.<Timeline>submit((p, cancelled) -> shown != null ? Timeline.of(capture, shown, whole, cancelled)
                : allEvents.countPerInterval(f, whole, cancelled),
                null, t -> {
                    finished[0] = true;
                    if (selecting != self[0]) {
                        return;
                    }
                    selecting = null;
                    selectedTimelineOf = filter;
                    selectedTimeline.set(t);
                    computeNextAhead();
                }, e -> {
                    finished[0] = true;
                    if (selecting != self[0]) {
                        return;
                    }
                    selecting = null;
                    if (!(e instanceof CancellationException)) {
                        selectedTimelineOf = filter; // not tried again for this filter
                        selectedTimeline.set(null);
                    }
                    computeNextAhead();
                });
        // an immediate worker has finished by now
        if (!finished[0]) {
            selecting = self[0];
        }
    }

    /** Stops counting the filter's events for the timeline: the user asked for something. */
    private void stopSelecting() {
        cancelSelecting();
        if (!effectiveFilter().equals(selectedTimelineOf)) {
            selectedTimelineOf = "";
            selectedTimeline.set(null);
        }
    }

    private void cancelSelecting() {
        if (selecting != null) {
            Worker.Handle h = selecting;
            selecting = null;
            h.cancel();
        }
    }

    /** The work the user asked for is done: shows what it gave. */
    private void finishAsked(Page p, Object result, String how) {
        running = null;
        updateBusy();
        progress.set(1);
        show(p, result, how);
    }

    /** The work the user asked for failed: says why, unless it was cancelled. */
    private void failAsked(Throwable e) {
        running = null;
        updateBusy();
        if (!(e instanceof CancellationException)) {
            status.set(ErrorText.of(e));
        }
    }

    private void stopComputingAhead() {
        Ahead a = computingAhead;
        if (a != null) {
            a.dropped = true;
            if (a.handle != null) {
                a.handle.cancel();
            }
            computingAhead = null;
        }
    }

    // ------------------------------------------------------------------------------------ filter

    /**
     * Colours the rows of the event list by {@code rules} (those that are on, in order); returns
     * what is wrong with a rule's filter, naming the rule, or null when all were taken. A rule
     * whose filter does not compile is left out, the others taken.
     */
    public String setColorRules(List<ColorRule> rules) {
        List<Filter> filters = new ArrayList<>();
        List<String> shown = new ArrayList<>();
        List<ColorRule> applied = new ArrayList<>();
        String wrong = null;
        for (ColorRule r : rules) {
            if (!r.on()) {
                continue;
            }
            if (filters.size() == ColorRule.MAX) {
                wrong = wrong != null ? wrong : "Only the first " + ColorRule.MAX + " colouring rules in use colour rows";
                break;
            }
            try {
                filters.add(FilterCompiler.compile(r.filter(), this.rules));
                shown.add(r.color());
                applied.add(r);
            } catch (FilterException e) {
                wrong = wrong != null ? wrong : "The colouring rule " + r.name() + " is left out: " + e.getMessage();
            }
        }
        allEvents.colorRules().set(filters);
        rowColors.setAll(shown);
        colorRulesApplied = List.copyOf(applied);
        if (wrong != null) {
            status.set(wrong);
        }
        return wrong;
    }

    /** The colouring rules that colour rows (in use, and whose filter compiles), in order. */
    public List<ColorRule> colorRulesApplied() {
        return colorRulesApplied;
    }

    /** The colour of each colouring rule in use, in order: a row's rule is an index into them. */
    public javafx.collections.ObservableList<String> rowColors() {
        return rowColors;
    }

    /** What is wrong with {@code text} as a filter, or null when it compiles. */
    public FilterProblem check(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            FilterCompiler.compile(text, rules);
            return null;
        } catch (FilterException e) {
            int start = e.span() == null ? 0 : Math.min(text.length(), e.span().start());
            int end = e.span() == null ? text.length() : Math.min(text.length(), Math.max(start, e.span().end()));
            return new FilterProblem(e.getMessage(), start, end);
        }
    }

    /**
     * Applies the filter typed: every page then shows only what it selects. A filter that does not
     * compile is not applied (the problem stays shown); returns whether it was applied.
     */
    public boolean applyFilter() {
        String text = filterText.get() == null ? "" : filterText.get().strip();
        FilterProblem problem = check(text);
        filterProblem.set(problem);
        if (problem != null) {
            status.set("The filter is not applied: " + problem.message());
            return false;
        }
        if (!text.isEmpty()) {
            filtersApplied.remove(text);
            filtersApplied.add(0, text);
        }
        appliedFilter.set(text);
        refresh();
        return true;
    }

    /** Removes the filter. */
    public void clearFilter() {
        filterText.set("");
        applyFilter();
    }

    /** Values of {@code field} the capture holds (for the fields analysts filter on most), sorted. */
    public List<String> valuesSeen(String field) {
        return seen.getOrDefault(field, List.of());
    }

    /** The names of the Falco macros a filter may use where a field goes, for completion. */
    public List<String> macroNames() {
        return rules.macroNames();
    }

    /** The names of the Falco lists a filter may use among the values of {@code in (...)} and the like. */
    public List<String> listNames() {
        return rules.listNames();
    }

    /** Filters applied before, the latest first. */
    public List<String> filterHistory() {
        return List.copyOf(filtersApplied);
    }

    /** The filter every page uses: the user's and the drill-down path's, all of them together. */
    /**
     * The first step whose filter narrows: the last that stands alone (a followed stream), if any;
     * what came before it does not narrow.
     */
    private int firstNarrowingStep() {
        int first = 0;
        for (int i = 0; i < steps.size(); i++) {
            if (steps.get(i).aloneFrom() != null) {
                first = i;
            }
        }
        return first;
    }

    /** Whether the filter applied narrows, with the steps from {@code first}: not the one a stream was followed under. */
    private boolean appliedNarrows(int first) {
        String applied = appliedFilter.get();
        return !applied.isBlank() && (steps.isEmpty() || !applied.equals(steps.get(first).aloneFrom()));
    }

    /**
     * The first field of the filter in force that the machine state cannot be narrowed by (a field of
     * events, such as evt.type), or null.
     */
    public String stateEventField() {
        try {
            return org.scapscope.view.StateTables.eventField(effectiveFilter(), rules);
        } catch (org.scapscope.filter.FilterException e) {
            return null;
        }
    }

    public String effectiveFilter() {
        int first = firstNarrowingStep();
        List<String> parts = new ArrayList<>();
        if (appliedNarrows(first)) {
            parts.add(appliedFilter.get());
        }
        for (Step s : steps.subList(first, steps.size())) {
            if (s.filter() != null) {
                parts.add(s.filter());
            }
        }
        if (parts.size() == 1) {
            return parts.get(0);
        }
        StringBuilder sb = new StringBuilder();
        for (String p : parts) {
            sb.append(sb.length() == 0 ? "" : " and ").append('(').append(p).append(')');
        }
        return sb.toString();
    }

    private Filter compiledFilter() throws FilterException {
        String text = effectiveFilter();
        if (text.isBlank()) {
            return null;
        }
        Filter f = compiled.get(text);
        if (f == null) {
            f = FilterCompiler.compile(text, rules);
            compiled.put(text, f);
        }
        return f;
    }

    // ------------------------------------------------------------------------------------ pages and drill-down

    public void showOverview() {
        page.set(Page.OVERVIEW);
        refresh();
    }

    /** Shows a view, keeping the drill-down path: its last step now shows this view. */
    public void showView(String id) {
        if (catalog.get(id) == null) {
            throw new IllegalArgumentException("no view named " + id);
        }
        Step last = steps.get(steps.size() - 1);
        steps.set(steps.size() - 1, last.showing(id, last.filter() == null ? nameOf(id) : last.label()));
        page.set(Page.VIEW);
        refresh();
    }

    public void showEvents() {
        page.set(Page.EVENTS);
        refresh();
    }

    public void showIo() {
        page.set(Page.IO);
        refresh();
    }

    /** Shows the alerts of the Falco rules. */
    public void showAlerts() {
        page.set(Page.ALERTS);
        refresh();
    }

    /** Shows the HTTP requests and their responses. */
    public void showHttp() {
        page.set(Page.HTTP);
        refresh();
    }

    /** Shows a request's and its response's events in the event list, as a step of the path. */
    public void openHttp(HttpLog.Transaction t) {
        if (t != null) {
            addStep(t.method() + " " + t.url() + " → " + t.status(), t.filter(), null, Page.EVENTS);
        }
    }

    /** Shows the machine state: just after the event chosen for it, else at the end of the time range. */
    public void showState() {
        page.set(Page.STATE);
        refresh();
    }

    /**
     * Shows the machine state just after event {@code eventIndex}; -1: just after the last event of
     * the time range (the whole capture's last when no range is chosen).
     */
    public void showStateAt(long eventIndex) {
        stateAt.set(eventIndex < -1 || eventIndex >= capture.eventCount() ? -1 : eventIndex);
        showState();
    }

    /** Shows the machine state just after the last event at or before {@code ns} (ns since the epoch). */
    public void showStateAtTime(long ns) {
        showStateAt(Math.max(0, lastEventBefore(ns == Long.MAX_VALUE ? ns : ns + 1)));
    }

    /**
     * Narrows the machine state page to what a row of it names ({@code proc.pid = 1234}), as a step
     * of the path; {@code target} is the page the step shows.
     */
    public void drillState(String label, String filter, Page target) {
        addStep(label, filter, null, target);
    }

    /**
     * Shows an alert's event among the events of the path and filter in force, as a step of the
     * path that adds no filter: going back returns to the alerts.
     */
    public void openAlert(Alerts.Alert alert) {
        if (alert == null) {
            return;
        }
        addStep(String.format("%s at event #%,d", alert.rule(), alert.eventIndex() + 1), null, null, Page.EVENTS);
    }

    /** Most events marked at once: the filter that shows them names each. */
    static final int MARKS_LIMIT = 10_000;

    /**
     * Marks the event of index {@code eventIndex}, or takes its mark off; whether it is marked now.
     * Past {@link #MARKS_LIMIT} marks, no more are taken, and the status bar says so.
     */
    public boolean toggleMark(long eventIndex) {
        if (marked.remove(eventIndex)) {
            status.set(String.format("Event #%,d unmarked; %,d marked", eventIndex + 1, marked.size()));
            return false;
        }
        if (marked.size() >= MARKS_LIMIT) {
            status.set(String.format("At most %,d events are marked at once: unmark some first", MARKS_LIMIT));
            return false;
        }
        marked.add(eventIndex);
        status.set(String.format("Event #%,d marked; %,d marked (the marked button shows them)", eventIndex + 1,
                marked.size()));
        return true;
    }

    /** The marked events, by index, in order. */
    public javafx.collections.ObservableSet<Long> marked() {
        return markedShown;
    }

    /** The filter that selects the marked events, or null when none is. */
    public String markedFilter() {
        if (marked.isEmpty()) {
            return null;
        }
        StringBuilder sb = new StringBuilder("evt.num in (");
        boolean first = true;
        for (long i : marked) {
            sb.append(first ? "" : ", ").append(i + 1);
            first = false;
        }
        return sb.append(')').toString();
    }

    /** Shows only the marked events, as a step of the path (Back leaves it); what they are exported from. */
    public void showMarked() {
        String filter = markedFilter();
        if (filter == null) {
            status.set("No event is marked: Ctrl+M marks the event selected in the event list");
            return;
        }
        Step last = steps.get(steps.size() - 1);
        if (filter.equals(last.filter())) {
            // the marked events shown already: shown again, as marked now
            page.set(Page.EVENTS);
            refresh();
            return;
        }
        // the marked events stand alone, whatever narrowed the steps before and the filter applied
        // when they were marked under it (as a followed stream does); the time range still applies
        addStep(String.format(marked.size() == 1 ? "%,d marked event" : "%,d marked events", marked.size()), filter,
                appliedFilter.get(), Page.EVENTS);
    }

    /** Tries only the rules of {@code minimum} priority or more urgent (null: all). */
    public void setAlertsMinimum(Alerts.Priority minimum) {
        alertsMinimum.set(minimum);
        if (page.get() == Page.ALERTS) {
            refresh();
        }
    }

    /**
     * Adds a Falco rules file to those of this tab: its rules are tried, and its lists and macros
     * serve the filters. Returns what is wrong with it, or null when it was added.
     */
    public String loadRules(Path file) {
        try {
            rules = rules.and(List.of(file));
        } catch (java.io.IOException | FilterException e) {
            String why = e.getMessage() != null ? e.getMessage() : e.toString();
            status.set(why);
            return why;
        }
        // a macro or list the file changes may change what a filter in force selects: nothing is had from before
        compiled.clear();
        computed.clear();
        aheadNotShown.clear();
        rulesFiles.add(file);
        status.set("Loaded the rules of " + file.getFileName());
        if (page.get() == Page.ALERTS) {
            refresh();
        }
        return null;
    }

    /** The rules tried on the alerts page: the rules folder's, then those loaded in this tab. */
    public org.scapscope.filter.FalcoRules rules() {
        return rules;
    }

    /** Shows the latency spectrogram of the calls {@code kind} names. */
    public void showLatency(Spectrogram.Kind kind) {
        latencyKind.set(kind);
        page.set(Page.LATENCY);
        refresh();
    }

    /** The view the last step of the path shows (with the columns the user added to it). */
    public ViewDefinition currentView() {
        String id = steps.get(steps.size() - 1).view();
        ViewDefinition custom = customized.get(id);
        return custom != null ? custom : catalog.get(id);
    }

    /**
     * Adds a column of any field to the current view, combined over each row's events by
     * {@code aggregation}; returns what is wrong with the field, or null when it was added.
     */
    public String addColumn(String field, Aggregation aggregation) {
        String name = field == null ? "" : field.strip();
        FieldType type;
        try {
            FieldRegistry.get().bind(name);
            String base = name.contains("[") ? name.substring(0, name.indexOf('[')) : name;
            FieldInfo info = FieldRegistry.get().info(base);
            if (info == null) {
                int dot = base.lastIndexOf('.');
                info = dot > 0 ? FieldRegistry.get().info(base.substring(0, dot)) : null;
            }
            type = info == null ? FieldType.CHARBUF : info.type();
        } catch (FieldException e) {
            return e.getMessage();
        }
        ViewDefinition v = currentView();
        customized.put(v.id(), v.withColumn(name, type, aggregation));
        refresh();
        return null;
    }

    /** Shows a tile's series (as the overview computed it) on the timeline. */
    public void pin(Overview.TileResult tile) {
        Overview.Result o = overview.get();
        if (o == null || pinned.stream().anyMatch(p -> p.id().equals(tile.tile().id()))) {
            return;
        }
        pinned.add(new Pinned(tile.tile().id(), tile.tile().title(), o.start(), o.sampleWidth(), tile.series()));
    }

    public void unpin(String tileId) {
        pinned.removeIf(p -> p.id().equals(tileId));
    }

    public ObservableList<Pinned> pinned() {
        return pinned;
    }

    /** Whether a row of the current view leads somewhere. */
    public boolean canDrillDown() {
        ViewDefinition v = currentView();
        return page.get() == Page.VIEW && v != null && catalog.drillTarget(v) != null
                && v.drilldownFilterTemplate() != null;
    }

    /** Opens the view a row leads to, narrowed to the row; false when the view leads nowhere. */
    public boolean drillDown(ViewTable.Row row) {
        if (!canDrillDown() || row == null) {
            return false;
        }
        ViewDefinition v = currentView();
        ViewTable shown = table.get();
        if (shown == null || !shown.view().id().equals(v.id())) {
            // the rows on screen are still the view before's: its keys mean something else here
            status.set("The " + v.name() + " view is still being computed: drill down once its rows are shown");
            return false;
        }
        String field = v.drilldownField();
        String label = (field == null ? v.name() : field) + " = " + row.key();
        leaveLastStep();
        steps.add(new Step(catalog.drillTarget(v).id(), label, v.drilldownFilter(row.key())));
        refresh();
        return true;
    }

    /**
     * Opens what a tile of the overview leads to, with the tile's filter, as a step of the path:
     * the overview counted within the steps before it, and so does the tile's view. Going back
     * returns to the overview.
     */
    public void drillTile(OverviewTile tile) {
        OverviewTile.Drilldown d = tile.drilldown();
        String view = d == null ? null : d.view();
        String filter = d == null || d.filter() == null || d.filter().isBlank() ? null : d.filter();
        Page target = "events".equals(view) ? Page.EVENTS : "echo".equals(view) ? Page.IO : Page.VIEW;
        String shown = target == Page.VIEW && view != null && catalog.get(view) != null ? view
                : steps.get(steps.size() - 1).view();
        int last = steps.size() - 1;
        steps.set(last, steps.get(last).leftFrom(Page.OVERVIEW));
        steps.add(new Step(shown, tile.title(), filter));
        page.set(target);
        refresh();
    }

    /**
     * Opens the calls of a part of the latency spectrogram, its slices {@code [fromSlice, toSlice]}
     * and bands {@code [fromBand, toBand]}, in the event list, as a step of the path; going back
     * returns to the spectrogram.
     */
    public void drillLatency(int fromSlice, int toSlice, int fromBand, int toBand) {
        Spectrogram.Result r = latency.get();
        if (r == null || page.get() != Page.LATENCY) {
            return;
        }
        int s0 = Math.max(0, Math.min(fromSlice, toSlice));
        int s1 = Math.min(r.slices() - 1, Math.max(fromSlice, toSlice));
        int b0 = Math.max(0, Math.min(fromBand, toBand));
        int b1 = Math.min(Spectrogram.BANDS - 1, Math.max(fromBand, toBand));
        String filter = Spectrogram.bandFilter(r.kind(), b0, b1);
        String label = "latency " + Spectrogram.latencyText(Spectrogram.bandLow(b0)) + (b1 + 1 < Spectrogram.BANDS
                ? "–" + Spectrogram.latencyText(Spectrogram.bandHigh(b1)) : " and more");
        // a part of the window's time: its own condition, so that going back leaves the range as it was
        if (s0 > 0 || s1 < r.slices() - 1) {
            filter += " and evt.rawtime >= " + r.sliceStart(s0) + " and evt.rawtime < " + r.sliceStart(s1 + 1);
            label += ", " + TIME_OF_DAY.withZone(zone).format(java.time.Instant.ofEpochSecond(0, r.sliceStart(s0)))
                    + "–" + TIME_OF_DAY.withZone(zone).format(java.time.Instant.ofEpochSecond(0, r.sliceStart(s1 + 1)));
        }
        addStep(label, filter, null, Page.EVENTS);
    }

    private static final java.time.format.DateTimeFormatter TIME_OF_DAY =
            java.time.format.DateTimeFormatter.ofPattern("HH:mm:ss.SSS");

    /** Narrows to one descriptor's conversation, both directions: a step of the path, shown as I/O streams. */
    public void followStream(IoChunk chunk) {
        if (chunk != null) {
            followStream(chunk.fdName());
        }
    }

    /** As above, for the descriptor named {@code fdName} (nothing when it has no name). */
    public void followStream(String fdName) {
        if (fdName == null || fdName.isEmpty()) {
            return;
        }
        String condition = FilterBar.condition("fd.name", fdName);
        addStep("fd.name = " + fdName, condition, appliedFilter.get(), Page.IO);
    }

    /**
     * A step of the path after the page shown, which it notes, keeping the view of the step before:
     * {@code label}, the filter it adds (or null), what it stands alone from (or null, see
     * {@link Step}); shows {@code target}.
     */
    private void addStep(String label, String filter, String aloneFrom, Page target) {
        leaveLastStep();
        steps.add(new Step(steps.get(steps.size() - 1).view(), label, filter, null, aloneFrom));
        page.set(target);
        refresh();
    }

    /** Goes one step back along the path; false at its start. */
    public boolean back() {
        if (steps.size() <= 1) {
            return false;
        }
        steps.remove(steps.size() - 1);
        returnToLastStep();
        refresh();
        return true;
    }

    /** Goes back to step {@code index} of the path. */
    public void jumpTo(int index) {
        if (index < 0 || index >= steps.size() - 1) {
            return;
        }
        steps.remove(index + 1, steps.size());
        returnToLastStep();
        refresh();
    }

    /** Notes the page shown on the last step, which a new step is about to follow. */
    private void leaveLastStep() {
        int last = steps.size() - 1;
        steps.set(last, steps.get(last).leftFrom(page.get()));
    }

    /** After going back: the page the step now last was left from, shown again. */
    private void returnToLastStep() {
        int last = steps.size() - 1;
        Step s = steps.get(last);
        if (s.left() != null) {
            steps.set(last, s.leftFrom(null));
            page.set(s.left());
        }
    }

    // ------------------------------------------------------------------------------------ time range

    /** Narrows every page to the events of {@code [from, to)}, ns since the epoch. */
    public void setRange(long from, long to) {
        if (to <= from) {
            return;
        }
        rangeFrom.set(from);
        rangeTo.set(to);
        refresh();
    }

    /** Shows the whole capture again. */
    public void resetRange() {
        rangeFrom.set(0);
        rangeTo.set(Long.MAX_VALUE);
        refresh();
    }

    public boolean hasRange() {
        return rangeFrom.get() != 0 || rangeTo.get() != Long.MAX_VALUE;
    }

    /**
     * What narrows the pages, for a page left empty: "the filter proc.name = curl, the step
     * proc.pid = 13700 and the time range"; empty when nothing does.
     */
    public String narrowedBy() {
        List<String> parts = new ArrayList<>();
        int first = firstNarrowingStep();
        if (appliedNarrows(first)) {
            parts.add("the filter " + appliedFilter.get());
        }
        for (Step s : steps.subList(first, steps.size())) {
            if (s.filter() != null) {
                parts.add("the step " + s.label());
            }
        }
        if (hasRange()) {
            parts.add("the time range");
        }
        if (parts.size() <= 1) {
            return String.join("", parts);
        }
        return String.join(", ", parts.subList(0, parts.size() - 1)) + " and " + parts.get(parts.size() - 1);
    }

    /** Whether the pages show part of the capture: a filter, a drill-down step or a time range is in effect. */
    public boolean isNarrowed() {
        return !effectiveFilter().isBlank() || hasRange();
    }

    // ------------------------------------------------------------------------------------ computing

    /** Computes the page shown again, for the current path, filter and range. */
    public void refresh() {
        if (closed) {
            return;
        }
        if (computingAhead != null && computingAhead.asked) {
            stopComputingAhead(); // what the user asked for before
        }
        stopSelecting();
        if (running != null) {
            running.cancel();
            running = null;
        }
        Filter f;
        try {
            f = compiledFilter();
        } catch (FilterException e) {
            updateBusy();
            status.set("The drill-down filter does not compile: " + e.getMessage());
            return;
        }
        long from = rangeFrom.get();
        long to = rangeTo.get();
        Page p = page.get();
        ViewDefinition view = currentView();
        Spectrogram.Kind kind = latencyKind.get();
        Alerts.Priority minimum = alertsMinimum.get();
        org.scapscope.filter.FalcoRules tried = rules;
        long at = stateAt.get();
        Object variant = p == Page.LATENCY ? kind : p == Page.ALERTS ? java.util.Arrays.asList(tried, minimum)
                : p == Page.STATE ? java.util.Arrays.asList(at, stateChangesAsked.get()) : null;
        boolean changesAsked = stateChangesAsked.get();
        PageKey key = new PageKey(p, p == Page.VIEW ? view : null, variant, effectiveFilter(), from, to);
        Object known = computed.get(key);
        if (known != null) {
            updateBusy();
            boolean ahead = aheadNotShown.remove(key);
            show(p, known, howHad(known, ahead ? " (computed in the background)" : " (computed earlier)"));
            gatherSeenValues();
            computeNextAhead();
            return;
        }
        Ahead a = computingAhead;
        if (a != null && a.key.equals(key)) {
            // the view asked for is being computed ahead: it is shown when done
            a.asked = true;
            a.askedAt = System.nanoTime();
            running = a.handle;
            busy.set(true);
            progress.set(-1);
            status.set("Computing " + view.name() + "…");
            return;
        }
        stopComputingAhead();
        busy.set(true);
        progress.set(-1);
        status.set(switch (p) {
            case OVERVIEW -> "Computing the overview…";
            case VIEW -> "Computing " + view.name() + "…";
            case EVENTS -> "Selecting the events…";
            case IO -> "Reading the I/O streams…";
            case LATENCY -> "Counting the calls by latency…";
            case ALERTS -> "Trying the Falco rules…";
            case STATE -> "Reading the machine state…";
            case HTTP -> "Finding the HTTP requests…";
        });
        long started = System.nanoTime();
        Worker.Handle[] self = new Worker.Handle[1];
        boolean[] finished = {false};
        // a filter on events cannot narrow the machine state: it shows none, and its page says why
        Filter stateFilter = p == Page.STATE && stateEventField() != null
                ? Filter.ofEvents("no state: the filter uses a field of events", c -> false) : f;
        self[0] = worker.<Object>submit((pr, cancelled) -> {
            OpenOptions.Progress report = (done, total) -> pr.update(
                    total <= 0 ? -1 : (double) done / total, null);
            Object result = switch (p) {
                case OVERVIEW -> overview(f, from, to, report, cancelled);
                case VIEW -> view(view, f, from, to, report, cancelled);
                case EVENTS -> allEvents.select(f, from, to, report, cancelled);
                case IO -> IoStreams.collect(capture, checkpoints, f, from, to, IO_LIMIT, report, cancelled);
                case LATENCY -> Spectrogram.compute(capture, kind, f, from, to, LATENCY_SLICES, checkpoints, report,
                        cancelled);
                case ALERTS -> Alerts.compute(capture, tried, f, from, to, minimum, ALERTS_LIMIT, checkpoints, report,
                        cancelled);
                case STATE -> machineState(stateFilter, from, at >= 0 ? at : lastEventBefore(to), changesAsked);
                case HTTP -> HttpLog.find(capture, checkpoints, f, from, to, HTTP_LIMIT, report, cancelled);
            };
            return result;
        }, (fraction, message) -> progress.set(fraction), result -> {
            finished[0] = true;
            if (running != self[0]) {
                return;
            }
            if (p == Page.VIEW || p == Page.OVERVIEW || p == Page.LATENCY || p == Page.ALERTS || p == Page.STATE
                    || p == Page.HTTP) {
                // event lists and streams of a large capture are big: only the one shown is held
                computed.put(key, result);
            }
            finishAsked(p, result, howHad(result, took(started)));
            gatherSeenValues();
            computeNextAhead();
        }, e -> {
            finished[0] = true;
            if (running != self[0]) {
                return;
            }
            failAsked(e);
            gatherSeenValues();
        });
        // an immediate worker has finished by now
        if (!finished[0]) {
            running = self[0];
        }
    }

    /**
     * The overview, on the worker: of the whole capture with no filter as kept from an earlier
     * opening when it is there, else computed (and then kept).
     */
    private Overview.Result overview(Filter f, long from, long to, OpenOptions.Progress report,
            BooleanSupplier cancelled) throws Exception {
        boolean whole = isWhole(f, from, to);
        Overview.Result kept = whole ? KeptResults.overview(capture, OVERVIEW_SAMPLES) : null;
        if (kept != null) {
            keptFromBefore.add(kept);
            return kept;
        }
        Overview.Result r = Overview.compute(capture, f, from, to, OVERVIEW_SAMPLES, checkpoints, report, cancelled);
        if (whole) {
            keepLater(() -> KeptResults.keep(capture, OVERVIEW_SAMPLES, r));
        }
        return r;
    }

    /** A view, on the worker: of the whole capture with no filter as kept when it is there, else computed (and kept). */
    private ViewTable view(ViewDefinition view, Filter f, long from, long to,
            OpenOptions.Progress report, BooleanSupplier cancelled)
            throws Exception {
        boolean whole = isWhole(f, from, to);
        ViewTable kept = whole ? KeptResults.view(capture, view, zone) : null;
        if (kept != null) {
            keptFromBefore.add(kept);
            return kept;
        }
        ViewTable t = ViewEngine.run(capture, view, f, from, to, zone, checkpoints, cells, report, cancelled);
        if (whole) {
            keepLater(() -> KeptResults.keep(capture, view, zone, t));
        }
        return t;
    }

    /** Writes a result to keep as work of its own, so that showing it does not wait for the disk. */
    private void keepLater(Runnable write) {
        worker.submit((p, cancelled) -> {
            write.run();
            return null;
        }, null, x -> { }, e -> { });
    }

    /** Shows a line in the status bar. */
    public void say(String text) {
        status.set(text);
    }

    /**
     * Writes something out on the worker, with progress and Cancel; {@code done} words the result.
     * An export runs beside what is being computed, and neither stops the other; one export at a time.
     */
    public void runExport(String what, ExportJob job, LongFunction<String> done) {
        if (exports.running()) {
            status.set("An export is still being written: wait for it, or cancel it");
            return;
        }
        busy.set(true);
        progress.set(-1);
        status.set(what + "…");
        exports.start((p, cancelled) -> job.run((d, t) -> p.update(t <= 0 ? -1 : (double) d / t, null), cancelled),
                (fraction, message) -> progress.set(fraction), n -> {
                    updateBusy();
                    status.set(done.apply(n));
                }, e -> {
                    updateBusy();
                    status.set(e instanceof CancellationException ? what + ": cancelled"
                            : what + " failed: " + ErrorText.of(e));
                });
    }

    /** Whether the page shown is still being computed (what it shows is then not yet what is asked for). */
    public boolean computing() {
        return running != null;
    }

    /** Busy while the page asked for is computed, an export is written or a Find runs. */
    private void updateBusy() {
        busy.set(running != null || exports.running() || searching);
    }

    /**
     * A Find runs ({@code message} says for what) or has ended ({@code message} null): while it
     * runs the bar is busy, with its progress and Cancel, and no view is computed ahead (the
     * analyst waits on the Find; the views ahead go on after it).
     */
    void searching(String message) {
        searching = message != null;
        if (searching) {
            stopComputingAhead();
            busy.set(true);
            progress.set(-1);
            status.set(message);
        } else {
            updateBusy();
            computeNextAhead();
        }
    }

    /** Whether a Find shows in the bar. */
    boolean searchShown() {
        return searching;
    }

    /** How far the Find running has got, from 0 to 1. */
    void searchProgress(double fraction) {
        if (searching) {
            progress.set(fraction);
        }
    }

    /** Work that writes a file and returns how many items it wrote. */
    @FunctionalInterface
    public interface ExportJob {
        long run(OpenOptions.Progress progress, BooleanSupplier cancelled)
                throws Exception;
    }

    /** How a result kept from an earlier opening of the capture is told apart. */
    static final String KEPT = " (saved when the capture was last opened)";
    /** The results read from those kept beside the index rather than computed. */
    private final Set<Object> keptFromBefore = Collections.synchronizedSet(Collections.newSetFromMap(new IdentityHashMap<>()));

    /** How a result was had, for the status bar: {@link #KEPT} when it was kept, else {@code otherwise}. */
    private String howHad(Object result, String otherwise) {
        return keptFromBefore.contains(result) ? KEPT : otherwise;
    }

    /** Whether work is on the whole capture with no filter: what is kept from one opening to the next. */
    private static boolean isWhole(Filter f, long from, long to) {
        return f == null && from <= 0 && to == Long.MAX_VALUE;
    }

    /** How long since {@code started} ({@link System#nanoTime}), as the status bar says it. */
    private static String took(long started) {
        double seconds = (System.nanoTime() - started) / 1e9;
        return seconds < 0.005 ? " in under 0.01 s" : String.format(" in %.2f s", seconds);
    }

    /** Shows a page's result; {@code took} says how it was had (" in 1.20 s", " (as computed before)"). */
    private void show(Page p, Object result, String took) {
        switch (p) {
            case OVERVIEW -> {
                overview.set((Overview.Result) result);
                status.set("Overview" + took);
            }
            case VIEW -> {
                ViewTable t = (ViewTable) result;
                table.set(t);
                status.set(String.format("%,d %s", t.rows().size(), t.rows().size() == 1 ? "row" : "rows") + took);
            }
            case EVENTS -> {
                EventList l = (EventList) result;
                eventsOf = new PageKey(Page.EVENTS, null, effectiveFilter(), rangeFrom.get(), rangeTo.get());
                events.set(l);
                status.set(String.format("%,d %s", l.size(), l.size() == 1 ? "event" : "events") + took);
            }
            case ALERTS -> {
                Alerts.Result r = (Alerts.Result) result;
                alerts.set(r);
                status.set((r.cut() ? String.format("The first %,d of %,d alerts (narrow the filter or the range for the"
                        + " rest)", r.alerts().size(), r.total()) : String.format("%,d %s", r.total(),
                        r.total() == 1 ? "alert" : "alerts")) + took);
            }
            case HTTP -> {
                HttpLog.Result r = (HttpLog.Result) result;
                http.set(r);
                long errors = r.transactions().stream().filter(t -> t.status() >= 400).count();
                status.set(String.format(r.transactions().size() == 1 ? "%,d request" : "%,d requests",
                        r.transactions().size()) + (errors > 0 ? String.format(" (%,d answered with an error)", errors)
                        : "") + (r.cut() ? " (the first ones; narrow the filter or the range for the rest)" : "")
                        + took);
            }
            case STATE -> {
                StateTables.Snapshot st = result instanceof StateTables.Diff d ? d.to() : (StateTables.Snapshot) result;
                stateChanges.set(result instanceof StateTables.Diff d ? d : null);
                stateTables.set(st);
                StateTables.Diff changes = stateChanges.get();
                status.set((changes == null ? String.format("%,d %s and %,d open %s just after event #%,d",
                        st.threads().size(), st.threads().size() == 1 ? "thread" : "threads", st.fds().size(),
                        st.fds().size() == 1 ? "descriptor" : "descriptors", st.eventNumber())
                        : String.format("From %s to event #%,d: %,d threads started and %,d ended, %,d descriptors"
                                + " opened and %,d closed", changes.from().eventIndex() < 0 ? "the capture's start"
                                        : String.format("event #%,d", changes.from().eventNumber()), st.eventNumber(),
                                changes.threads().added().size(), changes.threads().removed().size(),
                                changes.fds().added().size(), changes.fds().removed().size())) + took);
            }
            case LATENCY -> {
                Spectrogram.Result r = (Spectrogram.Result) result;
                latency.set(r);
                status.set(String.format("%,d %s", r.total(), r.total() == 1 ? "call" : "calls") + took);
            }
            case IO -> {
                IoStreams.Collected c = (IoStreams.Collected) result;
                io.set(c);
                status.set(String.format(c.chunks().size() == 1 ? "%,d read or write%s" : "%,d reads and writes%s",
                        c.chunks().size(),
                        c.cut() ? " (the first ones; narrow the filter or the range for the rest)" : "") + took);
            }
        }
    }

    /** Stops what is being computed. */
    public void cancel() {
        stopComputingAhead();
        cancelSelecting();
        if (running != null || exports.running()) {
            if (running != null) {
                running.cancel();
                running = null;
            }
            exports.stop();
            updateBusy();
            status.set("Cancelled");
        }
    }

    private String nameOf(String view) {
        ViewDefinition v = catalog.get(view);
        return v == null ? view : v.name();
    }

    // ------------------------------------------------------------------------------------ properties

    public ScapFile capture() {
        return capture;
    }

    public ViewCatalog catalog() {
        return catalog;
    }

    public EventList allEvents() {
        return allEvents;
    }

    public StringProperty filterTextProperty() {
        return filterText;
    }

    public ReadOnlyObjectProperty<FilterProblem> filterProblemProperty() {
        return filterProblem.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty appliedFilterProperty() {
        return appliedFilter.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<Page> pageProperty() {
        return page.getReadOnlyProperty();
    }

    public ObservableList<Step> steps() {
        return stepsShown;
    }

    public ReadOnlyLongProperty rangeFromProperty() {
        return rangeFrom.getReadOnlyProperty();
    }

    public ReadOnlyLongProperty rangeToProperty() {
        return rangeTo.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<Overview.Result> overviewProperty() {
        return overview.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<HttpLog.Result> httpProperty() {
        return http.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<StateTables.Snapshot> stateTablesProperty() {
        return stateTables.getReadOnlyProperty();
    }

    /** The event chosen for the machine state page (its index), or -1 for the end of the time range. */
    public javafx.beans.property.ReadOnlyLongProperty stateAtProperty() {
        return stateAt.getReadOnlyProperty();
    }

    /** Whether the machine state page shows what changed since the start of the time range. */
    public javafx.beans.property.ReadOnlyBooleanProperty stateChangesAskedProperty() {
        return stateChangesAsked.getReadOnlyProperty();
    }

    /** Shows on the machine state page only what changed since the start of the time range, or everything. */
    public void showStateChanges(boolean changes) {
        stateChangesAsked.set(changes);
        if (page.get() == Page.STATE) {
            refresh();
        }
    }

    /** The changes the machine state page shows, or null when they are not asked for. */
    public ReadOnlyObjectProperty<StateTables.Diff> stateChangesProperty() {
        return stateChanges.getReadOnlyProperty();
    }

    /**
     * The machine state just after event {@code at}, on the worker; with {@code changes}, what
     * changed since the start of the time range (the capture's first event when there is none), as
     * a {@link StateTables.Diff}.
     */
    private Object machineState(Filter f, long from, long at, boolean changes) throws java.io.IOException {
        StateTables.Snapshot now = StateTables.after(capture, checkpoints, at, f);
        if (!changes) {
            return now;
        }
        long base = from <= 0 ? -1 : lastEventBefore(from);
        if (base >= at) {
            // the moment chosen is the range's start or before it: nothing came between
            return StateTables.diff(now, now);
        }
        return StateTables.diff(StateTables.after(capture, checkpoints, base, f), now);
    }

    /** The index of the last event before {@code to} (ns since the epoch), or -1 when none is. */
    private long lastEventBefore(long to) {
        long n = capture.eventCount();
        long next = to == Long.MAX_VALUE ? n : capture.firstEventAtOrAfter(to);
        return Math.min(n, next) - 1;
    }

    public ReadOnlyObjectProperty<Alerts.Result> alertsProperty() {
        return alerts.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<Alerts.Priority> alertsMinimumProperty() {
        return alertsMinimum.getReadOnlyProperty();
    }

    public ObservableList<Path> rulesFiles() {
        return rulesFilesShown;
    }

    public ReadOnlyObjectProperty<Spectrogram.Result> latencyProperty() {
        return latency.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<Spectrogram.Kind> latencyKindProperty() {
        return latencyKind.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<ViewTable> tableProperty() {
        return table.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<EventList> eventsProperty() {
        return events.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<IoStreams.Collected> ioProperty() {
        return io.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<Timeline> timelineProperty() {
        return timeline.getReadOnlyProperty();
    }

    /** Where the events of the filter and drill-down lie, in the timeline's intervals; null with neither. */
    public ReadOnlyObjectProperty<Timeline> selectedTimelineProperty() {
        return selectedTimeline.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty busyProperty() {
        return busy.getReadOnlyProperty();
    }

    public ReadOnlyDoubleProperty progressProperty() {
        return progress.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty statusProperty() {
        return status.getReadOnlyProperty();
    }
}
