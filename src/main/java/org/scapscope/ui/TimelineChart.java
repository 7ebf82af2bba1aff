package org.scapscope.ui;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.geom.Rectangle2D;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.TimeZone;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.input.MouseEvent;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Pane;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.shape.Line;
import javafx.scene.shape.Rectangle;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.DateAxis;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.fx.ChartCanvas;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYAreaRenderer;
import org.jfree.chart.ui.RectangleInsets;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;
import org.scapscope.view.Timeline;

/**
 * Events per interval across the whole capture. Dragging across it selects a time range, which
 * every page then uses; dragging an edge of the range moves that edge; Reset shows the whole
 * capture again. Hovering reads out the time and the events there.
 */
final class TimelineChart extends BorderPane {
    private static final double EDGE_PX = 6;
    private static final DateTimeFormatter READOUT = DateTimeFormatter.ofPattern("HH:mm:ss.SSS");
    private static final String SELECTED = "events of the filter";
    private static final Color SELECTED_COLOR = new Color(0xe0, 0x6a, 0x10);

    private final InspectorViewModel vm;
    private final XYSeries series = new XYSeries("events");
    /** Tiles' series pinned to the timeline, on an axis of their own. */
    private final XYSeriesCollection pinnedSeries = new XYSeriesCollection();
    /** The events of the filter and drill-down, drawn over all events on their scale. */
    private final XYSeries selected = new XYSeries(SELECTED);
    private Timeline selection;
    private final org.jfree.chart.title.LegendTitle legend;
    private final XYPlot plot;
    private final ChartCanvas canvas;
    /**
     * The time range, and the time of the event selected in the event list, drawn over the chart
     * rather than in it: a chart redraws whole, which on a large capture's window can take longer
     * than a frame, and both move with every drag step and every row the analyst steps to.
     */
    private final Rectangle rangeBox = new Rectangle();
    /** Veils over the chart before and after the range, so that the range stands out as it is. */
    private final Rectangle before = new Rectangle();
    private final Rectangle after = new Rectangle();
    private final Line cursor = new Line();
    /**
     * A strip along the time axis under each interval that holds events of the filter: on the scale
     * of all events a few of them are too thin to see, yet where they are is what the analyst asks.
     */
    private final javafx.scene.shape.Path presence = new javafx.scene.shape.Path();
    /** How tall the strip is, in pixels. */
    private static final double PRESENCE_PX = 5;
    /** The range shown (ms since the epoch), while there is one or one is dragged; NaN otherwise. */
    private double rangeStartMs = Double.NaN;
    private double rangeEndMs = Double.NaN;
    /** The time marked (ms since the epoch), NaN while no event is. */
    private double markedMs = Double.NaN;
    private final Label readout = new Label(" ");
    private final Label rangeText = new Label("Drag across the timeline to choose a time range");
    private final ZoneId zone;
    private Timeline timeline;
    /** Told the time (ns) of a click on the timeline that chose no range; null: clicks do nothing. */
    private java.util.function.LongConsumer clicked;
    /** While dragging: the fixed end of the range (ms), and whether a drag is under way. */
    private double anchorMs;
    private boolean dragging;

    /** The chart, its plot, and the legend of the series pinned from tiles (shown while there are some). */
    private record Parts(JFreeChart chart, XYPlot plot, org.jfree.chart.title.LegendTitle legend) {
    }

