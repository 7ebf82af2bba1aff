package org.scapscope.filter;

import java.util.ArrayList;
import java.util.List;
import org.scapscope.filter.FilterNode.And;
import org.scapscope.filter.FilterNode.Comparison;
import org.scapscope.filter.FilterNode.FieldOperand;
import org.scapscope.filter.FilterNode.FieldRef;
import org.scapscope.filter.FilterNode.FieldValue;
import org.scapscope.filter.FilterNode.Literal;
import org.scapscope.filter.FilterNode.MacroUse;
import org.scapscope.filter.FilterNode.Not;
import org.scapscope.filter.FilterNode.Operand;
import org.scapscope.filter.FilterNode.Or;
import org.scapscope.filter.FilterNode.Transformed;
import org.scapscope.filter.Token.Kind;

/**
 * Parses filter expressions in the language of sysdig and Falco into a {@link FilterNode} tree.
 * {@code not} binds tightest, then {@code and}, then {@code or}. A bare word without a dot where a
 * condition is expected names a macro; its meaning is settled when macros are expanded.
 *
 * <p>Values are read as sysdig reads them: a bare value runs up to the next blank or parenthesis
 * (or, in a list, comma), so {@code evt.dir = <}, {@code evt.args contains res=0} and
 * {@code fd.name contains pipe:[} mean what they say.
 */
public final class FilterParser {
    /** Longest expression accepted, in characters. */
    public static final int MAX_LENGTH = 1_000_000;
    /** Deepest nesting of parentheses, {@code not}s and transformers accepted. */
    public static final int MAX_DEPTH = 256;

    private final String source;
    private final List<Token> tokens;
    private int next;
    private int depth;

    private FilterParser(String source, List<Token> tokens) {
        this.source = source;
        this.tokens = tokens;
    }

    /** Parses an expression; macros it names stay unexpanded. */
    public static FilterNode parse(String source) throws FilterException {
        if (source.length() > MAX_LENGTH) {
            throw new FilterException(FilterErrorCode.TOO_LONG, "the filter is " + source.length()
                    + " characters long; at most " + MAX_LENGTH + " are accepted",
                    new SourceSpan(MAX_LENGTH, MAX_LENGTH), source);
        }
        FilterParser p = new FilterParser(source, FilterLexer.tokens(source));
        if (p.peek().is(Kind.END)) {
            throw new FilterException(FilterErrorCode.EMPTY_FILTER, "the filter is empty", new SourceSpan(0, 0), source);
        }
        return p.filter();
    }

    // filter := or END
    private FilterNode filter() throws FilterException {
        FilterNode n = or();
        Token t = peek();
        if (t.is(Kind.RPAREN)) {
            throw error(FilterErrorCode.UNEXPECTED_TOKEN, "this ')' closes no '('", t.span());
        }
        if (!t.is(Kind.END)) {
            throw error(FilterErrorCode.UNEXPECTED_TOKEN, "expected 'and', 'or' or the end of the filter, found "
                    + describe(t), t.span());
        }
        return n;
    }

    // or := and ("or" and)*
    private FilterNode or() throws FilterException {
        Token start = peek();
        FilterNode first = and();
        if (!peek().isWord("or")) {
            return first;
        }
        List<FilterNode> operands = new ArrayList<>();
        operands.add(first);
        while (peek().isWord("or")) {
            take();
            operands.add(and());
        }
        return new Or(operands, spanFrom(start));
    }

    // and := not ("and" not)*
    private FilterNode and() throws FilterException {
        Token start = peek();
        FilterNode first = not();
        if (!peek().isWord("and")) {
            return first;
        }
        List<FilterNode> operands = new ArrayList<>();
        operands.add(first);
        while (peek().isWord("and")) {
            take();
            operands.add(not());
        }
        return new And(operands, spanFrom(start));
    }

    // not := "not" not | primary
    private FilterNode not() throws FilterException {
        Token t = peek();
        if (t.isWord("not")) {
            take();
            enter(t);
            FilterNode operand = not();
            depth--;
            return new Not(operand, spanFrom(t));
        }
        return primary();
    }

