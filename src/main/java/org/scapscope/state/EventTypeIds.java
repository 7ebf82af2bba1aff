package org.scapscope.state;

/** Event type numbers the state parsers dispatch on ({@code ppm_event_code}). */
final class EventTypeIds {
    static final int OPEN_E = 2;
    static final int OPEN_X = 3;
    static final int CLOSE_E = 4;
    static final int CLOSE_X = 5;
    static final int READ_X = 7;
    static final int WRITE_E = 8;
    static final int WRITE_X = 9;
    static final int EXECVE_8_X = 13;
    static final int CLONE_11_X = 15;
    static final int PROCEXIT_E = 16;
    static final int SOCKET_E = 18;
    static final int SOCKET_X = 19;
    static final int BIND_X = 21;
    static final int CONNECT_E = 22;
    static final int CONNECT_X = 23;
    static final int ACCEPT_X = 27;
    static final int SEND_X = 29;
    static final int SENDTO_E = 30;
    static final int SENDTO_X = 31;
    static final int RECV_X = 33;
    static final int RECVFROM_X = 35;
    static final int SHUTDOWN_X = 37;
    static final int SOCKETPAIR_X = 43;
    static final int SENDMSG_E = 48;
    static final int SENDMSG_X = 49;
    static final int RECVMSG_X = 53;
    static final int ACCEPT4_X = 57;
    static final int CREAT_E = 58;
    static final int CREAT_X = 59;
    static final int PIPE_X = 61;
    static final int EVENTFD_E = 62;
    static final int EVENTFD_X = 63;
    static final int EPOLLWAIT_E = 78;
    static final int POLL_E = 80;
    static final int SELECT_E = 82;
    static final int GETCWD_X = 93;
    static final int CHDIR_E = 94;
    static final int CHDIR_X = 95;
    static final int FCHDIR_E = 96;
    static final int FCHDIR_X = 97;
    static final int OPENAT_E = 102;
    static final int OPENAT_X = 103;
    static final int PREAD_X = 113;
    static final int PWRITE_X = 115;
    static final int READV_X = 117;
    static final int WRITEV_X = 119;
    static final int PREADV_X = 121;
    static final int PWRITEV_X = 123;
    static final int DUP_X = 125;
    static final int SIGNALFD_X = 127;
    static final int TIMERFD_CREATE_X = 137;
    static final int INOTIFY_INIT_X = 139;
    static final int GETRLIMIT_E = 140;
    static final int GETRLIMIT_X = 141;
    static final int SETRLIMIT_E = 142;
    static final int SETRLIMIT_X = 143;
    static final int PRLIMIT_E = 144;
    static final int PRLIMIT_X = 145;
    static final int SCHEDSWITCH_1_E = 146;
    static final int FCNTL_E = 150;
    static final int FCNTL_X = 151;
    static final int SCHEDSWITCH_6_E = 152;
    static final int EXECVE_13_X = 155;
    static final int CLONE_16_X = 157;
    static final int BRK_4_X = 159;
    static final int MMAP_X = 161;
    static final int MMAP2_X = 163;
    static final int MUNMAP_X = 165;
    static final int EXECVE_14_X = 173;
    static final int FORK_X = 183;
    static final int VFORK_X = 185;
    static final int PROCEXIT_1_E = 186;
    static final int SENDFILE_E = 188;
    static final int SENDFILE_X = 189;
    static final int SETRESUID_E = 192;
    static final int SETRESUID_X = 193;
    static final int SETRESGID_E = 194;
    static final int SETRESGID_X = 195;
    static final int SETUID_E = 198;
    static final int SETUID_X = 199;
    static final int SETGID_E = 200;
    static final int SETGID_X = 201;
    static final int EXECVE_15_X = 215;
    static final int CLONE_17_X = 217;
    static final int FORK_17_X = 219;
    static final int VFORK_17_X = 221;
    static final int CLONE_20_X = 223;
    static final int FORK_20_X = 225;
    static final int VFORK_20_X = 227;
    static final int EXECVE_16_X = 231;
    static final int PROCINFO_E = 234;
    static final int SHUTDOWN_E = 36;
    static final int ACCEPT_5_X = 247;
    static final int ACCEPT4_5_X = 249;
    static final int PPOLL_E = 254;
    static final int CHROOT_X = 267;
    static final int SETSID_X = 275;
    static final int EXECVE_17_X = 283;
    static final int EXECVE_18_E = 288;
    static final int EXECVE_18_X = 289;
    static final int EXECVE_19_E = 292;
    static final int EXECVE_19_X = 293;
    static final int SETPGID_E = 294;
    static final int OPENAT_2_E = 306;
    static final int OPENAT_2_X = 307;
    static final int USERFAULTFD_X = 321;
    static final int OPENAT2_E = 326;
    static final int OPENAT2_X = 327;
    static final int EXECVEAT_E = 330;
    static final int EXECVEAT_X = 331;
    static final int COPY_FILE_RANGE_X = 333;
    static final int CLONE3_X = 335;
    static final int DUP2_X = 363;
    static final int DUP3_X = 365;
    static final int DUP_1_X = 367;
    static final int EPOLL_CREATE_X = 375;
    static final int EPOLL_CREATE1_X = 377;
    static final int ACCEPT4_6_X = 389;
    static final int PIPE2_X = 393;
    static final int INOTIFY_INIT1_X = 395;
    static final int EVENTFD2_X = 397;
    static final int SIGNALFD4_X = 399;
    static final int MEMFD_CREATE_X = 405;
    static final int IO_URING_SETUP_X = 339;
    static final int PIDFD_OPEN_X = 409;
    static final int PIDFD_GETFD_X = 407;
    static final int GETSOCKOPT_X = 47;

    private EventTypeIds() {
    }

    static boolean isCloneExit(int t) {
        switch (t) {
            case CLONE_11_X: case CLONE_16_X: case CLONE_17_X: case CLONE_20_X: case FORK_X: case FORK_17_X:
            case FORK_20_X: case VFORK_X: case VFORK_17_X: case VFORK_20_X: case CLONE3_X:
                return true;
            default:
                return false;
        }
    }
}
