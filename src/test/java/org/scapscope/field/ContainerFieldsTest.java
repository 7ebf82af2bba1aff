package org.scapscope.field;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.StringJoiner;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.scapscope.RealCaptures;
import org.scapscope.scap.OpenOptions;
import org.scapscope.scap.ScapEvent;
import org.scapscope.scap.ScapFile;

/**
 * The {@code container.*} fields against sysdig 0.29.3's output for {@link ContainerFieldsCapture}
 * (goldens in {@code golden/synthetic-container-fields}, made by tools/make-state-goldens.sh),
 * and the argument reading and glob matching they rest on, checked against glibc.
 */
class ContainerFieldsTest {
    @TempDir
    static Path tmp;

    private static Path capture;
    private static final Path GOLDEN = RealCaptures.goldens().resolve("synthetic-container-fields");

    @BeforeAll
    static void writeCapture() throws Exception {
        byte[] bytes = ContainerFieldsCapture.bytes();
        String sha = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        assertEquals(Files.readString(GOLDEN.resolve("capture.sha256"), StandardCharsets.UTF_8).strip(), sha,
                "the synthetic capture changed: rerun tools/make-state-goldens.sh");
        capture = tmp.resolve("synthetic-container-fields.scap");
        Files.write(capture, bytes);
    }

    private static String format(String name) throws Exception {
        return Files.readString(GOLDEN.resolve(name + ".format"), StandardCharsets.UTF_8).strip();
    }

    private static List<String> golden(String name) throws Exception {
        return Files.readAllLines(GOLDEN.resolve(name + ".txt"), StandardCharsets.UTF_8);
    }

    private static void assertLines(List<String> expected, List<String> actual, String what) {
        for (int i = 0; i < Math.min(expected.size(), actual.size()); i++) {
            assertEquals(expected.get(i), actual.get(i), what + ", line " + (i + 1));
        }
        assertEquals(expected.size(), actual.size(), what + ": line count");
    }

    /** The lines {@link OutputFormat} prints for the events sysdig shows, as {@code scapscope events -p}. */
    private static List<String> outputFormatLines(String format) throws Exception {
        OutputFormat output = OutputFormat.parse(format);
        List<String> lines = new ArrayList<>();
        try (ScapFile f = ScapFile.open(capture, OpenOptions.defaults().cacheDir(tmp.resolve("cache")))) {
            FieldContext ctx = new FieldContext(f);
            ScapEvent e = f.newEvent();
            for (long i = 0; i < f.eventCount(); i++) {
                ctx.advance(f.read(i, e));
                if (ScapFile.isHidden(e)) {
                    continue;
                }
                String line = output.render(ctx);
                if (line != null) {
                    lines.add(line);
                }
            }
        }
        return lines;
    }

    /**
     * The lines of a format made of {@code %field} references separated by {@code |}, formatted as
     * sysdig's formatter does it: every field of every shown event is extracted, even after one had
     * no value; the line is then printed, with {@code <NA>} for missing values when the format starts
     * with {@code *}, or skipped.
     */
    private static List<String> sysdigLines(String format) throws Exception {
        boolean star = format.startsWith("*");
        List<BoundField> fields = new ArrayList<>();
        for (String ref : (star ? format.substring(1) : format).split("\\|", -1)) {
            fields.add(FieldRegistry.get().bind(ref.substring(1)));
        }
        List<String> lines = new ArrayList<>();
        try (ScapFile f = ScapFile.open(capture, OpenOptions.defaults().cacheDir(tmp.resolve("cache")))) {
            FieldContext ctx = new FieldContext(f);
            ScapEvent e = f.newEvent();
            for (long i = 0; i < f.eventCount(); i++) {
                ctx.advance(f.read(i, e));
                if (ScapFile.isHidden(e)) {
                    continue;
                }
                StringJoiner line = new StringJoiner("|");
                boolean complete = true;
                for (BoundField field : fields) {
                    String v = field.text(ctx);
                    complete &= v != null;
                    line.add(v == null ? "<NA>" : v);
                }
                if (complete || star) {
                    lines.add(line.toString());
                }
            }
        }
        return lines;
    }

    @Test
    void everyFieldPrintsWhatSysdigPrints() throws Exception {
        assertLines(golden("fields"), outputFormatLines(format("fields")), "fields");
    }

    @Test
    void mountArgumentsChooseTheMountSysdigChooses() throws Exception {
        assertLines(golden("mounts"), outputFormatLines(format("mounts")), "mounts");
    }

    /**
     * container.type of custom, static, podman and unnamed engines repeats the field's last text,
     * also the text of lines sysdig skipped for a missing value: the fields see every event sysdig's
     * formatter shows them, through {@link OutputFormat} and on their own.
     */
    @Test
    void typeRepeatsTheTextOfTheLastEventSysdigFormatted() throws Exception {
        assertLines(golden("skipped"), outputFormatLines(format("skipped")), "skipped");
        for (String name : new String[] {"fields", "mounts", "skipped"}) {
            assertLines(golden(name), sysdigLines(format(name)), name + " field by field");
        }
    }

    @Test
    void eachReferenceRepeatsItsOwnTypeText() throws Exception {
        BoundField a = FieldRegistry.get().bind("container.type");
        BoundField b = FieldRegistry.get().bind("container.type");
        assertTrue(a != b, "a bound container.type keeps its own last text");
    }

