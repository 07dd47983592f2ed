package io.faultline.harness.checker.linear;

import static io.faultline.harness.history.Op.fail;
import static io.faultline.harness.history.Op.info;
import static io.faultline.harness.history.Op.invoke;
import static io.faultline.harness.history.Op.ok;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.faultline.harness.checker.Verdict;
import io.faultline.harness.checker.model.KvModel;
import io.faultline.harness.checker.model.Model;
import io.faultline.harness.checker.model.Models;
import io.faultline.harness.checker.model.MultiRegisterModel;
import io.faultline.harness.checker.model.MutexModel;
import io.faultline.harness.checker.model.RegisterModel;
import io.faultline.harness.history.History;
import io.faultline.harness.history.Keyword;
import io.faultline.harness.history.MalformedHistoryException;
import io.faultline.harness.history.Op;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LinearizabilityCheckerTest {

  private static LinearizabilityResult check(Model<?> model, Op... ops) {
    return new LinearizabilityChecker(model).check(History.of(ops));
  }

  private static List<Object> kv(Object k, Object v) {
    return java.util.Arrays.asList(k, v);
  }

  private static Op nemesis(String f) {
    return new Op(-1, -1, Op.Type.INFO, Op.NEMESIS, f, null, null, null);
  }

  @Test
  void anEmptyHistoryIsLinearizable() {
    assertThat(check(RegisterModel.casRegister(0L)).verdict()).isEqualTo(Verdict.VALID);
  }

  @Test
  void nemesisOpsAloneAreIgnored() {
    assertThat(check(RegisterModel.casRegister(0L), nemesis("start"), nemesis("stop")).verdict())
        .isEqualTo(Verdict.VALID);
  }

  @Test
  void failedOpsDidNotHappen() {
    LinearizabilityResult r =
        check(
            RegisterModel.casRegister(0L),
            invoke(0, "write", 5L),
            fail(0, "write", 5L),
            invoke(1, "cas", List.of(3L, 4L)),
            fail(1, "cas", List.of(3L, 4L)));
    assertThat(r.verdict()).isEqualTo(Verdict.VALID);
    assertThat(r.parts().get(0).operations()).isZero();
  }

  @Test
  void aReadOfAWriteThatFailedIsInvalid() {
    LinearizabilityResult r =
        check(
            RegisterModel.casRegister(0L),
            invoke(0, "write", 5L),
            fail(0, "write", 5L),
            invoke(1, "read", null),
            ok(1, "read", 5L));
    assertThat(r.verdict()).isEqualTo(Verdict.INVALID);
    assertThat(r.parts().get(0).failure().op().f()).isEqualTo("read");
  }

  @Test
  void aSequentialStaleReadIsInvalidAndTheReportNamesIt() {
    LinearizabilityResult r =
        check(
            RegisterModel.register(null),
            invoke(0, "write", 1L),
            ok(0, "write", 1L),
            invoke(1, "write", 2L),
            ok(1, "write", 2L),
            invoke(0, "read", null),
            ok(0, "read", 1L));
    assertThat(r.verdict()).isEqualTo(Verdict.INVALID);
    Failure f = r.parts().get(0).failure();
    assertThat(f.op().value()).isEqualTo(1L);
    assertThat(f.previousOk().value()).isEqualTo(2L);
    assertThat(f.longestLinearized()).isEqualTo(2);
    List<Step> path = f.paths().get(0);
    assertThat(path).extracting(s -> s.op().f()).containsExactly("write", "write", "read");
    assertThat(path.get(1).model()).isEqualTo("2");
    assertThat(path.get(2).error()).isEqualTo("can't read 1 from register 2");
    Map<String, Object> json = r.toJson();
    assertThat(json).containsEntry("valid", false).containsKeys("op", "previous-ok", "final-paths");
  }

  @Test
  void concurrentOpsMayTakeEffectInEitherOrder() {
    assertThat(
            check(
                    RegisterModel.register(null),
                    invoke(0, "write", 1L),
                    invoke(1, "write", 2L),
                    invoke(2, "read", null),
                    ok(2, "read", 1L),
                    ok(1, "write", 2L),
                    ok(0, "write", 1L),
                    invoke(2, "read", null),
                    ok(2, "read", 1L))
                .verdict())
        .isEqualTo(Verdict.VALID);
  }

  @Test
  void aReadOfNilIsAlwaysLegal() {
    assertThat(
            check(RegisterModel.register(3L), invoke(0, "read", null), ok(0, "read", null))
                .verdict())
        .isEqualTo(Verdict.VALID);
  }

  @Test
  void anIndeterminateWriteMayTakeEffectLaterOrNever() {
    Model<?> m = RegisterModel.register(0L);
    Op[] later = {
      invoke(0, "write", 1L), info(0, "write", 1L),
      invoke(1, "read", null), ok(1, "read", 0L),
      invoke(1, "read", null), ok(1, "read", 1L),
    };
    assertThat(check(m, later).verdict()).isEqualTo(Verdict.VALID);
    Op[] never = {
      invoke(0, "write", 1L),
      invoke(1, "read", null),
      ok(1, "read", 0L),
      invoke(1, "read", null),
      ok(1, "read", 0L),
    };
    assertThat(check(m, never).verdict()).isEqualTo(Verdict.VALID);
    Op[] notBack = {
      invoke(0, "write", 1L), info(0, "write", 1L),
      invoke(1, "read", null), ok(1, "read", 1L),
      invoke(1, "read", null), ok(1, "read", 0L),
    };
    assertThat(check(m, notBack).verdict()).isEqualTo(Verdict.INVALID);
  }

  @Test
  void casNeedsTheExpectedValue() {
    Model<?> m = RegisterModel.casRegister(0L);
    assertThat(
            check(
                    m,
                    invoke(0, "cas", List.of(0L, 1L)),
                    ok(0, "cas", List.of(0L, 1L)),
                    invoke(0, "read", null),
                    ok(0, "read", 1L))
                .verdict())
        .isEqualTo(Verdict.VALID);
    assertThat(check(m, invoke(0, "cas", List.of(2L, 1L)), ok(0, "cas", List.of(2L, 1L))).verdict())
        .isEqualTo(Verdict.INVALID);
  }

  @Test
  void checkedFailsKeepAFailedCasAsAnObservation() {
    Op[] ops = {
      invoke(0, "cas", List.of(0L, 1L)), fail(0, "cas", List.of(0L, 1L)),
    };
    LinearizabilityOptions checked = LinearizabilityOptions.defaults().withCheckedFails(true);
    Model<?> m = RegisterModel.casRegister(0L);
    assertThat(new LinearizabilityChecker(m).check(History.of(ops)).verdict())
        .isEqualTo(Verdict.VALID);
    assertThat(new LinearizabilityChecker(m, checked).check(History.of(ops)).verdict())
        .isEqualTo(Verdict.INVALID);
  }

  @Test
  void aMutexCannotBeAcquiredTwice() {
    Model<?> m = MutexModel.of(new Keyword("free"));
    assertThat(
            check(
                    m,
                    invoke(0, "acquire", null),
                    ok(0, "acquire", null),
                    invoke(1, "acquire", null),
                    ok(1, "acquire", null))
                .verdict())
        .isEqualTo(Verdict.INVALID);
    assertThat(
            check(
                    m,
                    invoke(0, "acquire", null),
                    ok(0, "acquire", null),
                    invoke(0, "release", null),
                    ok(0, "release", null),
                    invoke(1, "acquire", null),
                    ok(1, "acquire", null))
                .verdict())
        .isEqualTo(Verdict.VALID);
  }

  @Test
  void multiRegisterTransactionsReadTheirOwnWrites() {
    Model<?> m = new MultiRegisterModel(Map.of(new Keyword("x"), 0L, new Keyword("y"), 0L));
    Keyword r = new Keyword("read");
    Keyword w = new Keyword("write");
    Keyword x = new Keyword("x");
    Keyword y = new Keyword("y");
    List<Object> txn = List.of(List.of(w, x, 1L), List.of(r, x, 1L), List.of(r, y, 0L));
    assertThat(check(m, invoke(0, "txn", txn), ok(0, "txn", txn)).verdict())
        .isEqualTo(Verdict.VALID);
    List<Object> bad = List.of(List.of(r, y, 7L));
    assertThat(check(m, invoke(0, "txn", bad), ok(0, "txn", bad)).verdict())
        .isEqualTo(Verdict.INVALID);
  }

  @Test
  void kvIsCheckedPerKeyAndReportsTheFailingKey() {
    Model<?> m = new KvModel(null);
    LinearizabilityResult r =
        check(
            m,
            invoke(0, "write", List.of("a", 1L)),
            ok(0, "write", List.of("a", 1L)),
            invoke(1, "write", List.of("b", 2L)),
            ok(1, "write", List.of("b", 2L)),
            invoke(0, "read", kv("a", null)),
            ok(0, "read", List.of("a", 1L)),
            invoke(1, "read", kv("b", null)),
            ok(1, "read", List.of("b", 1L)));
    assertThat(r.partitioned()).isTrue();
    assertThat(r.verdict()).isEqualTo(Verdict.INVALID);
    assertThat(r.toJson().get("failures")).isEqualTo(List.of("b"));
  }

  @Test
  void kvGetPutAppendOverStringsWhereAMissingKeyReadsEmpty() {
    Model<?> m = Models.create("kv", null);
    Op[] ops = {
      invoke(0, "get", kv("k", null)), ok(0, "get", List.of("k", "")),
      invoke(0, "append", List.of("k", "x")), ok(0, "append", List.of("k", "x")),
      invoke(1, "append", List.of("k", "y")), ok(1, "append", List.of("k", "y")),
      invoke(0, "get", kv("k", null)), ok(0, "get", List.of("k", "xy")),
      invoke(0, "put", List.of("k", "z")), ok(0, "put", List.of("k", "z")),
      invoke(0, "get", kv("k", null)), ok(0, "get", List.of("k", "z")),
    };
    assertThat(check(m, ops).verdict()).isEqualTo(Verdict.VALID);
    LinearizabilityOptions whole = LinearizabilityOptions.defaults().withPartition(false);
    assertThat(new LinearizabilityChecker(m, whole).check(History.of(ops)).verdict())
        .isEqualTo(Verdict.VALID);
    ops[7] = ok(0, "get", List.of("k", "yx"));
    assertThat(check(m, ops).verdict()).isEqualTo(Verdict.INVALID);
    assertThat(new LinearizabilityChecker(m, whole).check(History.of(ops)).verdict())
        .isEqualTo(Verdict.INVALID);
  }

  @Test
  void aProcessThatInvokesTwiceWithoutCompletingIsAnError() {
    assertThatThrownBy(
            () ->
                check(RegisterModel.register(null), invoke(0, "write", 1L), invoke(0, "write", 2L)))
        .isInstanceOf(MalformedHistoryException.class)
        .hasMessageContaining("process 0 invoked write while its write at op 0 was still open");
  }

  @Test
  void anUnknownFunctionGivesUnknownWithTheCause() {
    LinearizabilityResult r =
        check(RegisterModel.register(null), invoke(0, "frob", 1L), ok(0, "frob", 1L));
    assertThat(r.verdict()).isEqualTo(Verdict.UNKNOWN);
    assertThat(r.parts().get(0).cause()).contains("model register cannot apply frob 1");
  }

  /** Many concurrent indeterminate writes, then reads that force the search through their orders, then a lie. */
  private static List<Op> pathological() {
    List<Op> ops = new ArrayList<>();
    int writers = 40;
    for (int p = 0; p < writers; p++) {
      ops.add(invoke(p, "write", (long) p));
    }
    for (int i = 0; i < 200; i++) {
      ops.add(invoke(1000, "read", null));
      ops.add(ok(1000, "read", (long) (i * 7 % writers)));
    }
    ops.add(invoke(1000, "read", null));
    ops.add(ok(1000, "read", -1L));
    return ops;
  }

  @Test
  void aPathologicalHistoryEndsInUnknownAtTheTimeoutNotAHang() {
    List<Op> ops = pathological();
    LinearizabilityOptions o =
        LinearizabilityOptions.defaults().withTimeout(Duration.ofMillis(500));
    LinearizabilityResult r =
        new LinearizabilityChecker(RegisterModel.register(null), o).check(History.of(ops));
    assertThat(r.verdict()).isIn(Verdict.UNKNOWN, Verdict.INVALID);
    if (r.verdict() == Verdict.UNKNOWN) {
      assertThat(r.parts().get(0).cause()).startsWith("timed out");
    }
  }

  @Test
  void theMemoryGuardEndsInUnknownInsteadOfRunningOutOfHeap() {
    List<Op> ops = pathological();
    LinearizabilityOptions o = LinearizabilityOptions.defaults().withMemoryFraction(0.0001);
    LinearizabilityResult r =
        new LinearizabilityChecker(RegisterModel.register(null), o).check(History.of(ops));
    assertThat(r.verdict()).isEqualTo(Verdict.UNKNOWN);
    assertThat(r.parts().get(0).cause()).startsWith("memory guard");
  }
}
