package io.faultline.harness.report;

import io.faultline.harness.spi.FaultFamily;
import java.util.List;
import java.util.Set;

/**
 * The fault families of a history that came without its run's declarations (a Jepsen or Knossos history, a history
 * file checked on its own): Jepsen's nemesis functions, in Jepsen's plot colours. A run's own report never reads this:
 * it shades the families its nemesis declared, stored in {@code results.json}.
 */
final class JepsenFamilies {
  /** A nemesis {@code f} that heals every family at once, as Jepsen's final generators do. */
  static final Set<String> HEAL_ALL = Set.of("heal", "heal-all", "stop-all");

  static final List<FaultFamily> FAMILIES =
      List.of(
          new FaultFamily(
              "partition",
              Set.of("start-partition", "partition", "isolate", "start-grudge", "start"),
              Set.of("stop-partition", "heal-partition", "stop-grudge", "stop"),
              "#E9DCA0"),
          new FaultFamily(
              "kill",
              Set.of("kill", "kill-all", "crash"),
              Set.of("start", "start-all", "restart", "recover"),
              "#E9A4A0"),
          new FaultFamily(
              "pause", Set.of("pause", "pause-all"), Set.of("resume", "resume-all"), "#A0B1E9"),
          new FaultFamily(
              "clock",
              Set.of("bump-clock", "strobe-clock", "skew-clock", "rate-clock", "bump", "strobe"),
              Set.of("reset-clock", "reset", "stop-clock"),
              "#A0E9E3"),
          new FaultFamily(
              "packet",
              Set.of("start-packet", "slow", "flaky", "start-latency", "start-bandwidth"),
              Set.of("stop-packet", "fast", "stop-latency", "stop-bandwidth"),
              "#D1E8A0"));

  private JepsenFamilies() {}
}
