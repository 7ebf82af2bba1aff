package org.scapscope.field;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import org.scapscope.scap.BlockType;
import org.scapscope.scap.EventTypes;
import org.scapscope.scap.MachineInfo;
import org.scapscope.scap.ScapWriter;
import org.scapscope.scap.ThreadRecord;
import org.scapscope.scap.UserRecord;

/**
 * A capture written with the project's writer for the process, thread and user fields: a process
 * tree with shells, threads whose main thread is missing, an unknown session leader, parent loops,
 * a container with health probes and the probe processes a host process starts in it, switch and
 * procinfo events. The expected values in {@link ProcFieldsTest} were printed by sysdig 0.29.3 from
 * this capture ({@link #main} writes it).
 */
final class ProcessTreeCapture {
    static final long T0 = 1_700_000_000_000_000_000L;
    static final int CLOSE_E = 4;
    static final int SCHEDSWITCH_6_E = 152;
    static final int CLONE_20_X = 223;
    static final int EXECVE_19_X = 293;
    static final long CLONE_FILES = 1;
    static final long CLONE_THREAD = 1 << 13;
    static final String CONTAINER = "c0ffee0000010123456789abcdef0123456789abcdef0123456789abcdef0123";
    static final List<String> HOST_CGROUPS = List.of("cpuset=/", "cpu=/user.slice", "memory=/user.slice");
    static final List<String> DOCKER_CGROUPS = List.of("cpuset=/docker/" + CONTAINER, "cpu=/docker/" + CONTAINER,
            "memory=/docker/" + CONTAINER);

    private ProcessTreeCapture() {
    }

    static ThreadRecord thread(long tid, long pid, long ptid, long sid, String comm, List<String> args, long flags,
                               long uid, long gid, long vtid, long vpid, List<String> cgroups) {
        return new ThreadRecord(tid, pid, ptid, sid, pid, comm, comm, "/usr/bin/" + comm, args, "/home/" + comm,
                1024, flags, uid, gid, 2000 + tid, 1000 + tid, tid % 7, tid * 3, tid * 5,
                List.of("HOME=/home/" + comm, "TID=" + tid), vtid, vpid, cgroups, "/", 0, 0, -1, false, 0, 0, 0,
                false, 0, 0, 0, false, false, pid);
    }

    static ThreadRecord process(long tid, long ptid, long sid, String comm, List<String> args) {
        return thread(tid, tid, ptid, sid, comm, args, 0, 1000, 1000, tid, tid, HOST_CGROUPS);
    }

    static List<ThreadRecord> threads() {
        List<ThreadRecord> t = new ArrayList<>();
        t.add(thread(1, 1, 0, 1, "systemd", List.of(), 0, 0, 0, 1, 1, List.of()));
        t.add(process(100, 1, 100, "bash", List.of("-l")));
        t.add(process(200, 100, 100, "zsh", List.of()));
        t.add(process(300, 200, 100, "python3", List.of("app.py", "--port", "80")));
        t.add(thread(301, 300, 300, 100, "python3", List.of("app.py"), CLONE_THREAD | CLONE_FILES, 1000, 1000,
                301, 300, HOST_CGROUPS));
        t.add(thread(302, 300, 301, 100, "python3", List.of("app.py"), CLONE_THREAD | CLONE_FILES, 1000, 1000,
                302, 300, HOST_CGROUPS));
        // a thread whose process (350) is not in the list
        t.add(thread(351, 350, 350, 350, "orphanthr", List.of(), CLONE_THREAD | CLONE_FILES, 0, 0, 351, 350,
                HOST_CGROUPS));
        // the session 999 has no leader
        t.add(process(400, 300, 999, "worker", List.of("-n", "1")));
        t.add(process(410, 400, 999, "sub", List.of()));
        // parents in a loop, and a parent of itself
        t.add(process(500, 501, 500, "loopa", List.of()));
        t.add(process(501, 500, 500, "loopb", List.of()));
        t.add(process(510, 510, 510, "selfish", List.of()));
        // a container's init, and a host process that runs commands in the container
        t.add(thread(600, 600, 1, 600, "nginx", List.of(), 0, 0, 0, 1, 1, DOCKER_CGROUPS));
        t.add(process(700, 1, 700, "runc", List.of("exec")));
        // a user and a group nobody lists
        t.add(thread(800, 800, 1, 800, "nobody", List.of(), 0, 12345, 777, 800, 800, List.of()));
        // more than 4 GiB of memory
        ThreadRecord big = process(900, 1, 900, "bigmem", List.of());
        t.add(new ThreadRecord(big.tid(), big.pid(), big.ptid(), big.sid(), big.vpgid(), big.comm(), big.exe(),
                big.exepath(), big.args(), big.cwd(), big.fdlimit(), big.flags(), big.uid(), big.gid(), 5_000_000,
                4_200_000, big.vmSwapKb(), big.pageFaultsMajor(), big.pageFaultsMinor(), big.env(), big.vtid(),
                big.vpid(), big.cgroups(), big.root(), 0, 0, -1, false, 0, 0, 0, false, 0, 0, 0, false, false,
                big.pgid()));
        return t;
    }

    static List<UserRecord> users() {
        return List.of(new UserRecord(false, 0, 0, "root", "/root", "/bin/bash"),
                new UserRecord(false, 1000, 1000, "alice", "/home/alice", "/bin/zsh"),
                new UserRecord(true, -1, 0, "root", "", ""),
                new UserRecord(true, -1, 1000, "staff", "", ""));
    }

