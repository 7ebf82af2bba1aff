package org.scapscope.scap;

/**
 * One parameter of an event type.
 *
 * @param name parameter name, as {@code evt.arg.NAME} uses it
 * @param type on-disk type
 * @param format print hint
 * @param flags the flag or enum table naming the bits of a flags parameter, or null
 * @param dynamic the table of sub-types of a {@link ParamType#DYN} parameter, or null
 * @param dirfdIndex for a {@link ParamType#FSRELPATH} parameter, the index of the directory fd parameter, or -1
 */
public record ParamInfo(String name, ParamType type, PrintFormat format, FlagTable flags,
                        DynamicTable dynamic, int dirfdIndex) {
}
