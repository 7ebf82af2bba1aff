package org.scapscope.view;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;
import org.scapscope.RealCaptures;
import org.scapscope.filter.FilterCompiler;
import org.scapscope.filter.FilterScan;
import org.scapscope.scap.OpenOptions;
import org.scapscope.scap.ScapFile;
import org.scapscope.state.StateHistory;

class SpectrogramTest {
    @TempDir
    static Path cache;

    /**
     * Each spectrogram counts the calls csysdig's counts, and each band the calls whose latency sysdig
     * prints in its range (goldens by tools/make-spectrogram-goldens.sh), computed in parallel parts
     * from the state checkpoints.
     */
    @TestFactory
    Stream<DynamicTest> countsAreCsysdigsAndBandsHoldTheLatenciesSysdigPrints() throws IOException {
        List<DynamicTest> tests = new ArrayList<>();
        for (Path capture : RealCaptures.all()) {
            Path golden = RealCaptures.goldens().resolve(capture.getFileName().toString()).resolve("spectrogram.tsv");
            if (!Files.exists(golden)) {
                continue;
            }
            tests.add(DynamicTest.dynamicTest(capture.getFileName().toString(), () -> {
                try (ScapFile scap = ScapFile.open(capture, OpenOptions.defaults().cacheDir(cache));
                     StateHistory history = StateHistory.of(scap)) {
                    for (String line : Files.readAllLines(golden)) {
                        String[] f = line.split("\t", -1);
                        Spectrogram.Kind kind = Spectrogram.Kind.of(f[0]);
                        TreeMap<Integer, Long> expected = new TreeMap<>();
                        for (String band : f[2].isEmpty() ? new String[0] : f[2].split(",")) {
                            String[] kv = band.split("=");
                            expected.put(Integer.parseInt(kv[0]), Long.parseLong(kv[1]));
                        }
                        Spectrogram.Result r = Spectrogram.compute(scap, kind, null, 0, Long.MAX_VALUE, 17, history,
                                2_000, null, null);
                        assertEquals(Long.parseLong(f[1]), r.total(), f[0]);
                        assertEquals(expected, bands(r), f[0]);
                    }
                }
            }));
        }
        return tests.stream();
    }

    /** Calls per band, bands with none left out. */
    private static TreeMap<Integer, Long> bands(Spectrogram.Result r) {
        TreeMap<Integer, Long> out = new TreeMap<>();
        for (long[] slice : r.counts()) {
            for (int b = 0; b < Spectrogram.BANDS; b++) {
                if (slice[b] > 0) {
                    out.merge(b, slice[b], Long::sum);
                }
            }
        }
        return out;
    }

    /**
     * A cell's drill-down selects exactly the calls it counted: its bands' filter, with its slice's
     * times, counts as many events as the cell; a filter narrows the spectrogram as it does the calls.
     */
    @Test
    void aCellsFilterSelectsTheCallsItCounted() throws Exception {
        try (ScapFile scap = ScapFile.open(RealCaptures.named("502Error.scap"), OpenOptions.defaults().cacheDir(cache))) {
            for (Spectrogram.Kind kind : Spectrogram.Kind.values()) {
                Spectrogram.Result r = Spectrogram.compute(scap, kind, null, 0, Long.MAX_VALUE, 6, null, null, null);
                int checked = 0;
                for (int s = 0; s < r.slices(); s += 2) {
                    for (int b = 0; b + 1 < Spectrogram.BANDS; b += 3) {
                        long expected = r.counts()[s][b] + r.counts()[s][b + 1];
                        String filter = Spectrogram.bandFilter(kind, b, b + 1) + " and evt.rawtime >= " + r.sliceStart(s)
                                + " and evt.rawtime < " + r.sliceStart(s + 1);
                        assertEquals(expected, FilterScan.count(scap, FilterCompiler.compile(filter), false, null),
                                kind + " " + filter);
                        checked += expected > 0 ? 1 : 0;
                    }
                }
                assertTrue(checked >= 5, "cells with calls checked: " + checked);
                Spectrogram.Result curl = Spectrogram.compute(scap, kind, FilterCompiler.compile("proc.name = curl"),
                        0, Long.MAX_VALUE, 6, null, null, null);
                assertEquals(FilterScan.count(scap, FilterCompiler.compile(kind.filter()
                        + " and evt.latency > 0 and proc.name = curl"), false, null), curl.total(), kind.toString());
                assertTrue(curl.total() > 0 && curl.total() <= r.total(), kind + ": " + curl.total());
            }
        }
    }

