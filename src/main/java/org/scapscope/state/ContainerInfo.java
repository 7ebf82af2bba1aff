package org.scapscope.state;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * What a capture tells about one container: the last container record written for its id (see
 * {@link Containers}), or the bare entry sysdig makes when a thread's cgroups name a container that
 * no record describes.
 *
 * <p>Text fields a record leaves out are empty strings, never null; sysdig prints an empty text as
 * the null value ({@code <NA>}) for {@code container.name}, {@code container.image} and the image
 * fields. The numeric defaults are sysdig's ({@code sinsp_container_info}'s constructor).
 *
 * @param id the short id (12 characters for docker, cri and podman; the cgroup name for lxc, bpm...)
 * @param fullId the full id, empty when the record has none (records before 2019)
 * @param type the engine
 * @param name the container name
 * @param image the image as the engine names it ({@code nginx:latest})
 * @param imageId the image id
 * @param imageRepo the image repository ({@code nginx})
 * @param imageTag the image tag ({@code latest})
 * @param imageDigest the image digest ({@code sha256:...})
 * @param privileged whether the container runs privileged; null when the record does not say (sysdig
 *     0.29.3 then prints false for docker-compatible types, and the null value for the others)
 * @param mounts the mounts in record order
 * @param labels the labels, sorted by key as sysdig keeps them (an unmodifiable sorted map)
 * @param ip the container's IPv4 address as the record writes it ({@code 172.17.0.2}), empty when none
 * @param portMappings the published ports
 * @param env the environment variables the record keeps (writers keep only Mesos and Marathon ones)
 * @param limits the resource limits
 * @param healthProbes the health check and Kubernetes probes, in the order healthcheck, liveness,
 *     readiness
 * @param isPodSandbox whether the container is a Kubernetes pod sandbox (the {@code pause} container)
 * @param podSandboxId the id of the pod sandbox the container belongs to (container plugin records)
 * @param podSandboxLabels the labels of that pod sandbox (container plugin records)
 * @param user the user the container runs as (container plugin records)
 * @param mesosTaskId the Mesos task id (old records)
 * @param lookupState how the writer's metadata lookup ended
 * @param createdTime when the container was created, in seconds since the epoch, 0 when unknown
 * @param metadataDeadline the writer's metadata deadline (an agent setting), 0 when none
 */
