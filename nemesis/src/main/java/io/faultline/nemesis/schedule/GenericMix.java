package io.faultline.nemesis.schedule;

import io.faultline.harness.generator.Context;
import io.faultline.harness.generator.Generator;
import io.faultline.harness.generator.Generators;
import io.faultline.harness.generator.Yield;
import io.faultline.harness.spi.TestSpec;
import io.faultline.nemesis.family.NemesisPackage;
import io.faultline.nemesis.family.Targets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The default fault mix, {@code --nemesis all}: the sum of what Faultline knows, for a user who does not know which
 * bug their system has. Like Jepsen's combined nemesis, it alternates faults with healing, and draws each
 * <em>episode</em> from the seed among:
 *
 * <ul>
 *   <li>each family's own random fault (a partition of a random kind, a packet fault on random links, a kill or pause
 *       of random targets, a clock bump, strobe or skew, a leadership transfer), held for half an interval to one
 *       and a half, drawn from the seed, then healed; where the machine allows disk faults (root and FUSE, {@link
 *       io.faultline.harness.cluster.Backends#of}), a power loss of random targets or damage to a faulty minority's
 *       data files too;
 *   <li>the same faults aimed at the leader: kill, pause, and isolation of the node that leads when the op arrives;
 *   <li>flapping partitions: four short partitions of random kinds in a row, each healed after a fifth of an
 *       interval;
 *   <li>restarts of several nodes in a row: three kills of one random node, each restarted before the next;
 *   <li>every targeted schedule ({@link Schedules}) whose families the test has, one cycle each, as a scenario
 *       among the others: a crash of every node after writes, the leader's replies reset, followers lagging behind a
 *       muted leader, an isolated leader's clock set back, and (on five nodes) the majorities ring of a restarted
 *       voter.
 * </ul>
 *
 * <p>Every episode ends with its families healed and is followed by a healthy window of one interval, so that the
 * cluster serves between faults: a run whose cluster is down all the time tests little. Each op is recorded as any
 * nemesis op is, so the report shades the episode's faults by family.
 */
public final class GenericMix {
  /** How many partitions a flapping episode has in a row. */
  static final int FLAPS = 4;

  /** How many nodes a rolling-restart episode kills and restarts, one after the other. */
  static final int ROLLING = 3;

  private GenericMix() {}

  /**
   * The mix of {@code packages}' faults and scenarios for {@code spec}: endless, starting one interval into the run.
   */
  public static Generator of(List<NemesisPackage> packages, TestSpec spec) {
    List<Generator> episodes = episodes(packages, spec);
    if (episodes.isEmpty()) {
      return Generators.empty();
    }
    return Generators.seq(
        Generators.sleep(spec.nemesisInterval()),
        Generators.cycle(new Drawn(r -> episodes.get(r.nextInt(episodes.size())))));
  }

  /** Every episode the packages make possible, each followed by a healthy window. */
  static List<Generator> episodes(List<NemesisPackage> packages, TestSpec spec) {
    Duration interval = spec.nemesisInterval();
    Set<String> families =
        packages.stream().map(p -> p.family().name()).collect(Collectors.toSet());
    List<Generator> out = new ArrayList<>();
    for (NemesisPackage p : packages) {
      out.add(
          Generators.seq(
              Generators.limit(1, p.faults()), Generators.seq(hold(interval), p.finalGenerator())));
    }
    if (families.contains("kill")) {
      out.add(aimedAtLeader("kill", "start", interval));
      out.add(rollingRestart(spec));
    }
    if (families.contains("pause")) {
      out.add(aimedAtLeader("pause", "resume", interval));
    }
    if (families.contains("partition")) {
      out.add(
          Generators.seq(
              Generators.once("start-partition", Map.of("kind", "isolate-leader")),
              Generators.seq(hold(interval), Generators.once("stop-partition", null))));
      out.add(flapping(spec, interval));
    }
    for (String name : Schedules.scenarios(families, spec)) {
      out.add(Schedules.cycle(name, spec));
    }
    Generator healthy = Generators.sleep(interval);
    return out.stream().map(e -> Generators.seq(e, healthy)).toList();
  }

  private static Generator aimedAtLeader(String fault, String heal, Duration interval) {
    return Generators.seq(
        Generators.once(fault, Targets.LEADER),
        Generators.seq(hold(interval), Generators.once(heal, "all")));
  }

  /** Short partitions of random kinds (as the partition family draws them), each healed after a fifth interval. */
  private static Generator flapping(TestSpec spec, Duration interval) {
    Duration flap = interval.dividedBy(5);
    return Generators.cycle(
        FLAPS,
        Generators.seq(
            Generators.limit(
                1,
                Generators.fn(
                    ctx ->
                        Generators.invoke(
                            "start-partition",
                            Map.of(
                                "kind",
                                FLAP_KINDS.get(ctx.random().nextInt(FLAP_KINDS.size())),
                                "mode",
                                "blackhole")))),
            Generators.sleep(flap),
            Generators.once("stop-partition", null),
            Generators.sleep(flap)));
  }

  private static final List<String> FLAP_KINDS =
      List.of("halves", "isolate-one", "isolate-leader", "majorities-ring", "bridge");

  /** One random node killed and restarted, {@link #ROLLING} times in a row, each back before the next goes. */
  private static Generator rollingRestart(TestSpec spec) {
    List<String> nodes = io.faultline.harness.cluster.Backend.names(spec.nodes());
    return Generators.cycle(
        ROLLING,
        Generators.seq(
            Generators.limit(
                1,
                Generators.fn(
                    ctx -> Generators.invoke("kill", Targets.pick(nodes, 1, ctx.random())))),
            Generators.sleep(Duration.ofMillis(500)),
            Generators.once("start", "all"),
            Generators.sleep(Schedules.RESTART)));
  }

  /** A fault's hold: from half an interval to one and a half, drawn from the seed when it begins. */
  static Generator hold(Duration interval) {
    return new Hold(interval.toNanos() / 2, interval.toNanos() * 3 / 2);
  }

  /** A sleep of a length drawn with the context's random source, from {@code min} to {@code max} nanoseconds. */
  record Hold(long min, long max) implements Generator {
    @Override
    public Yield op(Context ctx) {
      long nanos = min + (long) (ctx.random().nextDouble() * (max - min));
      return Generators.sleep(Duration.ofNanos(nanos)).op(ctx);
    }
  }
}
