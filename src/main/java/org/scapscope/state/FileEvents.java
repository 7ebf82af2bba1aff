package org.scapscope.state;

import static org.scapscope.state.EventTypeIds.*;
import static org.scapscope.state.ProcessEvents.num;
import static org.scapscope.state.ProcessEvents.str;

import org.scapscope.scap.FdRecord;
import org.scapscope.scap.ScapEvent;

/** How file events change the descriptor tables: the open family, close, dup, pipes, fcntl, directories. */
final class FileEvents {
    /** PPM_O_CLOEXEC among the open flags. */
    private static final long O_CLOEXEC = 1 << 12;

    private static final long AT_FDCWD = -100;
    private static final long O_DIRECTORY = 1 << 10;
    private static final int FCNTL_F_DUPFD = 1;
    private static final int FCNTL_F_DUPFD_CLOEXEC = 14;

    private FileEvents() {
    }

    /** The directory a path is relative to: "." for an absolute path, the cwd, or the directory fd's name. */
    static String dirOf(MachineState s, String name, long dirfd) {
        if (name.startsWith("/")) {
            return ".";
        }
        if (dirfd == AT_FDCWD) {
            return s.tinfo.cwd();
        }
        s.fdinfo = s.tinfo.fd(dirfd);
        if (s.fdinfo == null) {
            return "<UNKNOWN>";
        }
        return s.fdinfo.name + "/";
    }

    static void openExit(MachineState s, ScapEvent e) {
        if (s.tinfo == null) {
            return;
        }
        int type = e.type();
        ScapEvent enter = s.enterOf(e);
        long fd = num(e, 0);
        String name;
        long flags;
        long dev = 0;
        String dir;
        if (type == OPEN_X) {
            name = str(e, 1);
            flags = num(e, 2);
            if (e.paramCount() > 4) {
                dev = num(e, 4);
            }
            if (enter != null && enter.paramCount() >= 2) {
                String enterName = enter.paramAsString(0);
                if (enter.paramLength(0) != 0 && !enterName.equals("(NULL)")) {
                    name = enterName;
                    flags = enter.paramAsLong(1);
                }
            }
            dir = s.tinfo.cwd();
        } else if (type == CREAT_X) {
            name = str(e, 1);
            flags = 0;
            if (e.paramCount() > 3) {
                dev = num(e, 3);
            }
            if (enter != null && enter.paramCount() >= 1) {
                String enterName = enter.paramAsString(0);
                if (enter.paramLength(0) != 0 && !enterName.equals("(NULL)")) {
                    name = enterName;
                    flags = 0;
                }
            }
            dir = s.tinfo.cwd();
        } else if (type == OPENAT_X) {
            if (enter == null || enter.paramCount() < 3) {
                return;
            }
            name = enter.paramAsString(1);
            flags = enter.paramAsLong(2);
            dir = dirOf(s, name, enter.paramAsLong(0));
        } else {
            name = str(e, 2);
            flags = num(e, 3);
            long dirfd = num(e, 1);
            if (type == OPENAT_2_X && e.paramCount() > 5) {
                dev = num(e, 5);
            }
            if (enter != null && enter.paramCount() >= 3) {
                String enterName = enter.paramAsString(1);
                if (enter.paramLength(1) != 0 && !enterName.equals("(NULL)")) {
                    name = enterName;
                    flags = enter.paramAsLong(2);
                    dirfd = enter.paramAsLong(0);
                }
            }
            dir = dirOf(s, name, dirfd);
        }
        String path = FilePaths.concatenate(dir, name);
        if (fd >= 0) {
            FdInfo info = new FdInfo();
            info.type = (flags & O_DIRECTORY) != 0 ? FdRecord.DIRECTORY : FdRecord.FILE_V2;
            info.openFlags = flags & 0xFFFF_FFFFL;
            info.dev = dev & 0xFFFF_FFFFL;
            info.name = path;
            s.fdinfo = s.tinfo.addFd(fd, info);
        }
    }

    static void closeExit(MachineState s, ScapEvent e) {
        long res = num(e, 0);
        if (res >= 0) {
            if (s.fdinfo == null || s.tinfo == null) {
                return;
            }
            s.eraseFd(s.tinfo, s.tinfo.lastEventFd);
        } else if (s.fdinfo != null) {
            s.fdinfo.flags &= ~FdInfo.CLOSE_IN_PROGRESS;
        }
    }

    static void pipeExit(MachineState s, ScapEvent e) {
        if (num(e, 0) < 0 || s.tinfo == null) {
            return;
        }
        long ino = num(e, 3);
        for (int p = 1; p <= 2; p++) {
            FdInfo info = new FdInfo();
            info.type = FdRecord.FIFO;
            info.ino = ino;
            s.fdinfo = s.tinfo.addFd(num(e, p), info);
        }
    }

