package org.scapscope.filter;

import org.scapscope.field.FieldContext;
import org.scapscope.scap.FdRecord;
import org.scapscope.state.FdInfo;

/**
 * {@code fd.ip}, {@code fd.net}, {@code fd.port} and {@code fd.proto}: a comparison with the
 * addresses or ports of both ends of the event's IP socket (the bound one of a listening
 * socket). It holds when it holds for either end; {@code !=} holds when both ends differ. Other
 * descriptors never match.
 */
final class EitherEnd extends Predicate {
    enum Part {
        ADDRESS, NETWORK, PORT
    }

    private final Part part;
    private final Operator op;
    /** byte[] addresses, {@link IpValues.Network}s or Long ports; several for {@code in}. */
    private final Object[] values;

    EitherEnd(Part part, Operator op, Object[] values) {
        this.part = part;
        this.op = op;
        this.values = values;
    }

    @Override
    boolean test(FieldContext c) {
        FdInfo fd = c.eventFd();
        if (fd == null) {
            return false;
        }
        switch (fd.type()) {
            case FdRecord.IPV4_SOCK:
                return combine(matches(fd.v4SourceIp(), fd.v4SourcePort()), matches(fd.v4DestIp(), fd.v4DestPort()));
            case FdRecord.IPV6_SOCK:
                return combine(matches(fd.v6SourceIp(), fd.v6SourcePort()), matches(fd.v6DestIp(), fd.v6DestPort()));
            case FdRecord.IPV4_SERVSOCK:
                return matches(fd.v4ServerIp(), fd.v4ServerPort());
            case FdRecord.IPV6_SERVSOCK:
                return matches(fd.v6ServerIp(), fd.v6ServerPort());
            default:
                return false;
        }
    }

    private boolean combine(boolean source, boolean dest) {
        return op == Operator.NE ? source && dest : source || dest;
    }

    /** Whether one end satisfies the comparison (for {@code !=}: differs from the value). */
    private boolean matches(byte[] ip, int port) {
        if (op == Operator.EXISTS) {
            return true;
        }
        if (op == Operator.NE) {
            return !equalsAny(ip, port);
        }
        if (op == Operator.EQ || op == Operator.EQ2 || op == Operator.IN || op == Operator.INTERSECTS) {
            return equalsAny(ip, port);
        }
        // ordering: ports only
        for (Object v : values) {
            int cmp = Long.compare(port, (Long) v);
            boolean ok = op == Operator.LT ? cmp < 0 : op == Operator.LE ? cmp <= 0 : op == Operator.GT ? cmp > 0
                    : cmp >= 0;
            if (ok) {
                return true;
            }
        }
        return false;
    }

    private boolean equalsAny(byte[] ip, int port) {
        for (Object v : values) {
            switch (part) {
                case ADDRESS:
                    if (IpValues.same(ip, (byte[]) v)) {
                        return true;
                    }
                    break;
                case NETWORK:
                    if (((IpValues.Network) v).contains(ip)) {
                        return true;
                    }
                    break;
                default:
                    if (port == (Long) v) {
                        return true;
                    }
            }
        }
        return false;
    }
}
