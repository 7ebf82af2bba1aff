package org.scapscope.store;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What started a capture: an analyst ({@code manual}), or a policy whose event made the agent keep
 * the seconds before and after it. In the metadata it is either the word {@code "manual"} or
 * {@code {"policy": NAME, "secondsBefore": N, "secondsAfter": M}}.
 *
 * @param policy the policy's name, or null for a manual capture
 * @param secondsBefore seconds captured before the policy's event, or null when not told
 * @param secondsAfter seconds captured after it, or null when not told
 */
public record Trigger(@JsonProperty("policy") String policy, @JsonProperty("secondsBefore") Integer secondsBefore,
                      @JsonProperty("secondsAfter") Integer secondsAfter) {
    public static final Trigger MANUAL = new Trigger(null, null, null);

    @JsonCreator(mode = JsonCreator.Mode.PROPERTIES)
    public Trigger {
        if (policy != null && (policy.isBlank() || policy.equalsIgnoreCase("manual"))) {
            policy = null;
        }
    }

    /** A trigger written as one word: {@code manual}, or a policy's name. */
    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    public static Trigger of(String text) {
        return text == null ? MANUAL : new Trigger(text, null, null);
    }

    public static Trigger policy(String name, int secondsBefore, int secondsAfter) {
        return new Trigger(name, secondsBefore, secondsAfter);
    }

    /** The metadata's form: the word {@code manual}, or the policy object. */
    @JsonValue
    Object json() {
        if (policy == null) {
            return "manual";
        }
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("policy", policy);
        if (secondsBefore != null) {
            m.put("secondsBefore", secondsBefore);
        }
        if (secondsAfter != null) {
            m.put("secondsAfter", secondsAfter);
        }
        return m;
    }

    public boolean isManual() {
        return policy == null;
    }

    /** {@code manual}, or the policy with the seconds around its event: {@code Shell in container (-10 s, +20 s)}. */
    public String text() {
        if (policy == null) {
            return "manual";
        }
        if (secondsBefore == null && secondsAfter == null) {
            return policy;
        }
        return policy + " (-" + (secondsBefore == null ? 0 : secondsBefore) + " s, +"
                + (secondsAfter == null ? 0 : secondsAfter) + " s)";
    }
}
