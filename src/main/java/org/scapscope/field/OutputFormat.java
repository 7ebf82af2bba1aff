package org.scapscope.field;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.scapscope.scap.SysdigTable;

/**
 * A sysdig output format ({@code -p}): text with {@code %field} references. A line with a field the
 * event lacks is skipped, unless the format starts with {@code *}, in which case the field prints as
 * {@code <NA>}.
 */
public final class OutputFormat {
    /** sysdig's default line. */
    public static final String DEFAULT =
            "*%evt.num %evt.outputtime %evt.cpu %proc.name (%thread.tid) %evt.dir %evt.type %evt.info";

    private static final String TYPE_IS = "evt.type.is.";
    /** Field names sysdig recognises without their argument only as the whole rest of the format. */
    private static final Set<String> WHOLE_REST_ONLY = Set.of("proc.apid", "proc.aname");

    private final boolean printIncomplete;
    private final List<String> literals;
    private final List<BoundField> fields;
    /** The text of each field reference as the format wrote it ({@code evt.arg.fd}); sysdig's JSON keys. */
    private final List<String> references;
    /** The width of each field ({@code %20evt.type}): padded with spaces or cut to it; 0 for none. */
    private final int[] widths;

    private OutputFormat(boolean printIncomplete, List<String> literals, List<BoundField> fields,
                         List<String> references, int[] widths) {
        this.printIncomplete = printIncomplete;
        this.literals = literals;
        this.fields = fields;
        this.references = references;
        this.widths = widths;
    }

    public static OutputFormat parse(String format) throws FieldException {
        return parse(format, FieldRegistry.get());
    }

    /**
     * A format whose parameter text follows {@code options}: the buffer format and the length of
     * buffer text, as sysdig's {@code -A}, {@code -x}, {@code -X}, {@code -b} and {@code -v} set them.
     */
    public static OutputFormat parse(String format, TextOptions options) throws FieldException {
        OutputFormat f = parse(format, FieldRegistry.get());
        List<BoundField> fields = new ArrayList<>(f.fields.size());
        for (BoundField b : f.fields) {
            fields.add(b instanceof TextOptionsAware ? ((TextOptionsAware) b).withTextOptions(options) : b);
        }
        return new OutputFormat(f.printIncomplete, f.literals, List.copyOf(fields), f.references, f.widths);
    }

    static OutputFormat parse(String format, FieldRegistry registry) throws FieldException {
        boolean star = format.startsWith("*");
        String body = star ? format.substring(1) : format;
        List<String> literals = new ArrayList<>();
        List<BoundField> fields = new ArrayList<>();
        List<Integer> widths = new ArrayList<>();
        List<String> references = new ArrayList<>();
        StringBuilder text = new StringBuilder();
        int i = 0;
        while (i < body.length()) {
            char c = body.charAt(i);
            if (c != '%') {
                text.append(c);
                i++;
                continue;
            }
            int start = i + 1;
            int width = 0;
            while (start < body.length() && Character.isDigit(body.charAt(start))) {
                width = Math.min(width * 10 + (body.charAt(start) - '0'), 1 << 20);
                start++;
            }
            if (body.startsWith(TYPE_IS, start) && !isTypeIsArgument(body.substring(start + TYPE_IS.length()))) {
                // sysdig matches evt.type.is.NAME against the whole rest of the format: unless NAME ends
                // it, the field takes no characters and prints no value, and the name stays as text
                literals.add(text.toString());
                text.setLength(0);
                fields.add(registry.bind("evt.type.is.open"));
                references.add("");
                widths.add(width);
                i = start;
                continue;
            }
            int j = start;
            while (j < body.length() && isFieldChar(body.charAt(j))) {
                j++;
            }
            if (j < body.length() && body.charAt(j) == '[') {
                int close = body.indexOf(']', j);
                if (close < 0) {
                    throw new FieldException("unclosed '[' in output format at column " + (j + 1));
                }
                j = close + 1;
            }
            String ref = body.substring(start, j);
            while (ref.endsWith(".")) {
                ref = ref.substring(0, ref.length() - 1);
                j--;
            }
            if (WHOLE_REST_ONLY.contains(ref) && j < body.length()) {
                // sysdig takes these names without an argument only when they end the format; elsewhere
                // the field takes no characters (it still prints its value) and the name stays as text
                j = start;
            }
            if (ref.isEmpty()) {
                text.append('%');
                i++;
                continue;
            }
            BoundField field;
            try {
                field = registry.bind(ref);
            } catch (FieldException unknown) {
                // as sysdig does, the longest field name the reference starts with is the field, and
                // what follows it is text: %proc.pid.ts prints the pid and ".ts"; a field that exists
                // but is written wrongly (evt.type.is without its argument) is a mistake, said as such
                int known = ref.indexOf('[') < 0 && registry.info(ref) == null ? longestField(registry, ref) : 0;
                if (known == 0) {
                    throw unknown;
                }
                j = start + known;
                field = registry.bind(ref.substring(0, known));
            }
            literals.add(text.toString());
            text.setLength(0);
            if (registry.isFilterOnly(field.info().name())) {
                throw new FieldException("field " + field.info().name() + " can be used in filters only, not in output");
            }
            fields.add(field);
            references.add(body.substring(start, j));
            widths.add(width);
            i = j;
        }
        literals.add(text.toString());
        int[] w = new int[widths.size()];
        for (int k = 0; k < w.length; k++) {
            w[k] = widths.get(k);
        }
        return new OutputFormat(star, List.copyOf(literals), List.copyOf(fields), List.copyOf(references), w);
    }

