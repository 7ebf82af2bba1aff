package org.scapscope.filter;

/**
 * A stretch of a filter expression, in characters: {@code [start, end)}. Columns shown to users
 * count from 1.
 */
public record SourceSpan(int start, int end) {
    public SourceSpan {
        if (start < 0 || end < start) {
            throw new IllegalArgumentException("bad span [" + start + ", " + end + ")");
        }
    }

    /** The smallest span covering both. */
    public SourceSpan to(SourceSpan other) {
        return new SourceSpan(Math.min(start, other.start), Math.max(end, other.end));
    }

    public int column() {
        return start + 1;
    }

    public int length() {
        return end - start;
    }
}
