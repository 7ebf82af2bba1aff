package org.scapscope.state;

import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.Map;

/** The threads known at the current event, by thread id. */
public final class ThreadTable {
    final HashMap<Long, ThreadInfo> threads = new HashMap<>();

    public ThreadInfo get(long tid) {
        return threads.get(tid);
    }

    public int size() {
        return threads.size();
    }

    public Collection<ThreadInfo> all() {
        return Collections.unmodifiableCollection(threads.values());
    }

    void put(ThreadInfo t) {
        threads.put(t.tid, t);
    }

    void remove(long tid) {
        threads.remove(tid);
    }

    ThreadTable copy() {
        ThreadTable c = new ThreadTable();
        for (Map.Entry<Long, ThreadInfo> e : threads.entrySet()) {
            c.threads.put(e.getKey(), e.getValue().copy(c));
        }
        return c;
    }
}
