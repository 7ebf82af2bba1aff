package org.scapscope.state;

/** Path joining and clean-up as libsinsp does it, so resolved paths read as sysdig prints them. */
public final class FilePaths {
    private FilePaths() {
    }

    /**
     * {@code path} resolved against {@code dir}: a relative path is appended to the directory and an
     * absolute one replaces it; {@code .} and {@code ..} are folded, repeated slashes collapsed,
     * unprintable characters replaced by '.', and a trailing slash dropped.
     */
    public static String concatenate(String dir, String path) {
        StringBuilder target = new StringBuilder(dir.length() + path.length() + 1);
        if (!path.isEmpty() && path.charAt(0) != '/') {
            target.append(dir);
            copyAndSanitize(target, 0, dir.length(), path);
        } else {
            copyAndSanitize(target, 0, 0, path);
        }
        return target.toString();
    }

    /** Appends {@code path} to {@code target} from {@code start}; {@code base} is as far back as '..' may go. */
    private static void copyAndSanitize(StringBuilder target, int base, int start, String path) {
        target.setLength(start);
        int pc = 0;
        int n = path.length();
        while (true) {
            if (pc >= n) {
                int tc = target.length();
                if (tc > base + 1 && target.charAt(tc - 1) == '/') {
                    target.setLength(tc - 1);
                }
                return;
            }
            char c = path.charAt(pc);
            if (c < 32 || c > 126) {
                // libsinsp replaces each byte it cannot print: one per byte of the character's UTF-8
                int bytes = c < 127 ? 1 : c < 0x800 ? 2 : Character.isSurrogate(c) ? 2 : 3;
                for (int k = 0; k < bytes; k++) {
                    target.append('.');
                }
                pc++;
            } else if (c == '.' && at(path, pc + 1) == '.' && at(path, pc + 2) == '/') {
                rewind(target, base);
                pc += 3;
            } else if (c == '.' && at(path, pc + 1) == '.') {
                if (pc + 2 >= n) {
                    rewind(target, base);
                    pc += 2;
                } else {
                    target.append("..");
                    pc += 2;
                }
            } else if (c == '.' && at(path, pc + 1) == '/') {
                pc += 2;
            } else if (c == '.') {
                if (pc + 1 >= n) {
                    pc++;
                } else {
                    target.append('.');
                    pc++;
                }
            } else if (c == '/') {
                int tc = target.length();
                if (tc > base && target.charAt(tc - 1) == '/') {
                    pc++;
                } else {
                    target.append('/');
                    pc++;
                }
            } else {
                target.append(c);
                pc++;
            }
        }
    }

    private static char at(String s, int i) {
        return i < s.length() ? s.charAt(i) : 0;
    }

    /** Moves the end of {@code target} back to just after the previous '/'. */
    private static void rewind(StringBuilder target, int base) {
        int tc = target.length();
        if (tc <= base + 1) {
            return;
        }
        tc--;
        while (tc >= base + 1 && target.charAt(tc - 1) != '/') {
            tc--;
        }
        target.setLength(tc);
    }
}
