package io.faultline.nemesis.family;

import io.faultline.harness.spi.FaultFamily;
import io.faultline.harness.spi.TestSpec;
import io.faultline.harness.spi.db.Db;

/**
 * One fault family of this module: its declaration, where it heals in the final phase, and how to make its
 * {@link NemesisPackage} for a test. Implementations are found with {@link java.util.ServiceLoader} (listed in
 * {@code META-INF/services/io.faultline.nemesis.family.FamilyFactory}), so a new family is one package of its own
 * plus that one line: nothing else in the harness or this module names it.
 */
public interface FamilyFactory {

  /** When the final phase heals a family: the network first, then clocks, then processes. */
  enum HealOrder {
    NETWORK,
    CLOCK,
    PROCESS
  }

  /** The family's declaration: name, start and heal {@code f}s, colour. */
  FaultFamily family();

  /** Where this family heals, relative to the others, at the end of a run. */
  HealOrder healOrder();

  /**
   * The family's package for {@code spec} against {@code db}. It runs before the cluster is set up, so a network
   * family can still route the nodes' links through its proxies.
   *
   * @throws IllegalArgumentException with a one-line message when this cluster cannot take this fault here
   */
  NemesisPackage create(TestSpec spec, Db db);
}
