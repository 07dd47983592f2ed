package io.faultline.workloads.queue;

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
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Hand-written queue histories: publishes during the faults, one final read per node. */
class QueueCheckerTest {

  private static Result check(Op... ops) {
    return new QueueChecker().check(History.of(ops));
  }

  private static Op[] read(int process, String node, Long... values) {
    return new Op[] {
      invoke(process, "read", Arrays.asList(node, null)),
      ok(process, "read", Arrays.asList(node, List.of(values)))
    };
  }

  private static Op[] concat(Op[]... parts) {
    return Arrays.stream(parts).flatMap(Arrays::stream).toArray(Op[]::new);
  }

  private static final Op[] PUBLISHES = {
    invoke(0, "publish", 1L), ok(0, "publish", 1L),
    invoke(1, "publish", 2L), info(1, "publish", 2L),
    invoke(2, "publish", 3L), fail(2, "publish", 3L),
    invoke(0, "publish", 4L), ok(0, "publish", 4L)
  };

  @Test
  void agreeingReadsWithEveryAcknowledgedValueAreValid() {
    Result r = check(concat(PUBLISHES, read(5, "n1", 1L, 2L, 4L), read(6, "n2", 1L, 2L, 4L)));
    assertThat(r.verdict()).isEqualTo(Verdict.VALID);
    assertThat(r.toJson())
        .containsEntry("lost", List.of())
        .containsEntry("recovered", List.of(2L))
        .containsEntry("divergent-count", 0)
        .containsEntry("duplicated-count", 0)
        .containsEntry("read-lengths", Map.of("n1", 3, "n2", 3));
  }

  @Test
  void anAcknowledgedValueInNoReadIsLostWithItsAcknowledgementTime() {
    Op[] ops = concat(PUBLISHES, read(5, "n1", 1L), read(6, "n2", 1L));
    Result r = check(ops);
    assertThat(r.verdict()).isEqualTo(Verdict.INVALID);
    assertThat(r.toJson()).containsEntry("lost", List.of(4L)).containsEntry("lost-count", 1);
    assertThat((List<?>) r.toJson().get("lost-acked-at")).hasSize(1);
  }

  @Test
  void aValueOnOneNodeOnlyIsNotLostButAReplicaBehindIsLagging() {
    Result r = check(concat(PUBLISHES, read(5, "n1", 1L, 4L), read(6, "n2", 1L)));
    assertThat(r.verdict()).isEqualTo(Verdict.VALID);
    assertThat(r.toJson()).containsEntry("lost", List.of()).containsEntry("lagging", List.of("n2"));
  }

  @Test
  void readsThatDisagreeInOrderAreDivergent() {
    Result r = check(concat(PUBLISHES, read(5, "n1", 1L, 4L), read(6, "n2", 4L, 1L)));
    assertThat(r.verdict()).isEqualTo(Verdict.INVALID);
    assertThat(r.toJson()).containsEntry("divergent-count", 1);
  }

  @Test
  void duplicatesAreCountedAndAllowedButUnexpectedValuesAreNot() {
    Result dup = check(concat(PUBLISHES, read(5, "n1", 1L, 1L, 4L)));
    assertThat(dup.verdict()).isEqualTo(Verdict.VALID);
    assertThat(dup.toJson()).containsEntry("duplicated", List.of(1L));
    Result unexpected = check(concat(PUBLISHES, read(5, "n1", 1L, 3L, 4L, 9L)));
    assertThat(unexpected.verdict()).isEqualTo(Verdict.INVALID);
    assertThat(unexpected.toJson()).containsEntry("unexpected", List.of(3L, 9L));
  }

  @Test
  void aNodeWithoutAFinalReadMakesAnOtherwiseCleanRunUnknown() {
    Op[] ops =
        concat(
            PUBLISHES,
            read(5, "n1", 1L, 4L),
            new Op[] {
              invoke(6, "read", Arrays.asList("n2", null)),
              fail(6, "read", Arrays.asList("n2", null))
            });
    Result r = check(ops);
    assertThat(r.verdict()).isEqualTo(Verdict.UNKNOWN);
    assertThat(r.toJson()).containsEntry("error", "no final read of n2");
  }
}
