package org.scapscope.state;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.scapscope.state.SyntheticContainerCapture.hex;

import java.io.ByteArrayOutputStream;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.scapscope.RealCaptures;
import org.scapscope.scap.BlockRef;
import org.scapscope.scap.EventTypes;
import org.scapscope.scap.MachineInfo;
import org.scapscope.scap.OpenOptions;
import org.scapscope.scap.ScapEvent;
import org.scapscope.scap.ScapFile;
import org.scapscope.scap.ScapWriter;
import org.scapscope.scap.ThreadRecord;

class ContainersTest {
    @TempDir
    Path tmp;

    private static final String FULL = "{\"container\":{\"Mounts\":[{\"Destination\":\"/home/u\",\"Mode\":\"\","
            + "\"Propagation\":\"rprivate\",\"RW\":true,\"Source\":\"/home/u\"}],\"User\":\"app\",\"cni_json\":\"\","
            + "\"cpu_period\":50000,\"cpu_quota\":25000,\"cpu_shares\":512,\"cpuset_cpu_count\":2,"
            + "\"created_time\":1730971086,\"env\":[\"MESOS_TASK_ID=t.1\"],\"full_id\":\"" + hex(1) + "\","
            + "\"host_ipc\":false,\"id\":\"" + hex(1).substring(0, 12) + "\",\"image\":\"fedora:38\","
            + "\"imagedigest\":\"sha256:b9ff\",\"imageid\":\"0ca0fed353fb\",\"imagerepo\":\"fedora\","
            + "\"imagetag\":\"38\",\"ip\":\"172.17.0.2\",\"is_pod_sandbox\":false,"
            + "\"labels\":{\"z\":\"last\",\"maintainer\":\"someone\",\"n\":null},\"lookup_state\":1,"
            + "\"memory_limit\":1073741824,\"swap_limit\":2147483648,\"metadata_deadline\":0,"
            + "\"name\":\"youthful_babbage\",\"pod_sandbox_id\":\"" + hex(9) + "\","
            + "\"pod_sandbox_labels\":null,\"port_mappings\":[{\"HostIp\":0,\"HostPort\":8080,"
            + "\"ContainerPort\":80}],\"privileged\":false,\"swap_limit\":0,\"type\":0,"
            + "\"ReadinessProbe\":{\"exe\":\"/ready\",\"args\":[\"-q\",null,7]}}}\n";

    @Test
    void jsonRecordFillsEveryField() {
        Containers t = new Containers();
        t.applyJson(FULL);
        ContainerInfo c = t.get(hex(1).substring(0, 12));
        assertNotNull(c);
        assertEquals(hex(1), c.fullId());
        assertEquals(ContainerType.DOCKER, c.type());
        assertEquals("youthful_babbage", c.name());
        assertEquals("fedora:38", c.image());
        assertEquals("0ca0fed353fb", c.imageId());
        assertEquals("fedora", c.imageRepo());
        assertEquals("38", c.imageTag());
        assertEquals("sha256:b9ff", c.imageDigest());
        assertEquals(Boolean.FALSE, c.privileged());
        assertEquals(List.of(new ContainerInfo.Mount("/home/u", "/home/u", "", true, "rprivate")), c.mounts());
        assertEquals(List.of("maintainer", "n", "z"), new ArrayList<>(c.labels().keySet()));
        assertEquals("", c.labels().get("n"));
        assertEquals("172.17.0.2", c.ip());
        assertEquals(List.of(new ContainerInfo.PortMapping(0, 8080, 80)), c.portMappings());
        assertEquals(List.of("MESOS_TASK_ID=t.1"), c.env());
        // the later "swap_limit" wins, as in jsoncpp
        assertEquals(new ContainerInfo.ResourceLimits(1L << 30, 0, 512, 25000, 50000, 2), c.limits());
        assertEquals(List.of(new ContainerInfo.HealthProbe(ContainerInfo.HealthProbe.Kind.READINESS_PROBE, "/ready",
                List.of("-q", "", "7"))), c.healthProbes());
        assertFalse(c.isPodSandbox());
        assertEquals(hex(9), c.podSandboxId());
        assertTrue(c.podSandboxLabels().isEmpty());
        assertEquals("app", c.user());
        assertEquals(ContainerInfo.LookupState.SUCCESSFUL, c.lookupState());
        assertEquals(1730971086L, c.createdTime());
        assertEquals(1, t.size());
    }

