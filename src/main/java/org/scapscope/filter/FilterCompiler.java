package org.scapscope.filter;

import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.IntPredicate;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import org.scapscope.field.BoundField;
import org.scapscope.field.FieldContext;
import org.scapscope.field.FieldException;
import org.scapscope.field.FieldRegistry;
import org.scapscope.field.FieldType;
import org.scapscope.filter.FilterNode.Comparison;
import org.scapscope.filter.FilterNode.FieldOperand;
import org.scapscope.filter.FilterNode.FieldRef;
import org.scapscope.filter.FilterNode.FieldValue;
import org.scapscope.filter.FilterNode.Literal;
import org.scapscope.filter.FilterNode.MacroUse;
import org.scapscope.filter.FilterNode.Operand;
import org.scapscope.filter.FilterNode.Transformed;
import org.scapscope.scap.EventInfo;
import org.scapscope.scap.EventSchema;
import org.scapscope.scap.EventTypes;
import org.scapscope.scap.KeySet;
import org.scapscope.scap.ParamInfo;
import org.scapscope.scap.SysdigTable;
import org.scapscope.scap.TypeColumn;
import org.scapscope.state.ThreadInfo;

/**
 * Checks a filter expression against the field registry and compiles it to a {@link Filter}:
 * every field is resolved, every operator checked against the field's type and every value parsed
 * once, here, so that testing an event only extracts and compares. Comparisons on {@code evt.type}
 * also narrow the event types the filter can match, so callers skip other events undecoded.
 */
public final class FilterCompiler {
    /** Ancestor walks stop after this many parents, in case the parents form a loop. */
    private static final int MAX_ANCESTORS = 4096;

    /** Filter-only fields that match either end of a connection. */
    private static final Set<String> EITHER_END = Set.of("fd.ip", "fd.port", "fd.proto", "fd.net");
    /** Filter-only network fields and the address fields they test. */
    private static final Map<String, String> NETWORK_OF = Map.of(
            "fd.cnet", "fd.cip", "fd.snet", "fd.sip", "fd.lnet", "fd.lip", "fd.rnet", "fd.rip");

    /** Fields read from the event alone, without machine state. */
    private static final Set<String> EVENT_ONLY = Set.of("evt.num", "evt.time", "evt.time.s", "evt.time.iso8601",
            "evt.datetime", "evt.datetime.s", "evt.rawtime", "evt.rawtime.s", "evt.rawtime.ns", "evt.type", "evt.dir",
            "evt.cpu", "syscall.type", "evt.buffer", "evt.res", "evt.rawres", "evt.failed", "evt.is_io",
            "evt.is_io_read", "evt.is_io_write", "evt.is_wait", "evt.count", "evt.count.exit");

    /** Fields read from a process's or thread's own facts, which only process events change. */
    private static final Set<String> THREAD_ONLY = Set.of("proc.name", "proc.exe", "proc.exepath", "proc.args",
            "proc.cmdline", "proc.exeline", "proc.pid", "proc.ppid", "proc.pname", "proc.pcmdline", "proc.aname",
            "proc.apid", "proc.sid", "proc.vpid", "proc.vpgid", "proc.tty", "proc.loginshellid", "thread.tid",
            "thread.vtid", "thread.ismain", "user.uid", "user.name", "user.homedir", "user.shell", "user.loginuid",
            "user.loginname", "group.gid", "group.name", "container.id", "container.name", "container.image",
            "container.image.id", "container.type", "container.privileged", "container.image.repository",
            "container.image.tag", "container.image.digest");

    private String source;
    private Filter.StateNeed need = Filter.StateNeed.NONE;
    /** Whether the filter reads the CPU times that process-info records bring. */
    private boolean readsCpuTimes;
    /** Comparisons compiled for other filters tested on the same events, by their text; null when alone. */
    private Map<String, Shared> shared;
    /** Fields bound for filters compiled together, by reference; null for a filter compiled alone. */
    private Map<String, BoundField> sharedFields;

    private FilterCompiler() {
    }

    /** Compiles an expression that uses no macros. */
    public static Filter compile(String expression) throws FilterException {
        return compile(expression, FalcoRules.none());
    }

    /** Compiles an expression whose macros and lists come from rules files. */
    public static Filter compile(String expression, FalcoRules rules) throws FilterException {
        FilterNode tree = rules.expand(FilterParser.parse(expression), expression);
        FilterCompiler c = new FilterCompiler();
        c.source = expression;
        Compiled compiled = c.compile(tree);
        return new Filter(expression, compiled.predicate, compiled.types, c.need, earliest(tree), c.readsCpuTimes);
    }

