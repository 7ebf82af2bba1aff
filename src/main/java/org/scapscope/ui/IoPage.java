package org.scapscope.ui;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.function.BooleanSupplier;
import javafx.collections.FXCollections;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.TextField;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.ToggleGroup;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import org.scapscope.scap.OpenOptions;
import org.scapscope.scap.ScapEvent;
import org.scapscope.view.ByteSizes;
import org.scapscope.view.IoChunk;
import org.scapscope.view.IoStreams;
import org.scapscope.view.PayloadText;

/**
 * The I/O streams of the range and filter: each read and write with its time, direction (reads
 * and writes in two colours), process and descriptor, and the data it moved shown as dotted ASCII,
 * printable ASCII, hex or JSON. Follow narrows to one descriptor's conversation; Find moves to the
 * next chunk whose data holds a text; Save writes the streams shown to a file.
 */
final class IoPage extends BorderPane {
    /** Data shown per chunk; the rest is counted, and saved in full. */
    private static final int SHOWN_BYTES = 16 * 1024;
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss.SSSSSS");

    private java.util.function.LongConsumer onSelectTime;
    final ListView<IoChunk> list = new ListView<>();
    final ToggleGroup modes = new ToggleGroup();
    final TextField find = new TextField();
    private final InspectorViewModel vm;
    private final Search search;
    private final ZoneId zone;
    private PayloadText.Mode mode = PayloadText.Mode.DOTTED;

    IoPage(InspectorViewModel vm, Search search, ZoneId zone) {
        this.vm = vm;
        this.search = search;
        this.zone = zone;
        setId("ioPage");
        list.setId("ioList");
        list.setPlaceholder(Placeholder.of(vm, "No reads or writes with data here.",
                "The capture has no reads or writes that carry data."));
        list.setCellFactory(v -> new ChunkCell());
        HBox modeButtons = new HBox();
        modeButtons.getStyleClass().add("segmented");
        for (PayloadText.Mode m : PayloadText.Mode.values()) {
            ToggleButton b = new ToggleButton(switch (m) {
                case DOTTED -> "Dotted ASCII";
                case PRINTABLE -> "Printable";
                case HEX -> "Hex";
                case JSON -> "JSON";
            });
            b.setId("ioMode-" + m.name());
            b.setUserData(m);
            b.setToggleGroup(modes);
            b.setSelected(m == mode);
            modeButtons.getChildren().add(b);
        }
        modes.selectedToggleProperty().addListener((o, a, b) -> {
            if (b == null) {
                a.setSelected(true); // one mode is always chosen
                return;
            }
            mode = (PayloadText.Mode) b.getUserData();
            list.refresh();
            if (mode == PayloadText.Mode.JSON) {
                sayHowManyAreJson();
            } else {
                vm.say(switch (mode) {
                    case DOTTED -> "Dotted ASCII: one character per byte, any but printable ASCII as a dot";
                    case PRINTABLE -> "Printable: printable ASCII, tabs and line breaks, other bytes left out";
                    default -> "Hex: offset, sixteen bytes in hex and their dotted text per line";
                });
            }
        });
        Button follow = new Button("Follow stream");
        follow.setId("ioFollow");
        follow.setTooltip(new Tooltip("Only the reads and writes of the selected chunk's file or connection"));
        follow.disableProperty().bind(list.getSelectionModel().selectedItemProperty().isNull());
        list.getSelectionModel().selectedItemProperty().addListener((o, a, b) -> {
            if (onSelectTime != null) {
                onSelectTime.accept(b == null ? -1 : b.ts());
            }
        });
        follow.setOnAction(e -> vm.followStream(list.getSelectionModel().getSelectedItem()));
        find.setId("ioFind");
        find.setPromptText("Find in data");
        find.setPrefColumnCount(14);
        find.setOnAction(e -> findNext(find.getText()));
        find.textProperty().addListener((o, a, b) -> {
            find.setStyle(""); // a text not found shows red until changed
            if (found != null) {
                found = null; // and a text found stays marked until then
                list.refresh();
            }
        });
        Label count = new Label();
        count.setId("ioCount");
        Region grow = new Region();
        HBox.setHgrow(grow, Priority.ALWAYS);
        HBox bar = new HBox(8, modeButtons, follow, grow, count, find);
        bar.setAlignment(Pos.CENTER_LEFT);
        bar.setPadding(new Insets(4, 10, 4, 10));
        setTop(bar);
        setCenter(list);
        vm.ioProperty().addListener((o, a, b) -> show(b));
        show(vm.ioProperty().get());
        count.textProperty().bind(javafx.beans.binding.Bindings.createStringBinding(() -> {
            IoStreams.Collected c = vm.ioProperty().get();
            return c == null ? "" : String.format(c.chunks().size() == 1 ? "%,d chunk%s" : "%,d chunks%s",
                    c.chunks().size(), c.cut() ? " (first ones)" : "");
        }, vm.ioProperty()));
    }