    /** Builds the timeline's chart over {@code series}, {@code pinnedSeries} and {@code selected}. */
    private static Parts build(ZoneId zone, XYSeries series, XYSeriesCollection pinnedSeries, XYSeries selected) {
        DateAxis time = new DateAxis();
        time.setTimeZone(TimeZone.getTimeZone(zone));
        time.setStandardTickUnits(DateAxis.createStandardDateTickUnits(TimeZone.getTimeZone(zone), java.util.Locale.ROOT));
        time.setTickLabelFont(new Font("SansSerif", Font.PLAIN, 10));
        time.setLowerMargin(0);
        time.setUpperMargin(0);
        NumberAxis count = new NumberAxis();
        count.setTickLabelFont(new Font("SansSerif", Font.PLAIN, 10));
        count.setStandardTickUnits(NumberAxis.createIntegerTickUnits());
        XYAreaRenderer area = new XYAreaRenderer();
        area.setSeriesPaint(0, new Color(0x2f, 0x6f, 0xb0, 170));
        XYPlot plot = new XYPlot(new XYSeriesCollection(series), time, count, area);
        plot.setBackgroundPaint(Color.WHITE);
        plot.setDomainGridlinePaint(new Color(0xe3, 0xe6, 0xe9));
        plot.setRangeGridlinePaint(new Color(0xe3, 0xe6, 0xe9));
        plot.setAxisOffset(RectangleInsets.ZERO_INSETS);
        // dataset 1: the filter's events, drawn over all events on the same scale (the part of them
        // they are, not a shape of their own that looks as big); dataset 2: the pinned tiles' lines,
        // drawn over both, on axis 1 (hidden: each tile has units of its own)
        plot.setDataset(1, new XYSeriesCollection(selected));
        plot.mapDatasetToRangeAxis(1, 0);
        // a strong fill: the filter's events are part of all events, so all events still show above
        // them; where a few of them are, too few to see, the strip along the axis tells (no outline:
        // it would draw along the axis where there are none)
        XYAreaRenderer selectedArea = new XYAreaRenderer();
        selectedArea.setSeriesPaint(0, new Color(SELECTED_COLOR.getRed(), SELECTED_COLOR.getGreen(),
                SELECTED_COLOR.getBlue(), 220));
        plot.setRenderer(1, selectedArea);
        NumberAxis pinnedAxis = new NumberAxis();
        pinnedAxis.setTickLabelFont(new Font("SansSerif", Font.PLAIN, 10));
        pinnedAxis.setVisible(false);
        plot.setRangeAxis(1, pinnedAxis);
        plot.setDataset(2, pinnedSeries);
        plot.mapDatasetToRangeAxis(2, 1);
        org.jfree.chart.renderer.xy.XYLineAndShapeRenderer lines = new org.jfree.chart.renderer.xy.XYLineAndShapeRenderer(true, false);
        Color[] palette = {new Color(0x37, 0x47, 0x4f), new Color(0x2e, 0x7d, 0x32), new Color(0x8e, 0x24, 0xaa),
            new Color(0xc6, 0x28, 0x28), new Color(0x00, 0x83, 0x8f)};
        for (int i = 0; i < palette.length; i++) {
            lines.setSeriesPaint(i, palette[i]);
            lines.setSeriesStroke(i, new BasicStroke(1.6f));
        }
        plot.setRenderer(2, lines);
        plot.setDatasetRenderingOrder(org.jfree.chart.plot.DatasetRenderingOrder.FORWARD);
        JFreeChart chart = new JFreeChart(null, null, plot, false);
        org.jfree.chart.title.LegendTitle legend = new org.jfree.chart.title.LegendTitle(() -> {
            org.jfree.chart.LegendItemCollection items = new org.jfree.chart.LegendItemCollection();
            if (selected.getItemCount() > 0) {
                items.add(new org.jfree.chart.LegendItem(SELECTED, SELECTED_COLOR));
            }
            for (int i = 0; i < pinnedSeries.getSeriesCount(); i++) {
                items.add(new org.jfree.chart.LegendItem(pinnedSeries.getSeriesKey(i).toString(), palette[i % palette.length]));
            }
            return items;
        });
        legend.setItemFont(new Font("SansSerif", Font.PLAIN, 10));
        legend.setPosition(org.jfree.chart.ui.RectangleEdge.TOP);
        legend.setBackgroundPaint(new Color(0xf7, 0xf8, 0xf9));
        chart.setBackgroundPaint(new Color(0xf7, 0xf8, 0xf9));
        // room for half a time label (12:30:05.250) past each end of the axis, which is centred on its tick
        chart.setPadding(new RectangleInsets(4, 18, 2, 36));
        return new Parts(chart, plot, legend);
    }

    /**
     * Builds a timeline chart and drops it. Run on a background thread when the app starts, it loads
     * and sets up the charting library and the fonts it asks for, which otherwise hold the JavaFX
     * thread for a good part of a second when the first capture opens.
     */
    static void loadChartClasses() {
        build(ZoneId.systemDefault(), new XYSeries("events"), new XYSeriesCollection(), new XYSeries(SELECTED));
    }

