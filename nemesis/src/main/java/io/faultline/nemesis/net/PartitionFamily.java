package io.faultline.nemesis.net;

import io.faultline.harness.spi.FaultFamily;
import io.faultline.harness.spi.TestSpec;
import io.faultline.harness.spi.db.Db;
import io.faultline.nemesis.family.FamilyFactory;
import io.faultline.nemesis.family.NemesisPackage;
import java.util.Set;

/** The {@code partition} fault family: grudges cut through the per-link proxies ({@link NetPackages#partition}). */
public final class PartitionFamily implements FamilyFactory {
  /** Its declaration: started by "start-partition", healed by "stop-partition", shaded #E9DCA0. */
  public static final FaultFamily FAMILY =
      new FaultFamily("partition", Set.of("start-partition"), Set.of("stop-partition"), "#E9DCA0");

  @Override
  public FaultFamily family() {
    return FAMILY;
  }

  @Override
  public HealOrder healOrder() {
    return HealOrder.NETWORK;
  }

  @Override
  public NemesisPackage create(TestSpec spec, Db db) {
    return NetPackages.partition(spec, db);
  }
}
