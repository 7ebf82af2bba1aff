package org.scapscope.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Runs the command line in-process and captures what it prints. */
final class Cli {
    final int exitCode;
    final String out;
    final String err;

    private Cli(int exitCode, String out, String err) {
        this.exitCode = exitCode;
        this.out = out;
        this.err = err;
    }

    static Cli run(Path cache, String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        if (cache != null && args.length > 0 && !args[0].startsWith("-") && !args[0].equals("fields")
                && !args[0].equals("help")) {
            all.add(1, "--cache=" + cache);
        }
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        picocli.CommandLine cl = Main.commandLine(args.length > 0 ? args[0] : null);
        cl.setOut(new PrintWriter(out));
        cl.setErr(new PrintWriter(err));
        int code = cl.execute(all.toArray(new String[0]));
        return new Cli(code, out.toString(), err.toString());
    }

    /**
     * Runs the command line in a process of its own, for what a process has once: its environment
     * ({@code env} added to this one's) and its JVM options, such as its temporary folder.
     */
    static Cli inOwnProcess(java.util.Map<String, String> env, List<String> jvmOptions, String... args)
            throws java.io.IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(ProcessHandle.current().info().command().orElse("java"));
        command.addAll(jvmOptions);
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), Main.class.getName()));
        command.addAll(List.of(args));
        Path out = java.nio.file.Files.createTempFile("cli", ".out");
        Path err = java.nio.file.Files.createTempFile("cli", ".err");
        try {
            ProcessBuilder b = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile());
            b.environment().putAll(env);
            Process p = b.start();
            if (!p.waitFor(5, java.util.concurrent.TimeUnit.MINUTES)) {
                p.destroyForcibly();
                throw new AssertionError("the command line ran for over 5 minutes: " + command);
            }
            int code = p.exitValue();
            return new Cli(code, java.nio.file.Files.readString(out), java.nio.file.Files.readString(err));
        } finally {
            java.nio.file.Files.deleteIfExists(out);
            java.nio.file.Files.deleteIfExists(err);
        }
    }

    List<String> lines() {
        return out.isEmpty() ? List.of() : List.of(out.split("\n", -1)).subList(0, out.split("\n", -1).length - 1);
    }
}
