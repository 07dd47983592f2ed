package io.faultline.workloads.set;

import static io.faultline.harness.history.Op.fail;
import static io.faultline.harness.history.Op.info;
import static io.faultline.harness.history.Op.invoke;
import static io.faultline.harness.history.Op.ok;
import static org.assertj.core.api.Assertions.assertThat;

import io.faultline.harness.checker.Result;
import io.faultline.harness.checker.Verdict;
import io.faultline.harness.history.History;
import io.faultline.harness.history.Op;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Hand-written set histories: adds during the faults, one final read per key. */
class SetCheckerTest {

  private static Result check(Op... ops) {
    return new SetChecker().check(History.of(ops));
  }

  private static List<Object> kv(Object k, Object v) {
    return Arrays.asList(k, v);
  }

  @Test
  void everyAcknowledgedAddPresentIsValidAndIndeterminateOnesPresentAreRecovered() {
    Result r =
        check(
            invoke(0, "add", kv("s", 1L)), ok(0, "add", kv("s", 1L)),
            invoke(1, "add", kv("s", 2L)), info(1, "add", kv("s", 2L)),
            invoke(2, "add", kv("s", 3L)), info(2, "add", kv("s", 3L)),
            invoke(0, "add", kv("s", 4L)), fail(0, "add", kv("s", 4L)),
            invoke(0, "read", kv("s", null)), ok(0, "read", kv("s", List.of(2L, 1L))));
    assertThat(r.verdict()).isEqualTo(Verdict.VALID);
    assertThat(r.toJson())
        .containsEntry("valid", true)
        .containsEntry("attempt-count", 4)
        .containsEntry("acknowledged-count", 1)
        .containsEntry("lost", List.of())
        .containsEntry("unexpected", List.of())
        .containsEntry("recovered", List.of(2L))
        .containsEntry("recovered-count", 1);
  }

  @Test
  void anAcknowledgedAddMissingFromTheFinalReadIsLost() {
    Result r =
        check(
            invoke(0, "add", kv("s", 1L)), ok(0, "add", kv("s", 1L)),
            invoke(1, "add", kv("s", 2L)), ok(1, "add", kv("s", 2L)),
            invoke(0, "read", kv("s", null)), ok(0, "read", kv("s", List.of(2L))));
    assertThat(r.verdict()).isEqualTo(Verdict.INVALID);
    assertThat(r.toJson())
        .containsEntry("valid", false)
        .containsEntry("lost", List.of(1L))
        .containsEntry("lost-count", 1);
  }

  @Test
  void elementsNeverAttemptedOrDefinitelyFailedAreUnexpected() {
    Result r =
        check(
            invoke(0, "add", kv("s", 1L)), fail(0, "add", kv("s", 1L)),
            invoke(0, "add", kv("t", 2L)), ok(0, "add", kv("t", 2L)),
            invoke(0, "read", kv("s", null)), ok(0, "read", kv("s", List.of(1L, 2L, 9L))),
            invoke(0, "read", kv("t", null)), ok(0, "read", kv("t", List.of(2L))));
    assertThat(r.verdict()).isEqualTo(Verdict.INVALID);
    assertThat(r.toJson())
        .containsEntry("unexpected", List.of(1L, 2L, 9L))
        .containsEntry("lost", List.of());
  }

  @Test
  void aSetWithoutAFinalReadIsUnknown() {
    Result r =
        check(
            invoke(0, "add", kv("s", 1L)), ok(0, "add", kv("s", 1L)),
            invoke(0, "read", kv("s", null)), info(0, "read", kv("s", null)));
    assertThat(r.verdict()).isEqualTo(Verdict.UNKNOWN);
    assertThat(r.toJson())
        .containsEntry("valid", "unknown")
        .containsEntry("error", "no final read of [\"s\"]");
  }
}
