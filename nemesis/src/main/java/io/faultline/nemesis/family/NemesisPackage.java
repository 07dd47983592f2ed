package io.faultline.nemesis.family;

import io.faultline.harness.generator.Generator;
import io.faultline.harness.generator.Generators;
import io.faultline.harness.spi.FaultFamily;
import io.faultline.harness.spi.Nemesis;
import io.faultline.harness.spi.NemesisPlan;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * One fault family, ready to run: Jepsen's nemesis package. It holds the family's declaration (name, the ops that start
 * and heal it, its colour), the nemesis that performs the family's ops, the endless generator of its fault ops, and the
 * generator that heals whatever the family may have broken.
 *
 * <p><b>Pacing.</b> {@link #faults} is unpaced: it says <em>what</em> comes next, and {@link #compose} says
 * <em>when</em>, staggering the mix of every package's faults at the test's nemesis interval. So the interval stays
 * the mean time between fault ops of the whole test however many families it has. The seed (through the generator
 * context's random source) decides both the choice of op and its timing: exactly so in a simulation, and in a real
 * run given the same interleaving of client and nemesis events (the context's random stream follows the event count).
 *
 * @param family the fault family's declaration, from its {@link FamilyFactory}
 * @param nemesis performs the family's ops; its {@link Nemesis#fs()} must not overlap another package's
 * @param faults the family's fault ops, endless and unpaced, drawn from the context's random source
 * @param finalGenerator ops that heal every fault of the family, e.g. {@code start} of {@code "all"}
 */
public record NemesisPackage(
    FaultFamily family, Nemesis nemesis, Generator faults, Generator finalGenerator) {

  public NemesisPackage {
    Objects.requireNonNull(family, "family");
    Objects.requireNonNull(nemesis, "nemesis");
    Objects.requireNonNull(faults, "faults");
    Objects.requireNonNull(finalGenerator, "finalGenerator");
  }

  /**
   * Jepsen's {@code compose-packages}: one nemesis that dispatches each op by its {@code f}, one generator that mixes
   * the packages' faults (a random package for each op) at a mean of one op per {@code interval}, starting one
   * interval into the run so that the first fault meets a cluster that has settled, the final generators one after
   * the other in the packages' order, and every package's family.
   *
   * @throws IllegalArgumentException when two packages handle the same {@code f}
   */
  public static NemesisPlan compose(List<NemesisPackage> packages, Duration interval) {
    if (packages.isEmpty()) {
      return NemesisPlan.none();
    }
    Generator[] faults = packages.stream().map(NemesisPackage::faults).toArray(Generator[]::new);
    return compose(
        packages,
        Generators.seq(
            Generators.sleep(interval), Generators.stagger(interval, Generators.mix(faults))));
  }

  /**
   * As {@link #compose(List, Duration)}, but with a given {@code schedule} of fault ops (e.g. a targeted one of
   * {@code Schedules}) in place of the mix of the packages' faults; the packages still perform the ops and heal.
   *
   * @throws IllegalArgumentException when two packages handle the same {@code f}
   */
  public static NemesisPlan compose(List<NemesisPackage> packages, Generator schedule) {
    List<Nemesis> nemeses = new ArrayList<>();
    List<Generator> finals = new ArrayList<>();
    List<FaultFamily> families = new ArrayList<>();
    for (NemesisPackage p : packages) {
      nemeses.add(p.nemesis());
      finals.add(p.finalGenerator());
      families.add(p.family());
    }
    return new NemesisPlan(
        new ComposedNemesis(nemeses), schedule, Generators.seq(finals), families);
  }
}
