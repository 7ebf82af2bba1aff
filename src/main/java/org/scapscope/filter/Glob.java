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
                    re.append('[');
                    int j = i + 1;
                    if (glob.charAt(j) == '!' || glob.charAt(j) == '^') {
                        re.append('^');
                        j++;
                    }
                    for (; j < end; j++) {
                        char s = glob.charAt(j);
                        if ("[]\\^&".indexOf(s) >= 0) {
                            re.append('\\');
                        }
                        re.append(s);
                    }
                    re.append(']');
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
            if (glob.charAt(j) == ']') {
                return j;
            }
        }
        return -1;
    }
}
