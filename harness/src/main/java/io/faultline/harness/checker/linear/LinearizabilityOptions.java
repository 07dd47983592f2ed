package io.faultline.harness.checker.linear;

import java.time.Duration;

/**
 * How to check.
 *
 * @param timeout how long the whole check may take before it ends in unknown; {@code null} for no limit
 * @param checkedFails keep failed {@code cas} operations as operations that observed a mismatch, as Porcupine's etcd
 *     model does, instead of dropping them as Knossos does
 * @param partition split the history into independent parts when the model can
 * @param parallelism how many parts to search at once
 * @param memoryFraction the fraction of the free heap that the search caches may fill before the check ends in
 *     unknown
 */
public record LinearizabilityOptions(
    Duration timeout,
    boolean checkedFails,
    boolean partition,
    int parallelism,
    double memoryFraction) {

  public LinearizabilityOptions {
    if (parallelism < 1) {
      throw new IllegalArgumentException("parallelism must be at least 1");
    }
    if (!(memoryFraction > 0 && memoryFraction < 1)) {
      throw new IllegalArgumentException("memoryFraction must be in (0, 1)");
    }
  }

  /** Knossos' semantics, no timeout, partitioned on all cores, caches up to 60% of the free heap. */
  public static LinearizabilityOptions defaults() {
    return new LinearizabilityOptions(
        null, false, true, Runtime.getRuntime().availableProcessors(), 0.6);
  }

  public LinearizabilityOptions withTimeout(Duration t) {
    return new LinearizabilityOptions(t, checkedFails, partition, parallelism, memoryFraction);
  }

  public LinearizabilityOptions withCheckedFails(boolean c) {
    return new LinearizabilityOptions(timeout, c, partition, parallelism, memoryFraction);
  }

  public LinearizabilityOptions withPartition(boolean p) {
    return new LinearizabilityOptions(timeout, checkedFails, p, parallelism, memoryFraction);
  }

  public LinearizabilityOptions withParallelism(int p) {
    return new LinearizabilityOptions(timeout, checkedFails, partition, p, memoryFraction);
  }

  public LinearizabilityOptions withMemoryFraction(double f) {
    return new LinearizabilityOptions(timeout, checkedFails, partition, parallelism, f);
  }
}
