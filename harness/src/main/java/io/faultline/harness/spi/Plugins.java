package io.faultline.harness.spi;

import io.faultline.harness.spi.db.Db;
import java.util.List;
import java.util.Optional;
import java.util.ServiceLoader;

/**
 * Where the harness finds what other modules provide, through {@link ServiceLoader}: each module lists its
 * implementation in {@code META-INF/services/io.faultline.harness.spi.Plugins}. The harness itself depends on no
 * other module.
 */
public interface Plugins {

  /** The systems under test this module adapts. */
  default List<Sut> suts() {
    return List.of();
  }

  /** The workloads this module defines. */
  default List<Workload> workloads() {
    return List.of();
  }

  /**
   * The faults of {@code spec} against {@code db}, when this module provides nemeses; empty otherwise.
   *
   * @throws IllegalArgumentException with a one-line message when a fault family cannot run here (e.g. clock faults
   *     without libfaketime)
   */
  default Optional<NemesisPlan> nemesis(TestSpec spec, Db db) {
    return Optional.empty();
  }

  /** The fault families this module's nemeses implement, for {@code --nemesis}. */
  default List<FaultFamily> faultFamilies() {
    return List.of();
  }

  /**
   * Subcommands this module adds to {@code ./faultline}: picocli command objects (annotated with
   * {@code @Command}), e.g. {@code toxiproxy} from the nemesis module.
   */
  default List<Object> commands() {
    return List.of();
  }

  /** The names of the cluster backends this module provides ({@code --cluster}), e.g. {@code process}. */
  default List<String> clusterBackends() {
    return List.of();
  }

  /** Every cluster backend's name on the class path, by the plugins' order. */
  static List<String> knownClusterBackends() {
    return all().stream().flatMap(p -> p.clusterBackends().stream()).toList();
  }

  /** Every implementation on the class path. */
  static List<Plugins> all() {
    return ServiceLoader.load(Plugins.class).stream().map(ServiceLoader.Provider::get).toList();
  }

  /** Every fault family on the class path, by the plugins' order. */
  static List<FaultFamily> knownFamilies() {
    return all().stream().flatMap(p -> p.faultFamilies().stream()).toList();
  }

  /** The system under test called {@code name}. */
  static Optional<Sut> sut(String name) {
    return all().stream()
        .flatMap(p -> p.suts().stream())
        .filter(s -> s.name().equals(name))
        .findFirst();
  }

  /** The workload called {@code name}. */
  static Optional<Workload> workload(String name) {
    return all().stream()
        .flatMap(p -> p.workloads().stream())
        .filter(w -> w.name().equals(name))
        .findFirst();
  }
}