    /** eventfd, signalfd, timerfd_create, inotify_init: a nameless descriptor of one kind. */
    static void newDescriptor(MachineState s, ScapEvent e, int fdType) {
        long fd = num(e, 0);
        if (s.tinfo == null || fd < 0) {
            return;
        }
        FdInfo info = new FdInfo();
        info.type = fdType;
        s.fdinfo = s.tinfo.addFd(fd, info);
    }

    /** memfd_create: a descriptor named as the call named it (libs after sysdig 0.29.3). */
    static void memfdCreateExit(MachineState s, ScapEvent e) {
        long fd = num(e, 0);
        if (s.tinfo == null || fd < 0) {
            return;
        }
        FdInfo info = new FdInfo();
        info.type = FdRecord.MEMFD;
        info.name = str(e, 1);
        info.openFlags = num(e, 2) & 0xFFFF_FFFFL;
        s.fdinfo = s.tinfo.addFd(fd, info);
    }

    /** pidfd_open: a descriptor on a process, named by its /proc directory as libsinsp names it. */
    static void pidfdOpenExit(MachineState s, ScapEvent e) {
        long fd = num(e, 0);
        if (s.tinfo == null || fd < 0) {
            return;
        }
        FdInfo info = new FdInfo();
        info.type = FdRecord.PIDFD;
        info.name = "/proc/" + num(e, 1);
        info.pid = num(e, 1);
        info.openFlags = num(e, 2) & 0xFFFF_FFFFL;
        s.fdinfo = s.tinfo.addFd(fd, info);
    }

    /**
     * pidfd_getfd: a copy of another process's descriptor, reached through a pidfd of this thread,
     * opened close-on-exec.
     */
    static void pidfdGetfdExit(MachineState s, ScapEvent e) {
        if (s.tinfo == null) {
            return;
        }
        long fd = num(e, 0);
        FdInfo pidfd = s.tinfo.fd(num(e, 1));
        if (fd < 0 || pidfd == null || pidfd.type != FdRecord.PIDFD) {
            return;
        }
        ThreadInfo owner = s.threads.get(pidfd.pid);
        FdInfo target = owner == null ? null : owner.fd(num(e, 2));
        if (target == null) {
            return;
        }
        FdInfo copy = target.copy();
        copy.openFlags |= O_CLOEXEC;
        s.fdinfo = s.tinfo.addFd(fd, copy);
    }

    static void fcntlEnter(MachineState s, ScapEvent e) {
        if (s.tinfo == null || e.paramCount() < 2) {
            return;
        }
        int cmd = (int) (e.paramAsLong(1) & 0xFF);
        if (cmd == FCNTL_F_DUPFD || cmd == FCNTL_F_DUPFD_CLOEXEC) {
            s.storeEnter(e);
        }
    }

    static void fcntlExit(MachineState s, ScapEvent e) {
        long res = num(e, 0);
        if (s.enterOf(e) == null) {
            return;
        }
        if (res >= 0 && s.fdinfo != null) {
            s.fdinfo = s.tinfo.addFd(res, s.fdinfo);
        }
    }

    static void chdirExit(MachineState s, ScapEvent e) {
        if (s.tinfo == null || num(e, 0) < 0) {
            return;
        }
        s.tinfo.setCwd(str(e, 1));
    }

    static void fchdirExit(MachineState s, ScapEvent e) {
        if (num(e, 0) < 0 || s.fdinfo == null || s.tinfo == null) {
            return;
        }
        s.tinfo.setCwd(s.fdinfo.name);
    }

    static void getcwdExit(MachineState s, ScapEvent e) {
        if (num(e, 0) < 0 || s.tinfo == null) {
            return;
        }
        s.tinfo.setCwd(str(e, 1));
    }

    static void dupExit(MachineState s, ScapEvent e) {
        if (s.tinfo == null) {
            return;
        }
        long res = num(e, 0);
        if (res < 0) {
            return;
        }
        if (res == 0) {
            s.tinfo.flags |= ThreadInfo.PIPE_DST;
        }
        if (res == 1) {
            s.tinfo.flags |= ThreadInfo.PIPE_SRC;
        }
        if (s.fdinfo == null) {
            // Current drivers record dup2/dup3 as exit events naming the old descriptor.
            int old = e.paramIndex("oldfd");
            if (old >= 0) {
                s.fdinfo = s.tinfo.fd(e.paramAsLong(old));
            }
            if (s.fdinfo == null) {
                return;
            }
        }
        s.fdinfo = s.tinfo.addFd(res, s.fdinfo);
    }
}
