package org.scapscope.state;

import java.util.Collection;

/** The threads known at the current event, by thread id. */
public final class ThreadTable {
    private final LongMap<ThreadInfo> threads = new LongMap<>();
    private ThreadInfo last;

    public ThreadInfo get(long tid) {
        ThreadInfo t = last;
        if (t != null && t.tid == tid) {
            return t;
        }
        t = threads.get(tid);
        if (t != null) {
            last = t;
        }
        return t;
    }

    public int size() {
        return threads.size();
    }

    /** The threads, as a copy: the table may change while the caller walks it. */
    public Collection<ThreadInfo> all() {
        return threads.values();
    }

    void put(ThreadInfo t) {
        threads.put(t.tid, t);
        last = null;
    }

    void remove(long tid) {
        threads.remove(tid);
        last = null;
    }
}
