package org.scapscope.state;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ContainerTypeTest {
    @Test
    void codesAreTheOnesRecordsCarry() {
        int[] codes = {0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 0xfffe, 0xffff};
        ContainerType[] types = ContainerType.values();
        assertEquals(codes.length, types.length);
        for (int i = 0; i < codes.length; i++) {
            assertEquals(codes[i], types[i].code());
            assertEquals(types[i], ContainerType.ofCode(codes[i]));
        }
    }

    @Test
    void numbersNoEngineHasAreUnknown() {
        assertEquals(ContainerType.UNKNOWN, ContainerType.ofCode(12));
        assertEquals(ContainerType.UNKNOWN, ContainerType.ofCode(-1));
        assertEquals(ContainerType.UNKNOWN, ContainerType.ofCode(0xfffd));
        assertEquals(ContainerType.UNKNOWN, ContainerType.ofCode(1L << 40));
    }

    @Test
    void labelsAreWhatSysdigPrintsForContainerType() {
        assertEquals("docker", ContainerType.DOCKER.label());
        assertEquals("lxc", ContainerType.LXC.label());
        assertEquals("libvirt-lxc", ContainerType.LIBVIRT_LXC.label());
        assertEquals("mesos", ContainerType.MESOS.label());
        assertEquals("rkt", ContainerType.RKT.label());
        assertEquals("cri", ContainerType.CRI.label());
        assertEquals("containerd", ContainerType.CONTAINERD.label());
        assertEquals("cri-o", ContainerType.CRIO.label());
        assertEquals("bpm", ContainerType.BPM.label());
        assertEquals("host", ContainerType.HOST.label());
        assertNull(ContainerType.PODMAN.label());
        assertNull(ContainerType.CUSTOM.label());
        assertNull(ContainerType.STATIC.label());
        assertNull(ContainerType.UNKNOWN.label());
    }

    @Test
    void privilegedIsKnownForDockerCompatibleTypes() {
        assertTrue(ContainerType.DOCKER.isDockerCompatible());
        assertTrue(ContainerType.PODMAN.isDockerCompatible());
        assertTrue(ContainerType.CRIO.isDockerCompatible());
        assertFalse(ContainerType.LXC.isDockerCompatible());
        assertFalse(ContainerType.HOST.isDockerCompatible());
    }
}
