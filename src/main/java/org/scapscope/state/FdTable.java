package org.scapscope.state;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;

/** The descriptors a process has open, by number. */
public final class FdTable {
    private final LongMap<FdInfo> fds = new LongMap<>();

    public FdInfo get(long fd) {
        return fds.get(fd);
    }

    /** Stores a copy of {@code info} under {@code fd}, replacing what was there, and returns the copy. */
    FdInfo add(long fd, FdInfo info) {
        FdInfo c = info.copy();
        fds.put(fd, c);
        return c;
    }

    /** Stores {@code info} itself under {@code fd}. */
    void put(long fd, FdInfo info) {
        fds.put(fd, info);
    }

    void remove(long fd) {
        fds.remove(fd);
    }

    public int size() {
        return fds.size();
    }

    /** The descriptors, as a copy. */
    public Collection<FdInfo> values() {
        return fds.values();
    }

    /** The descriptors by number, as a copy. */
    public Map<Long, FdInfo> all() {
        Map<Long, FdInfo> out = new LinkedHashMap<>();
        for (long k : fds.keys()) {
            out.put(k, fds.get(k));
        }
        return out;
    }

    FdTable copy() {
        FdTable t = new FdTable();
        for (long k : fds.keys()) {
            t.fds.put(k, fds.get(k).copy());
        }
        return t;
    }
}
