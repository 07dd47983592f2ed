package io.faultline.harness.spi;

import java.util.Objects;
import java.util.Set;

/**
 * A fault family, declared once by the nemesis package that implements it: its name as {@code --nemesis} spells it,
 * the nemesis {@code f}s that start and heal its faults, and its colour in a report's plots. The runner writes the
 * families of a test into {@code results.json}, and the report shades intervals from there, so a new family needs no
 * change anywhere else.
 *
 * <p>An {@code f} may start one family and heal another (Faultline's kill family heals with {@code start}, which
 * Jepsen's classic partitioner uses to start a partition): a report reads it as the heal when that family has a fault
 * open, and as a start otherwise.
 *
 * @param name the family's name, e.g. {@code partition}: lower case letters, digits and dashes
 * @param starts the {@code f}s that start (or extend) a fault of the family, e.g. {@code start-partition}
 * @param heals the {@code f}s that heal every fault of the family, e.g. {@code stop-partition}
 * @param colour the HTML colour of the family's intervals, e.g. {@code #E9DCA0}
 */
public record FaultFamily(String name, Set<String> starts, Set<String> heals, String colour) {

  public FaultFamily {
    Objects.requireNonNull(name, "name");
    if (!name.matches("[a-z][a-z0-9-]*")) {
      throw new IllegalArgumentException(
          "a fault family's name is lower case letters, digits and '-', not " + name);
    }
    starts = Set.copyOf(starts);
    heals = Set.copyOf(heals);
    Objects.requireNonNull(colour, "colour");
  }

  /** True when {@code f} starts or extends a fault of this family. */
  public boolean isStartedBy(String f) {
    return starts.contains(f);
  }

  /** True when {@code f} heals this family. */
  public boolean isHealedBy(String f) {
    return heals.contains(f);
  }
}
