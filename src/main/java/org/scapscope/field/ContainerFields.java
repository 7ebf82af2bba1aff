package org.scapscope.field;

import static org.scapscope.field.ProcFields.add;
import static org.scapscope.field.ProcFields.bool;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.function.Function;
import org.scapscope.field.FieldInfo.Argument;
import org.scapscope.state.ContainerInfo;
import org.scapscope.state.ContainerInfo.HealthProbe;
import org.scapscope.state.ContainerInfo.Mount;
import org.scapscope.state.ContainerType;
import org.scapscope.state.ThreadInfo;

/**
 * The {@code container} field class: the container of the thread that caused the event, as sysdig
 * 0.29.3 shows it (libsinsp's container filter check at libs {@code e5c53d64}).
 *
 * <p>What every field prints:
 * <ul>
 * <li>no thread: no value;</li>
 * <li>a thread of the host (empty container id): {@code host} for {@code container.id},
 *     {@code container.name} and {@code container.type}, no value for the others;</li>
 * <li>a container id the table has no entry for: the id for {@code container.id}, no value for the
 *     others (a {@code container.type} too, see {@link TypeField});</li>
 * <li>a known container: its values. An empty name, image or image part has no value;
 *     {@code container.privileged} has one only for docker-compatible engines; the mount list is
 *     empty text for a container without mounts; a missing probe prints {@code NONE}; a mount
 *     argument that selects no mount has no value.</li>
 * </ul>
 *
 * <p>The mount fields take an argument in brackets: a number selects a mount by position, anything
 * else is a glob pattern (glibc {@code fnmatch} without flags) matched against the mount sources,
 * or, for {@code container.mount.source}, against the destinations; the first mount that matches
 * is taken.
 */
final class ContainerFields {
    private static final String HOST = "host";
    private static final String NO_PROBE = "NONE";

    private ContainerFields() {
    }

    static void register(FieldRegistry r) {
        add(r, "container.id", FieldType.CHARBUF, "container id, or host outside containers",
                (c, t) -> t.containerId().isEmpty() ? HOST : t.containerId());
        add(r, "container.name", FieldType.CHARBUF, "container name, or host outside containers", (c, t) -> {
            if (t.containerId().isEmpty()) {
                return HOST;
            }
            ContainerInfo info = c.state().containers().get(t.containerId());
            return info == null ? null : nonEmpty(info.name());
        });
        add(r, "container.image", FieldType.CHARBUF, "image name of the container, with its tag",
                (c, t) -> containerText(c, t, ContainerInfo::image));
        add(r, "container.image.id", FieldType.CHARBUF, "image id of the container",
                (c, t) -> containerText(c, t, ContainerInfo::imageId));
        FieldInfo type = new FieldInfo("container.type", FieldType.CHARBUF,
                "container runtime kind, such as docker", Argument.NONE);
        // A new field per reference: the text it repeats for unnamed engines is its own.
        r.add("container", type, (info, arg) -> new TypeField(info));
        add(r, "container.privileged", FieldType.BOOL, "true for privileged containers", (c, t) -> {
            ContainerInfo info = container(c, t);
            return info == null || !info.type().isDockerCompatible() ? null
                    : bool(Boolean.TRUE.equals(info.privileged()));
        });
        add(r, "container.mounts", FieldType.CHARBUF,
                "all mounts of the container, comma-separated, each as source:dest:mode:rdrw:propagation", (c, t) -> {
                    ContainerInfo info = container(c, t);
                    return info == null ? null : mounts(info.mounts());
                });
        mount(r, "container.mount",
                "one mount, chosen by position or by source path (glob allowed), as source:dest:mode:rdrw:propagation",
                false, Mount::text);
        mount(r, "container.mount.source", "source of one mount, chosen by position or by destination path",
                true, Mount::source);
        mount(r, "container.mount.dest", "destination of one mount, chosen by position or by source path",
                false, Mount::destination);
        mount(r, "container.mount.mode", "mode of one mount, chosen by position or by source path",
                false, Mount::mode);
        mount(r, "container.mount.rdwr", "read-write flag of one mount, chosen by position or by source path",
                false, m -> bool(m.rw()));
        mount(r, "container.mount.propagation",
                "propagation setting of one mount, chosen by position or by source path", false, Mount::propagation);
        add(r, "container.image.repository", FieldType.CHARBUF, "repository part of the container image name",
                (c, t) -> containerText(c, t, ContainerInfo::imageRepo));
        add(r, "container.image.tag", FieldType.CHARBUF, "tag part of the container image name",
                (c, t) -> containerText(c, t, ContainerInfo::imageTag));
        add(r, "container.image.digest", FieldType.CHARBUF, "registry digest of the container image",
                (c, t) -> containerText(c, t, ContainerInfo::imageDigest));
        probe(r, "container.healthcheck", "health check command of the container; NONE when it has none",
                HealthProbe.Kind.HEALTHCHECK);
        probe(r, "container.liveness_probe", "liveness probe command of the container; NONE when it has none",
                HealthProbe.Kind.LIVENESS_PROBE);
        probe(r, "container.readiness_probe", "readiness probe command of the container; NONE when it has none",
                HealthProbe.Kind.READINESS_PROBE);
    }

