package org.scapscope.store;

import java.time.Duration;
import java.time.Instant;

/**
 * One capture of a store as its listing shows it: the metadata the store holds (or what the capture
 * object and, once downloaded, the capture itself tell, when it has none) and its objects.
 *
 * @param id the capture's id
 * @param captureKey the key of the capture object, or null when only metadata exists (a capture
 *     requested, still being taken, or failed)
 * @param metadataKey the key of the metadata object, or null when there is none
 * @param objectSize bytes of the capture object, or -1 when there is none
 * @param lastModified when the capture object (or else the metadata) was last written
 * @param etag the store's version tag of the capture object, or null
 * @param metadata what is known of the capture; never null
 * @param expiresAt when retention removes it: the metadata's date, else the object's time plus
 *     the store's retention
 */
public record StoredCapture(String id, String captureKey, String metadataKey, long objectSize, Instant lastModified,
                            String etag, CaptureMetadata metadata, Instant expiresAt) {
    /** The name to show: the metadata's, else the id. */
    public String name() {
        return metadata.name() != null && !metadata.name().isBlank() ? metadata.name() : id;
    }

    /** The metadata's status; a capture object with no metadata is {@code ok}, metadata alone with no status is {@code requested}. */
    public CaptureStatus status() {
        if (metadata.status() != null) {
            return metadata.status();
        }
        return captureKey != null ? CaptureStatus.OK : CaptureStatus.REQUESTED;
    }

    public boolean hasData() {
        return captureKey != null;
    }

    /** Whether the capture object is gzip-compressed ({@code ID.scap.gz}). */
    public boolean compressed() {
        return captureKey != null && captureKey.endsWith(".gz");
    }

    /** When the capture began: the metadata's start, else the object's time. */
    public Instant time() {
        return metadata.startTime() != null ? metadata.startTime() : lastModified;
    }

    /** How long it captured, or null when not known. */
    public Duration duration() {
        Double s = metadata.durationSeconds();
        return s == null ? null : Duration.ofNanos(Math.round(s * 1e9));
    }

    public String host() {
        return metadata.host() != null ? metadata.host() : "";
    }

    public String containerId() {
        return metadata.containerId() != null ? metadata.containerId() : "";
    }

    public String triggerText() {
        return metadata.trigger() != null ? metadata.trigger().text() : "";
    }

    public String filter() {
        return metadata.filter() != null ? metadata.filter() : "";
    }

    /** Bytes of the capture: the object's size, else what the metadata says, else 0. */
    public long size() {
        if (objectSize >= 0) {
            return objectSize;
        }
        return metadata.sizeBytes() != null ? metadata.sizeBytes() : 0;
    }

    /** Whether retention has removed it by {@code now}. */
    public boolean expiredAt(Instant now) {
        return expiresAt != null && !expiresAt.isAfter(now);
    }
}
