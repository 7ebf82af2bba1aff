package org.scapscope.filter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
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

class FilterParserTest {
    /** Accepted expressions and their trees, written as s-expressions. */
    static final String[][] ACCEPTED = {
        {"proc.name=curl", "(= proc.name 'curl')"},
        {"proc.name == curl", "(== proc.name 'curl')"},
        {"proc.name != \"my app\"", "(!= proc.name \"my app\")"},
        {"evt.num < 5 and evt.num >= 2", "(and (< evt.num '5') (>= evt.num '2'))"},
        {"a or b and not c", "(or (macro a) (and (macro b) (not (macro c))))"},
        {"not not proc.name exists", "(not (not (exists proc.name)))"},
        {"(proc.name = a or proc.name = b) and fd.num > 2",
            "(and (or (= proc.name 'a') (= proc.name 'b')) (> fd.num '2'))"},
        {"evt.dir = <", "(= evt.dir '<')"},
        {"evt.dir=>", "(= evt.dir '>')"},
        {"evt.args contains res=0", "(contains evt.args 'res=0')"},
        {"fd.name in (/etc/passwd, '/etc/sh adow', \"x\")", "(in fd.name '/etc/passwd' \"/etc/sh adow\" \"x\")"},
        {"fd.name in()", "(in fd.name)"},
        {"fd.name pmatch (/etc, /usr/lib)", "(pmatch fd.name '/etc' '/usr/lib')"},
        {"evt.type intersects (open,openat)", "(intersects evt.type 'open' 'openat')"},
        {"proc.aname[2] = bash", "(= proc.aname[2] 'bash')"},
        {"container.mount.source[/a b] exists", "(exists container.mount.source[/a b])"},
        {"evt.arg.fd = 3", "(= evt.arg.fd '3')"},
        {"evt.buffer bcontains 0a0b", "(bcontains evt.buffer '0a0b')"},
        {"proc.name iglob 'CU*'", "(iglob proc.name \"CU*\")"},
        {"proc.name regex '[a-z]+'", "(regex proc.name \"[a-z]+\")"},
        {"tolower(proc.name) = curl", "(= (tolower proc.name) 'curl')"},
        {"len(basename(fd.name)) > 3", "(> (len (basename fd.name)) '3')"},
        {"fd.sip = val(fd.cip)", "(= fd.sip (val fd.cip))"},
        {"proc.name = \"a\\\"b\\x41\\\\\"", "(= proc.name \"a\"bA\\\")"},
        {"proc.name = 'it''s'", null},
        {"spawned_process and container", "(and (macro spawned_process) (macro container))"},
        {"evt.rawres < -1", "(< evt.rawres '-1')"},
        {"fd.net = 10.0.0.0/8", "(= fd.net '10.0.0.0/8')"},
        {"proc.name = and", null},
        // after an operator, a bare value runs to a blank or a parenthesis, as sysdig reads it
        {"evt.args contains =-2", "(contains evt.args '=-2')"},
        {"fd.name contains [ or fd.name contains ]", "(or (contains fd.name '[') (contains fd.name ']'))"},
        {"fd.name = pipe:[123]", "(= fd.name 'pipe:[123]')"},
        {"evt.args contains a,b", "(contains evt.args 'a,b')"},
        {"(evt.args contains a,b)", "(contains evt.args 'a,b')"},
        {"proc.name = cat\\ or proc.name = ls", "(or (= proc.name 'cat') (= proc.name 'ls'))"},
        {"(proc.name = cat\\)", "(= proc.name 'cat')"},
        {"proc.name in (a,b)", "(in proc.name 'a' 'b')"},
        {"proc.name = cu\\\"rl", "(= proc.name 'cu\"rl')"},
        {"proc.name = cat\\", "(= proc.name 'cat')"},
        {"proc.name = \"it\\'s\"", "(= proc.name \"it\\'s\")"},
        {"proc.name = 'it\\'s'", "(= proc.name \"it\\'s\")"},
    };

    @Test
    void acceptsTheLanguageAndBuildsTheExpectedTree() throws FilterException {
        for (String[] a : ACCEPTED) {
            if (a[1] == null) {
                continue;
            }
            assertEquals(a[1], render(FilterParser.parse(a[0])), a[0]);
        }
    }

    @Test
    void acceptedExpressionsMeanTheSameWithWhitespacePermuted() throws FilterException {
        Random random = new Random(42);
        for (String[] a : ACCEPTED) {
            if (a[1] == null) {
                continue;
            }
            String tree = render(FilterParser.parse(a[0]));
            for (int round = 0; round < 20; round++) {
                String permuted = permuteWhitespace(a[0], random);
                assertEquals(tree, render(FilterParser.parse(permuted)), "`" + permuted + "` from `" + a[0] + "`");
            }
        }
    }

