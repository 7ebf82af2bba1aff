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
     * is intended; its other warnings stay. Held here, so that the logger configured is the one JavaFX
     * asks for later, and made only when the app starts: the command line need not set up logging.
     */
    private static final class JavaFxLog {
        static final java.util.logging.Logger STARTUP = java.util.logging.Logger.getLogger("javafx");
    }

    private Launcher() {
    }

    public static void main(String[] args) {
        if (opensWindow(args)) {
            BackgroundThreads.useForCommonPool();
            JavaFxLog.STARTUP.setFilter(r -> r.getMessage() == null
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

    /** No arguments, {@code open}, or {@code open FILE}: the window. Anything else is the command line's. */
    static boolean opensWindow(String[] args) {
        return args.length == 0 || args[0].equals("open")
                && (args.length == 1 || args.length == 2 && !args[1].startsWith("-"));
    }
}
