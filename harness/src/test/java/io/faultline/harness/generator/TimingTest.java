package io.faultline.harness.generator;

import static io.faultline.harness.generator.Generators.delay;
import static io.faultline.harness.generator.Generators.invoke;
import static io.faultline.harness.generator.Generators.limit;
import static io.faultline.harness.generator.Generators.log;
import static io.faultline.harness.generator.Generators.nemesis;
import static io.faultline.harness.generator.Generators.once;
import static io.faultline.harness.generator.Generators.rate;
import static io.faultline.harness.generator.Generators.repeat;
import static io.faultline.harness.generator.Generators.seq;
import static io.faultline.harness.generator.Generators.sleep;
import static io.faultline.harness.generator.Generators.stagger;
import static io.faultline.harness.generator.Generators.timeLimit;
import static io.faultline.harness.generator.Schedules.invocations;
import static org.assertj.core.api.Assertions.assertThat;

import io.faultline.harness.history.History;
import io.faultline.harness.history.Op;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(10)
class TimingTest {
  private static final Generator READS = repeat(invoke("read", null));

  @Test
  void delaySpacesOpsExactlyAcrossAllThreads() {
    History h =
        Simulator.of(3)
            .latency(Duration.ofMillis(1))
            .run(limit(4, delay(Duration.ofMillis(100), READS)));
    assertThat(invocations(h))
        .containsExactly("0ms p0 read", "100ms p0 read", "200ms p0 read", "300ms p0 read");
  }

  @Test
  void staggerAt100OpsPerSecondGivesAboutThatRateWithRandomGaps() {
    Simulator sim = Simulator.of(5).latency(Duration.ofMillis(3)).seed(42);
    History h = sim.run(timeLimit(Duration.ofSeconds(10), rate(100, READS)));
    List<Op> ops = Simulator.invocations(h);
    // 1,000 expected; uniform gaps in [0, 20ms) have a standard deviation of ~5.8ms, so ±5% is > 5
    // sigma.
    assertThat(ops).hasSizeBetween(950, 1050);
    long distinctGaps =
        java.util.stream.IntStream.range(1, ops.size())
            .mapToLong(i -> ops.get(i).time() - ops.get(i - 1).time())
            .distinct()
            .count();
    assertThat(distinctGaps).isGreaterThan(500);
    for (int i = 1; i < ops.size(); i++) {
      assertThat(ops.get(i).time() - ops.get(i - 1).time()).isBetween(0L, 20_000_000L);
    }
    assertThat(invocations(sim.run(timeLimit(Duration.ofSeconds(1), rate(100, READS)))))
        .isEqualTo(invocations(sim.run(timeLimit(Duration.ofSeconds(1), rate(100, READS)))));
  }

  @Test
  void staggerIsATotalRateNotAPerThreadOne() {
    Generator g = timeLimit(Duration.ofSeconds(2), stagger(Duration.ofMillis(10), READS));
    int one = Simulator.invocations(Simulator.of(1).latency(Duration.ofMillis(1)).run(g)).size();
    int ten = Simulator.invocations(Simulator.of(10).latency(Duration.ofMillis(1)).run(g)).size();
    assertThat(one).isBetween(170, 230);
    assertThat(ten).isBetween(170, 230);
  }

  @Test
  void aScheduleThatFallsBehindKeepsItsIntendedTimesAndCatchesUp() {
    // One thread, 100 ms ops, an op due every 10 ms: each op is issued as soon as the thread is
    // free, and the
    // dispatcher reports how late it is against its intended time.
    Dispatcher d = new Dispatcher(limit(3, delay(Duration.ofMillis(10), READS)), 1, 0);
    Dispatcher.Decision.Invoke first = (Dispatcher.Decision.Invoke) d.next(0);
    assertThat(first.intendedTime()).isZero();
    assertThat(d.next(50_000_000)).isEqualTo(new Dispatcher.Decision.Wait(Long.MAX_VALUE));
    d.complete(Op.ok(0, "read", null), 100_000_000);
    Dispatcher.Decision.Invoke second = (Dispatcher.Decision.Invoke) d.next(100_000_000);
    assertThat(second.op().time()).isEqualTo(100_000_000);
    assertThat(second.intendedTime()).isEqualTo(10_000_000);
  }

