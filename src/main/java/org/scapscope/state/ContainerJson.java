package org.scapscope.state;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Reads the JSON of container records: {@code {"container": {...}}}, as written by libsinsp's
 * {@code container_to_json} (events 272 and 324) and by the container plugin (async events 402).
 *
 * <p>Values are taken the way libsinsp 0.29.3 takes them ({@code parse_container_json_evt}, which
 * checks jsoncpp's {@code isConvertibleTo} before each read): a text field also accepts a number or
 * a boolean, a number field a boolean, a flag a number; a value of the wrong kind leaves the default.
 * Where libsinsp would abort the whole read (a label holding an object, a mount that is not an
 * object) the value is skipped instead.
 */
final class ContainerJson {
    /** jsoncpp, which libsinsp uses, accepts comments and ignores what follows the first value. */
    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .enable(JsonReadFeature.ALLOW_JAVA_COMMENTS)
            .build();

    private ContainerJson() {
    }

    /**
     * The container a record describes, or null when the text is not JSON, has no
     * {@code container} object, or that object has no id.
     */
    static ContainerInfo parse(String json) {
        JsonNode c = containerNode(json);
        if (c == null) {
            return null;
        }
        String id = text(c.get("id"));
        if (id == null || id.isEmpty()) {
            return null;
        }
        Long type = unsigned32(c.get("type"));
        Long lookup = unsigned32(c.get("lookup_state"));
        ContainerInfo.LookupState state = lookup == null ? ContainerInfo.LookupState.SUCCESSFUL
                : ContainerInfo.LookupState.ofCode(lookup);
        // A capture holds no lookup that could still finish: libsinsp reads "started" as failed.
        if (state == ContainerInfo.LookupState.STARTED) {
            state = ContainerInfo.LookupState.FAILED;
        }
        Long created = int64(c.get("created_time"));
        Long deadline = unsigned64(c.get("metadata_deadline"));
        return new ContainerInfo(id,
                textOr(c.get("full_id")),
                type == null ? ContainerType.UNKNOWN : ContainerType.ofCode(type),
                textOr(c.get("name")),
                textOr(c.get("image")),
                textOr(c.get("imageid")),
                textOr(c.get("imagerepo")),
                textOr(c.get("imagetag")),
                textOr(c.get("imagedigest")),
                bool(c.get("privileged")),
                mounts(c.get("Mounts")),
                labels(c.get("labels")),
                textOr(c.get("ip")),
                portMappings(c.get("port_mappings")),
                env(c.get("env")),
                limits(c),
                probes(c),
                Boolean.TRUE.equals(bool(c.get("is_pod_sandbox"))),
                textOr(c.get("pod_sandbox_id")),
                labels(c.get("pod_sandbox_labels")),
                textOr(c.get("User")),
                textOr(c.get("mesos_task_id")),
                state,
                created == null ? 0 : created,
                deadline == null ? 0 : deadline);
    }

    /** The id a record names, or null when it names none. */
    static String idOf(String json) {
        JsonNode c = containerNode(json);
        String id = c == null ? null : text(c.get("id"));
        return id == null || id.isEmpty() ? null : id;
    }

    private static JsonNode containerNode(String json) {
        if (json == null || json.isEmpty()) {
            return null;
        }
        JsonNode root;
        try {
            root = MAPPER.readTree(json);
        } catch (JacksonException e) {
            return null;
        }
        if (root == null || !root.isObject()) {
            return null;
        }
        JsonNode c = root.get("container");
        return c != null && c.isObject() ? c : null;
    }

    // ------------------------------------------------------------------ compound values

    private static List<ContainerInfo.Mount> mounts(JsonNode n) {
        if (n == null || !n.isArray()) {
            return List.of();
        }
        List<ContainerInfo.Mount> out = new ArrayList<>(n.size());
        for (JsonNode m : n) {
            if (m.isNull()) {
                out.add(new ContainerInfo.Mount("", "", "", false, ""));
            } else if (m.isObject()) {
                JsonNode rw = m.get("RW");
                out.add(new ContainerInfo.Mount(string(m.get("Source")), string(m.get("Destination")),
                        string(m.get("Mode")), rw != null && rw.isBoolean() && rw.booleanValue(),
                        string(m.get("Propagation"))));
            }
        }
        return out;
    }

    private static Map<String, String> labels(JsonNode n) {
        if (n == null || !n.isObject()) {
            return Map.of();
        }
        Map<String, String> out = new TreeMap<>();
        for (Map.Entry<String, JsonNode> e : n.properties()) {
            JsonNode v = e.getValue();
            if (v.isNull()) {
                out.put(e.getKey(), "");
            } else {
                String s = text(v);
                if (s != null) {
                    out.put(e.getKey(), s);
                }
            }
        }
        return out;
    }

    private static List<ContainerInfo.PortMapping> portMappings(JsonNode n) {
        if (n == null || !n.isArray()) {
            return List.of();
        }
        List<ContainerInfo.PortMapping> out = new ArrayList<>(n.size());
        for (JsonNode m : n) {
            if (m.isNull()) {
                out.add(new ContainerInfo.PortMapping(0, 0, 0));
            } else if (m.isObject()) {
                Integer ip = int32(m.get("HostIp"));
                Integer hostPort = int32(m.get("HostPort"));
                Integer containerPort = int32(m.get("ContainerPort"));
                out.add(new ContainerInfo.PortMapping(ip == null ? 0 : ip & 0xFFFF_FFFFL,
                        hostPort == null ? 0 : hostPort & 0xFFFF, containerPort == null ? 0 : containerPort & 0xFFFF));
            }
        }
        return out;
    }

    /** Text items of {@code env}; jsoncpp iterates the values of an object as it does the items of an array. */
    private static List<String> env(JsonNode n) {
        if (n == null || !n.isContainerNode()) {
            return List.of();
        }
        List<String> out = new ArrayList<>();
        for (JsonNode v : n) {
            if (v.isTextual()) {
                out.add(v.textValue());
            }
        }
        return out;
    }

    private static ContainerInfo.ResourceLimits limits(JsonNode c) {
        ContainerInfo.ResourceLimits d = ContainerInfo.ResourceLimits.DEFAULT;
        Long memory = int64(c.get("memory_limit"));
        Long swap = int64(c.get("swap_limit"));
        Long shares = int64(c.get("cpu_shares"));
        Long quota = int64(c.get("cpu_quota"));
        Long period = int64(c.get("cpu_period"));
        Integer cpus = int32(c.get("cpuset_cpu_count"));
        return new ContainerInfo.ResourceLimits(memory == null ? d.memory() : memory, swap == null ? d.swap() : swap,
                shares == null ? d.cpuShares() : shares, quota == null ? d.cpuQuota() : quota,
                period == null ? d.cpuPeriod() : period, cpus == null ? d.cpusetCpuCount() : cpus);
    }

    private static List<ContainerInfo.HealthProbe> probes(JsonNode c) {
        List<ContainerInfo.HealthProbe> out = new ArrayList<>(0);
        for (ContainerInfo.HealthProbe.Kind kind : ContainerInfo.HealthProbe.Kind.values()) {
            JsonNode p = c.get(kind.key());
            if (p == null || !p.isObject()) {
                continue;
            }
            String exe = text(p.get("exe"));
            if (exe == null) {
                continue;
            }
            List<String> args = new ArrayList<>();
            JsonNode a = p.get("args");
            if (a != null && a.isArray()) {
                for (JsonNode item : a) {
                    // jsoncpp converts null to an empty string
                    String s = item.isNull() ? "" : text(item);
                    if (s != null) {
                        args.add(s);
                    }
                }
            }
            out.add(new ContainerInfo.HealthProbe(kind, exe, args));
        }
        return out;
    }

    // ------------------------------------------------------------------ scalars, as jsoncpp converts them

    /** Text of a string, number or boolean; null for null, missing, arrays and objects. */
    private static String text(JsonNode n) {
        if (n == null) {
            return null;
        }
        if (n.isTextual()) {
            return n.textValue();
        }
        return n.isNumber() || n.isBoolean() ? n.asText() : null;
    }

    private static String textOr(JsonNode n) {
        String s = text(n);
        return s == null ? "" : s;
    }

    /** A string value only (mount fields accept nothing else), else empty. */
    private static String string(JsonNode n) {
        return n != null && n.isTextual() ? n.textValue() : "";
    }

    private static Boolean bool(JsonNode n) {
        if (n == null) {
            return null;
        }
        if (n.isBoolean()) {
            return n.booleanValue();
        }
        return n.isNumber() ? n.doubleValue() != 0 : null;
    }

    private static Long unsigned32(JsonNode n) {
        if (n == null) {
            return null;
        }
        if (n.isIntegralNumber()) {
            if (!n.canConvertToLong()) {
                return null;
            }
            long v = n.longValue();
            return v >= 0 && v <= 0xFFFF_FFFFL ? v : null;
        }
        if (n.isFloatingPointNumber()) {
            double d = n.doubleValue();
            return d >= 0 && d <= 0xFFFF_FFFFL ? (long) d : null;
        }
        return n.isBoolean() ? (n.booleanValue() ? 1L : 0L) : null;
    }

    private static Integer int32(JsonNode n) {
        if (n == null) {
            return null;
        }
        if (n.isIntegralNumber()) {
            return n.canConvertToInt() ? n.intValue() : null;
        }
        if (n.isFloatingPointNumber()) {
            double d = n.doubleValue();
            return d >= Integer.MIN_VALUE && d <= Integer.MAX_VALUE ? (int) d : null;
        }
        return n.isBoolean() ? (n.booleanValue() ? 1 : 0) : null;
    }

    /** jsoncpp's {@code isInt64}: integers in range and integral reals; no booleans. */
    private static Long int64(JsonNode n) {
        if (n == null) {
            return null;
        }
        if (n.isIntegralNumber()) {
            return n.canConvertToLong() ? n.longValue() : null;
        }
        if (n.isFloatingPointNumber()) {
            double d = n.doubleValue();
            boolean inRange = d >= -0x1p63 && d < 0x1p63;
            return inRange && d == Math.rint(d) ? (long) d : null;
        }
        return null;
    }

    /** jsoncpp's {@code isUInt64}, kept in a long as an unsigned value. */
    private static Long unsigned64(JsonNode n) {
        if (n == null) {
            return null;
        }
        if (n.isIntegralNumber()) {
            BigInteger v = n.bigIntegerValue();
            return v.signum() >= 0 && v.bitLength() <= 64 ? v.longValue() : null;
        }
        if (n.isFloatingPointNumber()) {
            double d = n.doubleValue();
            if (d >= 0 && d < 0x1p64 && d == Math.rint(d)) {
                return d < 0x1p63 ? (long) d : new BigDecimal(d).toBigInteger().longValue();
            }
        }
        return null;
    }
}
