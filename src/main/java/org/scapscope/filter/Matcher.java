package org.scapscope.filter;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import org.scapscope.field.FieldContext;
import org.scapscope.field.FieldType;

/** Decides whether a field's value satisfies an operator and its values. */
abstract class Matcher {
    abstract boolean test(String value, FieldContext c);

    // ------------------------------------------------------------------------------- value parsing

    /**
     * A literal parsed for comparison with values of a field type: a String, Long, Double, byte[]
     * (an address) or {@link IpValues.Network}; null when the text is not such a value. Integers are
     * read as sysdig reads them: decimal, an optional sign, leading blanks allowed, then cut to the
     * field's width ({@code evt.cpu=65539} is {@code evt.cpu=3}); ports may be service names.
     */
    static Object parse(ValueKind kind, String text, FieldType type) {
        switch (kind) {
            case STRING: {
                // sysdig compares text as C strings: a value ends at its first NUL
                int nul = text.indexOf('\0');
                return nul < 0 ? text : text.substring(0, nul);
            }
            case BYTES:
                return new String(text.getBytes(StandardCharsets.UTF_8), StandardCharsets.ISO_8859_1);
            case SIGNED: case UNSIGNED:
                if (type == FieldType.PORT) {
                    return parsePort(text);
                }
                Long v = parseDecimal(text, kind == ValueKind.SIGNED);
                return v == null ? null : (Object) truncate(v, type);
            case DOUBLE:
                try {
                    return Double.parseDouble(text.strip());
                } catch (NumberFormatException e) {
                    return null;
                }
            case BOOL:
                return text.equals("true") ? (Object) 1L : text.equals("false") ? (Object) 0L : null;
            case IP:
                return IpValues.parseAddress(text);
            case NET:
                return IpValues.parseNetwork(text);
            default:
                throw new AssertionError(kind);
        }
    }