    /** A time window counts the calls of its events alone, in slices of its own. */
    @Test
    void aWindowCountsItsCallsAlone() throws Exception {
        try (ScapFile scap = ScapFile.open(RealCaptures.named("502Error.scap"), OpenOptions.defaults().cacheDir(cache));
             StateHistory history = StateHistory.of(scap)) {
            long from = scap.firstTs() + 2_000_000_000L;
            long to = from + 3_000_000_000L;
            Spectrogram.Result r = Spectrogram.compute(scap, Spectrogram.Kind.ALL, null, from, to, 10, history, null, null);
            assertEquals(from, r.start());
            assertTrue(r.sliceStart(10) >= to, "the slices cover the window");
            assertEquals(FilterScan.count(scap, FilterCompiler.compile("evt.dir = < and evt.latency > 0 and evt.rawtime >= "
                    + from + " and evt.rawtime < " + to), false, null), r.total());
            Spectrogram.Result whole = Spectrogram.compute(scap, Spectrogram.Kind.ALL, null, 0, Long.MAX_VALUE, 10,
                    null, null, null);
            assertTrue(r.total() < whole.total());
        }
    }

    /** Every latency of at least 1 ns falls in the one band whose range holds it. */
    @Test
    void bandsTileTheLatencies() {
        assertEquals(1, Spectrogram.bandLow(0));
        assertEquals(10, Spectrogram.bandLow(Spectrogram.PER_DECADE));
        assertEquals(1_000_000_000L, Spectrogram.bandLow(9 * Spectrogram.PER_DECADE));
        for (int b = 0; b < Spectrogram.BANDS; b++) {
            long low = Spectrogram.bandLow(b);
            assertEquals(b, Spectrogram.band(low), "lowest of band " + b);
            if (b + 1 < Spectrogram.BANDS) {
                assertEquals(b, Spectrogram.band(Spectrogram.bandHigh(b) - 1), "highest of band " + b);
                assertEquals(Spectrogram.bandLow(b + 1), Spectrogram.bandHigh(b));
            }
        }
        assertEquals(Spectrogram.BANDS - 1, Spectrogram.band(3_600_000_000_000L), "an hour: the last band");
        assertEquals(Long.MAX_VALUE, Spectrogram.bandHigh(Spectrogram.BANDS - 1));
        assertEquals("evt.dir = < and evt.latency >= 10", Spectrogram.bandFilter(Spectrogram.Kind.ALL, 4,
                Spectrogram.BANDS - 1));
        assertEquals("1.8ms", Spectrogram.latencyText(Spectrogram.bandLow(25)));
        assertEquals("100ns", Spectrogram.latencyText(100));
        assertEquals("10s", Spectrogram.latencyText(10_000_000_000L));
        assertEquals("20min", Spectrogram.latencyText(1_184_000_000_000L));
        assertEquals("2.5h", Spectrogram.latencyText(9_000_000_000_000L));
    }

    /** The text has a line per slice, with a mark in exactly the bands that have calls. */
    @Test
    void theTextMarksTheCellsThatHaveCalls() {
        long[][] counts = new long[3][Spectrogram.BANDS];
        counts[0][5] = 1;
        counts[0][6] = 1000;
        counts[2][40] = 7;
        Spectrogram.Result r = new Spectrogram.Result(Spectrogram.Kind.ALL, 0, 10, counts);
        List<String> text = Spectrogram.text(r, t -> String.format("t%03d", t));
        assertEquals(4, text.size());
        assertTrue(text.get(0).contains("|1ns") && text.get(0).contains("|10s"), text.get(0));
        for (int s = 0; s < 3; s++) {
            String line = text.get(s + 1);
            assertTrue(line.startsWith(String.format("t%03d", s * 10)), line);
            char[] marks = new char[Spectrogram.BANDS];
            java.util.Arrays.fill(marks, ' ');
            for (int b = 0; b < Spectrogram.BANDS; b++) {
                if (5 + b < line.length()) {
                    marks[b] = line.charAt(5 + b) == ' ' ? ' ' : 'x';
                }
                assertEquals(counts[s][b] > 0, marks[b] == 'x', "slice " + s + " band " + b);
            }
        }
        assertEquals('@', text.get(1).charAt(5 + 6), "the most calls: the darkest");
        assertArrayEquals(new long[Spectrogram.BANDS], counts[1]);
    }
}
