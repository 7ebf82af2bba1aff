package org.scapscope.field;

import java.util.function.Function;
import org.scapscope.field.FieldInfo.Argument;

/** The {@code syslog} field class: the message a write to {@code /dev/log} carries, as libsinsp decodes it. */
final class SyslogFields {
    private SyslogFields() {
    }

    static void register(FieldRegistry r) {
        add(r, "syslog.facility.str", FieldType.CHARBUF, "facility as a name (kern, user, mail, ...)",
                Syslog::facilityText);
        add(r, "syslog.facility", FieldType.UINT32, "facility as a number (0-23)",
                s -> Integer.toUnsignedString(s.facility()));
        add(r, "syslog.severity.str", FieldType.CHARBUF, "severity as a name (emerg, alert, crit, err, warn, notice, "
                + "info, debug)", Syslog::severityText);
        add(r, "syslog.severity", FieldType.UINT32, "severity as a number (0-7)",
                s -> Integer.toUnsignedString(s.severity()));
        add(r, "syslog.message", FieldType.CHARBUF, "the message sent to syslog", Syslog::message);
    }

    private static void add(FieldRegistry r, String name, FieldType type, String description,
                            Function<Syslog, String> f) {
        r.add("syslog", new FieldInfo(name, type, description, Argument.NONE), (info, arg) -> new EventFields.Simple(
                info, c -> {
                    Syslog s = Syslog.of(c);
                    return s == null ? null : f.apply(s);
                }));
    }
}
