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
 * expose it, must give INVALID, with the evidence in {@code results.json}.
 */
class DetectionIT {

  @Test
  void staleReadsAreCaughtUnderPartitions() {
    TestSpec spec = TestSpec.builder().name("suite-detect-stale-reads").nodes(5).concurrency(10).rate(100)
        .timeLimit(Duration.ofSeconds(15)).nemesis(List.of("partition")).nemesisInterval(Duration.ofSeconds(3))
        .sutOption("unsafe", "stale-reads").seed(1).build();
    RunOutcome outcome = Faultline.run(spec);

    assertThat(outcome.verdict()).as("verdict of %s", outcome.run()).isEqualTo(Verdict.INVALID);
    @SuppressWarnings("unchecked")
    Map<String, Object> lin = (Map<String, Object>) Json.read(outcome.run().results(), Map.class).get("linearizability");
    assertThat((List<?>) lin.get("failures")).as("keys with a stale read").isNotEmpty();
    assertThat(outcome.run().report()).exists();
  }
}
