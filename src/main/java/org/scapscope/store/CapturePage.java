package org.scapscope.store;

import java.util.List;

/**
 * One page of a listing.
 *
 * @param captures the captures of the page, in order
 * @param matching how many captures passed the search and toggles, over all pages
 * @param total how many captures the store holds
 */
public record CapturePage(List<StoredCapture> captures, int matching, int total) {
}
