package io.faultline.nemesis.clock;

import io.faultline.harness.spi.FaultFamily;
import io.faultline.harness.spi.TestSpec;
import io.faultline.harness.spi.db.Db;
import io.faultline.nemesis.family.FamilyFactory;
import io.faultline.nemesis.family.NemesisPackage;
import java.util.Set;

/** The {@code clock} fault family: node clocks moved with libfaketime ({@link ClockPackage#create}). */
public final class ClockFamily implements FamilyFactory {
  /** Its declaration: started by "bump-clock", "strobe-clock", "skew-clock", healed by "reset-clock", shaded #A0E9E3. */
  public static final FaultFamily FAMILY =
      new FaultFamily(
          "clock",
          Set.of("bump-clock", "strobe-clock", "skew-clock"),
          Set.of("reset-clock"),
          "#A0E9E3");

  @Override
  public FaultFamily family() {
    return FAMILY;
  }

  @Override
  public HealOrder healOrder() {
    return HealOrder.CLOCK;
  }

  @Override
  public NemesisPackage create(TestSpec spec, Db db) {
    return ClockPackage.create(spec, db);
  }
}
