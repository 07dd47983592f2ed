package io.faultline.nemesis.clock;

import io.faultline.harness.generator.Context;
import io.faultline.harness.generator.Generator;
import io.faultline.harness.generator.Generators;
import io.faultline.harness.history.Op;
import io.faultline.harness.spi.TestSpec;
import io.faultline.harness.spi.db.ClockSkewable;
import io.faultline.harness.spi.db.Db;
import io.faultline.harness.spi.db.HasLeader;
import io.faultline.nemesis.family.NemesisPackage;
import io.faultline.nemesis.family.Targets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.random.RandomGenerator;

/**
 * The {@code clock} fault family as a {@link NemesisPackage}, after Jepsen's {@code clock-package}: a random mix of
 * bumps, strobes, rate skews and resets, each on a random non-empty set of nodes; the final generator resets every
 * clock.
 *
 * <p>Magnitudes, drawn on a log scale so that small and large faults are equally likely: bumps of ±4 ms to ±8 s;
 * strobes of 4 ms to 1 s every 1 to 64 ms for 0.25 to 2 s; rates of {@link #RATES}. Bumps stay well under the 30 s
 * in which a cluster must recover after the final heal, because a node whose clock goes back and then forward again
 * can stall for as long as it went back (see {@link FakeTime}).
 */
public final class ClockPackage {
  /** The clock rates that {@code skew-clock} draws from. */
  public static final List<Double> RATES = List.of(0.5, 0.8, 1.25, 1.5);

  private ClockPackage() {}

  /**
   * The clock package of {@code db}.
   *
   * @throws IllegalArgumentException with {@link ClockNemesis#NEEDS_LIBFAKETIME} when the nodes do not run under
   *     libfaketime
   */
  public static NemesisPackage create(TestSpec spec, Db db) {
    if (!(db instanceof ClockSkewable skewable)) {
      throw new IllegalArgumentException(ClockSkewable.NEEDS_LIBFAKETIME);
    }
    List<String> nodes = db.nodes();
    return new NemesisPackage(
        ClockFamily.FAMILY,
        new ClockNemesis(skewable, nodes, spec.seed(), db instanceof HasLeader l ? l : null),
        faults(nodes),
        Generators.once("reset-clock", "all"));
  }

  /** Endless clock faults on {@code nodes}. */
  static Generator faults(List<String> nodes) {
    return Generators.mix(
        Generators.fn(ctx -> Generators.invoke("bump-clock", bumps(nodes, ctx.random()))),
        Generators.fn(ctx -> Generators.invoke("strobe-clock", strobe(nodes, ctx.random()))),
        Generators.fn(ctx -> Generators.invoke("skew-clock", rates(nodes, ctx.random()))),
        Generators.fn(ctx -> resetSome(nodes, ctx)));
  }

  private static Op resetSome(List<String> nodes, Context ctx) {
    return Generators.invoke("reset-clock", Targets.someNodes(nodes, ctx.random()));
  }

  private static Map<String, Long> bumps(List<String> nodes, RandomGenerator r) {
    Map<String, Long> m = new LinkedHashMap<>();
    for (String n : Targets.someNodes(nodes, r)) {
      m.put(n, (r.nextBoolean() ? 1 : -1) * logUniform(r, 2, 13));
    }
    return m;
  }

  private static Map<String, Object> strobe(List<String> nodes, RandomGenerator r) {
    return new Strobe(
            Targets.someNodes(nodes, r),
            logUniform(r, 2, 10),
            logUniform(r, 0, 6),
            logUniform(r, 8, 11))
        .toValue();
  }

  private static Map<String, Double> rates(List<String> nodes, RandomGenerator r) {
    Map<String, Double> m = new LinkedHashMap<>();
    for (String n : Targets.someNodes(nodes, r)) {
      m.put(n, RATES.get(r.nextInt(RATES.size())));
    }
    return m;
  }

  /** A whole number from 2^lo to 2^hi, uniform in its logarithm. */
  private static long logUniform(RandomGenerator r, int lo, int hi) {
    return Math.round(Math.pow(2, lo + r.nextDouble() * (hi - lo)));
  }
}
