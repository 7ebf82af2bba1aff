package org.scapscope.store;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * Which captures of a listing to show, in what order, and which page of them.
 *
 * @param search words that must all appear (any case) in the name, host, trigger, container, filter or id
 * @param onlyErrors only captures whose status is {@code error}
 * @param onlyExpiring only captures that expire within the store's expiring window
 * @param sort the column to sort by
 * @param descending largest (or latest) first
 * @param offset captures to skip
 * @param limit most captures to return
 */
public record CaptureQuery(String search, boolean onlyErrors, boolean onlyExpiring, SortKey sort, boolean descending,
                           int offset, int limit) {
    /** The columns a listing sorts by. */
    public enum SortKey {
        STATUS, NAME, TIME, DURATION, TRIGGER, HOST, CONTAINER, SIZE, EXPIRES, ID;

        /** Reads a column name, in any case. */
        public static SortKey parse(String text) {
            for (SortKey k : values()) {
                if (k.name().equalsIgnoreCase(text.trim())) {
                    return k;
                }
            }
            throw new IllegalArgumentException("cannot sort by '" + text + "': use one of status, name, time, duration, "
                    + "trigger, host, container, size, expires or id");
        }
    }

    /** Every capture, latest first. */
    public static final CaptureQuery ALL = new CaptureQuery("", false, false, SortKey.TIME, true, 0, Integer.MAX_VALUE);

    public CaptureQuery {
        if (offset < 0 || limit < 0) {
            throw new IllegalArgumentException("the page must start at 0 or later and hold 0 or more captures");
        }
        search = search == null ? "" : search.trim();
    }

    public CaptureQuery search(String text) {
        return new CaptureQuery(text, onlyErrors, onlyExpiring, sort, descending, offset, limit);
    }

    public CaptureQuery onlyErrors(boolean on) {
        return new CaptureQuery(search, on, onlyExpiring, sort, descending, offset, limit);
    }

    public CaptureQuery onlyExpiring(boolean on) {
        return new CaptureQuery(search, onlyErrors, on, sort, descending, offset, limit);
    }

    public CaptureQuery sortBy(SortKey key, boolean desc) {
        return new CaptureQuery(search, onlyErrors, onlyExpiring, key, desc, offset, limit);
    }

    public CaptureQuery page(int from, int count) {
        return new CaptureQuery(search, onlyErrors, onlyExpiring, sort, descending, from, count);
    }

    /** Whether a capture passes the search and the toggles. */
    public boolean matches(StoredCapture c, Instant now, Instant expiringBefore) {
        if (onlyErrors && c.status() != CaptureStatus.ERROR) {
            return false;
        }
        if (onlyExpiring && (c.expiresAt() == null || c.expiresAt().isAfter(expiringBefore))) {
            return false;
        }
        if (search.isEmpty()) {
            return true;
        }
        String hay = String.join("\n", c.id(), c.name(), c.host(), c.triggerText(), c.containerId(), c.filter())
                .toLowerCase(Locale.ROOT);
        for (String word : search.toLowerCase(Locale.ROOT).split("\\s+")) {
            if (!hay.contains(word)) {
                return false;
            }
        }
        return true;
    }

    /** The order of the sort column; ties broken by time, latest first, then id. */
    public Comparator<StoredCapture> comparator() {
        Comparator<StoredCapture> c = switch (sort) {
            case STATUS -> Comparator.comparing(StoredCapture::status);
            case NAME -> Comparator.comparing(s -> s.name().toLowerCase(Locale.ROOT));
            case TIME -> Comparator.comparing(StoredCapture::time, Comparator.nullsFirst(Comparator.naturalOrder()));
            case DURATION -> Comparator.comparing(StoredCapture::duration, Comparator.nullsFirst(Comparator.naturalOrder()));
            case TRIGGER -> Comparator.comparing(s -> s.triggerText().toLowerCase(Locale.ROOT));
            case HOST -> Comparator.comparing(s -> s.host().toLowerCase(Locale.ROOT));
            case CONTAINER -> Comparator.comparing(StoredCapture::containerId);
            case SIZE -> Comparator.comparingLong(StoredCapture::size);
            case EXPIRES -> Comparator.comparing(StoredCapture::expiresAt, Comparator.nullsLast(Comparator.naturalOrder()));
            case ID -> Comparator.comparing(StoredCapture::id);
        };
        if (descending) {
            c = c.reversed();
        }
        return c.thenComparing(StoredCapture::time, Comparator.nullsLast(Comparator.reverseOrder()))
                .thenComparing(StoredCapture::id);
    }

    /** The captures that pass, sorted, and the page asked for. */
    public CapturePage apply(List<StoredCapture> all, Instant now, Instant expiringBefore) {
        List<StoredCapture> kept = new ArrayList<>();
        for (StoredCapture c : all) {
            if (matches(c, now, expiringBefore)) {
                kept.add(c);
            }
        }
        kept.sort(comparator());
        int from = Math.min(offset, kept.size());
        int to = (int) Math.min(kept.size(), (long) from + limit);
        return new CapturePage(List.copyOf(kept.subList(from, to)), kept.size(), all.size());
    }
}