    @Test
    void sparseRecordKeepsSysdigDefaults() {
        Containers t = new Containers();
        t.applyJson("{\"container\":{\"id\":\"70bf2f2a0c42\",\"image\":\"gcr.io/x:v1\",\"name\":\"k8s_x\",\"type\":0}}\n");
        ContainerInfo c = t.get("70bf2f2a0c42");
        assertEquals("k8s_x", c.name());
        assertNull(c.privileged());
        assertEquals("", c.fullId());
        assertEquals(ContainerInfo.ResourceLimits.DEFAULT, c.limits());
        assertEquals(1024, c.limits().cpuShares());
        assertEquals(100000, c.limits().cpuPeriod());
        assertTrue(c.isSuccessful());
        assertTrue(c.mounts().isEmpty());
    }

    @Test
    void startedLookupsReadAsFailedAndOddStatesAsSuccessful() {
        Containers t = new Containers();
        t.applyJson("{\"container\":{\"id\":\"a\",\"lookup_state\":0}}");
        t.applyJson("{\"container\":{\"id\":\"b\",\"lookup_state\":2}}");
        t.applyJson("{\"container\":{\"id\":\"c\",\"lookup_state\":7}}");
        assertEquals(ContainerInfo.LookupState.FAILED, t.get("a").lookupState());
        assertEquals(ContainerInfo.LookupState.FAILED, t.get("b").lookupState());
        assertEquals(ContainerInfo.LookupState.SUCCESSFUL, t.get("c").lookupState());
    }

    @Test
    void valuesConvertAsJsoncppConvertsThem() {
        Containers t = new Containers();
        t.applyJson("{\"container\":{\"id\":42,\"type\":\"docker\",\"name\":1.5,\"image\":false,\"privileged\":3,"
                + "\"is_pod_sandbox\":true,\"cpu_shares\":true,\"memory_limit\":2.0,\"cpuset_cpu_count\":false,"
                + "\"labels\":{\"a\":1,\"b\":[1],\"c\":{}},\"Mounts\":[null,5,{\"Source\":7,\"RW\":1}],"
                + "\"env\":{\"k\":\"MESOS=1\",\"n\":3},\"port_mappings\":[{\"HostIp\":4294967295,\"HostPort\":65537}]}}");
        ContainerInfo c = t.get("42");
        assertNotNull(c);
        assertEquals(ContainerType.UNKNOWN, c.type());
        assertEquals("1.5", c.name());
        assertEquals("false", c.image());
        assertEquals(Boolean.TRUE, c.privileged());
        assertTrue(c.isPodSandbox());
        assertEquals(1024, c.limits().cpuShares());
        assertEquals(2, c.limits().memory());
        assertEquals(0, c.limits().cpusetCpuCount());
        assertEquals(Map.of("a", "1"), c.labels());
        assertEquals(List.of(new ContainerInfo.Mount("", "", "", false, ""), new ContainerInfo.Mount("", "", "", false, "")),
                c.mounts());
        assertEquals(List.of("MESOS=1"), c.env());
        assertEquals(List.of(new ContainerInfo.PortMapping(0, 1, 0)), c.portMappings());
    }

    @Test
    void malformedOrIdlessRecordsChangeNothing() {
        Containers t = new Containers();
        t.applyJson("{\"container\":{\"id\":\"keep\",\"name\":\"first\"}}");
        for (String bad : new String[] {
            "", "not json", "{\"container\":{\"id\":\"keep\",\"name\":\"second\"", "[1,2]", "{}",
            "{\"container\":\"keep\"}", "{\"container\":{\"name\":\"x\"}}", "{\"container\":{\"id\":\"\"}}",
            "{\"container\":{\"id\":null}}", "{\"container\":{\"id\":\"keep\",\"name\":\"x\",}}", "{" .repeat(5000),
        }) {
            t.applyJson(bad);
            t.applyRemoved(bad);
        }
        assertEquals(1, t.size());
        assertEquals("first", t.get("keep").name());
        assertNull(t.get(""));
    }

    @Test
    void containerAddressesFollowTheTable() {
        Containers t = new Containers();
        t.applyJson("{\"container\":{\"id\":\"web\",\"ip\":\"172.17.0.2\"}}");
        t.applyJson("{\"container\":{\"id\":\"db\"}}");
        int web = 172 | 17 << 8 | 2 << 24;
        assertEquals(web, (int) t.ipv4Of("web"));
        assertEquals(0, (int) t.ipv4Of("db"), "a container whose record gives no address");
        assertNull(t.ipv4Of("other"));
        assertTrue(t.anyHasIpv4(web) && t.anyHasIpv4(0));
        // a new record for a container, and a container removed, change the answers
        t.applyJson("{\"container\":{\"id\":\"web\",\"ip\":\"172.17.0.9\"}}");
        assertEquals(172 | 17 << 8 | 9 << 24, (int) t.ipv4Of("web"));
        assertFalse(t.anyHasIpv4(web));
        t.applyRemoved("{\"container\":{\"id\":\"db\"}}");
        assertNull(t.ipv4Of("db"));
        assertFalse(t.anyHasIpv4(0));
    }

