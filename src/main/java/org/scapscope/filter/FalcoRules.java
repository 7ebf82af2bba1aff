package org.scapscope.filter;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.scapscope.filter.FilterNode.And;
import org.scapscope.filter.FilterNode.Comparison;
import org.scapscope.filter.FilterNode.Literal;
import org.scapscope.filter.FilterNode.MacroUse;
import org.scapscope.filter.FilterNode.Not;
import org.scapscope.filter.FilterNode.Operand;
import org.scapscope.filter.FilterNode.Or;

/**
 * The {@code list} and {@code macro} definitions of Falco rules files, and their expansion in filter
 * expressions: a macro's name stands for its condition, and a list's name inside {@code in (...)},
 * {@code intersects (...)} or {@code pmatch (...)} stands for its items. Later files extend or
 * replace earlier definitions as Falco's {@code append: true} and {@code override} say.
 */
public final class FalcoRules {
    private static final FalcoRules NONE = new FalcoRules();

    private final Map<String, List<String>> lists = new LinkedHashMap<>();
    private final Map<String, Macro> macros = new LinkedHashMap<>();
    private final Map<String, FilterNode> parsed = new java.util.concurrent.ConcurrentHashMap<>();
    /** Each macro's condition with its own macros expanded: the same whatever uses it. */
    private final Map<String, FilterNode> expanded = new java.util.concurrent.ConcurrentHashMap<>();

    /** The rules as defined so far, to be changed by the files after. */
    private final Map<String, RuleDefinition> ruleDefinitions = new LinkedHashMap<>();

    private record Macro(String condition, Path file) {
    }

    /**
     * A Falco rule: what it looks for ({@code condition}, its exceptions already added as
     * {@code and not (...)}), what it says when an event matches ({@code output}, with
     * {@code %field} references), how much it matters ({@code priority}, as written), whether it is
     * on, its tags, the source of events it is about ({@code syscall} unless said) and the file that
     * defined it.
     */
    public record Rule(String name, String condition, String output, String priority, boolean enabled,
            List<String> tags, String source, Path file) {
    }

    private FalcoRules() {
    }

    /** No lists and no macros. */
    public static FalcoRules none() {
        return NONE;
    }

    /** The definitions of these rules files, read in order. */
    public static FalcoRules load(List<Path> files) throws IOException, FilterException {
        return NONE.and(files);
    }

    /** These definitions and then those of {@code files}, read in order; these stay as they are. */
    public FalcoRules and(List<Path> files) throws IOException, FilterException {
        FalcoRules rules = new FalcoRules();
        lists.forEach((name, items) -> rules.lists.put(name, new ArrayList<>(items)));
        rules.macros.putAll(macros);
        ruleDefinitions.forEach((name, d) -> rules.ruleDefinitions.put(name, d.copy()));
        ObjectMapper yaml = new ObjectMapper(new YAMLFactory());
        for (Path file : files) {
            if (!java.nio.file.Files.isRegularFile(file)) {
                throw rulesError(file, java.nio.file.Files.exists(file) ? "is not a file" : "does not exist");
            }
            // a file may hold several YAML documents (---): Falco reads them all, in order
            List<JsonNode> documents = new ArrayList<>();
            try (com.fasterxml.jackson.core.JsonParser p = yaml.getFactory().createParser(file.toFile())) {
                while (p.nextToken() != null) {
                    documents.add(yaml.readTree(p));
                }
            } catch (com.fasterxml.jackson.core.JacksonException e) {
                throw rulesError(file, "is not valid YAML " + yamlProblem(e));
            } catch (java.io.IOException e) {
                throw rulesError(file, "cannot be read: " + e.getMessage());
            }
            int item = 0;
            for (JsonNode root : documents) {
                if (root == null || root.isNull() || root.isMissingNode()) {
                    continue;
                }
                if (!root.isArray()) {
                    throw rulesError(file, "must be a YAML list of rules, macros and lists");
                }
                for (JsonNode entry : root) {
                    item++;
                    rules.read(file, item, entry);
                }
            }
        }
        return rules;
    }

