package org.scapscope.field;

import java.util.ArrayList;
import java.util.List;

/**
 * A sysdig output format ({@code -p}): text with {@code %field} references. A line with a field the
 * event lacks is skipped, unless the format starts with {@code *}, in which case the field prints as
 * {@code <NA>}.
 */
public final class OutputFormat {
    /** sysdig's default line. */
    public static final String DEFAULT =
            "*%evt.num %evt.outputtime %evt.cpu %proc.name (%thread.tid) %evt.dir %evt.type %evt.info";

    private final boolean printIncomplete;
    private final List<String> literals;
    private final List<BoundField> fields;

    private OutputFormat(boolean printIncomplete, List<String> literals, List<BoundField> fields) {
        this.printIncomplete = printIncomplete;
        this.literals = literals;
        this.fields = fields;
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
        return new OutputFormat(f.printIncomplete, f.literals, List.copyOf(fields));
    }

    static OutputFormat parse(String format, FieldRegistry registry) throws FieldException {
        boolean star = format.startsWith("*");
        String body = star ? format.substring(1) : format;
        List<String> literals = new ArrayList<>();
        List<BoundField> fields = new ArrayList<>();
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
            if (ref.isEmpty()) {
                text.append('%');
                i++;
                continue;
            }
            literals.add(text.toString());
            text.setLength(0);
            BoundField field = registry.bind(ref);
            if (registry.isFilterOnly(field.info().name())) {
                throw new FieldException("field " + field.info().name() + " can be used in filters only, not in output");
            }
            fields.add(field);
            i = j;
        }
        literals.add(text.toString());
        return new OutputFormat(star, List.copyOf(literals), List.copyOf(fields));
    }

    private static boolean isFieldChar(char c) {
        return Character.isLetterOrDigit(c) || c == '.' || c == '_';
    }

    public List<BoundField> fields() {
        return fields;
    }

    /** The line for the current event, or null when the line is to be skipped. */
    public String render(FieldContext ctx) {
        StringBuilder sb = new StringBuilder(128);
        for (int k = 0; k < fields.size(); k++) {
            sb.append(literals.get(k));
            String v = fields.get(k).text(ctx);
            if (v == null) {
                if (!printIncomplete) {
                    return null;
                }
                v = "<NA>";
            }
            sb.append(v);
        }
        sb.append(literals.get(fields.size()));
        return sb.toString();
    }
}
