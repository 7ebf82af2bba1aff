package org.scapscope.ui;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.geometry.VPos;
import javafx.scene.canvas.Canvas;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.ToggleGroup;
import javafx.scene.input.KeyCode;
import javafx.scene.input.MouseButton;
import javafx.scene.input.MouseEvent;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Pane;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.scene.paint.Color;
import javafx.scene.text.Font;
import javafx.scene.text.TextAlignment;
import org.scapscope.view.Spectrogram;

/**
 * The latency spectrogram, as csysdig draws it: time across, latency up (a band for each quarter of
 * a power of ten of nanoseconds), each cell darker the more calls took that long then. Dragging
 * across cells picks calls by time and latency; Enter or a double-click shows them in the event list.
 */
final class LatencyPage extends VBox {
    private static final double LEFT = 58;
    private static final double RIGHT = 14;
    private static final double TOP = 10;
    private static final double BOTTOM = 26;
    /** Colours from few calls to many, on a light and on a dark background. */
    private static final Color[] LIGHT = {Color.web("#fee8c8"), Color.web("#fdbb84"), Color.web("#ef6548"),
        Color.web("#b30000"), Color.web("#4a0000")};
    private static final Color[] DARK = {Color.web("#3d2f56"), Color.web("#7b3f8c"), Color.web("#d1495b"),
        Color.web("#f59e42"), Color.web("#fff3a3")};

    private final InspectorViewModel vm;
    private final ZoneId zone;
    final Canvas canvas = new Canvas();
    final Label summary = new Label();
    final Label readout = new Label();
    final Button show = new Button("Show these calls");
    private final ToggleGroup kinds = new ToggleGroup();
    private boolean dark;
    private boolean syncing;
    /** The cells picked, as slice and band bounds (inclusive); none while {@code selectedSlice0 < 0}. */
    private int selectedSlice0 = -1;
    private int selectedSlice1;
    private int selectedBand0;
    private int selectedBand1;
    /** Where a drag started: a slice and a band. */
    private int anchorSlice;
    private int anchorBand;

    LatencyPage(InspectorViewModel vm, ZoneId zone) {
        this.vm = vm;
        this.zone = zone;
        setId("latencyPage");
        HBox modes = new HBox();
        modes.getStyleClass().add("segmented");
        for (Spectrogram.Kind k : Spectrogram.Kind.values()) {
            ToggleButton b = new ToggleButton(k == Spectrogram.Kind.ALL ? "All calls" : "File I/O");
            b.setId("latencyKind-" + k.name());
            b.setUserData(k);
            b.setToggleGroup(kinds);
            modes.getChildren().add(b);
        }
        kinds.selectedToggleProperty().addListener((o, a, b) -> {
            if (b == null) {
                a.setSelected(true); // one kind is always shown
            } else if (!syncing) {
                vm.showLatency((Spectrogram.Kind) b.getUserData());
            }
        });
        summary.setId("latencySummary");
        show.setId("latencyShow");
        show.setDisable(true);
        show.setOnAction(e -> drill());
        Region grow = new Region();
        HBox.setHgrow(grow, Priority.ALWAYS);
        HBox bar = new HBox(10, modes, summary, grow, show);
        bar.setAlignment(Pos.CENTER_LEFT);
        bar.setPadding(new Insets(6, 10, 6, 10));

        canvas.setId("latencyChart");
        canvas.setFocusTraversable(true);
        Pane holder = new Pane(canvas);
        holder.setMinSize(0, 0);
        canvas.widthProperty().bind(holder.widthProperty());
        canvas.heightProperty().bind(holder.heightProperty());
        canvas.widthProperty().addListener((o, a, b) -> draw());
        canvas.heightProperty().addListener((o, a, b) -> draw());
        VBox.setVgrow(holder, Priority.ALWAYS);
        canvas.setOnMousePressed(this::pressed);
        canvas.setOnMouseDragged(this::dragged);
        canvas.setOnMouseMoved(e -> hover(e.getX(), e.getY()));
        canvas.setOnMouseExited(e -> readout.setText(hint()));
        canvas.setOnMouseClicked(e -> {
            if (e.getButton() == MouseButton.PRIMARY && e.getClickCount() == 2) {
                drill();
            }
        });
        canvas.setOnKeyPressed(e -> {
            if (key(e.getCode(), e.isShiftDown())) {
                e.consume();
            }
        });
        readout.setId("latencyReadout");
        readout.setPadding(new Insets(4, 10, 6, 10));
        getChildren().addAll(bar, holder, readout);

        vm.latencyProperty().addListener((o, a, b) -> {
            selectedSlice0 = -1;
            show.setDisable(true);
            draw();
        });
        vm.latencyKindProperty().addListener((o, a, b) -> {
            selectKind(b);
            // the chart of the other calls goes at once, its pick with it
            selectedSlice0 = -1;
            show.setDisable(true);
            draw();
        });
        vm.busyProperty().addListener((o, a, b) -> draw());
        selectKind(vm.latencyKindProperty().get());
        draw();
    }

