package org.scapscope.ui;

import javafx.application.Application;
import org.scapscope.cli.Main;

/**
 * The {@code scapscope} program: with no arguments, or {@code open FILE}, the desktop app;
 * with anything else, the command line, which needs no display.
 */
public final class Launcher {
    /**
     * JavaFX's logger: it warns that JavaFX runs from the class path, as it does from the jar, which
     * is intended; its other warnings stay. Held here: a logger only configured would be forgotten
     * before JavaFX asks for it.
     */
    private static final java.util.logging.Logger JAVAFX_STARTUP =
            java.util.logging.Logger.getLogger("javafx");

    private Launcher() {
    }

    public static void main(String[] args) {
        if (args.length == 0 || args[0].equals("open") && args.length == 2) {
            JAVAFX_STARTUP.setFilter(r -> r.getMessage() == null
                    || !r.getMessage().startsWith("Unsupported JavaFX configuration"));
            try {
                Application.launch(ScapscopeApp.class, args);
            } catch (RuntimeException | LinkageError e) {
                System.err.println("scapscope: the desktop app cannot start: " + e.getMessage()
                        + (System.getenv("DISPLAY") == null && System.getenv("WAYLAND_DISPLAY") == null
                        ? " (there is no display; the command line works without one: scapscope --help)" : ""));
                System.exit(Main.FAILURE);
            }
            return;
        }
        System.exit(Main.run(args));
    }
}
