package org.scapscope.state;

/**
 * The engine behind a container, with the numbers that container records carry in their {@code type}
 * key ({@code sinsp_container_type} of libsinsp, {@code container_type} of the container plugin).
 */
public enum ContainerType {
    DOCKER(0, "docker"),
    LXC(1, "lxc"),
    LIBVIRT_LXC(2, "libvirt-lxc"),
    MESOS(3, "mesos"),
    RKT(4, "rkt"),
    CUSTOM(5, null),
    CRI(6, "cri"),
    CONTAINERD(7, "containerd"),
    CRIO(8, "cri-o"),
    BPM(9, "bpm"),
    STATIC(10, null),
    PODMAN(11, null),
    /** Not a container: the threads of the machine itself. */
    HOST(0xfffe, "host"),
    /** A number no engine has. */
    UNKNOWN(0xffff, null);

    private static final ContainerType[] BY_SMALL_CODE = {
        DOCKER, LXC, LIBVIRT_LXC, MESOS, RKT, CUSTOM, CRI, CONTAINERD, CRIO, BPM, STATIC, PODMAN,
    };

    private final int code;
    private final String label;

    ContainerType(int code, String label) {
        this.code = code;
        this.label = label;
    }

    /** The number container records use for this type. */
    public int code() {
        return code;
    }

    /**
     * What sysdig 0.29.3 prints for {@code container.type}, or null for the types it has no name
     * for: custom, static, podman and unknown. For those sysdig 0.29.3 falls through its switch and
     * prints whatever text the field held from the previous event it formatted; the container plugin
     * of later libs prints {@code podman} for podman and an empty string for the others.
     */
    public String label() {
        return label;
    }

    /**
     * Whether the engine reports a privileged flag ({@code is_docker_compatible}): sysdig prints
     * {@code container.privileged} only for these types, and a null value for the others.
     */
    public boolean isDockerCompatible() {
        return this == DOCKER || this == CRI || this == CONTAINERD || this == CRIO || this == PODMAN;
    }

    /** The type with this number; {@link #UNKNOWN} for numbers no engine has. */
    public static ContainerType ofCode(long code) {
        if (code >= 0 && code < BY_SMALL_CODE.length) {
            return BY_SMALL_CODE[(int) code];
        }
        return code == HOST.code ? HOST : UNKNOWN;
    }
}
