package org.scapscope.filter;

import java.util.HashMap;
import java.util.Map;

/** Functions applied to a field's value before it is compared, as Falco has them. */
public enum Transformer {
    TOLOWER("tolower"), TOUPPER("toupper"), B64("b64"), BASENAME("basename"), LEN("len");

    private static final Map<String, Transformer> BY_NAME = new HashMap<>();

    static {
        for (Transformer t : values()) {
            BY_NAME.put(t.text, t);
        }
    }

    private final String text;

    Transformer(String text) {
        this.text = text;
    }

    public String text() {
        return text;
    }

    /** The transformer of this name, or null. */
    public static Transformer of(String name) {
        return BY_NAME.get(name);
    }
}