    /**
     * Decimal digits with an optional sign, after optional blanks, as C's strtoll reads them for a
     * signed field (saturating at the ends of the 64-bit range) and strtoull for an unsigned one
     * (negatives wrapped, and anything past 2^64 - 1 saturated to it).
     */
    private static Long parseDecimal(String text, boolean signed) {
        int i = 0;
        int n = text.length();
        while (i < n && Character.isWhitespace(text.charAt(i))) {
            i++;
        }
        boolean negative = false;
        if (i < n && (text.charAt(i) == '+' || text.charAt(i) == '-')) {
            negative = text.charAt(i) == '-';
            i++;
        }
        if (i >= n) {
            return null;
        }
        java.math.BigInteger v = java.math.BigInteger.ZERO;
        boolean overflow = false;
        for (; i < n; i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') {
                return null;
            }
            v = v.multiply(java.math.BigInteger.TEN).add(java.math.BigInteger.valueOf(c - '0'));
            if (v.bitLength() > 64) {
                v = java.math.BigInteger.ONE.shiftLeft(64).subtract(java.math.BigInteger.ONE);
                overflow = true;
            }
        }
        if (signed && v.bitLength() > 63) {
            return negative ? Long.MIN_VALUE : Long.MAX_VALUE;
        }
        if (overflow) {
            return -1L; // strtoull gives 2^64 - 1 for any number past it, negative ones too
        }
        return negative ? -v.longValue() : v.longValue();
    }

    private static long truncate(long v, FieldType type) {
        switch (type) {
            case INT8:
                return (byte) v;
            case INT16:
                return (short) v;
            case INT32:
                return (int) v;
            case UINT8: case SIGTYPE: case L4PROTO:
                return v & 0xFF;
            case UINT16: case SYSCALLID:
                return v & 0xFFFF;
            case UINT32: case MODE:
                return v & 0xFFFF_FFFFL;
            default:
                return v;
        }
    }

    private static Long parsePort(String text) {
        if (text.isEmpty()) {
            return 0L;
        }
        if (text.chars().allMatch(c -> c >= '0' && c <= '9')) {
            Long v = parseDecimal(text, false);
            return v == null ? null : v & 0xFFFF;
        }
        int p = Services.port(text);
        return p < 0 ? null : (long) p;
    }

    /** A field's value (as the registry prints it) in the form {@link #parse} gives literals. */
    static Object fieldValue(ValueKind kind, String text) {
        switch (kind) {
            case STRING: case BYTES:
                return text;
            case SIGNED:
                return parseSigned(text);
            case UNSIGNED:
                return parseUnsignedValue(text);
            case DOUBLE:
                return parse(kind, text, FieldType.DOUBLE);
            case BOOL:
                return text.equals("true") || text.equals("1") ? (Object) 1L
                        : text.equals("false") || text.equals("0") ? (Object) 0L : null;
            case IP: case NET:
                return IpValues.parseAddress(text);
            default:
                throw new AssertionError(kind);
        }
    }

    private static Long parseSigned(String text) {
        try {
            return Long.parseLong(text);
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static Long parseUnsignedValue(String text) {
        try {
            return Long.parseUnsignedLong(text);
        } catch (NumberFormatException e) {
            return null;
        }
    }

    // ------------------------------------------------------------------------------- one value

    /** {@code left OP right} for one parsed right-hand value. */
    static boolean compare(ValueKind kind, Operator op, String left, Object right) {
        switch (kind) {
            case STRING: case BYTES:
                return compareText(op, left, (String) right);
            case NET: {
                byte[] ip = IpValues.parseAddress(left);
                boolean in = ((IpValues.Network) right).contains(ip);
                return op == Operator.NE ? ip != null && !in : in;
            }
            case IP: {
                byte[] ip = IpValues.parseAddress(left);
                if (ip == null) {
                    return false;
                }
                boolean same = IpValues.same(ip, (byte[]) right);
                return op == Operator.NE ? !same : same;
            }
            case DOUBLE: {
                Object l = fieldValue(kind, left);
                return l != null && order(op, Double.compare((Double) l, (Double) right));
            }
            case UNSIGNED: {
                Object l = fieldValue(kind, left);
                return l != null && order(op, Long.compareUnsigned((Long) l, (Long) right));
            }
            default: {
                Object l = fieldValue(kind, left);
                return l != null && order(op, Long.compare((Long) l, (Long) right));
            }
        }
    }

    private static boolean order(Operator op, int cmp) {
        switch (op) {
            case EQ: case EQ2: case IN: case INTERSECTS:
                return cmp == 0;
            case NE:
                return cmp != 0;
            case LT:
                return cmp < 0;
            case LE:
                return cmp <= 0;
            case GT:
                return cmp > 0;
            case GE:
                return cmp >= 0;
            default:
                throw new AssertionError(op);
        }
    }

    private static boolean compareText(Operator op, String left, String right) {
        switch (op) {
            case EQ: case EQ2: case IN: case INTERSECTS:
                return left.equals(right);
            case NE:
                return !left.equals(right);
            case LT:
                return left.compareTo(right) < 0;
            case LE:
                return left.compareTo(right) <= 0;
            case GT:
                return left.compareTo(right) > 0;
            case GE:
                return left.compareTo(right) >= 0;
            case CONTAINS: case BCONTAINS:
                return left.contains(right);
            case ICONTAINS:
                return containsIgnoreCase(left, right);
            case STARTSWITH: case BSTARTSWITH:
                return left.startsWith(right);
            case ENDSWITH:
                return left.endsWith(right);
            case GLOB:
                return Glob.compile(right, false).matcher(left).matches();
            case IGLOB:
                return Glob.compile(right, true).matcher(left).matches();
            case PMATCH:
                return PathPrefixes.of(List.of(right)).matches(left);
            default:
                throw new AssertionError(op);
        }
    }

    /** Whether {@code s} contains {@code part}, ASCII letters compared without case, as {@code strcasestr}. */
    static boolean containsIgnoreCase(String s, String part) {
        int n = part.length();
        for (int i = 0; i + n <= s.length(); i++) {
            if (s.regionMatches(true, i, part, 0, n)) {
                return true;
            }
        }
        return false;
    }

    // ------------------------------------------------------------------------------- matchers

    /** Compares with one literal. */
    static final class One extends Matcher {
        private final ValueKind kind;
        private final Operator op;
        private final Object right;

        One(ValueKind kind, Operator op, Object right) {
            this.kind = kind;
            this.op = op;
            this.right = right;
        }

        @Override
        boolean test(String value, FieldContext c) {
            return compare(kind, op, value, right);
        }
    }

    /** An integer field compared with an integer, without boxing either. */
    static final class Integer64 extends Matcher {
        private final Operator op;
        private final long right;
        private final boolean unsigned;

        Integer64(Operator op, long right, boolean unsigned) {
            this.op = op;
            this.right = right;
            this.unsigned = unsigned;
        }

        /** Tests a value already read as a number. */
        boolean test(long v) {
            return order(op, unsigned ? Long.compareUnsigned(v, right) : Long.compare(v, right));
        }

        @Override
        boolean test(String value, FieldContext c) {
            int n = value.length();
            if (n == 0 || n > 20) {
                return false;
            }
            int i = 0;
            boolean negative = value.charAt(0) == '-';
            if (negative) {
                if (unsigned || n == 1) {
                    return false;
                }
                i = 1;
            }
            long v = 0;
            for (; i < n; i++) {
                int d = value.charAt(i) - '0';
                if (d < 0 || d > 9) {
                    return false;
                }
                v = v * 10 + d;
            }
            if (n - (negative ? 1 : 0) >= 19) {
                // long values: the exact reading, rarely needed
                Object exact = fieldValue(unsigned ? ValueKind.UNSIGNED : ValueKind.SIGNED, value);
                if (exact == null) {
                    return false;
                }
                v = (Long) exact;
            } else if (negative) {
                v = -v;
            }
            return order(op, unsigned ? Long.compareUnsigned(v, right) : Long.compare(v, right));
        }
    }

    /** String equality, the commonest comparison. */
    static final class Equals extends Matcher {
        private final String right;
        private final boolean negated;

        Equals(String right, boolean negated) {
            this.right = right;
            this.negated = negated;
        }

        @Override
        boolean test(String value, FieldContext c) {
            return value.equals(right) != negated;
        }
    }

    /** A compiled pattern: glob, iglob or regex. */
    static final class Patterned extends Matcher {
        private final Pattern pattern;
        private final boolean whole;

        Patterned(Pattern pattern, boolean whole) {
            this.pattern = pattern;
            this.whole = whole;
        }

        @Override
        boolean test(String value, FieldContext c) {
            java.util.regex.Matcher m = pattern.matcher(value);
            return whole ? m.matches() : m.find();
        }
    }

    /** Membership of a set of strings. */
    static final class InStrings extends Matcher {
        private final Set<String> values;

        InStrings(Set<String> values) {
            this.values = values;
        }

        @Override
        boolean test(String value, FieldContext c) {
            return values.contains(value);
        }
    }

    /** Equality with any of several parsed values. */
    /**
     * An integer field {@code in} a list of integers: the list sorted, a value found by halving it,
     * so that a list of thousands (the numbers of marked events) costs a few steps per event.
     */
    static final class InIntegers extends Matcher {
        private final long[] sorted;
        private final boolean unsigned;

        InIntegers(long[] values, boolean unsigned) {
            this.sorted = values.clone();
            java.util.Arrays.sort(this.sorted);
            this.unsigned = unsigned;
        }

        /** Tests a value already read as a number. */
        boolean test(long v) {
            return java.util.Arrays.binarySearch(sorted, v) >= 0;
        }

        @Override
        boolean test(String value, FieldContext c) {
            try {
                return test(unsigned ? Long.parseUnsignedLong(value) : Long.parseLong(value));
            } catch (NumberFormatException e) {
                return false;
            }
        }
    }

    static final class AnyOf extends Matcher {
        private final ValueKind kind;
        private final Object[] rights;

        AnyOf(ValueKind kind, Object[] rights) {
            this.kind = kind;
            this.rights = rights;
        }

        @Override
        boolean test(String value, FieldContext c) {
            for (Object r : rights) {
                if (compare(kind, Operator.EQ, value, r)) {
                    return true;
                }
            }
            return false;
        }
    }

    static final class PathPrefix extends Matcher {
        private final PathPrefixes prefixes;

        PathPrefix(PathPrefixes prefixes) {
            this.prefixes = prefixes;
        }

        @Override
        boolean test(String value, FieldContext c) {
            return prefixes.matches(value);
        }
    }

    /** {@code val(field)}: compares with another field's value for the same event. */
    static final class OtherField extends Matcher {
        private final ValueKind kind;
        private final Operator op;
        private final Access right;
        private final FieldType type;

        OtherField(ValueKind kind, Operator op, Access right, FieldType type) {
            this.kind = kind;
            this.op = op;
            this.right = right;
            this.type = type;
        }

        @Override
        boolean test(String value, FieldContext c) {
            String r = right.value(c);
            if (r == null) {
                return false;
            }
            Object parsed = kind == ValueKind.NET ? IpValues.parseAddress(r) : fieldValueOrLiteral(r);
            if (parsed == null) {
                return false;
            }
            if (kind == ValueKind.NET) {
                byte[] ip = IpValues.parseAddress(value);
                boolean same = IpValues.same(ip, (byte[]) parsed);
                return op == Operator.NE ? !same : same;
            }
            return compare(kind, op, value, parsed);
        }

        private Object fieldValueOrLiteral(String r) {
            Object v = fieldValue(kind, r);
            return v != null ? v : parse(kind, r, type);
        }
    }

    /** Splits a list of string values into a set. */
    static Set<String> set(List<Object> values) {
        Set<String> s = new HashSet<>();
        for (Object v : values) {
            s.add((String) v);
        }
        return s;
    }

    static List<String> strings(List<Object> values) {
        List<String> out = new ArrayList<>();
        for (Object v : values) {
            out.add((String) v);
        }
        return out;
    }
}