    private void selectKind(Spectrogram.Kind kind) {
        syncing = true;
        try {
            for (var t : kinds.getToggles()) {
                if (t.getUserData() == kind) {
                    kinds.selectToggle(t);
                }
            }
        } finally {
            syncing = false;
        }
    }

    void setDark(boolean dark) {
        this.dark = dark;
        draw();
    }

    /** The spectrogram shown, when it is of the calls picked now. */
    private Spectrogram.Result result() {
        Spectrogram.Result r = vm.latencyProperty().get();
        return r != null && r.kind() == vm.latencyKindProperty().get() ? r : null;
    }

    private String hint() {
        Spectrogram.Result r = result();
        if (r == null || r.total() == 0) {
            return "";
        }
        if (selectedSlice0 >= 0) {
            return describe(selectedSlice0, selectedSlice1, selectedBand0, selectedBand1) + "  ·  Enter or double-click:"
                    + " show them in the event list";
        }
        return "Drag across the chart to pick calls by time and latency; Enter or a double-click shows them.";
    }

    private void summarize() {
        Spectrogram.Result r = result();
        if (r == null) {
            summary.setText(vm.busyProperty().get() ? Placeholder.COMPUTING : "");
            return;
        }
        String each = Spectrogram.latencyText(r.sliceWidth());
        summary.setText(String.format("%,d %s with a latency, %s a column; darker: more calls", r.total(),
                r.total() == 1 ? "call" : "calls", each));
    }

    // ------------------------------------------------------------------------------------ drawing

    private double plotWidth() {
        return Math.max(1, canvas.getWidth() - LEFT - RIGHT);
    }

    private double plotHeight() {
        return Math.max(1, canvas.getHeight() - TOP - BOTTOM);
    }

