package org.scapscope.store;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** Where a capture is in its life: asked for, being recorded, being uploaded, ready, or failed. */
public enum CaptureStatus {
    REQUESTED, CAPTURING, UPLOADING, OK, ERROR;

    /** The status as the metadata spells it: {@code ok}, {@code error}, ... */
    @JsonValue
    public String text() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Reads a status; an unknown word is an error, so that a typo in an agent's metadata is seen. */
    @JsonCreator
    public static CaptureStatus parse(String text) {
        for (CaptureStatus s : values()) {
            if (s.text().equalsIgnoreCase(text.trim())) {
                return s;
            }
        }
        throw new IllegalArgumentException("unknown capture status '" + text
                + "' (expected requested, capturing, uploading, ok or error)");
    }
}
