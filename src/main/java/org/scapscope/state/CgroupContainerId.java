package org.scapscope.state;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The container a thread runs in, found as sysdig 0.29.3 finds it when it reads a capture: from
 * the paths of the thread's cgroups (libsinsp's container engines, {@code container.cpp} and
 * {@code container_engine/*} at libs {@code e5c53d64}).
 *
 * <p>The engines are tried in sysdig's order: podman, docker, cri, lxc, libvirt-lxc, mesos, rkt,
 * bpm. Each engine looks through all the cgroups; the first engine that recognises a container
 * names the thread's container and ends the search, with one exception: the cri engine names the
 * container but lets the later engines try, because it only settles a container after asking the
 * CRI runtime of the machine that reads the capture, and sysdig only reaches one where
 * {@code /run/containerd/containerd.sock} exists. A later engine that recognises something
 * overrides the cri name; when none does, the thread keeps it. (Docker and podman also let later
 * engines try when the table already holds their container with a lookup that did not succeed:
 * {@link Containers#resolve} follows that rule, {@link #find} assumes no such entry.)
 *
 * <p>What the engines look for in a cgroup path:
 * <ul>
 * <li>podman: {@code /libpod-ID.scope}; docker: {@code /ID} at the end or {@code /docker-ID.scope};
 *     cri: {@code /ID} at the end, {@code /crio-ID}, {@code /cri-containerd-ID.scope},
 *     {@code /crio-ID.scope} or {@code :cri-containerd:ID}. ID is 64 hexadecimal digits and the
 *     container id is its first 12. The match is libsinsp's: the last occurrence of the prefix, the
 *     last occurrence of the suffix 64 characters later (anything may follow it), and a hex check
 *     that compares the position of the first non-hex character with 64 as if it were counted from
 *     the start of the id while it is counted from the start of the path, so a long path passes
 *     with non-hex characters near the end of its id.</li>
 * <li>lxc: the path component after {@code /lxc/} or {@code /lxc.payload/}.</li>
 * <li>libvirt-lxc: {@code NAME.libvirt-lxc} at the end of the path, {@code -lxc\x2dNAME.scope}
 *     at the end, or everything after {@code /libvirt/lxc/}.</li>
 * <li>bpm: what follows {@code bpm-} up to {@code .scope} (or the end), when it is made of
 *     letters, digits, {@code .}, {@code _} and {@code -}.</li>
 * </ul>
 * An engine can recognise an empty name ({@code /lxc/} at the end of a path); the thread is then on
 * the host, and the later engines are not tried.
 *
 * <p>Not covered: mesos (its containers count only with a {@code MESOS_TASK_ID}-like variable in
 * the environment of the thread or an ancestor), rkt (it needs the ancestors' environment and
 * arguments, the thread's root, and in capture mode an existing table entry), and podman's rootless
 * rule, which reads {@code /proc} of the machine that reads the capture. None of them is decided by
 * the cgroups alone.
 *
 * @param id the container id; empty for the host
 * @param type the engine that named it; {@link ContainerType#HOST} when none did
 */
public record CgroupContainerId(String id, ContainerType type) {
    /** A thread outside any container. */
    public static final CgroupContainerId HOST = new CgroupContainerId("", ContainerType.HOST);

    /** The engines sysdig reading a capture has, in the order it tries them (mesos and rkt left out). */
    private static final ContainerType[] ENGINES = {
        ContainerType.PODMAN, ContainerType.DOCKER, ContainerType.CRI, ContainerType.LXC,
        ContainerType.LIBVIRT_LXC, ContainerType.BPM,
    };

    private static final int RUNC_ID_LENGTH = 64;
    private static final int SHORT_ID_LENGTH = 12;
    private static final String[][] PODMAN_LAYOUT = {{"/libpod-", ".scope"}};
    private static final String[][] DOCKER_LAYOUT = {{"/", ""}, {"/docker-", ".scope"}};
    private static final String[][] CRI_LAYOUT = {
        {"/", ""}, {"/crio-", ""}, {"/cri-containerd-", ".scope"}, {"/crio-", ".scope"}, {":cri-containerd:", ""},
    };

    public CgroupContainerId {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(type, "type");
    }

    /**
     * The container id sysdig gives a thread with these cgroups, {@code ""} for the host.
     *
     * @param cgroups {@code subsystem=path} strings, as process lists and clone and execve events
     *     carry them
     */
    public static String of(List<String> cgroups) {
        return find(cgroups).id();
    }

    /** The container id and the engine that named it; {@link #HOST} when no engine did. */
    public static CgroupContainerId find(List<String> cgroups) {
        return find(cgroups, c -> c.type() != ContainerType.CRI);
    }

    /** Whether the thread is outside any container. */
    public boolean isHost() {
        return id.isEmpty();
    }

    /** Decides whether an engine that recognised a container ends the search (its resolve() returns true). */
    interface Verdict {
        boolean settles(CgroupContainerId candidate);
    }

    /** Runs the engines in order; each one that recognises a container names it, until one settles. */
    static CgroupContainerId find(List<String> cgroups, Verdict verdict) {
        List<String> paths = paths(cgroups);
        if (paths.isEmpty()) {
            return HOST;
        }
        CgroupContainerId found = HOST;
        for (ContainerType engine : ENGINES) {
            String id = recognise(engine, paths);
            if (id == null) {
                continue;
            }
            if (id.isEmpty()) {
                return HOST;
            }
            found = new CgroupContainerId(id, engine);
            if (verdict.settles(found)) {
                break;
            }
        }
        return found;
    }

    /**
     * The cgroup paths of {@code subsystem=path} entries. libsinsp splits each at its last
     * {@code =} and stops at the first entry that has none.
     */
    static List<String> paths(List<String> cgroups) {
        if (cgroups == null || cgroups.isEmpty()) {
            return List.of();
        }
        List<String> out = new ArrayList<>(cgroups.size());
        for (String entry : cgroups) {
            int eq = entry == null ? -1 : entry.lastIndexOf('=');
            if (eq < 0) {
                break;
            }
            out.add(asBytes(entry.substring(eq + 1)));
        }
        return out;
    }

    private static String recognise(ContainerType engine, List<String> paths) {
        String id;
        switch (engine) {
            case PODMAN: id = runc(paths, PODMAN_LAYOUT); break;
            case DOCKER: id = runc(paths, DOCKER_LAYOUT); break;
            case CRI: id = runc(paths, CRI_LAYOUT); break;
            case LXC: id = lxc(paths); break;
            case LIBVIRT_LXC: id = libvirtLxc(paths); break;
            case BPM: id = bpm(paths); break;
            default: throw new IllegalArgumentException("no cgroup rule for " + engine);
        }
        return id == null ? null : fromBytes(id);
    }

    // ------------------------------------------------------------------ runc: docker, cri, podman

    /** The first cgroup, in order, that matches one of the (prefix, suffix) pairs, tried in order. */
    private static String runc(List<String> paths, String[][] layout) {
        for (String path : paths) {
            for (String[] ps : layout) {
                String id = runcId(path, ps[0], ps[1]);
                if (id != null) {
                    return id;
                }
            }
        }
        return null;
    }

    private static String runcId(String path, String prefix, String suffix) {
        int start = path.lastIndexOf(prefix);
        if (start < 0) {
            return null;
        }
        start += prefix.length();
        int end = path.lastIndexOf(suffix);
        if (end < 0 || end - start != RUNC_ID_LENGTH) {
            return null;
        }
        // libsinsp compares the absolute position of the first non-hex character with the id length.
        int bad = firstNonHex(path, start);
        if (bad >= 0 && bad < RUNC_ID_LENGTH) {
            return null;
        }
        return path.substring(start, start + SHORT_ID_LENGTH);
    }

    private static int firstNonHex(String s, int from) {
        for (int i = from; i < s.length(); i++) {
            char c = s.charAt(i);
            boolean hex = (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
            if (!hex) {
                return i;
            }
        }
        return -1;
    }

    // ------------------------------------------------------------------ lxc

    private static String lxc(List<String> paths) {
        for (String path : paths) {
            String id = component(path, "/lxc/");
            if (id == null) {
                id = component(path, "/lxc.payload/");
            }
            if (id != null) {
                return id;
            }
        }
        return null;
    }

    /** The text after the first {@code marker} up to the next slash, or null without the marker. */
    private static String component(String path, String marker) {
        int pos = path.indexOf(marker);
        if (pos < 0) {
            return null;
        }
        int start = pos + marker.length();
        int end = path.indexOf('/', start);
        return end < 0 ? path.substring(start) : path.substring(start, end);
    }

    // ------------------------------------------------------------------ libvirt-lxc

    private static final String LIBVIRT_SUFFIX = ".libvirt-lxc";
    /** systemd escapes the dash of {@code lxc-NAME} as {@code \x2d}; the name starts after the {@code d}. */
    private static final String LIBVIRT_SYSTEMD = "-lxc\\x2";
    private static final String SCOPE = ".scope";
    private static final String LIBVIRT_LEGACY = "/libvirt/lxc/";

    private static String libvirtLxc(List<String> paths) {
        for (String path : paths) {
            int pos = path.indexOf(LIBVIRT_SUFFIX);
            if (pos >= 0 && pos == path.length() - LIBVIRT_SUFFIX.length()) {
                int slash = path.lastIndexOf('/');
                if (slash >= 0) {
                    return path.substring(slash + 1, pos);
                }
            }
            pos = path.indexOf(LIBVIRT_SYSTEMD);
            if (pos >= 0) {
                int scope = path.indexOf(SCOPE);
                if (scope >= 0 && scope == path.length() - SCOPE.length()) {
                    int start = pos + LIBVIRT_SYSTEMD.length() + 1;
                    // "-lxc\x2.scope" leaves a negative length, which libsinsp's unsigned
                    // arithmetic turns into "to the end".
                    return scope >= start ? path.substring(start, scope) : path.substring(start);
                }
            }
            pos = path.indexOf(LIBVIRT_LEGACY);
            if (pos >= 0) {
                return path.substring(pos + LIBVIRT_LEGACY.length());
            }
        }
        return null;
    }

    // ------------------------------------------------------------------ bpm (Cloud Foundry)

    private static String bpm(List<String> paths) {
        for (String path : paths) {
            int pos = path.indexOf("bpm-");
            if (pos < 0) {
                continue;
            }
            int start = pos + 4;
            int end = path.indexOf(SCOPE, start);
            String id = end < 0 ? path.substring(start) : path.substring(start, end);
            if (!id.isEmpty() && isBpmId(id)) {
                return id;
            }
        }
        return null;
    }

    /** BPM job ids are made of letters, digits, dot, underscore and dash (bpm-release's encoding). */
    private static boolean isBpmId(String id) {
        for (int i = 0; i < id.length(); i++) {
            char c = id.charAt(i);
            boolean ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                    || c == '.' || c == '_' || c == '-';
            if (!ok) {
                return false;
            }
        }
        return true;
    }

    // ------------------------------------------------------------------ byte semantics

    /**
     * libsinsp measures and cuts paths in bytes. Paths are nearly always ASCII; the others are
     * matched as one char per UTF-8 byte so that lengths and positions are libsinsp's.
     */
    private static String asBytes(String s) {
        return isAscii(s) ? s : new String(s.getBytes(StandardCharsets.UTF_8), StandardCharsets.ISO_8859_1);
    }

    private static String fromBytes(String s) {
        return isAscii(s) ? s : new String(s.getBytes(StandardCharsets.ISO_8859_1), StandardCharsets.UTF_8);
    }

    private static boolean isAscii(String s) {
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) >= 0x80) {
                return false;
            }
        }
        return true;
    }
}