    /**
     * Compiles filters that are tested one after another on each event, as the overview's tiles are:
     * a comparison written the same way in several of them is tested once per event and its result
     * shared. The filters keep that result between calls, so they must be used by one thread, on
     * events in order.
     */
    public static List<Filter> compileAll(List<String> expressions, FalcoRules rules) throws FilterException {
        Map<String, Shared> shared = new java.util.HashMap<>();
        Map<String, BoundField> fields = new java.util.HashMap<>();
        List<Filter> out = new ArrayList<>();
        for (String expression : expressions) {
            FilterNode tree = rules.expand(FilterParser.parse(expression), expression);
            FilterCompiler c = new FilterCompiler();
            c.source = expression;
            c.shared = shared;
            c.sharedFields = fields;
            Compiled compiled = c.compile(tree);
            out.add(new Filter(expression, compiled.predicate, compiled.types, c.need, earliest(tree), c.readsCpuTimes));
        }
        return out;
    }

    /** A comparison compiled once for several filters, with the state it needs. */
    private record Shared(Compiled compiled, Filter.StateNeed need) {
    }

    /** A field's text and number for the last event they were read for. */
    private static final class RememberedField implements BoundField {
        private final BoundField inner;
        private long textEvent = Long.MIN_VALUE;
        private String text;
        private long numberEvent = Long.MIN_VALUE;
        private long number;

        RememberedField(BoundField inner) {
            this.inner = inner;
        }

        @Override
        public org.scapscope.field.FieldInfo info() {
            return inner.info();
        }

        @Override
        public String text(FieldContext c) {
            long i = c.event().index();
            if (i != textEvent || i < 0) {
                text = inner.text(c);
                textEvent = i;
            }
            return text;
        }

        @Override
        public String printed(FieldContext c) {
            return inner.printed(c);
        }

        @Override
        public long number(FieldContext c) {
            long i = c.event().index();
            if (i != numberEvent || i < 0) {
                number = inner.number(c);
                numberEvent = i;
            }
            return number;
        }

        @Override
        public Double decimal(FieldContext c) {
            return inner.decimal(c);
        }

        @Override
        public Object json(FieldContext c) {
            return inner.json(c);
        }
    }

    /** A comparison's result for the last event it was tested on. */
    private static final class Remembered extends Predicate {
        private final Predicate inner;
        private long event = Long.MIN_VALUE;
        private boolean result;

        Remembered(Predicate inner) {
            this.inner = inner;
        }

        @Override
        boolean test(FieldContext c) {
            long i = c.event().index();
            // an event made up (index -1) is never the one remembered: each describes another thread or descriptor
            if (i != event || i < 0) {
                result = inner.test(c);
                event = i;
            }
            return result;
        }
    }

    /**
     * The earliest time (ns) an event must have to satisfy the filter, from {@code evt.rawtime}
     * comparisons it requires; 0 when it requires none. Scans start at the first event of that time.
     */
    static long earliest(FilterNode n) {
        if (n instanceof FilterNode.And a) {
            long t = 0;
            for (FilterNode o : a.operands()) {
                t = Math.max(t, earliest(o));
            }
            return t;
        }
        if (n instanceof MacroUse m) {
            return m.expansion() == null ? 0 : earliest(m.expansion());
        }
        if (n instanceof Comparison c && c.field() instanceof FieldRef ref && ref.reference().equals("evt.rawtime")
                && c.values().size() == 1 && c.values().get(0) instanceof Literal l) {
            Object v = Matcher.parse(ValueKind.UNSIGNED, l.text(), FieldType.ABSTIME);
            if (v instanceof Long t && t >= 0) {
                switch (c.operator()) {
                    case GE: case EQ: case EQ2:
                        return t;
                    case GT:
                        return t == Long.MAX_VALUE ? t : t + 1;
                    default:
                        return 0;
                }
            }
        }
        return 0;
    }

    /** A compiled node and the event types it can be true for (null: any). */
    private record Compiled(Predicate predicate, KeySet types) {
    }

