package io.faultline.harness.spi;

import io.faultline.harness.generator.Generator;
import io.faultline.harness.generator.Generators;
import java.util.List;

/**
 * The faults of a test, as Jepsen's nemesis package: the nemesis that performs fault ops, the generator that schedules
 * them during the main phase, the generator that heals everything at its end, and each fault family's plot colour.
 *
 * @param nemesis performs the ops
 * @param generator fault ops of the main phase, for the nemesis thread
 * @param finalGenerator ops that heal every fault this plan can cause
 * @param families the fault families of its ops
 */
public record NemesisPlan(
    Nemesis nemesis, Generator generator, Generator finalGenerator, List<FaultFamily> families) {

  public NemesisPlan {
    families = List.copyOf(families);
  }

  /** No faults. */
  public static NemesisPlan none() {
    return new NemesisPlan(NoopNemesis.INSTANCE, Generators.empty(), Generators.empty(), List.of());
  }
}