  @Test
  void timeLimitStopsAtTheLimitAndWaitsForOpsInFlight() {
    History h =
        Simulator.of(2)
            .latency(Duration.ofMillis(300))
            .run(timeLimit(Duration.ofSeconds(1), READS));
    assertThat(invocations(h))
        .containsExactly(
            "0ms p0 read",
            "0ms p1 read",
            "300ms p0 read",
            "300ms p1 read",
            "600ms p0 read",
            "600ms p1 read",
            "900ms p0 read",
            "900ms p1 read");
    assertThat(h.get(h.size() - 1).time()).isEqualTo(1_200_000_000L);
  }

  @Test
  void timeLimitDropsAnOpDueAtOrAfterTheCutoff() {
    Generator g = timeLimit(Duration.ofMillis(250), delay(Duration.ofMillis(100), READS));
    assertThat(invocations(Simulator.of(1).run(g)))
        .containsExactly("0ms p0 read", "100ms p0 read", "200ms p0 read");
  }

  @Test
  void timeLimitEndsAtItsCutoffEvenWhileItsGeneratorIsPending() {
    // After the first read, untilOk-style waiting: the inner generator wants process 0 again, which
    // is busy for 5 s.
    Generator g =
        timeLimit(
            Duration.ofSeconds(1), seq(once("read", null), once(Op.invoke(0, "write", null))));
    History h = Simulator.of(2).latency(Duration.ofSeconds(5)).run(g);
    assertThat(invocations(h)).containsExactly("0ms p0 read");
  }

  @Test
  void sleepCountsFromWhenItsThreadIsFreeAndIsNotRecorded() {
    Generator g =
        nemesis(seq(once("start", null), sleep(Duration.ofSeconds(5)), once("stop", null)));
    History h = Simulator.of(2).latency(Duration.ofMillis(10)).run(g);
    assertThat(Schedules.all(h))
        .containsExactly(
            "0ms nemesis invoke start",
            "10ms nemesis info start",
            "5010ms nemesis invoke stop",
            "5020ms nemesis info stop");
  }

  @Test
  void aSleepingNemesisDoesNotHoldUpTheEndOfATimeLimitedTest() {
    // The next read would be due at the 7 s cutoff, so the main phase ends as soon as the 6 s read
    // completes; the
    // nemesis, asleep until 10 s, holds no thread.
    Generator nemesis = Generators.cycle(seq(sleep(Duration.ofSeconds(5)), once("kill", null)));
    Generator g =
        Generators.phases(
            timeLimit(
                Duration.ofSeconds(7),
                Generators.clientsAndNemesis(delay(Duration.ofSeconds(1), READS), nemesis)),
            Generators.clients(once("final-read", null)));
    History h = Simulator.of(1).latency(Duration.ofMillis(10)).run(g);
    assertThat(invocations(h))
        .containsExactly(
            "0ms p0 read",
            "1000ms p0 read",
            "2000ms p0 read",
            "3000ms p0 read",
            "4000ms p0 read",
            "5000ms p0 read",
            "5000ms nemesis kill",
            "6000ms p0 read",
            "6010ms p0 final-read");
  }

  @Test
  void eachThreadSleepsOnItsOwn() {
    Simulator sim = Simulator.of(2).latency(op -> op.process() == 0 ? 10_000_000L : 30_000_000L);
    Generator g =
        Generators.clients(
            Generators.eachThread(
                seq(once("a", null), sleep(Duration.ofMillis(100)), once("b", null))));
    assertThat(invocations(sim.run(g)))
        .containsExactly("0ms p0 a", "0ms p1 a", "110ms p0 b", "130ms p1 b");
  }

  @Test
  void logTakesNoThreadAndIsNotRecorded() {
    Generator g = seq(once("a", null), log("between"), once("b", null));
    assertThat(invocations(Simulator.of(2).run(g))).containsExactly("0ms p0 a", "0ms p1 b");
  }
}
