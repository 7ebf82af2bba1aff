package org.scapscope.scap;

/**
 * The machine that wrote a capture (the MI block).
 *
 * @param cpus number of CPUs
 * @param memoryBytes physical memory
 * @param maxPid highest pid, 0 when not recorded
 * @param hostname host name
 * @param bootTime boot time in ns since the epoch, 0 in captures older than 2023
 */
public record MachineInfo(int cpus, long memoryBytes, long maxPid, String hostname, long bootTime) {
}
