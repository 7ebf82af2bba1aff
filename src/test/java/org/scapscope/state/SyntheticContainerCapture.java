package org.scapscope.state;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import org.scapscope.scap.EventTypes;
import org.scapscope.scap.MachineInfo;
import org.scapscope.scap.ScapWriter;
import org.scapscope.scap.ThreadRecord;

/**
 * A capture written with the project's writer that exercises every cgroup rule of sysdig's
 * container engines and the container records: one thread per case in the process list, the
 * container records, a {@code close} by every thread, then three threads that exec into new
 * cgroups and close again. {@code tools/make-state-goldens.sh} runs this class's
 * {@link #main} and sysdig 0.29.3 over its output to make
 * {@code golden/containers-synthetic/containers.txt}.
 */
final class SyntheticContainerCapture {
    static final long T0 = 1_700_000_000_000_000_000L;
    static final int CLOSE_E = 4;
    static final int EXECVE_19_X = 293;

    /** Distinct 64-digit ids; {@code hex(n)} starts with 12 digits that tell it apart. */
    static String hex(int n) {
        String head = String.format("%012x", 0xc0ffee000000L + n);
        return (head + "0123456789abcdef0123456789abcdef0123456789abcdef0123").substring(0, 64);
    }

    /** One thread of the process list and its cgroups. */
    record Case(long tid, String comm, List<String> cgroups) {
    }

    static List<Case> cases() {
        List<Case> c = new ArrayList<>();
        String longDir = "/" + "a".repeat(60);
        c.add(new Case(101, "host", List.of("cpuset=/", "memory=/user.slice")));
        c.add(new Case(102, "docker", List.of("cpuset=/docker/" + hex(2), "memory=/docker/" + hex(2))));
        c.add(new Case(103, "docker-systemd", List.of("cpu=/system.slice/docker-" + hex(3) + ".scope")));
        c.add(new Case(104, "docker-json", List.of("cpuset=/docker/" + hex(4))));
        c.add(new Case(105, "docker-upper", List.of("cpuset=/docker/" + hex(5).toUpperCase())));
        c.add(new Case(106, "docker-63", List.of("cpuset=/docker/" + hex(6).substring(1))));
        c.add(new Case(107, "docker-65", List.of("cpuset=/docker/" + hex(7) + "0")));
        c.add(new Case(108, "hex-late-bad", List.of("cpuset=" + longDir + "/docker/" + hex(8).substring(0, 60) + "zzzz")));
        c.add(new Case(109, "hex-early-bad", List.of("cpuset=/docker/zz" + hex(9).substring(2))));
        c.add(new Case(110, "kubepods", List.of("cpuset=/kubepods/besteffort/pod0d5485a2/" + hex(10))));
        c.add(new Case(111, "cri-containerd", List.of("cpu=/kubepods.slice/kubepods-besteffort.slice/cri-containerd-"
                + hex(11) + ".scope")));
        c.add(new Case(112, "crio", List.of("cpu=/kubepods/burstable/pod1/crio-" + hex(12))));
        c.add(new Case(113, "crio-scope", List.of("cpu=/crio-" + hex(13) + ".scope")));
        c.add(new Case(114, "cri-colon", List.of("cpu=/system.slice/containerd.service/kubepods-pod1.slice:cri-containerd:"
                + hex(14))));
        c.add(new Case(115, "podman", List.of("cpu=/machine.slice/libpod-" + hex(15) + ".scope")));
        c.add(new Case(116, "podman-user", List.of("cpu=/user.slice/user-1000.slice/user@1000.service/user.slice/libpod-"
                + hex(16) + ".scope/container")));
        c.add(new Case(117, "docker-scope-sub", List.of("cpu=/system.slice/docker-" + hex(17) + ".scope/init")));
        c.add(new Case(118, "lxc", List.of("cpu=/lxc/web01/init.scope")));
        c.add(new Case(119, "lxc-payload", List.of("cpu=/lxc.payload/db02")));
        c.add(new Case(120, "lxc-payload-dot", List.of("cpu=/lxc.payload.db03")));
        c.add(new Case(121, "libvirt", List.of("cpu=/machine/vm1.libvirt-lxc")));
        c.add(new Case(122, "libvirt-systemd", List.of("cpu=/machine.slice/machine-lxc\\x2d4242\\x2dvm2.scope")));
        c.add(new Case(123, "libvirt-legacy", List.of("cpu=/libvirt/lxc/vm3")));
        c.add(new Case(124, "bpm", List.of("cpu=/system.slice/bpm-my_job.scope")));
        c.add(new Case(125, "bpm-bad-then-ok", List.of("cpu=/bpm-my job.scope", "memory=/bpm-ok1")));
        c.add(new Case(126, "mesos-no-env", List.of("cpu=/mesos/a9f41620-b165-4d24-abe0-af0af92e7b20")));
        c.add(new Case(127, "engine-order", List.of("cpuset=/lxc/first", "memory=/docker/" + hex(27))));
        c.add(new Case(128, "cri-then-lxc", List.of("cpuset=/crio-" + hex(28), "memory=/lxc/second")));
        c.add(new Case(129, "eq-in-path", List.of("cpuset=/lxc/foo=bar")));
        c.add(new Case(130, "no-eq-stops", List.of("garbage", "cpuset=/docker/" + hex(30))));
        c.add(new Case(131, "lxc-empty", List.of("cpuset=/lxc/", "memory=/system.slice/bpm-job2.scope")));
        c.add(new Case(132, "legacy-record", List.of("cpuset=/docker/" + hex(32))));
        c.add(new Case(133, "rkt-service", List.of("cpu=/system.slice/app.service")));
        c.add(new Case(134, "json-then-exec", List.of("cpuset=/")));
        c.add(new Case(135, "exec-lxc-same", List.of("cpuset=/")));
        c.add(new Case(136, "exec-lxc-other", List.of("cpuset=/")));
        return c;
    }