    // primary := "(" or ")" | comparison | MACRO
    private FilterNode primary() throws FilterException {
        Token t = peek();
        switch (t.kind()) {
            case LPAREN: {
                take();
                enter(t);
                if (peek().is(Kind.RPAREN)) {
                    throw error(FilterErrorCode.UNEXPECTED_TOKEN, "expected a condition inside the parentheses",
                            peek().span());
                }
                FilterNode inner = or();
                Token close = peek();
                if (!close.is(Kind.RPAREN)) {
                    if (close.is(Kind.END)) {
                        throw error(FilterErrorCode.UNCLOSED_PAREN, "this '(' is not closed", t.span());
                    }
                    throw error(FilterErrorCode.UNEXPECTED_TOKEN, "expected 'and', 'or' or ')', found "
                            + describe(close), close.span());
                }
                take();
                depth--;
                return inner;
            }
            case WORD:
                if (t.isWord("and") || t.isWord("or")) {
                    throw error(FilterErrorCode.UNEXPECTED_TOKEN, "expected a condition before '" + t.text() + "'",
                            t.span());
                }
                // a name compared with something is a field, known or not (foo = 1), never a macro
                if (isMacroName(t.text()) && !(Transformer.of(t.text()) != null && peekAt(1).is(Kind.LPAREN))
                        && !startsComparison(peekAt(1))) {
                    take();
                    return new MacroUse(t.text(), null, null, t.span());
                }
                return comparison();
            case END:
                throw error(FilterErrorCode.UNEXPECTED_END, "the filter ends where a condition is expected", t.span());
            default:
                throw error(FilterErrorCode.UNEXPECTED_TOKEN, "expected a condition, found " + describe(t), t.span());
        }
    }


    // comparison := field ("exists" | binop value | listop list)
    private FilterNode comparison() throws FilterException {
        FieldOperand field = fieldOperand();
        Token op = peek();
        Operator operator = operatorOf(op);
        if (operator == null) {
            String found = op.is(Kind.END) ? "the end of the filter" : describe(op);
            throw error(FilterErrorCode.EXPECTED_OPERATOR, "expected a comparison operator after "
                    + quote(text(field.span())) + ", found " + found, op.span());
        }
        take();
        List<Operand> values = new ArrayList<>();
        if (operator.takesList()) {
            list(op, values);
        } else if (!operator.isUnary()) {
            values.add(value(op));
        }
        SourceSpan end = values.isEmpty() ? op.span() : values.get(values.size() - 1).span();
        if (operator.takesList()) {
            end = tokens.get(next - 1).span();
        }
        return new Comparison(field, operator, op.span(), values, field.span().to(end));
    }

    // field := WORD | TRANSFORMER "(" field ")"
    private FieldOperand fieldOperand() throws FilterException {
        Token t = peek();
        if (!t.is(Kind.WORD)) {
            throw error(FilterErrorCode.UNEXPECTED_TOKEN, "expected a field, found " + describe(t), t.span());
        }
        take();
        Transformer tr = Transformer.of(t.text());
        if (tr != null && peek().is(Kind.LPAREN)) {
            Token open = take();
            enter(open);
            FieldOperand inner = fieldOperand();
            Token close = peek();
            if (!close.is(Kind.RPAREN)) {
                throw error(close.is(Kind.END) ? FilterErrorCode.UNCLOSED_PAREN : FilterErrorCode.UNEXPECTED_TOKEN,
                        "expected ')' after the field of " + tr.text() + "(...)", close.span());
            }
            take();
            depth--;
            return new Transformed(tr, inner, t.span().to(close.span()));
        }
        return new FieldRef(t.text(), t.span());
    }