    private Compiled compile(FilterNode node) throws FilterException {
        if (node instanceof FilterNode.And a) {
            Predicate[] parts = new Predicate[a.operands().size()];
            KeySet types = null;
            for (int i = 0; i < parts.length; i++) {
                Compiled c = compile(a.operands().get(i));
                parts[i] = c.predicate;
                types = types == null ? c.types : c.types == null ? types : types.and(c.types);
            }
            return new Compiled(new Predicate.And(parts), types);
        }
        if (node instanceof FilterNode.Or o) {
            Predicate[] parts = new Predicate[o.operands().size()];
            KeySet types = KeySet.none();
            boolean any = false;
            for (int i = 0; i < parts.length; i++) {
                Compiled c = compile(o.operands().get(i));
                parts[i] = c.predicate;
                if (c.types == null) {
                    any = true;
                } else {
                    types.addAll(c.types);
                }
            }
            return new Compiled(new Predicate.Or(parts), any ? null : types);
        }
        if (node instanceof FilterNode.Not n) {
            return new Compiled(new Predicate.Not(compile(n.operand()).predicate), null);
        }
        if (node instanceof MacroUse m) {
            String outer = source;
            source = m.expansionSource();
            try {
                return compile(m.expansion());
            } catch (FilterException e) {
                if (e.source().equals(outer)) {
                    throw e;
                }
                throw new FilterException(e.code(), "in macro " + m.name() + ": " + e.getMessage(), m.span(), outer);
            } finally {
                source = outer;
            }
        }
        return comparison((Comparison) node);
    }

    // ------------------------------------------------------------------------------- comparisons

    private Compiled comparison(Comparison c) throws FilterException {
        if (shared == null) {
            return compileComparison(c);
        }
        String key = text(c.span());
        Shared known = shared.get(key);
        if (known == null) {
            Filter.StateNeed before = need;
            need = Filter.StateNeed.NONE;
            Compiled compiled = compileComparison(c);
            known = new Shared(new Compiled(new Remembered(compiled.predicate), compiled.types), need);
            shared.put(key, known);
            need = before;
        }
        if (known.need().compareTo(need) > 0) {
            need = known.need();
        }
        return known.compiled();
    }

    private Compiled compileComparison(Comparison c) throws FilterException {
        Operator op = c.operator();
        if (c.field() instanceof FieldRef ref) {
            String name = ref.reference();
            if (EITHER_END.contains(name)) {
                needs(name);
                return eitherEnd(c, name);
            }
            if (name.equals("proc.aname") || name.equals("proc.apid")) {
                needs(name);
                return ancestors(c, name.equals("proc.apid"));
            }
            if (name.startsWith("evt.around[")) {
                return around(c, ref);
            }
        }
        Access access = access(c.field());
        ValueKind kind = access.kind();
        checkOperator(c, access.type, kind);
        if (access instanceof Access.Buffer && c.values().size() == 1 && c.values().get(0) instanceof Literal l) {
            BufferMatch fast = BufferMatch.of(op, (String) literal(c, kind, l, access.type));
            if (fast != null) {
                return new Compiled(fast, typesOf(c, access));
            }
        }
        boolean eventType = c.field() instanceof FieldRef ref && ref.reference().equals("evt.type");
        if (eventType) {
            checkEventTypeNames(c);
        }
        Matcher matcher = op == Operator.EXISTS ? null : matcher(c, kind, access.type);
        Predicate p = matcher instanceof Matcher.Integer64 number && access instanceof Access.Field field
                ? new CompareNumber(field, number::test)
                : matcher instanceof Matcher.InIntegers in && access instanceof Access.Field field
                ? new CompareNumber(field, in::test) : new Compare(new Access[] {access}, matcher, false);
        if (eventType && matcher != null && c.values().stream().allMatch(v -> v instanceof Literal)) {
            p = EventTypeName.of(matcher, p);
        }
        return new Compiled(p, typesOf(c, access));
    }

    /** A comparison true when it holds for either end of a connection. */
    private Compiled eitherEnd(Comparison c, String name) throws FilterException {
        FieldType type = FieldRegistry.get().info(name).type();
        ValueKind kind = ValueKind.of(type);
        checkOperator(c, type, kind);
        if (c.operator().takesList() && c.values().isEmpty()) {
            throw error(FilterErrorCode.EXPECTED_VALUE, "`" + c.operator().text() + "` needs at least one value for "
                    + fieldText(c), c.operatorSpan());
        }
        List<Object> values = new ArrayList<>();
        for (Operand v : c.values()) {
            if (!(v instanceof Literal l)) {
                throw error(FilterErrorCode.BAD_VALUE, name + " can only be compared with values", v.span());
            }
            values.add(literal(c, kind, l, type));
        }
        EitherEnd.Part part = kind == ValueKind.IP ? EitherEnd.Part.ADDRESS
                : kind == ValueKind.NET ? EitherEnd.Part.NETWORK : EitherEnd.Part.PORT;
        return new Compiled(new EitherEnd(part, c.operator(), values.toArray()), null);
    }

