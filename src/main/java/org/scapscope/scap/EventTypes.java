package org.scapscope.scap;

/** Event type numbers the reader and the layers above treat specially. */
public final class EventTypes {
    public static final int GENERIC_E = 0;
    public static final int GENERIC_X = 1;
    public static final int SCAPEVENT_E = 196;
    public static final int CONTAINER_E = 228;
    public static final int PROCINFO_E = 234;
    public static final int CONTAINER_JSON_E = 272;
    public static final int NOTIFICATION_E = 280;
    public static final int INFRASTRUCTURE_EVENT_E = 286;
    public static final int CONTAINER_JSON_2_E = 324;
    public static final int USER_ADDED_E = 354;
    public static final int USER_DELETED_E = 356;
    public static final int GROUP_ADDED_E = 358;
    public static final int GROUP_DELETED_E = 360;
    public static final int ASYNCEVENT_E = 402;

    private EventTypes() {
    }

    /**
     * One past the highest type number that means anything here: the schema's, sysdig's table's and
     * this class's own. Every type above behaves alike (unknown), so tables of per-type facts are
     * filled up to here and left at their defaults above, which keeps start-up from looping over all
     * 65,536 types.
     */
    public static int knownLimit() {
        return Known.LIMIT;
    }

    private static final class Known {
        static final int LIMIT = Math.max(Math.max(EventSchema.get().size(), SysdigTable.get().typeCount()),
                ASYNCEVENT_E + 1);
    }

    /** Whether an event type is an enter event ({@code PPME_IS_ENTER}: even numbers). */
    public static boolean isEnter(int type) {
        return (type & 1) == 0;
    }

    /**
     * User and group records that capture writers put at the start of a section to describe the machine.
     * They update state but are not events of the capture: sysdig does not number them.
     */
    public static boolean isStateRecord(int type) {
        return type == USER_ADDED_E || type == USER_DELETED_E || type == GROUP_ADDED_E || type == GROUP_DELETED_E;
    }

    /** Container metadata records: shown only on request, like sysdig's internal events. */
    public static boolean isContainerRecord(int type) {
        return type == CONTAINER_E || type == CONTAINER_JSON_E || type == CONTAINER_JSON_2_E || type == ASYNCEVENT_E;
    }
}