    TimelineChart(InspectorViewModel vm, ZoneId zone) {
        this.vm = vm;
        this.zone = zone;
        setId("timeline");
        Parts parts = build(zone, series, pinnedSeries, selected);
        plot = parts.plot();
        legend = parts.legend();
        JFreeChart chart = parts.chart();
        canvas = new ChartCanvas(chart);
        canvas.setDomainZoomable(false);
        canvas.setRangeZoomable(false);
        canvas.setTooltipEnabled(false);
        // the chart's own zoom and pan give way to choosing a range
        canvas.setOnMousePressed(this::pressed);
        canvas.setOnMouseDragged(this::dragged);
        canvas.setOnMouseReleased(this::released);
        canvas.setOnMouseMoved(this::hover);
        canvas.setOnMouseExited(e -> readout.setText(" "));
        canvas.setOnScroll(e -> { });
        // nor does the chart hear clicks: its click handlers look up the entities it no longer keeps
        canvas.setOnMouseClicked(e -> { });
        rangeBox.setId("timelineRange");
        rangeBox.setFill(javafx.scene.paint.Color.TRANSPARENT);
        rangeBox.setStroke(javafx.scene.paint.Color.rgb(0xd0, 0x80, 0x00));
        rangeBox.setStrokeWidth(1.5);
        setVeil(false);
        presence.setId("timelinePresence");
        // darker than the filter's area, so that it shows against it too
        presence.setFill(javafx.scene.paint.Color.rgb(0xa8, 0x40, 0x00));
        presence.setStroke(null);
        cursor.setId("timelineCursor");
        cursor.setStroke(javafx.scene.paint.Color.rgb(0x22, 0x22, 0x22));
        cursor.setStrokeWidth(1.2);
        for (javafx.scene.Node over : new javafx.scene.Node[] {presence, before, after, rangeBox, cursor}) {
            over.setMouseTransparent(true);
            over.setManaged(false);
            over.setVisible(false);
        }
        // the chart's plot moves when it is drawn again (a new size, new axis labels): so do the marks
        chart.addProgressListener(e -> {
            if (e.getType() == org.jfree.chart.event.ChartProgressEvent.DRAWING_STARTED) {
                // the canvas asks the chart for an entity per data item, as shapes clipped to the plot
                // (most of a redraw's time); nothing here reads them: no tooltips, no chart mouse events
                org.jfree.chart.ChartRenderingInfo info = canvas.getRenderingInfo();
                if (info != null) {
                    info.setEntityCollection(null);
                }
            } else if (e.getType() == org.jfree.chart.event.ChartProgressEvent.DRAWING_FINISHED) {
                placeMarks();
                placePresence();
            }
        });
        Pane holder = new Pane(canvas, presence, before, after, rangeBox, cursor);
        holder.setPrefHeight(120);
        holder.setMinHeight(90);
        canvas.widthProperty().bind(holder.widthProperty());
        canvas.heightProperty().bind(holder.heightProperty());
        Button reset = new Button("Reset range");
        reset.setId("resetRange");
        reset.setOnAction(e -> vm.resetRange());
        reset.disableProperty().bind(vm.rangeFromProperty().isEqualTo(0).and(vm.rangeToProperty().isEqualTo(Long.MAX_VALUE)));
        rangeText.setId("rangeText");
        readout.setId("timelineReadout");
        readout.getStyleClass().add("readout");
        Region grow = new Region();
        HBox.setHgrow(grow, Priority.ALWAYS);
        HBox bar = new HBox(10, rangeText, grow, readout, reset);
        bar.setAlignment(Pos.CENTER_LEFT);
        bar.setPadding(new Insets(2, 10, 4, 10));
        setCenter(holder);
        setBottom(bar);
        vm.timelineProperty().addListener((o, a, b) -> show(b));
        vm.pinned().addListener((javafx.collections.ListChangeListener<InspectorViewModel.Pinned>) c -> showPinned(chart));
        vm.selectedTimelineProperty().addListener((o, a, b) -> showSelected(chart, b));
        vm.rangeFromProperty().addListener((o, a, b) -> showRange());
        vm.rangeToProperty().addListener((o, a, b) -> showRange());
        show(vm.timelineProperty().get());
    }

