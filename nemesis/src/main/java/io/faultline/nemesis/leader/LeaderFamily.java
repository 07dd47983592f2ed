package io.faultline.nemesis.leader;

import io.faultline.harness.generator.Generators;
import io.faultline.harness.spi.FaultFamily;
import io.faultline.harness.spi.TestSpec;
import io.faultline.harness.spi.db.Db;
import io.faultline.harness.spi.db.TransfersLeadership;
import io.faultline.nemesis.family.DeclaredFamily;
import io.faultline.nemesis.family.NemesisPackage;
import java.util.Set;

/** The {@code leader} family: leadership transfers to a random member, forever; nothing to heal. */
public final class LeaderFamily extends DeclaredFamily {
  /** Its declaration: {@code transfer-leader} ops, no heal (each is an instant), shaded lilac. */
  public static final FaultFamily FAMILY =
      new FaultFamily("leader", Set.of(TransferNemesis.F), Set.of(), "#D8B4E9");

  public LeaderFamily() {
    super(FAMILY, HealOrder.PROCESS, LeaderFamily::build);
  }

  /**
   * @throws IllegalArgumentException when the cluster's leader cannot be asked to hand over
   */
  private static NemesisPackage build(TestSpec spec, Db db) {
    if (!(db instanceof TransfersLeadership cluster)) {
      throw new IllegalArgumentException(
          "leader faults need a cluster whose leader can be asked to hand over");
    }
    return new NemesisPackage(
        FAMILY,
        new TransferNemesis(cluster, db.nodes(), spec.seed()),
        Generators.fn(ctx -> Generators.invoke(TransferNemesis.F, null)),
        Generators.empty());
  }
}
