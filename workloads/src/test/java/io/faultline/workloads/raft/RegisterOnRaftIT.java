package io.faultline.workloads.raft;

import static org.assertj.core.api.Assertions.assertThat;

import io.faultline.harness.checker.Verdict;
import io.faultline.harness.history.History;
import io.faultline.harness.history.Op;
import io.faultline.harness.history.codec.HistoryFormat;
import io.faultline.harness.junit.Faultline;
import io.faultline.harness.runner.RunOutcome;
import io.faultline.harness.spi.TestSpec;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The register workload against three real node processes of the store, end to end, with no faults. */
class RegisterOnRaftIT {

  @Test
  void aHealthyClusterGivesALinearizableStoredHistory() {
    TestSpec spec =
        TestSpec.builder()
            .name("it-register-healthy")
            .nodes(3)
            .concurrency(4)
            .rate(100)
            .timeLimit(Duration.ofSeconds(5))
            .seed(11)
            .build();
    RunOutcome outcome = Faultline.run(spec);
    assertThat(outcome.verdict()).isEqualTo(Verdict.VALID);
    assertThat(outcome.ok()).isGreaterThan(100);
    History history = HistoryFormat.JSONL.read(outcome.run().history());
    assertThat(history.ops()).anyMatch(op -> op.f().equals("cas") && op.type() == Op.Type.OK);
    assertThat(outcome.run().spec()).isEqualTo(spec);
    assertThat(outcome.run().latency()).exists();
    assertThat(outcome.run().nodes().resolve("n1/node.log")).exists();
  }
}
