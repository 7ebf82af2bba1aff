package org.scapscope.filter;

/**
 * A filter expression that cannot be used, with what is wrong and where: a code, a sentence and the
 * span of the expression it is about.
 */
public final class FilterException extends Exception {
    private static final long serialVersionUID = 1L;

    private final FilterErrorCode code;
    private final SourceSpan span;
    private final String source;

    public FilterException(FilterErrorCode code, String message, SourceSpan span, String source) {
        super(message);
        this.code = code;
        this.span = span;
        this.source = source;
    }

    public FilterErrorCode code() {
        return code;
    }

    /** Where in {@link #source()} the mistake is. */
    public SourceSpan span() {
        return span;
    }

    /** The expression the span refers to (for a macro, the macro's condition). */
    public String source() {
        return source;
    }

    /** The message with its column: "expected a value after `=` at column 13". */
    public String describe() {
        return getMessage() + " at column " + (characters(0, span.start()) + 1);
    }

    /**
     * Characters of the expression in {@code [from, to)} as a reader counts them: a character written
     * with two UTF-16 units (an emoji, say) is one.
     */
    private int characters(int from, int to) {
        int a = Math.min(Math.max(0, from), source.length());
        int b = Math.min(Math.max(a, to), source.length());
        return source.codePointCount(a, b);
    }

    /**
     * The expression on one line and a caret line under the span, for a terminal:
     * <pre>
     * proc.name = = curl
     *             ^
     * </pre>
     */
    public String pointer() {
        String line = source.replace('\t', ' ').replace('\n', ' ').replace('\r', ' ');
        int start = characters(0, span.start());
        int width = Math.max(1, characters(span.start(), span.end()));
        return line + "\n" + " ".repeat(start) + "^".repeat(width);
    }
}
