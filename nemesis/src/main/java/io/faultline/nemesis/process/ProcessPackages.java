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
    List<String> nodes = db.nodes();
    return new NemesisPackage("kill", ProcessNemesis.kill(killable, nodes, spec.seed()),
        alternate("kill", "start", nodes), Generators.once("start", "all"), NemesisPackage.colourOf("kill"));
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
    List<String> nodes = db.nodes();
    return new NemesisPackage("pause", ProcessNemesis.pause(pausable, nodes, spec.seed()),
        alternate("pause", "resume", nodes), Generators.once("resume", "all"), NemesisPackage.colourOf("pause"));
  }

  /** {@code fault} on random targets, then {@code heal} of {@code "all"}, then again, forever. */
  static Generator alternate(String fault, String heal, List<String> nodes) {
    return Generators.flipFlop(
        Generators.fn(ctx -> Generators.invoke(fault, Targets.random(nodes, ctx.random()))),
        Generators.repeat(Generators.invoke(heal, "all")));
  }
}
