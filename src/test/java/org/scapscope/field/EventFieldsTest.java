package org.scapscope.field;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@code evt} fields that classify and count events, on the parameter capture of
 * {@link ParamCapture}; the expected lines are sysdig 0.29.3's for the same capture.
 */
class EventFieldsTest {
    @TempDir
    Path tmp;

    @Test
    void ioWaitErrorAndOpenFields() throws Exception {
        String format = "*%evt.num|%evt.is_io|%evt.is_io_read|%evt.is_io_write|%evt.io_dir|%evt.is_wait|"
                + "%evt.wait_latency|%evt.count|%evt.count.error|%evt.count.error.file|%evt.count.error.net|"
                + "%evt.count.error.memory|%evt.count.error.other|%evt.count.exit|%evt.abspath|%evt.is_open_read|"
                + "%evt.is_open_write|%evt.is_open_exec|%evt.latency.human|%evt.pluginname";
        assertEquals(List.of(
                "2|false|false|false|<NA>|false|<NA>|1|<NA>|<NA>|<NA>|<NA>|<NA>|1|<NA>|true|false|false|1ns|<NA>",
                "3|false|false|false|<NA>|false|<NA>|1|1|1|<NA>|<NA>|<NA>|1|<NA>|false|true|false|2ns|<NA>",
                "4|true|true|false|read|false|<NA>|1|<NA>|<NA>|<NA>|<NA>|<NA>|<NA>|<NA>|false|false|false|0ns|<NA>",
                "5|true|true|false|read|false|<NA>|1|<NA>|<NA>|<NA>|<NA>|<NA>|1|<NA>|false|false|false|1ns|<NA>",
                "12|false|false|false|<NA>|false|<NA>|1|1|<NA>|1|<NA>|<NA>|1|<NA>|false|false|false|3ns|<NA>",
                "22|false|false|false|<NA>|true|<NA>|1|<NA>|<NA>|<NA>|<NA>|<NA>|<NA>|<NA>|false|false|false|0ns|<NA>",
                "35|false|false|false|<NA>|false|<NA>|1|<NA>|<NA>|<NA>|<NA>|<NA>|<NA>|/home/user/rel|false|false|false|"
                        + "0ns|<NA>",
                "36|false|false|false|<NA>|false|<NA>|1|<NA>|<NA>|<NA>|<NA>|<NA>|1|/tmp/dir/sub/f|true|false|false|1ns|"
                        + "<NA>",
                "38|false|false|false|<NA>|false|<NA>|1|1|1|<NA>|<NA>|<NA>|1|<UNKNOWN>/h|true|false|false|3ns|<NA>",
                "44|true|false|true|write|false|<NA>|1|<NA>|<NA>|<NA>|<NA>|<NA>|<NA>|<NA>|false|false|false|0ns|<NA>"),
                ParamCapture.pick(ParamCapture.render(tmp, ParamCapture::parameters, format, TextOptions.DEFAULT),
                        2, 3, 4, 5, 12, 22, 35, 36, 38, 44));
    }

    @Test
    void argumentReferencesAreChecked() {
        assertThrows(FieldException.class, () -> OutputFormat.parse("%evt.arg.nosuchargument"));
        assertThrows(FieldException.class, () -> OutputFormat.parse("%evt.abspath.middle"));
        assertThrows(FieldException.class, () -> OutputFormat.parse("%evt.around[1]"));
    }
}