    /** {@code proc.aname} and {@code proc.apid} without a level: true when an ancestor of the process matches. */
    private Compiled ancestors(Comparison c, boolean pid) throws FilterException {
        FieldType type = pid ? FieldType.INT64 : FieldType.CHARBUF;
        ValueKind kind = ValueKind.of(type);
        checkOperator(c, type, kind);
        Matcher m = c.operator() == Operator.EXISTS ? null : matcher(c, kind, type);
        return new Compiled(new Ancestors(pid, m), null);
    }

    /** {@code evt.around[T] = D}: events within D milliseconds of time T (ns). */
    private Compiled around(Comparison c, FieldRef ref) throws FilterException {
        String r = ref.reference();
        String arg = r.endsWith("]") ? r.substring("evt.around[".length(), r.length() - 1) : "";
        long t;
        try {
            t = Long.parseUnsignedLong(arg);
        } catch (NumberFormatException e) {
            throw error(FilterErrorCode.BAD_ARGUMENT, "evt.around needs a time in nanoseconds, as in "
                    + "evt.around[1404996934793590564]=1000", ref.span());
        }
        if (c.operator() != Operator.EQ && c.operator() != Operator.EQ2) {
            throw error(FilterErrorCode.BAD_OPERATOR, "evt.around takes only '=' and a number of milliseconds",
                    c.operatorSpan());
        }
        Operand v = c.values().get(0);
        Long d = v instanceof Literal l ? (Long) Matcher.parse(ValueKind.UNSIGNED, l.text(), FieldType.UINT64) : null;
        if (d == null) {
            throw error(FilterErrorCode.BAD_VALUE, "evt.around needs a number of milliseconds", v.span());
        }
        long delta = d * 1_000_000L;
        long from = Long.compareUnsigned(t, delta) < 0 ? 0 : t - delta;
        long to = Long.compareUnsigned(t + delta, t) < 0 ? -1L : t + delta;
        return new Compiled(new Predicate() {
            @Override
            boolean test(FieldContext ctx) {
                long ts = ctx.event().ts();
                return Long.compareUnsigned(ts, from) >= 0 && Long.compareUnsigned(ts, to) <= 0;
            }
        }, null);
    }

    /** Notes what state a field needs. */
    private void needs(String reference) {
        int bracket = reference.indexOf('[');
        String name = bracket < 0 ? reference : reference.substring(0, bracket);
        if (name.startsWith("thread.cpu")) {
            readsCpuTimes = true;
        }
        Filter.StateNeed n;
        if (EVENT_ONLY.contains(name) || name.startsWith("evt.rawarg.") || name.startsWith("evt.type.is.")
                || name.equals("evt.around")) {
            n = Filter.StateNeed.NONE;
        } else if (THREAD_ONLY.contains(name)) {
            n = Filter.StateNeed.THREADS;
        } else {
            n = Filter.StateNeed.FULL;
        }
        if (n.compareTo(need) > 0) {
            need = n;
        }
    }

    private Access access(FieldOperand operand) throws FilterException {
        if (operand instanceof Transformed t) {
            Access inner = access(t.operand());
            ValueKind k = inner.kind();
            boolean text = k == ValueKind.STRING || k == ValueKind.BYTES;
            if (!text) {
                throw error(FilterErrorCode.BAD_TRANSFORMER, t.transformer().text() + "() applies to text and "
                        + "buffers, not to " + describe(inner.type), t.span());
            }
            return new Access.Transformed(t.transformer(), inner);
        }
        FieldRef ref = (FieldRef) operand;
        String name = ref.reference();
        needs(name);
        if (EITHER_END.contains(name) || name.equals("proc.aname") || name.equals("proc.apid")
                || name.startsWith("evt.around")) {
            throw error(FilterErrorCode.BAD_TRANSFORMER, name + " can only be compared directly", ref.span());
        }
        if (name.equals("evt.buffer")) {
            return new Access.Buffer();
        }
        if (NETWORK_OF.containsKey(name)) {
            return new Access.Field(bind(NETWORK_OF.get(name), ref.span()), FieldRegistry.get().info(name).type());
        }
        BoundField field = bind(name, ref.span());
        FieldType type = field.info().type();
        if (name.startsWith("evt.rawarg.")) {
            type = rawArgType(name.substring("evt.rawarg.".length()));
            if (type == null) {
                throw error(FilterErrorCode.BAD_ARGUMENT, "no event has an argument named `"
                        + name.substring("evt.rawarg.".length()) + "`", ref.span());
            }
        }
        return new Access.Field(field, type);
    }

