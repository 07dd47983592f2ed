package io.faultline.nemesis;

import io.faultline.harness.spi.FaultFamily;
import io.faultline.harness.spi.NemesisPlan;
import io.faultline.harness.spi.TestSpec;
import io.faultline.harness.spi.db.Db;
import io.faultline.nemesis.family.FamilyFactory;
import io.faultline.nemesis.family.NemesisPackage;
import io.faultline.nemesis.schedule.GenericMix;
import io.faultline.nemesis.schedule.Schedules;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.ServiceLoader;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The fault families this module provides, and the plan a test's families make together.
 *
 * <p><b>Adding a family.</b> Write a {@link FamilyFactory} in a package of its own, which declares the family (its
 * {@link FaultFamily}), says where it heals and makes its {@link NemesisPackage} (throwing
 * {@link IllegalArgumentException} with one line when the cluster cannot take the fault), and list it in
 * {@code META-INF/services/io.faultline.nemesis.family.FamilyFactory}. The harness learns its name for
 * {@code --nemesis} and its colour for reports from there; nothing else names it.
 */
public final class NemesisPackages {
  private static final Logger LOG = LoggerFactory.getLogger(NemesisPackages.class);

  /** Every family of this module, in healing order: the network first, then clocks, then processes. */
  private static final List<FamilyFactory> FACTORIES =
      ServiceLoader.load(FamilyFactory.class).stream()
          .map(ServiceLoader.Provider::get)
          .sorted(Comparator.comparing(FamilyFactory::healOrder))
          .toList();

  private NemesisPackages() {}

  /** The families this module knows, in healing order. */
  public static List<FaultFamily> families() {
    return FACTORIES.stream().map(FamilyFactory::family).toList();
  }

  /**
   * The package of {@code family} for {@code spec} and {@code db}.
   *
   * @throws IllegalArgumentException for an unknown family, or one that cannot run against {@code db} here
   */
  public static NemesisPackage create(String family, TestSpec spec, Db db) {
    return factory(family).create(spec, db);
  }

  private static FamilyFactory factory(String family) {
    return FACTORIES.stream()
        .filter(f -> f.family().name().equals(family))
        .findFirst()
        .orElseThrow(
            () ->
                new IllegalArgumentException(
                    "unknown fault family '"
                        + family
                        + "'; families: "
                        + String.join(", ", families().stream().map(FaultFamily::name).toList())
                        + ", or "
                        + TestSpec.ALL_FAULTS));
  }

  /**
   * The composed plan of the families of {@code spec} (each once, in healing order) against {@code db}, with fault
   * ops at a mean of one per {@code spec.nemesisInterval()}, or in the targeted schedule that the nemesis option
   * {@code schedule} names ({@link Schedules}). {@value TestSpec#ALL_FAULTS} stands for every family that this
   * cluster can take, in the default mix of episodes and healthy windows ({@link GenericMix}); those it cannot take
   * are left out with a line in the log that says why.
   *
   * @throws IllegalArgumentException when a named family is unknown or cannot run here; nothing has been started then
   */
  public static NemesisPlan plan(TestSpec spec, Db db) {
    boolean all = spec.nemesis().contains(TestSpec.ALL_FAULTS);
    for (String family : spec.nemesis()) {
      if (!family.equals(TestSpec.ALL_FAULTS)) {
        factory(family); // throws the one-line error
      }
    }
    List<NemesisPackage> packages = new ArrayList<>();
    for (FamilyFactory f : FACTORIES) {
      String name = f.family().name();
      if (spec.nemesis().contains(name)) {
        packages.add(f.create(spec, db));
      } else if (all) {
        try {
          packages.add(f.create(spec, db));
        } catch (IllegalArgumentException cannot) {
          LOG.warn("--nemesis all: no {} faults: {}", name, cannot.getMessage());
        }
      }
    }
    String schedule = spec.nemesisOptions().get(Schedules.OPTION);
    if (schedule != null) {
      return NemesisPackage.compose(packages, Schedules.faults(schedule, spec));
    }
    if (all) {
      return packages.isEmpty()
          ? NemesisPlan.none()
          : NemesisPackage.compose(packages, GenericMix.of(packages, spec));
    }
    return NemesisPackage.compose(packages, spec.nemesisInterval());
  }
}
