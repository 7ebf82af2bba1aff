package org.scapscope.scap;

/**
 * Where a metadata block lies in the capture.
 *
 * @param offset byte offset of the block header
 * @param type block type
 * @param length total block length, header and trailer included
 * @param section index of the section it belongs to
 */
public record BlockRef(long offset, int type, long length, int section) {
}
