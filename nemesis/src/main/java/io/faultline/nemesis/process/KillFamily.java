package io.faultline.nemesis.process;

import io.faultline.harness.spi.FaultFamily;
import io.faultline.nemesis.family.DeclaredFamily;
import java.util.Set;

/** The {@code kill} fault family: SIGKILL, then a restart on the same data ({@link ProcessPackages#kill}). */
public final class KillFamily extends DeclaredFamily {
  /** Its declaration: started by "kill", healed by "start", shaded #E9A4A0. */
  public static final FaultFamily FAMILY =
      new FaultFamily("kill", Set.of("kill"), Set.of("start"), "#E9A4A0");

  public KillFamily() {
    super(FAMILY, HealOrder.PROCESS, ProcessPackages::kill);
  }
}
