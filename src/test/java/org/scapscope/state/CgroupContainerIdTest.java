package org.scapscope.state;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.scapscope.state.SyntheticContainerCapture.hex;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.scapscope.RealCaptures;
import org.scapscope.scap.BlockRef;
import org.scapscope.scap.EventInfo;
import org.scapscope.scap.OpenOptions;
import org.scapscope.scap.ScapEvent;
import org.scapscope.scap.ScapFile;
import org.scapscope.scap.ThreadRecord;

class CgroupContainerIdTest {
    private static final String ID = hex(1);
    private static final String SHORT = ID.substring(0, 12);

    private static CgroupContainerId find(String... cgroups) {
        return CgroupContainerId.find(List.of(cgroups));
    }

    @Test
    void hostWhenNoEngineRecognisesTheCgroups() {
        assertEquals(CgroupContainerId.HOST, find("cpuset=/", "memory=/user.slice/user-1000.slice/session-1.scope"));
        assertEquals("", CgroupContainerId.of(List.of()));
        assertEquals("", CgroupContainerId.of(List.of("cpu=/system.slice/docker.service")));
        assertTrue(CgroupContainerId.HOST.isHost());
    }

    @Test
    void dockerTakesTheFirstTwelveDigitsOfA64DigitLastComponent() {
        assertEquals(new CgroupContainerId(SHORT, ContainerType.DOCKER), find("cpuset=/docker/" + ID));
        assertEquals(SHORT, CgroupContainerId.of(List.of("cpu=/system.slice/docker-" + ID + ".scope")));
        assertEquals(SHORT, CgroupContainerId.of(List.of("cpu=/kubepods/besteffort/pod0d5485a2/" + ID)));
        // the suffix need not end the path
        assertEquals(SHORT, CgroupContainerId.of(List.of("cpu=/system.slice/docker-" + ID + ".scope/init")));
        // upper-case digits are kept as they are
        assertEquals(SHORT.toUpperCase(), CgroupContainerId.of(List.of("cpu=/docker/" + ID.toUpperCase())));
    }

    @Test
    void runcIdsMustBe64CharactersLong() {
        assertEquals("", CgroupContainerId.of(List.of("cpu=/docker/" + ID.substring(1))));
        assertEquals("", CgroupContainerId.of(List.of("cpu=/docker/" + ID + "0")));
    }

    @Test
    void hexCheckCountsFromTheStartOfThePathAsLibsinspDoes() {
        // a bad digit early in the id is refused ...
        assertEquals("", CgroupContainerId.of(List.of("cpu=/docker/zz" + ID.substring(2))));
        // ... but one at or after character 64 of the path passes
        String longDir = "/" + "a".repeat(60);
        assertEquals(SHORT, CgroupContainerId.of(List.of("cpu=" + longDir + "/docker/" + ID.substring(0, 60) + "zzzz")));
    }

    @Test
    void criLayoutsAreRecognisedWhenDockerDoesNot() {
        assertEquals(new CgroupContainerId(SHORT, ContainerType.CRI),
                find("cpu=/kubepods.slice/kubepods-besteffort.slice/cri-containerd-" + ID + ".scope"));
        assertEquals(ContainerType.CRI, find("cpu=/kubepods/burstable/pod1/crio-" + ID).type());
        assertEquals(ContainerType.CRI, find("cpu=/crio-" + ID + ".scope").type());
        assertEquals(ContainerType.CRI, find("cpu=/system.slice/containerd.service/pod1.slice:cri-containerd:" + ID).type());
    }

    @Test
    void podmanIsTriedBeforeDocker() {
        assertEquals(new CgroupContainerId(SHORT, ContainerType.PODMAN),
                find("cpu=/machine.slice/libpod-" + ID + ".scope"));
        assertEquals(SHORT, CgroupContainerId.of(List.of(
                "cpu=/user.slice/user-1000.slice/user@1000.service/user.slice/libpod-" + ID + ".scope/container")));
    }

    @Test
    void lxcTakesThePathComponentAfterTheMarker() {
        assertEquals(new CgroupContainerId("web01", ContainerType.LXC), find("cpu=/lxc/web01/init.scope"));
        assertEquals("db02", CgroupContainerId.of(List.of("cpu=/lxc.payload/db02")));
        // the newer lxc.payload.NAME layout is unknown to sysdig 0.29.3
        assertEquals("", CgroupContainerId.of(List.of("cpu=/lxc.payload.db03")));
    }

