package io.faultline.harness.cli;

import io.faultline.harness.bench.Baselines;
import io.faultline.harness.bench.BenchInputException;
import io.faultline.harness.bench.BenchTables;
import io.faultline.harness.bench.JmhJson;
import io.faultline.harness.bench.JmhResult;
import io.faultline.harness.bench.Ratios;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code ./faultline bench}: runs {@code jmh/target/benchmarks.jar}, keeps JMH's JSON in
 * {@code results/bench/<timestamp>.json} and prints a table of it. The iteration settings here override the
 * benchmarks' annotations so that the whole suite fits a budget: under 10 minutes by default, under 3 with
 * {@code --quick}, on a 2-core machine.
 */
@Command(
    name = "bench",
    mixinStandardHelpOptions = true,
    description = {
      "Runs the JMH benchmarks (jmh/target/benchmarks.jar) and writes JMH's JSON to results/bench/<timestamp>.json.",
      "Compare the file with a baseline:",
      "  ./faultline compare results/baselines/jmh-default.json results/bench/<timestamp>.json"
    })
final class BenchCommand implements Callable<Integer> {
  private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss");

  /**
   * One fork, six 1-second iterations: the suite in under 10 minutes. Six rather than three longer ones, because
   * JMH's 99.9% interval over n iterations widens with Student's t at n - 1 degrees of freedom (31.6 at 2, 6.9 at 5).
   */
  static final List<String> DEFAULT_SETTINGS =
      List.of("-f", "1", "-wi", "2", "-w", "1s", "-i", "6", "-r", "1s");

  /**
   * A smoke run in under 3 minutes: one short warm-up, three short iterations (the fewest for which JMH gives an error
   * interval), and the smaller sweeps only.
   */
  static final List<String> QUICK_SETTINGS =
      List.of(
          "-f",
          "1",
          "-wi",
          "1",
          "-w",
          "1s",
          "-i",
          "3",
          "-r",
          "1s",
          "-p",
          "clients=1,64",
          "-p",
          "valueSize=16",
          "-p",
          "histories=etcd-register-x102",
          "-p",
          "ops=100000");

  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @Option(
      names = "--quick",
      description = "A smoke run: shorter iterations and smaller sweeps (under 3 minutes).")
  boolean quick;

  @Option(
      names = "--include",
      paramLabel = "REGEX",
      description =
          "Only the benchmarks whose name matches (JMH's regex; repeatable). Default: all.")
  List<String> include = new ArrayList<>();

  @Option(
      names = "--show",
      paramLabel = "FILE",
      description =
          "Run nothing: print the table and the ratios of a stored JMH JSON (a baseline, an earlier run).")
  Path show;

  @Option(
      names = "--baseline",
      paramLabel = "NAME",
      description =
          "Also save the results as results/baselines/jmh-NAME.json (trimmed) with a sidecar"
              + " jmh-NAME.machine.md describing this machine; with --show, save that file instead of running.")
  String baseline;

  @Parameters(
      paramLabel = "JMH_ARG",
      arity = "0..*",
      description =
          "More JMH options after --, e.g. -- -prof gc; they override the settings above.")
  List<String> jmhArgs = new ArrayList<>();

  /**
   * Copies JMH's output to {@code out} line by line, and returns the benchmark runs that JMH reported as failed
   * (JMH goes on after a failure and leaves the run out of its JSON).
   */
  static List<String> relay(InputStream jmhOutput, PrintWriter out) throws IOException {
    List<String> failed = new ArrayList<>();
    String benchmark = "";
    String params = "";
    try (BufferedReader in =
        new BufferedReader(new InputStreamReader(jmhOutput, StandardCharsets.UTF_8))) {
      for (String line = in.readLine(); line != null; line = in.readLine()) {
        out.println(line);
        out.flush();
        if (line.startsWith("# Benchmark: ")) {
          benchmark = line.substring("# Benchmark: ".length()).strip();
          params = "";
        } else if (line.startsWith("# Parameters: ")) {
          params = " " + line.substring("# Parameters: ".length()).strip();
        } else if (line.contains("<failure>")) {
          failed.add(
              benchmark.substring(benchmark.lastIndexOf('.', benchmark.lastIndexOf('.') - 1) + 1)
                  + params);
        }
      }
    }
    return failed;
  }

  private static List<JmhResult> read(Path json, int jmhExit) {
    try {
      return JmhJson.read(json);
    } catch (BenchInputException e) {
      throw new UserError(
          jmhExit == 0 ? e.getMessage() : "JMH exited with " + jmhExit + ": " + e.getMessage());
    }
  }

