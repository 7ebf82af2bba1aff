package org.scapscope.state;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ContainerInfoTest {
    @Test
    void hostIsWhatSysdigPrintsOutsideContainers() {
        assertEquals("host", ContainerInfo.HOST.id());
        assertEquals("host", ContainerInfo.HOST.name());
        assertEquals(ContainerType.HOST, ContainerInfo.HOST.type());
        assertEquals("host", ContainerInfo.HOST.type().label());
        assertEquals("", ContainerInfo.HOST.image());
    }

    @Test
    void nullsBecomeEmptyValues() {
        ContainerInfo c = new ContainerInfo("id", null, null, null, null, null, null, null, null, null, null, null,
                null, null, null, null, null, false, null, null, null, null, null, 0, 0);
        assertEquals("", c.name());
        assertEquals(ContainerType.UNKNOWN, c.type());
        assertTrue(c.mounts().isEmpty());
        assertTrue(c.labels().isEmpty());
        assertEquals(ContainerInfo.ResourceLimits.DEFAULT, c.limits());
        assertEquals(ContainerInfo.LookupState.SUCCESSFUL, c.lookupState());
        assertNull(c.privileged());
        assertThrows(NullPointerException.class, () -> ContainerInfo.bare(null, ContainerType.DOCKER, "", ""));
    }

    @Test
    void collectionsAreCopiedSortedAndReadOnly() {
        Map<String, String> labels = new HashMap<>(Map.of("b", "2", "a", "1"));
        List<String> env = new ArrayList<>(List.of("MESOS_TASK_ID=x"));
        ContainerInfo c = new ContainerInfo("id", "", ContainerType.DOCKER, "", "", "", "", "", "", null, null, labels,
                "", null, env, null, null, false, "", null, "", "", null, 0, 0);
        labels.put("c", "3");
        env.clear();
        assertEquals(List.of("a", "b"), new ArrayList<>(c.labels().keySet()));
        assertEquals(List.of("MESOS_TASK_ID=x"), c.env());
        assertThrows(UnsupportedOperationException.class, () -> c.labels().put("x", "y"));
        assertThrows(UnsupportedOperationException.class, () -> c.env().add("y"));
    }

    @Test
    void mountTextIsSysdigsFormat() {
        assertEquals("/data:/var/www:ro:false:rprivate",
                new ContainerInfo.Mount("/data", "/var/www", "ro", false, "rprivate").text());
        assertEquals("/logs:/var/log::true:", new ContainerInfo.Mount("/logs", "/var/log", null, true, null).text());
    }

    @Test
    void probesAreFoundByKindAndPrintedAsCommandLines() {
        ContainerInfo.HealthProbe hc = new ContainerInfo.HealthProbe(ContainerInfo.HealthProbe.Kind.HEALTHCHECK, "curl",
                List.of("-f", "http://localhost/"));
        ContainerInfo.HealthProbe live = new ContainerInfo.HealthProbe(ContainerInfo.HealthProbe.Kind.LIVENESS_PROBE,
                "/bin/true", null);
        ContainerInfo c = new ContainerInfo("id", "", ContainerType.DOCKER, "", "", "", "", "", "", null, null, null, "",
                null, null, null, List.of(hc, live), false, "", null, "", "", null, 0, 0);
        assertEquals("curl -f http://localhost/", c.probe(ContainerInfo.HealthProbe.Kind.HEALTHCHECK).commandLine());
        assertEquals("/bin/true", c.probe(ContainerInfo.HealthProbe.Kind.LIVENESS_PROBE).commandLine());
        assertNull(c.probe(ContainerInfo.HealthProbe.Kind.READINESS_PROBE));
        assertEquals("ReadinessProbe", ContainerInfo.HealthProbe.Kind.READINESS_PROBE.key());
    }

    @Test
    void lookupStatesFollowLibsinspNumbers() {
        assertEquals(ContainerInfo.LookupState.STARTED, ContainerInfo.LookupState.ofCode(0));
        assertEquals(ContainerInfo.LookupState.SUCCESSFUL, ContainerInfo.LookupState.ofCode(1));
        assertEquals(ContainerInfo.LookupState.FAILED, ContainerInfo.LookupState.ofCode(2));
        assertEquals(ContainerInfo.LookupState.SUCCESSFUL, ContainerInfo.LookupState.ofCode(9));
    }
}