    @Test
    void textAfterTheRecordIsIgnored() {
        Containers t = new Containers();
        t.applyJson("{\"container\":{\"id\":\"abc\",\"name\":\"n\"}}\n\u0000garbage");
        t.applyJson("/* comment */ {\"container\":{\"id\":\"def\"}}");
        assertEquals("n", t.get("abc").name());
        assertNotNull(t.get("def"));
    }

    @Test
    void lastRecordForAnIdWins() {
        Containers t = new Containers();
        t.applyJson("{\"container\":{\"id\":\"c644607f2c4e\",\"lookup_state\":0,\"name\":\"\"}}");
        t.applyJson("{\"container\":{\"id\":\"ad8301db070e\",\"name\":\"mitm_nginx\"}}");
        t.applyJson("{\"container\":{\"id\":\"c644607f2c4e\",\"name\":\"attacker\",\"image\":\"alpine:latest\"}}");
        assertEquals("attacker", t.get("c644607f2c4e").name());
        assertTrue(t.get("c644607f2c4e").isSuccessful());
        List<String> ids = new ArrayList<>();
        for (ContainerInfo c : t.all()) {
            ids.add(c.id());
        }
        assertEquals(List.of("c644607f2c4e", "ad8301db070e"), ids);
    }

    @Test
    void legacyRecordHasIdTypeNameAndImage() {
        Containers t = new Containers();
        t.applyLegacy("697956520d89", 0, "web", "nginx");
        t.applyLegacy("", 0, "ignored", "x");
        ContainerInfo c = t.get("697956520d89");
        assertEquals(ContainerType.DOCKER, c.type());
        assertEquals("web", c.name());
        assertEquals("nginx", c.image());
        assertEquals(1, t.size());
    }

    @Test
    void removedRecordRemovesItsContainer() {
        Containers t = new Containers();
        t.applyJson("{\"container\":{\"id\":\"a\"}}");
        t.applyJson("{\"container\":{\"id\":\"b\"}}");
        t.applyRemoved("{\"container\":{\"id\":\"a\",\"name\":\"whatever\"}}");
        t.applyRemoved("{\"container\":{\"id\":\"unknown\"}}");
        assertNull(t.get("a"));
        assertNotNull(t.get("b"));
    }

    @Test
    void copyIsIndependent() {
        Containers t = new Containers();
        t.applyJson("{\"container\":{\"id\":\"a\",\"name\":\"one\"}}");
        Containers snapshot = t.copy();
        t.applyJson("{\"container\":{\"id\":\"a\",\"name\":\"two\"}}");
        t.applyJson("{\"container\":{\"id\":\"b\"}}");
        snapshot.resolve(List.of("cpu=/lxc/c"));
        assertEquals("one", snapshot.get("a").name());
        assertNull(snapshot.get("b"));
        assertEquals("two", t.get("a").name());
        assertNull(t.get("c"));
        assertEquals("c", snapshot.get("c").name());
    }

    @Test
    void resolveMakesBareEntriesAsSysdigsEnginesDo() {
        Containers t = new Containers();
        String docker = hex(1).substring(0, 12);
        assertEquals(docker, t.resolve(List.of("cpu=/docker/" + hex(1))).id());
        assertEquals(ContainerInfo.bare(docker, ContainerType.DOCKER, "", ""), t.get(docker));
        assertEquals("web", t.resolve(List.of("cpu=/lxc/web")).id());
        assertEquals("web", t.get("web").name());
        assertEquals(ContainerType.LXC, t.get("web").type());
        // cri records nothing without a CRI runtime on the reading machine
        String cri = hex(2).substring(0, 12);
        assertEquals(new CgroupContainerId(cri, ContainerType.CRI), t.resolve(List.of("cpu=/crio-" + hex(2))));
        assertNull(t.get(cri));
        assertNull(t.get(""));
        assertEquals(CgroupContainerId.HOST, t.resolve(List.of("cpu=/lxc/")));
        assertEquals(2, t.size());
    }