  private void saveBaseline(PrintWriter out, Path root, Path run) {
    if (baseline == null) {
      return;
    }
    try {
      Path saved = Baselines.save(run, root.resolve("results/baselines"), baseline);
      out.println(
          "baseline: "
              + saved
              + " (describe what else ran on the machine in "
              + Baselines.sidecar(saved).getFileName()
              + ")");
    } catch (BenchInputException e) {
      throw new UserError(e.getMessage());
    }
  }

  private static void print(PrintWriter out, List<JmhResult> results) {
    out.print(BenchTables.text(BenchTables.runCells(results)));
    printRatios(out, results);
  }

  /** The latencies as multiples of the machine's floor, and Faultline's store against etcd, when the run has them. */
  static void printRatios(PrintWriter out, List<JmhResult> results) {
    List<List<String>> floor =
        Ratios.toFloor(
            results,
            Ratios.find(results, ".DsyncWriteBenchmark.write", Map.of("pattern", "overwrite")),
            Ratios.find(results, ".LoopbackRoundTripBenchmark.roundTrip", Map.of()),
            Ratios.find(results, ".ReplicatedCommitBenchmark.commit", Map.of()));
    if (!floor.isEmpty()) {
      out.println();
      out.println(
          "Against the floor (one O_DSYNC 4 KiB write in place; one loopback round trip; a bare commit through"
              + " 3 members: sockets and O_DSYNC writes, nothing else):");
      out.print(BenchTables.text(floor));
    }
    List<List<String>> etcd = Ratios.versus(results, "store", "etcd");
    if (!etcd.isEmpty()) {
      out.println();
      out.println(
          "Side by side with etcd (ratio = this store / etcd; more is better for ops/s, worse for us/op):");
      out.print(BenchTables.text(etcd));
    }
  }

  @Override
  public Integer call() throws IOException, InterruptedException {
    PrintWriter out = spec.commandLine().getOut();
    Path root = FaultlineCli.root();
    if (baseline != null) {
      try {
        Baselines.file(root.resolve("results/baselines"), baseline);
      } catch (BenchInputException e) {
        throw new UserError("--baseline: " + e.getMessage());
      }
    }
    if (show != null) {
      print(out, read(show, 0));
      saveBaseline(out, root, show);
      out.flush();
      return 0;
    }
    Path jar = root.resolve("jmh/target/benchmarks.jar");
    if (!Files.isRegularFile(jar)) {
      throw new UserError(
          "no " + jar + "; build it with: mvn -B -Dmaven.test.skip=true -pl jmh -am package");
    }
    Path dir = root.resolve("results/bench");
    Files.createDirectories(dir);
    Path json = dir.resolve(LocalDateTime.now().format(STAMP) + ".json");
    List<String> cmd =
        new ArrayList<>(
            List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Dfaultline.root=" + root,
                "-jar",
                jar.toString()));
    cmd.addAll(include);
    cmd.addAll(quick ? QUICK_SETTINGS : DEFAULT_SETTINGS);
    cmd.addAll(List.of("-rf", "json", "-rff", json.toString()));
    cmd.addAll(jmhArgs);
    out.println("faultline: " + String.join(" ", cmd));
    out.flush();
    Process jmh =
        new ProcessBuilder(cmd)
            .directory(root.toFile())
            .redirectErrorStream(true)
            .redirectInput(ProcessBuilder.Redirect.INHERIT)
            .start();
    List<String> failed = relay(jmh.getInputStream(), out);
    int exit = jmh.waitFor();
    if (!Files.isRegularFile(json) || Files.size(json) < 8) {
      throw new UserError(
          "JMH exited with "
              + exit
              + " and wrote no results"
              + (failed.isEmpty() ? "" : "; failed: " + String.join("; ", failed)));
    }
    out.println();
    print(out, read(json, exit));
    out.println("json: " + json);
    if (!failed.isEmpty()) {
      out.println(
          "faultline: "
              + failed.size()
              + " benchmark run(s) failed, their rows are missing (see above): "
              + String.join("; ", failed));
      if (failed.stream().anyMatch(f -> f.contains("etcd"))) {
        out.println(
            "faultline: no etcd? install it (apt-get install etcd-server) or leave it out:"
                + " -- -p store=raft,raft-lease");
      }
    }
    saveBaseline(out, root, json);
    out.flush();
    return exit == 0 && failed.isEmpty() ? 0 : FaultlineCli.EXIT_ERROR;
  }
}
