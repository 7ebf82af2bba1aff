package org.scapscope.field;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.function.IntPredicate;

/**
 * Every field Scapscope knows, by name. Field references are resolved here once
 * ({@link #bind}), never per event.
 */
public final class FieldRegistry {
    /** Makes a bound field from a field's argument (null when none was given). */
    @FunctionalInterface
    interface Binder {
        BoundField bind(FieldInfo info, String argument) throws FieldException;
    }

    /**
     * The field classes in {@code sysdig -l} order, with the name prefixes of their fields. A class
     * is registered the first time one of its fields is asked for: a command line naming two
     * fields does not pay for building the other few hundred.
     */
    private static final List<FieldGroup> GROUPS = List.of(
            new FieldGroup(EventFields::register, "evt", "syscall"),
            new FieldGroup(ProcFields::register, "proc"),
            new FieldGroup(FdFields::register, "fd"),
            new FieldGroup(FdlistFields::register, "fdlist"),
            new FieldGroup(ThreadFields::register, "thread"),
            new FieldGroup(UserFields::register, "user", "group"),
            new FieldGroup(ContainerFields::register, "container"),
            new FieldGroup(SyslogFields::register, "syslog"),
            new FieldGroup(FsPathFields::register, "fs"),
            new FieldGroup(K8sFields::register, "k8s"));

    /** One field class: how to register it, and the prefixes of its names. */
    private record FieldGroup(Consumer<FieldRegistry> register, List<String> prefixes) {
        FieldGroup(Consumer<FieldRegistry> register, String... prefixes) {
            this(register, List.of(prefixes));
        }
    }

    private static final Map<String, Integer> GROUP_OF_PREFIX = new HashMap<>();

    static {
        for (int g = 0; g < GROUPS.size(); g++) {
            for (String p : GROUPS.get(g).prefixes()) {
                GROUP_OF_PREFIX.put(p, g);
            }
        }
    }

    private static final FieldRegistry INSTANCE = new FieldRegistry();

    /** A registered field: what it is, how it is bound, its class, and where it may be used. */
    private record Entry(FieldInfo info, Binder binder, String fieldClass, boolean filterOnly, boolean tableOnly) {
    }

    private final Map<String, Entry> entries = new ConcurrentHashMap<>();
    private final Map<String, IntPredicate> valueTypes = new ConcurrentHashMap<>();
    /** The names of each group's fields, in the order registered. */
    private final List<List<String>> names = new ArrayList<>();
    /** A bit for each group registered; set once its fields are all in the maps above. */
    private volatile int registered;
    /** The group being registered: what {@link #add} adds to. */
    private int registering = -1;

    FieldRegistry() {
        for (int g = 0; g < GROUPS.size(); g++) {
            names.add(new ArrayList<>());
        }
    }

    public static FieldRegistry get() {
        return INSTANCE;
    }

    /**
     * Registers the class a field name belongs to, if it is not yet; every class when the name's
     * prefix names none, so that an unknown name is found unknown against them all.
     */
    private void ensure(String name) {
        int dot = name.indexOf('.');
        Integer g = GROUP_OF_PREFIX.get(dot < 0 ? name : name.substring(0, dot));
        if (g == null) {
            ensureAll();
        } else if ((registered & (1 << g)) == 0) {
            register(g);
        }
    }

    private void ensureAll() {
        for (int g = 0; g < GROUPS.size(); g++) {
            if ((registered & (1 << g)) == 0) {
                register(g);
            }
        }
    }

    private synchronized void register(int g) {
        if ((registered & (1 << g)) != 0) {
            return;
        }
        int outer = registering;
        registering = g;
        try {
            GROUPS.get(g).register().accept(this);
        } catch (RuntimeException | Error e) {
            // a class half registered is taken out again: asking again tries it whole
            for (String name : names.get(g)) {
                entries.remove(name);
                valueTypes.remove(name);
            }
            names.get(g).clear();
            throw e;
        } finally {
            registering = outer;
        }
        registered |= 1 << g;
    }

    /** How many field classes are registered so far. */
    int registeredClasses() {
        return Integer.bitCount(registered);
    }

    /** Every field name, those left out of {@link #fields()} too. */
    List<String> allNames() {
        ensureAll();
        List<String> out = new ArrayList<>();
        for (List<String> n : names) {
            out.addAll(n);
        }
        return out;
    }

    void add(String fieldClass, FieldInfo info, Binder binder) {
        put(new Entry(info, binder, fieldClass, false, false));
    }