    @Test
    void resolveKeepsRecordsAndRespectsFailedLookups() {
        Containers t = new Containers();
        String id = hex(1).substring(0, 12);
        t.applyJson("{\"container\":{\"id\":\"" + id + "\",\"type\":0,\"name\":\"web\"}}");
        assertEquals(id, t.resolve(List.of("cpu=/docker/" + hex(1), "memory=/lxc/other")).id());
        assertEquals("web", t.get(id).name());
        // a failed lookup lets cri, then lxc, try
        t.applyJson("{\"container\":{\"id\":\"" + id + "\",\"type\":0,\"name\":\"web\",\"lookup_state\":2}}");
        assertEquals("other", t.resolve(List.of("cpu=/docker/" + hex(1), "memory=/lxc/other")).id());
        // with nothing after it, the cri engine names the same container
        assertEquals(new CgroupContainerId(id, ContainerType.CRI), t.resolve(List.of("cpu=/docker/" + hex(1))));
        assertEquals(new CgroupContainerId(id, ContainerType.DOCKER), CgroupContainerId.find(List.of("cpu=/docker/" + hex(1))));
        // an lxc record of the same id is kept; a record of another engine is replaced
        t.applyJson("{\"container\":{\"id\":\"four\",\"type\":1,\"name\":\"json-four\"}}");
        t.applyJson("{\"container\":{\"id\":\"five\",\"type\":0,\"name\":\"json-five\"}}");
        t.resolve(List.of("cpu=/lxc/four"));
        t.resolve(List.of("cpu=/lxc/five"));
        assertEquals("json-four", t.get("four").name());
        assertEquals("five", t.get("five").name());
        assertEquals(ContainerType.LXC, t.get("five").type());
    }

    @Test
    void appliesEveryKindOfContainerEvent() throws Exception {
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        try (ScapWriter w = new ScapWriter(buf)) {
            w.sectionHeader(ByteOrder.LITTLE_ENDIAN, 1, 2)
                    .machineInfo(new MachineInfo(1, 1L << 30, 32768, "h", 0))
                    .event(0, 0, 0, EventTypes.CONTAINER_E, "aaaaaaaaaaaa", 0, "legacy", "img")
                    .event(0, 0, -1, EventTypes.CONTAINER_JSON_E, "{\"container\":{\"id\":\"bbbbbbbbbbbb\",\"type\":6}}\n")
                    .event(0, 0, -1, EventTypes.CONTAINER_JSON_2_E, "{\"container\":{\"id\":\"cccccccccccc\",\"name\":\"c\"}}")
                    .event(0, 1, 0, EventTypes.ASYNCEVENT_E, 0, "container",
                            nul("{\"container\":{\"id\":\"dddddddddddd\",\"type\":11}}"))
                    .event(0, 2, 0, EventTypes.ASYNCEVENT_E, 0, "container_removed",
                            nul("{\"container\":{\"id\":\"bbbbbbbbbbbb\"}}"))
                    .event(0, 3, 0, EventTypes.ASYNCEVENT_E, 0, "other_plugin_event", nul("{}"))
                    .event(0, 4, 7, 4, 3L);
        }
        Path p = tmp.resolve("records.scap");
        Files.write(p, buf.toByteArray());
        Containers t = new Containers();
        List<Boolean> applied = new ArrayList<>();
        try (ScapFile f = ScapFile.open(p, OpenOptions.defaults().cacheDir(tmp.resolve("cache")))) {
            ScapEvent e = f.newEvent();
            for (long i = 0; i < f.eventCount(); i++) {
                applied.add(t.apply(f.read(i, e)));
            }
        }
        assertEquals(List.of(true, true, true, true, true, false, false), applied);
        assertEquals("legacy", t.get("aaaaaaaaaaaa").name());
        assertEquals("img", t.get("aaaaaaaaaaaa").image());
        assertNull(t.get("bbbbbbbbbbbb"));
        assertEquals("c", t.get("cccccccccccc").name());
        assertEquals(ContainerType.PODMAN, t.get("dddddddddddd").type());
    }