    private void show(IoStreams.Collected c) {
        list.setItems(c == null ? FXCollections.observableArrayList() : FXCollections.observableList(c.chunks()));
    }

    /** JSON mode shows the payloads that are JSON documents indented, the others as text: says how many are. */
    private void sayHowManyAreJson() {
        // each payload read from the capture and parsed: on the worker, up to 2,000,000 of them
        List<IoChunk> chunks = list.getItems();
        vm.say("JSON: payloads that are JSON documents are shown indented, the others as their text");
        search.run((p, cancelled) -> {
            int json = 0;
            for (int i = 0; i < chunks.size(); i++) {
                if ((i & 1023) == 0 && cancelled.getAsBoolean()) {
                    throw new java.util.concurrent.CancellationException("counting JSON payloads was stopped");
                }
                if (PayloadText.isJson(chunks.get(i).data())) {
                    json++;
                }
            }
            return json;
        }, json -> {
            // said only while the same streams are shown, in JSON, on this page
            if (mode == PayloadText.Mode.JSON && list.getItems() == chunks
                    && vm.pageProperty().get() == InspectorViewModel.Page.IO) {
                vm.say(json == 0 ? "No payload here is a JSON document: all are shown as their text, line by line"
                        : String.format("%,d of %,d payloads are JSON documents, shown indented; the others as their text",
                                json, chunks.size()));
            }
        });
    }

    PayloadText.Mode mode() {
        return mode;
    }

    /**
     * Looks, on the worker, for the next chunk after the selected one whose data holds {@code text},
     * ignoring case, and selects it; says so when none does.
     */
    boolean findNext(String text) {
        if (text == null || text.isEmpty()) {
            return false;
        }
        Needle needle = Needle.of(text);
        List<IoChunk> items = list.getItems();
        if (items.isEmpty()) {
            return false;
        }
        int from = list.getSelectionModel().getSelectedIndex() + 1;
        ScapEvent[] reading = new ScapEvent[1];
        search.run("\"" + text + "\"", Worker.firstFrom(items.size(), from, i -> {
            if (reading[0] == null) {
                reading[0] = new ScapEvent();
            }
            return needle.isIn(items.get(i).data(reading[0]));
        }), i -> {
            if (list.getItems() != items || vm.pageProperty().get() != InspectorViewModel.Page.IO) {
                return; // other streams are shown now
            }
            if (i >= 0) {
                found = text;
                list.refresh();
                list.getSelectionModel().clearAndSelect(i);
                list.scrollTo(Math.max(0, i - 1));
                // where the search got to, so that a press of Enter that finds the same chunk says so
                vm.say(String.format("\"%s\" found in chunk %,d of %,d (event #%,d)%s", text, i + 1, items.size(),
                        items.get(i).eventNumber(), i == from - 1 ? ": no other chunk holds it"
                                : i < from ? ", from the top again" : ""));
            } else {
                find.setStyle("-fx-text-fill: #b00020;");
                vm.say("No chunk holds \"" + text + "\"");
            }
        });
        return true;
    }

