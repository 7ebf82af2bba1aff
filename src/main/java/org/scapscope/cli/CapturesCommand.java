package org.scapscope.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.scapscope.store.CaptureMetadata;
import org.scapscope.store.CapturePage;
import org.scapscope.store.CaptureQuery;
import org.scapscope.store.CaptureStore;
import org.scapscope.store.DownloadListener;
import org.scapscope.store.MetadataJson;
import org.scapscope.store.StoredCapture;
import org.scapscope.store.Trigger;
import org.scapscope.view.ByteSizes;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code scapscope captures}: the captures of a store — list, show, download, add, delete, prune. */
@Command(name = "captures", mixinStandardHelpOptions = true,
        description = "Work with the captures of a store: the local library, a folder, or an S3 bucket.",
        subcommands = {CapturesCommand.Ls.class, CapturesCommand.Info.class, CapturesCommand.Get.class,
            CapturesCommand.Put.class, CapturesCommand.Rm.class, CapturesCommand.Prune.class})
final class CapturesCommand implements Runnable {
    @Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "a subcommand is required: ls, info, get, put, rm or prune");
    }

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(ZoneOffset.UTC);

    /** A capture as {@code ls --json} and {@code info --json} print it. */
    static Map<String, Object> json(StoredCapture c, boolean cached) {
        Map<String, Object> m = new LinkedHashMap<>();
        CaptureMetadata md = c.metadata();
        m.put("id", c.id());
        m.put("name", c.name());
        m.put("host", md.host());
        m.put("containerId", md.containerId());
        m.put("trigger", md.trigger());
        m.put("filter", md.filter());
        m.put("startTime", c.time());
        m.put("durationSeconds", md.durationSeconds());
        m.put("status", c.status());
        m.put("error", md.error());
        m.put("sizeBytes", c.hasData() ? Long.valueOf(c.size()) : md.sizeBytes()); // no unboxing of an unknown size
        m.put("sha256", md.sha256());
        m.put("createdAt", md.createdAt());
        m.put("expiresAt", c.expiresAt());
        m.put("object", c.captureKey());
        m.put("cached", cached);
        m.values().removeIf(v -> v == null);
        return m;
    }

    static String duration(Duration d) {
        if (d == null) {
            return "";
        }
        long s = d.toSeconds();
        return s >= 3600 ? String.format(Locale.ROOT, "%dh%02dm", s / 3600, s / 60 % 60)
                : s >= 60 ? String.format(Locale.ROOT, "%dm%02ds", s / 60, s % 60)
                : String.format(Locale.ROOT, "%.1fs", d.toMillis() / 1000.0);
    }

    @Command(name = "ls", mixinStandardHelpOptions = true, description = "List the captures of a store.")
    static final class Ls implements Callable<Integer> {
        @Spec
        CommandLine.Model.CommandSpec spec;
        @Mixin
        StoreArgs store = new StoreArgs();
        @Option(names = "--json", description = "Print a JSON array of capture objects.")
        boolean json;
        @Option(names = {"-s", "--search"}, paramLabel = "TEXT",
                description = "Only captures whose name, host, trigger, container, filter or id hold every word.")
        String search;
        @Option(names = "--errors", description = "Only captures in error.")
        boolean errors;
        @Option(names = "--expiring", description = "Only captures that have expired or expire within 7 days.")
        boolean expiring;
        @Option(names = "--sort", paramLabel = "COLUMN",
                description = "status, name, time, duration, trigger, host, container, size, expires or id (default: time).")
        String sort = "time";
        @Option(names = "--asc", description = "Smallest or earliest first (default: time latest first, others ascending).")
        boolean asc;
        @Option(names = "--desc", description = "Largest or latest first.")
        boolean desc;
        @Option(names = "--offset", paramLabel = "N", description = "Skip the first N captures.")
        int offset;
        @Option(names = "--limit", paramLabel = "N", description = "Print at most N captures.")
        int limit = Integer.MAX_VALUE;

        @Override
        public Integer call() throws Exception {
            CaptureQuery.SortKey key;
            try {
                key = CaptureQuery.SortKey.parse(sort);
            } catch (IllegalArgumentException e) {
                throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
            }
            if (offset < 0 || limit < 0) {
                throw new CommandLine.ParameterException(spec.commandLine(), "--offset and --limit cannot be negative");
            }
            boolean descending = desc || (!asc && key == CaptureQuery.SortKey.TIME);
            CaptureQuery q = CaptureQuery.ALL.search(search).onlyErrors(errors).onlyExpiring(expiring)
                    .sortBy(key, descending).page(offset, limit);
            PrintWriter out = spec.commandLine().getOut();
            try (CaptureStore s = store.open()) {
                CapturePage page = s.list(q);
                if (json) {
                    List<Map<String, Object>> rows = new ArrayList<>();
                    for (StoredCapture c : page.captures()) {
                        rows.add(json(c, s.isCached(c)));
                    }
                    out.println(MetadataJson.mapper().writeValueAsString(rows));
                } else {
                    table(page, out);
                }
            }
            out.flush();
            return Main.OK;
        }

        private static void table(CapturePage page, PrintWriter out) {
            List<String[]> rows = new ArrayList<>();
            rows.add(new String[] {"STATUS", "NAME", "TIME (UTC)", "DURATION", "TRIGGER", "HOST", "CONTAINER", "SIZE",
                "EXPIRES", "ID"});
            for (StoredCapture c : page.captures()) {
                rows.add(new String[] {c.status().text(), c.name(), c.time() == null ? "" : TIME.format(c.time()),
                    duration(c.duration()), c.triggerText(), c.host(), c.containerId(), ByteSizes.of(c.size()),
                    c.expiresAt() == null ? "" : TIME.format(c.expiresAt()).substring(0, 10), c.id()});
            }
            int[] w = new int[rows.get(0).length];
            for (String[] r : rows) {
                for (int i = 0; i < r.length; i++) {
                    r[i] = StandardOutput.printable(r[i]);
                    w[i] = Math.min(40, Math.max(w[i], r[i].length()));
                }
            }
            for (String[] r : rows) {
                StringBuilder sb = new StringBuilder();
                for (int i = 0; i < r.length; i++) {
                    String cell = r[i].length() > 40 ? r[i].substring(0, 39) + "…" : r[i];
                    sb.append(i == 7 ? String.format("%" + w[i] + "s", cell) : String.format("%-" + w[i] + "s", cell));
                    if (i + 1 < r.length) {
                        sb.append("  ");
                    }
                }
                out.println(sb.toString().stripTrailing());
            }
            out.println(page.matching() + " of " + page.total() + " captures"
                    + (page.captures().size() < page.matching() ? ", " + page.captures().size() + " shown" : ""));
        }
    }

    @Command(name = "info", mixinStandardHelpOptions = true, description = "Show one capture of a store.")
    static final class Info implements Callable<Integer> {
        @Spec
        CommandLine.Model.CommandSpec spec;
        @Mixin
        StoreArgs store = new StoreArgs();
        @Parameters(paramLabel = "ID", description = "The capture's id.")
        String id;
        @Option(names = "--json", description = "Print a JSON object.")
        boolean json;

        @Override
        public Integer call() throws Exception {
            PrintWriter out = spec.commandLine().getOut();
            try (CaptureStore s = store.open()) {
                StoredCapture c = s.info(id);
                Map<String, Object> m = json(c, s.isCached(c));
                if (json) {
                    out.println(MetadataJson.mapper().writeValueAsString(m));
                } else {
                    out.printf("%-10s %s%n", "store", s.describe());
                    for (Map.Entry<String, Object> e : m.entrySet()) {
                        Object v = e.getValue();
                        String text = v instanceof Trigger ? ((Trigger) v).text()
                                : v instanceof org.scapscope.store.CaptureStatus ? ((org.scapscope.store.CaptureStatus) v).text()
                                : e.getKey().equals("sizeBytes") ? ByteSizes.of((Long) v) + " (" + v + " bytes)"
                                : String.valueOf(v);
                        out.printf("%-10s %s%n", e.getKey().replace("Bytes", "").replace("Seconds", ""),
                                StandardOutput.printable(text));
                    }
                    if (c.hasData() && s.isCached(c)) {
                        out.printf("%-10s %s%n", "local", s.cachedPath(c));
                    }
                }
            }
            out.flush();
            return Main.OK;
        }
    }

    @Command(name = "get", mixinStandardHelpOptions = true,
            description = "Download a capture into the cache (resuming an interrupted download); print its local path.")
    static final class Get implements Callable<Integer> {
        @Spec
        CommandLine.Model.CommandSpec spec;
        @Mixin
        StoreArgs store = new StoreArgs();
        @Parameters(paramLabel = "ID", description = "The capture's id.")
        String id;
        @Option(names = "--to", paramLabel = "DIR", description = "Also copy it into DIR.")
        Path to;
        @Option(names = {"-q", "--quiet"}, description = "No progress line.")
        boolean quiet;

        @Override
        public Integer call() throws Exception {
            PrintWriter out = spec.commandLine().getOut();
            PrintWriter err = spec.commandLine().getErr();
            try (CaptureStore s = store.open()) {
                DownloadLine line = quiet ? null : new DownloadLine(err, id);
                Path local;
                try {
                    local = s.download(id, line != null ? line : DownloadListener.NONE, null);
                } finally {
                    if (line != null) {
                        line.finish();
                    }
                }
                if (to != null) {
                    local = copyInto(local, to);
                }
                out.println(local);
            }
            out.flush();
            return Main.OK;
        }

        /** Copies through a temporary file in the target folder, so that no half copy is ever in place. */
        private static Path copyInto(Path file, Path dir) throws IOException {
            if (Files.exists(dir) && !Files.isDirectory(dir)) {
                throw new java.nio.file.FileSystemException(dir.toString(), null,
                        "is a file, not a folder to copy the capture into");
            }
            Files.createDirectories(dir);
            Path target = dir.resolve(file.getFileName());
            Path tmp = Files.createTempFile(dir, "." + file.getFileName(), ".tmp");
            try {
                Files.copy(file, tmp, StandardCopyOption.REPLACE_EXISTING);
                Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } finally {
                Files.deleteIfExists(tmp);
            }
            return target;
        }
    }

    @Command(name = "put", mixinStandardHelpOptions = true,
            description = "Add a local capture to a store, with its metadata; print the new capture's id.")
    static final class Put implements Callable<Integer> {
        @Spec
        CommandLine.Model.CommandSpec spec;
        @Mixin
        StoreArgs store = new StoreArgs();
        @Parameters(paramLabel = "FILE", description = "The capture (.scap or .scap.gz).")
        Path file;
        @Option(names = "--id", paramLabel = "ID", description = "The id to store it under (default: a new one).")
        String newId;
        @Option(names = "--name", paramLabel = "NAME", description = "Its name (default: the file's).")
        String name;
        @Option(names = "--host", paramLabel = "HOST", description = "Its host (default: the capture's machine).")
        String host;
        @Option(names = "--container", paramLabel = "ID", description = "The container it is about.")
        String container;
        @Option(names = "--trigger", paramLabel = "POLICY", description = "The policy that triggered it (default: manual).")
        String trigger;
        @Option(names = "--before", paramLabel = "SECONDS", description = "Seconds captured before the policy's event.")
        Integer before;
        @Option(names = "--after", paramLabel = "SECONDS", description = "Seconds captured after the policy's event.")
        Integer after;
        @Option(names = "--filter", paramLabel = "FILTER", description = "The filter it was taken with.")
        String filter;

        @Override
        public Integer call() throws Exception {
            if (trigger == null && (before != null || after != null)) {
                throw new CommandLine.ParameterException(spec.commandLine(),
                        "--before and --after are the seconds around a policy's event: they need --trigger POLICY");
            }
            if (before != null && before < 0 || after != null && after < 0) {
                throw new CommandLine.ParameterException(spec.commandLine(), "--before and --after cannot be negative");
            }
            Trigger t = trigger == null ? Trigger.MANUAL : new Trigger(trigger, before, after);
            CaptureMetadata m = CaptureMetadata.EMPTY.withId(newId).withName(name).withHost(host)
                    .withContainerId(container).withTrigger(t).withFilter(filter);
            PrintWriter out = spec.commandLine().getOut();
            try (CaptureStore s = store.open(true)) {
                StoredCapture c = s.put(file, m, null);
                out.println(c.id());
            }
            out.flush();
            return Main.OK;
        }
    }

    @Command(name = "rm", mixinStandardHelpOptions = true, description = "Delete captures (data and metadata) from a store.")
    static final class Rm implements Callable<Integer> {
        @Spec
        CommandLine.Model.CommandSpec spec;
        @Mixin
        StoreArgs store = new StoreArgs();
        @Parameters(paramLabel = "ID", arity = "1..*", description = "The captures' ids.")
        List<String> ids;

        @Override
        public Integer call() throws Exception {
            try (CaptureStore s = store.open()) {
                List<String> once = ids.stream().distinct().toList(); // an id given twice is deleted, and said, once
                s.delete(once);
                for (String id : once) {
                    spec.commandLine().getOut().println("deleted " + id);
                }
            }
            spec.commandLine().getOut().flush();
            return Main.OK;
        }
    }

    @Command(name = "prune", mixinStandardHelpOptions = true,
            description = "Delete the captures whose expiry has passed; print their ids.")
    static final class Prune implements Callable<Integer> {
        @Spec
        CommandLine.Model.CommandSpec spec;
        @Mixin
        StoreArgs store = new StoreArgs();

        @Override
        public Integer call() throws Exception {
            try (CaptureStore s = store.open()) {
                List<StoredCapture> pruned = s.prune();
                for (StoredCapture c : pruned) {
                    spec.commandLine().getOut().println("pruned " + c.id() + " (expired "
                            + TIME.format(c.expiresAt()) + ")");
                }
                if (pruned.isEmpty()) {
                    // said aside, so that what a script reads stays the ids of the captures pruned
                    spec.commandLine().getErr().println("no capture of " + s.describe() + " has expired");
                }
            }
            spec.commandLine().getOut().flush();
            return Main.OK;
        }
    }

    /** A one-line download progress on the terminal: percent, bytes and speed, at most ten times a second. */
    static final class DownloadLine implements DownloadListener {
        private final PrintWriter err;
        private final String id;
        private final long start = System.nanoTime();
        private long last;
        private long from;
        private boolean shown;
        /** The capture is already here (in the cache, or a file of the library): nothing is downloaded. */
        private boolean cached;

        DownloadLine(PrintWriter err, String id) {
            this.err = err;
            this.id = id;
        }

        @Override
        public synchronized void alreadyCached() {
            cached = true;
        }

        @Override
        public void resumed(long offset) {
            from = offset;
            err.println("scapscope: resuming the download of " + id + " at " + ByteSizes.of(offset));
            err.flush();
        }

        @Override
        public void queued() {
            err.println("scapscope: waiting for another download to finish");
            err.flush();
        }

        @Override
        public synchronized void progress(long done, long total) {
            long now = System.nanoTime();
            if (cached || now - last < 100_000_000L && done < total) {
                return;
            }
            last = now;
            double secs = Math.max(1e-3, (now - start) / 1e9);
            err.printf(Locale.ROOT, "\rscapscope: downloading %s %3d%% (%s of %s, %s/s)", id,
                    total <= 0 ? 100 : (int) (done * 100 / total), ByteSizes.of(done), ByteSizes.of(total),
                    ByteSizes.of((long) ((done - from) / secs)));
            err.flush();
            shown = true;
        }

        synchronized void finish() {
            if (shown) {
                err.print("\r\033[K");
                err.flush();
            }
        }
    }
}