    /** The thread's container, or null on the host and for ids the table lacks. */
    private static ContainerInfo container(FieldContext c, ThreadInfo t) {
        String id = t.containerId();
        return id.isEmpty() ? null : c.state().containers().get(id);
    }

    private static String containerText(FieldContext c, ThreadInfo t, Function<ContainerInfo, String> part) {
        ContainerInfo info = container(c, t);
        return info == null ? null : nonEmpty(part.apply(info));
    }

    private static String nonEmpty(String s) {
        return s.isEmpty() ? null : s;
    }

    /** Each mount as {@code source:dest:mode:rdrw:propagation}, joined by commas; empty without mounts. */
    static String mounts(List<Mount> mounts) {
        if (mounts.isEmpty()) {
            return "";
        }
        StringBuilder sb = new StringBuilder();
        for (Mount m : mounts) {
            if (sb.length() > 0) {
                sb.append(',');
            }
            sb.append(m.text());
        }
        return sb.toString();
    }

    private static void probe(FieldRegistry r, String name, String description, HealthProbe.Kind kind) {
        add(r, name, FieldType.CHARBUF, description, (c, t) -> {
            ContainerInfo info = container(c, t);
            if (info == null) {
                return null;
            }
            HealthProbe p = info.probe(kind);
            return p == null ? NO_PROBE : p.commandLine();
        });
    }

    // ------------------------------------------------------------------ mount arguments

    private static void mount(FieldRegistry r, String name, String description, boolean byDestination,
                              Function<Mount, String> part) {
        FieldInfo info = new FieldInfo(name, FieldType.CHARBUF, description, Argument.INDEX);
        r.add("container", info, (i, arg) -> {
            MountSelector selector = MountSelector.parse(name, arg, byDestination);
            return new ProcFields.ThreadField(i, (c, t) -> {
                ContainerInfo container = container(c, t);
                if (container == null) {
                    return null;
                }
                Mount m = selector.select(container.mounts());
                return m == null ? null : part.apply(m);
            });
        });
    }

    /**
     * Which mount a {@code container.mount*[ARG]} reference means. sysdig reads ARG as a 32-bit
     * number when it is one ({@code sscanf("%d%c")} reads exactly one item), as a glob pattern when
     * not. The number -1, which sysdig also uses for "not a number", leaves an empty pattern, which
     * only an empty path matches.
     */
    static final class MountSelector {
        /** The position, or -1 to match by pattern. */
        private final int index;
        /** The pattern as {@link #fnmatch} reads it. */
        private final byte[] pattern;
        /** Whether the pattern is matched against destinations instead of sources. */
        private final boolean byDestination;

        private MountSelector(int index, String pattern, boolean byDestination) {
            this.index = index;
            this.pattern = cString(pattern);
            this.byDestination = byDestination;
        }

        static MountSelector parse(String field, String arg, boolean byDestination) throws FieldException {
            if (arg == null) {
                throw new FieldException("field " + field + " needs an argument, as in " + field + "[0] or "
                        + field + "[/path]");
            }
            Integer n = scanInt(arg);
            return n == null ? new MountSelector(-1, arg, byDestination) : new MountSelector(n, "", byDestination);
        }

        Mount select(List<Mount> mounts) {
            if (index != -1) {
                // A negative position is a huge unsigned one in libsinsp: no mount.
                return index >= 0 && index < mounts.size() ? mounts.get(index) : null;
            }
            for (Mount m : mounts) {
                if (fnmatch(pattern, cString(byDestination ? m.destination() : m.source()))) {
                    return m;
                }
            }
            return null;
        }
    }

