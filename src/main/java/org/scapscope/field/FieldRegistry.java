package org.scapscope.field;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
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

    private static final FieldRegistry INSTANCE = new FieldRegistry();

    private final Map<String, FieldInfo> infos = new LinkedHashMap<>();
    private final Map<String, Binder> binders = new LinkedHashMap<>();
    private final Map<String, String> classes = new LinkedHashMap<>();
    private final Set<String> filterOnly = new HashSet<>();
    private final Set<String> tableOnly = new HashSet<>();
    private final Map<String, IntPredicate> valueTypes = new HashMap<>();

    private FieldRegistry() {
        EventFields.register(this);
        ProcFields.register(this);
        FdFields.register(this);
        FdlistFields.register(this);
        ThreadFields.register(this);
        UserFields.register(this);
        ContainerFields.register(this);
        SyslogFields.register(this);
        FsPathFields.register(this);
        K8sFields.register(this);
    }

    public static FieldRegistry get() {
        return INSTANCE;
    }

    void add(String fieldClass, FieldInfo info, Binder binder) {
        infos.put(info.name(), info);
        binders.put(info.name(), binder);
        classes.put(info.name(), fieldClass);
    }

    /** A field that filters can use but output formats cannot. */
    void addFilterOnly(String fieldClass, FieldInfo info) {
        add(fieldClass, info, (i, arg) -> new EventFields.Simple(i, c -> null));
        filterOnly.add(info.name());
    }

    /**
     * A field that views use but {@code sysdig -l} does not list (libsinsp's table-only fields, such
     * as the byte counts of file or network I/O): bound like any other, left out of {@link #fields()}.
     */
    void addTableOnly(String fieldClass, FieldInfo info, Binder binder) {
        add(fieldClass, info, binder);
        tableOnly.add(info.name());
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
        return valueTypes.get(name);
    }

    /** Whether a field may only be used in filters. */
    public boolean isFilterOnly(String name) {
        return filterOnly.contains(name);
    }

    /** All fields in registry order, as {@code sysdig -l} lists them (without the table-only ones). */
    public List<FieldInfo> fields() {
        List<FieldInfo> out = new ArrayList<>();
        for (FieldInfo f : infos.values()) {
            if (!tableOnly.contains(f.name())) {
                out.add(f);
            }
        }
        return Collections.unmodifiableList(out);
    }

    /** The class a field belongs to ({@code evt}, {@code proc}, ...). */
    public String fieldClass(String name) {
        return classes.get(name);
    }

    public FieldInfo info(String name) {
        return infos.get(name);
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
        FieldInfo info = infos.get(name);
        if (info == null && argument == null) {
            // Longest registered prefix followed by '.', for evt.arg.NAME style references.
            for (int dot = name.lastIndexOf('.'); dot > 0; dot = name.lastIndexOf('.', dot - 1)) {
                FieldInfo candidate = infos.get(name.substring(0, dot));
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
        return binders.get(info.name()).bind(info, argument);
    }
}
