package org.scapscope.field;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import org.scapscope.scap.EventTypes;
import org.scapscope.scap.MachineInfo;
import org.scapscope.scap.ScapWriter;
import org.scapscope.scap.ThreadRecord;

/**
 * A capture written with the project's writer for the {@code container.*} fields: one thread per
 * container record of every engine number (docker, podman, custom, static, cri, containerd, cri-o,
 * mesos, rkt, bpm, lxc, libvirt-lxc, a number no engine has, the host's number), a docker container
 * with mounts that the mount arguments pick in every way, a container the table lacks, and the
 * host; then a {@code close} by each thread, in an order that shows what sysdig 0.29.3 repeats for
 * {@code container.type} of engines it has no name for. {@code tools/make-state-goldens.sh}
 * runs {@link #main} and sysdig over its output to make {@code golden/synthetic-container-fields/}.
 */
final class ContainerFieldsCapture {
    static final long T0 = 1_700_000_100_000_000_000L;
    static final int CLOSE_E = 4;

    private ContainerFieldsCapture() {
    }

    /** A 64-digit id whose first 12 digits tell it apart. */
    static String hex(int n) {
        String head = String.format("%012x", 0xc0ffee000100L + n);
        return (head + "0123456789abcdef0123456789abcdef0123456789abcdef0123").substring(0, 64);
    }

    static String shortId(int n) {
        return hex(n).substring(0, 12);
    }

    /** tid, record type (-1: no record), cgroups kind ("host", "docker" or "crio"). */
    private static final Object[][] THREADS = {
        {201L, -1, "host"},
        {202L, 0, "docker"},
        {203L, 11, "docker"},
        {204L, 5, "docker"},
        {205L, 10, "docker"},
        {206L, 42, "docker"},
        {207L, 0xfffe, "docker"},
        {208L, 6, "docker"},
        {209L, 7, "docker"},
        {210L, 8, "docker"},
        {211L, 3, "docker"},
        {212L, 4, "docker"},
        {213L, 9, "docker"},
        {214L, 1, "docker"},
        {215L, 2, "docker"},
        {216L, -1, "crio"},
        {217L, 0, "docker"},
        {218L, 11, "docker"},
        {219L, 8, "docker"},
        {220L, 1, "docker"},
    };

    /** The order of the close events. */
    static final long[] CLOSES = {
        203, 201, 203, 202, 204, 216, 205, 208, 206, 207, 209, 210, 211, 212, 213, 214, 215, 204, 217, 218, 219,
        220, 205, 201, 206,
    };

    static List<ThreadRecord> threads() {
        List<ThreadRecord> out = new ArrayList<>();
        for (Object[] t : THREADS) {
            long tid = (Long) t[0];
            int n = (int) (tid - 200);
            List<String> cgroups;
            switch ((String) t[2]) {
                case "docker": cgroups = List.of("cpuset=/docker/" + hex(n), "memory=/docker/" + hex(n)); break;
                case "crio": cgroups = List.of("cpu=/kubepods/burstable/pod1/crio-" + hex(n)); break;
                default: cgroups = List.of("cpuset=/", "memory=/user.slice"); break;
            }
            out.add(new ThreadRecord(tid, tid, 1, tid, tid, "t" + tid, "/usr/bin/t" + tid, "/usr/bin/t" + tid,
                    List.of(), "/", 1024, 0, 0, 0, 0, 0, 0, 0, 0, List.of("HOME=/"), tid, tid, cgroups, "/", 0, 0,
                    -1, false, 0, 0, 0, false, 0, 0, 0, false, false, tid));
        }
        return out;
    }

    /** The container records (JSON), one per thread that has one. */
    static List<String> records() {
        List<String> r = new ArrayList<>();
        for (Object[] t : THREADS) {
            int type = (Integer) t[1];
            if (type < 0) {
                continue;
            }
            int n = (int) ((Long) t[0] - 200);
            r.add(record(n, type));
        }
        return r;
    }

    private static String record(int n, int type) {
        StringBuilder b = new StringBuilder("{\"container\":{\"id\":\"").append(shortId(n)).append("\",\"full_id\":\"")
                .append(hex(n)).append("\",\"type\":").append(type).append(",\"lookup_state\":1");
        switch (n) {
            case 2:
                b.append(",\"name\":\"web\",\"image\":\"nginx:1.25\",\"imageid\":\"5f1c0e7b2d\",\"imagerepo\":\"nginx\","
                        + "\"imagetag\":\"1.25\",\"imagedigest\":\"sha256:dead\",\"privileged\":true,\"Mounts\":["
                        + mount("/data", "/var/www", "ro", false, "rprivate") + ","
                        + mount("/logs", "/var/log", "", true, "") + ","
                        + mount("/etc/app", "/etc", "z", true, "rslave") + ","
                        + "{\"Destination\":\"/empty\",\"RW\":false},"
                        + mount("/a*b", "/star", "", true, "") + ","
                        + mount("/srv/[x", "/bracket", "", true, "") + ","
                        + mount("/\u00e9/data", "/unicode", "", true, "") + ","
                        + mount("/x\\\\y", "/backslash", "", true, "")
                        + "],\"Healthcheck\":{\"exe\":\"curl\",\"args\":[\"-f\",\"http://localhost/\"]},"
                        + "\"LivenessProbe\":{\"exe\":\"/bin/true\",\"args\":[]},"
                        + "\"ReadinessProbe\":{\"exe\":\"/ready\",\"args\":[\"-q\",\"\"]}");
                break;
            case 3:
                b.append(",\"name\":\"pod-man\",\"image\":\"quay.io/podman/hello:latest\",\"privileged\":false,"
                        + "\"Mounts\":[" + mount("/var/lib/containers", "/data", "", true, "private") + "]");
                break;
            case 17:
                // a sparse record: no name, image, privileged flag or mounts
                break;
            case 18:
                b.append(",\"name\":\"privileged-podman\",\"privileged\":true");
                break;
            case 20:
                b.append(",\"name\":\"privileged-lxc\",\"privileged\":true");
                break;
            default:
                b.append(",\"name\":\"c").append(n).append("\",\"image\":\"img").append(n).append("\"");
                break;
        }
        return b.append("}}\n").toString();
    }

    private static String mount(String source, String dest, String mode, boolean rw, String propagation) {
        return "{\"Source\":\"" + source + "\",\"Destination\":\"" + dest + "\",\"Mode\":\"" + mode + "\",\"RW\":" + rw
                + ",\"Propagation\":\"" + propagation + "\"}";
    }

    static byte[] bytes() throws IOException {
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        try (ScapWriter w = new ScapWriter(buf)) {
            w.sectionHeader(ByteOrder.LITTLE_ENDIAN, 1, 2)
                    .machineInfo(new MachineInfo(2, 4L << 30, 32768, "synthetic", 0))
                    .processList(9, threads());
            for (String json : records()) {
                w.event(0, 0, -1, EventTypes.CONTAINER_JSON_E, json);
            }
            long ts = T0;
            for (long tid : CLOSES) {
                w.event(0, ts++, tid, CLOSE_E, 3L);
            }
        }
        return buf.toByteArray();
    }

    /** Writes the capture to the path given. */
    public static void main(String[] args) throws IOException {
        if (args.length != 1) {
            System.err.println("usage: ContainerFieldsCapture OUTPUT.scap");
            System.exit(2);
        }
        Files.write(Paths.get(args[0]), bytes());
    }
}
