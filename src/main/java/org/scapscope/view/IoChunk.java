package org.scapscope.view;

/**
 * One read or write of an I/O stream: what the event moved and through which descriptor.
 *
 * @param eventNumber {@code evt.num}
 * @param ts event time, ns since the epoch
 * @param write true for a write, false for a read
 * @param fd the descriptor number
 * @param fdName the descriptor's name (a path, or a connection as {@code 1.2.3.4:5->6.7.8.9:80})
 * @param process the process name
 * @param pid the process id
 * @param container the container id ({@code host} outside containers)
 * @param length the bytes the call moved (its result)
 * @param data the bytes the capture kept of them (the capture's snap length may cut them)
 */
public record IoChunk(long eventNumber, long ts, boolean write, long fd, String fdName, String process, long pid,
        String container, long length, byte[] data) {
}
