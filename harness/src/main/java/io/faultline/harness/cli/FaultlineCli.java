package io.faultline.harness.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;

/** The entry point of {@code ./faultline}. */
@Command(
    name = "faultline",
    mixinStandardHelpOptions = true,
    version = "faultline 0.1.0",
    description = "A Jepsen-style correctness and performance harness for Raft.",
    subcommands = {DemoCommand.class, RunCommand.class})
public final class FaultlineCli implements Runnable {

  /** Exit code for bad input, a missing binary, or a cluster that failed to start. */
  public static final int EXIT_ERROR = 3;

  @Override
  public void run() {
    builtIn().usage(System.out);
  }

  /** {@code faultline} with its own commands, not the plugins'. */
  private static CommandLine builtIn() {
    // check's model is built, not annotated (CheckCommand): it joins here, in the order of the
    // usage text.
    return new CommandLine(new FaultlineCli())
        .addSubcommand("check", new CommandLine(CheckCommand.spec()))
        .addSubcommand(new ReportCommand())
        .addSubcommand(new BenchCommand())
        .addSubcommand(new CompareCommand())
        .addSubcommand(new CleanCommand());
  }

  /** Builds the command line with Faultline's error handling: one line per user error, exit code 3. */
  public static CommandLine commandLine() {
    CommandLine cl = builtIn();
    for (io.faultline.harness.spi.Plugins p : io.faultline.harness.spi.Plugins.all()) {
      for (Object command : p.commands()) {
        cl.addSubcommand(command);
      }
    }
    return withErrorHandling(cl);
  }

  /**
   * The command line for {@code args}: for {@code check}, {@code faultline} with the check command alone, whose
   * messages and help are the same, and no annotation read: picocli reads the annotations of every command it is
   * given, by reflection, and for a check of small histories that was a good part of the whole process (issue 20).
   * Any other first word: {@link #commandLine()}.
   */
  public static CommandLine commandLine(String... args) {
    if (args.length > 0 && args[0].equals("check")) {
      Runnable usage = () -> builtIn().usage(System.out);
      CommandSpec root = CommandSpec.wrapWithoutInspection(usage).name("faultline");
      return withErrorHandling(
          new CommandLine(root).addSubcommand("check", new CommandLine(CheckCommand.spec())));
    }
    return commandLine();
  }

  private static CommandLine withErrorHandling(CommandLine cl) {
    cl.setParameterExceptionHandler(
        (ex, args) -> {
          CommandLine c = ex.getCommandLine();
          c.getErr().println("faultline: " + ex.getMessage());
          c.getErr().println("Try '" + c.getCommandSpec().qualifiedName() + " --help'.");
          return EXIT_ERROR;
        });
    cl.setExecutionExceptionHandler(
        (ex, c, parseResult) -> {
          // A cluster that cannot start (a missing binary, no leader in time) is the user's to fix,
          // in any
          // command: its message names the cause and ends with the nodes' logs.
          if (ex instanceof UserError || ex instanceof io.faultline.harness.spi.db.DbException) {
            c.getErr().println("faultline: " + ex.getMessage());
            return EXIT_ERROR;
          }
          c.getErr().println("faultline: internal error: " + ex);
          ex.printStackTrace(c.getErr());
          return EXIT_ERROR;
        });
    return cl;
  }

  /** The Faultline checkout: {@code -Dfaultline.root}, set by the launcher, or the working directory. */
  public static java.nio.file.Path root() {
    return java.nio.file.Path.of(System.getProperty("faultline.root", "."))
        .toAbsolutePath()
        .normalize();
  }

  /** What a command printed, and its exit code. */
  public record Output(int exit, String out, String err) {}

  /** Runs {@code ./faultline args} in this JVM and captures what it prints: for tests and embedding. */
  public static Output runCaptured(String... args) {
    java.io.StringWriter out = new java.io.StringWriter();
    java.io.StringWriter err = new java.io.StringWriter();
    CommandLine cl = commandLine(args);
    cl.setOut(new java.io.PrintWriter(out));
    cl.setErr(new java.io.PrintWriter(err));
    int exit = cl.execute(args);
    return new Output(exit, out.toString(), err.toString());
  }

  public static void main(String[] args) {
    System.exit(commandLine(args).execute(args));
  }
}