    /** The container records, in file order: (type, params). */
    static List<Object[]> records() {
        List<Object[]> r = new ArrayList<>();
        String id4 = hex(4).substring(0, 12);
        r.add(json("{\"container\":{\"id\":\"" + id4 + "\",\"full_id\":\"" + hex(4) + "\",\"type\":0,"
                + "\"name\":\"web\",\"image\":\"nginx:1.25\",\"imageid\":\"5f1c0e7b2d\",\"imagerepo\":\"nginx\","
                + "\"imagetag\":\"1.25\",\"imagedigest\":\"sha256:dead\",\"privileged\":true,"
                + "\"Mounts\":[{\"Source\":\"/data\",\"Destination\":\"/var/www\",\"Mode\":\"ro\",\"RW\":false,"
                + "\"Propagation\":\"rprivate\"},{\"Source\":\"/logs\",\"Destination\":\"/var/log\",\"Mode\":\"\","
                + "\"RW\":true,\"Propagation\":\"\"}],"
                + "\"Healthcheck\":{\"exe\":\"curl\",\"args\":[\"-f\",\"http://localhost/\"]},"
                + "\"LivenessProbe\":{\"exe\":\"/bin/true\",\"args\":[]},"
                + "\"labels\":{\"b\":\"2\",\"a\":\"1\"},\"lookup_state\":1,\"created_time\":1700000000,"
                + "\"ip\":\"172.17.0.9\"}}\n"));
        // jsoncpp converts numbers and booleans to text, and numbers to flags
        r.add(json("{\"container\":{\"id\":\"" + hex(2).substring(0, 12) + "\",\"type\":0,\"name\":123,"
                + "\"image\":true,\"privileged\":0}}"));
        // a first, incomplete record and the full one: the last wins
        r.add(json("{\"container\":{\"id\":\"" + hex(3).substring(0, 12) + "\",\"type\":0,\"name\":\"\","
                + "\"lookup_state\":0}}"));
        r.add(json("{\"container\":{\"id\":\"" + hex(3).substring(0, 12) + "\",\"type\":0,\"name\":\"second-try\","
                + "\"image\":\"busybox\",\"lookup_state\":1}}"));
        r.add(new Object[] {EventTypes.CONTAINER_E, hex(32).substring(0, 12), 0, "legacy", "img:old"});
        // the docker container of json-then-exec, whose lookup failed: the engines after docker try
        r.add(json("{\"container\":{\"id\":\"" + hex(34).substring(0, 12) + "\",\"type\":0,\"name\":\"failed\","
                + "\"lookup_state\":2}}"));
        r.add(json("{\"container\":{\"id\":\"fourth\",\"type\":1,\"name\":\"json-fourth\"}}"));
        r.add(json("{\"container\":{\"id\":\"fifth\",\"type\":0,\"name\":\"json-fifth\"}}"));
        return r;
    }

