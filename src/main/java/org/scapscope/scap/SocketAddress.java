package org.scapscope.scap;

/**
 * A decoded socket address parameter.
 *
 * @param family {@code PPM_AF_*}: 1 unix, 2 inet, 10 inet6, 0 when empty
 * @param ip address bytes in network order (4 or 16), null for unix sockets
 * @param port port, host order
 * @param path unix socket path, null for inet
 */
public record SocketAddress(int family, byte[] ip, int port, String path) {
}
