package io.faultline.harness.generator;

import static io.faultline.harness.generator.Generators.any;
import static io.faultline.harness.generator.Generators.filter;
import static io.faultline.harness.generator.Generators.flipFlop;
import static io.faultline.harness.generator.Generators.invoke;
import static io.faultline.harness.generator.Generators.limit;
import static io.faultline.harness.generator.Generators.map;
import static io.faultline.harness.generator.Generators.mix;
import static io.faultline.harness.generator.Generators.once;
import static io.faultline.harness.generator.Generators.repeat;
import static io.faultline.harness.generator.Generators.untilOk;
import static io.faultline.harness.generator.Schedules.invocations;
import static org.assertj.core.api.Assertions.assertThat;

import io.faultline.harness.history.History;
import io.faultline.harness.history.Op;
import java.time.Duration;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(10)
class ChoiceAndTransformTest {
  private static final Generator READS = repeat(invoke("read", null));
  private static final Generator WRITES = repeat(invoke("write", null));
  private final Simulator sim = Simulator.of(2).latency(Duration.ofMillis(10));

  @Test
  void mixChoosesRandomlyButTheSeedFixesEveryChoice() {
    Generator g = limit(1000, mix(READS, WRITES));
    Map<String, Long> counts =
        Simulator.invocations(sim.run(g)).stream()
            .collect(Collectors.groupingBy(Op::f, Collectors.counting()));
    assertThat(counts.get("read")).isBetween(420L, 580L);
    assertThat(counts.get("write")).isEqualTo(1000 - counts.get("read"));
    assertThat(invocations(sim.seed(3).run(limit(20, mix(READS, WRITES)))))
        .isEqualTo(invocations(sim.seed(3).run(limit(20, mix(READS, WRITES)))))
        .isNotEqualTo(invocations(sim.seed(4).run(limit(20, mix(READS, WRITES)))));
  }

  @Test
  void mixDropsExhaustedGenerators() {
    Generator g = limit(5, mix(once("cas", null), READS));
    assertThat(Simulator.invocations(sim.run(g)))
        .extracting(Op::f)
        .containsOnlyOnce("cas")
        .hasSize(5);
  }

  @Test
  void anyTakesTheSoonestOpOfItsGenerators() {
    Generator slow = Generators.delay(Duration.ofMillis(100), limit(2, WRITES));
    Generator g = any(slow, limit(2, READS));
    assertThat(invocations(Simulator.of(1).latency(Duration.ofMillis(10)).run(g)))
        .containsExactly("0ms p0 write", "10ms p0 read", "20ms p0 read", "100ms p0 write");
  }

  @Test
  void flipFlopAlternatesAndStopsWhenEitherStops() {
    Generator g = flipFlop(READS, limit(2, WRITES));
    assertThat(invocations(Simulator.of(1).latency(Duration.ofMillis(10)).run(g)))
        .containsExactly(
            "0ms p0 read", "10ms p0 write", "20ms p0 read", "30ms p0 write", "40ms p0 read");
  }

  @Test
  void untilOkStopsAfterTheFirstOkAndIgnoresFailures() {
    Function<Op, Op.Type> failTwice = op -> op.time() < 20_000_000 ? Op.Type.FAIL : Op.Type.OK;
    History h =
        Simulator.of(1).latency(Duration.ofMillis(10)).outcome(failTwice).run(untilOk(READS));
    assertThat(Schedules.all(h))
        .containsExactly(
            "0ms p0 invoke read",
            "10ms p0 fail read",
            "10ms p0 invoke read",
            "20ms p0 fail read",
            "20ms p0 invoke read",
            "30ms p0 ok read");
  }

  @Test
  void untilOkLetsOpsInFlightFinishOnOtherThreads() {
    Simulator twoThreads =
        Simulator.of(2).latency(op -> op.process() == 0 ? 10_000_000L : 50_000_000L);
    History h = twoThreads.run(untilOk(READS));
    assertThat(invocations(h)).containsExactly("0ms p0 read", "0ms p1 read");
    assertThat(h.size()).isEqualTo(4);
  }

  @Test
  void anInfoMovesTheThreadToProcessPPlusConcurrency() {
    Function<Op, Op.Type> crashFirst = op -> op.time() == 0 ? Op.Type.INFO : Op.Type.OK;
    History h =
        Simulator.of(2).latency(Duration.ofMillis(10)).outcome(crashFirst).run(limit(6, READS));
    assertThat(invocations(h))
        .containsExactly(
            "0ms p0 read",
            "0ms p1 read",
            "10ms p2 read",
            "10ms p3 read",
            "20ms p2 read",
            "20ms p3 read");
  }

  @Test
  void mapRewritesOpsAndFilterDropsThem() {
    Generator numbers =
        Generators.seq(
            java.util.stream.LongStream.range(0, 8)
                .mapToObj(i -> once("write", i))
                .collect(Collectors.toList()));
    Generator g =
        map(
            op -> op.withValue((Long) op.value() * 10),
            filter(op -> (Long) op.value() % 2 == 0, numbers));
    assertThat(invocations(Simulator.of(1).latency(Duration.ofMillis(10)).run(g)))
        .containsExactly(
            "0ms p0 write 0", "10ms p0 write 20", "20ms p0 write 40", "30ms p0 write 60");
  }
}
