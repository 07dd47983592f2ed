package io.faultline.nemesis.clock;

import io.faultline.harness.spi.FaultFamily;
import io.faultline.nemesis.family.DeclaredFamily;
import java.util.Set;

/** The {@code clock} fault family: node clocks moved with libfaketime ({@link ClockPackage#create}). */
public final class ClockFamily extends DeclaredFamily {
  /** Its declaration: started by "bump-clock", "strobe-clock", "skew-clock", healed by "reset-clock", shaded #A0E9E3. */
  public static final FaultFamily FAMILY =
      new FaultFamily(
          "clock",
          Set.of("bump-clock", "strobe-clock", "skew-clock"),
          Set.of("reset-clock"),
          "#A0E9E3");

  public ClockFamily() {
    super(FAMILY, HealOrder.CLOCK, ClockPackage::create);
  }
}
