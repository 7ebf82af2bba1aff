package org.scapscope.state;

import java.util.ArrayList;
import java.util.List;

/**
 * The text sysdig 0.29.3 prints for the {@code container.*} fields of a thread, computed from a
 * thread's container id and a {@link Containers} table, so tests can compare our table with
 * sysdig's output. {@code <NA>} is sysdig's null value; {@code *} stands for the stale text sysdig
 * prints for the container types it has no name for.
 */
final class SysdigContainerColumns {
    static final String NA = "<NA>";
    static final String ANY = "*";

    private SysdigContainerColumns() {
    }

    /** id, type, name, image. */
    static List<String> basic(String containerId, Containers table) {
        return full(containerId, table).subList(0, 4);
    }

    /**
     * id, type, name, image, image.id, image.repository, image.tag, image.digest, privileged,
     * mounts, healthcheck, liveness_probe, readiness_probe.
     */
    static List<String> full(String containerId, Containers table) {
        List<String> out = new ArrayList<>();
        if (containerId.isEmpty()) {
            ContainerInfo h = ContainerInfo.HOST;
            out.add(h.id());
            out.add(h.type().label());
            out.add(h.name());
            for (int i = 0; i < 10; i++) {
                out.add(NA);
            }
            return out;
        }
        out.add(containerId);
        ContainerInfo c = table.get(containerId);
        if (c == null) {
            for (int i = 0; i < 12; i++) {
                out.add(NA);
            }
            return out;
        }
        out.add(c.type().label() == null ? ANY : c.type().label());
        out.add(orNa(c.name()));
        out.add(orNa(c.image()));
        out.add(orNa(c.imageId()));
        out.add(orNa(c.imageRepo()));
        out.add(orNa(c.imageTag()));
        out.add(orNa(c.imageDigest()));
        out.add(c.type().isDockerCompatible() ? String.valueOf(Boolean.TRUE.equals(c.privileged())) : NA);
        List<String> mounts = new ArrayList<>();
        for (ContainerInfo.Mount m : c.mounts()) {
            mounts.add(m.text());
        }
        out.add(String.join(",", mounts));
        for (ContainerInfo.HealthProbe.Kind k : ContainerInfo.HealthProbe.Kind.values()) {
            ContainerInfo.HealthProbe p = c.probe(k);
            out.add(p == null ? "NONE" : p.commandLine());
        }
        return out;
    }

    private static String orNa(String s) {
        return s.isEmpty() ? NA : s;
    }

    /** Whether sysdig's columns match ours, {@link #ANY} in ours matching anything. */
    static boolean matches(List<String> ours, List<String> sysdig) {
        if (ours.size() != sysdig.size()) {
            return false;
        }
        for (int i = 0; i < ours.size(); i++) {
            if (!ours.get(i).equals(ANY) && !ours.get(i).equals(sysdig.get(i))) {
                return false;
            }
        }
        return true;
    }
}