public record ContainerInfo(String id, String fullId, ContainerType type, String name, String image,
                            String imageId, String imageRepo, String imageTag, String imageDigest,
                            Boolean privileged, List<Mount> mounts, Map<String, String> labels, String ip,
                            List<PortMapping> portMappings, List<String> env, ResourceLimits limits,
                            List<HealthProbe> healthProbes, boolean isPodSandbox, String podSandboxId,
                            Map<String, String> podSandboxLabels, String user, String mesosTaskId,
                            LookupState lookupState, long createdTime, long metadataDeadline) {

    /**
     * The machine itself, for threads outside any container. sysdig prints {@code host} for
     * {@code container.id}, {@code container.name} and {@code container.type} of such threads and the
     * null value for every other {@code container.*} field; the host is not an entry of the
     * container table.
     */
    public static final ContainerInfo HOST = bare("host", ContainerType.HOST, "host", "");

    public ContainerInfo {
        id = Objects.requireNonNull(id, "id");
        fullId = Objects.requireNonNullElse(fullId, "");
        type = Objects.requireNonNullElse(type, ContainerType.UNKNOWN);
        name = Objects.requireNonNullElse(name, "");
        image = Objects.requireNonNullElse(image, "");
        imageId = Objects.requireNonNullElse(imageId, "");
        imageRepo = Objects.requireNonNullElse(imageRepo, "");
        imageTag = Objects.requireNonNullElse(imageTag, "");
        imageDigest = Objects.requireNonNullElse(imageDigest, "");
        mounts = mounts == null ? List.of() : List.copyOf(mounts);
        labels = sortedCopy(labels);
        ip = Objects.requireNonNullElse(ip, "");
        portMappings = portMappings == null ? List.of() : List.copyOf(portMappings);
        env = env == null ? List.of() : List.copyOf(env);
        limits = Objects.requireNonNullElse(limits, ResourceLimits.DEFAULT);
        healthProbes = healthProbes == null ? List.of() : List.copyOf(healthProbes);
        podSandboxId = Objects.requireNonNullElse(podSandboxId, "");
        podSandboxLabels = sortedCopy(podSandboxLabels);
        user = Objects.requireNonNullElse(user, "");
        mesosTaskId = Objects.requireNonNullElse(mesosTaskId, "");
        lookupState = Objects.requireNonNullElse(lookupState, LookupState.SUCCESSFUL);
    }

    /** A container known only by id, type, name and image: everything else at sysdig's defaults. */
    static ContainerInfo bare(String id, ContainerType type, String name, String image) {
        return new ContainerInfo(id, "", type, name, image, "", "", "", "", null, null, null, "", null, null,
                ResourceLimits.DEFAULT, null, false, "", null, "", "", LookupState.SUCCESSFUL, 0, 0);
    }

    /** Whether the metadata lookup of the writer completed, so the record is the full description. */
    public boolean isSuccessful() {
        return lookupState == LookupState.SUCCESSFUL;
    }

    /** The probe of a kind, or null when the container has none. */
    public HealthProbe probe(HealthProbe.Kind kind) {
        for (HealthProbe p : healthProbes) {
            if (p.kind() == kind) {
                return p;
            }
        }
        return null;
    }

    private static SortedMap<String, String> sortedCopy(Map<String, String> map) {
        if (map == null || map.isEmpty()) {
            return Collections.emptySortedMap();
        }
        return Collections.unmodifiableSortedMap(new TreeMap<>(map));
    }

    /** How the writer's metadata lookup ended ({@code sinsp_container_lookup_state}). */
    public enum LookupState {
        /** Still running when the record was written; sysdig reads it from a capture as failed. */
        STARTED,
        SUCCESSFUL,
        FAILED;

        /** The state with this number; numbers out of range read as successful, as in libsinsp. */
        static LookupState ofCode(long code) {
            if (code == 0) {
                return STARTED;
            }
            return code == 2 ? FAILED : SUCCESSFUL;
        }
    }

    /**
     * One mount of the container ({@code Mounts[]} of the record, as docker inspect gives them).
     *
     * @param source the host path or volume
     * @param destination the path inside the container
     * @param mode the mount mode ({@code ro}, {@code z}, ...), often empty
     * @param rw whether the mount is writable
     * @param propagation the mount propagation ({@code rprivate}, ...)
     */
    public record Mount(String source, String destination, String mode, boolean rw, String propagation) {
        public Mount {
            source = Objects.requireNonNullElse(source, "");
            destination = Objects.requireNonNullElse(destination, "");
            mode = Objects.requireNonNullElse(mode, "");
            propagation = Objects.requireNonNullElse(propagation, "");
        }

        /** The mount as sysdig prints it in {@code container.mounts}: {@code source:dest:mode:rw:propagation}. */
        public String text() {
            return source + ':' + destination + ':' + mode + ':' + rw + ':' + propagation;
        }
    }

    /**
     * A published port.
     *
     * @param hostIp the host address as an unsigned 32-bit number, 0 for all addresses
     * @param hostPort the host port
     * @param containerPort the port inside the container
     */
    public record PortMapping(long hostIp, int hostPort, int containerPort) {
    }

    /**
     * The container's resource limits as its record gives them.
     *
     * @param memory memory limit in bytes, 0 for none
     * @param swap memory plus swap limit in bytes, 0 for none
     * @param cpuShares relative CPU weight (1024 by default)
     * @param cpuQuota CFS quota in microseconds per period, 0 for none
     * @param cpuPeriod CFS period in microseconds (100000 by default)
     * @param cpusetCpuCount number of CPUs the container may run on, 0 when not limited
     */
    public record ResourceLimits(long memory, long swap, long cpuShares, long cpuQuota, long cpuPeriod,
                                 int cpusetCpuCount) {
        public static final ResourceLimits DEFAULT = new ResourceLimits(0, 0, 1024, 0, 100000, 0);
    }

    /**
     * A command the engine runs inside the container to check its health. A thread running exactly
     * this executable with these arguments, outside the container's init, is a probe thread.
     *
     * @param kind which probe
     * @param exe the executable
     * @param args the arguments after the executable
     */
    public record HealthProbe(Kind kind, String exe, List<String> args) {
        public HealthProbe {
            Objects.requireNonNull(kind, "kind");
            exe = Objects.requireNonNullElse(exe, "");
            args = args == null ? List.of() : List.copyOf(args);
        }

        /** The command line as sysdig prints it for {@code container.healthcheck} and the probe fields. */
        public String commandLine() {
            StringBuilder b = new StringBuilder(exe);
            for (String a : args) {
                b.append(' ').append(a);
            }
            return b.toString();
        }

        /** The kinds of probe, with the key that holds each in a container record. */
        public enum Kind {
            /** Docker's {@code HEALTHCHECK}. */
            HEALTHCHECK("Healthcheck"),
            /** Kubernetes' liveness probe. */
            LIVENESS_PROBE("LivenessProbe"),
            /** Kubernetes' readiness probe. */
            READINESS_PROBE("ReadinessProbe");

            private final String key;

            Kind(String key) {
                this.key = key;
            }

            /** The record key of this probe. */
            public String key() {
                return key;
            }
        }
    }
}
