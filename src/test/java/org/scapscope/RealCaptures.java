package org.scapscope;

import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The real captures in ../shared/captures (system property {@code scapscope.captures}). Where the
 * folder is missing, tests that need it are skipped, except under CI, where that is a failure.
 */
public final class RealCaptures {
    private RealCaptures() {
    }

    public static Path dir() {
        Path dir = Paths.get(System.getProperty("scapscope.captures", "../shared/captures"));
        if (!Files.isDirectory(dir)) {
            if (System.getenv("CI") != null) {
                fail("the real captures are missing: " + dir.toAbsolutePath());
            }
            assumeTrue(false, "real captures not found at " + dir.toAbsolutePath() + "; skipping");
        }
        return dir;
    }

    public static List<Path> all() throws IOException {
        try (Stream<Path> files = Files.list(dir())) {
            return files.filter(Files::isRegularFile).sorted().collect(Collectors.toList());
        }
    }

    public static Path named(String name) {
        Path p = dir().resolve(name);
        assumeTrue(Files.isRegularFile(p), name + " not among the real captures");
        return p;
    }

    /** The folder of golden outputs made with sysdig 0.29.3. */
    public static Path goldens() {
        return Paths.get(System.getProperty("scapscope.goldens", "src/test/resources/golden"));
    }
}
