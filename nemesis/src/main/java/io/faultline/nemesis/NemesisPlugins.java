package io.faultline.nemesis;

import io.faultline.harness.spi.FaultFamily;
import io.faultline.harness.spi.NemesisPlan;
import io.faultline.harness.spi.Plugins;
import io.faultline.harness.spi.TestSpec;
import io.faultline.harness.spi.db.Db;
import io.faultline.nemesis.net.ToxiproxyCommand;
import java.util.List;
import java.util.Optional;

/** What this module gives the harness: the faults of a test, from the families it names ({@link NemesisPackages}). */
public final class NemesisPlugins implements Plugins {

  /** {@code ./faultline toxiproxy}. */
  @Override
  public List<Object> commands() {
    return List.of(new ToxiproxyCommand());
  }

  /** Every family of {@link NemesisPackages}. */
  @Override
  public List<FaultFamily> faultFamilies() {
    return NemesisPackages.families();
  }

  /**
   * The composed plan of {@code spec.nemesis()}; empty when the spec names no fault.
   *
   * @throws IllegalArgumentException with a one-line message when a fault family cannot run here
   */
  @Override
  public Optional<NemesisPlan> nemesis(TestSpec spec, Db db) {
    return spec.nemesis().isEmpty()
        ? Optional.empty()
        : Optional.of(NemesisPackages.plan(spec, db));
  }
}
