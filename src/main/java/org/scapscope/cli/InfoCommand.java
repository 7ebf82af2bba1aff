package org.scapscope.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.PrintWriter;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import org.scapscope.scap.CaptureInfo;
import org.scapscope.scap.MachineInfo;
import org.scapscope.scap.ScapFile;
import org.scapscope.scap.Section;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code scapscope info}: what a capture is and what is wrong with it. */
@Command(name = "info", mixinStandardHelpOptions = true,
        description = "Print the machine, time span, event and block counts, format version and warnings of a capture.")
final class InfoCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    CaptureOptions capture;

    @Option(names = {"-j", "--json"}, description = "Print as JSON.")
    boolean json;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        capture.quiet = true;
        try (ScapFile scap = capture.open(spec.commandLine().getErr())) {
            CaptureInfo info = scap.info();
            Map<String, Object> m = describe(info);
            if (json) {
                out.println(new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(m));
            } else {
                for (Map.Entry<String, Object> e : m.entrySet()) {
                    Object v = e.getValue();
                    if (v instanceof List<?> list) {
                        if (!list.isEmpty()) {
                            out.println(e.getKey() + ":");
                            for (Object item : list) {
                                out.println("  " + item);
                            }
                        }
                    } else if (v instanceof Map<?, ?> map) {
                        out.println(e.getKey() + ":");
                        for (Map.Entry<?, ?> item : map.entrySet()) {
                            out.printf("  %-14s %s%n", item.getKey(), item.getValue());
                        }
                    } else {
                        out.printf("%-15s %s%n", e.getKey() + ":", v);
                    }
                }
            }
            out.flush();
        }
        return Main.OK;
    }

    private static Map<String, Object> describe(CaptureInfo info) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("file", info.path().toString());
        m.put("size", info.fileSize());
        if (info.compressed()) {
            m.put("compressed", "gzip, " + info.dataSize() + " bytes inflated");
        }
        m.put("format", info.sections().stream().map(Section::version).distinct().collect(Collectors.joining(", ")));
        m.put("sections", info.sections().size());
        if (info.sections().stream().anyMatch(Section::bigEndian)) {
            m.put("byte order", "big-endian");
        }
        MachineInfo mi = info.machine();
        if (mi != null) {
            m.put("host", mi.hostname());
            m.put("cpus", mi.cpus());
            // an unsigned 64-bit count in the format
            m.put("memory", mi.memoryBytes() >= 0 ? (Object) mi.memoryBytes()
                    : new java.math.BigInteger(Long.toUnsignedString(mi.memoryBytes())));
            if (mi.bootTime() > 0) {
                m.put("boot time", Instant.ofEpochSecond(0, mi.bootTime()).toString());
            }
        }
        if (info.firstTs() >= 0) {
            m.put("start", Instant.ofEpochSecond(0, info.firstTs()).toString());
            m.put("end", Instant.ofEpochSecond(0, info.lastTs()).toString());
            m.put("duration", String.format("%.9f s", info.durationNanos() / 1e9));
        }
        m.put("events", info.visibleCount());
        m.put("all events", info.eventCount());
        if (info.stateRecords() > 0) {
            m.put("user records", info.stateRecords());
        }
        m.put("blocks", info.blockCounts());
        m.put("warnings", info.warnings());
        return m;
    }
}