    /** The execs after the first round of closes: tid and the cgroups of the exec'd program. */
    static List<Case> execs() {
        return List.of(
                new Case(134, "x", List.of("cpuset=/docker/" + hex(34), "memory=/lxc/third")),
                new Case(135, "x", List.of("cpuset=/lxc/fourth")),
                new Case(136, "x", List.of("cpuset=/lxc/fifth")));
    }

    private static Object[] json(String text) {
        return new Object[] {EventTypes.CONTAINER_JSON_E, text};
    }

    static byte[] bytes() throws IOException {
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        try (ScapWriter w = new ScapWriter(buf)) {
            write(w);
        }
        return buf.toByteArray();
    }

    private static void write(ScapWriter w) throws IOException {
        List<ThreadRecord> threads = new ArrayList<>();
        for (Case c : cases()) {
            threads.add(thread(c.tid(), c.comm(), c.cgroups()));
        }
        w.sectionHeader(ByteOrder.LITTLE_ENDIAN, 1, 2)
                .machineInfo(new MachineInfo(2, 4L << 30, 32768, "synthetic", 0))
                .processList(9, threads);
        for (Object[] r : records()) {
            Object[] params = new Object[r.length - 1];
            System.arraycopy(r, 1, params, 0, params.length);
            w.event(0, 0, 0, (Integer) r[0], params);
        }
        long ts = T0;
        for (Case c : cases()) {
            w.event(0, ts++, c.tid(), CLOSE_E, 3L);
        }
        for (Case x : execs()) {
            // execve exit with the 20 parameters sysdig 0.29.3 knows
            w.event(0, ts++, x.tid(), EXECVE_19_X, 0L, "/bin/x", ScapWriter.strings(List.of("x")), x.tid(), x.tid(), 1L,
                    "/", 1024L, 0L, 0L, 0, 0, 0, x.comm(), ScapWriter.strings(x.cgroups()), ScapWriter.strings(List.of("A=1")),
                    0, x.tid(), 0, 0);
            w.event(0, ts++, x.tid(), CLOSE_E, 3L);
        }
    }

    static ThreadRecord thread(long tid, String comm, List<String> cgroups) {
        return new ThreadRecord(tid, tid, 1, tid, tid, comm, "/usr/bin/" + comm, "/usr/bin/" + comm, List.of(), "/",
                1024, 0, 0, 0, 0, 0, 0, 0, 0, List.of("HOME=/"), tid, tid, cgroups, "/", 0, 0, -1, false, 0, 0,
                0, false, 0, 0, 0, false, false, tid);
    }

    /** Writes the capture to the path given. */
    public static void main(String[] args) throws IOException {
        if (args.length != 1) {
            System.err.println("usage: SyntheticContainerCapture OUTPUT.scap");
            System.exit(2);
        }
        Path out = Paths.get(args[0]);
        Files.write(out, bytes());
    }
}
