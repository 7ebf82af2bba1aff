package org.scapscope.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.IOException;

/** Reads and writes capture metadata as JSON, with times as ISO-8601 instants ({@code 2026-11-26T09:50:12Z}). */
public final class MetadataJson {
    static final ObjectMapper MAPPER = JsonMapper.builder()
            .addModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .enable(SerializationFeature.INDENT_OUTPUT)
            .build();

    private MetadataJson() {
    }

    public static CaptureMetadata read(byte[] json) throws IOException {
        CaptureMetadata m = MAPPER.readValue(json, CaptureMetadata.class);
        if (m == null) {
            throw new IOException("the metadata is empty");
        }
        return m;
    }

    public static byte[] write(CaptureMetadata m) {
        try {
            return MAPPER.writeValueAsBytes(m);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("capture metadata cannot be written as JSON", e);
        }
    }

    /** The mapper, for callers that print captures as JSON the same way. */
    public static ObjectMapper mapper() {
        return MAPPER;
    }
}
