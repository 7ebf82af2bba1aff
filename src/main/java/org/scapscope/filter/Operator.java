package org.scapscope.filter;

import java.util.HashMap;
import java.util.Map;

/** The comparison operators of the filter language. */
public enum Operator {
    EQ("="), EQ2("=="), NE("!="), LT("<"), LE("<="), GT(">"), GE(">="),
    CONTAINS("contains"), ICONTAINS("icontains"), BCONTAINS("bcontains"),
    STARTSWITH("startswith"), BSTARTSWITH("bstartswith"), ENDSWITH("endswith"),
    GLOB("glob"), IGLOB("iglob"), REGEX("regex"),
    IN("in"), INTERSECTS("intersects"), PMATCH("pmatch"),
    EXISTS("exists");

    private static final Map<String, Operator> BY_TEXT = new HashMap<>();

    static {
        for (Operator o : values()) {
            BY_TEXT.put(o.text, o);
        }
    }

    private final String text;

    Operator(String text) {
        this.text = text;
    }

    /** The operator as written. */
    public String text() {
        return text;
    }

    /** The operator written this way, or null. */
    public static Operator of(String text) {
        return BY_TEXT.get(text);
    }

    /** Whether the operator takes a parenthesised list of values. */
    public boolean takesList() {
        return this == IN || this == INTERSECTS || this == PMATCH;
    }

    /** Whether the operator takes no value. */
    public boolean isUnary() {
        return this == EXISTS;
    }

    /** Whether the operator orders values ({@code < <= > >=}). */
    public boolean isOrdering() {
        return this == LT || this == LE || this == GT || this == GE;
    }
}