    /**
     * The length of the longest prefix of {@code ref} that names a field, when that field takes no
     * argument; else 0 ({@code evt.type.isx} is {@code evt.type.is} with a wrong argument, as sysdig
     * reads it). Only prefixes as long as the longest name are tried.
     */
    private static int longestField(FieldRegistry registry, String ref) {
        for (int n = Math.min(ref.length() - 1, registry.longestName()); n > 0; n--) {
            FieldInfo info = registry.info(ref.substring(0, n));
            if (info != null) {
                return info.argument() == FieldInfo.Argument.NONE ? n : 0;
            }
        }
        return 0;
    }

    /** Whether the text after {@code evt.type.is.} is all a number or an event name, as sysdig requires. */
    private static boolean isTypeIsArgument(String rest) {
        if (!rest.isEmpty() && rest.chars().allMatch(Character::isDigit)) {
            return true;
        }
        SysdigTable table = SysdigTable.get();
        for (int t = 0; table.isSysdigType(t); t++) {
            if (table.event(t).name().equals(rest)) {
                return true;
            }
        }
        return false;
    }

    private static boolean isFieldChar(char c) {
        return Character.isLetterOrDigit(c) || c == '.' || c == '_';
    }

    public List<BoundField> fields() {
        return fields;
    }

    /**
     * The text each field took in the format, in the order of {@link #fields()}: the reference as
     * written ({@code evt.arg.fd}, {@code proc.aname[2]}), empty for one that took no text.
     */
    public List<String> references() {
        return references;
    }

    /**
     * The line for the current event, or null when the line is to be skipped. Every field is
     * extracted even when an earlier one is missing, as sysdig does, so that fields which remember
     * the previous event ({@code evt.deltatime}) see the same events.
     */
    public String render(FieldContext ctx) {
        StringBuilder sb = new StringBuilder(128);
        boolean complete = true;
        for (int k = 0; k < fields.size(); k++) {
            sb.append(literals.get(k));
            String v = fields.get(k).printed(ctx);
            if (v == null) {
                complete = false;
                v = "<NA>";
            }
            int w = widths[k];
            if (w == 0) {
                sb.append(v);
            } else if (v.length() >= w) {
                sb.append(v, 0, w);
            } else {
                sb.append(v);
                for (int p = v.length(); p < w; p++) {
                    sb.append(' ');
                }
            }
        }
        if (!complete && !printIncomplete) {
            return null;
        }
        sb.append(literals.get(fields.size()));
        return sb.toString();
    }
}
