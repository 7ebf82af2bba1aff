package org.scapscope.view;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteOrder;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.scapscope.field.BoundField;
import org.scapscope.field.FieldContext;
import org.scapscope.field.FieldRegistry;
import org.scapscope.scap.EventTypes;
import org.scapscope.scap.MachineInfo;
import org.scapscope.scap.OpenOptions;
import org.scapscope.scap.ScapEvent;
import org.scapscope.scap.ScapFile;
import org.scapscope.scap.ScapWriter;
import org.scapscope.scap.ThreadRecord;

/**
 * The Kubernetes views on a capture whose containers carry the labels a container runtime gives pods:
 * three pods in two namespaces, each thread writing a known number of bytes to a file.
 */
class KubernetesViewsTest {
    private static final long T0 = 1_700_000_000_000_000_000L;
    private static final int OPEN_E = 2;
    private static final int OPEN_X = 3;
    private static final int WRITE_E = 8;
    private static final int WRITE_X = 9;

    @TempDir
    Path tmp;

    private static String id(char c) {
        return String.valueOf(c).repeat(64);
    }

    private static String container(char c, String pod, String ns, String sandbox, String extra) {
        return "{\"container\":{\"id\":\"" + id(c).substring(0, 12) + "\",\"type\":0,\"name\":\"k8s_" + c + "\","
                + "\"image\":\"img\",\"lookup_state\":1,\"labels\":{\"io.kubernetes.pod.name\":\"" + pod + "\","
                + "\"io.kubernetes.pod.namespace\":\"" + ns + "\",\"io.kubernetes.pod.uid\":\"uid-" + pod + "\""
                + (sandbox == null ? "" : ",\"io.kubernetes.sandbox.id\":\"" + id(sandbox.charAt(0)) + "\"") + extra
                + "}}}";
    }

    private static ThreadRecord thread(long tid, String comm, String containerHex) {
        List<String> cgroups = containerHex == null ? List.of("cpuset=/")
                : List.of("cpuset=/kubepods/besteffort/pod1/" + containerHex);
        return new ThreadRecord(tid, tid, 1, tid, tid, comm, "/usr/bin/" + comm, "/usr/bin/" + comm, List.of(), "/",
                1024, 0, 0, 0, 0, 0, 0, 0, 0, List.of("HOME=/"), tid, tid, cgroups, "/", 0, 0, -1, false, 0, 0,
                0, false, 0, 0, 0, false, false, tid);
    }

    private Path capture() throws Exception {
        Path p = tmp.resolve("k8s.scap");
        try (ScapWriter w = new ScapWriter(java.nio.file.Files.newOutputStream(p))) {
            w.sectionHeader(ByteOrder.LITTLE_ENDIAN, 1, 2)
                    .machineInfo(new MachineInfo(2, 4L << 30, 32768, "node", 0))
                    .processList(9, List.of(thread(201, "nginx", id('b')), thread(202, "postgres", id('d')),
                            thread(203, "coredns", id('e')), thread(204, "kubelet", null)));
            w.event(0, 0, 0, EventTypes.CONTAINER_JSON_E, container('a', "web-1", "shop", null, ",\"app\":\"web\",\"tier\":\"\""));
            w.event(0, 0, 0, EventTypes.CONTAINER_JSON_E, container('b', "web-1", "shop", "a", ""));
            w.event(0, 0, 0, EventTypes.CONTAINER_JSON_E, container('c', "db-0", "shop", null, ",\"app\":\"db\""));
            w.event(0, 0, 0, EventTypes.CONTAINER_JSON_E, container('d', "db-0", "shop", "c", ""));
            w.event(0, 0, 0, EventTypes.CONTAINER_JSON_E, container('e', "dns-1", "infra", null, ""));
            long ts = T0;
            long[][] writes = {{201, 100}, {202, 2000}, {203, 30}, {204, 7}, {201, 5}};
            for (long[] wr : writes) {
                long tid = wr[0];
                w.event(0, ts++, tid, OPEN_E, "/var/log/out", 1L, 0L);
                w.event(0, ts++, tid, OPEN_X, 3L, "/var/log/out", 1L, 0L, 0L, 99L);
                w.event(0, ts++, tid, WRITE_E, 3L, wr[1]);
                w.event(0, ts++, tid, WRITE_X, wr[1], new byte[(int) wr[1]]);
            }
        }
        return p;
    }

    private static Map<String, ViewTable.Row> rows(ViewTable t) {
        Map<String, ViewTable.Row> out = new LinkedHashMap<>();
        for (ViewTable.Row r : t.rows()) {
            out.put(r.key(), r);
        }
        return out;
    }

