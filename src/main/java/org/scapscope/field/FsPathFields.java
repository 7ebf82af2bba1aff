package org.scapscope.field;

import org.scapscope.field.FieldInfo.Argument;
import org.scapscope.scap.FdRecord;
import org.scapscope.scap.ScapEvent;
import org.scapscope.state.FdInfo;
import org.scapscope.state.FilePaths;
import org.scapscope.state.ThreadInfo;

/**
 * The {@code fs.path} field class of current Falco: the path a file-system system call works on,
 * whether or not it goes through a descriptor (mkdir, unlink, rename, symlink, mount, ...). Only
 * successful calls have a value. The {@code raw} fields give the path as passed to the call; the
 * others resolve a relative path against the thread's working directory or the call's directory
 * descriptor, as libsinsp's fspath check does.
 */
final class FsPathFields {
    private enum Role { NAME, SOURCE, TARGET }

    /** How a call is judged successful, and which parameter holds each path. */
    private record Call(String success, String name, String source, String target) {
    }

    private static final String RES_ZERO = "res";
    private static final String FD_NOT_MINUS_ONE = "fd";
    /** The path comes from the descriptor the call acted on (fchmod, fchown). */
    private static final String FD_NAME = "<fd.name>";

    // Exit event types of the calls, from the libs event table.
    private static final int OPEN_X = 3;
    private static final int RENAME_X = 175;
    private static final int RENAMEAT_X = 177;
    private static final int SYMLINK_X = 179;
    private static final int SYMLINKAT_X = 181;
    private static final int QUOTACTL_X = 191;
    private static final int MOUNT_X = 257;
    private static final int MKDIR_2_X = 277;
    private static final int RMDIR_2_X = 279;
    private static final int UNLINK_2_X = 301;
    private static final int UNLINKAT_2_X = 303;
    private static final int MKDIRAT_X = 305;
    private static final int OPENAT_2_X = 307;
    private static final int LINK_2_X = 309;
    private static final int LINKAT_2_X = 311;
    private static final int FCHMODAT_X = 313;
    private static final int CHMOD_X = 315;
    private static final int FCHMOD_X = 317;
    private static final int RENAMEAT2_X = 319;
    private static final int OPENAT2_X = 327;
    private static final int CHOWN_X = 379;
    private static final int LCHOWN_X = 381;
    private static final int FCHOWN_X = 383;
    private static final int FCHOWNAT_X = 385;
    private static final int UMOUNT_1_X = 387;
    private static final int UMOUNT2_X = 391;

    /** By exit event type; the largest type in the table is below 512. */
    private static final Call[] CALLS = new Call[512];

    static {
        path(MKDIR_2_X, RES_ZERO, "path");
        path(MKDIRAT_X, RES_ZERO, "path");
        path(RMDIR_2_X, RES_ZERO, "path");
        path(UNLINK_2_X, RES_ZERO, "path");
        path(UNLINKAT_2_X, RES_ZERO, "name");
        path(OPEN_X, FD_NOT_MINUS_ONE, "name");
        path(OPENAT_2_X, FD_NOT_MINUS_ONE, "name");
        path(OPENAT2_X, FD_NOT_MINUS_ONE, "name");
        path(FCHMODAT_X, RES_ZERO, "filename");
        path(CHMOD_X, RES_ZERO, "filename");
        path(FCHMOD_X, RES_ZERO, FD_NAME);
        path(CHOWN_X, RES_ZERO, "path");
        path(LCHOWN_X, RES_ZERO, "path");
        path(FCHOWN_X, RES_ZERO, FD_NAME);
        path(FCHOWNAT_X, RES_ZERO, "pathname");
        path(QUOTACTL_X, RES_ZERO, "special");
        path(UMOUNT_1_X, RES_ZERO, "name");
        path(UMOUNT2_X, RES_ZERO, "name");
        pair(RENAME_X, "oldpath", "newpath");
        pair(RENAMEAT_X, "oldpath", "newpath");
        pair(RENAMEAT2_X, "oldpath", "newpath");
        // a link's source is the new name and its target the existing file
        pair(LINK_2_X, "newpath", "oldpath");
        pair(LINKAT_2_X, "newpath", "oldpath");
        pair(SYMLINK_X, "linkpath", "target");
        pair(SYMLINKAT_X, "linkpath", "target");
        pair(MOUNT_X, "dev", "dir");
    }

    private FsPathFields() {
    }

    private static void path(int type, String success, String name) {
        CALLS[type] = new Call(success, name, null, null);
    }