    private void put(Entry e) {
        entries.put(e.info().name(), e);
        names.get(registering).add(e.info().name());
    }

    /** A field that filters can use but output formats cannot. */
    void addFilterOnly(String fieldClass, FieldInfo info) {
        put(new Entry(info, (i, arg) -> new EventFields.Simple(i, c -> null), fieldClass, true, false));
    }

    /**
     * A field that views use but {@code sysdig -l} does not list (libsinsp's table-only fields, such
     * as the byte counts of file or network I/O): bound like any other, left out of {@link #fields()}.
     */
    void addTableOnly(String fieldClass, FieldInfo info, Binder binder) {
        put(new Entry(info, binder, fieldClass, false, true));
    }

    /** Notes that a field has a value only on events of the types {@code types} accepts. */
    void valuesOnlyOn(String name, IntPredicate types) {
        valueTypes.put(name, types);
    }

    /**
     * The event types on which a field can have a value, when it is known to have none on the
     * others (descriptor fields on events with no descriptor, for instance); null when it may have
     * one on any event. A comparison on such a field is false on the other types.
     */
    public IntPredicate typesWithValues(String name) {
        ensure(name);
        return valueTypes.get(name);
    }

    /** Whether a field may only be used in filters. */
    public boolean isFilterOnly(String name) {
        ensure(name);
        Entry e = entries.get(name);
        return e != null && e.filterOnly();
    }

    /** All fields in registry order, as {@code sysdig -l} lists them (without the table-only ones). */
    public List<FieldInfo> fields() {
        ensureAll();
        List<FieldInfo> out = new ArrayList<>();
        for (List<String> group : names) {
            for (String name : group) {
                Entry e = entries.get(name);
                if (!e.tableOnly()) {
                    out.add(e.info());
                }
            }
        }
        return Collections.unmodifiableList(out);
    }

    /** The class a field belongs to ({@code evt}, {@code proc}, ...). */
    public String fieldClass(String name) {
        ensure(name);
        Entry e = entries.get(name);
        return e == null ? null : e.fieldClass();
    }

    /** The length of the longest field name. */
    public int longestName() {
        ensureAll();
        int longest = 0;
        for (String name : entries.keySet()) {
            longest = Math.max(longest, name.length());
        }
        return longest;
    }

    public FieldInfo info(String name) {
        ensure(name);
        Entry e = entries.get(name);
        return e == null ? null : e.info();
    }

    /** As {@link #bind(String)}, with the field writing its text as {@code options} say (a buffer not cut short, say). */
    public BoundField bind(String reference, TextOptions options) throws FieldException {
        BoundField b = bind(reference);
        return b instanceof TextOptionsAware aware ? aware.withTextOptions(options) : b;
    }

    /**
     * Resolves a field reference: a name, optionally followed by {@code [ARG]} or, for fields that take
     * a name, {@code .ARG} ({@code evt.arg.fd}, {@code evt.arg[0]}, {@code proc.aname[2]}).
     */
    public BoundField bind(String reference) throws FieldException {
        String name = reference;
        String argument = null;
        int bracket = reference.indexOf('[');
        if (bracket >= 0) {
            if (!reference.endsWith("]")) {
                throw new FieldException("field " + reference + " has an unclosed '['");
            }
            name = reference.substring(0, bracket);
            argument = reference.substring(bracket + 1, reference.length() - 1);
        }
        FieldInfo info = info(name);
        if (info == null && argument == null) {
            // Longest registered prefix followed by '.', for evt.arg.NAME style references.
            for (int dot = name.lastIndexOf('.'); dot > 0; dot = name.lastIndexOf('.', dot - 1)) {
                FieldInfo candidate = info(name.substring(0, dot));
                if (candidate != null && (candidate.argument() == FieldInfo.Argument.NAME
                        || candidate.argument() == FieldInfo.Argument.INDEX_OR_NAME
                        || candidate.argument() == FieldInfo.Argument.REQUIRED_NAME)) {
                    info = candidate;
                    argument = name.substring(dot + 1);
                    break;
                }
            }
        }
        if (info == null) {
            throw new FieldException("unknown field " + reference);
        }
        if (argument == null && info.argument() == FieldInfo.Argument.REQUIRED_NAME) {
            throw new FieldException("field " + info.name() + " needs an argument, as in " + info.name() + ".NAME");
        }
        if (argument != null && info.argument() == FieldInfo.Argument.NONE) {
            throw new FieldException("field " + info.name() + " takes no argument");
        }
        return entries.get(info.name()).binder().bind(info, argument);
    }
}
