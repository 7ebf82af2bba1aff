package org.scapscope.field;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.scapscope.scap.OpenOptions;
import org.scapscope.scap.ScapEvent;
import org.scapscope.scap.ScapFile;

/**
 * The proc, thread, user and group fields on {@link ProcessTreeCapture}. Unless a test says
 * otherwise, the expected lines are what sysdig 0.29.3 prints for the same format on that capture.
 */
class ProcFieldsTest {
    @TempDir
    static Path tmp;
    static Path capture;

    @BeforeAll
    static void writeCapture() throws IOException {
        capture = tmp.resolve("tree.scap");
        Files.write(capture, ProcessTreeCapture.bytes());
    }

    /** The lines of a format ({@code *} and the event number are prepended), by event number. */
    static Map<Long, String> lines(String format, boolean hiddenToo) throws Exception {
        Map<Long, String> out = new LinkedHashMap<>();
        try (ScapFile f = ScapFile.open(capture, OpenOptions.defaults().cacheDir(tmp.resolve("cache")))) {
            FieldContext ctx = new FieldContext(f);
            OutputFormat output = OutputFormat.parse("*%evt.num " + format);
            ScapEvent e = f.newEvent();
            for (long i = 0; i < f.eventCount(); i++) {
                f.read(i, e);
                ctx.advance(e);
                if (!hiddenToo && ScapFile.isHidden(e)) {
                    continue;
                }
                String line = output.render(ctx);
                out.put(Long.parseLong(line.substring(0, line.indexOf(' '))), line.substring(line.indexOf(' ') + 1));
            }
        }
        return out;
    }

    static Map<Long, String> lines(String format) throws Exception {
        return lines(format, false);
    }

    @Test
    void ancestorsWalkUpParentsAndEndAtAnUnknownOne() throws Exception {
        Map<Long, String> l = lines("%proc.aname[1] %proc.aname[2] %proc.aname[3] %proc.apid[1] %proc.apid[3]");
        assertEquals("zsh bash systemd 200 1", l.get(5L), "python3's ancestors");
        assertEquals("zsh bash systemd 200 1", l.get(6L), "a thread's ancestors are its process's");
        assertEquals("<NA> <NA> <NA> <NA> <NA>", l.get(2L), "systemd has no known parent");
        assertEquals("bash systemd <NA> 100 <NA>", l.get(4L));
    }

    @Test
    void ancestorZeroOrNoIndexIsTheProcessItself() throws Exception {
        Map<Long, String> l = lines("%proc.aname[0] %proc.apid[0] %proc.apid[-1] %proc.aname");
        assertEquals("python3 300 300 python3", l.get(6L));
    }

    @Test
    void ancestorLevelMustBeANumber() {
        assertThrows(FieldException.class, () -> FieldRegistry.get().bind("proc.aname[two]"));
        assertThrows(FieldException.class, () -> FieldRegistry.get().bind("proc.apid[]"));
    }

    @Test
    void parentLoopsDoNotHang() throws Exception {
        Map<Long, String> l = lines("%proc.aname[3] %proc.loginshellid %proc.sname");
        assertEquals("loopb <NA> loopa", l.get(11L));
        assertEquals("selfish 510 selfish", l.get(13L), "a parent of itself; its name ends in 'sh'");
    }

    @Test
    void farAncestorsGoRoundParentLoopsWithoutWalkingEveryLevel() throws Exception {
        Map<Long, String> l = lines("%proc.aname[65] %proc.apid[100] %proc.aname[2000000001] %proc.aname[100]");
        assertEquals("loopb 500 loopb loopa", l.get(11L), "loopa's parent is loopb, and loopb's is loopa");
        assertEquals("selfish 510 selfish selfish", l.get(13L));
        assertEquals("<NA> <NA> <NA> <NA>", l.get(5L), "python3 has four known ancestors at most");
    }

    @Test
    void loginShellIsTheEldestShellAmongProcessAndAncestors() throws Exception {
        Map<Long, String> l = lines("%proc.loginshellid");
        assertEquals("100", l.get(5L), "bash is older than zsh");
        assertEquals("<NA>", l.get(15L), "runc has no shell above it");
        assertEquals("701", l.get(43L), "after exec into sh, the process itself");
    }

