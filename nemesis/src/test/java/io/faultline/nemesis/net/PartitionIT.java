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
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Partitions through real proxies between real node processes, seen through the store's admin endpoint. */
class PartitionIT {
  private RaftDb db;
  private ProxyNet net;
  private PartitionNemesis nemesis;

  @BeforeEach
  void startThreeNodesBehindProxies() throws Exception {
    Path run =
        Files.createTempDirectory(Faultline.root().resolve("nemesis/target"), "partition-it");
    db = RaftDb.processes(3, RaftDb.jarIn(Faultline.root()), run, List.of());
    net = ProxyNet.acquire(db, db.nodes(), null);
    db.setup();
    nemesis = new PartitionNemesis(net, db, 7);
  }

  @AfterEach
  void stop() throws Exception {
    try {
      nemesis.teardown();
    } finally {
      db.teardown();
    }
  }

  private static <T> T await(String what, Supplier<Optional<T>> probe) {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
    while (System.nanoTime() < deadline) {
      Optional<T> v = probe.get();
      if (v.isPresent()) {
        return v.get();
      }
      java.util.concurrent.locks.LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(50));
    }
    throw new AssertionError("timed out waiting for " + what);
  }

  private String role(String node) {
    return db.status(node).map(s -> s.path("role").asText()).orElse("unreachable");
  }

  private String leaderSeenBy(String node) {
    return db.status(node).map(s -> s.path("leader").asText(null)).orElse(null);
  }

  @Test
  @SuppressWarnings("unchecked")
  void isolateTheLeaderWriteHealAndTheOldLeaderFollowsTheNewOne() throws Exception {
    String oldLeader = await("a leader", db::leader);
    Op done = nemesis.invoke(Op.invoke(Op.NEMESIS, "start-partition", "isolate-leader"));
    assertThat((Map<Object, Object>) done.value())
        .containsEntry("leader", oldLeader)
        .containsEntry("kind", "isolate-leader");

    String newLeader =
        await("a new leader in the majority", () -> db.leader().filter(l -> !l.equals(oldLeader)));
    await(
        "the old leader to step down (check-quorum)",
        () -> Optional.of(role(oldLeader)).filter(r -> !r.equals("leader")));

    List<InetSocketAddress> majority =
        db.nodes().stream().filter(n -> !n.equals(oldLeader)).map(db::clientAddress).toList();
    try (RaftKvClient client = RaftKvClient.connect(majority, Duration.ofSeconds(5))) {
      client.write("k", "written-during-the-partition");
    }

    nemesis.invoke(Op.invoke(Op.NEMESIS, "stop-partition", null));
    await(
        "the old leader to follow the new one",
        () -> Optional.ofNullable(leaderSeenBy(oldLeader)).filter(newLeader::equals));
    Map<String, InetSocketAddress> oldLeaderFirst = new java.util.LinkedHashMap<>();
    oldLeaderFirst.put(oldLeader, db.clientAddress(oldLeader));
    db.nodes().forEach(n -> oldLeaderFirst.putIfAbsent(n, db.clientAddress(n)));
    try (RaftKvClient client = RaftKvClient.connect(oldLeaderFirst, Duration.ofSeconds(5))) {
      assertThat(client.read("k")).isEqualTo("written-during-the-partition");
    }
  }

  @Test
  @SuppressWarnings("unchecked")
  void aRefusedLinkAndABlackholedLinkBothStopTraffic() throws Exception {
    await("a leader", db::leader);
    for (String mode : List.of("refuse", "blackhole")) {
      Op done =
          nemesis.invoke(
              Op.invoke(Op.NEMESIS, "start-partition", Map.of("kind", "halves", "mode", mode)));
      assertThat((Map<Object, Object>) done.value()).containsEntry("mode", mode);
      @SuppressWarnings("unchecked")
      Map<String, List<String>> drops =
          (Map<String, List<String>>) ((Map<?, ?>) done.value()).get("drops");
      String loner =
          drops.entrySet().stream()
              .filter(e -> e.getValue().size() == 2)
              .map(Map.Entry::getKey)
              .findFirst()
              .orElseThrow();
      await(
          "the lone node to lose its leader",
          () ->
              Optional.of(role(loner))
                  .filter(r -> !r.equals("leader"))
                  .filter(
                      r ->
                          leaderSeenBy(loner) == null
                              || !db.leader()
                                  .map(l -> l.equals(leaderSeenBy(loner)))
                                  .orElse(false)));
      nemesis.invoke(Op.invoke(Op.NEMESIS, "stop-partition", null));
      await(
          "every node to agree on a leader again",
          () ->
              db.leader()
                  .filter(l -> db.nodes().stream().allMatch(n -> l.equals(leaderSeenBy(n)))));
    }
  }
}
