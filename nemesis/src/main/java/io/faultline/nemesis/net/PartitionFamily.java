package io.faultline.nemesis.net;

import io.faultline.harness.spi.FaultFamily;
import io.faultline.nemesis.family.DeclaredFamily;
import java.util.Set;

/** The {@code partition} fault family: grudges cut through the per-link proxies ({@link NetPackages#partition}). */
public final class PartitionFamily extends DeclaredFamily {
  /** Its declaration: started by "start-partition", healed by "stop-partition", shaded #E9DCA0. */
  public static final FaultFamily FAMILY =
      new FaultFamily("partition", Set.of("start-partition"), Set.of("stop-partition"), "#E9DCA0");

  public PartitionFamily() {
    super(FAMILY, HealOrder.NETWORK, NetPackages::partition);
  }
}
