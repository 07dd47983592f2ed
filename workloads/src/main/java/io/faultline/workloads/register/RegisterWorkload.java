package io.faultline.workloads.register;

import io.faultline.harness.checker.Checker;
import io.faultline.harness.checker.linear.LinearizabilityChecker;
import io.faultline.harness.checker.linear.LinearizabilityOptions;
import io.faultline.harness.checker.model.KvModel;
import io.faultline.harness.generator.Generator;
import io.faultline.harness.history.History;
import io.faultline.harness.spi.TestSpec;
import io.faultline.harness.spi.Workload;
import io.faultline.workloads.keys.FinalReads;
import java.time.Duration;

/**
 * Independent cas-registers, checked per key for linearizability (the {@code kv} model, keys starting empty).
 * Two threads share a key, and a key takes 100 operations before its threads move on: small per-key histories with
 * real contention.
 *
 * <p>Workload options:
 *
 * <ul>
 *   <li>{@value #MIX}: the weights of reads, writes and compare-and-sets as {@code read:write:cas} (default
 *       {@code 1:1:1}); e.g. {@code 4:1:0} for mostly reads, which do not block behind writes that cannot commit.
 *   <li>{@value #VALUES_OPTION}: {@code unique} (the default: every write's value is new, so that a lost or misreported
 *       write cannot hide behind a later equal one), or a number {@code N} to draw values from {@code 0..N-1}, as
 *       Knossos's classic register does.
 * </ul>
 */
public final class RegisterWorkload implements Workload {
  public static final int THREADS_PER_KEY = 2;
  public static final int OPS_PER_KEY = 100;

  /** The workload option that sets the mix of reads, writes and compare-and-sets. */
  public static final String MIX = "mix";

  /** The workload option that sets how values are drawn: {@code unique} or a domain size. */
  public static final String VALUES_OPTION = "values";

  @Override
  public String name() {
    return "register";
  }

  @Override
  public Generator generator(TestSpec spec) {
    return RegisterGenerator.of(
        spec.concurrency(), THREADS_PER_KEY, OPS_PER_KEY, values(spec), mix(spec));
  }

  /**
   * The spec's value domain: {@link RegisterGenerator#UNIQUE} by default, or the size given.
   *
   * @throws IllegalArgumentException for a malformed {@value #VALUES_OPTION} option
   */
  static int values(TestSpec spec) {
    String value = spec.workloadOptions().getOrDefault(VALUES_OPTION, "unique");
    if (value.equals("unique")) {
      return RegisterGenerator.UNIQUE;
    }
    try {
      int n = Integer.parseInt(value.strip());
      if (n >= 1) {
        return n;
      }
    } catch (NumberFormatException e) {
      // refused below
    }
    throw new IllegalArgumentException(
        "is 'unique' or a number of values of at least 1, not '" + value + "'");
  }

  /**
   * The spec's mix of reads, writes and compare-and-sets, {@link RegisterGenerator.Mix#EVEN} by default.
   *
   * @throws IllegalArgumentException for a malformed {@value #MIX} option
   */
  static RegisterGenerator.Mix mix(TestSpec spec) {
    String value = spec.workloadOptions().get(MIX);
    return value == null ? RegisterGenerator.Mix.EVEN : RegisterGenerator.Mix.parse(value);
  }

  /** The register takes two options, {@value #MIX} and {@value #VALUES_OPTION}. */
  @Override
  public void checkOptions(TestSpec spec) {
    for (String key : spec.workloadOptions().keySet()) {
      if (!key.equals(MIX) && !key.equals(VALUES_OPTION)) {
        throw new IllegalArgumentException(
            "unknown --workload-opt "
                + key
                + " for workload register; it takes "
                + MIX
                + " and "
                + VALUES_OPTION);
      }
    }
    try {
      mix(spec);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("--workload-opt " + MIX + ": " + e.getMessage());
    }
    try {
      values(spec);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("--workload-opt " + VALUES_OPTION + " " + e.getMessage());
    }
  }

  /** One read of every key the history wrote to or read. */
  @Override
  public Generator finalGenerator(TestSpec spec, History history) {
    return FinalReads.ofEveryKey(history);
  }

  @Override
  public Checker checker(TestSpec spec) {
    LinearizabilityOptions options =
        LinearizabilityOptions.defaults().withTimeout(Duration.ofMinutes(5));
    return new LinearizabilityChecker(new KvModel(null), options);
  }
}
