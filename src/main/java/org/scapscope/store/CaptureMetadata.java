package org.scapscope.store;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.time.Instant;

/**
 * What the {@code ID.json} object beside a capture says of it. Every field may be absent: an agent
 * writes what it knows, and a capture dropped in by hand has no metadata at all. Fields this
 * version does not know are ignored.
 *
 * @param id the capture's id, the name of its objects without extension
 * @param name what the analyst or the agent called it
 * @param host the machine it was taken on
 * @param containerId the container it was about, when one
 * @param trigger what started it
 * @param filter the filter the capture was taken with
 * @param startTime when capturing began
 * @param durationSeconds how long it captured
 * @param status where it is in its life
 * @param error what went wrong, when {@code status} is {@code error}
 * @param sizeBytes the size of the capture object
 * @param sha256 the SHA-256 of the capture object, in hex
 * @param createdAt when the capture was stored
 * @param expiresAt when the store's retention deletes it
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonPropertyOrder({"id", "name", "host", "containerId", "trigger", "filter", "startTime", "durationSeconds", "status",
    "error", "sizeBytes", "sha256", "createdAt", "expiresAt"})
public record CaptureMetadata(String id, String name, String host, String containerId, Trigger trigger, String filter,
                              Instant startTime, Double durationSeconds, CaptureStatus status, String error,
                              Long sizeBytes, String sha256, Instant createdAt, Instant expiresAt) {
    public static final CaptureMetadata EMPTY = new CaptureMetadata(null, null, null, null, null, null, null, null,
            null, null, null, null, null, null);

    public CaptureMetadata withId(String v) {
        return new CaptureMetadata(v, name, host, containerId, trigger, filter, startTime, durationSeconds, status,
                error, sizeBytes, sha256, createdAt, expiresAt);
    }

    public CaptureMetadata withName(String v) {
        return new CaptureMetadata(id, v, host, containerId, trigger, filter, startTime, durationSeconds, status,
                error, sizeBytes, sha256, createdAt, expiresAt);
    }

    public CaptureMetadata withHost(String v) {
        return new CaptureMetadata(id, name, v, containerId, trigger, filter, startTime, durationSeconds, status,
                error, sizeBytes, sha256, createdAt, expiresAt);
    }

    public CaptureMetadata withContainerId(String v) {
        return new CaptureMetadata(id, name, host, v, trigger, filter, startTime, durationSeconds, status,
                error, sizeBytes, sha256, createdAt, expiresAt);
    }

    public CaptureMetadata withTrigger(Trigger v) {
        return new CaptureMetadata(id, name, host, containerId, v, filter, startTime, durationSeconds, status,
                error, sizeBytes, sha256, createdAt, expiresAt);
    }

    public CaptureMetadata withFilter(String v) {
        return new CaptureMetadata(id, name, host, containerId, trigger, v, startTime, durationSeconds, status,
                error, sizeBytes, sha256, createdAt, expiresAt);
    }

    public CaptureMetadata withTimes(Instant start, Double seconds) {
        return new CaptureMetadata(id, name, host, containerId, trigger, filter, start, seconds, status,
                error, sizeBytes, sha256, createdAt, expiresAt);
    }

    public CaptureMetadata withStatus(CaptureStatus v, String message) {
        return new CaptureMetadata(id, name, host, containerId, trigger, filter, startTime, durationSeconds, v,
                message, sizeBytes, sha256, createdAt, expiresAt);
    }

    public CaptureMetadata withContent(long size, String hash) {
        return new CaptureMetadata(id, name, host, containerId, trigger, filter, startTime, durationSeconds, status,
                error, size, hash, createdAt, expiresAt);
    }

    public CaptureMetadata withLifetime(Instant created, Instant expires) {
        return new CaptureMetadata(id, name, host, containerId, trigger, filter, startTime, durationSeconds, status,
                error, sizeBytes, sha256, created, expires);
    }

    /** This metadata with the gaps filled from {@code other}: what this one says wins. */
    public CaptureMetadata orElse(CaptureMetadata other) {
        return new CaptureMetadata(first(id, other.id), first(name, other.name), first(host, other.host),
                first(containerId, other.containerId), first(trigger, other.trigger), first(filter, other.filter),
                first(startTime, other.startTime), first(durationSeconds, other.durationSeconds),
                first(status, other.status), first(error, other.error), first(sizeBytes, other.sizeBytes),
                first(sha256, other.sha256), first(createdAt, other.createdAt), first(expiresAt, other.expiresAt));
    }

    private static <T> T first(T a, T b) {
        return a != null ? a : b;
    }
}
