package org.scapscope.ui;

import javafx.application.Application;
import org.scapscope.cli.Main;

/**
 * The {@code scapscope} program: with no arguments, or {@code open FILE}, the desktop app;
 * with anything else, the command line, which needs no display.
 */
public final class Launcher {
    private Launcher() {
    }

    public static void main(String[] args) {
        if (args.length == 0 || args[0].equals("open") && args.length == 2) {
            // JavaFX warns that it runs from the class path, as it does from the jar; that is intended
            java.util.logging.Logger.getLogger("com.sun.javafx.application.PlatformImpl")
                    .setLevel(java.util.logging.Level.SEVERE);
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
