package org.scapscope.state;

import java.util.HashMap;
import java.util.Map;

/** The descriptors a process has open, by number. */
public final class FdTable {
    final HashMap<Long, FdInfo> fds = new HashMap<>();

    public FdInfo get(long fd) {
        return fds.get(fd);
    }

    /** Stores a copy of {@code info} under {@code fd}, replacing what was there, and returns the copy. */
    FdInfo add(long fd, FdInfo info) {
        FdInfo c = info.copy();
        fds.put(fd, c);
        return c;
    }

    void remove(long fd) {
        fds.remove(fd);
    }

    public int size() {
        return fds.size();
    }

    public Map<Long, FdInfo> all() {
        return java.util.Collections.unmodifiableMap(fds);
    }

    FdTable copy() {
        FdTable t = new FdTable();
        for (Map.Entry<Long, FdInfo> e : fds.entrySet()) {
            t.fds.put(e.getKey(), e.getValue().copy());
        }
        return t;
    }
}
