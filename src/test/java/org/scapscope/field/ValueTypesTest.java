package org.scapscope.field;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntPredicate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.scapscope.RealCaptures;
import org.scapscope.filter.Filter;
import org.scapscope.filter.FilterCompiler;
import org.scapscope.scap.EventTypes;
import org.scapscope.scap.OpenOptions;
import org.scapscope.scap.ScapEvent;
import org.scapscope.scap.ScapFile;

/**
 * Fields said to have values on some event types only have none on the others, in every real
 * capture with its state replayed; filters on them skip the other types.
 */
class ValueTypesTest {
    private static final int OPEN_X = 3;
    private static final int READ_X = 7;

    @TempDir
    Path cache;

    @Test
    void fieldsHaveNoValueOnTheTypesTheyLeaveOut() throws Exception {
        FieldRegistry registry = FieldRegistry.get();
        List<BoundField> fields = new ArrayList<>();
        List<IntPredicate> types = new ArrayList<>();
        for (FieldInfo info : registry.fields()) {
            IntPredicate t = registry.typesWithValues(info.name());
            if (t != null && !registry.isFilterOnly(info.name())) {
                fields.add(registry.bind(info.name()));
                types.add(t);
            }
        }
        assertTrue(fields.size() > 20, "descriptor fields and syscall.type are declared: " + fields.size());
        long checked = 0;
        for (Path capture : RealCaptures.all()) {
            try (ScapFile scap = ScapFile.open(capture, OpenOptions.defaults().cacheDir(cache))) {
                FieldContext ctx = new FieldContext(scap);
                ScapEvent e = scap.newEvent();
                for (long i = 0; i < scap.eventCount(); i++) {
                    ctx.advance(scap.read(i, e));
                    for (int f = 0; f < fields.size(); f++) {
                        if (!types.get(f).test(e.type())) {
                            String name = fields.get(f).info().name();
                            assertNull(fields.get(f).text(ctx), () -> name + " on event " + e.index() + " of "
                                    + capture.getFileName());
                            checked++;
                        }
                    }
                }
            }
        }
        assertTrue(checked > 100_000, "values checked absent: " + checked);
    }

    @Test
    void aComparisonOnADescriptorFieldSkipsEventsWithoutOne() throws Exception {
        Filter files = FilterCompiler.compile("(fd.type=file or fd.type=directory) and fd.name!=''");
        assertTrue(files.narrowsTypes());
        assertFalse(files.mayMatchType(EventTypes.PROCINFO_E));
        assertTrue(files.mayMatchType(READ_X));
        assertTrue(files.mayMatchType(OPEN_X));
        Filter syscalls = FilterCompiler.compile("syscall.type exists");
        assertFalse(syscalls.mayMatchType(EventTypes.PROCINFO_E));
        assertTrue(syscalls.mayMatchType(READ_X));
        Filter errors = FilterCompiler.compile("evt.res != SUCCESS");
        assertFalse(errors.mayMatchType(EventTypes.PROCINFO_E));
        assertFalse(errors.mayMatchType(READ_X - 1), "a read's entry carries no result");
        assertTrue(errors.mayMatchType(READ_X));
        // a negation may hold where the field has no value
        assertTrue(FilterCompiler.compile("not fd.type=file").mayMatchType(EventTypes.PROCINFO_E));
        assertEquals(false, FilterCompiler.compile("fd.name exists or evt.type=open").mayMatchType(EventTypes.PROCINFO_E));
        assertTrue(FilterCompiler.compile("fd.name exists or proc.name=x").mayMatchType(EventTypes.PROCINFO_E));
    }
}