    void draw() {
        summarize();
        GraphicsContext g = canvas.getGraphicsContext2D();
        double w = canvas.getWidth();
        double h = canvas.getHeight();
        g.clearRect(0, 0, w, h);
        Color text = dark ? Color.web("#d0d0d0") : Color.web("#333333");
        Color grid = dark ? Color.web("#ffffff", 0.12) : Color.web("#000000", 0.10);
        g.setFill(dark ? Color.web("#1e1e1e") : Color.WHITE);
        g.fillRect(LEFT, TOP, plotWidth(), plotHeight());
        Spectrogram.Result r = result();
        g.setFont(Font.font(11));
        if (r == null || r.total() == 0) {
            g.setFill(text);
            g.setTextAlign(TextAlignment.CENTER);
            g.setTextBaseline(VPos.CENTER);
            g.fillText(r == null ? "" : "No call of " + (r.kind() == Spectrogram.Kind.FILE ? "file I/O " : "")
                    + "with a latency here: a latency needs the call's enter event, which captures of exit events"
                    + " alone do not have.", LEFT + plotWidth() / 2, TOP + plotHeight() / 2);
            readout.setText("");
            drawScale(g, r, text, grid);
            return;
        }
        double cw = plotWidth() / r.slices();
        double ch = plotHeight() / Spectrogram.BANDS;
        double top = Math.log1p(r.max());
        for (int s = 0; s < r.slices(); s++) {
            long[] slice = r.counts()[s];
            for (int b = 0; b < Spectrogram.BANDS; b++) {
                if (slice[b] == 0) {
                    continue;
                }
                g.setFill(colour(Math.log1p(slice[b]) / top));
                // cells overlap by a hair, so no seam shows between them
                g.fillRect(LEFT + s * cw, bandY(b + 1), cw + 0.5, ch + 0.5);
            }
        }
        drawScale(g, r, text, grid);
        if (selectedSlice0 >= 0) {
            double x = LEFT + selectedSlice0 * cw;
            double y = bandY(selectedBand1 + 1);
            g.setFill(Color.web("#1e88e5", 0.15));
            g.fillRect(x, y, (selectedSlice1 - selectedSlice0 + 1) * cw, (selectedBand1 - selectedBand0 + 1) * ch);
            g.setStroke(Color.web("#1e88e5"));
            g.setLineWidth(1.5);
            g.strokeRect(x, y, (selectedSlice1 - selectedSlice0 + 1) * cw, (selectedBand1 - selectedBand0 + 1) * ch);
        }
        readout.setText(hint());
    }

    /** The top of band {@code band}'s row (band {@code BANDS} is the top of the plot). */
    private double bandY(int band) {
        return TOP + plotHeight() - band * plotHeight() / Spectrogram.BANDS;
    }

    /** The latency scale on the left and the times below, with the lines of each power of ten. */
    private void drawScale(GraphicsContext g, Spectrogram.Result r, Color text, Color grid) {
        g.setLineWidth(1);
        g.setTextAlign(TextAlignment.RIGHT);
        g.setTextBaseline(VPos.CENTER);
        double ch = plotHeight() / Spectrogram.BANDS;
        int every = ch * Spectrogram.PER_DECADE >= 14 ? 1 : 2;
        for (int d = 0; d <= Spectrogram.DECADES; d++) {
            double y = bandY(d * Spectrogram.PER_DECADE);
            g.setStroke(grid);
            g.strokeLine(LEFT, y, LEFT + plotWidth(), y);
            if (d < Spectrogram.DECADES && d % every == 0) {
                g.setFill(text);
                g.fillText(Spectrogram.latencyText(Spectrogram.bandLow(d * Spectrogram.PER_DECADE)), LEFT - 6,
                        y - ch * Spectrogram.PER_DECADE / 2);
            }
        }
        if (r == null) {
            return;
        }
        g.setTextAlign(TextAlignment.CENTER);
        g.setTextBaseline(VPos.TOP);
        // ticks at round times, about one per 130 pixels
        long span = r.sliceWidth() * r.slices();
        long step = roundStep(span / Math.max(2, Math.min(8, (long) (plotWidth() / 130))));
        DateTimeFormatter clock = DateTimeFormatter.ofPattern(step < 100_000_000L ? "HH:mm:ss.SSS"
                : step < 1_000_000_000L ? "HH:mm:ss.S" : "HH:mm:ss").withZone(zone);
        for (long ns = (r.start() + step - 1) / step * step; ns <= r.start() + span; ns += step) {
            double x = LEFT + plotWidth() * (ns - r.start()) / span;
            g.setStroke(grid);
            g.strokeLine(x, TOP + plotHeight(), x, TOP + plotHeight() + 4);
            String label = clock.format(Instant.ofEpochSecond(0, ns));
            javafx.scene.text.Text measure = new javafx.scene.text.Text(label);
            measure.setFont(g.getFont());
            double half = measure.getLayoutBounds().getWidth() / 2;
            g.setFill(text);
            // a label at an edge stays whole
            g.fillText(label, Math.max(half, Math.min(canvas.getWidth() - half - 1, x)), TOP + plotHeight() + 6);
        }
    }