    @Test
    void libvirtLxcHasThreeLayouts() {
        assertEquals(new CgroupContainerId("vm1", ContainerType.LIBVIRT_LXC), find("cpu=/machine/vm1.libvirt-lxc"));
        assertEquals("4242\\x2dvm2", CgroupContainerId.of(List.of("cpu=/machine.slice/machine-lxc\\x2d4242\\x2dvm2.scope")));
        assertEquals("scope", CgroupContainerId.of(List.of("cpu=/machine.slice/machine-lxc\\x2.scope")));
        // the legacy layout also contains "/lxc/", and the lxc engine comes first
        assertEquals(new CgroupContainerId("vm3", ContainerType.LXC), find("cpu=/libvirt/lxc/vm3"));
    }

    @Test
    void bpmIdsAreCheckedPerCgroup() {
        assertEquals(new CgroupContainerId("my_job", ContainerType.BPM), find("cpu=/system.slice/bpm-my_job.scope"));
        assertEquals("ok1", CgroupContainerId.of(List.of("cpu=/bpm-my job.scope", "memory=/bpm-ok1")));
        assertEquals("", CgroupContainerId.of(List.of("cpu=/bpm-.scope")));
    }

    @Test
    void enginesAreTriedInOrderOverAllCgroups() {
        // docker comes before lxc even when the lxc cgroup is listed first
        assertEquals(new CgroupContainerId(hex(2).substring(0, 12), ContainerType.DOCKER),
                find("cpuset=/lxc/first", "memory=/docker/" + hex(2)));
        // cri names the container but lets the later engines try
        assertEquals(new CgroupContainerId("second", ContainerType.LXC),
                find("cpuset=/crio-" + ID, "memory=/lxc/second"));
        // an engine that recognises an empty name ends the search on the host
        assertEquals(CgroupContainerId.HOST, find("cpuset=/lxc/", "memory=/system.slice/bpm-job2.scope"));
        assertEquals(CgroupContainerId.HOST, find("cpuset=/crio-" + ID, "memory=/lxc/"));
    }

    @Test
    void entriesSplitAtTheLastEqualsSignAndStopAtOneWithout() {
        assertEquals("", CgroupContainerId.of(List.of("cpuset=/lxc/foo=bar")));
        assertEquals("", CgroupContainerId.of(List.of("garbage", "cpuset=/docker/" + ID)));
        assertEquals(SHORT, CgroupContainerId.of(List.of("name=systemd=/docker/" + ID)));
    }

    @Test
    void enginesThatNeedMoreThanCgroupsDoNotMatch() {
        assertEquals("", CgroupContainerId.of(List.of("cpu=/mesos/a9f41620-b165-4d24-abe0-af0af92e7b20")));
        assertEquals("", CgroupContainerId.of(List.of("cpu=/system.slice/app.service")));
    }

    @Test
    void nonAsciiPathsAreMeasuredInBytes() {
        // 62 digits and "é" make 64 bytes in 63 characters; the long path lets the hex check pass
        String path = "/" + "a".repeat(70) + "/" + ID.substring(0, 62) + "é";
        assertEquals(SHORT, CgroupContainerId.of(List.of("cpu=" + path)));
        assertEquals("naïve", CgroupContainerId.of(List.of("cpu=/lxc/naïve/x")));
    }

    // ------------------------------------------------------------------ sysdig on the real captures

    /** The cgroups parameter of a clone or execve exit; empty when the event has none. */
    private static List<String> cgroups(ScapEvent e) {
        int i = e.paramIndex("cgroups");
        if (i < 0 || i >= e.paramCount()) {
            return List.of();
        }
        byte[] b = e.paramBytes(i);
        List<String> out = new ArrayList<>();
        int start = 0;
        for (int k = 0; k < b.length; k++) {
            if (b[k] == 0) {
                out.add(new String(b, start, k - start, StandardCharsets.UTF_8));
                start = k + 1;
            }
        }
        return out;
    }

