package io.faultline.nemesis.process;

import io.faultline.harness.generator.Generator;
import io.faultline.harness.generator.Generators;
import io.faultline.harness.spi.FaultFamily;
import io.faultline.harness.spi.TestSpec;
import io.faultline.harness.spi.db.Db;
import io.faultline.harness.spi.db.Killable;
import io.faultline.harness.spi.db.Pausable;
import io.faultline.nemesis.family.NemesisPackage;
import io.faultline.nemesis.family.Targets;
import java.util.List;

/**
 * The {@code kill} and {@code pause} fault families as {@link NemesisPackage}s, after Jepsen's {@code db-package}: each
 * alternates a fault on a random target ({@code one}, {@code minority}, {@code majority} or {@code all} nodes) with its
 * healing op on every node, and heals every node at the end.
 *
 * <p>A spec may fix the target kind with the nemesis option {@code kill-targets} or {@code pause-targets} (e.g.
 * {@code kill-targets=all} kills every node at once, every time), for faults that only one kind exposes.
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
      throw new IllegalArgumentException(
          "kill faults need a cluster whose nodes can be killed and restarted");
    }
    return of(
        KillFamily.FAMILY,
        "start",
        ProcessNemesis.kill(killable, db.nodes(), spec.seed()),
        db.nodes(),
        targetKind(spec, "kill"));
  }

  /**
   * {@code pause} of random targets alternating with {@code resume} of {@code "all"}; the final generator resumes
   * every node.
   *
   * @throws IllegalArgumentException when the cluster's nodes cannot be paused
   */
  public static NemesisPackage pause(TestSpec spec, Db db) {
    if (!(db instanceof Pausable pausable)) {
      throw new IllegalArgumentException(
          "pause faults need a cluster whose nodes can be paused and resumed");
    }
    return of(
        PauseFamily.FAMILY,
        "resume",
        ProcessNemesis.pause(pausable, db.nodes(), spec.seed()),
        db.nodes(),
        targetKind(spec, "pause"));
  }

  /**
   * The target kind the spec's option {@code <family>-targets} fixes, or {@code null} for a random kind each time.
   *
   * @throws IllegalArgumentException for a kind that does not exist
   */
  static String targetKind(TestSpec spec, String family) {
    String kind = spec.nemesisOptions().get(family + "-targets");
    if (kind != null && !Targets.KINDS.contains(kind)) {
      throw new IllegalArgumentException(
          "nemesis option "
              + family
              + "-targets must be one of "
              + String.join(", ", Targets.KINDS)
              + ", not '"
              + kind
              + "'");
    }
    return kind;
  }

  /**
   * The package of {@code nemesis}, whose fault is the family's name on targets of {@code kind} (random when null),
   * healed by {@code heal} of every node.
   */
  private static NemesisPackage of(
      FaultFamily family, String heal, ProcessNemesis nemesis, List<String> nodes, String kind) {
    return new NemesisPackage(
        family, nemesis, alternate(family.name(), heal, nodes, kind), Generators.once(heal, "all"));
  }

  /** {@code fault} on targets of {@code kind} (a random kind when null), then {@code heal} of {@code "all"}, forever. */
  static Generator alternate(String fault, String heal, List<String> nodes, String kind) {
    return Generators.flipFlop(
        Generators.fn(
            ctx ->
                Generators.invoke(
                    fault,
                    kind == null
                        ? Targets.random(nodes, ctx.random())
                        : Targets.of(kind, nodes, ctx.random()))),
        Generators.repeat(Generators.invoke(heal, "all")));
  }
}
