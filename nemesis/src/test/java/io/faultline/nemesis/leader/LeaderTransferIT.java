package io.faultline.nemesis.leader;

import static org.assertj.core.api.Assertions.assertThat;

import io.faultline.harness.checker.Verdict;
import io.faultline.harness.history.Op;
import io.faultline.harness.history.codec.HistoryFormat;
import io.faultline.harness.junit.Faultline;
import io.faultline.harness.runner.RunOutcome;
import io.faultline.harness.spi.TestSpec;
import io.faultline.nemesis.Await;
import io.faultline.workloads.raft.RaftDb;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Leadership transfers against real nodes of the Raft store: the op moves the leader, and a run under it holds. */
class LeaderTransferIT {
  private static final Duration PATIENCE = Duration.ofSeconds(20);

  @TempDir Path runDir;

  @Test
  void theLeaderHandsOverToTheMemberTheOpNamesAndTheClusterFollowsIt() {
    RaftDb db = RaftDb.processes(3, RaftDb.jarIn(Faultline.root()), runDir, List.of());
    db.setup();
    try {
      String leader = Await.value("a leader", PATIENCE, db::leader);
      String target = db.nodes().stream().filter(n -> !n.equals(leader)).findFirst().orElseThrow();
      TransferNemesis nemesis = new TransferNemesis(db, db.nodes(), 1);

      Op done = nemesis.invoke(Op.invoke(Op.NEMESIS, TransferNemesis.F, target));

      assertThat(done.type()).as("%s", done).isEqualTo(Op.Type.OK);
      assertThat(done.value()).isEqualTo(Map.of("from", leader, "to", target));
      Await.until(
          target + " leads", PATIENCE, () -> db.leader().filter(target::equals).isPresent());
      Op refused = nemesis.invoke(Op.invoke(Op.NEMESIS, TransferNemesis.F, "n9"));
      assertThat(refused.type()).as("%s", refused).isEqualTo(Op.Type.FAIL);
    } finally {
      db.teardown();
    }
  }

  @Test
  void aRunUnderRepeatedTransfersIsValidAndRecordsThem() {
    TestSpec spec =
        TestSpec.builder()
            .name("leader-transfers")
            .nodes(3)
            .concurrency(5)
            .rate(50)
            .timeLimit(Duration.ofSeconds(12))
            .nemesis(List.of("leader"))
            .nemesisInterval(Duration.ofSeconds(2))
            .seed(5)
            .build();

    RunOutcome outcome = Faultline.run(spec);

    assertThat(outcome.verdict()).as(outcome.summary()).isEqualTo(Verdict.VALID);
    List<Op> transfers =
        HistoryFormat.JSONL.read(outcome.run().history()).ops().stream()
            .filter(o -> o.isNemesis() && o.f().equals(TransferNemesis.F) && o.type() == Op.Type.OK)
            .toList();
    assertThat(transfers).as("transfers that started").hasSizeGreaterThanOrEqualTo(2);
  }
}
