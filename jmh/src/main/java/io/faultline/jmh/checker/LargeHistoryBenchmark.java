package io.faultline.jmh.checker;

import io.faultline.harness.checker.Verdict;
import io.faultline.harness.checker.linear.LinearizabilityChecker;
import io.faultline.harness.checker.model.Models;
import io.faultline.harness.history.History;
import io.faultline.harness.history.sim.HistorySimulator;
import io.faultline.harness.history.sim.HistorySimulator.Shape;
import io.faultline.harness.history.sim.HistorySimulator.Workload;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Time to check one large per-key history (Jepsen's independent register workload: read/write/cas on keys, checked
 * per key in parallel), in a 2 GB heap, at 10k, 100k and 1M history ops. The bar: 1,000,000 ops over 1,000 keys in
 * under 10 s. Ops checked per second = {@code ops} / score.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 1)
@Measurement(iterations = 3)
@Fork(
    value = 1,
    jvmArgsAppend = {"-Xmx2g"})
public class LargeHistoryBenchmark {

  /** History ops (invocations plus completions). */
  @Param({"10000", "100000", "1000000"})
  public int ops;

  @Param({"1000"})
  public int keys;

  private History history;
  private LinearizabilityChecker checker;

  @Setup(Level.Trial)
  public void generate() {
    history =
        HistorySimulator.record(
            new Shape(Workload.KV_REGISTER, 50, ops / 2, keys, 5, 0.01, false), 42);
    checker = new LinearizabilityChecker(Models.create("kv", null));
  }

  @Benchmark
  public Verdict check() {
    return checker.check(history).verdict();
  }
}
