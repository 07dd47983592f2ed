package io.faultline.harness.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Node processes get real signals, and never outlive the JVM that started them. */
class NodeProcessTest {
  @TempDir Path dir;

  @AfterEach
  void noNodeIsLeft() {
    NodeProcess.killAll();
  }

  private static String state(long pid) throws IOException {
    // The third field of /proc/<pid>/stat: R, S, T (stopped), Z...
    String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
    return stat.substring(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3);
  }

  private static void awaitState(long pid, String wanted) throws IOException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (!state(pid).equals(wanted) && System.nanoTime() < deadline) {
      Thread.onSpinWait();
    }
    assertThat(state(pid)).isEqualTo(wanted);
  }

  @Test
  void aNodeLogsToItsFileAndIsKilledWithSigkill() throws IOException {
    Path log = dir.resolve("n1/node.log");
    NodeProcess p =
        NodeProcess.start(
            "n1", List.of("bash", "-c", "echo hello from n1; exec sleep 600"), Map.of(), log);
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (!(Files.exists(log) && Files.readString(log).contains("hello from n1"))
        && System.nanoTime() < deadline) {
      Thread.onSpinWait();
    }
    assertThat(Files.readString(log)).contains("hello from n1");
    assertThat(p.isAlive()).isTrue();
    p.kill();
    assertThat(p.isAlive()).isFalse();
    assertThat(NodeProcess.live()).doesNotContain(p);
  }

  @Test
  void pauseStopsTheProcessAndResumeContinuesIt() throws IOException {
    NodeProcess p =
        NodeProcess.start("n2", List.of("sleep", "600"), Map.of(), dir.resolve("n2.log"));
    p.pause();
    awaitState(p.pid(), "T");
    p.resume();
    awaitState(p.pid(), "S");
    p.terminate(Duration.ofSeconds(5));
    assertThat(p.isAlive()).isFalse();
  }

  @Test
  void theEnvironmentReachesTheNode() throws IOException {
    // The node lives a moment: one that is gone before start() sees its pid is reported as exited
    // at once.
    Path log = dir.resolve("n3.log");
    NodeProcess p =
        NodeProcess.start(
            "n3",
            List.of("bash", "-c", "echo \"clock=$FAKE_CLOCK\"; sleep 0.5"),
            Map.of("FAKE_CLOCK", "+5"),
            log);
    assertThat(p.awaitExit(Duration.ofSeconds(10))).isTrue();
    assertThat(Files.readString(log)).contains("clock=+5");
  }

  @Test
  void nodesDieWithTheHarnessEvenWhenItIsKilledWithSigkill() throws Exception {
    // A child JVM plays the harness: it starts a node, prints the node's pid, and is then killed
    // with SIGKILL,
    // so no shutdown hook runs. The watchdog must still take the node down.
    String cp = System.getProperty("java.class.path");
    List<String> cmd =
        new ArrayList<>(
            List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp",
                cp,
                HarnessThatStartsANode.class.getName(),
                dir.resolve("orphan.log").toString()));
    Process harness = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    String line =
        new java.io.BufferedReader(new java.io.InputStreamReader(harness.getInputStream()))
            .readLine();
    long nodePid = Long.parseLong(line.strip());
    assertThat(ProcessHandle.of(nodePid)).isPresent();
    harness.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
    ProcessHandle node = ProcessHandle.of(nodePid).orElse(null);
    if (node != null) {
      node.onExit().get(10, TimeUnit.SECONDS);
    }
    assertThat(ProcessHandle.of(nodePid).map(ProcessHandle::isAlive))
        .isIn(java.util.Optional.empty(), java.util.Optional.of(false));
  }

  /** The stand-in harness of the test above. */
  public static final class HarnessThatStartsANode {
    public static void main(String[] args) throws InterruptedException {
      NodeProcess p =
          NodeProcess.start("orphan", List.of("sleep", "600"), Map.of(), Path.of(args[0]));
      System.out.println(p.pid());
      System.out.flush();
      Thread.sleep(600_000);
    }
  }
}
