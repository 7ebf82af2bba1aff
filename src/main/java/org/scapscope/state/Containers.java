package org.scapscope.state;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.scapscope.scap.EventTypes;
import org.scapscope.scap.ScapEvent;

/**
 * The containers of a capture, by id. A capture has no container block: writers put one container
 * record per known container right after the metadata blocks and more as containers appear or their
 * lookups complete, so the last record for an id wins. The records are
 * <ul>
 * <li>{@code PPME_CONTAINER_E} (228, 2014 to 2016): id, type, name and image;</li>
 * <li>{@code PPME_CONTAINER_JSON_E} (272) and {@code PPME_CONTAINER_JSON_2_E} (324): JSON;</li>
 * <li>{@code PPME_ASYNCEVENT_E} (402) named {@code container} (JSON, added) or
 *     {@code container_removed} (JSON of the container that went away), from the container plugin.</li>
 * </ul>
 * Besides records, sysdig makes a bare entry (id and type; for lxc, libvirt-lxc and bpm the id as
 * name too) when a thread's cgroups name a container the table lacks: see {@link #resolve}.
 *
 * <p>Not thread-safe; the state layer applies events in order. {@link #copy()} gives an independent table.
 */
public final class Containers {
    private final LinkedHashMap<String, ContainerInfo> byId;
    /**
     * The (id, engine) pairs that have had an entry, as libsinsp's lookup table: an lxc, libvirt-lxc
     * or bpm thread makes a bare entry only when its pair has had none.
     */
    private final HashMap<String, Set<ContainerType>> looked;
    /**
     * The entry each container record put in the table, by the record's text: agents repeat the
     * same records, and parsing one again is skipped while its entry stands.
     */
    private final HashMap<String, ContainerInfo> fromRecord = new HashMap<>();
    private static final int MAX_REMEMBERED = 4096;
    /** The last few JSON records applied, as their bytes in the capture, and the entries they put. */
    private final Recent[] recent = new Recent[8];
    private int nextRecent;

    private record Recent(byte[] record, ContainerInfo entry) {
    }
    /** Changes with every change to the table. */
    private int version;
    /** Each container's IPv4 address (network order, 0 for none), read for the table's {@link #ipv4Version}. */
    private HashMap<String, Integer> ipv4ById;
    private int[] ipv4s;
    private int ipv4Version = -1;

    public Containers() {
        this.byId = new LinkedHashMap<>();
        this.looked = new HashMap<>();
    }

    private Containers(Containers from) {
        this.byId = new LinkedHashMap<>(from.byId);
        this.looked = new HashMap<>(from.looked.size() * 2);
        for (Map.Entry<String, Set<ContainerType>> e : from.looked.entrySet()) {
            this.looked.put(e.getKey(), EnumSet.copyOf(e.getValue()));
        }
    }

    /**
     * Applies a container event; returns whether it was one (types 228, 272, 324, and 402 named
     * {@code container} or {@code container_removed}).
     */
    public boolean apply(ScapEvent e) {
        int type = e.type();
        switch (type) {
            case EventTypes.CONTAINER_E:
                if (e.paramCount() < 4) {
                    return true;
                }
                applyLegacy(e.paramAsString(0), (int) e.paramAsLong(1), e.paramAsString(2), e.paramAsString(3));
                return true;
            case EventTypes.CONTAINER_JSON_E:
            case EventTypes.CONTAINER_JSON_2_E:
                if (e.paramCount() >= 1 && !repeats(e)) {
                    byte[] record = e.paramBytes(0);
                    ContainerInfo c = applyRecord(ScapEvent.text(record));
                    if (c != null) {
                        recent[nextRecent] = new Recent(record, c);
                        nextRecent = (nextRecent + 1) % recent.length;
                    }
                }
                return true;
            case EventTypes.ASYNCEVENT_E:
                if (e.paramCount() < 3) {
                    return false;
                }
                String name = e.paramAsString(1);
                if ("container".equals(name)) {
                    applyJson(e.paramAsString(2));
                    return true;
                }
                if ("container_removed".equals(name)) {
                    applyRemoved(e.paramAsString(2));
                    return true;
                }
                return false;
            default:
                return false;
        }
    }

    /**
     * Applies a JSON container record ({@code {"container": {...}}}). A record that is not JSON, or
     * names no container id, changes nothing.
     */
    public void applyJson(String json) {
        applyRecord(json);
    }

    /** Applies a JSON container record; returns the entry it stands for, or null when it names none. */
    private ContainerInfo applyRecord(String json) {
        ContainerInfo before = fromRecord.get(json);
        if (before != null && byId.get(before.id()) == before) {
            return before; // the same record again, and what it put is still there: nothing changes
        }
        ContainerInfo c = ContainerJson.parse(json);
        if (c != null) {
            put(c);
            if (fromRecord.size() >= MAX_REMEMBERED) {
                fromRecord.clear();
            }
            fromRecord.put(json, c);
        }
        return c;
    }

    /**
     * Whether the event's record is, byte for byte, one of the last few applied, whose entry still
     * stands: then it changes nothing, and is not even decoded.
     */
    private boolean repeats(ScapEvent e) {
        for (Recent r : recent) {
            if (r != null && e.paramEquals(0, r.record()) && byId.get(r.entry().id()) == r.entry()) {
                return true;
            }
        }
        return false;
    }

    /** Removes the container a {@code container_removed} record names; nothing when it names none. */
    public void applyRemoved(String json) {
        String id = ContainerJson.idOf(json);
        if (id != null) {
            byId.remove(id);
            version++;
        }
    }

    /** Applies an old {@code PPME_CONTAINER_E} record (228): everything but these four at the defaults. */
    public void applyLegacy(String id, int type, String name, String image) {
        if (id == null || id.isEmpty()) {
            return;
        }
        put(ContainerInfo.bare(id, ContainerType.ofCode(type & 0xFFFF_FFFFL), name, image));
    }

