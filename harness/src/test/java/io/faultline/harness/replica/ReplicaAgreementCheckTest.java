package io.faultline.harness.replica;

import static org.assertj.core.api.Assertions.assertThat;

import io.faultline.harness.checker.Result;
import io.faultline.harness.checker.Verdict;
import io.faultline.harness.history.History;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Replica agreement over samples: one split sample is enough, and the result names who disagrees where. */
class ReplicaAgreementCheckTest {

  @Test
  void nodesThatAgreeAtEverySampleAreValid() {
    Result r =
        new ReplicaAgreementCheck(
                List.of(
                    new AgreementSample(
                        10, Map.of("n1", "a", "n2", "a", "n3", "a"), "during", 2000),
                    new AgreementSample(
                        40, Map.of("n1", "b", "n2", "b", "n3", "b"), "final", 9000)),
                1,
                "n2 does not answer")
            .check(History.of(List.of()));
    assertThat(r.verdict()).isEqualTo(Verdict.VALID);
    assertThat(r.toJson()).containsEntry("samples", 2).containsEntry("agreedUpTo", 40L);
    assertThat(r.toJson().get("final"))
        .isEqualTo(Map.of("index", 40L, "digests", Map.of("n1", "b", "n2", "b", "n3", "b")));
  }

  @Test
  void twoDigestsAtOneIndexAreInvalidAndNamed() {
    Result r =
        new ReplicaAgreementCheck(
                List.of(
                    new AgreementSample(
                        17, Map.of("n1", "a", "n2", "x", "n3", "a"), "during", 4000)),
                0,
                null)
            .check(History.of(List.of()));
    assertThat(r.verdict()).isEqualTo(Verdict.INVALID);
    assertThat(r.toJson().get("error").toString())
        .contains("index 17")
        .contains("a=[n1, n3]")
        .contains("x=[n2]");
  }

  @Test
  void noSampleAtAllIsUnknownWithTheReasonAndASkippedCheckIsValid() {
    Result r =
        new ReplicaAgreementCheck(List.of(), 3, "n3 has no digest at index 5")
            .check(History.of(List.of()));
    assertThat(r.verdict()).isEqualTo(Verdict.UNKNOWN);
    assertThat(r.toJson().get("error").toString()).contains("n3 has no digest at index 5");
    Result skipped = ReplicaChecks.skipped("the etcd cluster shows no state-machine digests");
    assertThat(skipped.verdict()).isEqualTo(Verdict.VALID);
    assertThat(skipped.toJson())
        .containsEntry("skipped", "the etcd cluster shows no state-machine digests");
  }

  @Test
  void composedWithTheWorkloadsCheckerTheWorstVerdictWinsAndEachPartKeepsItsEntry() {
    Result lin = Result.of(Verdict.VALID, Map.of("valid", true));
    Result split =
        new ReplicaAgreementCheck(
                List.of(new AgreementSample(3, Map.of("n1", "a", "n2", "b"), "final", 1)), 0, null)
            .check(History.of(List.of()));
    Result all =
        Result.composed(
            new java.util.LinkedHashMap<>(
                Map.of("linearizability", lin, "replicaAgreement", split)));
    assertThat(all.verdict()).isEqualTo(Verdict.INVALID);
    assertThat(all.toJson())
        .containsEntry("valid", false)
        .containsKeys("linearizability", "replicaAgreement");
  }
}
