package io.faultline.workloads.raft;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.faultline.harness.checker.Verdict;
import io.faultline.harness.checker.linear.LinearizabilityChecker;
import io.faultline.harness.checker.model.KvModel;
import io.faultline.harness.cluster.NodeProcess;
import io.faultline.harness.history.History;
import io.faultline.harness.history.codec.HistoryFormat;
import io.faultline.harness.junit.Faultline;
import io.faultline.harness.runner.RunOutcome;
import io.faultline.harness.spi.TestSpec;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * However a run ends, no node process outlives it: a valid run, an invalid one, one whose generator throws, a
 * harness process interrupted with Ctrl-C (SIGINT), and one killed with SIGKILL, which also leaves a history file that
 * is a checkable prefix of the run.
 */
class NoOrphansIT {

  private static TestSpec spec(String name, String workload) {
    return TestSpec.builder()
        .name(name)
        .workload(workload)
        .nodes(3)
        .concurrency(2)
        .rate(50)
        .timeLimit(Duration.ofSeconds(2))
        .seed(3)
        .build();
  }

  /** Node JVMs of the store (not their watchdogs) whose data lives under runs of {@code testName}. */
  private static List<ProcessHandle> nodesOf(String testName) {
    String marker = Path.of("results", "runs", testName).toString();
    return ProcessHandle.allProcesses()
        .filter(ProcessHandle::isAlive)
        .filter(p -> p.info().command().map(c -> c.endsWith("/java")).orElse(false))
        .filter(
            p ->
                p.info()
                    .commandLine()
                    .map(c -> c.contains("raft-node.jar") && c.contains(marker))
                    .orElse(false))
        .toList();
  }

  private static void assertNoNodesOf(String testName) {
    awaitNoNodes(testName);
    assertThat(nodesOf(testName)).as("node processes left by %s", testName).isEmpty();
    assertThat(NodeProcess.live()).isEmpty();
  }

  private static void awaitNoNodes(String testName) {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
    while (!nodesOf(testName).isEmpty() && System.nanoTime() < deadline) {
      java.util.concurrent.locks.LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(50));
    }
  }

  @Test
  void aValidRunLeavesNoNode() {
    RunOutcome outcome = Faultline.run(spec("orphans-valid", "register"));
    assertThat(outcome.verdict()).isEqualTo(Verdict.VALID);
    assertNoNodesOf("orphans-valid");
  }

  @Test
  void anInvalidRunLeavesNoNode() {
    RunOutcome outcome = Faultline.run(spec("orphans-invalid", "register-judged-invalid"));
    assertThat(outcome.verdict()).isEqualTo(Verdict.INVALID);
    assertNoNodesOf("orphans-invalid");
  }

  @Test
  void aRunThatThrowsLeavesNoNode() {
    assertThatThrownBy(() -> Faultline.run(spec("orphans-throws", "register-that-throws")))
        .hasStackTraceContaining("the generator broke on purpose");
    assertNoNodesOf("orphans-throws");
  }

  @Test
  void ctrlCLeavesNoNode() throws IOException, InterruptedException {
    Process harness = startHarness("orphans-sigint");
    try {
      awaitThreeNodes(harness, "orphans-sigint");
      signal(harness, "INT");
      assertThat(harness.waitFor(30, TimeUnit.SECONDS)).as("the harness exits on Ctrl-C").isTrue();
      assertNoNodesOf("orphans-sigint");
    } finally {
      harness.destroyForcibly();
    }
  }

  @Test
  void aHarnessKilledWithSigkillLeavesNoNodeAndACheckableHistory()
      throws IOException, InterruptedException {
    Process harness = startHarness("orphans-sigkill");
    try {
      awaitThreeNodes(harness, "orphans-sigkill");
      Path history = newestRun("orphans-sigkill").resolve("history.jsonl");
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
      while (historyLines(history) < 50 && System.nanoTime() < deadline) {
        java.util.concurrent.locks.LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(50));
      }
      signal(harness, "KILL");
      assertThat(harness.waitFor(30, TimeUnit.SECONDS)).isTrue();
      assertNoNodesOf("orphans-sigkill");
      History prefix = HistoryFormat.JSONL.read(history);
      assertThat(prefix.size()).isGreaterThanOrEqualTo(50);
      assertThat(new LinearizabilityChecker(new KvModel(null)).check(prefix).verdict())
          .isEqualTo(Verdict.VALID);
    } finally {
      harness.destroyForcibly();
    }
  }

  /** {@code ./faultline run} in a JVM of its own, as a user starts it. */
  private static Process startHarness(String name) throws IOException {
    // Through perl, which resets SIGINT to its default before exec: a test run started in the
    // background of a
    // non-interactive shell inherits SIGINT ignored, and a JVM that starts with it ignored never
    // hears Ctrl-C.
    List<String> cmd =
        new ArrayList<>(
            List.of(
                "perl",
                "-e",
                "$SIG{INT} = 'DEFAULT'; exec @ARGV or die $!",
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp",
                System.getProperty("java.class.path"),
                "-Dfaultline.root=" + Faultline.root(),
                "io.faultline.harness.cli.FaultlineCli",
                "run",
                "--name",
                name,
                "--nodes",
                "3",
                "--concurrency",
                "2",
                "--time-limit",
                "120"));
    return new ProcessBuilder(cmd)
        .redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.DISCARD)
        .start();
  }

  private static void awaitThreeNodes(Process harness, String name) {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (nodesOf(name).size() < 3 && System.nanoTime() < deadline && harness.isAlive()) {
      java.util.concurrent.locks.LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(50));
    }
    assertThat(nodesOf(name)).hasSize(3);
  }

  private static void signal(Process p, String sig) throws IOException, InterruptedException {
    new ProcessBuilder("kill", "-" + sig, Long.toString(p.pid()))
        .start()
        .waitFor(10, TimeUnit.SECONDS);
  }

  private static Path newestRun(String name) throws IOException {
    try (var runs =
        java.nio.file.Files.list(Faultline.root().resolve("results/runs").resolve(name))) {
      return runs.max(java.util.Comparator.naturalOrder()).orElseThrow();
    }
  }

  private static long historyLines(Path history) {
    try (var lines = java.nio.file.Files.lines(history)) {
      return lines.count();
    } catch (IOException | java.io.UncheckedIOException e) {
      return 0;
    }
  }
}
