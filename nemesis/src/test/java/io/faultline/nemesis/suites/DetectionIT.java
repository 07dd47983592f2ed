package io.faultline.nemesis.suites;

import static org.assertj.core.api.Assertions.assertThat;

import io.faultline.harness.checker.Verdict;
import io.faultline.harness.junit.Faultline;
import io.faultline.harness.runner.RunOutcome;
import io.faultline.harness.runner.TestSpec;
import io.faultline.harness.store.Json;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A harness is only as good as the bugs it finds: each deliberate bug of the store, paired with the faults that
 * expose it, must give INVALID, with the evidence in {@code results.json}. A suite may try up to {@value #SEEDS} seeds;
 * it prints which seed found the bug and after how many seconds.
 */
class DetectionIT {
  static final int SEEDS = 3;

  /** A 5-node run of {@code workload} with the store's {@code unsafe} bug under {@code faults}: 15 s, a fault every 3. */
  private static TestSpec.Builder suite(String unsafe, String workload, String... faults) {
    return TestSpec.builder().name("suite-detect-" + unsafe).nodes(5).concurrency(10).rate(100).workload(workload)
        .timeLimit(Duration.ofSeconds(15)).nemesis(List.of(faults)).nemesisInterval(Duration.ofSeconds(3))
        .sutOption("unsafe", unsafe);
  }

  /**
   * Runs {@code suite} with seeds 1, 2, ... until one gives INVALID, at most {@value #SEEDS}; returns that run's
   * results (the last run's when none does, so the assertion shows what was found).
   */
  private static Map<String, Object> detect(TestSpec.Builder suite) {
    long start = System.nanoTime();
    RunOutcome outcome = null;
    for (int seed = 1; seed <= SEEDS; seed++) {
      outcome = Faultline.run(suite.seed(seed).build());
      if (outcome.verdict() == Verdict.INVALID) {
        System.out.printf("[faultline] %s: seed %d found the bug after %d s%n", outcome.spec().name(), seed,
            Duration.ofNanos(System.nanoTime() - start).toSeconds());
        break;
      }
    }
    assertThat(outcome.verdict()).as("verdict of %s", outcome.run()).isEqualTo(Verdict.INVALID);
    assertThat(outcome.run().report()).exists();
    @SuppressWarnings("unchecked")
    Map<String, Object> results =
        (Map<String, Object>) Json.read(outcome.run().results(), Map.class).get("linearizability");
    return results;
  }

  @Test
  void staleReadsAreCaughtUnderPartitions() {
    Map<String, Object> results = detect(suite("stale-reads", "register", "partition"));

    assertThat((List<?>) results.get("failures")).as("keys with a stale read").isNotEmpty();
  }

  @Test
  void retriesAppliedTwiceAreCaughtUnderPacketFaults() {
    // A reset cuts replies on half the client links: a write whose reply from the leader is lost is retried.
    Map<String, Object> results = detect(suite("no-dedup", "append", "packet")
        .nemesisOption("packet-kinds", "reset-peer").nemesisInterval(Duration.ofSeconds(2)));

    assertThat((Map<?, ?>) results.get("duplicated")).as("keys holding an element twice").isNotEmpty();
  }

  @Test
  void writesAcknowledgedBeforeTheDiskAreLostWhenEveryNodeIsKilled() {
    Map<String, Object> results =
        detect(suite("no-fsync", "set", "kill").nemesisOption("kill-targets", "all"));

    assertThat((List<?>) results.get("lost")).as("acknowledged adds lost").isNotEmpty();
  }

  @Test
  void writesAcknowledgedBeforeCommitAreLostUnderPartitions() {
    // An isolated leader still acknowledges appends that the majority's new leader never saw.
    Map<String, Object> results = detect(suite("ack-before-commit", "append", "partition")
        .nemesisOption("partition-kinds", "isolate-leader"));

    assertThat((Map<?, ?>) results.get("lost")).as("keys that lost an acknowledged element").isNotEmpty();
  }
}
