package io.faultline.harness.spi;

import io.faultline.harness.checker.Checker;
import io.faultline.harness.generator.Generator;
import io.faultline.harness.history.History;

/**
 * What a test does and how it is judged: a generator of client operations and a checker of the history. The client
 * that performs the operations comes from the system under test's adapter ({@link Sut#client}), because the same
 * workload talks to each system in its own protocol.
 */
public interface Workload {

  /** The name users select it by, e.g. {@code register}. */
  String name();

  /**
   * The kind of client this workload needs from a system under test ({@link Sut#client}); by default its name.
   * Variants of a workload (other checkers, other schedules) share their base's client.
   */
  default String clientKind() {
    return name();
  }

  /** The client operations of the main phase; unbounded is fine, the runner limits it in time. */
  Generator generator(TestSpec spec);

  /**
   * The operations of the final phase, after every fault is healed and the cluster has recovered, e.g. a read of
   * every key the history touched.
   */
  Generator finalGenerator(TestSpec spec, History history);

  /** The checker of the whole history. */
  Checker checker(TestSpec spec);

  /**
   * Checks the spec's {@link TestSpec#workloadOptions() workload options} before anything starts. By default a
   * workload takes no options.
   *
   * @throws IllegalArgumentException with one line naming the option, for an unknown key or a malformed value
   */
  default void checkOptions(TestSpec spec) {
    if (!spec.workloadOptions().isEmpty()) {
      throw new IllegalArgumentException(
          "workload "
              + name()
              + " takes no options (--workload-opt "
              + spec.workloadOptions().keySet().iterator().next()
              + ")");
    }
  }
}