    static String containerJson() {
        return "{\"container\":{\"id\":\"" + CONTAINER.substring(0, 12) + "\",\"full_id\":\"" + CONTAINER
                + "\",\"type\":0,\"name\":\"web\",\"image\":\"nginx:1.25\",\"lookup_state\":1,"
                + "\"Healthcheck\":{\"exe\":\"curl\",\"args\":[\"-f\",\"http://localhost/\"]},"
                + "\"LivenessProbe\":{\"exe\":\"/bin/true\",\"args\":[]},"
                + "\"ReadinessProbe\":{\"exe\":\"cat\",\"args\":[\"/ready\"]}}}\n";
    }

    static byte[] bytes() throws IOException {
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        try (ScapWriter w = new ScapWriter(buf)) {
            write(w);
        }
        return buf.toByteArray();
    }

    private static void write(ScapWriter w) throws IOException {
        w.sectionHeader(ByteOrder.LITTLE_ENDIAN, 1, 2)
                .machineInfo(new MachineInfo(2, 4L << 30, 32768, "synthetic", 0))
                .processList(8, threads())
                .userList(true, users());
        w.event(0, 0, 0, EventTypes.CONTAINER_JSON_E, containerJson());
        long ts = T0;
        for (ThreadRecord t : threads()) {
            w.event(0, ts += 10, t.tid(), CLOSE_E, 3L);
        }
        // switches on two CPUs, one of them by an unknown thread
        long[][] switches = {{0, 300}, {1, 301}, {0, 301}, {0, 9999}, {1, 300}, {0, 300}, {1, 302}};
        for (long[] s : switches) {
            w.event((int) s[0], ts += 1000, s[1], SCHEDSWITCH_6_E, 0L, 1L, 2L, 3000, 4000, 5);
        }
        // CPU counters: growing, jumping, shrinking
        long[][] procinfo = {{300, 100, 50}, {301, 0, 0}, {300, 150, 60}, {301, 5, 0}, {300, 400, 70},
                             {300, 10, 5}, {302, 7, 9}, {9999, 1, 1}};
        for (long[] p : procinfo) {
            w.event(1, ts += 10, p[0], EventTypes.PROCINFO_E, p[1], p[2]);
        }
        // the host process starts the three probes in the container, and the init starts a child
        clone(w, ts += 10, 700, 701, "curl", List.of("-f", "http://localhost/"));
        clone(w, ts += 10, 700, 702, "/bin/true", List.of());
        clone(w, ts += 10, 700, 703, "cat", List.of("/ready"));
        clone(w, ts += 10, 700, 704, "curl", List.of("-f"));
        childClone(w, ts += 10, 601, 600, "curl", List.of("-f", "http://localhost/"), 7, 7);
        for (long tid : new long[] {701, 702, 703, 704, 601}) {
            w.event(0, ts += 10, tid, CLOSE_E, 3L);
        }
        // the probe execs something else: it stays a probe
        w.event(0, ts += 10, 701, EXECVE_19_X, 0L, "sh", ScapWriter.strings(List.of("-c", "true")), 701L, 701L, 700L,
                "/", 1024L, 0L, 0L, 0, 0, 0, "sh", ScapWriter.strings(DOCKER_CGROUPS), ScapWriter.strings(List.of("A=1")),
                0, 700L, 0, 0);
        w.event(0, ts += 10, 701, CLOSE_E, 3L);
        // a switch sysdig only replays (state-only): no field is taken from it, so it starts no exec time
        w.event(0, ts += 1000, 300, SCHEDSWITCH_6_E, 0L, 1L, 2L, 3000, 4000, 5);
        w.event(BlockType.EVF_V2, 1, 0, ts += 1000, 301, SCHEDSWITCH_6_E, 0L, 1L, 2L, 3000, 4000, 5);
        w.event(0, ts += 1000, 300, SCHEDSWITCH_6_E, 0L, 1L, 2L, 3000, 4000, 5);
    }

    /** A clone exit in the parent, for a child process outside any PID namespace. */
    private static void clone(ScapWriter w, long ts, long parent, long child, String exe, List<String> args)
            throws IOException {
        w.event(0, ts, parent, CLONE_20_X, child, exe, ScapWriter.strings(args), parent, parent, 1L, "/", 1024L, 0L, 0L,
                100, 200, 0, exe.substring(exe.lastIndexOf('/') + 1), ScapWriter.strings(DOCKER_CGROUPS), 0, 1000, 1000,
                parent, parent);
    }

    /** A clone exit in the child (the parent's was not seen), for a child inside the container's namespace. */
    private static void childClone(ScapWriter w, long ts, long child, long parent, String exe, List<String> args,
                                   long vtid, long vpid) throws IOException {
        w.event(0, ts, child, CLONE_20_X, 0L, exe, ScapWriter.strings(args), child, child, parent, "/", 1024L, 0L, 0L,
                100, 200, 0, exe, ScapWriter.strings(DOCKER_CGROUPS), 1 << 29, 0, 0, vtid, vpid);
    }

    /** Writes the capture to the path given. */
    public static void main(String[] args) throws IOException {
        if (args.length != 1) {
            System.err.println("usage: ProcessTreeCapture OUTPUT.scap");
            System.exit(2);
        }
        Path out = Paths.get(args[0]);
        Files.write(out, bytes());
    }
}
