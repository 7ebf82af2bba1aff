package org.scapscope.field;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.scapscope.RealCaptures;
import org.scapscope.scap.OpenOptions;
import org.scapscope.scap.ScapEvent;
import org.scapscope.scap.ScapFile;

class ParamFieldThreadsTest {
    @TempDir
    Path cache;

    /**
     * One bound field of formatted parameters (as a compiled filter holds it) gives each thread the
     * text of its own event, while several threads read the capture at once.
     */
    @Test
    void aFieldOfParametersFormatsForEachThreadApart() throws Exception {
        try (ScapFile scap = ScapFile.open(RealCaptures.named("502Error.scap"), OpenOptions.defaults().cacheDir(cache))) {
            for (String name : List.of("evt.buffer", "evt.args", "evt.arg.data")) {
                BoundField shared = FieldRegistry.get().bind(name);
                List<String> alone = texts(scap, shared);
                ExecutorService pool = Executors.newFixedThreadPool(4);
                try {
                    List<Future<List<String>>> runs = new ArrayList<>();
                    for (int k = 0; k < 4; k++) {
                        Callable<List<String>> run = () -> texts(scap, shared);
                        runs.add(pool.submit(run));
                    }
                    for (Future<List<String>> r : runs) {
                        assertEquals(alone, r.get(), name);
                    }
                } finally {
                    pool.shutdown();
                }
            }
        }
    }

    private static List<String> texts(ScapFile scap, BoundField field) {
        FieldContext ctx = new FieldContext(scap);
        ScapEvent e = scap.newEvent();
        List<String> out = new ArrayList<>();
        for (long i = 0; i < scap.eventCount(); i++) {
            ctx.advance(scap.read(i, e));
            out.add(field.text(ctx));
        }
        return out;
    }
}