    /**
     * The int glibc's {@code sscanf(s, "%d%c", ...)} reads when it reads exactly one item, or null:
     * optional white space, an optional sign and at least one digit, then nothing. The digits are
     * converted as a C {@code long} (clamped on overflow) and then cut to 32 bits.
     */
    static Integer scanInt(String s) {
        int i = 0;
        int n = s.length();
        while (i < n && isCSpace(s.charAt(i))) {
            i++;
        }
        boolean negative = false;
        if (i < n && (s.charAt(i) == '+' || s.charAt(i) == '-')) {
            negative = s.charAt(i) == '-';
            i++;
        }
        int digits = i;
        long value = 0;
        boolean overflow = false;
        while (i < n && s.charAt(i) >= '0' && s.charAt(i) <= '9') {
            int d = s.charAt(i) - '0';
            if (!overflow) {
                // accumulate as a negative number so that Long.MIN_VALUE fits
                if (value < (Long.MIN_VALUE + d) / 10) {
                    overflow = true;
                } else {
                    value = value * 10 - d;
                }
            }
            i++;
        }
        if (i == digits || i != n) {
            return null;
        }
        long v;
        if (overflow) {
            v = negative ? Long.MIN_VALUE : Long.MAX_VALUE;
        } else if (negative) {
            v = value;
        } else {
            v = value == Long.MIN_VALUE ? Long.MAX_VALUE : -value;
        }
        return (int) v;
    }

    private static boolean isCSpace(char ch) {
        return ch == ' ' || (ch >= '\t' && ch <= '\r');
    }

    // ------------------------------------------------------------------ container.type

    /**
     * {@code container.type}. For the engines it has no name for (custom, static, podman, and numbers
     * no engine has) sysdig 0.29.3 leaves the field's text as it was and prints it again: the text
     * this same field last printed, for any earlier event, or an empty string before the first. We
     * reproduce that, so a field bound once and shown event after event in file order prints what
     * sysdig prints; shown out of order (the event list of the UI), it repeats the text of the
     * event shown before. sysdig's formatter extracts every field of a line even after one had no
     * value, so the repeated text also comes from lines it did not print; this field sees an event
     * only when its caller asks for its text, so a caller that stops at the first missing value
     * repeats an older text than sysdig.
     */
    static final class TypeField implements BoundField {
        private final FieldInfo info;
        private String last = "";

        TypeField(FieldInfo info) {
            this.info = info;
        }

        @Override
        public FieldInfo info() {
            return info;
        }

        @Override
        public String text(FieldContext ctx) {
            ThreadInfo t = ctx.thread();
            if (t == null) {
                return null;
            }
            if (t.containerId().isEmpty()) {
                last = HOST;
                return last;
            }
            ContainerInfo c = ctx.state().containers().get(t.containerId());
            if (c == null) {
                return null;
            }
            String label = label(c.type());
            if (label != null) {
                last = label;
            }
            return last;
        }
    }

    /** The name sysdig 0.29.3 prints for a container record's engine, or null when it has none. */
    static String label(ContainerType type) {
        // HOST is no engine a record can name: sysdig has no name for that number.
        return type == ContainerType.HOST ? null : type.label();
    }

    // ------------------------------------------------------------------ glob

    private static final int END = -1;
    private static final int NO_MATCH = -1;
    /** A bracket expression no {@code ]} closes: its {@code [} is an ordinary character. */
    private static final int UNTERMINATED = -2;
    /** glibc gives up on character class names this long. */
    private static final int CLASS_NAME_MAX = 256;
    private static final String[] CLASS_NAMES = {
        "alnum", "alpha", "blank", "cntrl", "digit", "graph", "lower", "print", "punct", "space", "upper", "xdigit",
    };

    /**
     * Whether {@code text} matches the shell pattern {@code pattern} as glibc's
     * {@code fnmatch(pattern, text, 0)} decides in the C locale, which is sysdig's: {@code *} and
     * {@code ?} also match {@code /} and leading dots, a backslash quotes the next character (a
     * trailing one matches nothing), and a bracket expression ({@code [a-z]}, {@code [!x]},
     * {@code [^x]}, {@code [[:digit:]]}, {@code [[=a=]]}, {@code [[.a.]]}) matches one byte; a
     * {@code [} that no {@code ]} closes is an ordinary character. Both texts are compared byte by
     * byte in UTF-8 and end at their first NUL, as C strings do.
     */
    static boolean fnmatch(String pattern, String text) {
        return fnmatch(cString(pattern), cString(text));
    }

