package org.scapscope.field;

/**
 * A field of the registry.
 *
 * @param name field name ({@code evt.type}, {@code proc.aname})
 * @param type value type
 * @param description one line, as {@code scapscope fields} lists it
 * @param argument what may follow the name: none, {@code [N]}, {@code .NAME} or either
 */
public record FieldInfo(String name, FieldType type, String description, Argument argument) {
    /** The argument forms a field accepts. */
    public enum Argument {
        NONE, INDEX, NAME, INDEX_OR_NAME, REQUIRED_NAME
    }
}
