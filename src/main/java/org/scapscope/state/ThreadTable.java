package org.scapscope.state;

import java.util.Collection;

/** The threads known at the current event, by thread id. */
public final class ThreadTable {
    private final LongMap<ThreadInfo> threads = new LongMap<>();
    /** How many threads of the table have each process id: asked each time an unknown thread is added. */
    private final LongMap<int[]> perPid = new LongMap<>();
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
        ThreadInfo replaced = threads.get(t.tid);
        if (replaced != null) {
            count(replaced.pid, -1);
        }
        threads.put(t.tid, t);
        count(t.pid, 1);
        last = null;
        before = null;
    }

    void remove(long tid) {
        ThreadInfo t = threads.get(tid);
        if (t != null) {
            count(t.pid, -1);
        }
        threads.remove(tid);
        last = null;
        before = null;
    }

    /** Gives a thread another process id (an exec tells it), keeping the table's count by process id. */
    void setPid(ThreadInfo t, long pid) {
        if (threads.get(t.tid) == t) {
            count(t.pid, -1);
            count(pid, 1);
        }
        t.pid = pid;
    }

    /** How many threads of the table have this process id. */
    int withPid(long pid) {
        int[] n = perPid.get(pid);
        return n == null ? 0 : n[0];
    }

    private void count(long pid, int change) {
        int[] n = perPid.get(pid);
        if (n == null) {
            n = new int[1];
            perPid.put(pid, n);
        }
        n[0] += change;
        if (n[0] == 0) {
            perPid.remove(pid);
        }
    }
}