    private void show(Timeline t) {
        timeline = t;
        series.clear();
        if (t == null) {
            return;
        }
        series.setNotify(false);
        for (int i = 0; i < t.counts().length; i++) {
            series.add(t.bucketStart(i) / 1e6, t.counts()[i]);
        }
        series.add(t.bucketStart(t.counts().length) / 1e6, 0);
        series.setNotify(true);
        showRange();
    }

    /** The events of the filter, on the scale of all events; nothing without a filter. */
    private void showSelected(JFreeChart chart, Timeline t) {
        selection = t;
        // one redraw for the whole change, not one per series, axis and legend
        chart.setNotify(false);
        selected.setNotify(false);
        selected.clear();
        if (t != null) {
            for (int i = 0; i < t.counts().length; i++) {
                selected.add(t.bucketStart(i) / 1e6, t.counts()[i]);
            }
            selected.add(t.bucketStart(t.counts().length) / 1e6, 0);
        }
        selected.setNotify(true);
        showLegend(chart);
        chart.setNotify(true);
    }

    private void showLegend(JFreeChart chart) {
        chart.removeLegend();
        if (!vm.pinned().isEmpty() || selected.getItemCount() > 0) {
            chart.addSubtitle(legend);
        }
    }

    private void showPinned(JFreeChart chart) {
        chart.setNotify(false);
        pinnedSeries.removeAllSeries();
        for (InspectorViewModel.Pinned p : vm.pinned()) {
            XYSeries s = new XYSeries(p.title() + " (right-click the tile to unpin)");
            for (int i = 0; i < p.series().length; i++) {
                s.add((p.start() + i * p.width() + p.width() / 2) / 1e6, p.series()[i]);
            }
            pinnedSeries.addSeries(s);
        }
        plot.getRangeAxis(1).setVisible(!vm.pinned().isEmpty());
        showLegend(chart);
        chart.setNotify(true);
    }

    private void showRange() {
        if (!vm.hasRange()) {
            markRange(Double.NaN, Double.NaN);
            rangeText.setText("Whole capture · drag across the timeline to choose a time range");
            return;
        }
        long from = Math.max(vm.rangeFromProperty().get(), vm.capture().firstTs());
        long to = Math.min(vm.rangeToProperty().get(), vm.capture().lastTs() + 1);
        markRange(from / 1e6, to / 1e6);
        rangeText.setText("Range " + clock(from) + " – " + clock(to) + " (" + String.format("%.3f s", (to - from) / 1e9)
                + ")");
    }

    private String clock(long ns) {
        return READOUT.format(Instant.ofEpochSecond(0, ns).atZone(zone));
    }

    /** The time (ms since the epoch) under an x position of the canvas, within the data. */
    double msAt(double x) {
        Rectangle2D area = drawnArea();
        if (area == null) {
            return Double.NaN;
        }
        double clamped = Math.max(area.getMinX(), Math.min(area.getMaxX(), x));
        return plot.getDomainAxis().java2DToValue(clamped, area, plot.getDomainAxisEdge());
    }

    /** Where the chart, as last drawn, plots the timeline; null before it has drawn one. */
    private Rectangle2D drawnArea() {
        Rectangle2D area = canvas.getRenderingInfo() == null ? null
                : canvas.getRenderingInfo().getPlotInfo().getDataArea();
        return area == null || area.getWidth() <= 0 || timeline == null ? null : area;
    }

    /** The x position of a time (ms) on the canvas. */
    double xOf(double ms) {
        Rectangle2D area = canvas.getRenderingInfo().getPlotInfo().getDataArea();
        return plot.getDomainAxis().valueToJava2D(ms, area, plot.getDomainAxisEdge());
    }