    // value := STRING | "val" "(" field ")" | bare
    private Operand value(Token operator) throws FilterException {
        Token t = peek();
        if (t.is(Kind.STRING)) {
            take();
            return new Literal(t.text(), true, t.span());
        }
        if (t.isWord("val") && peekAt(1).is(Kind.LPAREN) && !peekAt(1).spaceBefore()) {
            take();
            Token open = take();
            enter(open);
            FieldOperand f = fieldOperand();
            Token close = peek();
            if (!close.is(Kind.RPAREN)) {
                throw error(close.is(Kind.END) ? FilterErrorCode.UNCLOSED_PAREN : FilterErrorCode.UNEXPECTED_TOKEN,
                        "expected ')' after the field of val(...)", close.span());
            }
            take();
            depth--;
            return new FieldValue(f, t.span().to(close.span()));
        }
        Literal bare = bare(false);
        if (bare == null) {
            throw error(FilterErrorCode.EXPECTED_VALUE, "expected a value after " + quote(operator.text()),
                    peek().span());
        }
        return bare;
    }

    // list := "(" [item ("," item)*] ")"      item := STRING | bare
    private void list(Token operator, List<Operand> values) throws FilterException {
        Token open = peek();
        if (!open.is(Kind.LPAREN)) {
            throw error(FilterErrorCode.EXPECTED_LIST, "expected '(' and a list of values after "
                    + quote(operator.text()), open.span());
        }
        take();
        if (peek().is(Kind.RPAREN)) {
            take();
            return;
        }
        while (true) {
            Token t = peek();
            if (t.is(Kind.STRING)) {
                take();
                values.add(new Literal(t.text(), true, t.span()));
            } else {
                Literal bare = bare(true);
                if (bare == null) {
                    if (t.is(Kind.END)) {
                        throw error(FilterErrorCode.UNCLOSED_PAREN, "this '(' is not closed", open.span());
                    }
                    throw error(FilterErrorCode.EXPECTED_VALUE, "expected a value in the list, found " + describe(t),
                            t.span());
                }
                values.add(bare);
            }
            Token sep = peek();
            if (sep.is(Kind.RPAREN)) {
                take();
                return;
            }
            if (sep.is(Kind.COMMA)) {
                take();
                continue;
            }
            if (sep.is(Kind.END)) {
                throw error(FilterErrorCode.UNCLOSED_PAREN, "this '(' is not closed", open.span());
            }
            throw error(FilterErrorCode.UNEXPECTED_TOKEN, "expected ',' or ')' in the list, found " + describe(sep),
                    sep.span());
        }
    }

    /**
     * A bare value: words and symbols written together, without blanks, and outside a list commas
     * too ({@code a,b}). It may not be a keyword, nor start with {@code =}, {@code ==} or {@code !=}
     * standing alone, which is a mistyped operator; written against more text ({@code =-2}) it is the
     * value's first character.
     */
    private Literal bare(boolean inList) throws FilterException {
        Token first = peek();
        if (!valuePart(first, inList)) {
            return null;
        }
        if (first.is(Kind.SYMBOL) && (first.text().equals("=") || first.text().equals("==") || first.text().equals("!="))
                && !(gluedValuePart(peekAt(1), inList))) {
            return null;
        }
        if (first.isWord("and") || first.isWord("or") || first.isWord("not")) {
            return null;
        }
        int end = first.span().end();
        take();
        while (gluedValuePart(peek(), inList)) {
            end = take().span().end();
        }
        SourceSpan span = new SourceSpan(first.span().start(), end);
        return new Literal(unescape(text(span), span), false, span);
    }

    /** Whether a token written against the one before it goes on the same bare value. */
    private static boolean gluedValuePart(Token t, boolean inList) {
        return !t.spaceBefore() && valuePart(t, inList);
    }

    /** Whether a token can be part of a bare value: a word, a symbol, or outside a list a comma. */
    private static boolean valuePart(Token t, boolean inList) {
        return t.is(Kind.WORD) || t.is(Kind.SYMBOL) || t.is(Kind.COMMA) && !inList;
    }

