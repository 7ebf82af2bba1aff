package org.scapscope.field;

/** Value types of fields, as {@code sysdig -l} names them. */
public enum FieldType {
    INT8, INT16, INT32, INT64, UINT8, UINT16, UINT32, UINT64, CHARBUF, BYTEBUF, ERRNO, SOCKADDR, SOCKTUPLE,
    FD, PID, FSPATH, SYSCALLID, SIGTYPE, RELTIME, ABSTIME, PORT, L4PROTO, SOCKFAMILY, BOOL, IPV4ADDR, DOUBLE,
    IPV4NET, IPV6ADDR, IPV6NET, IPADDR, IPNET, MODE, FSRELPATH;

    /** Whether values of this type print as JSON numbers. */
    public boolean isNumeric() {
        switch (this) {
            case INT8: case INT16: case INT32: case INT64: case UINT8: case UINT16: case UINT32: case UINT64:
            case ERRNO: case FD: case PID: case RELTIME: case ABSTIME: case PORT: case DOUBLE: case SIGTYPE:
            case SYSCALLID: case L4PROTO: case SOCKFAMILY: case MODE:
                return true;
            default:
                return false;
        }
    }
}