    /**
     * Re-spaces an expression: every blank run becomes 1-3 random blanks; blanks next to parentheses,
     * and to the commas of a list, come and go (a comma outside a list is part of a bare value).
     */
    static String permuteWhitespace(String source, Random random) throws FilterException {
        List<Token> tokens = FilterLexer.tokens(source);
        StringBuilder b = new StringBuilder();
        String blanks = " \t\n\r";
        boolean inList = false;
        for (int i = 0; i < tokens.size(); i++) {
            Token t = tokens.get(i);
            Token prev = i > 0 ? tokens.get(i - 1) : null;
            if (t.is(Kind.LPAREN) && prev != null && (prev.isWord("in") || prev.isWord("intersects") || prev.isWord("pmatch"))) {
                inList = true;
            } else if (t.is(Kind.RPAREN)) {
                inList = false;
            }
            int depth = inList ? 1 : 0;
            boolean optional = prev != null && !(prev.isWord("val") && t.is(Kind.LPAREN))
                    && (isPunct(t, depth) || isPunct(prev, depth));
            boolean space = t.spaceBefore() || (optional && random.nextBoolean());
            if (optional && t.spaceBefore() && random.nextInt(3) == 0) {
                space = false;
            }
            if (prev != null && space || prev == null && random.nextBoolean()) {
                int n = 1 + random.nextInt(3);
                for (int k = 0; k < n; k++) {
                    b.append(blanks.charAt(random.nextInt(blanks.length())));
                }
            }
            b.append(source, t.span().start(), t.span().end());
        }
        return b.toString();
    }

