package io.faultline.nemesis.process;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.faultline.harness.history.Op;
import io.faultline.harness.junit.Faultline;
import io.faultline.harness.spi.Client;
import io.faultline.harness.spi.NemesisPlan;
import io.faultline.harness.spi.TestSpec;
import io.faultline.nemesis.Await;
import io.faultline.nemesis.NemesisPackages;
import io.faultline.workloads.raft.RaftDb;
import io.faultline.workloads.raft.RaftKvOpsClient;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Process faults against three real nodes of the Raft store: crashes, freezes, and healing them. */
class ProcessFaultsIT {
  private static final Duration PATIENCE = Duration.ofSeconds(20);

  @TempDir Path runDir;

  private RaftDb db;
  private Client client;
  private ProcessNemesis kill;
  private ProcessNemesis pause;

  @BeforeEach
  void startCluster() {
    db = RaftDb.processes(3, RaftDb.jarIn(Faultline.root()), runDir, List.of());
    db.setup();
    kill = ProcessNemesis.kill(db, db.nodes(), 1);
    pause = ProcessNemesis.pause(db, db.nodes(), 1);
  }

  @AfterEach
  void stopCluster() throws Exception {
    if (client != null) {
      client.close();
    }
    db.teardown();
  }

  private static Op nemesisOp(String f, Object value) {
    return Op.invoke(Op.NEMESIS, f, value);
  }

  /** Writes {@code count} values to key {@code k} through {@code node}, each acknowledged. */
  private void write(String node, int count) throws Exception {
    if (client == null) {
      client = RaftKvOpsClient.registers(db, Duration.ofSeconds(5)).open(node);
    }
    for (int i = 0; i < count; i++) {
      assertThat(client.invoke(Op.invoke(0, "write", List.of("k", i))).type())
          .isEqualTo(Op.Type.OK);
    }
  }

  private long field(String node, String name) {
    return db.status(node).map(s -> s.path(name).asLong()).orElse(-1L);
  }

  private String follower() {
    String leader = Await.value("a leader", PATIENCE, db::leader);
    return db.nodes().stream().filter(n -> !n.equals(leader)).reduce((a, b) -> b).orElseThrow();
  }

  @Test
  void aKilledNodeIsGoneThenComesBackWithItsLogAndCatchesUp() throws Exception {
    String victim = follower();
    String survivor = db.nodes().stream().filter(n -> !n.equals(victim)).findFirst().orElseThrow();
    write(survivor, 20);
    Await.until(
        victim + " has the writes",
        PATIENCE,
        () -> field(victim, "commitIndex") >= field(survivor, "commitIndex"));
    long logBefore = field(victim, "lastIndex");

    assertThat(kill.invoke(nemesisOp("kill", List.of(victim))).value()).isEqualTo(List.of(victim));
    assertThat(db.isRunning(victim)).isFalse();
    assertThat(db.status(victim)).isEmpty();
    write(survivor, 20);
    long committed = field(survivor, "commitIndex");

    assertThat(kill.invoke(nemesisOp("start", "all")).value()).isEqualTo(List.of(victim));
    JsonNode back = Await.value(victim + " answering again", PATIENCE, () -> db.status(victim));
    assertThat(back.path("lastIndex").asLong())
        .as("the log it had made durable")
        .isGreaterThanOrEqualTo(logBefore);
    Await.until(
        victim + " catching up to commit index " + committed,
        PATIENCE,
        () -> field(victim, "commitIndex") >= committed);
  }

  @Test
  void aPausedNodeStopsAnsweringUntilItIsResumed() {
    String node = db.nodes().get(1);

    assertThat(pause.invoke(nemesisOp("pause", List.of(node))).value()).isEqualTo(List.of(node));
    Await.until(node + " silent", PATIENCE, () -> db.status(node).isEmpty());
    assertThat(db.isRunning(node)).as("a paused process still exists").isTrue();

    assertThat(pause.invoke(nemesisOp("resume", "all")).value()).isEqualTo(db.nodes());
    Await.until(node + " answering again", PATIENCE, () -> db.status(node).isPresent());
  }

  @Test
  void teardownRestartsKilledNodesAndResumesPausedOnes() throws Exception {
    TestSpec spec = TestSpec.builder().nodes(3).nemesis(List.of("kill", "pause")).seed(1).build();
    NemesisPlan plan = NemesisPackages.plan(spec, db);
    plan.nemesis().setup();
    plan.nemesis().invoke(nemesisOp("kill", List.of("n1")));
    plan.nemesis().invoke(nemesisOp("pause", List.of("n2", "n3")));
    Await.until("n2 silent", PATIENCE, () -> db.status("n2").isEmpty());

    plan.nemesis().teardown();

    assertThat(db.nodes()).allMatch(db::isRunning);
    db.awaitReady();
    assertThat(db.statuses()).containsOnlyKeys("n1", "n2", "n3");
  }
}
