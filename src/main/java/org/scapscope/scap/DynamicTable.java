package org.scapscope.scap;

import java.util.List;

/** Sub-types of a dynamic parameter: its first byte indexes this table, and the rest is a value of that type. */
public final class DynamicTable {
    private final String name;
    private final ParamType[] types;
    private final PrintFormat[] formats;

    DynamicTable(String name, List<ParamType> types, List<PrintFormat> formats) {
        this.name = name;
        this.types = types.toArray(new ParamType[0]);
        this.formats = formats.toArray(new PrintFormat[0]);
    }

    public String name() {
        return name;
    }

    public int size() {
        return types.length;
    }

    /** The type at an index, or null when the index is out of the table. */
    public ParamType typeAt(int index) {
        return index >= 0 && index < types.length ? types[index] : null;
    }

    public PrintFormat formatAt(int index) {
        return index >= 0 && index < formats.length ? formats[index] : PrintFormat.NA;
    }
}
