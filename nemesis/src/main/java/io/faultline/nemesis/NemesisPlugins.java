package io.faultline.nemesis;

import io.faultline.harness.db.Db;
import io.faultline.harness.runner.NemesisPlan;
import io.faultline.harness.runner.Plugins;
import io.faultline.harness.runner.TestSpec;
import io.faultline.nemesis.detect.DetectCommand;
import io.faultline.nemesis.net.ToxiproxyCommand;
import java.util.List;
import java.util.Optional;

/** What this module gives the harness: the faults of a test, from the families it names ({@link NemesisPackages}). */
public final class NemesisPlugins implements Plugins {

  /** {@code ./faultline toxiproxy} and {@code ./faultline detect}. */
  @Override
  public List<Object> commands() {
    return List.of(new ToxiproxyCommand(), new DetectCommand());
  }

  /**
   * The composed plan of {@code spec.nemesis()}; empty when the spec names no fault.
   *
   * @throws IllegalArgumentException with a one-line message when a fault family cannot run here
   */
  @Override
  public Optional<NemesisPlan> nemesis(TestSpec spec, Db db) {
    return spec.nemesis().isEmpty() ? Optional.empty() : Optional.of(NemesisPackages.plan(spec, db));
  }
}
