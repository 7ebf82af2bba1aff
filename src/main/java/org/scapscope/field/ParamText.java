package org.scapscope.field;

import java.nio.charset.StandardCharsets;
import org.scapscope.scap.ParamInfo;
import org.scapscope.scap.ParamType;
import org.scapscope.scap.Params;
import org.scapscope.scap.ScapEvent;
import org.scapscope.scap.SocketAddress;
import org.scapscope.scap.SocketTuple;

/** Text of event parameters. */
final class ParamText {
    private ParamText() {
    }

    /** A parameter's raw value: numbers in decimal, strings and buffers as they are, addresses as {@code ip:port}. */
    static String raw(ScapEvent e, int i) {
        ParamInfo p = e.paramInfo(i);
        ParamType type = p == null ? ParamType.BYTEBUF : p.type();
        if (type.isFixedWidth()) {
            if (!e.paramHasValue(i)) {
                return "<NA>";
            }
            long v = e.paramAsLong(i);
            return type == ParamType.UINT64 || type == ParamType.ABSTIME || type == ParamType.RELTIME
                    ? Long.toUnsignedString(v) : Long.toString(v);
        }
        switch (type) {
            case CHARBUF: case FSPATH: case FSRELPATH:
                return e.paramAsString(i);
            case SOCKADDR:
                return sockaddr(Params.sockaddr(e, i));
            case SOCKTUPLE:
                return tuple(Params.tuple(e, i));
            case DYN:
                return Long.toString(Params.dynamicLong(e, i));
            default:
                return new String(e.paramBytes(i), StandardCharsets.ISO_8859_1);
        }
    }

    static String sockaddr(SocketAddress a) {
        if (a == null) {
            return "NULL";
        }
        switch (a.family()) {
            case Params.AF_INET: case Params.AF_INET6:
                return Addresses.ip(a.ip()) + ":" + a.port();
            case Params.AF_UNIX:
                return a.path();
            default:
                return "family " + a.family();
        }
    }

    static String tuple(SocketTuple t) {
        if (t == null) {
            return "NULL";
        }
        switch (t.family()) {
            case Params.AF_INET: case Params.AF_INET6:
                if (t.sourceIp() == null) {
                    return t.family() == Params.AF_INET ? "INVALID IPv4" : "INVALID IPv6";
                }
                return Addresses.ip(t.sourceIp()) + ":" + t.sourcePort() + "->" + Addresses.ip(t.destIp()) + ":"
                        + t.destPort();
            case Params.AF_UNIX:
                return Long.toHexString(t.unixSource()) + "->" + Long.toHexString(t.unixDest()) + " " + t.path();
            default:
                return "family " + t.family();
        }
    }
}