    @Test
    void registryHasSysdigsContainerFieldsInOrder() {
        List<String> names = new ArrayList<>();
        for (FieldInfo f : FieldRegistry.get().fields()) {
            if ("container".equals(FieldRegistry.get().fieldClass(f.name()))) {
                names.add(f.name() + ":" + f.type());
            }
        }
        assertEquals(List.of("container.id:CHARBUF", "container.name:CHARBUF", "container.image:CHARBUF",
                "container.image.id:CHARBUF", "container.type:CHARBUF", "container.privileged:BOOL",
                "container.mounts:CHARBUF", "container.mount:CHARBUF", "container.mount.source:CHARBUF",
                "container.mount.dest:CHARBUF", "container.mount.mode:CHARBUF", "container.mount.rdwr:CHARBUF",
                "container.mount.propagation:CHARBUF", "container.image.repository:CHARBUF",
                "container.image.tag:CHARBUF", "container.image.digest:CHARBUF", "container.healthcheck:CHARBUF",
                "container.liveness_probe:CHARBUF", "container.readiness_probe:CHARBUF"), names);
    }

    @Test
    void mountFieldsNeedABracketedArgument() {
        FieldRegistry r = FieldRegistry.get();
        for (String ref : new String[] {"container.mount", "container.mount.source", "container.mount.dest",
            "container.mount.mode", "container.mount.rdwr", "container.mount.propagation", "container.mount.foo",
            "container.mounts[0]", "container.id[1]"}) {
            assertThrows(FieldException.class, () -> r.bind(ref), ref);
        }
    }

    // ------------------------------------------------------------------ argument numbers

    /** What glibc's {@code sscanf(s, "%d%c")} makes of each text when it reads exactly one item. */
    static Stream<Arguments> numbers() {
        return Stream.of(
                Arguments.of("0", 0), Arguments.of("1", 1), Arguments.of(" 2", 2), Arguments.of("\t3", 3),
                Arguments.of("\n1", 1), Arguments.of("\u000b5", 5), Arguments.of("+4", 4), Arguments.of("-5", -5),
                Arguments.of("-1", -1), Arguments.of("01", 1), Arguments.of("2147483647", 2147483647),
                Arguments.of("2147483648", Integer.MIN_VALUE), Arguments.of("4294967295", -1),
                Arguments.of("4294967296", 0), Arguments.of("-2147483649", Integer.MAX_VALUE),
                Arguments.of("99999999999999999999", -1), Arguments.of("-99999999999999999999", 0),
                Arguments.of("9223372036854775807", -1), Arguments.of("9223372036854775808", -1),
                Arguments.of("6 ", null), Arguments.of("7x", null), Arguments.of("0x10", null), Arguments.of("", null),
                Arguments.of(" ", null), Arguments.of("-", null), Arguments.of("+", null), Arguments.of("/etc", null),
                Arguments.of("--1", null), Arguments.of("+-1", null), Arguments.of("1\n", null),
                Arguments.of("\u0661", null));
    }

    @ParameterizedTest
    @MethodSource("numbers")
    void argumentNumbersReadAsSscanfReadsThem(String text, Integer expected) {
        assertEquals(expected, ContainerFields.scanInt(text), "[" + text + "]");
    }

    // ------------------------------------------------------------------ glob

    /** Pattern, text, and whether glibc 2.36's fnmatch(pattern, text, 0) matches in the C locale. */
    static Stream<Arguments> globs() {
        return Stream.of(
                Arguments.of("/usr/local/*", "/usr/local/lib/x", true), Arguments.of("/usr/*", "/usr/.hidden", true),
                Arguments.of("*", "", true), Arguments.of("?", "\u00e9", false), Arguments.of("??", "\u00e9", true),
                Arguments.of("/x\\\\y", "/x\\y", true), Arguments.of("/x\\y", "/xy", true),
                Arguments.of("/x\\", "/x\\", false), Arguments.of("/x\\", "/x", false),
                Arguments.of("[a-c]x", "bx", true), Arguments.of("[!a-c]x", "bx", false),
                Arguments.of("[^a-c]x", "dx", true), Arguments.of("[]]", "]", true), Arguments.of("[!]]", "a", true),
                Arguments.of("[a-]", "-", true), Arguments.of("[[:digit:]]x", "7x", true),
                Arguments.of("[[:digit:]]x", "ax", false), Arguments.of("[[:bogus:]]", "a", false),
                Arguments.of("[[=a=]]", "a", true), Arguments.of("[[.a.]-c]", "b", true),
                Arguments.of("[[.ab.]]", "a", false), Arguments.of("[a", "[a", true), Arguments.of("[a", "a", false),
                Arguments.of("[\\]]", "]", true), Arguments.of("[a\\", "a", false), Arguments.of("[z-a]", "m", false),
                Arguments.of("*[", "x[", true), Arguments.of("[[:alpha:]", "a", false),
                Arguments.of("[[:alpha:]", "[[:alpha:]", false), Arguments.of("[\u00e9]", "\u00e9", false),
                Arguments.of("[\u00e9][\u00e9]", "\u00e9", true), Arguments.of("a*b*c", "axxbyyc", true),
                Arguments.of("a*b*c", "axxbyy", false), Arguments.of("/srv/[x", "/srv/[x", true),
                Arguments.of("\\*", "*", true), Arguments.of("\\*", "a", false), Arguments.of("", "", true),
                Arguments.of("", "/", false), Arguments.of("a\u0000b", "a", true));
    }

    @ParameterizedTest
    @MethodSource("globs")
    void mountPatternsMatchAsFnmatchMatches(String pattern, String text, boolean expected) {
        assertEquals(expected, ContainerFields.fnmatch(pattern, text), "[" + pattern + "] on [" + text + "]");
    }
}
