package org.scapscope.scap;

/**
 * One network interface address of an interface-list block.
 *
 * @param ipv6 true for an IPv6 address
 * @param name interface name
 * @param address the address (4 or 16 bytes, network order)
 * @param netmask its netmask
 * @param broadcast broadcast address
 * @param linkSpeed link speed, 0 when not recorded
 */
public record InterfaceRecord(boolean ipv6, String name, byte[] address, byte[] netmask, byte[] broadcast,
                              long linkSpeed) {
}
