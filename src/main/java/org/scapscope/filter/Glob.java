package org.scapscope.filter;

import java.util.regex.Pattern;

/**
 * Shell wildcard patterns as {@code fnmatch(3)} reads them without flags: {@code *} matches any run
 * of characters, slashes included; {@code ?} one character; {@code [...]} a set, negated by a
 * leading {@code !} or {@code ^}, with ranges; a backslash makes the next character literal.
 */
final class Glob {
    private Glob() {
    }

    static Pattern compile(String glob, boolean ignoreCase) {
        if (UNKNOWN_CLASS.matcher(glob).find()) {
            return Pattern.compile("(?!)"); // fnmatch matches nothing with a class it does not know
        }
        StringBuilder re = new StringBuilder(glob.length() * 2);
        int n = glob.length();
        for (int i = 0; i < n; i++) {
            char c = glob.charAt(i);
            switch (c) {
                case '*':
                    re.append(".*");
                    break;
                case '?':
                    re.append('.');
                    break;
                case '\\':
                    if (i + 1 < n) {
                        re.append(Pattern.quote(String.valueOf(glob.charAt(++i))));
                    } else {
                        re.append("\\\\");
                    }
                    break;
                case '[': {
                    int end = setEnd(glob, i);
                    if (end < 0) {
                        re.append("\\[");
                        break;
                    }
                    re.append(set(glob, i + 1, end));
                    i = end;
                    break;
                }
                default:
                    if ("\\.[]{}()<>*+-=!?^$|".indexOf(c) >= 0) {
                        re.append('\\');
                    }
                    re.append(c);
            }
        }
        int flags = Pattern.DOTALL | (ignoreCase ? Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE : 0);
        return Pattern.compile(re.toString(), flags);
    }

    /** Character classes a set may name, as {@code [[:digit:]]}, for the C locale. */
    private static final java.util.Map<String, String> CLASSES = java.util.Map.ofEntries(
            java.util.Map.entry("alpha", "\\p{Alpha}"), java.util.Map.entry("digit", "0-9"),
            java.util.Map.entry("alnum", "\\p{Alnum}"), java.util.Map.entry("upper", "\\p{Upper}"),
            java.util.Map.entry("lower", "\\p{Lower}"), java.util.Map.entry("space", "\\s\\x0B"),
            java.util.Map.entry("blank", " \\t"), java.util.Map.entry("punct", "\\p{Punct}"),
            java.util.Map.entry("print", "\\p{Print}"), java.util.Map.entry("graph", "\\p{Graph}"),
            java.util.Map.entry("cntrl", "\\p{Cntrl}"), java.util.Map.entry("xdigit", "0-9A-Fa-f"));

    /** A set naming a class, in lower-case letters, that is none of {@link #CLASSES}. */
    private static final Pattern UNKNOWN_CLASS = Pattern.compile(
            "\\[:(?!(?:" + String.join("|", CLASSES.keySet()) + "):\\])[a-z]+:\\]");

    /**
     * Where the class named at {@code at} ({@code [:digit:]}) ends, its {@code ]}, when it is one of
     * {@link #CLASSES} closed before {@code limit}; else -1.
     */
    private static int classEnd(String glob, int at, int limit) {
        if (glob.charAt(at) != '[' || at + 1 >= limit || glob.charAt(at + 1) != ':') {
            return -1;
        }
        int close = glob.indexOf(":]", at + 2);
        return close >= 0 && close + 1 < limit && CLASSES.containsKey(glob.substring(at + 2, close)) ? close + 1 : -1;
    }

    /**
     * The regular expression of the set whose members lie in {@code [from, end)}: characters, ranges
     * and named classes; a range written backwards holds nothing, as fnmatch reads it.
     */
    private static String set(String glob, int from, int end) {
        int j = from;
        boolean negated = glob.charAt(j) == '!' || glob.charAt(j) == '^';
        if (negated) {
            j++;
        }
        StringBuilder members = new StringBuilder();
        while (j < end) {
            char s = glob.charAt(j);
            int classEnd = classEnd(glob, j, end);
            if (classEnd >= 0) {
                members.append(CLASSES.get(glob.substring(j + 2, classEnd - 1)));
                j = classEnd + 1;
                continue;
            }
            if (j + 2 < end && glob.charAt(j + 1) == '-') {
                char to = glob.charAt(j + 2);
                if (s <= to) {
                    members.append(member(s)).append('-').append(member(to));
                }
                j += 3;
                continue;
            }
            members.append(member(s));
            j++;
        }
        if (members.length() == 0) {
            return negated ? "." : "(?!)";
        }
        return "[" + (negated ? "^" : "") + members + "]";
    }

    /** One character of a set, escaped where a regular expression's set reads it otherwise. */
    private static String member(char c) {
        return "[]\\^&-".indexOf(c) >= 0 ? "\\" + c : String.valueOf(c);
    }

    /** The index of the {@code ]} closing the set opened at {@code open}, or -1 when it is not closed. */
    private static int setEnd(String glob, int open) {
        int j = open + 1;
        if (j < glob.length() && (glob.charAt(j) == '!' || glob.charAt(j) == '^')) {
            j++;
        }
        if (j < glob.length() && glob.charAt(j) == ']') {
            j++; // a leading ] is a member
        }
        for (; j < glob.length(); j++) {
            int classEnd = classEnd(glob, j, glob.length());
            if (classEnd >= 0) {
                j = classEnd; // a named class's own ] does not close the set
                continue;
            }
            if (glob.charAt(j) == ']') {
                return j;
            }
        }
        return -1;
    }
}