    /**
     * The definitions of the rules files in a folder ({@code *.yaml} and {@code *.yml}, read in
     * the order of their names, each once), as the app and the command line read the user's own.
     * A file that cannot be read, or whose entries do not fit those before it (one that appends to
     * a list or macro no file before it defines, say), is left out, and what is wrong with it
     * added to {@code problems}; the files after it are read without it. A macro's condition is
     * checked when a filter uses it. No folder, no definitions.
     */
    public static FalcoRules ofFolder(Path folder, List<String> problems) {
        if (!java.nio.file.Files.isDirectory(folder)) {
            return none();
        }
        List<Path> files;
        try (java.util.stream.Stream<Path> all = java.nio.file.Files.list(folder)) {
            files = all.filter(f -> {
                String name = f.getFileName().toString();
                return name.endsWith(".yaml") || name.endsWith(".yml");
            }).sorted().toList();
        } catch (IOException e) {
            problems.add(folder + ": " + e.getMessage());
            return none();
        }
        FalcoRules rules = none();
        for (Path f : files) {
            try {
                rules = rules.and(List.of(f));
            } catch (IOException | FilterException e) {
                problems.add(e.getMessage());
            }
        }
        return rules;
    }

    /** The rules, in definition order (the order Falco tries them in). */
    public List<Rule> rules() {
        List<Rule> out = new ArrayList<>();
        for (RuleDefinition d : ruleDefinitions.values()) {
            out.add(d.rule());
        }
        return out;
    }

    /** Names of the macros, in definition order. */
    public List<String> macroNames() {
        return new ArrayList<>(macros.keySet());
    }

    /** Names of the lists, in definition order. */
    public List<String> listNames() {
        return new ArrayList<>(lists.keySet());
    }

    /** The items of a list, with the lists it names expanded; null when there is no such list. */
    public List<String> listItems(String name) {
        return lists.containsKey(name) ? expandList(name, new ArrayDeque<>(), new HashMap<>()) : null;
    }

    private void read(Path file, int item, JsonNode entry) throws FilterException {
        if (!entry.isObject()) {
            throw rulesError(file, "item " + item + " is not a mapping");
        }
        boolean append = entry.path("append").asBoolean(false);
        if (entry.has("list")) {
            String name = entry.get("list").asText();
            JsonNode items = entry.get("items");
            if (items == null || !items.isArray()) {
                throw rulesError(file, "list " + name + " has no items array");
            }
            List<String> values = new ArrayList<>();
            for (JsonNode v : items) {
                values.add(v.asText());
            }
            expanded.clear();
            boolean extend = append || "append".equals(entry.path("override").path("items").asText());
            if (extend && lists.containsKey(name)) {
                lists.get(name).addAll(values);
            } else if (extend) {
                throw rulesError(file, "list " + name + " is appended to before it is defined");
            } else {
                lists.put(name, values);
            }
        } else if (entry.has("macro")) {
            String name = entry.get("macro").asText();
            JsonNode condition = entry.get("condition");
            if (condition == null || !condition.isTextual()) {
                throw rulesError(file, "macro " + name + " has no condition");
            }
            boolean extend = append || "append".equals(entry.path("override").path("condition").asText());
            Macro before = macros.get(name);
            if (extend && before == null) {
                throw rulesError(file, "macro " + name + " is appended to before it is defined");
            }
            String text = extend ? before.condition() + " " + condition.asText() : condition.asText();
            macros.put(name, new Macro(text.strip(), file));
            parsed.clear();
            expanded.clear();
        } else if (entry.has("rule")) {
            readRule(file, entry, append);
        }
        // required_engine_version and the like say nothing about filters
    }

