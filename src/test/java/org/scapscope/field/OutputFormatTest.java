package org.scapscope.field;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** How sysdig 0.29.3 reads {@code -p} formats; expected lines are its output for {@link ParamCapture}. */
class OutputFormatTest {
    @TempDir
    Path tmp;

    private List<String> render(String format) throws Exception {
        return ParamCapture.render(tmp, ParamCapture::parameters, format, TextOptions.DEFAULT);
    }

    @Test
    void fieldsThatMustEndTheFormatTakeNoTextElsewhere() throws Exception {
        assertEquals("1 100proc.apid cat", render("*%evt.num %proc.apid %proc.aname").get(0));
        OutputFormat f = OutputFormat.parse("*%evt.num %proc.apid %evt.type.is.open|%20evt.arg.fd");
        assertEquals(List.of("evt.num", "", "", "evt.arg.fd"), f.references());
    }

    @Test
    void widthsPadAndCut() throws Exception {
        assertEquals(List.of("2 open |<f>|", "3 open |ENO|"),
                render("%evt.num %5evt.type|%3evt.arg.fd|").subList(0, 2));
    }

    @Test
    void aReferenceLongerThanAFieldTakesTheFieldAndLeavesTheRestAsText() throws Exception {
        OutputFormat f = OutputFormat.parse("%proc.pid.ts %thread.tid2 %evt.type.foo");
        assertEquals(List.of("proc.pid", "thread.tid", "evt.type"), f.references());
        // the longest name it starts with takes an argument it does not give, or no name at all
        for (String bad : List.of("%evt.type.isx", "%evt.type.is", "%proc.nmae", "%procname")) {
            org.junit.jupiter.api.Assertions.assertThrows(org.scapscope.field.FieldException.class,
                    () -> OutputFormat.parse(bad), bad);
        }
    }
}