    @Test
    void podsAndNamespacesSumTheirContainersWork() throws Exception {
        Path p = capture();
        ViewCatalog catalog = ViewCatalog.builtIn();
        try (ScapFile scap = ScapFile.open(p, OpenOptions.defaults().cacheDir(tmp))) {
            ViewTable pods = ViewEngine.run(scap, catalog.get("k8s_pods"), null, 0, Long.MAX_VALUE, ZoneOffset.UTC, null, null);
            Map<String, ViewTable.Row> byPod = rows(pods);
            assertEquals(List.of("uid-db-0", "uid-dns-1", "uid-web-1"), new ArrayList<>(new java.util.TreeSet<>(byPod.keySet())));
            int file = pods.columns().indexOf("FILE");
            int ns = pods.columns().indexOf("NAMESPACE");
            int pod = pods.columns().indexOf("POD");
            assertEquals(105L, byPod.get("uid-web-1").values().get(file));
            assertEquals(2000L, byPod.get("uid-db-0").values().get(file));
            assertEquals(30L, byPod.get("uid-dns-1").values().get(file));
            assertEquals("shop", byPod.get("uid-web-1").values().get(ns));
            assertEquals("dns-1", byPod.get("uid-dns-1").values().get(pod));

            ViewTable namespaces = ViewEngine.run(scap, catalog.get("k8s_namespaces"), null, 0, Long.MAX_VALUE,
                    ZoneOffset.UTC, null, null);
            Map<String, ViewTable.Row> byNs = rows(namespaces);
            assertEquals(2, byNs.size(), byNs.keySet().toString());
            assertEquals(2105L, byNs.get("shop").values().get(namespaces.columns().indexOf("FILE")));
            assertEquals(30L, byNs.get("infra").values().get(namespaces.columns().indexOf("FILE")));
        }
    }

    @Test
    void aCaptureKnowsKubernetesWhenItsContainersCarryPodLabels() throws Exception {
        try (ScapFile scap = ScapFile.open(capture(), OpenOptions.defaults().cacheDir(tmp))) {
            assertTrue(EventList.of(scap, null, null).knowsKubernetes());
        }
        // 502Error.scap's containers are Docker's alone: the pods' views, left out of its inspector, have no row
        try (ScapFile scap = ScapFile.open(org.scapscope.RealCaptures.named("502Error.scap"),
                OpenOptions.defaults().cacheDir(tmp))) {
            EventList list = EventList.of(scap, null, null);
            assertTrue(list.knowsContainers());
            assertFalse(list.knowsKubernetes());
            assertTrue(ViewEngine.run(scap, ViewCatalog.builtIn().get("k8s_pods"), null, 0, Long.MAX_VALUE,
                    ZoneOffset.UTC, list.history(), null, null).rows().isEmpty());
            ViewCatalog shown = ViewCatalog.builtIn().without(v -> v.id().startsWith("k8s_"));
            assertNull(shown.get("k8s_pods"));
            assertEquals(ViewCatalog.builtIn().all().size() - 2, shown.all().size());
        }
    }

    @Test
    void podFieldsComeFromTheContainerAndItsSandbox() throws Exception {
        Path p = capture();
        Map<String, String> seen = new LinkedHashMap<>();
        try (ScapFile scap = ScapFile.open(p, OpenOptions.defaults().cacheDir(tmp))) {
            FieldContext ctx = new FieldContext(scap);
            BoundField name = FieldRegistry.get().bind("k8s.pod.name");
            BoundField app = FieldRegistry.get().bind("k8s.pod.label.app");
            BoundField labels = FieldRegistry.get().bind("k8s.pod.labels");
            ScapEvent e = scap.newEvent();
            for (long i = 0; i < scap.eventCount(); i++) {
                ctx.advance(scap.read(i, e));
                if (e.type() == WRITE_X) {
                    seen.put(Long.toString(e.tid()), name.text(ctx) + "|" + app.text(ctx) + "|" + labels.text(ctx));
                }
            }
        }
        assertEquals("web-1|web|app:web, tier", seen.get("201"));
        assertEquals("db-0|db|app:db", seen.get("202"));
        assertEquals("dns-1|null|null", seen.get("203"), "a container without a sandbox has no pod labels");
        assertEquals("null|null|null", seen.get("204"), "a host thread has no pod");
        assertTrue(FieldRegistry.get().fields().stream().anyMatch(f -> f.name().equals("k8s.ns.name")));
    }
}
