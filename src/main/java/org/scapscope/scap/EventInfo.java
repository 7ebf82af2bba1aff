package org.scapscope.scap;

import java.util.List;

/**
 * One event type of the schema.
 *
 * @param id event type number ({@code ppm_event_code})
 * @param name syscall or event name; enter and exit share it
 * @param enter true for enter events (even ids), false for exit events
 * @param category {@code ppm_event_category} bits
 * @param flags {@code ppm_event_flags} bits
 * @param largePayload true when parameter lengths are 32-bit
 * @param params the parameters of the current layout
 */
public record EventInfo(int id, String name, boolean enter, int category, int flags, boolean largePayload,
                        List<ParamInfo> params, int paramCount) {
    public EventInfo(int id, String name, boolean enter, int category, int flags, boolean largePayload,
                     List<ParamInfo> params) {
        this(id, name, enter, category, flags, largePayload, params, params.size());
    }

    public static final int EC_SYSCALL_CLASS_MASK = 0xFF;
    public static final int EC_IO_BASE = 32;
    public static final int EC_INTERNAL = 1 << 8;
    public static final int EC_SYSCALL = 1 << 9;
    public static final int EC_TRACEPOINT = 1 << 10;
    public static final int EC_PLUGIN = 1 << 11;
    public static final int EC_METAEVENT = 1 << 12;

    public static final int EF_CREATES_FD = 1;
    public static final int EF_DESTROYS_FD = 1 << 1;
    public static final int EF_USES_FD = 1 << 2;
    public static final int EF_READS_FROM_FD = 1 << 3;
    public static final int EF_WRITES_TO_FD = 1 << 4;
    public static final int EF_MODIFIES_STATE = 1 << 5;
    public static final int EF_UNUSED = 1 << 6;
    public static final int EF_WAITS = 1 << 7;
    public static final int EF_SKIPPARSERESET = 1 << 8;
    public static final int EF_OLD_VERSION = 1 << 9;
    public static final int EF_LARGE_PAYLOAD = 1 << 11;
    public static final int EF_CONVERTER_MANAGED = 1 << 12;

    /** Index of the parameter with this name, or -1. */
    public int paramIndex(String paramName) {
        for (int i = 0; i < params.size(); i++) {
            if (params.get(i).name().equals(paramName)) {
                return i;
            }
        }
        return -1;
    }

    public boolean isInternal() {
        return (category & EC_INTERNAL) != 0;
    }

    /** The syscall class bits ({@code EC_FILE}, {@code EC_NET}, {@code EC_IO_READ}, ...). */
    public int syscallClass() {
        return category & EC_SYSCALL_CLASS_MASK;
    }
}
