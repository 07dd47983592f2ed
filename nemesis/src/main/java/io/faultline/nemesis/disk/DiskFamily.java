package io.faultline.nemesis.disk;

import io.faultline.harness.generator.Generator;
import io.faultline.harness.generator.Generators;
import io.faultline.harness.spi.FaultFamily;
import io.faultline.harness.spi.TestSpec;
import io.faultline.harness.spi.db.Db;
import io.faultline.harness.spi.db.DiskFaultable;
import io.faultline.nemesis.family.DeclaredFamily;
import io.faultline.nemesis.family.NemesisPackage;
import io.faultline.nemesis.family.Targets;
import java.util.List;
import java.util.Set;

/**
 * The {@code disk} fault family: {@code power-loss} or {@code corrupt} of random targets, alternating with {@code
 * power-on} of every node; the final generator powers every node on. Options: {@code disk-kinds} (kinds joined by
 * {@code +}, default {@code power-loss+corrupt}), {@code disk-targets} (the target kind of power losses, default a
 * random kind each time) and {@code corrupt-targets} (default {@code minority}: Raft promises nothing when a
 * majority's disks lie): the nodes with faulty disks, drawn once from the seed; each {@code corrupt} damages some of
 * them. {@code disk-names=strict|durable} says whether unsynced name changes are lost too (read by {@link
 * io.faultline.harness.cluster.LazyDiskBackend#namesDurable}, which mounts the file systems).
 *
 * <p>It needs every node's data on a lazy file system, which needs root and FUSE: {@code --nemesis disk} refuses
 * to run without one, and {@code --nemesis all} leaves the family out, with the reason in the log.
 */
public final class DiskFamily extends DeclaredFamily {
  /** Its declaration: started by "power-loss" and "corrupt", healed by "power-on", shaded #B39DDB. */
  public static final FaultFamily FAMILY =
      new FaultFamily(
          "disk",
          Set.of(DiskNemesis.POWER_LOSS, DiskNemesis.CORRUPT),
          Set.of(DiskNemesis.POWER_ON),
          "#B39DDB");

  /** The kinds of {@code disk-kinds}. */
  public static final List<String> KINDS = List.of(DiskNemesis.POWER_LOSS, DiskNemesis.CORRUPT);

  public DiskFamily() {
    super(FAMILY, HealOrder.PROCESS, DiskFamily::diskPackage);
  }

  /**
   * The family's package.
   *
   * @throws IllegalArgumentException naming why disk faults cannot run here
   */
  static NemesisPackage diskPackage(TestSpec spec, Db db) {
    if (!(db instanceof DiskFaultable disks)) {
      throw new IllegalArgumentException("disk faults need a cluster whose nodes' disks can fail");
    }
    disks
        .diskFaultsRefused()
        .ifPresent(
            why -> {
              throw new IllegalArgumentException(why);
            });
    List<String> kinds = kinds(spec);
    String lossTargets = target(spec, "disk-targets", null);
    // The nodes with faulty disks, drawn once: damage spread over every node in turn would, over a
    // run, hit more
    // than the minority that Raft can lose.
    List<String> faulty =
        Targets.of(
            target(spec, "corrupt-targets", "minority"),
            db.nodes(),
            new java.util.Random(spec.seed() ^ 0xD15CL));
    Generator faults =
        Generators.flipFlop(
            Generators.fn(
                ctx -> {
                  String kind = kinds.get(ctx.random().nextInt(kinds.size()));
                  List<String> nodes =
                      kind.equals(DiskNemesis.CORRUPT)
                          ? Targets.someNodes(faulty, ctx.random())
                          : lossTargets == null
                              ? Targets.random(db.nodes(), ctx.random())
                              : Targets.of(lossTargets, db.nodes(), ctx.random());
                  return Generators.invoke(kind, nodes);
                }),
            Generators.repeat(Generators.invoke(DiskNemesis.POWER_ON, "all")));
    return new NemesisPackage(
        FAMILY,
        new DiskNemesis(disks, db.nodes(), spec.seed()),
        faults,
        Generators.once(DiskNemesis.POWER_ON, "all"));
  }

  private static List<String> kinds(TestSpec spec) {
    String opt = spec.nemesisOptions().getOrDefault("disk-kinds", String.join("+", KINDS));
    List<String> kinds = List.of(opt.split("\\+"));
    for (String k : kinds) {
      if (!KINDS.contains(k)) {
        throw new IllegalArgumentException(
            "nemesis option disk-kinds takes " + String.join("+", KINDS) + ", not '" + k + "'");
      }
    }
    return kinds;
  }

  private static String target(TestSpec spec, String option, String otherwise) {
    String kind = spec.nemesisOptions().getOrDefault(option, otherwise);
    if (kind != null && !Targets.KINDS.contains(kind)) {
      throw new IllegalArgumentException(
          "nemesis option "
              + option
              + " must be one of "
              + String.join(", ", Targets.KINDS)
              + ", not '"
              + kind
              + "'");
    }
    return kind;
  }
}