    /** evt.type is compared with event names: a name no event has is a mistake, whatever the operator. */
    private void checkEventTypeNames(Comparison c) throws FilterException {
        Set<String> names = eventNames();
        for (Operand v : c.values()) {
            if (v instanceof Literal l && !names.contains(l.text())) {
                String hint = Suggestions.closest(l.text(), names);
                throw error(FilterErrorCode.BAD_VALUE, "`" + l.text() + "` is not the name of an event type or "
                        + "system call" + (hint == null ? "" : "; did you mean `" + hint + "`?"), l.span());
            }
        }
    }

    private static volatile Set<String> eventNames;

    private static Set<String> eventNames() {
        Set<String> names = eventNames;
        if (names == null) {
            names = new java.util.TreeSet<>();
            SysdigTable table = SysdigTable.get();
            for (int t = 0; t < EventSchema.get().size(); t++) {
                String n = table.typeName(t);
                if (n != null) {
                    names.add(n);
                }
            }
            for (int sc = 0; sc < table.syscallCount(); sc++) {
                String n = table.syscallName(sc);
                if (n != null) {
                    names.add(n);
                }
            }
            eventNames = names;
        }
        return names;
    }

    /** The type of a raw event argument, as the first event type with an argument of that name has it; null if none has. */
    private static FieldType rawArgType(String param) {
        EventSchema schema = EventSchema.get();
        for (int t = 0; t < schema.size(); t++) {
            EventInfo info = schema.event(t);
            int i = info == null ? -1 : info.paramIndex(param);
            if (i >= 0) {
                ParamInfo p = info.params().get(i);
                // a number of the argument's own width: a literal wider than it is cut to it, as
                // sysdig stores the value it compares
                switch (p.type()) {
                    case INT8:
                        return FieldType.INT8;
                    case INT16:
                        return FieldType.INT16;
                    case INT32: case FD32: case PID32:
                        return FieldType.INT32;
                    case INT64: case ERRNO: case FD: case PID:
                        return FieldType.INT64;
                    case UINT8: case FLAGS8: case ENUMFLAGS8: case SIGTYPE: case L4PROTO: case SOCKFAMILY:
                        return FieldType.UINT8;
                    case UINT16: case FLAGS16: case ENUMFLAGS16: case SYSCALLID: case PORT:
                        return FieldType.UINT16;
                    case UINT32: case FLAGS32: case ENUMFLAGS32: case UID: case GID: case MODE:
                        return FieldType.UINT32;
                    case UINT64: case RELTIME: case ABSTIME:
                        return FieldType.UINT64;
                    case DOUBLE:
                        return FieldType.DOUBLE;
                    default:
                        return FieldType.CHARBUF;
                }
            }
        }
        return null;
    }

    private BoundField bind(String reference, SourceSpan span) throws FilterException {
        try {
            if (sharedFields != null) {
                // filters compiled together read a field once per event, however many compare it
                BoundField known = sharedFields.get(reference);
                if (known == null) {
                    known = new RememberedField(FieldRegistry.get().bind(reference));
                    sharedFields.put(reference, known);
                }
                return known;
            }
            return FieldRegistry.get().bind(reference);
        } catch (FieldException e) {
            String msg = e.getMessage();
            boolean unknown = msg.startsWith("unknown field");
            if (unknown) {
                String hint = Suggestions.closestField(reference);
                msg = "unknown field `" + reference + "`" + (hint == null ? "" : "; did you mean `" + hint + "`?");
            }
            throw error(unknown ? FilterErrorCode.UNKNOWN_FIELD : FilterErrorCode.BAD_ARGUMENT, msg, span);
        }
    }

