package io.faultline.nemesis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.faultline.harness.generator.Generator;
import io.faultline.harness.generator.Generators;
import io.faultline.harness.generator.Simulator;
import io.faultline.harness.history.Op;
import io.faultline.harness.spi.NemesisPlan;
import io.faultline.harness.spi.TestSpec;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The fault schedule of a composed plan, simulated: what the seed decides, how often faults come, how they heal. */
class NemesisScheduleTest {
  private static final Duration INTERVAL = Duration.ofSeconds(2);

  @TempDir Path clocks;

  private static TestSpec spec(long seed, String... families) {
    return TestSpec.builder()
        .nodes(3)
        .nemesis(List.of(families))
        .nemesisInterval(INTERVAL)
        .seed(seed)
        .build();
  }

  private NemesisPlan plan(TestSpec spec) {
    return NemesisPackages.plan(spec, new FakeCluster(spec.nodes(), clocks));
  }

  /** The nemesis invocations of {@code gen} over {@code length} of simulated time. */
  private static List<Op> schedule(Generator gen, long seed, Duration length) {
    return Simulator.invocations(
        Simulator.of(2).seed(seed).run(Generators.timeLimit(length, Generators.nemesis(gen))));
  }

  private static List<String> described(List<Op> ops) {
    return ops.stream().map(op -> op.time() + " " + op.f() + " " + op.value()).toList();
  }

  @Test
  void theSeedDecidesTheWholeSchedule() {
    TestSpec a = spec(42, "kill", "pause", "clock");
    List<Op> first = schedule(plan(a).generator(), a.seed(), Duration.ofMinutes(2));
    List<Op> again = schedule(plan(a).generator(), a.seed(), Duration.ofMinutes(2));
    List<Op> other =
        schedule(plan(spec(43, "kill", "pause", "clock")).generator(), 43, Duration.ofMinutes(2));

    assertThat(first).hasSizeGreaterThan(20);
    assertThat(described(again)).isEqualTo(described(first));
    assertThat(described(other)).isNotEqualTo(described(first));
  }

  @Test
  void faultsComeAtTheNemesisIntervalOnAverageWhateverTheNumberOfFamilies() {
    for (String[] families :
        List.of(new String[] {"kill"}, new String[] {"kill", "pause", "clock"})) {
      List<Op> ops = schedule(plan(spec(7, families)).generator(), 7, Duration.ofMinutes(20));
      assertThat(ops.get(0).time())
          .as("the first fault waits an interval")
          .isGreaterThanOrEqualTo(INTERVAL.toNanos());
      long span = ops.get(ops.size() - 1).time() - ops.get(0).time();
      double meanGap = (double) span / (ops.size() - 1);

      assertThat(meanGap)
          .as("mean gap for %s", List.of(families))
          .isCloseTo(INTERVAL.toNanos(), org.assertj.core.data.Percentage.withPercentage(10));
      for (int i = 1; i < ops.size(); i++) {
        assertThat(ops.get(i).time() - ops.get(i - 1).time())
            .isLessThanOrEqualTo(2 * INTERVAL.toNanos() + 1_000_000);
      }
    }
  }

  @Test
  void aMixOfFamiliesDrawsEveryFaultOnTheNemesisProcess() {
    List<Op> ops =
        schedule(plan(spec(5, "kill", "pause", "clock")).generator(), 5, Duration.ofMinutes(10));

    assertThat(ops).allMatch(Op::isNemesis);
    assertThat(ops)
        .extracting(Op::f)
        .contains(
            "kill",
            "start",
            "pause",
            "resume",
            "bump-clock",
            "strobe-clock",
            "skew-clock",
            "reset-clock");
  }

  @Test
  void killsOfOneMinorityMajorityOrAllAlternateWithStarts() {
    List<Op> ops = schedule(plan(spec(9, "kill")).generator(), 9, Duration.ofMinutes(5));

    for (int i = 0; i < ops.size(); i++) {
      assertThat(ops.get(i).f()).isEqualTo(i % 2 == 0 ? "kill" : "start");
    }
    List<Integer> sizes = new ArrayList<>();
    for (Op op : ops) {
      if (op.f().equals("kill")) {
        List<?> nodes = (List<?>) op.value();
        assertThat(nodes).isNotEmpty().allMatch(n -> List.of("n1", "n2", "n3").contains(n));
        sizes.add(nodes.size());
      } else {
        assertThat(op.value()).isEqualTo("all");
      }
    }
    assertThat(sizes).contains(1, 2, 3);
  }

  @Test
  void theFinalGeneratorHealsTheClocksThenThePausesThenTheKills() {
    NemesisPlan plan = plan(spec(1, "kill", "pause", "clock"));

    assertThat(schedule(plan.finalGenerator(), 1, Duration.ofMinutes(1)))
        .extracting(op -> op.f() + " " + op.value())
        .containsExactly("reset-clock all", "resume all", "start all");
  }

  @Test
  void whateverTheScheduleBrokeTheFinalGeneratorHeals() throws Exception {
    FakeCluster cluster = new FakeCluster(3, clocks);
    TestSpec spec = spec(3, "kill", "pause", "clock");
    NemesisPlan plan = NemesisPackages.plan(spec, cluster);
    plan.nemesis().setup();
    for (Op op : schedule(plan.generator(), 3, Duration.ofMinutes(5))) {
      plan.nemesis().invoke(briefStrobe(op));
      if (damages(cluster) >= 2) {
        break;
      }
    }
    assertThat(damages(cluster)).as("kinds of damage before healing").isGreaterThanOrEqualTo(2);

    for (Op op : schedule(plan.finalGenerator(), 3, Duration.ofMinutes(1))) {
      plan.nemesis().invoke(op);
    }

    assertThat(damages(cluster)).isZero();
    assertThat(cluster.running).containsExactly("n1", "n2", "n3");
  }

  /** How many of these the cluster suffers: a node down, a node paused, a clock off. */
  private static int damages(FakeCluster cluster) {
    int down = cluster.running.size() < 3 ? 1 : 0;
    int paused = cluster.paused.isEmpty() ? 0 : 1;
    int clock = cluster.nodes().stream().allMatch(n -> cluster.clock(n).equals("+0")) ? 0 : 1;
    return down + paused + clock;
  }

  /** A strobe that lasts 3 ms, so that replaying a schedule takes no real time. */
  private static Op briefStrobe(Op op) {
    if (!op.f().equals("strobe-clock")) {
      return op;
    }
    Map<Object, Object> v = new HashMap<>((Map<?, ?>) op.value());
    v.put("duration", 3L);
    return op.withValue(v);
  }

  @Test
  void aSpecMayFixTheKillTargetsSoThatEveryKillHitsEveryNode() {
    TestSpec spec = spec(5, "kill").toBuilder().nemesisOption("kill-targets", "all").build();
    List<Op> kills =
        schedule(plan(spec).generator(), 5, Duration.ofMinutes(2)).stream()
            .filter(op -> op.f().equals("kill"))
            .toList();

    assertThat(kills)
        .hasSizeGreaterThan(10)
        .allSatisfy(op -> assertThat(op.value()).isEqualTo(List.of("n1", "n2", "n3")));
    TestSpec typo = spec.toBuilder().nemesisOption("kill-targets", "everyone").build();
    assertThatThrownBy(() -> plan(typo))
        .hasMessage(
            "nemesis option kill-targets must be one of one, minority, majority, all, not 'everyone'");
  }
}
