package io.faultline.nemesis.suites;

import static org.assertj.core.api.Assertions.assertThat;

import io.faultline.harness.checker.Verdict;
import io.faultline.harness.history.Op;
import io.faultline.harness.history.codec.HistoryFormat;
import io.faultline.harness.junit.Faultline;
import io.faultline.harness.runner.RunOutcome;
import io.faultline.harness.spi.TestSpec;
import io.faultline.harness.spi.db.ClockSkewable;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The store's correct configuration survives every fault family: a 5-node cluster, the register workload, one family
 * at a time and then all together, then the append and set workloads under all of them; each run VALID, and each
 * history holding the faults it was put through.
 */
class CorrectConfigurationIT {
  private static final String EVERY_FAULT = "partition,kill,pause,clock,packet";

  @ParameterizedTest(name = "register under {0} is valid")
  @ValueSource(strings = {"partition", "kill", "pause", "clock", "packet", EVERY_FAULT})
  void theRegisterWorkloadStaysLinearizable(String faults) {
    assertValidUnder("register", faults, "suite-correct-" + faults.replace(',', '-'));
  }

  @ParameterizedTest(name = "{0} under every fault family is valid")
  @ValueSource(strings = {"append", "set"})
  void theListWorkloadsLoseNothingUnderEveryFault(String workload) {
    assertValidUnder(workload, EVERY_FAULT, "suite-correct-" + workload + "-all-faults");
  }

  /** Runs {@code workload} for 15 s under {@code faults} (a fault every 3 s) and asserts a VALID, complete run. */
  private static void assertValidUnder(String workload, String faults, String name) {
    List<String> families = List.of(faults.split(","));
    if (families.contains("clock")) {
      Assumptions.assumeTrue(
          ClockSkewable.libfaketimeInstalled(),
          "clock faults need libfaketime: apt-get install faketime");
    }
    TestSpec spec =
        TestSpec.builder()
            .name(name)
            .workload(workload)
            .nodes(5)
            .concurrency(10)
            .rate(100)
            .timeLimit(Duration.ofSeconds(15))
            .nemesis(families)
            .nemesisInterval(Duration.ofSeconds(3))
            .seed(faults.hashCode())
            .build();
    RunOutcome outcome = Faultline.run(spec);

    assertThat(outcome.verdict()).as("verdict of %s", outcome.run()).isEqualTo(Verdict.VALID);
    List<Op> history = HistoryFormat.JSONL.read(outcome.run().history()).ops();
    List<Op> faultOps =
        history.stream().filter(op -> op.isNemesis() && op.type() == Op.Type.INFO).toList();
    assertThat(faultOps).as("fault ops in the history").hasSizeGreaterThan(families.size());
    int recovered = indexOfRecovery(history);
    assertThat(history.subList(recovered, history.size()))
        .as("final reads after the cluster recovered")
        .anyMatch(op -> op.f().equals("read") && op.type() == Op.Type.OK);
  }

  /** Where the final phase starts: the completion of the nemesis' wait for recovery. */
  private static int indexOfRecovery(List<Op> history) {
    for (int i = 0; i < history.size(); i++) {
      if (history.get(i).isNemesis()
          && history.get(i).f().equals("await-recovery")
          && history.get(i).type() != Op.Type.INVOKE) {
        return i;
      }
    }
    throw new AssertionError("the run never waited for the cluster to recover");
  }
}
