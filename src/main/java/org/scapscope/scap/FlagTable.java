package org.scapscope.scap;

import java.util.List;

/** Names of the values of a flags or enum parameter, in the order the event table lists them. */
public final class FlagTable {
    private final String name;
    private final String[] names;
    private final long[] values;

    FlagTable(String name, List<String> names, List<Long> values) {
        this.name = name;
        this.names = names.toArray(new String[0]);
        this.values = new long[values.size()];
        for (int i = 0; i < this.values.length; i++) {
            this.values[i] = values.get(i);
        }
    }

    public String name() {
        return name;
    }

    public int size() {
        return names.length;
    }

    public String nameAt(int i) {
        return names[i];
    }

    public long valueAt(int i) {
        return values[i];
    }

    /** The name whose value equals {@code value} exactly, or null. */
    public String nameOf(long value) {
        for (int i = 0; i < values.length; i++) {
            if (values[i] == value) {
                return names[i];
            }
        }
        return null;
    }

    /** The value of a name, or -1 if the table has no such name. */
    public long valueOf(String flagName) {
        for (int i = 0; i < names.length; i++) {
            if (names[i].equals(flagName)) {
                return values[i];
            }
        }
        return -1;
    }
}
