package io.faultline.nemesis.net;

import static org.assertj.core.api.Assertions.assertThat;

import io.faultline.harness.history.Op;
import io.faultline.harness.junit.Faultline;
import io.faultline.raft.client.RaftKvClient;
import io.faultline.workloads.raft.RaftDb;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A partition really stops replication: with nodes that answer reads from their local state (the store's
 * {@code --unsafe-stale-reads}), a write made in the majority is not seen by the isolated node until the heal.
 */
class PartitionCutsReplicationIT {

  @ParameterizedTest(name = "a {0} partition")
  @ValueSource(strings = {"blackhole", "refuse"})
  void theIsolatedNodeDoesNotSeeTheMajoritysWriteUntilTheHeal(String mode) throws Exception {
    Path run = Files.createTempDirectory(Faultline.root().resolve("nemesis/target"), "cut-it");
    RaftDb db =
        RaftDb.processes(3, RaftDb.jarIn(Faultline.root()), run, List.of("--unsafe-stale-reads"));
    ProxyNet net = ProxyNet.acquire(db, db.nodes(), null);
    PartitionNemesis nemesis = new PartitionNemesis(net, db, 3);
    try {
      db.setup();
      await(db::leader);
      write(db, db.nodes(), "k", "before");
      db.nodes().forEach(n -> awaitValue(db, n, "before"));

      Op done =
          nemesis.invoke(
              Op.invoke(
                  Op.NEMESIS, "start-partition", Map.of("kind", "isolate-one", "mode", mode)));
      Map<?, ?> drops = (Map<?, ?>) ((Map<?, ?>) done.value()).get("drops");
      String lone =
          db.nodes().stream()
              .filter(n -> drops.get(n) instanceof List<?> l && l.size() == 2)
              .findFirst()
              .orElseThrow();
      List<String> majority = db.nodes().stream().filter(n -> !n.equals(lone)).toList();
      write(db, majority, "k", "during");
      assertThat(readLocal(db, lone)).as("the isolated node's own state").isEqualTo("before");

      nemesis.invoke(Op.invoke(Op.NEMESIS, "stop-partition", null));
      awaitValue(db, lone, "during");
    } finally {
      nemesis.teardown();
      db.teardown();
    }
  }

  private static void write(RaftDb db, List<String> nodes, String k, String v) {
    Map<String, InetSocketAddress> byId = new java.util.LinkedHashMap<>();
    nodes.forEach(n -> byId.put(n, db.clientAddress(n)));
    try (RaftKvClient c = RaftKvClient.connect(byId, Duration.ofSeconds(10))) {
      c.write(k, v);
    }
  }

  private static Object readLocal(RaftDb db, String node) {
    try (RaftKvClient c =
        RaftKvClient.connect(List.of(db.clientAddress(node)), Duration.ofSeconds(5))) {
      return c.read("k");
    }
  }

  private static void awaitValue(RaftDb db, String node, String v) {
    await(() -> Optional.ofNullable(readLocal(db, node)).filter(v::equals));
  }

  private static <T> T await(java.util.function.Supplier<Optional<T>> probe) {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
    while (System.nanoTime() < deadline) {
      Optional<T> v = probe.get();
      if (v.isPresent()) {
        return v.get();
      }
      LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(50));
    }
    throw new AssertionError("timed out");
  }
}
