package io.faultline.workloads.register;

import io.faultline.harness.checker.Checker;
import io.faultline.harness.checker.linear.LinearizabilityChecker;
import io.faultline.harness.checker.linear.LinearizabilityOptions;
import io.faultline.harness.checker.model.KvModel;
import io.faultline.harness.generator.Generator;
import io.faultline.harness.history.History;
import io.faultline.harness.runner.TestSpec;
import io.faultline.harness.runner.Workload;
import io.faultline.workloads.keys.FinalReads;
import java.time.Duration;

/**
 * Independent cas-registers, checked per key for linearizability (the {@code kv} model, keys starting empty).
 * Two threads share a key, and a key takes 100 operations before its threads move on: small per-key histories with
 * real contention.
 */
public final class RegisterWorkload implements Workload {
  public static final int THREADS_PER_KEY = 2;
  public static final int OPS_PER_KEY = 100;
  public static final int VALUES = 5;

  @Override
  public String name() {
    return "register";
  }

  @Override
  public Generator generator(TestSpec spec) {
    return RegisterGenerator.of(spec.concurrency(), THREADS_PER_KEY, OPS_PER_KEY, VALUES);
  }

  /** One read of every key the history wrote to or read. */
  @Override
  public Generator finalGenerator(TestSpec spec, History history) {
    return FinalReads.ofEveryKey(history);
  }

  @Override
  public Checker checker(TestSpec spec) {
    LinearizabilityOptions options = LinearizabilityOptions.defaults().withTimeout(Duration.ofMinutes(5));
    return new LinearizabilityChecker(new KvModel(null), options);
  }
}