    private void checkOperator(Comparison c, FieldType type, ValueKind kind) throws FilterException {
        Operator op = c.operator();
        if (!kind.operators().contains(op)) {
            List<String> ok = new ArrayList<>();
            for (Operator o : kind.operators()) {
                if (o != Operator.EQ2) {
                    ok.add(o.text());
                }
            }
            throw error(FilterErrorCode.BAD_OPERATOR, "`" + op.text() + "` does not apply to " + fieldText(c)
                    + " (" + describe(type) + "); use " + String.join(", ", ok), c.operatorSpan());
        }
        if (op.takesList() && c.values().isEmpty() && op == Operator.PMATCH) {
            throw error(FilterErrorCode.EXPECTED_VALUE, "pmatch needs at least one path", c.operatorSpan());
        }
        for (Operand v : c.values()) {
            if (v instanceof FieldValue && (op.takesList() || op == Operator.REGEX || op == Operator.GLOB
                    || op == Operator.IGLOB)) {
                throw error(FilterErrorCode.BAD_VALUE, "val(...) cannot be used with `" + op.text() + "`", v.span());
            }
        }
    }

    private Matcher matcher(Comparison c, ValueKind kind, FieldType type) throws FilterException {
        Operator op = c.operator();
        List<Operand> values = c.values();
        if (values.size() == 1 && values.get(0) instanceof FieldValue fv) {
            Access right = access(fv.field());
            ValueKind rk = right.kind();
            boolean compatible = rk == kind || (kind == ValueKind.NET && rk == ValueKind.IP)
                    || (isText(kind) && isText(rk)) || (isNumber(kind) && isNumber(rk));
            if (!compatible) {
                throw error(FilterErrorCode.BAD_VALUE, "val(" + text(fv.field().span()) + ") is " + describe(right.type)
                        + ", which cannot be compared with " + fieldText(c), fv.span());
            }
            return new Matcher.OtherField(kind, op, right, type);
        }
        List<Object> parsed = new ArrayList<>();
        for (Operand v : values) {
            parsed.add(literal(c, kind, (Literal) v, type));
        }
        switch (op) {
            case IN: case INTERSECTS:
                if (parsed.isEmpty() && !isText(kind)) {
                    throw error(FilterErrorCode.EXPECTED_VALUE, "`" + op.text() + "` needs at least one value for "
                            + fieldText(c), c.operatorSpan());
                }
                if (parsed.isEmpty()) {
                    return new Matcher() {
                        @Override
                        boolean test(String value, FieldContext ctx) {
                            return false;
                        }
                    };
                }
                if (isText(kind)) {
                    return new Matcher.InStrings(Matcher.set(parsed));
                }
                if ((kind == ValueKind.SIGNED || kind == ValueKind.UNSIGNED) && op == Operator.IN
                        && parsed.stream().allMatch(v -> v instanceof Long)) {
                    return new Matcher.InIntegers(parsed.stream().mapToLong(v -> (Long) v).toArray(),
                            kind == ValueKind.UNSIGNED);
                }
                return new Matcher.AnyOf(kind, parsed.toArray());
            case PMATCH:
                return new Matcher.PathPrefix(PathPrefixes.of(Matcher.strings(parsed)));
            case GLOB: case IGLOB:
                return new Matcher.Patterned(Glob.compile((String) parsed.get(0), op == Operator.IGLOB), true);
            case REGEX:
                try {
                    return new Matcher.Patterned(Pattern.compile((String) parsed.get(0)), true);
                } catch (PatternSyntaxException e) {
                    throw error(FilterErrorCode.BAD_VALUE, "bad regular expression: " + e.getDescription(),
                            values.get(0).span());
                }
            case EQ: case EQ2: case NE:
                if (isText(kind)) {
                    return new Matcher.Equals((String) parsed.get(0), op == Operator.NE);
                }
                return numberOrOne(kind, op, parsed.get(0));
            default:
                return numberOrOne(kind, op, parsed.get(0));
        }
    }

    private static Matcher numberOrOne(ValueKind kind, Operator op, Object value) {
        if (kind == ValueKind.SIGNED || kind == ValueKind.UNSIGNED) {
            return new Matcher.Integer64(op, (Long) value, kind == ValueKind.UNSIGNED);
        }
        return new Matcher.One(kind, op, value);
    }

    private Object literal(Comparison c, ValueKind kind, Literal l, FieldType type) throws FilterException {
        Operator op = c.operator();
        if (op == Operator.BCONTAINS || op == Operator.BSTARTSWITH) {
            String hex = l.text();
            if (hex.length() % 2 != 0 || !hex.chars().allMatch(ch -> Character.digit(ch, 16) >= 0)) {
                throw error(FilterErrorCode.BAD_VALUE, "`" + op.text() + "` takes bytes in hexadecimal, as 0a1b",
                        l.span());
            }
            byte[] bytes = HexFormat.of().parseHex(hex);
            return new String(bytes, java.nio.charset.StandardCharsets.ISO_8859_1);
        }
        Object v = Matcher.parse(kind, l.text(), type);
        if (v == null) {
            throw error(FilterErrorCode.BAD_VALUE, "`" + l.text() + "` is not " + expected(kind, type == FieldType.PORT) + " for "
                    + fieldText(c), l.span());
        }
        return v;
    }