    private static void pair(int type, String source, String target) {
        CALLS[type] = new Call(RES_ZERO, null, source, target);
    }

    static void register(FieldRegistry r) {
        String resolved = ", made absolute against the thread's working directory or the call's directory fd";
        String given = ", exactly as the process passed it";
        add(r, "fs.path.name", "path a successful file-system call worked on (open, mkdir, unlink, chmod, "
                + "mount, ...)" + resolved, Role.NAME, false);
        add(r, "fs.path.nameraw", "path a successful file-system call worked on" + given, Role.NAME, true);
        add(r, "fs.path.source", "source path of a successful two-path call (rename, link, symlink, mount)"
                + resolved, Role.SOURCE, false);
        add(r, "fs.path.sourceraw", "source path of a successful two-path call" + given, Role.SOURCE, true);
        add(r, "fs.path.target", "target path of a successful two-path call (rename, link, symlink, mount)"
                + resolved, Role.TARGET, false);
        add(r, "fs.path.targetraw", "target path of a successful two-path call" + given, Role.TARGET, true);
    }

    private static void add(FieldRegistry r, String name, String description, Role role, boolean raw) {
        r.add("fs.path", new FieldInfo(name, FieldType.CHARBUF, description, Argument.NONE),
                (info, arg) -> new EventFields.Simple(info, c -> extract(c, role, raw)));
    }

    private static String extract(FieldContext c, Role role, boolean raw) {
        ScapEvent e = c.event();
        Call call = e.type() < CALLS.length ? CALLS[e.type()] : null;
        if (call == null || !succeeded(e, call)) {
            return null;
        }
        String param = role == Role.NAME ? call.name() : role == Role.SOURCE ? call.source() : call.target();
        if (param == null) {
            return null;
        }
        String path;
        if (param.equals(FD_NAME)) {
            // the descriptor in the event's own fd parameter, whatever sysdig 0.29.3's table says of it
            int i = e.paramIndex("fd");
            ThreadInfo t = c.thread();
            FdInfo fd = i < 0 || t == null ? null : t.fd(e.paramAsLong(i));
            path = fd == null ? null : fd.name();
        } else {
            int i = e.paramIndex(param);
            path = i < 0 ? null : e.paramAsString(i);
        }
        if (path == null || raw) {
            return path;
        }
        ThreadInfo t = c.state().thread();
        if (t == null) {
            return null;
        }
        if (path.startsWith("/")) {
            return FilePaths.concatenate("", path);
        }
        String dir;
        switch (e.type()) {
            case OPENAT_2_X:
            case OPENAT2_X: {
                // the parser has already resolved the new descriptor's name
                FdInfo fd = c.fd();
                return FilePaths.concatenate("", fd != null ? fd.name() : "<UNKNOWN>");
            }
            case FCHOWNAT_X:
            case FCHMODAT_X:
            case MKDIRAT_X:
            case UNLINKAT_2_X:
                dir = directory(t, e, "dirfd");
                break;
            case SYMLINKAT_X:
                dir = role == Role.SOURCE ? directory(t, e, "linkdirfd") : "<UNKNOWN>";
                break;
            case RENAMEAT2_X:
                if (role == Role.NAME) {
                    dir = "<UNKNOWN>";
                } else {
                    int at = e.paramIndex(role == Role.TARGET ? "newdirfd" : "olddirfd");
                    dir = at < 0 ? "<UNKNOWN>" : c.state().directoryFor(path, e.paramAsLong(at));
                }
                break;
            default:
                dir = t.cwd();
                break;
        }
        return FilePaths.concatenate(dir, path);
    }

    private static boolean succeeded(ScapEvent e, Call call) {
        int i = e.paramIndex(call.success());
        // an open's check is the fd against -1 only, so a failed open (a negative errno) still passes
        return i >= 0 && (call.success().equals(FD_NOT_MINUS_ONE) ? e.paramAsLong(i) != -1 : e.paramAsLong(i) == 0);
    }

    /** The directory a call's directory descriptor names, with a trailing slash; {@code <UNKNOWN>} if it is not one. */
    private static String directory(ThreadInfo t, ScapEvent e, String param) {
        int i = e.paramIndex(param);
        FdInfo fd = i < 0 ? null : t.fd(e.paramAsLong(i));
        if (fd == null || fd.type() != FdRecord.DIRECTORY) {
            return "<UNKNOWN>";
        }
        String name = fd.name();
        return name.isEmpty() || name.endsWith("/") ? name : name + "/";
    }
}
