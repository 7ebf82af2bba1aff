package org.scapscope.field;

import java.util.function.Function;
import org.scapscope.field.FieldInfo.Argument;
import org.scapscope.state.ThreadInfo;

/** The {@code proc} field class: the process of the thread that caused the event. */
final class ProcFields {
    private ProcFields() {
    }

    static void register(FieldRegistry r) {
        thread(r, "proc.pid", FieldType.INT64, "id of the process", t -> Long.toString(t.pid()));
        thread(r, "proc.exe", FieldType.CHARBUF, "first command-line argument (usually the executable)",
                ThreadInfo::exe);
        thread(r, "proc.name", FieldType.CHARBUF, "name of the executable, without the path", ThreadInfo::comm);
        thread(r, "proc.ppid", FieldType.INT64, "id of the parent process", t -> {
            ThreadInfo main = t.mainThread();
            return main == null ? null : Long.toString(main.ptid());
        });
        thread(r, "proc.cmdline", FieldType.CHARBUF, "name and arguments", ProcFields::cmdline);
    }

    static String cmdline(ThreadInfo t) {
        StringBuilder sb = new StringBuilder(t.comm());
        for (String a : t.args()) {
            sb.append(' ').append(a);
        }
        return sb.toString();
    }

    static void thread(FieldRegistry r, String name, FieldType type, String description,
                       Function<ThreadInfo, String> f) {
        FieldInfo info = new FieldInfo(name, type, description, Argument.NONE);
        r.add(name.substring(0, name.indexOf('.')), info, (i, arg) -> new EventFields.Simple(i, c -> {
            ThreadInfo t = c.thread();
            return t == null ? null : f.apply(t);
        }));
    }
}
