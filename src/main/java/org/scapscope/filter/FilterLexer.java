package org.scapscope.filter;

import java.util.ArrayList;
import java.util.List;
import org.scapscope.filter.Token.Kind;

/**
 * Splits a filter expression into tokens. Words are what is left between blanks, parentheses,
 * commas, quotes and the comparison symbols; a field name keeps its bracketed argument whole, so
 * {@code container.mount.source[/a b]} is one word (a bracket in any other word is a character of
 * it: {@code pipe:[123]}). Quoted strings take {@code "} or {@code '} and end at the same quote
 * (sysdig ends them at either); their escapes are sysdig's: {@code \\ \" \xHH}, and any other
 * backslash is kept with the character after it, which it keeps from closing the string.
 */
final class FilterLexer {
    private final String source;
    private int pos;

    private FilterLexer(String source) {
        this.source = source;
    }

    static List<Token> tokens(String source) throws FilterException {
        return new FilterLexer(source).run();
    }

    private List<Token> run() throws FilterException {
        List<Token> out = new ArrayList<>();
        int n = source.length();
        while (true) {
            int before = pos;
            while (pos < n && isBlank(source.charAt(pos))) {
                pos++;
            }
            boolean space = pos > before || out.isEmpty();
            if (pos >= n) {
                out.add(new Token(Kind.END, "", new SourceSpan(n, n), space));
                return out;
            }
            char c = source.charAt(pos);
            int start = pos;
            if (c == '(' || c == ')' || c == ',') {
                pos++;
                Kind k = c == '(' ? Kind.LPAREN : c == ')' ? Kind.RPAREN : Kind.COMMA;
                out.add(new Token(k, String.valueOf(c), new SourceSpan(start, pos), space));
            } else if (c == '"' || c == '\'') {
                out.add(new Token(Kind.STRING, quoted(c), new SourceSpan(start, pos), space));
            } else if (isSymbolStart(c)) {
                out.add(new Token(Kind.SYMBOL, symbol(), new SourceSpan(start, pos), space));
            } else {
                out.add(new Token(Kind.WORD, word(), new SourceSpan(start, pos), space));
            }
        }
    }

    static boolean isBlank(char c) {
        return c == ' ' || c == '\t' || c == '\n' || c == '\r';
    }

    /** What ends an unquoted word whatever comes before it, a backslash included. */
    private static boolean endsWord(char c) {
        return isBlank(c) || c == '(' || c == ')' || c == ',';
    }

    private static boolean isSymbolStart(char c) {
        return c == '=' || c == '!' || c == '<' || c == '>';
    }

    private String symbol() {
        char c = source.charAt(pos);
        boolean eq = pos + 1 < source.length() && source.charAt(pos + 1) == '=';
        if (eq) {
            pos += 2;
            return c + "=";
        }
        pos++;
        return String.valueOf(c);
    }

    private String word() {
        int n = source.length();
        int start = pos;
        while (pos < n) {
            char c = source.charAt(pos);
            if (endsWord(c) || c == '"' || c == '\'' || isSymbolStart(c)) {
                break;
            }
            if (c == '\\' && pos + 1 < n && !endsWord(source.charAt(pos + 1))) {
                pos += 2; // an escaped character, a quote among them, is part of the word
                continue;
            }
            if (c == '[' && FIELD_NAME.matcher(source.substring(start, pos)).matches()) {
                int close = source.indexOf(']', pos + 1);
                if (close > 0) {
                    pos = close + 1;
                    continue;
                }
            }
            pos++;
        }
        return source.substring(start, pos);
    }

    /** What a field's name looks like, as sysdig's parser reads one: dotted words of letters, digits and _. */
    private static final java.util.regex.Pattern FIELD_NAME =
            java.util.regex.Pattern.compile("[a-zA-Z][a-zA-Z0-9_]*(\\.[a-zA-Z][a-zA-Z0-9_]*)+");

    private String quoted(char quote) throws FilterException {
        int start = pos;
        pos++;
        StringBuilder b = new StringBuilder();
        int n = source.length();
        while (pos < n) {
            char c = source.charAt(pos);
            if (c == quote) {
                pos++;
                return b.toString();
            }
            if (c == '\\' && pos + 1 < n) {
                char e = source.charAt(pos + 1);
                if (e == '\\' || e == '"') {
                    b.append(e);
                    pos += 2;
                    continue;
                }
                if (e == 'x') {
                    int hi = pos + 2 < n ? Character.digit(source.charAt(pos + 2), 16) : -1;
                    int lo = pos + 3 < n ? Character.digit(source.charAt(pos + 3), 16) : -1;
                    if (hi < 0 || lo < 0) {
                        throw new FilterException(FilterErrorCode.BAD_ESCAPE,
                                "\\x must be followed by two hexadecimal digits",
                                new SourceSpan(pos, Math.min(n, pos + 4)), source);
                    }
                    b.append((char) (hi * 16 + lo));
                    pos += 4;
                    continue;
                }
                b.append(c).append(e);
                pos += 2;
                continue;
            }
            b.append(c);
            pos++;
        }
        throw new FilterException(FilterErrorCode.UNCLOSED_QUOTE, "the quote opened here is not closed",
                new SourceSpan(start, start + 1), source);
    }
}
