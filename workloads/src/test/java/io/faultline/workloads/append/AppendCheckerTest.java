package io.faultline.workloads.append;

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
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Hand-written histories of per-key lists: each anomaly is named with its key and elements. */
class AppendCheckerTest {

  private static Result check(Op... ops) {
    return new AppendChecker().check(History.of(ops));
  }

  private static List<Object> kv(Object k, Object v) {
    return Arrays.asList(k, v);
  }

  private static List<Object> els(long... es) {
    return Arrays.stream(es).boxed().map(Object.class::cast).toList();
  }

  @Test
  void concurrentAppendsAndGrowingReadsAreValid() {
    Result r =
        check(
            invoke(0, "append", kv("k", 1L)), invoke(1, "append", kv("k", 2L)),
            ok(1, "append", kv("k", 2L)), ok(0, "append", kv("k", 1L)),
            invoke(0, "read", kv("k", null)), ok(0, "read", kv("k", els(2, 1))),
            invoke(1, "append", kv("k", 3L)), info(1, "append", kv("k", 3L)),
            invoke(2, "read", kv("j", null)), ok(2, "read", kv("j", els())),
            invoke(0, "read", kv("k", null)), ok(0, "read", kv("k", els(2, 1, 3))));
    assertThat(r.verdict()).isEqualTo(Verdict.VALID);
    Map<String, Object> json = r.toJson();
    assertThat(json)
        .containsEntry("valid", true)
        .containsEntry("model", "list-append")
        .containsEntry("lost", Map.of())
        .containsEntry("duplicated", Map.of())
        .containsEntry("unexpected", Map.of());
  }

  @Test
  void anAcknowledgedAppendMissingFromALaterReadIsLost() {
    Result r =
        check(
            invoke(0, "append", kv("k", 1L)), ok(0, "append", kv("k", 1L)),
            invoke(0, "append", kv("k", 2L)), ok(0, "append", kv("k", 2L)),
            invoke(1, "read", kv("k", null)), ok(1, "read", kv("k", els(1))));
    assertThat(r.verdict()).isEqualTo(Verdict.INVALID);
    assertThat(r.toJson())
        .containsEntry("lost", Map.of("k", List.of(2L)))
        .containsEntry("linearizable", false);
  }

  @Test
  void anElementOnceReadThenGoneIsLost() {
    Result r =
        check(
            invoke(0, "append", kv("k", 1L)), info(0, "append", kv("k", 1L)),
            invoke(1, "read", kv("k", null)), ok(1, "read", kv("k", els(1))),
            invoke(1, "read", kv("k", null)), ok(1, "read", kv("k", els())));
    assertThat(r.verdict()).isEqualTo(Verdict.INVALID);
    assertThat(r.toJson()).containsEntry("lost", Map.of("k", List.of(1L)));
  }

  @Test
  void anElementHeldTwiceIsDuplicated() {
    Result r =
        check(
            invoke(0, "append", kv("k", 1L)), ok(0, "append", kv("k", 1L)),
            invoke(1, "read", kv("k", null)), ok(1, "read", kv("k", els(1, 1))));
    assertThat(r.verdict()).isEqualTo(Verdict.INVALID);
    assertThat(r.toJson())
        .containsEntry("duplicated", Map.of("k", List.of(1L)))
        .containsEntry("lost", Map.of());
  }

  @Test
  void anElementNoOneAppendedToThatKeyIsUnexpected() {
    Result r =
        check(
            invoke(0, "append", kv("j", 7L)), ok(0, "append", kv("j", 7L)),
            invoke(1, "read", kv("k", null)), ok(1, "read", kv("k", els(7))));
    assertThat(r.verdict()).isEqualTo(Verdict.INVALID);
    assertThat(r.toJson()).containsEntry("unexpected", Map.of("k", List.of(7L)));
  }

  @Test
  void readsThatDisagreeOnOrderAreNotLinearizable() {
    Result r =
        check(
            invoke(0, "append", kv("k", 1L)), invoke(1, "append", kv("k", 2L)),
            ok(0, "append", kv("k", 1L)), ok(1, "append", kv("k", 2L)),
            invoke(0, "read", kv("k", null)), ok(0, "read", kv("k", els(1, 2))),
            invoke(1, "read", kv("k", null)), ok(1, "read", kv("k", els(2, 1))));
    assertThat(r.verdict()).isEqualTo(Verdict.INVALID);
    assertThat(r.toJson())
        .containsEntry("lost", Map.of())
        .containsEntry("duplicated", Map.of())
        .containsEntry("unexpected", Map.of())
        .containsEntry("linearizable", false)
        .containsEntry("failures", List.of("k"));
  }

  @Test
  void theOpThatCannotBeLinearizedIsNamedByItsIndexInTheWholeHistory() {
    // the indeterminate append of 9 is never seen, so the search leaves it out; the stale read is
    // still op 6
    Result r =
        check(
            invoke(2, "append", kv("k", 9L)), info(2, "append", kv("k", 9L)),
            invoke(0, "append", kv("k", 1L)), ok(0, "append", kv("k", 1L)),
            invoke(0, "read", kv("k", null)), ok(0, "read", kv("k", els(1))),
            invoke(1, "read", kv("k", null)), ok(1, "read", kv("k", els())));
    assertThat(r.verdict()).isEqualTo(Verdict.INVALID);
    @SuppressWarnings("unchecked")
    Map<String, Object> part =
        (Map<String, Object>) ((Map<String, Object>) r.toJson().get("results")).get("k");
    assertThat((Map<String, Object>) part.get("op"))
        .as("the stale read")
        .containsEntry("index", 6L)
        .containsEntry("completion-index", 7L);
  }
}
