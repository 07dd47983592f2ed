package io.faultline.harness.cli;

import io.faultline.harness.bench.BenchInputException;
import io.faultline.harness.bench.BenchTables;
import io.faultline.harness.bench.Comparison;
import io.faultline.harness.bench.JmhJson;
import io.faultline.harness.bench.JmhResult;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code ./faultline compare}: a JMH run against a baseline, one row per benchmark and parameter set, as text and as
 * HTML next to the current run; exit code 1 when any row is slower.
 */
@Command(
    name = "compare",
    mixinStandardHelpOptions = true,
    description = {
      "Compares JMH results (-rf json) with a baseline: one row per benchmark and parameter set.",
      "A row is slower only when the 99.9%% error intervals do not overlap and the change is past the threshold"
          + " (for throughput lower is worse, for time higher is worse).",
      "Writes the table as HTML next to CURRENT. Exit code: 0 no row slower, 1 some row slower, 3 bad input."
    })
final class CompareCommand implements Callable<Integer> {

  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @Parameters(
      index = "0",
      paramLabel = "BASELINE",
      description = "The baseline's JMH JSON, e.g. results/baselines/jmh-default.json.")
  Path baseline;

  @Parameters(
      index = "1",
      paramLabel = "CURRENT",
      description = "The current run's JMH JSON, e.g. results/bench/<timestamp>.json.")
  Path current;

  @Option(
      names = "--threshold",
      paramLabel = "PERCENT",
      defaultValue = "10%",
      description = "The smallest relative change that counts, e.g. 10%% or 5. Default: 10%%.")
  String threshold;

  @Override
  public Integer call() {
    double t = threshold(threshold);
    List<JmhResult> before = read(baseline);
    List<JmhResult> now = read(current);
    Comparison c = Comparison.of(before, now, t);
    PrintWriter out = spec.commandLine().getOut();
    List<List<String>> cells = BenchTables.comparisonCells(c);
    out.print(BenchTables.text(cells));
    out.println(BenchTables.summary(c));
    Path html = htmlPath(current);
    try {
      Files.writeString(
          html,
          BenchTables.html(
              "JMH: " + current.getFileName() + " against " + baseline.getFileName(),
              BenchTables.summary(c),
              cells));
    } catch (IOException e) {
      throw new UserError("cannot write " + html + ": " + e.getMessage());
    }
    out.println("html: " + html);
    out.flush();
    return c.anySlower() ? 1 : 0;
  }

  /** {@code results/bench/X.json} → {@code results/bench/X-compare.html}. */
  static Path htmlPath(Path current) {
    String name = current.getFileName().toString();
    String stem = name.endsWith(".json") ? name.substring(0, name.length() - 5) : name;
    return current.toAbsolutePath().resolveSibling(stem + "-compare.html");
  }

  private static List<JmhResult> read(Path file) {
    try {
      return JmhJson.read(file);
    } catch (BenchInputException e) {
      throw new UserError(e.getMessage());
    }
  }

  /** "10%", "10" or "2.5%" → 0.10, 0.10, 0.025. */
  static double threshold(String s) {
    String digits =
        s.strip().endsWith("%")
            ? s.strip().substring(0, s.strip().length() - 1).strip()
            : s.strip();
    double v;
    try {
      v = Double.parseDouble(digits);
    } catch (NumberFormatException e) {
      throw new UserError("--threshold: not a percentage: " + s + " (e.g. 10%)");
    }
    if (!(v >= 0) || Double.isInfinite(v)) {
      throw new UserError("--threshold: must be 0% or more: " + s);
    }
    return v / 100;
  }
}
