package org.scapscope.ui;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;
import org.scapscope.filter.FilterCompiler;
import org.scapscope.filter.FilterScan;
import org.scapscope.scap.FileTrees;
import org.scapscope.scap.OpenOptions;
import org.scapscope.scap.ScapFile;
import org.scapscope.store.DemoCapture;
import org.scapscope.view.EventList;
import org.scapscope.view.Overview;
import org.scapscope.view.SeenValues;
import org.scapscope.view.Timeline;
import org.scapscope.view.ViewCatalog;
import org.scapscope.view.ViewEngine;

/**
 * Gets the inspector ready while the analyst is still choosing a capture: on a thread of its own,
 * at low priority, it opens the demo capture and does to it what opening a capture does (index,
 * checkpoints, event list, timeline, overview, the views computed ahead, a filter). The view and
 * tile definitions are then read and the code compiled, so the first capture opened shows at once
 * instead of after a second or more.
 *
 * <p>It stops at the next step once a capture is opened. It works in a folder of its own in the
 * cache, removed when it ends; whatever goes wrong in it only means no warm-up.
 */
final class WarmUp {
    private static final String FOLDER = "warm-up-";
    /** Folders of warm-ups older than this were left by an app that quit during one. */
    private static final Duration LEFT_BEHIND = Duration.ofHours(1);
    private static volatile boolean stopped;

    private WarmUp() {
    }

    /** Starts warming up, in a folder of its own in this cache folder. */
    static void start(Path cache) {
        Thread t = new Thread(() -> {
            removeLeftBehind(cache);
            try {
                Files.createDirectories(cache);
                run(Files.createTempDirectory(cache, FOLDER), () -> stopped);
            } catch (IOException e) {
                // no folder to work in: no warm-up
            }
        }, "scapscope-warm-up");
        t.setDaemon(true);
        t.setPriority(Thread.MIN_PRIORITY);
        t.start();
    }

    /** Stops warming up: a capture is being opened, and has the machine to itself. */
    static void stop() {
        stopped = true;
    }

    /**
     * Does the work of opening the demo capture in {@code dir}, step by step until {@code cancelled}
     * says to stop; leaves nothing behind. Whether every step was done.
     */
    static boolean run(Path dir, BooleanSupplier cancelled) {
        try {
            if (cancelled.getAsBoolean()) {
                return false;
            }
            Files.createDirectories(dir);
            Path file = dir.resolve("demo.scap");
            DemoCapture.write(file);
            if (cancelled.getAsBoolean()) {
                return false;
            }
            try (ScapFile scap = ScapFile.open(file, OpenOptions.defaults().cacheDir(dir.resolve("cache")))) {
                if (cancelled.getAsBoolean()) {
                    return false;
                }
                EventList events = EventList.of(scap, null, cancelled);
                if (cancelled.getAsBoolean()) {
                    return false;
                }
                Timeline.of(scap, InspectorViewModel.TIMELINE_BUCKETS, cancelled);
                Overview.compute(scap, null, 0, Long.MAX_VALUE, InspectorViewModel.OVERVIEW_SAMPLES, events.history(),
                        null, cancelled);
                ViewCatalog views = ViewCatalog.builtIn();
                for (String id : InspectorTab.COMPUTED_AHEAD) {
                    if (cancelled.getAsBoolean()) {
                        return false;
                    }
                    ViewEngine.run(scap, views.get(id), null, 0, Long.MAX_VALUE, ZoneId.systemDefault(),
                            events.history(), null, cancelled);
                }
                if (cancelled.getAsBoolean()) {
                    return false;
                }
                FilterScan.count(scap, FilterCompiler.compile("proc.name = nginx and fd.type = ipv4"), false, cancelled);
                SeenValues.of(scap, events.history(), cancelled);
                return !cancelled.getAsBoolean();
            }
        } catch (Exception | LinkageError e) {
            // only a head start: the capture the analyst opens does the same work itself
            return false;
        } finally {
            empty(dir);
        }
    }

    /** Removes the folders of warm-ups that an app quitting in the middle of one left behind. */
    private static void removeLeftBehind(Path cache) {
        if (!Files.isDirectory(cache)) {
            return;
        }
        Instant before = Instant.now().minus(LEFT_BEHIND);
        try (Stream<Path> all = Files.list(cache)) {
            all.filter(p -> p.getFileName().toString().startsWith(FOLDER)).forEach(p -> {
                try {
                    if (Files.getLastModifiedTime(p).toInstant().isBefore(before)) {
                        empty(p);
                    }
                } catch (IOException e) {
                    // left for the next start
                }
            });
        } catch (IOException e) {
            // left for the next start
        }
    }

    private static void empty(Path dir) {
        try {
            FileTrees.delete(dir);
        } catch (IOException e) {
            // left for the next warm-up to remove
        }
    }
}