    /**
     * The container of a thread with these cgroups, found as sysdig finds it when it reads a capture
     * (see {@link CgroupContainerId}), with the effects of sysdig's engines on the table: a docker
     * or podman container the table lacks gets a bare entry; one the table holds with an unfinished
     * or failed lookup lets the later engines try; an lxc, libvirt-lxc or bpm container gets a bare
     * entry named by its id unless the table has had an entry for that id and engine (such an entry
     * replaces a record of another engine for the id).
     *
     * <p>sysdig does this for every thread of the process list, before it reads any event, and again
     * for a thread's clone, execve and chroot exits.
     */
    public CgroupContainerId resolve(List<String> cgroups) {
        return CgroupContainerId.find(cgroups, this::settles);
    }

    private boolean settles(CgroupContainerId c) {
        switch (c.type()) {
            case DOCKER:
            case PODMAN: {
                ContainerInfo known = byId.get(c.id());
                if (known == null) {
                    put(ContainerInfo.bare(c.id(), c.type(), "", ""));
                    return true;
                }
                return known.isSuccessful();
            }
            case CRI:
                // Without a CRI runtime on the reading machine the engine names the container and
                // neither records nor settles it.
                return false;
            default: {
                Set<ContainerType> engines = looked.get(c.id());
                if (engines == null || !engines.contains(c.type())) {
                    put(ContainerInfo.bare(c.id(), c.type(), c.id(), ""));
                }
                return true;
            }
        }
    }

    /**
     * The IPv4 address of a container (network order; 0 when its record gives none), or null when
     * the table has no such container. Addresses are read once for each state of the table: every
     * event on a socket may ask.
     */
    public Integer ipv4Of(String id) {
        readIpv4s();
        return ipv4ById.get(id);
    }

    /** Whether any container has this IPv4 address (network order; 0 for a container that gives none). */
    public boolean anyHasIpv4(int addr) {
        readIpv4s();
        for (int ip : ipv4s) {
            if (ip == addr) {
                return true;
            }
        }
        return false;
    }

    private void readIpv4s() {
        if (ipv4ById != null && ipv4Version == version) {
            return;
        }
        ipv4ById = new HashMap<>(byId.size() * 2);
        ipv4s = new int[byId.size()];
        int k = 0;
        for (ContainerInfo c : byId.values()) {
            int ip = ipv4(c.ip());
            ipv4ById.put(c.id(), ip);
            ipv4s[k++] = ip;
        }
        ipv4Version = version;
    }

    /** A dotted IPv4 address in network order, 0 when it is empty or not one. */
    private static int ipv4(String ip) {
        if (ip == null || ip.isEmpty()) {
            return 0;
        }
        String[] parts = ip.split("\\.");
        if (parts.length != 4) {
            return 0;
        }
        try {
            int raw = 0;
            for (int k = 0; k < 4; k++) {
                raw |= (Integer.parseInt(parts[k]) & 0xFF) << (8 * k);
            }
            return raw;
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    /** A number that changes whenever the table changes. */
    public int version() {
        return version;
    }

    private void put(ContainerInfo c) {
        version++;
        byId.put(c.id(), c);
        looked.computeIfAbsent(c.id(), k -> EnumSet.noneOf(ContainerType.class)).add(c.type());
    }

    /** The container with this id, or null when the capture has not described it. */
    public ContainerInfo get(String id) {
        return byId.get(id);
    }

    /** The containers, in the order they first appeared. */
    public Collection<ContainerInfo> all() {
        return List.copyOf(byId.values());
    }

    /** The containers, as the table holds them now: for reading while no event is applied. */
    Collection<ContainerInfo> current() {
        return java.util.Collections.unmodifiableCollection(byId.values());
    }

    public int size() {
        return byId.size();
    }

    private static final com.fasterxml.jackson.databind.ObjectMapper CODEC = new com.fasterxml.jackson.databind.ObjectMapper()
            .configure(com.fasterxml.jackson.databind.DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

    /** The table as bytes, for state checkpoints: written again only once the table has changed. */
    byte[] toBytes() {
        if (written != null && writtenVersion == version) {
            return written;
        }
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("containers", new ArrayList<>(byId.values()));
        doc.put("looked", looked);
        try {
            written = CODEC.writeValueAsBytes(doc);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("the container table cannot be written", e);
        }
        writtenVersion = version;
        return written;
    }

    /** The bytes {@link #toBytes} last gave, and the table's version then; never handed out to change. */
    private byte[] written;
    private int writtenVersion;

    /** A table read back from {@link #toBytes()}. */
    static Containers fromBytes(byte[] bytes) throws IOException {
        com.fasterxml.jackson.databind.JsonNode doc = CODEC.readTree(bytes);
        Containers c = new Containers();
        for (com.fasterxml.jackson.databind.JsonNode n : doc.path("containers")) {
            ContainerInfo info = CODEC.treeToValue(n, ContainerInfo.class);
            c.byId.put(info.id(), info);
        }
        doc.path("looked").fields().forEachRemaining(e -> {
            Set<ContainerType> types = EnumSet.noneOf(ContainerType.class);
            for (com.fasterxml.jackson.databind.JsonNode t : e.getValue()) {
                types.add(ContainerType.valueOf(t.asText()));
            }
            c.looked.put(e.getKey(), types);
        });
        return c;
    }

    /** An independent copy (the entries are immutable, so the copy shares them). */
    public Containers copy() {
        return new Containers(this);
    }

    @Override
    public String toString() {
        List<String> ids = new ArrayList<>(byId.keySet());
        return "Containers" + ids;
    }
}
