package io.faultline.raft.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.faultline.raft.client.DefiniteFailure;
import io.faultline.raft.client.RaftKvClient;
import io.faultline.raft.net.IoTransport;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * End to end: three real node processes on loopback, driven through the client library and the admin endpoint.
 * Kill the leader with SIGKILL, keep writing through the new leader, restart the killed node from its data
 * directory and watch it catch up, then stop a node with SIGTERM.
 */
class RaftClusterIT {
  @TempDir Path dir;

  @Test
  @Timeout(value = 300, unit = TimeUnit.SECONDS)
  void threeNodesSurviveLeaderCrashAndRestart() throws Exception {
    assertThat(NodeProcesses.JAR).as("run after package").exists();
    try (NodeProcesses nodes = new NodeProcesses(dir, 3)) {
      // n1 on Java's NIO, the others on the default transport (native epoll here): one wire
      // protocol.
      nodes.start("n1", List.of("--io", "nio"));
      nodes.start("n2");
      nodes.start("n3");
      assertThat(NodeProcesses.await(() -> nodes.leader() != null, Duration.ofSeconds(60)))
          .as("a leader is elected; log:%n%s", nodes.log("n1"))
          .isTrue();
      // A node logs its transport as it starts listening, which may come after the election.
      NodeProcesses.await(
          () ->
              logOf(nodes, "n1").contains(" io nio ")
                  && logOf(nodes, "n2").contains(" io " + IoTransport.best() + " "),
          Duration.ofSeconds(30));
      assertThat(nodes.log("n1")).contains(" io nio ");
      assertThat(nodes.log("n2")).contains(" io " + IoTransport.best() + " ");

      try (RaftKvClient client =
          RaftKvClient.connect(nodes.clientAddresses(), Duration.ofSeconds(20))) {
        client.write("x", "1");
        assertThat(client.read("x")).isEqualTo("1");
        assertThat(client.cas("x", "1", "2")).isTrue();
        assertThat(client.cas("x", "1", "3")).isFalse();
        client.append("list", "a");
        client.append("list", "b");
        assertThat(client.read("list")).isEqualTo(List.of("a", "b"));
        assertThat(client.read("missing")).isNull();

        String old = nodes.leader();
        nodes.kill(old);
        client.write("x", "after-crash");
        assertThat(client.read("x")).isEqualTo("after-crash");
        long target =
            nodes.ids().stream()
                .filter(id -> !id.equals(old))
                .mapToLong(nodes::commitIndex)
                .max()
                .orElseThrow();

        nodes.start(old);
        assertThat(
                NodeProcesses.await(() -> nodes.lastApplied(old) >= target, Duration.ofSeconds(60)))
            .as("restarted node catches up; log:%n%s", nodes.log(old))
            .isTrue();
        assertThat(NodeProcesses.field(nodes.status(old), "readMode")).isEqualTo("read-index");

        // Leadership transfer through the admin endpoint (retried: it gives up if the target lags).
        assertThat(
                NodeProcesses.await(
                    () -> {
                      String leader = nodes.leader();
                      if (leader != null && !leader.equals(old)) {
                        nodes.transferLeadership(leader, old);
                      }
                      return old.equals(nodes.leader());
                    },
                    Duration.ofSeconds(60)))
            .as("leadership moves to %s", old)
            .isTrue();
        client.append("list", "c");
        assertThat(client.read("list")).isEqualTo(List.of("a", "b", "c"));
      }

      Process p = nodes.process(nodes.ids().get(0));
      p.destroy(); // SIGTERM
      assertThat(p.waitFor(20, TimeUnit.SECONDS)).as("clean shutdown on SIGTERM").isTrue();
      assertThat(nodes.log(nodes.ids().get(0))).contains("stopped");
    }
  }

  @Test
  @Timeout(value = 60, unit = TimeUnit.SECONDS)
  void badFlagExitsWithTwoAndOneLine() throws Exception {
    Process p =
        new ProcessBuilder(NodeProcesses.javaCommand("--id", "n1", "--bogus"))
            .redirectErrorStream(true)
            .start();
    String out = new String(p.getInputStream().readAllBytes());
    assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).isEqualTo(2);
    // One line of ours (the JVM itself may add warnings of its own on a loaded machine).
    assertThat(out.lines().filter(l -> l.startsWith("raft-node:")).toList())
        .singleElement()
        .asString()
        .contains("--bogus");
    assertThat(out).doesNotContain("Exception");
  }

  @Test
  @Timeout(value = 60, unit = TimeUnit.SECONDS)
  void clientWithNoReachableNodeFailsDefinitely() throws Exception {
    int port = NodeProcesses.freePort();
    try (RaftKvClient client =
        RaftKvClient.connect(
            List.of(new java.net.InetSocketAddress("127.0.0.1", port)), Duration.ofMillis(300))) {
      assertThatThrownBy(() -> client.write("x", "1")).isInstanceOf(DefiniteFailure.class);
    }
    assertThat(Files.exists(dir)).isTrue();
  }

  private static String logOf(NodeProcesses nodes, String id) {
    try {
      return nodes.log(id);
    } catch (java.io.IOException e) {
      return "";
    }
  }
}
