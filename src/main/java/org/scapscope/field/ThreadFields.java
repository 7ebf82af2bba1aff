package org.scapscope.field;

import org.scapscope.field.FieldInfo.Argument;

/** The {@code thread} field class. */
final class ThreadFields {
    private ThreadFields() {
    }

    static void register(FieldRegistry r) {
        r.add("thread", new FieldInfo("thread.tid", FieldType.INT64, "id of the thread that caused the event",
                Argument.NONE), (info, arg) -> new EventFields.Simple(info, c -> Long.toString(c.event().tid())));
    }
}
