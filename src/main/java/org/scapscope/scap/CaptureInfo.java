package org.scapscope.scap;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * What {@code scapscope info} reports about a capture.
 *
 * @param path the capture as given
 * @param fileSize bytes on disk
 * @param compressed true for a gzip capture
 * @param dataSize bytes of the (inflated) capture data
 * @param sections the sections, in file order
 * @param machine the machine of the first section, or null
 * @param firstTs time of the first event (ns since the epoch), -1 when there are none
 * @param lastTs time of the latest event
 * @param eventCount events in the capture
 * @param visibleCount events shown by default (internal ones excluded)
 * @param stateRecords user and group records
 * @param blockCounts blocks by type name
 * @param warnings what was wrong with the file (truncation, corruption, unknown blocks)
 */
public record CaptureInfo(Path path, long fileSize, boolean compressed, long dataSize, List<Section> sections,
                          MachineInfo machine, long firstTs, long lastTs, long eventCount, long visibleCount,
                          long stateRecords, Map<String, Long> blockCounts, List<String> warnings) {
    public long durationNanos() {
        return firstTs < 0 ? 0 : lastTs - firstTs;
    }
}
