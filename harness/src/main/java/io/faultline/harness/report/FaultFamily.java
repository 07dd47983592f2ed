package io.faultline.harness.report;

import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * The fault families a report shades, in Jepsen's colours, and which nemesis functions start or heal each. The table is
 * deliberately small and explicit: a nemesis {@code f} that is in no row is shown in the summary's op counts but draws
 * no interval.
 */
public enum FaultFamily {
  PARTITION("#E9DCA0", Set.of("start-partition", "partition", "isolate", "start-grudge"),
      Set.of("stop-partition", "heal-partition", "stop-grudge", "stop")),
  KILL("#E9A4A0", Set.of("kill", "kill-all", "crash"), Set.of("start", "start-all", "restart", "recover")),
  PAUSE("#A0B1E9", Set.of("pause", "pause-all"), Set.of("resume", "resume-all")),
  CLOCK("#A0E9E3", Set.of("bump-clock", "strobe-clock", "skew-clock", "rate-clock", "bump", "strobe"),
      Set.of("reset-clock", "reset", "stop-clock")),
  PACKET("#D1E8A0", Set.of("start-packet", "slow", "flaky", "start-latency", "start-bandwidth"),
      Set.of("stop-packet", "fast", "stop-latency", "stop-bandwidth"));

  /** A nemesis {@code f} that heals every family at once, as the final generator does. */
  public static final Set<String> HEAL_ALL = Set.of("heal", "heal-all", "stop-all");

  private final String color;
  private final Set<String> starts;
  private final Set<String> heals;

  FaultFamily(String color, Set<String> starts, Set<String> heals) {
    this.color = color;
    this.starts = starts;
    this.heals = heals;
  }

  /** The family's name as the spec's {@code nemesis} list spells it, e.g. {@code partition}. */
  public String id() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** Jepsen's shading colour of the family, e.g. {@code #E9DCA0}. */
  public String color() {
    return color;
  }

  /** The family that {@code f} starts a fault of, if any. */
  public static Optional<FaultFamily> startedBy(String f) {
    for (FaultFamily fam : values()) {
      if (fam.starts.contains(f)) {
        return Optional.of(fam);
      }
    }
    return Optional.empty();
  }

  /** The family that {@code f} heals, if any ({@link #HEAL_ALL} heals every family and is not reported here). */
  public static Optional<FaultFamily> healedBy(String f) {
    for (FaultFamily fam : values()) {
      if (fam.heals.contains(f)) {
        return Optional.of(fam);
      }
    }
    return Optional.empty();
  }
}
