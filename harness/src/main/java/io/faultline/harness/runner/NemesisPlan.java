package io.faultline.harness.runner;

import io.faultline.harness.generator.Generator;
import java.util.Map;

/**
 * The faults of a test, as Jepsen's nemesis package: the nemesis that performs fault ops, the generator that schedules
 * them during the main phase, the generator that heals everything at its end, and each fault family's plot colour.
 *
 * @param nemesis performs the ops
 * @param generator fault ops of the main phase, for the nemesis thread
 * @param finalGenerator ops that heal every fault this plan can cause
 * @param colours fault family to HTML colour, for reports
 */
public record NemesisPlan(Nemesis nemesis, Generator generator, Generator finalGenerator, Map<String, String> colours) {

  /** No faults. */
  public static NemesisPlan none() {
    return new NemesisPlan(NoopNemesis.INSTANCE, io.faultline.harness.generator.Generators.empty(),
        io.faultline.harness.generator.Generators.empty(), Map.of());
  }
}
