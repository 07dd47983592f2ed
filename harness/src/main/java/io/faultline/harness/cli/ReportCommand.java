package io.faultline.harness.cli;

import io.faultline.harness.history.MalformedHistoryException;
import io.faultline.harness.report.ReportWriter;
import io.faultline.harness.report.RunIndex;
import io.faultline.harness.store.RunDir;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code ./faultline report RUN_DIR}: rebuilds {@code report.html} of a stored run from its files, and the index of
 * runs when the folder is in a results store ({@code <results>/runs/<test>/<stamp>/}).
 */
@Command(
    name = "report",
    mixinStandardHelpOptions = true,
    description = {
      "Rebuilds the HTML report of a stored run from its files (test.json, history.jsonl, results.json),",
      "and results/index.html when the run is in a results store. Prints the report's path."
    })
final class ReportCommand implements Callable<Integer> {

  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @Parameters(paramLabel = "RUN_DIR", description = "A run folder, e.g. results/runs/latest.")
  Path dir;

  @Override
  public Integer call() {
    if (!Files.isDirectory(dir)) {
      throw new UserError(dir + ": no such run folder");
    }
    RunDir run = new RunDir(dir);
    if (!Files.exists(run.history()) && !Files.exists(run.results())) {
      throw new UserError(dir + ": not a run folder (it has no history.jsonl or results.json)");
    }
    PrintWriter out = spec.commandLine().getOut();
    try {
      out.println(ReportWriter.write(run));
      Path runs = dir.toAbsolutePath().normalize().getParent().getParent();
      if (runs != null
          && runs.getFileName() != null
          && runs.getFileName().toString().equals("runs")) {
        out.println(RunIndex.update(runs.getParent()));
      }
    } catch (MalformedHistoryException e) {
      throw new UserError(run.history() + ": " + e.getMessage());
    } catch (UncheckedIOException e) {
      throw new UserError(e.getMessage());
    }
    return 0;
  }
}