    /** The escapes sysdig resolves in unquoted values too: {@code \\ \" \xHH}. */
    private String unescape(String raw, SourceSpan span) throws FilterException {
        if (raw.indexOf('\\') < 0) {
            return raw;
        }
        StringBuilder b = new StringBuilder(raw.length());
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            if (c == '\\' && i + 1 >= raw.length()) {
                break; // a backslash that ends the value escapes nothing: sysdig drops it
            }
            if (c != '\\') {
                b.append(c);
                continue;
            }
            char e = raw.charAt(i + 1);
            if (e == '\\' || e == '"') {
                b.append(e);
                i++;
            } else if (e == 'x') {
                int hi = i + 2 < raw.length() ? Character.digit(raw.charAt(i + 2), 16) : -1;
                int lo = i + 3 < raw.length() ? Character.digit(raw.charAt(i + 3), 16) : -1;
                if (hi < 0 || lo < 0) {
                    int at = span.start() + i;
                    throw error(FilterErrorCode.BAD_ESCAPE, "\\x must be followed by two hexadecimal digits",
                            new SourceSpan(at, Math.min(span.end(), at + 4)));
                }
                b.append((char) (hi * 16 + lo));
                i += 3;
            } else {
                b.append(c);
            }
        }
        return b.toString();
    }

    private static Operator operatorOf(Token t) {
        if (t.is(Kind.SYMBOL)) {
            return Operator.of(t.text());
        }
        if (t.is(Kind.WORD)) {
            Operator o = Operator.of(t.text());
            return o != null && !o.text().startsWith("=") ? o : null;
        }
        return null;
    }

    /** Whether a token is a comparison's operator: a symbol, or an operator word other than and/or. */
    private static boolean startsComparison(Token t) {
        return t.is(Kind.SYMBOL) || t.is(Kind.WORD) && !t.isWord("and") && !t.isWord("or") && Operator.of(t.text()) != null;
    }

    /**
     * A value as a filter is written with it, so that it reads back as itself and adds no condition
     * of its own: bare when it is one plain word (a name, a number, an address) and no word of the
     * language, else {@link #quoted}.
     */
    public static String literal(String value) {
        boolean plain = value.matches("[A-Za-z0-9_./:-]+") && !value.equalsIgnoreCase("and")
                && !value.equalsIgnoreCase("or") && !value.equalsIgnoreCase("not") && Operator.of(value) == null;
        return plain ? value : quoted(value);
    }

    /** A value in double quotes, its backslashes and quotes escaped. */
    public static String quoted(String value) {
        return "\"" + value.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }

    /** Macro names are identifiers; field names always have a dot. */
    static boolean isMacroName(String word) {
        if (word.isEmpty() || !(Character.isLetter(word.charAt(0)) || word.charAt(0) == '_')) {
            return false;
        }
        for (int i = 1; i < word.length(); i++) {
            char c = word.charAt(i);
            if (!(Character.isLetterOrDigit(c) || c == '_')) {
                return false;
            }
        }
        return true;
    }

    /** From the start of {@code first} to the end of the last token taken. */
    private SourceSpan spanFrom(Token first) {
        return new SourceSpan(first.span().start(), tokens.get(Math.max(0, next - 1)).span().end());
    }

    private void enter(Token at) throws FilterException {
        if (++depth > MAX_DEPTH) {
            throw error(FilterErrorCode.TOO_DEEP, "the filter nests deeper than " + MAX_DEPTH + " levels", at.span());
        }
    }

    private Token peek() {
        return tokens.get(next);
    }

    private Token peekAt(int ahead) {
        return tokens.get(Math.min(next + ahead, tokens.size() - 1));
    }

    private Token take() {
        Token t = tokens.get(next);
        if (next < tokens.size() - 1) {
            next++;
        }
        return t;
    }

    private String text(SourceSpan span) {
        return source.substring(span.start(), span.end());
    }

    private static String describe(Token t) {
        switch (t.kind()) {
            case END:
                return "the end of the filter";
            case STRING:
                return "the quoted value " + quote(t.text());
            default:
                return quote(t.text());
        }
    }

    private static String quote(String s) {
        return "`" + s + "`";
    }

    private FilterException error(FilterErrorCode code, String message, SourceSpan span) {
        return new FilterException(code, message, span, source);
    }
}