    /** {@link #fnmatch(String, String)} on the bytes of the two texts. */
    private static boolean fnmatch(byte[] p, byte[] s) {
        int pi = 0;
        int si = 0;
        int starP = -1;
        int starS = -1;
        while (true) {
            if (at(p, pi) == '*') {
                while (at(p, pi) == '*') {
                    pi++;
                }
                if (pi == p.length) {
                    return true;
                }
                starP = pi;
                starS = si;
                continue;
            }
            if (pi == p.length) {
                if (si == s.length) {
                    return true;
                }
            } else if (si < s.length) {
                int next = element(p, pi, s[si] & 0xff);
                if (next >= 0) {
                    pi = next;
                    si++;
                    continue;
                }
            }
            // a mismatch: the last star takes one more byte, if it can
            if (starP < 0 || starS >= s.length) {
                return false;
            }
            starS++;
            pi = starP;
            si = starS;
        }
    }

    /** The UTF-8 bytes of a text up to its first NUL. */
    private static byte[] cString(String s) {
        int nul = s.indexOf('\0');
        return (nul < 0 ? s : s.substring(0, nul)).getBytes(StandardCharsets.UTF_8);
    }

    private static int at(byte[] b, int i) {
        return i < b.length ? b[i] & 0xff : END;
    }

    /**
     * Matches the pattern element at {@code pi} (neither a star nor the end) against the byte
     * {@code ch}: the index of the next element, or -1 when it does not match.
     */
    private static int element(byte[] p, int pi, int ch) {
        int c = at(p, pi);
        if (c == '?') {
            return pi + 1;
        }
        if (c == '\\') {
            int quoted = at(p, pi + 1);
            return quoted != END && quoted == ch ? pi + 2 : NO_MATCH;
        }
        if (c == '[') {
            int r = bracket(p, pi + 1, ch);
            if (r == UNTERMINATED) {
                return ch == '[' ? pi + 1 : NO_MATCH;
            }
            return r;
        }
        return c == ch ? pi + 1 : NO_MATCH;
    }

    /**
     * A bracket expression whose body starts at {@code pi} against the byte {@code ch}: the index
     * after its {@code ]} when it matches, {@link #NO_MATCH}, or {@link #UNTERMINATED}.
     */
    private static int bracket(byte[] p, int pi, int ch) {
        boolean negated = at(p, pi) == '!' || at(p, pi) == '^';
        if (negated) {
            pi++;
        }
        // c is the item being read, pi the index after it; a ']' ends the list only after the first item
        int c = at(p, pi++);
        while (true) {
            boolean ordinary = true;
            boolean quoted = false;
            if (c == END) {
                return UNTERMINATED;
            } else if (c == '\\') {
                if (at(p, pi) == END) {
                    return NO_MATCH;
                }
                c = at(p, pi++);
                quoted = true;
            } else if (c == '[' && at(p, pi) == ':') {
                int colon = pi;
                StringBuilder name = new StringBuilder();
                while (true) {
                    if (name.length() == CLASS_NAME_MAX) {
                        return NO_MATCH;
                    }
                    int k = at(p, ++pi);
                    if (k == ':' && at(p, pi + 1) == ']') {
                        pi += 2;
                        ordinary = false;
                        break;
                    }
                    if (k < 'a' || k >= 'z') {
                        // not a class name after all: the '[' is an ordinary item
                        pi = colon;
                        break;
                    }
                    name.append((char) k);
                }
                if (!ordinary) {
                    String cls = name.toString();
                    if (!List.of(CLASS_NAMES).contains(cls)) {
                        return NO_MATCH;
                    }
                    if (inClass(cls, ch)) {
                        return afterMatch(p, pi, negated);
                    }
                    c = at(p, pi++);
                }
            } else if (c == '[' && at(p, pi) == '=') {
                int eq = at(p, pi + 1);
                if (eq != END && at(p, pi + 2) == '=' && at(p, pi + 3) == ']') {
                    pi += 4;
                    ordinary = false;
                    if (ch == eq) {
                        return afterMatch(p, pi, negated);
                    }
                    c = at(p, pi++);
                }
            }
            if (ordinary) {
                int low;
                if (!quoted && c == '[' && at(p, pi) == '.') {
                    int dot = pi;
                    pi = collatingEnd(p, dot);
                    if (pi < 0) {
                        return NO_MATCH;
                    }
                    low = at(p, dot + 1);
                    boolean isRange = at(p, pi) == '-' && at(p, pi + 1) != END;
                    if (!isRange && ch == low) {
                        return afterMatch(p, pi, negated);
                    }
                } else {
                    low = c;
                    boolean isRange = at(p, pi) == '-' && at(p, pi + 1) != END && at(p, pi + 1) != ']';
                    if (!isRange && ch == low) {
                        return afterMatch(p, pi, negated);
                    }
                }
                c = at(p, pi++);
                if (c == '-' && at(p, pi) != ']') {
                    int high = at(p, pi++);
                    if (high == '[' && at(p, pi) == '.') {
                        int dot = pi;
                        pi = collatingEnd(p, dot);
                        if (pi < 0) {
                            return NO_MATCH;
                        }
                        high = at(p, dot + 1);
                    } else {
                        if (high == '\\') {
                            high = at(p, pi++);
                        }
                        if (high == END) {
                            return NO_MATCH;
                        }
                    }
                    if (low <= ch && ch <= high) {
                        return afterMatch(p, pi, negated);
                    }
                    c = at(p, pi++);
                }
            }
            if (c == ']') {
                return negated ? pi : NO_MATCH;
            }
        }
    }