    /**
     * A text to find in bytes, ignoring case: as Latin-1 bytes (each byte one character, as the
     * data is shown) when it can be, its letters folded; else as UTF-8 bytes, ASCII letters folded.
     */
    record Needle(byte[] bytes, byte[] fold) {
        private static final byte[] LATIN1 = new byte[256];
        private static final byte[] ASCII = new byte[256];

        static {
            for (int b = 0; b < 256; b++) {
                LATIN1[b] = (byte) Character.toLowerCase((char) b);
                ASCII[b] = (byte) (b >= 'A' && b <= 'Z' ? b + 32 : b);
            }
        }

        static Needle of(String text) {
            boolean latin1 = text.chars().allMatch(c -> c <= 0xFF);
            byte[] fold = latin1 ? LATIN1 : ASCII;
            byte[] raw = text.getBytes(latin1 ? StandardCharsets.ISO_8859_1 : StandardCharsets.UTF_8);
            byte[] bytes = new byte[raw.length];
            for (int i = 0; i < raw.length; i++) {
                bytes[i] = fold[raw[i] & 0xFF];
            }
            return new Needle(bytes, fold);
        }

        /** Whether {@code data} holds the text. */
        boolean isIn(byte[] data) {
            int last = data.length - bytes.length;
            for (int at = 0; at <= last; at++) {
                int k = 0;
                while (k < bytes.length && fold[data[at + k] & 0xFF] == bytes[k]) {
                    k++;
                }
                if (k == bytes.length) {
                    return true;
                }
            }
            return false;
        }
    }

    /**
     * The work of writing the chunks shown now, each with its heading, in the mode chosen now, to
     * {@code file}, whole or not at all; it returns how many it wrote.
     */
    InspectorViewModel.ExportJob save(Path file) {
        List<IoChunk> items = List.copyOf(list.getItems());
        PayloadText.Mode chosen = mode;
        return (progress, cancelled) -> write(items, chosen, file, progress, cancelled);
    }

    private long write(List<IoChunk> items, PayloadText.Mode chosen, Path file, OpenOptions.Progress progress,
            BooleanSupplier cancelled) throws IOException {
        ScapEvent reading = new ScapEvent();
        InspectorPane.writeAtomically(file, cancelled, w -> {
            for (int i = 0; i < items.size(); i++) {
                if (cancelled.getAsBoolean()) {
                    throw new java.util.concurrent.CancellationException("saving the I/O streams was cancelled");
                }
                IoChunk c = items.get(i);
                byte[] data = c.data(reading);
                w.write(heading(c, data));
                w.write('\n');
                w.write(PayloadText.render(data, chosen));
                w.write("\n\n");
                if ((i & 0xFFF) == 0) {
                    progress.update(i, items.size());
                }
            }
        });
        return items.size();
    }

    /** A chunk's heading; {@code data} is what the capture kept of its bytes. */
    private String heading(IoChunk c, byte[] data) {
        // the capture keeps only the first bytes of each buffer (sysdig's snaplen): say so when it cut this one
        String kept = data.length < c.length() ? " (" + ByteSizes.of(data.length) + " captured)" : "";
        // the process is who reads or writes; the descriptor is what it reads from or writes to
        return String.format(Locale.ROOT, "%s  #%d  %s (%d) %s %s%s %s fd %d  %s",
                TIME.format(Instant.ofEpochSecond(0, c.ts()).atZone(zone)), c.eventNumber(), c.process(), c.pid(),
                c.write() ? "wrote" : "read", ByteSizes.of(c.length()), kept, c.write() ? "to" : "from", c.fd(),
                c.fdName());
    }

    /** A chunk: its heading in the colour of its direction, then its data. */
    private final class ChunkCell extends ListCell<IoChunk> {
        private final Label head = new Label();
        private final Label body = new Label();
        /** The data with the text found marked, shown instead of {@link #body} when it holds it. */
        private final javafx.scene.text.TextFlow marked = new javafx.scene.text.TextFlow();
        private final VBox box = new VBox(2, head, body);

