package org.scapscope.ui;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Which arguments open the window, and which go to the command line (which needs no display). */
class LauncherTest {
    @Test
    void theWindowOpensWithNoArgumentsOrOpenAndOneFileOnly() {
        assertTrue(Launcher.opensWindow(new String[0]));
        assertTrue(Launcher.opensWindow(new String[] {"open"}));
        assertTrue(Launcher.opensWindow(new String[] {"open", "incident.scap"}));
        assertFalse(Launcher.opensWindow(new String[] {"open", "--help"}), "help is printed, not a window opened");
        assertFalse(Launcher.opensWindow(new String[] {"open", "-h"}));
        assertFalse(Launcher.opensWindow(new String[] {"open", "a.scap", "b.scap"}));
        assertFalse(Launcher.opensWindow(new String[] {"count", "incident.scap"}));
        assertFalse(Launcher.opensWindow(new String[] {"--help"}));
    }
}
