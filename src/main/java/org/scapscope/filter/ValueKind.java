package org.scapscope.filter;

import java.util.EnumSet;
import java.util.Set;
import org.scapscope.field.FieldType;

/** How values of a field type are compared in filters. */
enum ValueKind {
    /** Text, compared as strings. */
    STRING,
    /** Raw bytes (a data buffer), held one byte per character. */
    BYTES,
    SIGNED,
    UNSIGNED,
    DOUBLE,
    /** {@code true} or {@code false}, ordered as 1 and 0. */
    BOOL,
    /** An IPv4 or IPv6 address. */
    IP,
    /** An address matched against a network ({@code 10.0.0.0/8}). */
    NET;

    static ValueKind of(FieldType type) {
        switch (type) {
            case INT8: case INT16: case INT32: case INT64: case FD: case PID: case ERRNO:
                return SIGNED;
            case UINT8: case UINT16: case UINT32: case UINT64: case PORT: case SYSCALLID: case SIGTYPE: case MODE:
            case RELTIME: case ABSTIME: case L4PROTO:
                return UNSIGNED;
            case DOUBLE:
                return DOUBLE;
            case BOOL:
                return BOOL;
            case IPV4ADDR: case IPV6ADDR: case IPADDR:
                return IP;
            case IPV4NET: case IPV6NET: case IPNET:
                return NET;
            case BYTEBUF:
                return BYTES;
            default:
                return STRING;
        }
    }

    private static final Set<Operator> ORDERED = EnumSet.of(Operator.EQ, Operator.EQ2, Operator.NE, Operator.LT,
            Operator.LE, Operator.GT, Operator.GE, Operator.IN, Operator.INTERSECTS, Operator.EXISTS);
    private static final Set<Operator> EQUALITY = EnumSet.of(Operator.EQ, Operator.EQ2, Operator.NE, Operator.IN,
            Operator.INTERSECTS, Operator.EXISTS);
    private static final Set<Operator> BUFFER = EnumSet.of(Operator.EQ, Operator.EQ2, Operator.NE, Operator.CONTAINS,
            Operator.BCONTAINS, Operator.STARTSWITH, Operator.BSTARTSWITH, Operator.ENDSWITH, Operator.IN,
            Operator.INTERSECTS, Operator.EXISTS);

    private static final Set<Operator> TEXT = EnumSet.complementOf(EnumSet.of(Operator.BCONTAINS, Operator.BSTARTSWITH));

    /** The operators that apply to values of this kind. */
    Set<Operator> operators() {
        switch (this) {
            case STRING:
                return TEXT;
            case BYTES:
                return BUFFER;
            case IP: case NET:
                return EQUALITY;
            default:
                return ORDERED;
        }
    }
}