    /**
     * A rule, or a change to one defined before. An entry with a condition and neither
     * {@code append} nor {@code override} defines the rule anew. {@code append: true} adds to its
     * condition and exceptions; {@code override:} says for each field whether it is appended to or
     * replaced. An entry with no condition only changes what it gives ({@code enabled: false} turns
     * a rule off). Exceptions appended to by name take the fields and comparisons of the exception
     * of that name.
     */
    private void readRule(Path file, JsonNode entry, boolean append) throws FilterException {
        String name = entry.get("rule").asText();
        RuleDefinition before = ruleDefinitions.get(name);
        JsonNode override = entry.path("override");
        boolean redefines = entry.has("condition") && !append && override.isMissingNode();
        if (before == null && !redefines) {
            // a change to a rule of a file not loaded (Falco's own rules, say): nothing to change
            return;
        }
        RuleDefinition d = redefines ? new RuleDefinition(name, file) : before.copy();
        if (redefines) {
            for (String required : new String[] {"output", "priority"}) {
                if (!entry.path(required).isTextual() || entry.path(required).asText().isBlank()) {
                    throw rulesError(file, "rule " + name + " has no " + required);
                }
            }
        }
        String conditionMode = mode(override, "condition", append);
        if (entry.path("condition").isTextual()) {
            String c = entry.get("condition").asText().strip();
            d.condition = conditionMode.equals("append") && d.condition != null ? d.condition + " " + c : c;
        }
        if (entry.path("exceptions").isArray()) {
            if (!mode(override, "exceptions", append).equals("append")) {
                d.exceptions.clear();
            }
            for (JsonNode e : entry.get("exceptions")) {
                d.addException(file, e);
            }
        }
        if (entry.path("output").isTextual()) {
            String o = entry.get("output").asText().strip();
            d.output = mode(override, "output", append).equals("append") && d.output != null ? d.output + " " + o : o;
        }
        if (entry.path("priority").isTextual()) {
            d.priority = entry.get("priority").asText().strip();
        }
        if (entry.has("enabled")) {
            d.enabled = entry.get("enabled").asBoolean(true);
        }
        if (entry.path("tags").isArray()) {
            // appended tags join those the rule has, each once, as Falco keeps them (a set)
            java.util.Set<String> tags = new java.util.LinkedHashSet<>(
                    mode(override, "tags", append).equals("append") ? d.tags : List.of());
            entry.get("tags").forEach(t -> tags.add(t.asText()));
            d.tags = List.copyOf(tags);
        }
        if (entry.path("source").isTextual()) {
            d.source = entry.get("source").asText();
        }
        if (d.condition == null) {
            throw rulesError(file, "rule " + name + " has no condition");
        }
        ruleDefinitions.put(name, d);
    }

    /** How an entry changes a rule's {@code field}: {@code append} or {@code replace}. */
    private static String mode(JsonNode override, String field, boolean append) {
        String m = override.path(field).asText("");
        return !m.isEmpty() ? m : append && (field.equals("condition") || field.equals("exceptions")) ? "append"
                : "replace";
    }

    /** A rule as its files have defined it so far: its exceptions apart, to be appended to by name. */
    private static final class RuleDefinition {
        final String name;
        final Path file;
        String condition;
        String output;
        String priority;
        boolean enabled = true;
        List<String> tags = List.of();
        String source = "syscall";
        /** The exceptions by name: their fields (one, or several), comparisons and values. */
        final Map<String, RuleException> exceptions = new LinkedHashMap<>();

        RuleDefinition(String name, Path file) {
            this.name = name;
            this.file = file;
        }

        RuleDefinition copy() {
            RuleDefinition d = new RuleDefinition(name, file);
            d.condition = condition;
            d.output = output;
            d.priority = priority;
            d.enabled = enabled;
            d.tags = tags;
            d.source = source;
            exceptions.forEach((k, e) -> d.exceptions.put(k, e.copy()));
            return d;
        }

        void addException(Path in, JsonNode e) throws FilterException {
            String exception = e.path("name").asText("");
            RuleException known = exceptions.get(exception);
            if (known == null) {
                JsonNode fields = e.path("fields");
                if (!fields.isTextual() && (!fields.isArray() || fields.isEmpty())) {
                    throw rulesError(in, "exception " + exception + " of rule " + name + " has no fields");
                }
                known = new RuleException(fields, e.path("comps"), new ArrayList<>());
                exceptions.put(exception, known);
            }
            JsonNode values = e.path("values");
            if (values.isArray()) {
                for (JsonNode v : values) {
                    if (known.fields().isArray() && (!v.isArray() || v.size() != known.fields().size())) {
                        throw rulesError(in, "exception " + exception + " of rule " + name + " has values that do not"
                                + " match its " + known.fields().size() + " fields");
                    }
                    known.values().add(v);
                }
            }
        }