    private static String expected(ValueKind kind, boolean port) {
        switch (kind) {
            case SIGNED:
                return "an integer";
            case UNSIGNED:
                return port ? "a port number or service name" : "a non-negative integer";
            case DOUBLE:
                return "a number";
            case BOOL:
                return "true or false";
            case IP:
                return "an IP address";
            case NET:
                return "a network such as 10.0.0.0/8";
            default:
                return "a value";
        }
    }

    /** The event types a comparison can be true for: named types for evt.type, types carrying the argument. */
    private KeySet typesOf(Comparison c, Access access) {
        Operator op = c.operator();
        if (!(c.field() instanceof FieldRef ref)) {
            return null;
        }
        String name = ref.reference();
        if (name.equals("evt.type") && (op == Operator.EQ || op == Operator.EQ2 || op == Operator.IN)
                && c.values().stream().allMatch(v -> v instanceof Literal)) {
            KeySet types = KeySet.none();
            SysdigTable table = SysdigTable.get();
            int size = EventSchema.get().size();
            for (Operand v : c.values()) {
                String wanted = ((Literal) v).text();
                for (int t = 0; t < size; t++) {
                    if (wanted.equals(table.typeName(t))) {
                        types.add(t);
                    }
                }
            }
            // generic system-call events are named by the call they carry
            types.add(EventTypes.GENERIC_E);
            types.add(EventTypes.GENERIC_X);
            for (Operand v : c.values()) {
                String wanted = ((Literal) v).text();
                for (int sc = 0; sc < Math.min(table.syscallCount(), TypeColumn.GENERIC_KEYS >> 1); sc++) {
                    if (wanted.equals(table.syscallName(sc))) {
                        types.add(TypeColumn.genericKey(sc, false));
                        types.add(TypeColumn.genericKey(sc, true));
                    }
                }
            }
            return types;
        }
        boolean eq = (op == Operator.EQ || op == Operator.EQ2) && c.values().size() == 1
                && c.values().get(0) instanceof Literal;
        if (eq && name.equals("evt.dir")) {
            // the direction is the type's parity (generic keys keep it in their lowest bit)
            String v = ((Literal) c.values().get(0)).text();
            boolean exit = v.equals("<");
            return exit || v.equals(">") ? KeySet.direction(exit) : KeySet.none();
        }
        if (eq && (name.equals("evt.is_io") || name.equals("evt.is_io_read") || name.equals("evt.is_io_write"))) {
            String v = ((Literal) c.values().get(0)).text();
            int mask = name.equals("evt.is_io_read") ? EventInfo.EF_READS_FROM_FD
                    : name.equals("evt.is_io_write") ? EventInfo.EF_WRITES_TO_FD
                    : EventInfo.EF_READS_FROM_FD | EventInfo.EF_WRITES_TO_FD;
            boolean wanted = v.equals("true");
            SysdigTable table = SysdigTable.get();
            return withGenericKeys(KeySet.ofTypes(t -> ((table.flags(t) & mask) != 0) == wanted));
        }
        if (name.equals("evt.buffer") || name.startsWith("evt.rawarg.")) {
            String param = name.equals("evt.buffer") ? "data" : name.substring("evt.rawarg.".length());
            EventSchema schema = EventSchema.get();
            return withGenericKeys(KeySet.ofTypes(t -> {
                EventInfo info = schema.event(t);
                return info != null && info.paramIndex(param) >= 0;
            }));
        }
        IntPredicate withValues = FieldRegistry.get().typesWithValues(name);
        if (withValues != null) {
            // a comparison is false where the field has no value
            return withGenericKeys(KeySet.ofTypes(withValues));
        }
        return null;
    }

    /** Marks every generic system-call key when the generic event types are marked. */
    private static KeySet withGenericKeys(KeySet types) {
        types.genericKeysAsGenericTypes();
        return types;
    }

    private static boolean isText(ValueKind k) {
        return k == ValueKind.STRING || k == ValueKind.BYTES;
    }

    private static boolean isNumber(ValueKind k) {
        return k == ValueKind.SIGNED || k == ValueKind.UNSIGNED || k == ValueKind.DOUBLE || k == ValueKind.BOOL;
    }

