package io.faultline.nemesis;

import io.faultline.harness.db.Db;
import io.faultline.harness.runner.NemesisPlan;
import io.faultline.harness.runner.TestSpec;
import io.faultline.nemesis.clock.ClockPackage;
import io.faultline.nemesis.net.NetPackages;
import io.faultline.nemesis.process.ProcessPackages;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The fault families this module provides, by name, and the plan a test's families make together.
 *
 * <p><b>Adding a family.</b> Write a {@link Factory} that checks the cluster can take the fault (throwing
 * {@link IllegalArgumentException} with one line when it cannot) and returns the family's {@link NemesisPackage};
 * then put it in {@link #FACTORIES} under the family's name, which must be one of {@link TestSpec#FAULT_FAMILIES}.
 * A factory runs before the cluster is set up, so a network family can still route the nodes' links through its
 * proxies there. The order of {@link #FACTORIES} is the order in which the final generators heal: the network first,
 * then clocks, then processes.
 */
public final class NemesisPackages {

  /** Makes one family's package for a test and its cluster. */
  @FunctionalInterface
  public interface Factory {
    /**
     * @throws IllegalArgumentException with a one-line message when this cluster cannot take this fault here
     */
    NemesisPackage create(TestSpec spec, Db db);
  }

  private static final Map<String, Factory> FACTORIES = factories();

  private NemesisPackages() {}

  private static Map<String, Factory> factories() {
    Map<String, Factory> m = new LinkedHashMap<>();
    m.put("partition", NetPackages::partition);
    m.put("packet", NetPackages::packet);
    m.put("clock", ClockPackage::create);
    m.put("pause", ProcessPackages::pause);
    m.put("kill", ProcessPackages::kill);
    return m;
  }


  /** The families this module knows, in healing order. */
  public static List<String> families() {
    return List.copyOf(FACTORIES.keySet());
  }

  /**
   * The package of {@code family} for {@code spec} and {@code db}.
   *
   * @throws IllegalArgumentException for an unknown family, or one that cannot run against {@code db} here
   */
  public static NemesisPackage create(String family, TestSpec spec, Db db) {
    Factory f = FACTORIES.get(family);
    if (f == null) {
      throw new IllegalArgumentException("unknown fault family '" + family + "'; families: "
          + String.join(", ", FACTORIES.keySet()));
    }
    return f.create(spec, db);
  }

  /**
   * The composed plan of the families of {@code spec} (each once, in healing order) against {@code db}, with fault
   * ops at a mean of one per {@code spec.nemesisInterval()}, or in the targeted schedule that the nemesis option
   * {@code schedule} names ({@link Schedules}).
   *
   * @throws IllegalArgumentException when a family is unknown or cannot run here; nothing has been started then
   */
  public static NemesisPlan plan(TestSpec spec, Db db) {
    for (String family : spec.nemesis()) {
      if (!FACTORIES.containsKey(family)) {
        create(family, spec, db); // throws the one-line error
      }
    }
    List<NemesisPackage> packages = new ArrayList<>();
    for (String family : FACTORIES.keySet()) {
      if (spec.nemesis().contains(family)) {
        packages.add(create(family, spec, db));
      }
    }
    String schedule = spec.nemesisOptions().get(Schedules.OPTION);
    if (schedule != null) {
      return NemesisPackage.compose(packages, Schedules.faults(schedule, spec));
    }
    return NemesisPackage.compose(packages, spec.nemesisInterval());
  }
}