        /** The rule, its exceptions made {@code and not (...)} of its condition. */
        Rule rule() {
            List<String> alternatives = new ArrayList<>();
            for (RuleException e : exceptions.values()) {
                e.alternatives(alternatives);
            }
            String full = alternatives.isEmpty() ? condition
                    : "(" + condition + ") and not (" + String.join(" or ", alternatives) + ")";
            return new Rule(name, full, output, priority, enabled, tags, source, file);
        }
    }

    /** An exception of a rule: the fields it compares (one, or several), how, and its values. */
    private record RuleException(JsonNode fields, JsonNode comps, List<JsonNode> values) {
        RuleException copy() {
            return new RuleException(fields, comps, new ArrayList<>(values));
        }

        /**
         * Adds the conditions this exception excepts, one per value: for fields
         * {@code [proc.name, fd.name]} with comparisons {@code [=, startswith]} and the value
         * {@code [cat, /etc]}, {@code (proc.name = cat and fd.name startswith /etc)}; for one field,
         * its values compared at once ({@code in} unless said).
         */
        void alternatives(List<String> out) {
            if (values.isEmpty()) {
                return; // an exception with no values yet excepts nothing
            }
            if (fields.isTextual()) {
                String op = comps.isTextual() ? comps.asText() : "in";
                List<String> items = new ArrayList<>();
                values.forEach(v -> items.add(listItem(v)));
                out.add(fields.asText() + " " + op + " (" + String.join(", ", items) + ")");
                return;
            }
            for (JsonNode row : values) {
                List<String> parts = new ArrayList<>();
                for (int i = 0; i < fields.size(); i++) {
                    String op = comps.isArray() && i < comps.size() ? comps.get(i).asText() : "=";
                    JsonNode v = row.get(i);
                    String value;
                    if (v.isArray()) {
                        List<String> items = new ArrayList<>();
                        v.forEach(x -> items.add(listItem(x)));
                        value = "(" + String.join(", ", items) + ")";
                    } else if (op.equals("in") || op.equals("pmatch") || op.equals("intersects")) {
                        // a list's name, or one value
                        value = "(" + v.asText() + ")";
                    } else {
                        value = value(v);
                    }
                    parts.add(fields.get(i).asText() + " " + op + " " + value);
                }
                out.add("(" + String.join(" and ", parts) + ")");
            }
        }

        /** A value, quoted: one written in quotes in its file stands for the text between them. */
        private static String value(JsonNode v) {
            return FilterParser.quoted(unquoted(v.asText()));
        }

        /**
         * An item of a list of values: a plain word as it is, so that the name of a list stands for
         * its items, as Falco leaves such values unquoted; anything else quoted, as {@link #value}.
         */
        private static String listItem(JsonNode v) {
            String text = v.asText();
            return PLAIN.matcher(text).matches() ? text : value(v);
        }

        /** A value that reads the same unquoted: a word of letters, digits and {@code _ . / : @ + -}. */
        private static final java.util.regex.Pattern PLAIN = java.util.regex.Pattern.compile("[A-Za-z0-9_./:@+-]+");
    }

    /** Most conditions a filter may stand for once its macros are expanded. */
    public static final long MAX_CONDITIONS = 100_000;

    /**
     * Replaces the macros and list names of a parsed expression by what they stand for. A filter
     * whose macros expand to more than {@link #MAX_CONDITIONS} conditions is refused.
     */
    public FilterNode expand(FilterNode node, String source) throws FilterException {
        FilterNode out = expand(node, source, new ArrayDeque<>());
        long size = size(out, new HashMap<>());
        if (size > MAX_CONDITIONS) {
            throw new FilterException(FilterErrorCode.TOO_LONG, "the filter stands for " + size
                    + " conditions once its macros are expanded; at most " + MAX_CONDITIONS + " are accepted",
                    node.span(), source);
        }
        return out;
    }