    private static String describe(FieldType type) {
        switch (ValueKind.of(type)) {
            case STRING:
                return "text";
            case BYTES:
                return "a data buffer";
            case SIGNED: case UNSIGNED:
                return "a number";
            case DOUBLE:
                return "a decimal number";
            case BOOL:
                return "true or false";
            case IP:
                return "an IP address";
            default:
                return "a network address";
        }
    }

    private String fieldText(Comparison c) {
        return text(c.field().span());
    }

    private String text(SourceSpan span) {
        return source.substring(span.start(), span.end());
    }

    private FilterException error(FilterErrorCode code, String message, SourceSpan span) {
        return new FilterException(code, message, span, source);
    }

    // ------------------------------------------------------------------------------- predicates

    /**
     * A comparison of one value, or of several where any may match (either end of a connection);
     * with {@code allMustHold} (for `!=`), every value present must satisfy it.
     */
    private static final class Compare extends Predicate {
        private final Access[] accesses;
        private final Matcher matcher;
        private final boolean allMustHold;

        Compare(Access[] accesses, Matcher matcher, boolean allMustHold) {
            this.accesses = accesses;
            this.matcher = matcher;
            this.allMustHold = allMustHold;
        }

        @Override
        boolean test(FieldContext c) {
            if (allMustHold) {
                boolean any = false;
                for (Access a : accesses) {
                    String v = a.value(c);
                    if (v != null) {
                        if (!matcher.test(v, c)) {
                            return false;
                        }
                        any = true;
                    }
                }
                return any;
            }
            for (Access a : accesses) {
                String v = a.value(c);
                if (v != null && (matcher == null || matcher.test(v, c))) {
                    return true;
                }
            }
            return false;
        }
    }

    /**
     * {@code evt.type} compared with written values: answered per event type from a table made once,
     * with no name read per event; generic system calls, named by the call they carry, and types
     * with no name are compared as written.
     */
    private static final class EventTypeName extends Predicate {
        private static final byte ASK = 0;
        private static final byte NO = 1;
        private static final byte YES = 2;
        private final byte[] answers;
        private final Predicate asWritten;

        private EventTypeName(byte[] answers, Predicate asWritten) {
            this.answers = answers;
            this.asWritten = asWritten;
        }

        static EventTypeName of(Matcher matcher, Predicate asWritten) {
            SysdigTable table = SysdigTable.get();
            byte[] answers = new byte[EventSchema.get().size()];
            for (int t = 0; t < answers.length; t++) {
                String name = table.typeName(t);
                if (t != EventTypes.GENERIC_E && t != EventTypes.GENERIC_X && name != null) {
                    answers[t] = matcher.test(name, null) ? YES : NO;
                }
            }
            return new EventTypeName(answers, asWritten);
        }

        @Override
        boolean test(FieldContext c) {
            int t = c.event().type();
            byte a = t >= 0 && t < answers.length ? answers[t] : ASK;
            return a == ASK ? asWritten.test(c) : a == YES;
        }
    }

    /** An integer field compared with integers, read as a number: nothing is allocated per event. */
    private static final class CompareNumber extends Predicate {
        private final Access.Field access;
        private final java.util.function.LongPredicate matcher;

        CompareNumber(Access.Field access, java.util.function.LongPredicate matcher) {
            this.access = access;
            this.matcher = matcher;
        }

        @Override
        boolean test(FieldContext c) {
            long v = access.number(c);
            return v != org.scapscope.field.BoundField.NO_NUMBER && matcher.test(v);
        }
    }

    /** True when the parent, grandparent, ... of the event's process matches. */
    private static final class Ancestors extends Predicate {
        private final boolean pid;
        private final Matcher matcher;

        Ancestors(boolean pid, Matcher matcher) {
            this.pid = pid;
            this.matcher = matcher;
        }

        @Override
        boolean test(FieldContext c) {
            ThreadInfo t = c.thread();
            if (t == null) {
                return false;
            }
            ThreadInfo main = t.mainThread();
            ThreadInfo a = main == null ? null : main.parent();
            for (int i = 0; a != null && i < MAX_ANCESTORS; i++) {
                if (matcher == null) {
                    return true;
                }
                String v = pid ? Long.toString(a.pid()) : a.comm();
                if (v != null && matcher.test(v, c)) {
                    return true;
                }
                a = a.parent();
            }
            return false;
        }
    }
}
