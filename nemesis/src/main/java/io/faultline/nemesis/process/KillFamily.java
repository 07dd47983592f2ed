package io.faultline.nemesis.process;

import io.faultline.harness.spi.FaultFamily;
import io.faultline.harness.spi.TestSpec;
import io.faultline.harness.spi.db.Db;
import io.faultline.nemesis.family.FamilyFactory;
import io.faultline.nemesis.family.NemesisPackage;
import java.util.Set;

/** The {@code kill} fault family: SIGKILL, then a restart on the same data ({@link ProcessPackages#kill}). */
public final class KillFamily implements FamilyFactory {
  /** Its declaration: started by "kill", healed by "start", shaded #E9A4A0. */
  public static final FaultFamily FAMILY =
      new FaultFamily("kill", Set.of("kill"), Set.of("start"), "#E9A4A0");

  @Override
  public FaultFamily family() {
    return FAMILY;
  }

  @Override
  public HealOrder healOrder() {
    return HealOrder.PROCESS;
  }

  @Override
  public NemesisPackage create(TestSpec spec, Db db) {
    return ProcessPackages.kill(spec, db);
  }
}
