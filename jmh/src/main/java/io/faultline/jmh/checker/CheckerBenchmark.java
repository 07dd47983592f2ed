package io.faultline.jmh.checker;

import io.faultline.harness.checker.Verdict;
import io.faultline.harness.checker.linear.LinearizabilityChecker;
import io.faultline.harness.checker.linear.LinearizabilityOptions;
import io.faultline.harness.checker.model.Models;
import io.faultline.harness.history.History;
import io.faultline.harness.history.sim.HistorySimulator;
import io.faultline.harness.history.sim.HistorySimulator.Shape;
import io.faultline.harness.history.sim.HistorySimulator.Workload;
import java.util.ArrayList;
import java.util.List;
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
 * Time to check a set of histories, warm, check only (histories are generated in setup, not parsed).
 *
 * <ul>
 *   <li>{@code etcd-register-x102}: 102 cas-register histories of about 180 ops from 5 processes with indeterminate
 *       ops, the shape of Jepsen's etcd histories that Porcupine's benchmark checks (reference: Porcupine, 0.43 s for
 *       all 102 on this kind of machine);
 *   <li>{@code kv-c10-670}: one 6.824-style get/put/append history of 670 ops from 10 clients, checked whole, without
 *       partitioning (reference: Porcupine, about 2 s on this kind of machine for its c10 history);
 *   <li>{@code kv-c10-670-partitioned}: the same history, split per key;
 *   <li>{@code kv-c10-670-crashes}: the same shape with 5% of operations indeterminate (crashed clients), which the
 *       search must try to place anywhere after their invocation: far harder, and a shape Porcupine has no notion of;
 *   <li>{@code kv-c50-strings-invalid}: 50 clients on 10 keys, get/put/append with values grown by appends, about
 *       4,000 events, one key not linearizable (the first ok get returns a value no order allows), the shape of
 *       Porcupine's c50-bad (issue 20). The violation sits early in its key, so this is shallower than c50-bad;
 *   <li>{@code kv-c50-appends-stale}: the same clients and keys with puts rare, so each value grows by appends to
 *       hundreds of characters, and one late stale read (once 90% of the operations were invoked, a get returns its
 *       key's value from before a write that completed before the get began): the search must linearize most of the
 *       key, and try many orders of its concurrent appends, before it fails. Seed 8; before issue 20's changes the
 *       failing key explored about 690,000 configurations, the slow shape the issue measured against Porcupine;
 *   <li>{@code kv-c50-appends-stale-mid}: the same with the stale read once half the operations were invoked, seed 1:
 *       a violation that Porcupine's search finds in tens of milliseconds, as it does in its c50-bad history;
 *   <li>{@code kv-c1-invalid}: one client, about 76 events, not linearizable: the tiny invalid history of issue 20,
 *       where fixed costs per check dominate.
 * </ul>
 *
 * <p>Porcupine's own histories are not available on this machine, so these are generated histories of the same
 * shape (clients, ops, format), not the same files; compare the figures as such.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(
    value = 1,
    jvmArgsAppend = {"-Xmx2g"})
public class CheckerBenchmark {

  @Param({
    "etcd-register-x102",
    "kv-c10-670",
    "kv-c10-670-partitioned",
    "kv-c10-670-crashes",
    "kv-c50-strings-invalid",
    "kv-c50-appends-stale",
    "kv-c50-appends-stale-mid",
    "kv-c1-invalid"
  })
  public String histories;

  private List<History> set;
  private LinearizabilityChecker checker;

  @Setup(Level.Trial)
  public void generate() {
    set = new ArrayList<>();
    switch (histories) {
      case "etcd-register-x102" -> {
        for (int i = 0; i < 102; i++) {
          set.add(HistorySimulator.record(Shape.etcdRegister(), i));
        }
        checker = new LinearizabilityChecker(Models.create("cas-register", null));
      }
      case "kv-c10-670", "kv-c10-670-partitioned", "kv-c10-670-crashes" -> {
        double infoRate = histories.endsWith("crashes") ? 0.05 : 0.0;
        set.add(HistorySimulator.record(Shape.lab6824(10, 335, infoRate), 6824));
        boolean partition = histories.endsWith("partitioned");
        checker =
            new LinearizabilityChecker(
                Models.create("kv", null),
                LinearizabilityOptions.defaults().withPartition(partition));
      }
      case "kv-c50-strings-invalid" -> {
        set.add(
            HistorySimulator.record(
                new Shape(Workload.KV_STRINGS, 50, 2000, 10, 1_000_000, 0.0, true), 3));
        checker = new LinearizabilityChecker(Models.create("kv", null));
      }
      case "kv-c50-appends-stale" -> {
        set.add(HistorySimulator.record(c50AppendsStale(), 8));
        checker = new LinearizabilityChecker(Models.create("kv", null));
      }
      case "kv-c50-appends-stale-mid" -> {
        set.add(HistorySimulator.record(c50AppendsStale().withStaleReadAt(0.5), 1));
        checker = new LinearizabilityChecker(Models.create("kv", null));
      }
      case "kv-c1-invalid" -> {
        set.add(HistorySimulator.record(Shape.lab6824(1, 38, 0.0).withCorruptRead(true), 1));
        checker = new LinearizabilityChecker(Models.create("kv", null));
      }
      default -> throw new IllegalArgumentException(histories);
    }
    Verdict expected =
        histories.endsWith("invalid") || histories.contains("stale")
            ? Verdict.INVALID
            : Verdict.VALID;
    for (History h : set) {
      if (checker.check(h).verdict() != expected) {
        throw new IllegalStateException(
            "a generated history should be " + expected + ": " + histories);
      }
    }
  }

  /** 50 clients on 10 keys, 2,000 operations, rare puts, a stale read after 90% of the operations. */
  public static Shape c50AppendsStale() {
    return new Shape(Workload.KV_APPENDS, 50, 2000, 10, 1_000_000, 0.0, false).withStaleReadAt(0.9);
  }

  /** Checks every history of the set; returns how many were valid (0 for the invalid shapes). */
  @Benchmark
  public int checkAll() {
    int valid = 0;
    for (History h : set) {
      if (checker.check(h).verdict() == Verdict.VALID) {
        valid++;
      }
    }
    return valid;
  }
}