    /** The conditions a tree stands for, each macro's counted once and multiplied by its uses. */
    private static long size(FilterNode n, Map<String, Long> macros) {
        if (n instanceof And a) {
            long s = 1;
            for (FilterNode o : a.operands()) {
                s = Math.min(Long.MAX_VALUE / 2, s + size(o, macros));
            }
            return s;
        }
        if (n instanceof Or o) {
            long s = 1;
            for (FilterNode x : o.operands()) {
                s = Math.min(Long.MAX_VALUE / 2, s + size(x, macros));
            }
            return s;
        }
        if (n instanceof Not not) {
            return 1 + size(not.operand(), macros);
        }
        if (n instanceof MacroUse m) {
            Long known = macros.get(m.name());
            if (known == null) {
                known = m.expansion() == null ? 1 : size(m.expansion(), macros);
                macros.put(m.name(), known);
            }
            return known;
        }
        return 1;
    }

    private FilterNode expand(FilterNode node, String source, Deque<String> active) throws FilterException {
        if (node instanceof And a) {
            List<FilterNode> out = new ArrayList<>();
            for (FilterNode n : a.operands()) {
                out.add(expand(n, source, active));
            }
            return new And(out, a.span());
        }
        if (node instanceof Or o) {
            List<FilterNode> out = new ArrayList<>();
            for (FilterNode n : o.operands()) {
                out.add(expand(n, source, active));
            }
            return new Or(out, o.span());
        }
        if (node instanceof Not n) {
            return new Not(expand(n.operand(), source, active), n.span());
        }
        if (node instanceof Comparison c) {
            return c.operator().takesList() ? expandLists(c, source) : c;
        }
        MacroUse m = (MacroUse) node;
        Macro macro = macros.get(m.name());
        if (macro == null) {
            throw new FilterException(FilterErrorCode.UNKNOWN_MACRO, unknownName(m.name()), m.span(), source);
        }
        if (active.contains(m.name())) {
            throw new FilterException(FilterErrorCode.MACRO_CYCLE, "macro " + m.name() + " uses itself (through "
                    + String.join(" -> ", reversed(active)) + " -> " + m.name() + ")", m.span(), source);
        }
        if (active.size() >= FilterParser.MAX_DEPTH) {
            throw new FilterException(FilterErrorCode.TOO_DEEP, "macros nest deeper than " + FilterParser.MAX_DEPTH
                    + " levels", m.span(), source);
        }
        FilterNode body = parsed.get(m.name());
        if (body == null) {
            try {
                body = FilterParser.parse(macro.condition());
            } catch (FilterException e) {
                throw new FilterException(e.code(), "in macro " + m.name() + " of " + macro.file() + ": "
                        + e.getMessage(), e.span(), e.source());
            }
            parsed.put(m.name(), body);
        }
        FilterNode expansion = expanded.get(m.name());
        if (expansion == null) {
            active.push(m.name());
            try {
                expansion = expand(body, macro.condition(), active);
            } finally {
                active.pop();
            }
            expanded.put(m.name(), expansion);
        }
        return new MacroUse(m.name(), expansion, macro.condition(), m.span());
    }

    private Comparison expandLists(Comparison c, String source) throws FilterException {
        List<Operand> values = new ArrayList<>();
        boolean changed = false;
        for (Operand v : c.values()) {
            if (v instanceof Literal l && !l.quoted() && lists.containsKey(l.text())) {
                List<String> items = expandList(l.text(), new ArrayDeque<>(), new HashMap<>());
                if (items.size() > MAX_CONDITIONS) {
                    throw new FilterException(FilterErrorCode.TOO_LONG, "list " + l.text() + " stands for more than "
                            + MAX_CONDITIONS + " values once the lists it names are expanded", l.span(), source);
                }
                for (String item : items) {
                    values.add(new Literal(unquoted(item), true, l.span()));
                }
                changed = true;
            } else {
                values.add(v);
            }
        }
        return changed ? new Comparison(c.field(), c.operator(), c.operatorSpan(), values, c.span()) : c;
    }

    /**
     * A list item as the value it stands for: Falco puts items into conditions as they are written,
     * so an item written in quotes ({@code '"10.0.0.0/8"'} in YAML) is the text between them.
     */
    private static String unquoted(String item) {
        if (item.length() >= 2 && (item.charAt(0) == '"' || item.charAt(0) == '\'')
                && item.charAt(item.length() - 1) == item.charAt(0)) {
            return item.substring(1, item.length() - 1).replace("\\" + item.charAt(0), String.valueOf(item.charAt(0)));
        }
        return item;
    }

