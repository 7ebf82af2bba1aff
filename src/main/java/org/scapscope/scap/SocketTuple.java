package org.scapscope.scap;

/**
 * A decoded socket tuple parameter: the two ends of a connection.
 *
 * @param family {@code PPM_AF_*}
 * @param sourceIp source address (4 or 16 bytes, network order), null for unix sockets
 * @param sourcePort source port
 * @param destIp destination address
 * @param destPort destination port
 * @param unixSource kernel address of a unix socket
 * @param unixDest kernel address of its peer
 * @param path unix socket path
 */
public record SocketTuple(int family, byte[] sourceIp, int sourcePort, byte[] destIp, int destPort,
                          long unixSource, long unixDest, String path) {
}
