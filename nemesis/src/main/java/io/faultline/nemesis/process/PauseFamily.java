package io.faultline.nemesis.process;

import io.faultline.harness.spi.FaultFamily;
import io.faultline.nemesis.family.DeclaredFamily;
import java.util.Set;

/** The {@code pause} fault family: SIGSTOP, then SIGCONT ({@link ProcessPackages#pause}). */
public final class PauseFamily extends DeclaredFamily {
  /** Its declaration: started by "pause", healed by "resume", shaded #A0B1E9. */
  public static final FaultFamily FAMILY =
      new FaultFamily("pause", Set.of("pause"), Set.of("resume"), "#A0B1E9");

  public PauseFamily() {
    super(FAMILY, HealOrder.PROCESS, ProcessPackages::pause);
  }
}
