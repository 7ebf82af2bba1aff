package org.scapscope.cli;

import java.io.File;
import java.io.IOException;
import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import org.scapscope.scap.BenchmarkCapture;
import org.scapscope.scap.FileTrees;
import org.scapscope.scap.OpenOptions;
import org.scapscope.scap.ScapEvent;
import org.scapscope.scap.ScapFile;
import org.scapscope.state.StateHistory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code scapscope bench}: makes a large capture from a real one and measures opening, indexing
 * and scanning it, beside sysdig on the same file when sysdig is installed.
 */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = "Benchmark the reader on a large capture made by repeating a real capture's events.")
final class BenchCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--source", paramLabel = "FILE", description = "Capture to repeat (default: ../shared/captures/502Error.scap).")
    Path source = Paths.get("..", "shared", "captures", "502Error.scap");

    @Option(names = "--size", paramLabel = "MB", description = "Size of the benchmark capture in megabytes (default: 1024).")
    long sizeMb = 1024;

    @Option(names = "--work", paramLabel = "DIR", description = "Where to put the capture and its cache (default: a temporary folder).")
    Path work;

    @Option(names = "--capture", paramLabel = "FILE",
            description = "Measure this existing capture instead of making one.")
    Path existing;

    @Option(names = "--keep", description = "Keep the benchmark capture and cache afterwards.")
    boolean keep;

    @Option(names = "--no-sysdig", description = "Do not run sysdig for comparison.")
    boolean noSysdig;

    @Option(names = "--no-views", description = "Do not time the views (each also runs csysdig, which is slow).")
    boolean noViews;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        Path dir = work != null ? Files.createDirectories(work) : Files.createTempDirectory("scapscope-bench");
        Path capture = existing != null ? existing : dir.resolve("bench.scap");
        Path cache = dir.resolve("cache");
        try {
            if (existing == null) {
                make(capture, cache, out);
            }
            FileTrees.delete(cache);
            out.flush();
            resetPeaks();

            long t0 = System.nanoTime();
            long count;
            double indexSec;
            try (ScapFile scap = ScapFile.open(capture, OpenOptions.defaults().cacheDir(cache))) {
                indexSec = (System.nanoTime() - t0) / 1e9;
                count = scap.eventCount();
                out.printf("index (first open):  %8.3f s   %,d events%n", indexSec, count);
                out.flush();
                t0 = System.nanoTime();
                long sum = scan(scap);
                out.printf("full scan:           %8.3f s   (checksum %d)%n", (System.nanoTime() - t0) / 1e9, sum);
            }
            long best = Long.MAX_VALUE;
            for (int i = 0; i < 5; i++) {
                t0 = System.nanoTime();
                try (ScapFile scap = ScapFile.open(capture, OpenOptions.defaults().cacheDir(cache))) {
                    scap.read(scap.eventCount() - 1, scap.newEvent()).ts();
                }
                best = Math.min(best, System.nanoTime() - t0);
            }
            out.printf("reopen (indexed):    %8.3f s%n", best / 1e9);
            try (ScapFile scap = ScapFile.open(capture, OpenOptions.defaults().cacheDir(cache))) {
                ScapEvent e = scap.newEvent();
                Random rnd = new Random(1);
                t0 = System.nanoTime();
                long s = 0;
                int n = 100_000;
                for (int i = 0; i < n; i++) {
                    s += scap.read((long) (rnd.nextDouble() * scap.eventCount()), e).ts();
                }
                out.printf("random event access: %8.3f us per event (checksum %d)%n",
                        (System.nanoTime() - t0) / 1e3 / n, s & 0xFFFF);
            }
            state(capture, cache, indexSec, out);
            out.printf("peak heap:           %8.1f MB (max heap %d MB)%n", peakHeap() / 1048576.0,
                    Runtime.getRuntime().maxMemory() >> 20);
            out.flush();
            String sysdigExe = noSysdig ? null : sysdigPath();
            if (!noSysdig) {
                sysdig(capture, out);
            }
            out.printf("scapscope commands run as bin/scapscope starts them, with the JVM options %s%s%n",
                    String.join(" ", launcherOptions()), ManagementFactory.getRuntimeMXBean().getInputArguments()
                            .stream().anyMatch(o -> o.startsWith("-XX:SharedArchiveFile="))
                            ? " and the image's class-data archive" : " (no class-data archive: run the benchmark "
                            + "from the runtime image, target/image/bin/scapscope bench, for the image's start-up)");
            for (String filter : FILTERS) {
                filter(capture, dir.resolve("filter-cache"), filter, sysdigExe, out);
            }
            if (!noViews) {
                views(capture, cache, out);
            }
        } finally {
            if (!keep && existing == null) {
                FileTrees.delete(dir);
            } else if (!keep) {
                FileTrees.delete(cache);
            }
        }
        return Main.OK;
    }

    private void make(Path capture, Path cache, PrintWriter out) throws Exception {
        try (ScapFile src = ScapFile.open(source, OpenOptions.defaults().cacheDir(cache))) {
            long t0 = System.nanoTime();
            long events = BenchmarkCapture.make(src, capture, sizeMb << 20);
            out.printf("made %s: %,d bytes, %,d events (%.1f s)%n", capture, Files.size(capture), events,
                    (System.nanoTime() - t0) / 1e9);
        }
    }

    /** How long the state at random events is reached before the calls timed. */
    private static final long WARM_UP_NANOS = 3_000_000_000L;

    /** Builds the state checkpoints, then measures reaching the state at random events. */
    private static void state(Path capture, Path cache, double indexSec, PrintWriter out) throws Exception {
        try (ScapFile scap = ScapFile.open(capture, OpenOptions.defaults().cacheDir(cache))) {
            long t0 = System.nanoTime();
            try (StateHistory h = StateHistory.of(scap)) {
                double stateSec = (System.nanoTime() - t0) / 1e9;
                out.printf("state checkpoints:   %8.3f s   (%d checkpoints, one pass)%n", stateSec, h.checkpointCount());
                out.printf("open with state:     %8.3f s   (index, then state checkpoints)%n", indexSec + stateSec);
                out.flush();
                Random rnd = new Random(2);
                long t1 = System.nanoTime();
                h.before((long) (rnd.nextDouble() * scap.eventCount()));
                double first = (System.nanoTime() - t1) / 1e6;
                // the JIT compiles the replay over the first seconds of calls: what an analyst meets in
                // the app, which warms up as it opens, is the steady state after them
                int warmUp = 0;
                long warmUntil = System.nanoTime() + WARM_UP_NANOS;
                while (warmUp < 50 || System.nanoTime() < warmUntil) {
                    h.before((long) (rnd.nextDouble() * scap.eventCount()));
                    warmUp++;
                }
                int n = 500;
                long[] took = new long[n];
                for (int i = 0; i < n; i++) {
                    long target = (long) (rnd.nextDouble() * scap.eventCount());
                    long t2 = System.nanoTime();
                    h.before(target);
                    took[i] = System.nanoTime() - t2;
                }
                Arrays.sort(took);
                out.printf("state at any event:  %8.3f ms median, %.3f ms p99, %.3f ms worst (%d random events"
                        + " after %d warm-up calls; first call %.1f ms)%n", took[n / 2] / 1e6, took[n * 99 / 100] / 1e6,
                        took[n - 1] / 1e6, n, warmUp, first);
            }
        }
    }

    /** The filters timed against sysdig: one on process facts and an event type, one on I/O data. */
    static final String[] FILTERS = {"proc.name=curl and evt.type=connect", "evt.buffer contains 502"};

    /** Runs per timing: each tool is timed the same number of times, and its best run is shown. */
    private static final int RUNS = 3;

    /**
     * Times {@code scapscope count FILE FILTER} as an analyst runs it, in a fresh JVM each time: with
     * no cache (the capture is indexed as part of the run), and with the index cached; and
     * {@code sysdig -r FILE -p %evt.num FILTER} on the same file. Each is run {@link #RUNS} times and
     * its best run shown, so that a run slowed by the machine's other work does not decide the ratio.
     */
    private void filter(Path capture, Path cache, String filter, String sysdigExe, PrintWriter out)
            throws IOException, InterruptedException {
        List<String> cmd = scapscope("-Xmx" + (Runtime.getRuntime().maxMemory() >> 20) + "m", "count", "-q",
                "--cache=" + cache, capture.toString(), filter);
        out.printf("filter `%s` (fresh process per run, best of %d):%n", filter, RUNS);
        Timed cold = best(() -> {
            FileTrees.delete(cache);
            return run(cmd);
        });
        out.printf("  scapscope count, no index cached: %8.3f s   %s events%n", cold.seconds, cold.output);
        Timed warm = best(() -> run(cmd));
        out.printf("  scapscope count, index cached:    %8.3f s   %s events%n", warm.seconds, warm.output);
        out.flush();
        if (sysdigExe != null) {
            Timed sd = best(() -> run(List.of(sysdigExe, "-r", capture.toString(), "-p", "%evt.num", filter)));
            String lines = Long.toString(sd.output.isEmpty() ? 0 : sd.output.split("\n").length);
            out.printf("  sysdig -r FILE -p %%evt.num:       %8.3f s   %s events; scapscope is %.1fx (no cache), "
                    + "%.1fx (cached) as fast%n", sd.seconds, lines, sd.seconds / cold.seconds, sd.seconds / warm.seconds);
            if (!lines.equals(warm.output.strip()) || !cold.output.strip().equals(warm.output.strip())) {
                out.println("  the counts differ!");
            }
        }
        FileTrees.delete(cache);
    }

    /** One timed run. */
    @FunctionalInterface
    private interface TimedRun {
        Timed run() throws IOException, InterruptedException;
    }

    /** The fastest of {@link #RUNS} runs. */
    private static Timed best(TimedRun r) throws IOException, InterruptedException {
        Timed best = r.run();
        for (int i = 1; i < RUNS; i++) {
            Timed again = r.run();
            best = again.seconds < best.seconds ? again : best;
        }
        return best;
    }

    /** The views timed against csysdig. */
    static final String[] VIEWS = {"procs", "files", "connections", "containers", "syscalls", "spy_users"};

    /**
     * Times {@code scapscope view NAME FILE --json} in a fresh process with the index cached and at most
     * 400 MB of heap, beside {@code csysdig -r FILE -v NAME -j}, each the best of {@link #RUNS} runs.
     */
    private void views(Path capture, Path cache, PrintWriter out) throws IOException, InterruptedException {
        String csysdig = null;
        for (String p : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            if (!p.isEmpty() && Files.isExecutable(Paths.get(p, "csysdig"))) {
                csysdig = Paths.get(p, "csysdig").toString();
                break;
            }
        }
        out.printf("views (fresh process per run, index cached, -Xmx400m, best of %d):%n", RUNS);
        for (String view : VIEWS) {
            Timed ours = best(() -> run(scapscope("-Xmx400m", "view", "-q", "--cache=" + cache, view,
                    capture.toString(), "--json")));
            String rows = ours.output.isEmpty() ? "?" : Integer.toString(
                    new com.fasterxml.jackson.databind.ObjectMapper().readTree(ours.output).get("rows").size());
            if (csysdig == null || noSysdig) {
                out.printf("  %-12s scapscope %8.3f s  %s rows%n", view, ours.seconds, rows);
            } else {
                String csysdigExe = csysdig;
                Timed theirs = best(() -> run(List.of(csysdigExe, "-r", capture.toString(), "-v", view, "-j")));
                out.printf("  %-12s scapscope %8.3f s  %s rows; csysdig %8.3f s; %.1fx as fast%n", view, ours.seconds,
                        rows, theirs.seconds, theirs.seconds / ours.seconds);
            }
            out.flush();
        }
        Timed overview = best(() -> run(scapscope("-Xmx400m", "overview", "-q", "--cache=" + cache,
                capture.toString(), "--json")));
        String tiles = overview.output.isEmpty() ? "?" : Integer.toString(
                new com.fasterxml.jackson.databind.ObjectMapper().readTree(overview.output).get("tiles").size());
        out.printf("  %-12s scapscope %8.3f s  %s tiles%n", "overview", overview.seconds, tiles);
        out.flush();
    }

    /**
     * A fresh {@code scapscope} command as bin/scapscope starts it: this JVM's {@code java} and class
     * path, the launcher's JVM options ({@code jvm.options}), its class-data archive when this JVM was
     * started with one (the benchmark run from the runtime image), and the given heap limit.
     */
    static List<String> scapscope(String heap, String... args) throws IOException {
        List<String> cmd = new ArrayList<>();
        cmd.add(ProcessHandle.current().info().command().orElse("java"));
        cmd.add(heap);
        cmd.addAll(launcherOptions());
        ManagementFactory.getRuntimeMXBean().getInputArguments().stream()
                .filter(o -> o.startsWith("-XX:SharedArchiveFile=")).forEach(cmd::add);
        cmd.addAll(List.of("-cp", System.getProperty("java.class.path"), Main.class.getName()));
        cmd.addAll(List.of(args));
        return cmd;
    }

    /** The JVM options of {@code jvm.options}: its words, with comments ({@code #} to the end of a line) left out. */
    static List<String> launcherOptions() throws IOException {
        try (var in = BenchCommand.class.getResourceAsStream("jvm.options")) {
            if (in == null) {
                throw new IOException("jvm.options is missing from the class path");
            }
            // as bin/scapscope reads the file: text after # is a comment, options are split at blanks
            return new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8).lines()
                    .map(l -> l.indexOf('#') >= 0 ? l.substring(0, l.indexOf('#')) : l)
                    .flatMap(l -> java.util.Arrays.stream(l.strip().split("\\s+")))
                    .filter(o -> !o.isEmpty()).toList();
        }
    }

    private record Timed(double seconds, String output) {
    }

    private static Timed run(List<String> cmd) throws IOException, InterruptedException {
        Path outFile = Files.createTempFile("scapscope-bench", ".out");
        try {
            ProcessBuilder pb = new ProcessBuilder(cmd).redirectOutput(outFile.toFile())
                    .redirectError(ProcessBuilder.Redirect.DISCARD);
            long t0 = System.nanoTime();
            Process p = pb.start();
            if (!p.waitFor(30, TimeUnit.MINUTES)) {
                p.destroyForcibly();
                return new Timed(Double.NaN, "");
            }
            double sec = (System.nanoTime() - t0) / 1e9;
            return new Timed(sec, Files.readString(outFile).strip());
        } finally {
            Files.deleteIfExists(outFile);
        }
    }

    /** Reads every event's header fields and its first parameter, the work of a plain pass over the capture. */
    private static long scan(ScapFile scap) {
        ScapEvent e = scap.newEvent();
        long sum = 0;
        long n = scap.eventCount();
        for (long i = 0; i < n; i++) {
            scap.read(i, e);
            sum += e.ts() + e.tid() + e.type() + e.cpu();
            if (e.paramCount() > 0) {
                sum += e.paramLength(0);
            }
        }
        return sum;
    }

    private static String sysdigPath() {
        for (String p : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            if (!p.isEmpty() && Files.isExecutable(Paths.get(p, "sysdig"))) {
                return Paths.get(p, "sysdig").toString();
            }
        }
        return null;
    }

    private static void sysdig(Path capture, PrintWriter out) throws IOException, InterruptedException {
        String exe = sysdigPath();
        if (exe == null) {
            out.println("sysdig: not installed, no comparison");
            return;
        }
        ProcessBuilder pb = new ProcessBuilder(exe, "-r", capture.toString(), "-p", "%evt.num")
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).redirectError(ProcessBuilder.Redirect.DISCARD);
        long t0 = System.nanoTime();
        Process p = pb.start();
        if (!p.waitFor(30, TimeUnit.MINUTES)) {
            p.destroyForcibly();
            out.println("sysdig -r FILE -p %evt.num: gave up after 30 minutes");
            return;
        }
        out.printf("sysdig -r FILE -p %%evt.num: %8.3f s (exit %d)%n", (System.nanoTime() - t0) / 1e9, p.exitValue());
        out.flush();
    }

    private static void resetPeaks() {
        System.gc();
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            pool.resetPeakUsage();
        }
    }

    private static long peakHeap() {
        long total = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                total += pool.getPeakUsage().getUsed();
            }
        }
        return total;
    }
}