    /**
     * After an item matched at {@code pi}: skips to the closing {@code ]} as glibc does, stricter
     * than the reading before (an unclosed list or a malformed class now means no match).
     */
    /**
     * The end of a collating symbol {@code [.c.]} whose first '.' is at {@code dot}: the index after
     * its ']', or -1 when it never closes or holds other than one character.
     */
    private static int collatingEnd(byte[] p, int dot) {
        int pi = dot;
        while (true) {
            int k = at(p, ++pi);
            if (k == '.' && at(p, pi + 1) == ']') {
                pi += 2;
                break;
            }
            if (k == END) {
                return -1;
            }
        }
        return pi - dot == 4 ? pi : -1;
    }

    private static int afterMatch(byte[] p, int pi, boolean negated) {
        while (true) {
            int c = at(p, pi++);
            if (c == ']') {
                break;
            }
            if (c == END) {
                return NO_MATCH;
            }
            if (c == '\\') {
                if (at(p, pi) == END) {
                    return NO_MATCH;
                }
                pi++;
            } else if (c == '[' && at(p, pi) == ':') {
                int colon = pi;
                int length = 0;
                while (true) {
                    int k = at(p, ++pi);
                    if (++length == CLASS_NAME_MAX) {
                        return NO_MATCH;
                    }
                    if (k == ':' && at(p, pi + 1) == ']') {
                        pi += 2;
                        break;
                    }
                    if (k < 'a' || k >= 'z') {
                        pi = colon;
                        break;
                    }
                }
            } else if (c == '[' && at(p, pi) == '=') {
                if (at(p, pi + 1) == END || at(p, pi + 2) != '=' || at(p, pi + 3) != ']') {
                    return NO_MATCH;
                }
                pi += 4;
            } else if (c == '[' && at(p, pi) == '.') {
                while (true) {
                    int k = at(p, ++pi);
                    if (k == END) {
                        return NO_MATCH;
                    }
                    if (k == '.' && at(p, pi + 1) == ']') {
                        pi += 2;
                        break;
                    }
                }
            }
        }
        return negated ? NO_MATCH : pi;
    }

    /** The C locale's character classes; bytes above 127 are in none. */
    private static boolean inClass(String cls, int ch) {
        boolean upper = ch >= 'A' && ch <= 'Z';
        boolean lower = ch >= 'a' && ch <= 'z';
        boolean digit = ch >= '0' && ch <= '9';
        boolean graph = ch > ' ' && ch < 127;
        switch (cls) {
            case "alnum": return upper || lower || digit;
            case "alpha": return upper || lower;
            case "blank": return ch == ' ' || ch == '\t';
            case "cntrl": return ch < ' ' || ch == 127;
            case "digit": return digit;
            case "graph": return graph;
            case "lower": return lower;
            case "print": return graph || ch == ' ';
            case "punct": return graph && !(upper || lower || digit);
            case "space": return ch == ' ' || (ch >= '\t' && ch <= '\r');
            case "upper": return upper;
            case "xdigit": return digit || (ch >= 'a' && ch <= 'f') || (ch >= 'A' && ch <= 'F');
            default: return false;
        }
    }
}
