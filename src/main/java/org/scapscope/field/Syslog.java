package org.scapscope.field;

import java.nio.charset.StandardCharsets;
import org.scapscope.scap.ScapEvent;
import org.scapscope.state.FdInfo;

/**
 * What libsinsp's syslog decoder makes of a write to {@code /dev/log}: the priority at the start of
 * the message ({@code <PRI>}) split into facility and severity, and the message after it. The
 * decoder watches descriptors whose name contains {@code /dev/log} and decodes the data of each
 * successful write; what it decoded is valid for that event only.
 *
 * @param facility facility number (priority / 8)
 * @param severity severity number (priority % 8)
 * @param message the text after the priority, up to its first NUL as sysdig prints it
 */
record Syslog(int facility, int severity, String message) {
    private static final String[] SEVERITIES = {"emerg", "alert", "crit", "err", "warn", "notice", "info", "debug"};
    private static final String[] FACILITIES = {"kern", "user", "mail", "daemon", "auth", "syslog", "lpr", "news",
        "uucp", "clock", "authpriv", "ftp", "ntp", "logaudit", "logalert", "cron", "local0", "local1", "local2",
        "local3", "local4", "local5", "local6", "local7"};
    private static final int MAX_PRIORITY_DIGITS = 15;

    // exit events whose data libsinsp passes to write decoders (parse_rw_exit)
    private static final int[] WRITE_EXITS = {9, 29, 31, 49, 115, 119, 123};

    String severityText() {
        return severity < SEVERITIES.length ? SEVERITIES[severity] : "<NA>";
    }

    String facilityText() {
        return facility >= 0 && facility < FACILITIES.length ? FACILITIES[facility] : "<NA>";
    }

    /** Whether the syslog decoder watches this descriptor. */
    static boolean isLogFd(FdInfo fd) {
        return fd != null && fd.name().contains("/dev/log");
    }

    /** The message the current event wrote to {@code /dev/log}, or null when it wrote none that decodes. */
    static Syslog of(FieldContext c) {
        ScapEvent e = c.event();
        if (!isWriteExit(e.type()) || !isLogFd(c.fd()) || e.paramCount() < 2
                || ParamText.fixed(e, 0, 0, 8, true) < 0) {
            return null;
        }
        return decode(e.paramBytes(1));
    }

    /** Decodes {@code <PRI>message}; null when the priority is missing or not a number. */
    static Syslog decode(byte[] data) {
        int len = data.length;
        int j = 0;
        int at = 1;
        while (at < len && data[at] != '>' && data[at] != 0 && j < MAX_PRIORITY_DIGITS) {
            at++;
            j++;
        }
        if (j == 0 || len < j + 2) {
            return null;
        }
        int priority = 0;
        for (int k = 1; k <= j; k++) {
            int d = data[k];
            if (d < '0' || d > '9') {
                return null;
            }
            priority = priority * 10 + (d - '0');
        }
        int start = j + 2;
        int end = start;
        while (end < len && data[end] != 0) {
            end++;
        }
        String message = new String(data, start, end - start, StandardCharsets.UTF_8);
        return new Syslog(priority >> 3, priority & 7, message);
    }

    /** {@code evt.info} of a decoded write: {@code syslog sev=SEVERITY msg=MESSAGE}; null otherwise. */
    static String infoLine(FieldContext c) {
        if (!isLogFd(c.fd())) {
            return null;
        }
        Syslog s = of(c);
        return s == null ? null : "syslog sev=" + s.severityText() + " msg=" + s.message();
    }

    private static boolean isWriteExit(int type) {
        for (int t : WRITE_EXITS) {
            if (t == type) {
                return true;
            }
        }
        return false;
    }
}