    /**
     * Draws the strip under the intervals that hold events of the filter, each at least two pixels
     * wide, neighbours joined, where the chart as last drawn shows them; none without a filter or
     * before the chart is drawn.
     */
    private void placePresence() {
        presence.getElements().clear();
        Timeline sel = selection;
        Rectangle2D area = drawnArea();
        if (area == null || sel == null) {
            presence.setVisible(false);
            return;
        }
        double top = area.getMaxY() - PRESENCE_PX;
        double runStart = Double.NaN;
        double runEnd = Double.NaN;
        for (int i = 0; i <= sel.counts().length; i++) {
            boolean held = i < sel.counts().length && sel.counts()[i] > 0;
            if (held) {
                double a = xOf(sel.bucketStart(i) / 1e6);
                double b = Math.max(a + 2, xOf(sel.bucketStart(i + 1) / 1e6));
                if (!Double.isNaN(runStart) && a <= runEnd + 0.5) {
                    runEnd = Math.max(runEnd, b);
                    continue;
                }
                addPresence(runStart, runEnd, top);
                runStart = a;
                runEnd = b;
            }
        }
        addPresence(runStart, runEnd, top);
        presence.setVisible(!presence.getElements().isEmpty());
    }

    private void addPresence(double from, double to, double top) {
        if (Double.isNaN(from)) {
            return;
        }
        presence.getElements().addAll(new javafx.scene.shape.MoveTo(from, top),
                new javafx.scene.shape.LineTo(to, top), new javafx.scene.shape.LineTo(to, top + PRESENCE_PX),
                new javafx.scene.shape.LineTo(from, top + PRESENCE_PX), new javafx.scene.shape.ClosePath());
    }

    /** The intervals of the strip under the events of the filter, as x ranges of the canvas, in order. */
    List<double[]> presenceRuns() {
        List<double[]> runs = new java.util.ArrayList<>();
        var elements = presence.getElements();
        for (int i = 0; i + 2 < elements.size(); i += 5) {
            runs.add(new double[] {((javafx.scene.shape.MoveTo) elements.get(i)).getX(),
                ((javafx.scene.shape.LineTo) elements.get(i + 1)).getX()});
        }
        return runs;
    }

    /** The veils' colour: the plot's background, half see-through. */
    private void setVeil(boolean dark) {
        javafx.scene.paint.Color veil = dark ? javafx.scene.paint.Color.rgb(0x25, 0x29, 0x2d, 0.62)
                : javafx.scene.paint.Color.rgb(0xff, 0xff, 0xff, 0.62);
        before.setFill(veil);
        after.setFill(veil);
    }

    /** Shows the range {@code [startMs, endMs]} over the chart; NaN takes it away. */
    private void markRange(double startMs, double endMs) {
        rangeStartMs = startMs;
        rangeEndMs = endMs;
        placeMarks();
    }

    /** Puts the range and the time marked where the chart, as last drawn, shows their times. */
    private void placeMarks() {
        Rectangle2D area = drawnArea();
        boolean drawn = area != null;
        boolean ranged = drawn && !Double.isNaN(rangeStartMs);
        rangeBox.setVisible(ranged);
        before.setVisible(ranged);
        after.setVisible(ranged);
        if (ranged) {
            double a = Math.max(area.getMinX(), Math.min(area.getMaxX(), xOf(rangeStartMs)));
            double b = Math.max(area.getMinX(), Math.min(area.getMaxX(), xOf(rangeEndMs)));
            double lo = Math.min(a, b);
            double hi = Math.max(a, b);
            rangeBox.setX(lo);
            rangeBox.setWidth(hi - lo);
            before.setX(area.getMinX());
            before.setWidth(lo - area.getMinX());
            after.setX(hi);
            after.setWidth(area.getMaxX() - hi);
            for (Rectangle r : new Rectangle[] {rangeBox, before, after}) {
                r.setY(area.getMinY());
                r.setHeight(area.getHeight());
            }
        }
        boolean marked = drawn && !Double.isNaN(markedMs);
        double x = marked ? xOf(markedMs) : Double.NaN;
        // a time outside what the axis shows is not drawn at its edge, as if it were there
        marked = marked && x >= area.getMinX() - 0.5 && x <= area.getMaxX() + 0.5;
        cursor.setVisible(marked);
        if (marked) {
            // on the middle of a pixel, so that a thin line stays sharp
            double px = Math.floor(x) + 0.5;
            cursor.setStartX(px);
            cursor.setEndX(px);
            cursor.setStartY(area.getMinY());
            cursor.setEndY(area.getMaxY());
        }
    }

