package io.faultline.harness.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.faultline.harness.spi.TestSpec;
import io.faultline.harness.spi.db.DbException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The process backend runs what a spec says, with real processes and signals, at the addresses it gave. */
class ProcessBackendTest {
  @TempDir Path runDir;

  private final List<String> nodes = Backend.names(2);
  private ProcessBackend backend;

  @AfterEach
  void close() {
    if (backend != null) {
      backend.close();
    }
    assertThat(NodeProcess.live()).isEmpty();
  }

  /** A node that writes its data dir and its port into its log, then sleeps. */
  private NodeSpec sleeper(String node) {
    String script = "echo data=$0 port=$1; echo $FAULTLINE_MARK > \"$0/mark\"; exec sleep 600";
    return new NodeSpec(
        new NodeSpec.Binary(Path.of("/bin/sh")),
        List.of(
            "-c",
            script,
            backend.dataDir(node),
            Integer.toString(backend.bind(node, "client").getPort())),
        Map.of("FAULTLINE_MARK", node),
        false);
  }

  @Test
  void eachNodeGetsItsOwnLoopbackPortsDataAndLogAndTheyStayTheSameAcrossARestart() {
    backend = new ProcessBackend(nodes, List.of("raft", "client"), runDir);
    assertThat(backend.bind("n1", "client")).isNotEqualTo(backend.bind("n2", "client"));
    assertThat(backend.bind("n1", "client").getHostString()).isEqualTo("127.0.0.1");
    assertThat(backend.local("n1", "raft")).isEqualTo(backend.reach("n1", "raft"));
    int port = backend.bind("n1", "client").getPort();

    backend.start("n1", sleeper("n1"));
    awaitFile(Path.of(backend.dataDir("n1")).resolve("mark"));
    backend.kill("n1");
    assertThat(backend.isRunning("n1")).isFalse();
    assertThat(backend.started()).isEmpty();
    backend.restart("n1");

    assertThat(backend.isRunning("n1")).isTrue();
    assertThat(backend.bind("n1", "client").getPort()).isEqualTo(port);
    Path log = backend.logFiles().get("n1").get(0);
    until("two lines in " + log, () -> NodeFiles.tail(log, 10).lines().count() >= 2);
    assertThat(backend.tails(5)).contains("--- n1").contains("port=" + port);
  }

  @Test
  void pauseFreezesAndResumeThawsTheNodesOwnProcess() {
    backend = new ProcessBackend(nodes, List.of("client"), runDir);
    backend.start("n2", sleeper("n2"));
    awaitFile(Path.of(backend.dataDir("n2")).resolve("mark"));
    long pid = NodeProcess.live().iterator().next().pid();

    backend.pause("n2");
    until("n2 stopped", () -> state(pid).equals("T"));
    backend.resume("n2");
    until("n2 sleeping again", () -> state(pid).equals("S"));
    backend.stop("n2", Duration.ofSeconds(2));
    assertThat(backend.isRunning("n2")).isFalse();
  }

  @Test
  void aNodeThatExitsAtOnceIsNamedWithTheEndOfItsLog() {
    backend = new ProcessBackend(nodes, List.of("client"), runDir);
    NodeSpec failing =
        new NodeSpec(
            new NodeSpec.Binary(Path.of("/bin/sh")),
            List.of("-c", "echo no such flag --bogus; exit 2"),
            Map.of(),
            false);
    // It may be gone before its start returns, or just after: either way one line names it.
    assertThatThrownBy(
            () -> {
              backend.start("n1", failing);
              until("n1 to exit", () -> !backend.isRunning("n1"));
              backend.requireAlive("node");
            })
        .isInstanceOf(DbException.class)
        .hasMessageContaining("n1")
        .hasMessageContaining("no such flag --bogus");
  }

  @Test
  void aPortTheSystemDidNotDeclareIsRefused() {
    backend = new ProcessBackend(nodes, List.of("client"), runDir);
    assertThatThrownBy(() -> backend.bind("n1", "admin"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("admin");
  }

  @Test
  void theClusterFlagChoosesTheBackendAndAnUnknownOneIsNamed() {
    TestSpec spec = TestSpec.builder().nodes(3).build();
    try (Backend b = Backends.of(spec, runDir, runDir, Map.of("client", 7100), () -> "none")) {
      assertThat(b.name()).isEqualTo("process");
      assertThat(b.nodes()).containsExactly("n1", "n2", "n3");
    }
    assertThat(Backends.known().stream().map(BackendFactory::name)).contains("process", "docker");
  }

  /** Polls {@code condition} every 20 ms for up to ten seconds, then fails naming {@code what}. */
  static void until(String what, BooleanSupplier condition) {
    long deadline = System.nanoTime() + 10_000_000_000L;
    while (!condition.getAsBoolean()) {
      assertThat(System.nanoTime() - deadline).as("waited 10 s for " + what).isNegative();
      LockSupport.parkNanos(20_000_000L);
    }
  }

  private static void awaitFile(Path f) {
    until(f + " to exist", () -> Files.exists(f));
  }

  /** The state letter of {@code /proc/PID/stat}: {@code T} stopped, {@code S} sleeping. */
  private static String state(long pid) {
    try {
      String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
      return stat.substring(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3);
    } catch (java.io.IOException e) {
      return "gone";
    }
  }
}
