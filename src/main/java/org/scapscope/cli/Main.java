package org.scapscope.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code scapscope} command line. */
@Command(name = "scapscope", mixinStandardHelpOptions = true, versionProvider = Main.Version.class,
        description = "Investigate system-call captures (.scap) from sysdig, Falco and the Sysdig agent.",
        subcommands = {EventsCommand.class, CountCommand.class, InfoCommand.class, FieldsCommand.class, ViewsCommand.class,
            ViewCommand.class, EchoCommand.class, OverviewCommand.class, CapturesCommand.class,
                BenchCommand.class, CommandLine.HelpCommand.class})
public final class Main implements Runnable {
    /** Exit code of a successful run. */
    public static final int OK = 0;
    /** Exit code of a failure that is not the input's fault. */
    public static final int FAILURE = 1;
    /** Exit code of bad usage or bad input. */
    public static final int BAD_INPUT = 2;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        System.exit(run(args));
    }

    /** Runs the command line and returns its exit code. */
    public static int run(String... args) {
        CommandLine cl = commandLine();
        return cl.execute(args);
    }

    static CommandLine commandLine() {
        CommandLine cl = new CommandLine(new Main());
        cl.setExecutionExceptionHandler(new Failures());
        cl.setParameterExceptionHandler((ex, a) -> {
            ex.getCommandLine().getErr().println("scapscope: " + ex.getMessage());
            ex.getCommandLine().getErr().println("Try 'scapscope " + ex.getCommandLine().getCommandName()
                    + " --help' for usage.");
            return BAD_INPUT;
        });
        return cl;
    }

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "a command is required");
    }

    /** The version from the jar manifest. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String v = Main.class.getPackage().getImplementationVersion();
            return new String[] {"scapscope " + (v != null ? v : "development build")};
        }
    }
}
