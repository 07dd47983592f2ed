package io.faultline.workloads.append;

import io.faultline.harness.checker.Checker;
import io.faultline.harness.generator.Generator;
import io.faultline.harness.history.History;
import io.faultline.harness.spi.TestSpec;
import io.faultline.harness.spi.Workload;
import io.faultline.workloads.keys.FinalReads;
import io.faultline.workloads.keys.RotatingKeys;

/**
 * Per-key append-only lists: unique elements appended and whole lists read on {@link RotatingKeys}, two threads to a
 * key for 100 operations, then one final read of every key after healing. Checked by {@link AppendChecker}: no
 * acknowledged element lost, none held twice, none invented, and the reads linearizable.
 */
public final class AppendWorkload implements Workload {
  public static final int THREADS_PER_KEY = 2;
  public static final int OPS_PER_KEY = 100;

  @Override
  public String name() {
    return "append";
  }

  @Override
  public Generator generator(TestSpec spec) {
    return AppendGenerator.of(spec.concurrency(), THREADS_PER_KEY, OPS_PER_KEY);
  }

  @Override
  public Generator finalGenerator(TestSpec spec, History history) {
    return FinalReads.ofEveryKey(history);
  }

  @Override
  public Checker checker(TestSpec spec) {
    return new AppendChecker();
  }
}
