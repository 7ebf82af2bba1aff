package org.scapscope.filter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.scapscope.field.FieldType;

class MatcherTest {
    @Test
    void integersCompareWithoutTextAndAcrossTheWholeRange() {
        Matcher gt = new Matcher.Integer64(Operator.GT, 100, false);
        assertTrue(gt.test("101", null));
        assertFalse(gt.test("100", null));
        assertFalse(gt.test("-5", null));
        assertFalse(gt.test("", null));
        assertFalse(gt.test("12a", null));
        Matcher neg = new Matcher.Integer64(Operator.LT, -1, false);
        assertTrue(neg.test("-2", null));
        assertTrue(neg.test("-9223372036854775808", null));
        assertFalse(neg.test("9223372036854775807", null));
        // unsigned values above 2^63 order after every smaller one
        Matcher big = new Matcher.Integer64(Operator.GT, Long.MAX_VALUE, true);
        assertTrue(big.test("18446744073709551615", null));
        assertFalse(big.test("1", null));
        assertFalse(big.test("-1", null));
        Matcher eq = new Matcher.Integer64(Operator.EQ, -1L, true);
        assertTrue(eq.test("18446744073709551615", null));
    }

    @Test
    void valuesAreParsedAsSysdigParsesThem() {
        assertEquals(3L, Matcher.parse(ValueKind.SIGNED, "65539", FieldType.INT16));
        assertEquals(1L, Matcher.parse(ValueKind.UNSIGNED, "4294967297", FieldType.UINT32));
        assertEquals(-1L, Matcher.parse(ValueKind.UNSIGNED, "-1", FieldType.UINT64));
        assertEquals(3L, Matcher.parse(ValueKind.SIGNED, " 3", FieldType.INT64));
        // a signed field reads as strtoll does: saturated, not wrapped
        assertEquals(Long.MAX_VALUE, Matcher.parse(ValueKind.SIGNED, "18446744073709551615", FieldType.INT64));
        assertEquals(Long.MIN_VALUE, Matcher.parse(ValueKind.SIGNED, "-18446744073709551615", FieldType.INT64));
        assertEquals(Long.MIN_VALUE, Matcher.parse(ValueKind.SIGNED, "-9223372036854775808", FieldType.INT64));
        assertEquals(-1L, Matcher.parse(ValueKind.UNSIGNED, "18446744073709551615", FieldType.UINT64));
        assertEquals(-1L, Matcher.parse(ValueKind.UNSIGNED, "-18446744073709551616", FieldType.UINT64));
        assertEquals(-5L, Matcher.parse(ValueKind.UNSIGNED, "-5", FieldType.UINT64));
        assertNull(Matcher.parse(ValueKind.SIGNED, "3 ", FieldType.INT64));
        assertNull(Matcher.parse(ValueKind.SIGNED, "0x10", FieldType.INT64));
        assertEquals(80L, Matcher.parse(ValueKind.UNSIGNED, "65616", FieldType.PORT));
        assertEquals(80L, Matcher.parse(ValueKind.UNSIGNED, "http", FieldType.PORT));
        assertNull(Matcher.parse(ValueKind.UNSIGNED, "no-such-service", FieldType.PORT));
        assertEquals(1L, Matcher.parse(ValueKind.BOOL, "true", FieldType.BOOL));
        assertNull(Matcher.parse(ValueKind.BOOL, "True", FieldType.BOOL));
        assertNull(Matcher.parse(ValueKind.NET, "10.0.0.1", FieldType.IPNET));
        assertTrue(((IpValues.Network) Matcher.parse(ValueKind.NET, "2001:db8::/32", FieldType.IPNET))
                .contains(IpValues.parseAddress("2001:db8:1::5")));
    }

    @Test
    void caseTransformersChangeAsciiLettersOnly() {
        assertEquals("abc\u00c0\u00df1", Access.asciiCase("AbC\u00c0\u00df1", false));
        assertEquals("ABC\u00e0\u00df1", Access.asciiCase("abc\u00e0\u00df1", true));
        String same = "no-change-123";
        assertTrue(same == Access.asciiCase(same, false), "an unchanged value is not copied");
    }

    @Test
    void evtAroundNeedsATimeInBrackets() {
        for (String bad : List.of("evt.around[ = 5", "evt.around[123 = 5", "evt.around[abc] = 5")) {
            FilterException e = org.junit.jupiter.api.Assertions.assertThrows(FilterException.class,
                    () -> FilterCompiler.compile(bad), bad);
            assertEquals(FilterErrorCode.BAD_ARGUMENT, e.code(), bad + ": " + e.getMessage());
        }
    }

    @Test
    void globsAreFnmatchWithoutFlags() {
        assertTrue(Glob.compile("/etc/*", false).matcher("/etc/a/b").matches());
        assertTrue(Glob.compile("file-?", false).matcher("file-1").matches());
        assertTrue(Glob.compile("file-[!1]", false).matcher("file-2").matches());
        assertFalse(Glob.compile("file-[!1]", false).matcher("file-1").matches());
        assertTrue(Glob.compile("a\\*b", false).matcher("a*b").matches());
        assertFalse(Glob.compile("a\\*b", false).matcher("axb").matches());
        assertTrue(Glob.compile("[a-c]x", false).matcher("bx").matches());
        assertTrue(Glob.compile("CU*", true).matcher("curl").matches());
        assertTrue(Glob.compile("a.b+c(d)", false).matcher("a.b+c(d)").matches());
        // named classes, and a range written backwards, which holds nothing
        assertTrue(Glob.compile("/tmp/file-[[:digit:]]", false).matcher("/tmp/file-7").matches());
        assertFalse(Glob.compile("/tmp/file-[[:digit:]]", false).matcher("/tmp/file-x").matches());
        assertTrue(Glob.compile("[[:alpha:]_]at", false).matcher("_at").matches());
        assertTrue(Glob.compile("[![:space:]]", false).matcher("x").matches());
        assertFalse(Glob.compile("[![:space:]]", false).matcher(" ").matches());
        assertFalse(Glob.compile("/tmp/file-[9-1]", false).matcher("/tmp/file-5").matches());
        assertTrue(Glob.compile("f[z-ax]", false).matcher("fx").matches());
        assertTrue(Glob.compile("f[!z-a]", false).matcher("fq").matches());
        assertTrue(Glob.compile("a[-]b", false).matcher("a-b").matches());
        assertFalse(Glob.compile("[[:foo:]]", false).matcher("f").matches(), "a class fnmatch does not know");
        assertFalse(Glob.compile("[[:foo:]]", false).matcher("f]").matches());
        assertTrue(Glob.compile("[[:digit:]", false).matcher("[d").matches(), "not closed: a [ and a set");
        assertFalse(Pattern.matches(Glob.compile("a.b", false).pattern(), "axb"));
    }

    @Test
    void pathPrefixesMatchWholeComponents() {
        PathPrefixes p = PathPrefixes.of(List.of("/var/run", "etc"));
        assertTrue(p.matches("/var/run/docker.sock"));
        assertTrue(p.matches("/var/run"));
        assertTrue(p.matches("//etc/passwd"));
        assertFalse(p.matches("/var"));
        assertFalse(p.matches("/etcx"));
        assertTrue(PathPrefixes.of(List.of("/")).matches("/anything"));
    }
}