    /** Steps of a second or more that a clock reads well: seconds, minutes and hours. */
    private static final long[] CLOCK_STEPS = {1, 2, 5, 10, 15, 30, 60, 120, 300, 600, 900, 1800, 3600, 7200, 10800,
        21600, 43200, 86400};

    /**
     * The round step of time of at least {@code ns}: 1, 2 or 5 times a power of ten below a second,
     * a step a clock reads well above.
     */
    static long roundStep(long ns) {
        if (ns > 1_000_000_000L) {
            for (long seconds : CLOCK_STEPS) {
                if (seconds * 1_000_000_000L >= ns) {
                    return seconds * 1_000_000_000L;
                }
            }
            return (ns / 86_400_000_000_000L + 1) * 86_400_000_000_000L;
        }
        for (long step = 1;; step *= 10) {
            for (long m : new long[] {1, 2, 5}) {
                if (step * m >= ns) {
                    return step * m;
                }
            }
        }
    }

    /** The colour of a cell at {@code t} (0 to 1) of the most calls, on a logarithmic scale. */
    private Color colour(double t) {
        Color[] stops = dark ? DARK : LIGHT;
        double at = Math.max(0, Math.min(1, t)) * (stops.length - 1);
        int i = (int) Math.min(stops.length - 2, Math.floor(at));
        return stops[i].interpolate(stops[i + 1], at - i);
    }

    // ------------------------------------------------------------------------------------ picking

    /** The slice under {@code x}, kept within the chart. */
    private int sliceAt(double x, Spectrogram.Result r) {
        return (int) Math.max(0, Math.min(r.slices() - 1, Math.floor((x - LEFT) / plotWidth() * r.slices())));
    }

    /** The band under {@code y}, kept within the chart. */
    private int bandAt(double y) {
        return (int) Math.max(0, Math.min(Spectrogram.BANDS - 1,
                Math.floor((TOP + plotHeight() - y) / plotHeight() * Spectrogram.BANDS)));
    }

    /** The middle of slice {@code slice}'s column, on the canvas. */
    double xOf(int slice) {
        Spectrogram.Result r = result();
        return LEFT + (slice + 0.5) * plotWidth() / (r == null ? 1 : r.slices());
    }

    /** The middle of band {@code band}'s row, on the canvas. */
    double yOf(int band) {
        return bandY(band) - plotHeight() / Spectrogram.BANDS / 2;
    }

    private boolean inPlot(double x, double y) {
        return x >= LEFT && x < LEFT + plotWidth() && y >= TOP && y < TOP + plotHeight();
    }

    private void pressed(MouseEvent e) {
        canvas.requestFocus();
        Spectrogram.Result r = result();
        if (r == null || r.total() == 0 || e.getButton() != MouseButton.PRIMARY) {
            return;
        }
        if (!inPlot(e.getX(), e.getY())) {
            // a press beside the chart lets go of the pick; a drag from there picks nothing
            selectedSlice0 = -1;
            show.setDisable(true);
            draw();
            return;
        }
        anchorSlice = sliceAt(e.getX(), r);
        anchorBand = bandAt(e.getY());
        select(anchorSlice, anchorSlice, anchorBand, anchorBand);
    }

    private void dragged(MouseEvent e) {
        Spectrogram.Result r = result();
        if (r == null || selectedSlice0 < 0 || e.getButton() != MouseButton.PRIMARY) {
            return;
        }
        int s = sliceAt(e.getX(), r);
        int b = bandAt(e.getY());
        select(Math.min(anchorSlice, s), Math.max(anchorSlice, s), Math.min(anchorBand, b), Math.max(anchorBand, b));
    }

