package io.faultline.nemesis;

import io.faultline.harness.checker.Checker;
import io.faultline.harness.generator.Generator;
import io.faultline.harness.generator.Generators;
import io.faultline.harness.history.History;
import io.faultline.harness.spi.Plugins;
import io.faultline.harness.spi.TestSpec;
import io.faultline.harness.spi.Workload;
import io.faultline.workloads.register.RegisterWorkload;
import java.util.List;

/**
 * A test-only workload, {@code register-that-throws-mid-run}: the register workload for the first half of the time
 * limit, while the nemesis is busy breaking things, and then a generator that throws, so a test can see what a run
 * that fails mid-fault leaves behind.
 */
public final class ThrowingWorkloadPlugins implements Plugins {
  /** The workload's name. */
  public static final String NAME = "register-that-throws-mid-run";

  /** What its generator throws. */
  public static final String MESSAGE = "the workload broke on purpose, mid-fault";

  @Override
  public List<Workload> workloads() {
    return List.of(
        new Workload() {
          private final RegisterWorkload register = new RegisterWorkload();

          @Override
          public String name() {
            return NAME;
          }

          @Override
          public String clientKind() {
            return register.name();
          }

          @Override
          public Generator generator(TestSpec spec) {
            return Generators.seq(
                Generators.timeLimit(spec.timeLimit().dividedBy(2), register.generator(spec)),
                ctx -> {
                  throw new IllegalStateException(MESSAGE);
                });
          }

          @Override
          public Generator finalGenerator(TestSpec spec, History history) {
            return register.finalGenerator(spec, history);
          }

          @Override
          public Checker checker(TestSpec spec) {
            return register.checker(spec);
          }
        });
  }
}
