package io.faultline.harness.generator;

import static io.faultline.harness.generator.Generators.cycle;
import static io.faultline.harness.generator.Generators.empty;
import static io.faultline.harness.generator.Generators.fn;
import static io.faultline.harness.generator.Generators.invoke;
import static io.faultline.harness.generator.Generators.limit;
import static io.faultline.harness.generator.Generators.of;
import static io.faultline.harness.generator.Generators.once;
import static io.faultline.harness.generator.Generators.repeat;
import static io.faultline.harness.generator.Generators.seq;
import static io.faultline.harness.generator.Schedules.invocations;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.faultline.harness.history.History;
import io.faultline.harness.history.Op;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(10)
class BasicGeneratorsTest {
  private final Simulator oneThread = Simulator.of(1).latency(Duration.ofMillis(10));

  @Test
  void onceEmitsOneOpOnAFreeProcessNow() {
    assertThat(invocations(oneThread.run(once("read", null)))).containsExactly("0ms p0 read");
  }

  @Test
  void theEmptyGeneratorRunsNothing() {
    assertThat(oneThread.run(empty()).ops()).isEmpty();
  }

  @Test
  void limitOfACycleGivesExactlyThatManyOpsBackToBack() {
    Generator g = limit(3, cycle(seq(once("write", 1L), once("read", null))));
    assertThat(invocations(oneThread.run(g)))
        .containsExactly("0ms p0 write 1", "10ms p0 read", "20ms p0 write 1");
  }

  @Test
  void everyInvocationIsFollowedByItsCompletionBeforeTheProcessInvokesAgain() {
    History h = oneThread.run(limit(2, repeat(invoke("read", null))));
    assertThat(Schedules.all(h))
        .containsExactly(
            "0ms p0 invoke read", "10ms p0 ok read", "10ms p0 invoke read", "20ms p0 ok read");
  }

  @Test
  void opsSpreadOverFreeThreadsLowestFirst() {
    History h =
        Simulator.of(3).latency(Duration.ofMillis(10)).run(limit(5, repeat(invoke("read", null))));
    assertThat(invocations(h))
        .containsExactly(
            "0ms p0 read", "0ms p1 read", "0ms p2 read", "10ms p0 read", "10ms p1 read");
  }

  @Test
  void seqRunsEachGeneratorToExhaustionInTurn() {
    Generator g =
        seq(limit(2, repeat(invoke("a", null))), once("b", null), empty(), once("c", null));
    assertThat(invocations(oneThread.run(g)))
        .containsExactly("0ms p0 a", "10ms p0 a", "20ms p0 b", "30ms p0 c");
  }

  @Test
  void cycleRestartsFromTheOriginalAndCountsRounds() {
    Generator g = cycle(2, seq(once("a", null), once("b", null)));
    assertThat(invocations(oneThread.run(g)))
        .containsExactly("0ms p0 a", "10ms p0 b", "20ms p0 a", "30ms p0 b");
  }

  @Test
  void cycleOfAnEmptyGeneratorEndsInsteadOfLooping() {
    assertThat(oneThread.run(cycle(empty())).ops()).isEmpty();
  }

  @Test
  void repeatAsksTheSameGeneratorAfreshEachTime() {
    Generator g = repeat(3, seq(once("a", null), once("b", null)));
    assertThat(invocations(oneThread.run(g))).containsExactly("0ms p0 a", "10ms p0 a", "20ms p0 a");
  }

  @Test
  void aSupplierIsCalledForEachOpAndNullEndsIt() {
    AtomicLong n = new AtomicLong();
    Generator g = of(() -> n.get() < 3 ? invoke("write", n.incrementAndGet()) : null);
    assertThat(invocations(oneThread.run(g)))
        .containsExactly("0ms p0 write 1", "10ms p0 write 2", "20ms p0 write 3");
  }

  @Test
  void aFunctionOfTheContextSeesTheTimeAndTheSeededRandom() {
    Generator g = limit(4, fn(ctx -> invoke("write", ctx.random().nextInt(100))));
    Simulator sim = oneThread.seed(7);
    assertThat(invocations(sim.run(g))).isEqualTo(invocations(sim.run(g)));
    assertThat(invocations(sim.run(g))).isNotEqualTo(invocations(sim.seed(8).run(g)));
    assertThat(invocations(oneThread.run(limit(2, fn(ctx -> invoke("at", ctx.time()))))))
        .containsExactly("0ms p0 at 0", "10ms p0 at 10000000");
  }

  @Test
  void aTemplateNamingAProcessWaitsForThatProcess() {
    Generator g = seq(once("a", null), once(Op.invoke(0, "b", null)));
    History h = Simulator.of(2).latency(Duration.ofMillis(10)).run(g);
    assertThat(invocations(h)).containsExactly("0ms p0 a", "10ms p0 b");
  }

  @Test
  void waitingForAProcessThatNoThreadRunsIsReportedAsStuck() {
    assertThatThrownBy(() -> Simulator.of(2).run(once(Op.invoke(5, "a", null))))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("would wait forever");
  }

  @Test
  void emittingAnOpForABusyOrUnknownProcessIsAnError() {
    Generator bad = ctx -> Yield.emit(Op.invoke(5, "a", null).withTime(0), empty());
    assertThatThrownBy(() -> Simulator.of(2).run(bad))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("not a free process");
  }

  @Test
  void anEndlessGeneratorIsCaughtByTheSimulatorsBudget() {
    assertThatThrownBy(() -> oneThread.maxOps(100).run(repeat(invoke("read", null))))
        .hasMessageContaining("more than 100 invocations");
  }
}
