package io.faultline.workloads.raft;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.faultline.harness.checker.Verdict;
import io.faultline.harness.cluster.NodeProcess;
import io.faultline.harness.junit.Faultline;
import io.faultline.harness.runner.RunOutcome;
import io.faultline.harness.runner.TestSpec;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * However a run ends, no node process outlives it: a valid run, an invalid one, one whose generator throws, and a
 * harness process interrupted with Ctrl-C (SIGINT).
 */
class NoOrphansIT {

  private static TestSpec spec(String name, String workload) {
    return TestSpec.builder().name(name).workload(workload).nodes(3).concurrency(2).rate(50)
        .timeLimit(Duration.ofSeconds(2)).seed(3).build();
  }

  /** Node JVMs of the store (not their watchdogs) whose data lives under runs of {@code testName}. */
  private static List<ProcessHandle> nodesOf(String testName) {
    String marker = Path.of("results", "runs", testName).toString();
    return ProcessHandle.allProcesses().filter(ProcessHandle::isAlive)
        .filter(p -> p.info().command().map(c -> c.endsWith("/java")).orElse(false))
        .filter(p -> p.info().commandLine().map(c -> c.contains("raft-node.jar") && c.contains(marker)).orElse(false))
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
    List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-cp", System.getProperty("java.class.path"), "-Dfaultline.root=" + Faultline.root(),
        "io.faultline.harness.cli.FaultlineCli", "run", "--name", "orphans-sigint", "--nodes", "3",
        "--concurrency", "2", "--time-limit", "120"));
    Process harness = new ProcessBuilder(cmd).redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
    try {
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
      while (nodesOf("orphans-sigint").size() < 3 && System.nanoTime() < deadline && harness.isAlive()) {
        java.util.concurrent.locks.LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(50));
      }
      assertThat(nodesOf("orphans-sigint")).hasSize(3);
      new ProcessBuilder("kill", "-INT", Long.toString(harness.pid())).start().waitFor(10, TimeUnit.SECONDS);
      assertThat(harness.waitFor(30, TimeUnit.SECONDS)).as("the harness exits on Ctrl-C").isTrue();
      assertNoNodesOf("orphans-sigint");
    } finally {
      harness.destroyForcibly();
    }
  }
}