    private static boolean isPunct(Token t, int depth) {
        return t.is(Kind.LPAREN) || t.is(Kind.RPAREN) || t.is(Kind.COMMA) && depth > 0;
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        // expression                     | code             | column | length
        "proc.name = = curl               | EXPECTED_VALUE   | 13 | 1",
        "proc.name                        | EXPECTED_OPERATOR| 10 | 0",
        "proc.name curl                   | EXPECTED_OPERATOR| 11 | 4",
        "proc.name=curl and               | UNEXPECTED_END   | 19 | 0",
        "(proc.name=curl                  | UNCLOSED_PAREN   | 1  | 1",
        "proc.name=curl)                  | UNEXPECTED_TOKEN | 15 | 1",
        "proc.name=\"curl                 | UNCLOSED_QUOTE   | 11 | 1",
        "proc.name in (a, b               | UNCLOSED_PAREN   | 14 | 1",
        "proc.name in a                   | EXPECTED_LIST    | 14 | 1",
        "proc.name in (a b)               | UNEXPECTED_TOKEN | 17 | 1",
        "proc.name=curl curl              | UNEXPECTED_TOKEN | 16 | 4",
        "and proc.name=x                  | UNEXPECTED_TOKEN | 1  | 3",
        "not                              | UNEXPECTED_END   | 4  | 0",
        "()                               | UNEXPECTED_TOKEN | 2  | 1",
        "proc.name = 'a\\x4g'             | BAD_ESCAPE       | 15 | 4",
        "proc.name = (                    | EXPECTED_VALUE   | 13 | 1",
        "proc.name = and x                | EXPECTED_VALUE   | 13 | 3",
        "tolower(proc.name = x            | UNEXPECTED_TOKEN | 19 | 1",
        "fd.sip = val(fd.cip              | UNCLOSED_PAREN   | 20 | 0",
    })
    void rejectsWithCodeAndPosition(String expression, FilterErrorCode code, int column, int length) {
        FilterException e = assertThrows(FilterException.class, () -> FilterParser.parse(expression.strip()));
        assertEquals(code, e.code(), e.describe());
        assertEquals(column, e.span().column(), e.describe());
        assertEquals(length, e.span().length(), e.describe());
        assertTrue(e.describe().endsWith("at column " + column));
    }

    @Test
    void emptyAndBlankFiltersAreRejected() {
        assertEquals(FilterErrorCode.EMPTY_FILTER, assertThrows(FilterException.class, () -> FilterParser.parse("")).code());
        assertEquals(FilterErrorCode.EMPTY_FILTER,
                assertThrows(FilterException.class, () -> FilterParser.parse(" \t\n")).code());
    }

    @Test
    void deepNestingFailsCleanly() {
        String deep = "(".repeat(100_000) + "proc.name=x" + ")".repeat(100_000);
        FilterException e = assertThrows(FilterException.class, () -> FilterParser.parse(deep));
        assertEquals(FilterErrorCode.TOO_DEEP, e.code());
        assertEquals(FilterParser.MAX_DEPTH, e.span().start());
        String nots = "not ".repeat(100_000) + "proc.name=x";
        assertEquals(FilterErrorCode.TOO_DEEP, assertThrows(FilterException.class, () -> FilterParser.parse(nots)).code());
        String transformers = "tolower(".repeat(1000) + "proc.name" + ")".repeat(1000) + " = x";
        assertEquals(FilterErrorCode.TOO_DEEP,
                assertThrows(FilterException.class, () -> FilterParser.parse(transformers)).code());
    }

    @Test
    void overlongFiltersAreRejected() {
        String longFilter = "proc.name in (" + "a,".repeat(FilterParser.MAX_LENGTH / 2) + "b)";
        FilterException e = assertThrows(FilterException.class, () -> FilterParser.parse(longFilter));
        assertEquals(FilterErrorCode.TOO_LONG, e.code());
    }

    @Test
    void nestingUpToTheLimitIsAccepted() throws FilterException {
        int depth = FilterParser.MAX_DEPTH - 1;
        String ok = "(".repeat(depth) + "proc.name=x" + ")".repeat(depth);
        assertEquals("(= proc.name 'x')", render(FilterParser.parse(ok)));
    }

    @Test
    void spansCoverWhatTheyDescribe() throws FilterException {
        String src = "proc.name = curl and not (fd.num in (1, 2))";
        And and = (And) FilterParser.parse(src);
        Comparison first = (Comparison) and.operands().get(0);
        assertEquals("proc.name = curl", text(src, first.span()));
        assertEquals("proc.name", text(src, first.field().span()));
        assertEquals("=", text(src, first.operatorSpan()));
        assertEquals("curl", text(src, first.values().get(0).span()));
        Not not = (Not) and.operands().get(1);
        assertEquals("not (fd.num in (1, 2))", text(src, not.span()));
        Comparison in = (Comparison) not.operand();
        assertEquals("fd.num in (1, 2)", text(src, in.span()));
        assertEquals("2", text(src, in.values().get(1).span()));
        assertEquals(src, text(src, and.span()));
    }

    @ParameterizedTest
    @ValueSource(strings = {"proc.name=x", "a", "tolower(proc.name) = val(proc.pname)"})
    void caretPointsAtTheSpan(String ok) throws FilterException {
        FilterParser.parse(ok);
        FilterException e = assertThrows(FilterException.class, () -> FilterParser.parse(ok + " )"));
        String[] lines = e.pointer().split("\n");
        assertEquals(ok + " )", lines[0]);
        assertEquals(" ".repeat(ok.length() + 1) + "^", lines[1]);
    }

    @Test
    void columnsAndCaretsCountCharactersNotUtf16Units() {
        String expression = "proc.name = \"\uD83D\uDE00\uD83D\uDE00\" and )"; // two emoji, each two units
        FilterException e = assertThrows(FilterException.class, () -> FilterParser.parse(expression));
        int characters = expression.codePointCount(0, expression.indexOf(')'));
        assertTrue(e.describe().endsWith("at column " + (characters + 1)), e.describe());
        String[] lines = e.pointer().split("\n");
        assertEquals(" ".repeat(characters) + "^", lines[1]);
    }

    private static String text(String src, SourceSpan span) {
        return src.substring(span.start(), span.end());
    }

    /** The tree without spans. */
    static String render(FilterNode n) {
        if (n instanceof And a) {
            return "(and" + renderAll(a.operands()) + ")";
        }
        if (n instanceof Or o) {
            return "(or" + renderAll(o.operands()) + ")";
        }
        if (n instanceof Not not) {
            return "(not " + render(not.operand()) + ")";
        }
        if (n instanceof MacroUse m) {
            return m.expansion() == null ? "(macro " + m.name() + ")" : render(m.expansion());
        }
        Comparison c = (Comparison) n;
        StringBuilder b = new StringBuilder("(").append(c.operator().text()).append(' ').append(render(c.field()));
        for (Operand v : c.values()) {
            b.append(' ').append(render(v));
        }
        return b.append(')').toString();
    }

    private static String renderAll(List<FilterNode> nodes) {
        StringBuilder b = new StringBuilder();
        for (FilterNode n : nodes) {
            b.append(' ').append(render(n));
        }
        return b.toString();
    }

    private static String render(FieldOperand f) {
        if (f instanceof Transformed t) {
            return "(" + t.transformer().text() + " " + render(t.operand()) + ")";
        }
        return ((FieldRef) f).reference();
    }

    private static String render(Operand v) {
        if (v instanceof FieldValue fv) {
            return "(val " + render(fv.field()) + ")";
        }
        Literal l = (Literal) v;
        return l.quoted() ? "\"" + l.text() + "\"" : "'" + l.text() + "'";
    }
}
