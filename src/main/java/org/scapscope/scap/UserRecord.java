package org.scapscope.scap;

/**
 * One user or group of a user-list block.
 *
 * @param group true for a group, which has no uid, home or shell
 * @param uid user id, -1 for a group
 * @param gid group id
 * @param name user or group name
 * @param home home directory
 * @param shell login shell
 */
public record UserRecord(boolean group, long uid, long gid, String name, String home, String shell) {
}
