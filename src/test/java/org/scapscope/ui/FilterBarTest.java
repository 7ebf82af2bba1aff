package org.scapscope.ui;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Where the filter bar offers the names of Falco lists: among the values of a list operator only. */
class FilterBarTest {
    @Test
    void listsAreOfferedAmongTheValuesOfInIntersectsAndPmatch() {
        assertTrue(FilterBar.insideValueList("proc.name in ("));
        assertTrue(FilterBar.insideValueList("proc.name in (bash, "));
        assertTrue(FilterBar.insideValueList("evt.type = open and fd.name pmatch ("));
        assertTrue(FilterBar.insideValueList("proc.aname intersects ("));
        assertTrue(FilterBar.insideValueList("PROC.NAME IN ("));
        assertFalse(FilterBar.insideValueList(""));
        assertFalse(FilterBar.insideValueList("("), "a group, where a field goes");
        assertFalse(FilterBar.insideValueList("not ("));
        assertFalse(FilterBar.insideValueList("proc.name in (bash) and "), "the list is closed");
        assertFalse(FilterBar.insideValueList("proc.name in (bash) and ("));
        assertFalse(FilterBar.insideValueList("spawned_process and (proc.name = bash or "));
        assertFalse(FilterBar.insideValueList("main ("), "a word that ends in 'in' is no operator");
    }
}