    private void hover(double x, double y) {
        Spectrogram.Result r = result();
        if (r == null || r.total() == 0 || !inPlot(x, y)) {
            readout.setText(hint());
            return;
        }
        int s = sliceAt(x, r);
        int b = bandAt(y);
        readout.setText(describe(s, s, b, b));
    }

    /** Picks the cells of slices {@code [s0, s1]} and bands {@code [b0, b1]}. */
    void select(int s0, int s1, int b0, int b1) {
        Spectrogram.Result r = result();
        if (r == null) {
            return;
        }
        selectedSlice0 = Math.max(0, s0);
        selectedSlice1 = Math.min(r.slices() - 1, s1);
        selectedBand0 = Math.max(0, b0);
        selectedBand1 = Math.min(Spectrogram.BANDS - 1, b1);
        show.setDisable(false);
        draw();
    }

    /** The calls of the cells picked, in the event list. */
    void drill() {
        if (selectedSlice0 >= 0 && result() != null) {
            vm.drillLatency(selectedSlice0, selectedSlice1, selectedBand0, selectedBand1);
        }
    }

    /**
     * Arrow keys move the cell picked (with Shift, they widen the pick), Enter shows its calls;
     * whether the key was used.
     */
    private boolean key(KeyCode k, boolean shift) {
        Spectrogram.Result r = result();
        if (r == null || r.total() == 0) {
            return false;
        }
        if (k == KeyCode.ENTER) {
            drill();
            return selectedSlice0 >= 0;
        }
        int ds = k == KeyCode.LEFT ? -1 : k == KeyCode.RIGHT ? 1 : 0;
        int db = k == KeyCode.DOWN ? -1 : k == KeyCode.UP ? 1 : 0;
        if (ds == 0 && db == 0) {
            return false;
        }
        if (selectedSlice0 < 0) {
            select(0, 0, busiestBand(r), busiestBand(r));
            return true;
        }
        if (shift) {
            select(selectedSlice0 + Math.min(ds, 0), selectedSlice1 + Math.max(ds, 0),
                    selectedBand0 + Math.min(db, 0), selectedBand1 + Math.max(db, 0));
        } else {
            int s = Math.max(0, Math.min(r.slices() - 1, selectedSlice0 + ds));
            int b = Math.max(0, Math.min(Spectrogram.BANDS - 1, selectedBand0 + db));
            select(s, s, b, b);
        }
        return true;
    }

    /** The band with the most calls, where the keyboard starts picking. */
    private static int busiestBand(Spectrogram.Result r) {
        long[] perBand = new long[Spectrogram.BANDS];
        int best = 0;
        for (long[] slice : r.counts()) {
            for (int b = 0; b < Spectrogram.BANDS; b++) {
                perBand[b] += slice[b];
                best = perBand[b] > perBand[best] ? b : best;
            }
        }
        return best;
    }

    /** The calls of some cells, as the readout says them. */
    private String describe(int s0, int s1, int b0, int b1) {
        Spectrogram.Result r = result();
        long n = 0;
        for (int s = s0; s <= s1; s++) {
            for (int b = b0; b <= b1; b++) {
                n += r.counts()[s][b];
            }
        }
        DateTimeFormatter clock = DateTimeFormatter.ofPattern("HH:mm:ss.SSS").withZone(zone);
        String latency = Spectrogram.latencyText(Spectrogram.bandLow(b0)) + (b1 + 1 < Spectrogram.BANDS
                ? " to " + Spectrogram.latencyText(Spectrogram.bandHigh(b1)) : " and more");
        return String.format("%s to %s, %s: %,d %s", clock.format(Instant.ofEpochSecond(0, r.sliceStart(s0))),
                clock.format(Instant.ofEpochSecond(0, r.sliceStart(s1 + 1))), latency, n, n == 1 ? "call" : "calls");
    }
}
