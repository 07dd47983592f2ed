package io.faultline.harness.cli;

import io.faultline.harness.bench.BenchInputException;
import io.faultline.harness.bench.BenchTables;
import io.faultline.harness.bench.JmhJson;
import io.faultline.harness.bench.JmhResult;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
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
      "Compare the file with a baseline: ./faultline compare results/baselines/jmh-….json results/bench/<timestamp>.json"
    })
final class BenchCommand implements Callable<Integer> {
  private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss");

  /** One fork, few short iterations: the suite in under 10 minutes. */
  static final List<String> DEFAULT_SETTINGS = List.of("-f", "1", "-wi", "2", "-w", "2s", "-i", "3", "-r", "2s");

  /** A smoke run in under 3 minutes: one short warm-up, two short iterations, the smaller sweeps only. */
  static final List<String> QUICK_SETTINGS = List.of("-f", "1", "-wi", "1", "-w", "1s", "-i", "2", "-r", "1s",
      "-p", "clients=1,64", "-p", "valueSize=16", "-p", "histories=etcd-register-x102", "-p", "ops=100000");

  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @Option(names = "--quick", description = "A smoke run: shorter iterations and smaller sweeps (under 3 minutes).")
  boolean quick;

  @Option(names = "--include", paramLabel = "REGEX",
      description = "Only the benchmarks whose name matches (JMH's regex; repeatable). Default: all.")
  List<String> include = new ArrayList<>();

  @Parameters(paramLabel = "JMH_ARG", arity = "0..*",
      description = "More JMH options after --, e.g. -- -prof gc; they override the settings above.")
  List<String> jmhArgs = new ArrayList<>();

  @Override
  public Integer call() throws IOException, InterruptedException {
    Path root = FaultlineCli.root();
    Path jar = root.resolve("jmh/target/benchmarks.jar");
    if (!Files.isRegularFile(jar)) {
      throw new UserError("no " + jar + "; build it with: mvn -B -Dmaven.test.skip=true -pl jmh -am package");
    }
    Path dir = root.resolve("results/bench");
    Files.createDirectories(dir);
    Path json = dir.resolve(LocalDateTime.now().format(STAMP) + ".json");
    List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-Dfaultline.root=" + root, "-jar", jar.toString()));
    cmd.addAll(include);
    cmd.addAll(quick ? QUICK_SETTINGS : DEFAULT_SETTINGS);
    cmd.addAll(List.of("-rf", "json", "-rff", json.toString()));
    cmd.addAll(jmhArgs);
    PrintWriter out = spec.commandLine().getOut();
    out.println("faultline: " + String.join(" ", cmd));
    out.flush();
    int exit = new ProcessBuilder(cmd).directory(root.toFile()).inheritIO().start().waitFor();
    if (!Files.isRegularFile(json)) {
      throw new UserError("JMH exited with " + exit + " and wrote no results (" + json + ")");
    }
    List<JmhResult> results;
    try {
      results = JmhJson.read(json);
    } catch (BenchInputException e) {
      throw new UserError("JMH exited with " + exit + ": " + e.getMessage());
    }
    out.println();
    out.print(BenchTables.text(BenchTables.runCells(results)));
    out.println("json: " + json);
    out.flush();
    return exit == 0 ? 0 : FaultlineCli.EXIT_ERROR;
  }
}