    @Test
    void sessionNameFallsBackToTheEldestAncestorInTheSession() throws Exception {
        Map<Long, String> l = lines("%proc.sid %proc.sname");
        assertEquals("100 bash", l.get(5L));
        assertEquals("999 worker", l.get(9L), "no leader: the process itself");
        assertEquals("999 worker", l.get(10L), "no leader: its parent in the same session");
    }

    @Test
    void threadWhoseProcessIsMissingGetsAPlaceholderProcess() throws Exception {
        Map<Long, String> l = lines("%proc.pid %proc.ppid %proc.pname %proc.nthreads %proc.nchilds %proc.aname[1] "
                + "%proc.cwd|%proc.env|%thread.ismain");
        assertEquals("350 -1 <NA> 3 0 <NA> ||false", l.get(8L));
    }

    @Test
    void threadCountsComeFromTheMainThread() throws Exception {
        Map<Long, String> l = lines("%proc.nthreads %proc.nchilds %thread.ismain %thread.vmsize %proc.vmsize");
        assertEquals("3 2 true 2300 2300", l.get(5L));
        assertEquals("3 0 false 0 2301", l.get(6L));
    }

    @Test
    void cgroupOfAMissingSubsystemHasNoValue() throws Exception {
        Map<Long, String> l = lines("%thread.cgroups|%thread.cgroup.cpu|%thread.cgroup.blkio");
        assertEquals("cpuset=/ cpu=/user.slice memory=/user.slice|/user.slice|<NA>", l.get(3L));
        assertEquals("<NA>|<NA>|<NA>", l.get(2L), "systemd lists no cgroups");
    }

    @Test
    void cgroupSubsystemIsLettersAndUnderscores() throws Exception {
        assertThrows(FieldException.class, () -> FieldRegistry.get().bind("thread.cgroup"));
        assertThrows(FieldException.class, () -> FieldRegistry.get().bind("thread.cgroup.cpu2"));
        assertEquals("thread.cgroup", FieldRegistry.get().bind("thread.cgroup.net_cls").info().name());
    }

    @Test
    void usersAndGroupsAreNamedFromTheCaptureLists() throws Exception {
        Map<Long, String> l = lines("%user.uid %user.name %user.homedir %user.shell %user.loginuid %user.loginname "
                + "%group.name");
        assertEquals("1000 alice /home/alice /bin/zsh -1 <NA> staff", l.get(3L));
        assertEquals("12345 <NA> <NA> <NA> -1 <NA> <NA>", l.get(16L), "nobody lists uid 12345 or gid 777");
    }

    @Test
    void groupIdCarriesTheChildThreadCountInItsUpperHalf() throws Exception {
        // sysdig reads the 32-bit gid as 64 bits, taking in the count stored after it
        Map<Long, String> l = lines("%group.gid %proc.nchilds");
        assertEquals("8589935592 2", l.get(5L));
        assertEquals("1000 0", l.get(6L));
    }

    @Test
    void healthProbesAreTheProbeCommandsStartedFromOutsideTheContainer() throws Exception {
        Map<Long, String> l = lines("%proc.is_container_healthcheck %proc.is_container_liveness_probe "
                + "%proc.is_container_readiness_probe");
        assertEquals("true false false", l.get(38L), "curl -f http://localhost/");
        assertEquals("false true false", l.get(39L), "/bin/true");
        assertEquals("false false true", l.get(40L), "cat /ready");
        assertEquals("false false false", l.get(41L), "other arguments");
        assertEquals("false false false", l.get(42L), "started by the container's init");
        assertEquals("true false false", l.get(44L), "a probe stays one after execve");
    }

