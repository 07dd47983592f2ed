package io.faultline.nemesis.schedule;

import static org.assertj.core.api.Assertions.assertThat;

import io.faultline.harness.generator.Generator;
import io.faultline.harness.generator.Generators;
import io.faultline.harness.generator.Simulator;
import io.faultline.harness.history.Op;
import io.faultline.harness.spi.FaultFamily;
import io.faultline.harness.spi.NoopNemesis;
import io.faultline.harness.spi.TestSpec;
import io.faultline.nemesis.family.NemesisPackage;
import io.faultline.nemesis.net.PacketFamily;
import io.faultline.nemesis.net.PartitionFamily;
import io.faultline.nemesis.process.KillFamily;
import io.faultline.nemesis.process.PauseFamily;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The default mix, simulated: episodes of every kind drawn from the seed, each healed, with healthy windows. */
class GenericMixTest {
  private static final Duration INTERVAL = Duration.ofSeconds(3);
  private static final long S = 1_000_000_000L;

  private static final TestSpec SPEC =
      TestSpec.builder()
          .nodes(5)
          .nemesis(List.of(TestSpec.ALL_FAULTS))
          .nemesisInterval(INTERVAL)
          .build();

  /** A family's package as its real one draws: a fault op of the family, then its heal of everything. */
  private static NemesisPackage pkg(FaultFamily family, Object faultValue) {
    String start = family.starts().iterator().next();
    String heal = family.heals().iterator().next();
    return new NemesisPackage(
        family,
        NoopNemesis.INSTANCE,
        Generators.flipFlop(
            Generators.repeat(Generators.invoke(start, faultValue)),
            Generators.repeat(Generators.invoke(heal, "all"))),
        Generators.once(heal, "all"));
  }

  private static final List<NemesisPackage> PACKAGES =
      List.of(
          pkg(PartitionFamily.FAMILY, Map.of("kind", "halves")),
          pkg(PacketFamily.FAMILY, "latency"),
          pkg(KillFamily.FAMILY, List.of("n1", "n2")),
          pkg(PauseFamily.FAMILY, List.of("n2")));

  private static List<Op> simulate(long seed, Duration length) {
    Generator mix = GenericMix.of(PACKAGES, SPEC);
    return Simulator.invocations(
            Simulator.of(2).seed(seed).run(Generators.timeLimit(length, Generators.nemesis(mix))))
        .stream()
        .filter(op -> !Generators.isDirective(op))
        .toList();
  }

  private static List<String> lines(List<Op> ops) {
    return ops.stream().map(op -> op.time() / S + "s " + op.f() + " " + op.value()).toList();
  }

  @Test
  void overManyEpisodesEveryKindComesUp() {
    List<Op> ops = simulate(7, Duration.ofMinutes(30));
    List<String> text = lines(ops);

    assertThat(text).anyMatch(l -> l.endsWith("kill leader"));
    assertThat(text).anyMatch(l -> l.endsWith("pause leader"));
    assertThat(text).anyMatch(l -> l.contains("start-partition {kind=isolate-leader}"));
    assertThat(text).anyMatch(l -> l.endsWith("kill all")); // crash-all-after-writes
    assertThat(text).anyMatch(l -> l.contains("client-links=leader")); // reset-leader-replies
    assertThat(text).anyMatch(l -> l.contains("kind=mute-leader")); // lagging followers
    assertThat(text).anyMatch(l -> l.contains("majorities-ring") && l.contains("drops")); // ring
    assertThat(text).anyMatch(l -> l.contains("start-packet latency"));
    assertThat(flaps(ops)).as("four partitions within one interval and a half").isTrue();
  }

  @Test
  void theSameSeedDrawsTheSameEpisodesAndAnotherSeedOthers() {
    assertThat(lines(simulate(3, Duration.ofMinutes(3))))
        .isEqualTo(lines(simulate(3, Duration.ofMinutes(3))))
        .isNotEqualTo(lines(simulate(4, Duration.ofMinutes(3))));
  }

  @Test
  void everyEpisodeHealsWhatItBrokeAndTheClusterGetsHealthyWindows() {
    List<Op> ops = simulate(11, Duration.ofMinutes(20));
    Set<String> heals = Set.of("stop-partition", "stop-packet", "start", "resume");
    long faulty = 0;
    long openSince = -1;
    int open = 0;
    for (Op op : ops) {
      boolean heal = heals.contains(op.f());
      if (!heal && open++ == 0) {
        openSince = op.time();
      } else if (heal && open > 0) {
        faulty += op.time() - openSince;
        open = 0;
      }
    }
    long length = ops.get(ops.size() - 1).time();
    assertThat((double) faulty / length)
        .as("share of the run with a fault in force")
        .isBetween(0.1, 0.7);
    assertThat(holds(ops))
        .as("each random fault is held from half an interval to one and a half")
        .allMatch(h -> h >= INTERVAL.toNanos() / 2 && h <= INTERVAL.toNanos() * 3 / 2);
    assertThat(ops.get(0).time())
        .as("the first fault meets a settled cluster")
        .isGreaterThanOrEqualTo(INTERVAL.toNanos());
  }

  /** How long each kill of {@code n1, n2} (the kill family's own fault here) lasted before everything was restarted. */
  private static List<Long> holds(List<Op> ops) {
    List<Long> out = new java.util.ArrayList<>();
    for (int i = 0; i + 1 < ops.size(); i++) {
      if (ops.get(i).f().equals("kill") && List.of("n1", "n2").equals(ops.get(i).value())) {
        out.add(ops.get(i + 1).time() - ops.get(i).time());
      }
    }
    return out;
  }

  /** Whether four {@code start-partition}s ever come within one and a half intervals. */
  private static boolean flaps(List<Op> ops) {
    List<Long> starts =
        ops.stream().filter(o -> o.f().equals("start-partition")).map(Op::time).toList();
    for (int i = 0; i + 3 < starts.size(); i++) {
      if (starts.get(i + 3) - starts.get(i) <= INTERVAL.toNanos() * 3 / 2) {
        return true;
      }
    }
    return false;
  }
}