    /**
     * A record repeated byte for byte changes nothing while its entry stands, and puts the entry
     * back once it has been removed or replaced.
     */
    @Test
    void repeatedRecordsPutTheirEntryBackOnceItIsGone() throws Exception {
        String b = "{\"container\":{\"id\":\"bbbbbbbbbbbb\",\"name\":\"first\"}}";
        String other = "{\"container\":{\"id\":\"bbbbbbbbbbbb\",\"name\":\"second\"}}";
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        try (ScapWriter w = new ScapWriter(buf)) {
            w.sectionHeader(ByteOrder.LITTLE_ENDIAN, 1, 2)
                    .machineInfo(new MachineInfo(1, 1L << 30, 32768, "h", 0))
                    .event(0, 0, -1, EventTypes.CONTAINER_JSON_E, b)
                    .event(0, 1, -1, EventTypes.CONTAINER_JSON_E, b)
                    .event(0, 2, 0, EventTypes.ASYNCEVENT_E, 0, "container_removed",
                            nul("{\"container\":{\"id\":\"bbbbbbbbbbbb\"}}"))
                    .event(0, 3, -1, EventTypes.CONTAINER_JSON_E, b)
                    .event(0, 4, -1, EventTypes.CONTAINER_JSON_E, other)
                    .event(0, 5, -1, EventTypes.CONTAINER_JSON_E, b);
        }
        Path p = tmp.resolve("repeated.scap");
        Files.write(p, buf.toByteArray());
        Containers t = new Containers();
        List<String> names = new ArrayList<>();
        try (ScapFile f = ScapFile.open(p, OpenOptions.defaults().cacheDir(tmp.resolve("cache")))) {
            ScapEvent e = f.newEvent();
            for (long i = 0; i < f.eventCount(); i++) {
                t.apply(f.read(i, e));
                ContainerInfo c = t.get("bbbbbbbbbbbb");
                names.add(c == null ? null : c.name());
            }
        }
        assertEquals(java.util.Arrays.asList("first", "first", null, "first", "second", "first"), names);
    }

    private static byte[] nul(String s) {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        return Arrays.copyOf(b, b.length + 1);
    }

    // ------------------------------------------------------------------ sysdig on the synthetic capture

    /**
     * Every close event of the synthetic capture shows, in sysdig 0.29.3, the container fields that
     * our table gives the thread: its process-list cgroups resolved before any event, the container
     * records, and the re-resolution at execve.
     */
    @Test
    void syntheticCaptureMatchesSysdig() throws Exception {
        Path golden = RealCaptures.goldens().resolve("synthetic-containers");
        byte[] bytes = SyntheticContainerCapture.bytes();
        String sha = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        assertEquals(Files.readString(golden.resolve("capture.sha256"), StandardCharsets.UTF_8).strip(), sha,
                "the synthetic capture changed: rerun tools/make-state-goldens.sh");
        Path p = tmp.resolve("synthetic-containers.scap");
        Files.write(p, bytes);

        List<List<String>> ours = new ArrayList<>();
        List<Long> tids = new ArrayList<>();
        try (ScapFile f = ScapFile.open(p, OpenOptions.defaults().cacheDir(tmp.resolve("cache")))) {
            Containers table = new Containers();
            Map<Long, String> containerOf = new HashMap<>();
            for (BlockRef b : f.metadataBlocks()) {
                for (ThreadRecord thread : f.metadata(b).threads()) {
                    containerOf.put(thread.tid(), table.resolve(thread.cgroups()).id());
                }
            }
            ScapEvent e = f.newEvent();
            for (long i = 0; i < f.eventCount(); i++) {
                f.read(i, e);
                if (table.apply(e)) {
                    continue;
                }
                if (e.type() == SyntheticContainerCapture.EXECVE_19_X && e.paramAsLong(0) == 0) {
                    containerOf.put(e.tid(), table.resolve(strings(e.paramBytes(14))).id());
                } else if (e.type() == SyntheticContainerCapture.CLOSE_E) {
                    tids.add(e.tid());
                    ours.add(SysdigContainerColumns.full(containerOf.get(e.tid()), table));
                }
            }
        }
        List<String> lines = Files.readAllLines(golden.resolve("containers.txt"), StandardCharsets.UTF_8);
        assertEquals(lines.size(), ours.size(), "close events");
        for (int i = 0; i < lines.size(); i++) {
            String[] cols = lines.get(i).split("\\|", -1);
            assertEquals(String.valueOf(tids.get(i)), cols[1], "line " + (i + 1));
            List<String> sysdig = Arrays.asList(cols).subList(2, cols.length);
            assertTrue(SysdigContainerColumns.matches(ours.get(i), sysdig),
                    "thread " + tids.get(i) + ": ours " + ours.get(i) + ", sysdig " + sysdig);
        }
    }

    /** A NUL-separated list parameter. */
    private static List<String> strings(byte[] b) {
        List<String> out = new ArrayList<>();
        int start = 0;
        for (int i = 0; i < b.length; i++) {
            if (b[i] == 0) {
                out.add(new String(b, start, i - start, StandardCharsets.UTF_8));
                start = i + 1;
            }
        }
        if (start < b.length) {
            out.add(new String(b, start, b.length - start, StandardCharsets.UTF_8));
        }
        return out;
    }
}
