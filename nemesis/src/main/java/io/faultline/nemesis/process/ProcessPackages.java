package io.faultline.nemesis.process;

import io.faultline.harness.db.Db;
import io.faultline.harness.db.Killable;
import io.faultline.harness.db.Pausable;
import io.faultline.harness.generator.Generator;
import io.faultline.harness.generator.Generators;
import io.faultline.harness.runner.TestSpec;
import io.faultline.nemesis.NemesisPackage;
import io.faultline.nemesis.Targets;
import java.util.List;

/**
 * The {@code kill} and {@code pause} fault families as {@link NemesisPackage}s, after Jepsen's {@code db-package}: each
 * alternates a fault on a random target ({@code one}, {@code minority}, {@code majority} or {@code all} nodes) with its
 * healing op on every node, and heals every node at the end.
 */
public final class ProcessPackages {
  private ProcessPackages() {}

  /**
   * {@code kill} of random targets alternating with {@code start} of {@code "all"}; the final generator starts every
   * node.
   *
   * @throws IllegalArgumentException when the cluster's nodes cannot be killed and restarted
   */
  public static NemesisPackage kill(TestSpec spec, Db db) {
    if (!(db instanceof Killable killable)) {
      throw new IllegalArgumentException("kill faults need a cluster whose nodes can be killed and restarted");
    }
    return of("kill", "start", ProcessNemesis.kill(killable, db.nodes(), spec.seed()), db.nodes());
  }

  /**
   * {@code pause} of random targets alternating with {@code resume} of {@code "all"}; the final generator resumes
   * every node.
   *
   * @throws IllegalArgumentException when the cluster's nodes cannot be paused
   */
  public static NemesisPackage pause(TestSpec spec, Db db) {
    if (!(db instanceof Pausable pausable)) {
      throw new IllegalArgumentException("pause faults need a cluster whose nodes can be paused and resumed");
    }
    return of("pause", "resume", ProcessNemesis.pause(pausable, db.nodes(), spec.seed()), db.nodes());
  }

  /** The package of {@code nemesis}, whose fault is the family's name, healed by {@code heal} of every node. */
  private static NemesisPackage of(String family, String heal, ProcessNemesis nemesis, List<String> nodes) {
    return new NemesisPackage(family, nemesis, alternate(family, heal, nodes), Generators.once(heal, "all"),
        NemesisPackage.colourOf(family));
  }

  /** {@code fault} on random targets, then {@code heal} of {@code "all"}, then again, forever. */
  static Generator alternate(String fault, String heal, List<String> nodes) {
    return Generators.flipFlop(
        Generators.fn(ctx -> Generators.invoke(fault, Targets.random(nodes, ctx.random()))),
        Generators.repeat(Generators.invoke(heal, "all")));
  }
}
