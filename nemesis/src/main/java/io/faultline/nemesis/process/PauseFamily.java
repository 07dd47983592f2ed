package io.faultline.nemesis.process;

import io.faultline.harness.spi.FaultFamily;
import io.faultline.harness.spi.TestSpec;
import io.faultline.harness.spi.db.Db;
import io.faultline.nemesis.family.FamilyFactory;
import io.faultline.nemesis.family.NemesisPackage;
import java.util.Set;

/** The {@code pause} fault family: SIGSTOP, then SIGCONT ({@link ProcessPackages#pause}). */
public final class PauseFamily implements FamilyFactory {
  /** Its declaration: started by "pause", healed by "resume", shaded #A0B1E9. */
  public static final FaultFamily FAMILY =
      new FaultFamily("pause", Set.of("pause"), Set.of("resume"), "#A0B1E9");

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
    return ProcessPackages.pause(spec, db);
  }
}
