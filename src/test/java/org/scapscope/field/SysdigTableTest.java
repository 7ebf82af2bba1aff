package org.scapscope.field;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.scapscope.scap.ParamType;
import org.scapscope.scap.PrintFormat;
import org.scapscope.scap.SysdigTable;

/** sysdig 0.29.3's event table where it differs from today's schema (libs e5c53d64 against the current one). */
class SysdigTableTest {
    private final SysdigTable table = SysdigTable.get();

    @Test
    void enumParametersWereFlags() {
        SysdigTable.Param domain = table.event(ParamCapture.SOCKET_E).params()[0];
        assertEquals(ParamType.FLAGS32, domain.type());
        assertEquals("socket_families", domain.flags().name);
        assertEquals(ParamType.FLAGS8, table.event(ParamCapture.LSEEK_E).params()[2].type());
    }

    @Test
    void resultsAndRenamedParameters() {
        SysdigTable.Param res = table.event(ParamCapture.MMAP_X).params()[0];
        assertEquals(ParamType.UINT64, res.type());
        assertEquals(PrintFormat.HEX, res.format());
        SysdigTable.Event execve = table.event(ParamCapture.EXECVE_19_X);
        assertEquals(20, execve.params().length);
        assertEquals("pgid", execve.params()[17].name());
        assertEquals(ParamType.INT32, execve.params()[16].type());
        assertEquals("plugin ID", table.event(322).params()[0].name());
    }

    @Test
    void fewerParametersThanToday() {
        assertEquals(List.of("res", "data"),
                Arrays.stream(table.event(ParamCapture.READ_X).params()).map(SysdigTable.Param::name).toList());
        assertEquals(3, table.event(ParamCapture.GETRLIMIT_X).params().length);
    }

    @Test
    void flagTablesAsTheyWere() {
        SysdigTable.Flags fileFlags = table.event(ParamCapture.OPEN_X).params()[2].flags();
        assertFalse(Arrays.asList(fileFlags.names).contains("O_F_CREATED"));
        SysdigTable.Flags fcntl = table.event(ParamCapture.FCNTL_E).params()[1].flags();
        assertTrue(Arrays.asList(fcntl.names).contains("F_SETLKW64"));
        assertNull(table.event(ParamCapture.EVENTFD_E).params()[1].flags());
    }

    @Test
    void syscallsOfGenericEvents() {
        assertEquals("<unknown>", table.syscallName(0));
        assertEquals(329, table.syscallCount());
        assertNull(table.syscallName(400));
        assertTrue(table.isSysdigType(335));
        assertFalse(table.isSysdigType(336));
    }
}