    private void pressed(MouseEvent e) {
        double ms = msAt(e.getX());
        if (Double.isNaN(ms)) {
            return;
        }
        dragging = true;
        anchorMs = ms;
        if (vm.hasRange()) {
            // grabbing an edge of the range moves that edge: the other one stays
            double start = xOf(rangeStartMs);
            double end = xOf(rangeEndMs);
            if (Math.abs(e.getX() - start) <= EDGE_PX) {
                anchorMs = rangeEndMs;
            } else if (Math.abs(e.getX() - end) <= EDGE_PX) {
                anchorMs = rangeStartMs;
            }
        }
    }

    private void dragged(MouseEvent e) {
        if (!dragging) {
            return;
        }
        double ms = msAt(e.getX());
        if (Double.isNaN(ms)) {
            return;
        }
        markRange(Math.min(anchorMs, ms), Math.max(anchorMs, ms));
        hover(e);
    }

    private void released(MouseEvent e) {
        if (!dragging) {
            return;
        }
        dragging = false;
        double ms = msAt(e.getX());
        if (Double.isNaN(ms)) {
            return;
        }
        double a = Math.min(anchorMs, ms);
        double b = Math.max(anchorMs, ms);
        // a click without a drag keeps the range as it was
        if (Math.abs(xOf(b) - xOf(a)) < 3) {
            showRange();
            if (clicked != null) {
                clicked.accept((long) (ms * 1e6));
            }
            return;
        }
        vm.setRange((long) (a * 1e6), (long) (b * 1e6));
    }

    private void hover(MouseEvent e) {
        double ms = msAt(e.getX());
        if (Double.isNaN(ms) || timeline == null) {
            readout.setText(" ");
            return;
        }
        long ns = (long) (ms * 1e6);
        int bucket = timeline.bucketOf(ns);
        Timeline sel = selection;
        readout.setText(clock(ns) + "  ·  " + String.format("%,d", timeline.counts()[bucket]) + " events"
                + (sel != null && bucket < sel.counts().length
                        ? ", " + String.format("%,d", sel.counts()[bucket]) + " of the filter" : "")
                + (clicked != null && (vm.pageProperty().get() == InspectorViewModel.Page.EVENTS
                        || vm.pageProperty().get() == InspectorViewModel.Page.IO) ? "  ·  click: go there"
                        : ""));
    }

    /** Marks the time of the event selected (ns since the epoch) with a line; -1 takes the line away. */
    void markTime(long ns) {
        markedMs = ns < 0 ? Double.NaN : ns / 1e6;
        placeMarks();
    }

    /** The time marked (ms since the epoch), or NaN when no event is. */
    double markedMs() {
        return markedMs;
    }

    /** What a click on the timeline (not a drag) does: it is told the time clicked, ns since the epoch. */
    void setOnClickTime(java.util.function.LongConsumer action) {
        clicked = action;
    }

    /** The chart's colours for the dark or the light theme. */
    void setDark(boolean dark) {
        JFreeChart chart = canvas.getChart();
        Color back = dark ? new Color(0x1f, 0x22, 0x26) : new Color(0xf7, 0xf8, 0xf9);
        Color text = dark ? new Color(0xb8, 0xc0, 0xc8) : Color.BLACK;
        Color grid = dark ? new Color(0x3a, 0x3f, 0x44) : new Color(0xe3, 0xe6, 0xe9);
        // one redraw for all the colours, not one for each
        chart.setNotify(false);
        chart.setBackgroundPaint(back);
        plot.setBackgroundPaint(dark ? new Color(0x25, 0x29, 0x2d) : Color.WHITE);
        plot.setDomainGridlinePaint(grid);
        plot.setRangeGridlinePaint(grid);
        plot.getDomainAxis().setTickLabelPaint(text);
        plot.getRangeAxis().setTickLabelPaint(text);
        plot.getRangeAxis(1).setTickLabelPaint(text);
        setVeil(dark);
        cursor.setStroke(dark ? javafx.scene.paint.Color.rgb(0xe0, 0xe4, 0xe8) : javafx.scene.paint.Color.rgb(0x22, 0x22, 0x22));
        legend.setBackgroundPaint(back);
        legend.setItemPaint(text);
        chart.setNotify(true);
    }

    ChartCanvas canvas() {
        return canvas;
    }
}