        ChunkCell() {
            head.getStyleClass().add("io-head");
            body.getStyleClass().addAll("mono", "io-data");
            body.setWrapText(true);
            box.setPadding(new Insets(2, 4, 6, 4));
            setPrefWidth(0);
            body.maxWidthProperty().bind(list.widthProperty().subtract(40));
            marked.maxWidthProperty().bind(list.widthProperty().subtract(40));
            marked.getStyleClass().add("io-data");
        }

        @Override
        protected void updateItem(IoChunk c, boolean empty) {
            super.updateItem(c, empty);
            if (empty || c == null) {
                setGraphic(null);
                return;
            }
            byte[] data = c.data();
            head.setText(heading(c, data));
            head.getStyleClass().removeAll("io-read", "io-write");
            head.getStyleClass().add(c.write() ? "io-write" : "io-read");
            String text = PayloadText.render(data.length > SHOWN_BYTES ? java.util.Arrays.copyOf(data, SHOWN_BYTES) : data,
                    mode);
            if (data.length > SHOWN_BYTES) {
                text += "\n… " + ByteSizes.of(data.length - SHOWN_BYTES) + " more (saved in full)";
            }
            body.setText(text);
            List<javafx.scene.text.Text> parts = markFound(text);
            box.getChildren().set(1, parts == null ? body : marked);
            if (parts != null) {
                marked.getChildren().setAll(parts);
            }
            setGraphic(box);
        }
    }

    /** The text found last, marked in the chunks that show it; null when none is. */
    private String found;

    /**
     * A chunk's shown text cut into pieces, the text found marked in each place it shows (ignoring
     * case); null when there is nothing found to mark in it.
     */
    private List<javafx.scene.text.Text> markFound(String text) {
        if (found == null || found.isEmpty()) {
            return null;
        }
        String lower = text.toLowerCase(java.util.Locale.ROOT);
        String what = found.toLowerCase(java.util.Locale.ROOT);
        int at = lower.indexOf(what);
        if (at < 0) {
            return null;
        }
        List<javafx.scene.text.Text> parts = new java.util.ArrayList<>();
        int from = 0;
        while (at >= 0) {
            parts.add(piece(text.substring(from, at), false));
            parts.add(piece(text.substring(at, at + what.length()), true));
            from = at + what.length();
            at = lower.indexOf(what, from);
        }
        parts.add(piece(text.substring(from), false));
        return parts;
    }

    private static javafx.scene.text.Text piece(String s, boolean match) {
        javafx.scene.text.Text t = new javafx.scene.text.Text(s);
        t.getStyleClass().addAll("mono", match ? "io-match" : "io-text");
        return t;
    }

    /** Told the time of the chunk selected (ns since the epoch), or -1 when none is. */
    void setOnSelectTime(java.util.function.LongConsumer action) {
        onSelectTime = action;
    }

    /** The time of the chunk selected (ns since the epoch), or -1. */
    long selectedTime() {
        IoChunk c = list.getSelectionModel().getSelectedItem();
        return c == null ? -1 : c.ts();
    }

    /**
     * Selects the first chunk at or after a time (ns since the epoch): a click on the timeline. The
     * chunks are in capture order, whose times need not rise everywhere: each is looked at.
     */
    void goToTime(long ns) {
        List<IoChunk> items = list.getItems();
        int at = -1;
        for (int i = 0; i < items.size() && at < 0; i++) {
            if (items.get(i).ts() >= ns) {
                at = i;
            }
        }
        if (at >= 0) {
            list.getSelectionModel().clearAndSelect(at);
            list.scrollTo(Math.max(0, at - 1));
            list.requestFocus();
        } else {
            vm.say(items.isEmpty() ? "No read or write is shown" : "No read or write shown at or after that time");
        }
    }
}
