package org.scapscope.field;

import static org.scapscope.field.ProcFields.add;

import org.scapscope.scap.UserRecord;
import org.scapscope.state.ThreadInfo;

/**
 * The {@code user} and {@code group} field classes: the credentials of the thread that caused the
 * event, named through the capture's user and group lists.
 */
final class UserFields {
    private static final long UINT32_MASK = 0xFFFF_FFFFL;
    /** The id libsinsp uses for an unknown user or group; it is never looked up. */
    private static final long UNKNOWN_ID = 0xFFFF_FFFFL;

    private UserFields() {
    }

    static void register(FieldRegistry r) {
        add(r, "user.uid", FieldType.UINT32, "numeric user id", (c, t) -> Long.toString(t.uid() & UINT32_MASK));
        add(r, "user.name", FieldType.CHARBUF, "user name", (c, t) -> {
            UserRecord u = user(c, t.uid());
            return u == null ? null : u.name();
        });
        add(r, "user.homedir", FieldType.CHARBUF, "home directory of the user", (c, t) -> {
            UserRecord u = user(c, t.uid());
            return u == null ? null : u.home();
        });
        add(r, "user.shell", FieldType.CHARBUF, "login shell of the user", (c, t) -> {
            UserRecord u = user(c, t.uid());
            return u == null ? null : u.shell();
        });
        add(r, "user.loginuid", FieldType.INT32, "audit login user id (auid)",
                (c, t) -> Integer.toString((int) t.loginuid()));
        add(r, "user.loginname", FieldType.CHARBUF, "user name of the audit login user id", (c, t) -> {
            UserRecord u = user(c, t.loginuid());
            return u == null ? null : u.name();
        });
        add(r, "group.gid", FieldType.UINT64, "numeric group id", (c, t) -> Long.toUnsignedString(groupId(t)));
        add(r, "group.name", FieldType.CHARBUF, "group name", (c, t) -> {
            long gid = t.gid() & UINT32_MASK;
            UserRecord g = gid == UNKNOWN_ID ? null : c.state().users().group(gid);
            return g == null ? null : g.name();
        });
    }

    private static UserRecord user(FieldContext c, long uid) {
        long id = uid & UINT32_MASK;
        return id == UNKNOWN_ID ? null : c.state().users().user(id);
    }

    /**
     * The group id as sysdig prints it: libsinsp reads this 32-bit id as a 64-bit number, so the
     * upper half is the low half of the counter stored after it, the thread's child-thread count.
     */
    static long groupId(ThreadInfo t) {
        return (t.gid() & UINT32_MASK) | (t.childThreads() & UINT32_MASK) << 32;
    }
}
