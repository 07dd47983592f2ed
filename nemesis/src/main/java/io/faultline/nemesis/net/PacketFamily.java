package io.faultline.nemesis.net;

import io.faultline.harness.spi.FaultFamily;
import io.faultline.nemesis.family.DeclaredFamily;
import java.util.Set;

/** The {@code packet} fault family: toxics on half the links ({@link NetPackages#packet}). */
public final class PacketFamily extends DeclaredFamily {
  /** Its declaration: started by "start-packet", healed by "stop-packet", shaded #D1E8A0. */
  public static final FaultFamily FAMILY =
      new FaultFamily("packet", Set.of("start-packet"), Set.of("stop-packet"), "#D1E8A0");

  public PacketFamily() {
    super(FAMILY, HealOrder.NETWORK, NetPackages::packet);
  }
}
