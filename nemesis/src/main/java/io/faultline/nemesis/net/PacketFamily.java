package io.faultline.nemesis.net;

import io.faultline.harness.spi.FaultFamily;
import io.faultline.harness.spi.TestSpec;
import io.faultline.harness.spi.db.Db;
import io.faultline.nemesis.family.FamilyFactory;
import io.faultline.nemesis.family.NemesisPackage;
import java.util.Set;

/** The {@code packet} fault family: toxics on half the links ({@link NetPackages#packet}). */
public final class PacketFamily implements FamilyFactory {
  /** Its declaration: started by "start-packet", healed by "stop-packet", shaded #D1E8A0. */
  public static final FaultFamily FAMILY =
      new FaultFamily("packet", Set.of("start-packet"), Set.of("stop-packet"), "#D1E8A0");

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
    return NetPackages.packet(spec, db);
  }
}