    /**
     * The items of a list, the lists it names expanded, each list once ({@code done}): lists that
     * each name another twice double at every level. Stops past {@link #MAX_CONDITIONS} items.
     */
    private List<String> expandList(String name, Deque<String> active, Map<String, List<String>> done) {
        List<String> known = done.get(name);
        if (known != null) {
            return known;
        }
        List<String> out = new ArrayList<>();
        if (active.contains(name) || active.size() > FilterParser.MAX_DEPTH) {
            return out;
        }
        active.push(name);
        for (String item : lists.get(name)) {
            if (out.size() > MAX_CONDITIONS) {
                break;
            }
            if (lists.containsKey(item)) {
                List<String> inner = expandList(item, active, done);
                out.addAll(inner.subList(0, (int) Math.min(inner.size(), MAX_CONDITIONS + 1 - out.size() + 1)));
            } else {
                out.add(item);
            }
        }
        active.pop();
        done.put(name, out);
        return out;
    }

    private String unknownName(String name) {
        String hint = Suggestions.closest(name, macros.keySet());
        if (hint == null) {
            hint = Suggestions.closestField(name);
        }
        String msg = macros.isEmpty() && lists.isEmpty() && ruleDefinitions.isEmpty()
                ? "`" + name + "` is neither a field nor a macro (no rules file is loaded)"
                : "`" + name + "` is neither a field nor a macro of the loaded rules files";
        return hint == null ? msg : msg + "; did you mean `" + hint + "`?";
    }

    private static List<String> reversed(Deque<String> active) {
        List<String> out = new ArrayList<>(active);
        java.util.Collections.reverse(out);
        return out;
    }

    private static FilterException rulesError(Path file, String what) {
        String msg = "rules file " + file + " " + what;
        return new FilterException(FilterErrorCode.BAD_RULES, msg, new SourceSpan(0, 0), "");
    }

    private static final java.util.regex.Pattern MARK = java.util.regex.Pattern.compile(
            "^ in '[^']*', (line \\d+, column \\d+):$");

    /**
     * What a YAML reader's failure says, for a person: where, and what, with no class names. The
     * parser's own messages carry their marks; a mapping where a key goes is found later, with only
     * the reader's location.
     */
    static String yamlProblem(com.fasterxml.jackson.core.JacksonException e) {
        String message = e.getOriginalMessage();
        if (message != null && message.contains("org.yaml.snakeyaml.events.")) {
            String found = message.contains("MappingStartEvent") ? "a mapping"
                    : message.contains("SequenceStartEvent") ? "a list" : "something else";
            com.fasterxml.jackson.core.JsonLocation at = e.getLocation();
            String where = at != null && at.getLineNr() > 0 ? "at line " + at.getLineNr() + ", column "
                    + at.getColumnNr() + ": " : ": ";
            return where + "expected a name as the key of a mapping, found " + found;
        }
        return yamlProblem(message);
    }

    /**
     * A YAML parser's message in one line, where in the file first: {@code at line 3, column 8:
     * expected ',' or ']', but got : (while parsing a flow sequence from line 2, column 10)}. The
     * parser writes what it was reading, where it began, what it found and where, each place followed
     * by a copy of the line with a caret under it, which is left out here.
     */

    static String yamlProblem(String message) {
        List<String[]> said = new ArrayList<>(); // {text, where}
        for (String line : message == null ? new String[0] : message.split("\n")) {
            java.util.regex.Matcher m = MARK.matcher(line);
            if (m.matches()) {
                if (!said.isEmpty() && said.get(said.size() - 1)[1] == null) {
                    said.get(said.size() - 1)[1] = m.group(1);
                }
            } else if (!line.startsWith("    ") && !line.isBlank()) {
                said.add(new String[] {line.strip(), null});
            }
        }
        if (said.isEmpty()) {
            return ": " + firstLine(message);
        }
        String[] problem = said.get(said.size() - 1);
        String text = (problem[1] != null ? "at " + problem[1] + ": " : ": ") + problem[0];
        if (said.size() > 1) {
            String[] context = said.get(0);
            text += " (" + context[0] + (context[1] != null ? " from " + context[1] : "") + ")";
        }
        return text;
    }

    private static String firstLine(String s) {
        if (s == null) {
            return "";
        }
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }
}
