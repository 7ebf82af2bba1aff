package org.scapscope.filter;

/**
 * One token of a filter expression.
 *
 * @param kind what it is
 * @param text a word's characters, a quoted string's value with its escapes resolved, or an operator's symbol
 * @param span where it is in the expression (a quoted string's span includes its quotes)
 * @param spaceBefore whether blanks separate it from the token before it
 */
public record Token(Kind kind, String text, SourceSpan span, boolean spaceBefore) {
    /** Token kinds. */
    public enum Kind {
        /** A run of characters that are not blanks, parentheses, commas, quotes or comparison symbols. */
        WORD,
        /** A quoted string. */
        STRING,
        /** One of {@code = == != < <= > >=}. */
        SYMBOL,
        LPAREN,
        RPAREN,
        COMMA,
        END
    }

    public boolean is(Kind k) {
        return kind == k;
    }

    public boolean isWord(String word) {
        return kind == Kind.WORD && text.equals(word);
    }
}
