package org.scapscope.state;

import java.util.Collections;
import java.util.HashMap;
import java.util.Map;
import org.scapscope.scap.UserRecord;

/** The users and groups a capture lists, by id. */
public final class Users {
    private final HashMap<Long, UserRecord> users = new HashMap<>();
    private final HashMap<Long, UserRecord> groups = new HashMap<>();

    void add(UserRecord r) {
        if (r.group()) {
            groups.put(r.gid(), r);
        } else {
            users.put(r.uid(), r);
        }
    }

    void removeUser(long uid) {
        users.remove(uid);
    }

    void removeGroup(long gid) {
        groups.remove(gid);
    }

    /** The user with this uid, or null. */
    public UserRecord user(long uid) {
        return users.get(uid);
    }

    /** The group with this gid, or null. */
    public UserRecord group(long gid) {
        return groups.get(gid);
    }

    public Map<Long, UserRecord> allGroups() {
        return Collections.unmodifiableMap(groups);
    }

    public Map<Long, UserRecord> allUsers() {
        return Collections.unmodifiableMap(users);
    }
}
