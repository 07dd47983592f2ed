package io.faultline.workloads.raft;

import static org.assertj.core.api.Assertions.assertThat;

import io.faultline.harness.checker.Result;
import io.faultline.harness.checker.Verdict;
import io.faultline.harness.history.History;
import io.faultline.harness.history.Op;
import io.faultline.harness.junit.Faultline;
import io.faultline.harness.replica.ReplicaChecks;
import io.faultline.harness.runner.RunOutcome;
import io.faultline.harness.spi.Client;
import io.faultline.harness.spi.TestSpec;
import io.faultline.harness.store.Json;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The checks below the history against real node processes of the store. */
class ReplicaChecksIT {
  @TempDir Path dir;

  @Test
  void theCorrectStoreAgreesAtCommonIndexesAndKeepsEveryAcknowledgedWrite() {
    TestSpec spec =
        TestSpec.builder()
            .name("it-replica-checks")
            .nodes(3)
            .concurrency(4)
            .rate(100)
            .timeLimit(Duration.ofSeconds(6))
            .seed(5)
            .build();
    RunOutcome outcome = Faultline.run(spec);
    assertThat(outcome.verdict()).isEqualTo(Verdict.VALID);
    Map<?, ?> results = Json.read(outcome.run().results(), Map.class);
    Map<?, ?> agreement = (Map<?, ?>) results.get("replicaAgreement");
    assertThat(agreement.get("valid")).isEqualTo(true);
    assertThat(((Number) agreement.get("samples")).intValue()).isGreaterThan(1);
    assertThat(((Map<?, ?>) ((Map<?, ?>) agreement.get("final")).get("digests"))).hasSize(3);
    Map<?, ?> acks = (Map<?, ?>) results.get("durableAcks");
    assertThat(acks.get("valid")).isEqualTo(true);
    assertThat(((Number) acks.get("acknowledged")).intValue()).isGreaterThan(100);
    assertThat(acks.get("durable")).isEqualTo(acks.get("acknowledged"));
  }

  /**
   * {@code --unsafe-no-fsync}: writes acknowledged in the last half second before every node is killed never reach a
   * disk; after the restart the new leader's entries take their indexes in a new term, so no majority holds them.
   */
  @Test
  void writesAcknowledgedWithoutFsyncAndLostInACrashOfEveryNodeAreFound() throws Exception {
    RaftDb db =
        RaftDb.processes(3, RaftDb.jarIn(Faultline.root()), dir, List.of("--unsafe-no-fsync"));
    try {
      db.setup();
      write(db, 0, 20);
      write(db, 20, 23); // acknowledged, then, well within the half second, every node dies at once
      db.nodes().parallelStream().forEach(db::kill);
      for (String n : db.nodes()) {
        db.restart(n);
      }
      db.awaitReady();
      write(db, 23, 40);
      ReplicaChecks checks = new ReplicaChecks(TestSpec.builder().nodes(3).build(), db);
      checks.finish();
      Map<String, Result> results = checks.results(History.of(List.of()));
      Result acks = results.get("durableAcks");
      assertThat(acks.verdict()).as("%s", acks.toJson()).isEqualTo(Verdict.INVALID);
      assertThat(acks.toJson().get("error").toString())
          .contains("write [k, ")
          .contains("replaced by term");
      assertThat(results.get("replicaAgreement").verdict()).isEqualTo(Verdict.VALID);
    } finally {
      db.teardown();
    }
  }

  /** Writes {@code [k i]} for i in [from, to) through the adapter's client, each acknowledged. */
  private static void write(RaftDb db, int from, int to) throws Exception {
    try (Client c = RaftKvOpsClient.registers(db, Duration.ofSeconds(5)).open("n1")) {
      for (int i = from; i < to; i++) {
        Op done = c.invoke(Op.invoke(0, "write", List.of("k", i)));
        assertThat(done.type()).as("%s", done).isEqualTo(Op.Type.OK);
      }
    }
  }
}
