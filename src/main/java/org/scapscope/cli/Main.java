package org.scapscope.cli;

import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code scapscope} command line. */
@Command(name = "scapscope", mixinStandardHelpOptions = true, versionProvider = Main.Version.class,
        description = "Investigate system-call captures (.scap) from sysdig, Falco and the Sysdig agent.")
public final class Main implements Runnable {
    /**
     * The commands, in the order help lists them. Only the one a command line names is built: picocli
     * reads each command's options by reflection, which for all of them takes longer than a count.
     */
    static final List<Class<?>> COMMANDS = List.of(EventsCommand.class, CountCommand.class, InfoCommand.class,
            FieldsCommand.class, ViewsCommand.class, ViewCommand.class, EchoCommand.class, OverviewCommand.class, SpectrogramCommand.class, AlertsCommand.class, StateCommand.class, HttpCommand.class,
            CapturesCommand.class, BenchCommand.class, OpenCommand.class, CommandLine.HelpCommand.class);

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
        CommandLine cl = commandLine(args.length > 0 ? args[0] : null);
        int code;
        try {
            code = cl.execute(args);
        } catch (OutOfMemoryError e) {
            cl.getOut().flush();
            cl.getErr().println(outOfMemory(Runtime.getRuntime().maxMemory()));
            cl.getErr().flush();
            return FAILURE;
        } catch (InternalError e) {
            String cut = org.scapscope.scap.ScapFile.cutShortWhileRead(e);
            if (cut == null) {
                throw e;
            }
            cl.getOut().flush();
            cl.getErr().println("scapscope: " + cut);
            cl.getErr().flush();
            return FAILURE;
        }
        cl.getOut().flush();
        // the standard output drops what it cannot write: a full disk or a device that refuses it
        // must not pass for a whole answer; a pipe whose reader went away (| head) is no failure
        if (System.out.checkError() && StandardOutput.failureMatters()) {
            cl.getErr().println("scapscope: the output could not be written whole to " + StandardOutput.describe()
                    + " (is the disk full?)");
            cl.getErr().flush();
            return code == OK ? FAILURE : code;
        }
        return code;
    }

    /** What to say when the work needed more memory than the Java heap of {@code maxHeap} bytes has. */
    static String outOfMemory(long maxHeap) {
        return String.format(java.util.Locale.ROOT, "scapscope: out of memory: the work needed more than the %,d MB"
                + " the Java heap may take; run it again with a larger heap, for example SCAPSCOPE_JAVA_OPTS=%s",
                maxHeap >> 20, largerHeap(maxHeap));
    }

    /** A heap to try after one of {@code maxHeap} bytes ran out, as a JVM option: at least twice as large. */
    public static String largerHeap(long maxHeap) {
        return "-Xmx" + Math.max(2, 2 * ((maxHeap >> 30) + 1)) + "g";
    }

    /**
     * The command line with the command named {@code first} only, or with every command when
     * {@code first} names none (an option such as --help, help, or a mistyped name).
     */
    static CommandLine commandLine(String first) {
        CommandLine cl = new CommandLine(new Main());
        Class<?> named = COMMANDS.stream()
                .filter(c -> c != CommandLine.HelpCommand.class && c.getAnnotation(Command.class).name().equals(first))
                .findFirst().orElse(null);
        for (Class<?> c : named != null ? List.of(named) : COMMANDS) {
            cl.addSubcommand(c);
        }
        // an empty path would be the current folder: a value lost in a script, never meant
        cl.registerConverter(java.nio.file.Path.class, text -> {
            if (text.isBlank()) {
                throw new CommandLine.TypeConversionException("an empty path is no file or folder");
            }
            return java.nio.file.Path.of(text);
        });
        cl.setExecutionExceptionHandler(new Failures());
        cl.setParameterExceptionHandler((ex, a) -> {
            CommandLine at = ex.getCommandLine();
            at.getErr().println("scapscope: " + ex.getMessage());
            if (ex instanceof CommandLine.UnmatchedArgumentException) {
                CommandLine.UnmatchedArgumentException.printSuggestions(
                        (CommandLine.UnmatchedArgumentException) ex, at.getErr());
            }
            at.getErr().println("Try '" + at.getCommandSpec().qualifiedName() + " --help' for usage.");
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
