package org.scapscope.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class TimeArgTest {
    /** 2017-09-23 00:44:29.900617765 UTC, when 502Error.scap starts. */
    private static final long START = 1506127469900617765L;

    @Test
    void timesAreEpochNanosOffsetsOrClockTimes() {
        assertEquals(1506127470228746993L, TimeArg.resolve("1506127470228746993", START, ZoneOffset.UTC));
        assertEquals(START + 5_000_000_000L, TimeArg.resolve("+5s", START, ZoneOffset.UTC));
        assertEquals(START + 5_000_000_000L, TimeArg.resolve("+5", START, ZoneOffset.UTC));
        assertEquals(START + 250_000_000L, TimeArg.resolve("+250ms", START, ZoneOffset.UTC));
        assertEquals(START + 90_000_000_000L, TimeArg.resolve("+1.5m", START, ZoneOffset.UTC));
        assertEquals(START + 7L, TimeArg.resolve("+7ns", START, ZoneOffset.UTC));
        assertEquals(1506127471500000000L, TimeArg.resolve("00:44:31.5", START, ZoneOffset.UTC));
        assertEquals(1506127471500000000L - 3_600_000_000_000L,
                TimeArg.resolve("00:44:31.5", START, ZoneOffset.ofHours(1)), "clock times are read in the zone given");
        // offsets past the end of time are the end of time, not a time wrapped round before the epoch
        assertEquals(Long.MAX_VALUE, TimeArg.resolve("+3000000h", START, ZoneOffset.UTC));
        assertEquals(Long.MAX_VALUE, TimeArg.resolve("+2562047h", START, ZoneOffset.UTC));
        assertEquals(Long.MAX_VALUE, TimeArg.resolve("+1" + "0".repeat(400) + "s", START, ZoneOffset.UTC));
        assertEquals(START + 2_000_000L * 3_600_000_000_000L, TimeArg.resolve("+2000000h", START, ZoneOffset.UTC));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> TimeArg.resolve("yesterday", START, ZoneOffset.UTC));
        assertTrue(e.getMessage().contains("+5s"), e.getMessage());
    }
}