    @Test
    void execTimeIsTheTimeSinceThePreviousSwitchOnTheSameCpu() throws Exception {
        Map<Long, String> l = lines("%thread.tid %thread.exectime %thread.totexectime");
        assertEquals("300 0 0", l.get(18L), "first switch on CPU 0");
        assertEquals("301 0 0", l.get(19L), "first switch on CPU 1");
        assertEquals("301 2000 2000", l.get(20L));
        assertEquals("9999 1000 <NA>", l.get(21L), "an unknown thread has no total");
        assertEquals("300 3000 3000", l.get(22L));
        assertEquals("300 2000 5000", l.get(23L));
        assertEquals("302 2000 2000", l.get(24L));
        assertEquals("700 0 0", l.get(33L), "not a switch");
        assertEquals("300 2000 9200", l.get(47L), "the state-only switch 46 between does not count");
    }

    @Test
    void threadCpuIsTheGrowthOfTheCountersBetweenProcinfoEvents() throws Exception {
        // procinfo events are internal: sysdig never prints them, so these follow libsinsp's code
        Map<Long, String> all = lines("%evt.type %thread.cpu %thread.cpu.user %thread.cpu.system", true);
        Map<Long, String> procinfo = new LinkedHashMap<>();
        for (Map.Entry<Long, String> e : all.entrySet()) {
            if (e.getValue().startsWith("procinfo ")) {
                procinfo.put(e.getKey(), e.getValue().substring("procinfo ".length()));
            }
        }
        assertEquals(List.of(
                "0.0 0.0 0.0", // 300 first
                "0.0 0.0 0.0", // 301 first
                "60.0 50.0 10.0", // 300: 150+60 after 100+50
                "0.0 0.0 0.0", // 301: after counters of 0
                "100.0 100.0 10.0", // 300: capped at 100
                "100.0 100.0 100.0", // 300: counters went down
                "0.0 0.0 0.0", // 302 first
                "<NA> <NA> <NA>"), // unknown thread
                List.copyOf(procinfo.values()));
        assertEquals("switch <NA> <NA> <NA>", all.get(18L), "only procinfo events have a value");
    }

    @Test
    void memoryInBytesIsComputedIn32Bits() throws Exception {
        Map<Long, String> l = lines("%proc.vmsize %thread.vmsize.b %thread.vmrss.b %thread.nametid");
        assertEquals("5000000 825032704 5832704 bigmem900", l.get(17L), "5000000 kB * 1024 wraps at 4 GiB");
        assertEquals("2301 0 0 python3301", l.get(6L), "0 for a thread that is not the main one");
    }

    @Test
    void doublesPrintWithOneDecimalRoundedHalfEvenOnTheExactValue() {
        assertEquals("0.2", ProcFields.decimal(0.25));
        assertEquals("0.3", ProcFields.decimal(0.35), "0.35 is a little under 0.35 in binary");
        assertEquals("0.1", ProcFields.decimal(0.05), "0.05 is a little over 0.05 in binary");
        assertEquals("100.0", ProcFields.decimal(100));
        assertEquals("33.3", ProcFields.decimal(100.0 / 3));
    }

    @Test
    void processTextsJoinArgumentsWithSpaces() throws Exception {
        Map<Long, String> l = lines("%proc.exe|%proc.args|%proc.cmdline|%proc.exeline|%proc.env|%proc.cwd");
        assertEquals("python3|app.py --port 80|python3 app.py --port 80|python3 app.py --port 80"
                + "|HOME=/home/python3 TID=300|/home/python3/", l.get(5L));
        assertEquals("zsh||zsh|zsh |HOME=/home/zsh TID=200|/home/zsh/", l.get(4L), "exeline keeps its space");
        assertEquals("python3|app.py|python3 app.py|python3 app.py|HOME=/home/python3 TID=300|/home/python3/",
                l.get(6L), "a thread shows its process's environment");
    }

    @Test
    void durationCountsFromTheCloneAndIsUnknownForListedProcesses() throws Exception {
        Map<Long, String> l = lines("%proc.duration %proc.vpid %thread.vtid");
        assertEquals("<NA> 300 300", l.get(5L));
        assertEquals("50 703 703", l.get(40L));
        assertEquals("50 7 7", l.get(42L), "inside the container's PID namespace");
    }
}
