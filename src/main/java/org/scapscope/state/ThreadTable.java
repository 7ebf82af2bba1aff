package org.scapscope.state;

import java.util.Collection;

/** The threads known at the current event, by thread id. */
public final class ThreadTable {
    private final LongMap<ThreadInfo> threads = new LongMap<>();
    /** The two threads found last: an event's thread and its process's main thread, asked for in turn. */
    private ThreadInfo last;
    private ThreadInfo before;

    public ThreadInfo get(long tid) {
        ThreadInfo t = last;
        if (t != null && t.tid == tid) {
            return t;
        }
        t = before;
        if (t != null && t.tid == tid) {
            before = last;
            last = t;
            return t;
        }
        t = threads.get(tid);
        if (t != null) {
            before = last;
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
        before = null;
    }

    void remove(long tid) {
        threads.remove(tid);
        last = null;
        before = null;
    }
}
