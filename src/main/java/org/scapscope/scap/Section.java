package org.scapscope.scap;

/**
 * One section of a capture: a section header and the blocks after it, up to the next header.
 *
 * @param offset byte offset of the section header block
 * @param bigEndian byte order of the section
 * @param major format major version
 * @param minor format minor version
 * @param firstEvent index of the section's first event
 */
public record Section(long offset, boolean bigEndian, int major, int minor, long firstEvent) {
    public String version() {
        return major + "." + minor;
    }
}