    /** Thread-moving exits: after them a thread's container is the one of new cgroups. */
    private static boolean isExec(String name) {
        return name.equals("execve") || name.equals("execveat") || name.equals("chroot");
    }

    private static boolean isClone(String name) {
        return name.equals("clone") || name.equals("fork") || name.equals("vfork") || name.equals("clone3");
    }

    /**
     * For every thread of the process list, the container sysdig shows on the thread's first event
     * equals ours, with its type, name and image from the container records read so far; so does
     * the container of every thread whose first event is its own clone exit, found from the cgroups
     * that event carries. Threads whose first event is an exec, or that another thread's clone
     * replaced, are left out: they belong to the thread table's tests.
     */
    @Test
    void realCapturesMatchSysdig(@TempDir Path tmp) throws Exception {
        int checked = 0;
        int inContainers = 0;
        for (Path capture : RealCaptures.all()) {
            Path golden = RealCaptures.goldens().resolve(capture.getFileName().toString()).resolve("containers.txt");
            if (!Files.exists(golden)) {
                continue; // sysdig cannot read this capture
            }
            Map<Long, String[]> sysdig = new HashMap<>();
            for (String line : Files.readAllLines(golden, StandardCharsets.UTF_8)) {
                String[] cols = line.split("\\|", -1);
                if (cols.length == 7 && cols[0].matches("\\d+")) {
                    sysdig.put(Long.parseLong(cols[0]), cols);
                }
            }
            try (ScapFile f = ScapFile.open(capture, OpenOptions.defaults().cacheDir(tmp))) {
                Map<Long, ThreadRecord> threads = new HashMap<>();
                for (BlockRef b : f.metadataBlocks()) {
                    for (ThreadRecord t : f.metadata(b).threads()) {
                        threads.put(t.tid(), t);
                    }
                }
                Containers table = new Containers();
                Map<Long, String> containerOf = new HashMap<>();
                for (ThreadRecord t : threads.values()) {
                    String id = CgroupContainerId.of(t.cgroups());
                    assertEquals(id, table.resolve(t.cgroups()).id(), "thread " + t.tid());
                    containerOf.put(t.tid(), id);
                }
                Set<Long> seen = new HashSet<>();
                Set<Long> moved = new HashSet<>();
                ScapEvent e = f.newEvent();
                for (long i = 0; i < f.eventCount(); i++) {
                    f.read(i, e);
                    if (table.apply(e) || ScapFile.isHidden(e)) {
                        continue;
                    }
                    long tid = e.tid();
                    EventInfo info = e.info();
                    String name = info == null ? "" : info.name();
                    boolean exit = !e.isEnter();
                    long res = exit && e.paramCount() > 0 ? e.paramAsLong(0) : -1;
                    boolean childClone = exit && isClone(name) && res == 0;
                    boolean movesItself = childClone || (exit && isExec(name));
                    if (seen.add(tid) && sysdig.containsKey(tid)) {
                        String id = null;
                        if (childClone) {
                            List<String> cgroups = cgroups(e);
                            if (!cgroups.isEmpty()) {
                                id = table.resolve(cgroups).id();
                            }
                        } else if (!movesItself && !moved.contains(tid) && threads.containsKey(tid)) {
                            id = containerOf.get(tid);
                        }
                        if (id != null) {
                            String[] s = sysdig.get(tid);
                            List<String> ours = SysdigContainerColumns.basic(id, table);
                            List<String> theirs = List.of(s[3], s[4], s[5], s[6]);
                            assertTrue(SysdigContainerColumns.matches(ours, theirs),
                                    capture.getFileName() + " thread " + tid + ": ours " + ours + ", sysdig " + theirs);
                            checked++;
                            if (!id.isEmpty()) {
                                inContainers++;
                            }
                        }
                    }
                    if (exit && isClone(name) && res > 0) {
                        moved.add(res);
                    }
                    if (movesItself) {
                        moved.add(tid);
                    }
                }
            }
        }
        assertTrue(checked > 0, "no thread of the real captures was compared with sysdig");
        if (Files.exists(RealCaptures.dir().resolve("502Error.scap"))) {
            assertTrue(inContainers > 0, "no container thread was compared with sysdig");
        }
    }
}
