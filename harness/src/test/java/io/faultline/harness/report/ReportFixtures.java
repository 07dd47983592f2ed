package io.faultline.harness.report;

import io.faultline.harness.checker.linear.LinearizabilityChecker;
import io.faultline.harness.checker.linear.LinearizabilityResult;
import io.faultline.harness.checker.model.Models;
import io.faultline.harness.history.History;
import io.faultline.harness.history.Op;
import io.faultline.harness.history.codec.HistoryFormat;
import io.faultline.harness.history.sim.HistorySimulator;
import io.faultline.harness.spi.TestSpec;
import io.faultline.harness.store.Json;
import io.faultline.harness.store.RunDir;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Stored runs for report tests: simulated key-value histories with a nemesis schedule, checked and written. */
final class ReportFixtures {
  private ReportFixtures() {}

  /** A simulated kv history of {@code operations} ops on {@code keys} keys, its times stretched to milliseconds. */
  static History kvHistory(int operations, int keys, boolean corrupt, long seed) {
    return kvHistory(operations, keys, corrupt, seed, 0.05);
  }

  /** The same with {@code infoRate} indeterminate completions. */
  static History kvHistory(int operations, int keys, boolean corrupt, long seed, double infoRate) {
    HistorySimulator.Shape shape =
        new HistorySimulator.Shape(
            HistorySimulator.Workload.KV_REGISTER, 5, operations, keys, 5, infoRate, corrupt);
    History h = HistorySimulator.record(shape, seed);
    List<Op> ops = new ArrayList<>();
    for (Op op : h.ops()) {
      ops.add(op.withTime(op.time() * 20_000));
    }
    return History.of(ops);
  }

  /**
   * The history with the first ok read of a key after {@code fraction} of it returning a value never written (99), so
   * that the failure comes after a long linearizable prefix.
   */
  static History withBadReadAt(History h, double fraction) {
    List<Op> ops = new ArrayList<>(h.ops());
    for (int i = (int) (ops.size() * fraction); i < ops.size(); i++) {
      Op op = ops.get(i);
      if (!op.isNemesis()
          && op.type() == Op.Type.OK
          && op.f().equals("read")
          && op.value() instanceof List<?> kv) {
        ops.set(i, op.withValue(java.util.Arrays.asList(kv.get(0), 99L)));
        break;
      }
    }
    return History.of(ops);
  }

  /**
   * The history with a nemesis schedule merged in: a partition over 15–35% of its span, a kill over 45–60%, a pause
   * over 65–75% and a clock bump from 80% that never heals.
   */
  static History withFaults(History h) {
    long end = h.get(h.size() - 1).time();
    List<Op> ops = new ArrayList<>(h.ops());
    nemesis(ops, end, 0.15, "start-partition", List.of("n1", "n2"));
    nemesis(ops, end, 0.35, "stop-partition", null);
    nemesis(ops, end, 0.45, "kill", List.of("n3"));
    nemesis(ops, end, 0.60, "start", List.of("n3"));
    nemesis(ops, end, 0.65, "pause", List.of("n4"));
    nemesis(ops, end, 0.75, "resume", List.of("n4"));
    nemesis(ops, end, 0.80, "bump-clock", Map.of("n5", 3600));
    ops.sort(Comparator.comparingLong(Op::time));
    List<Op> reindexed = new ArrayList<>();
    for (Op op : ops) {
      reindexed.add(op.withIndex(-1));
    }
    return History.of(reindexed);
  }

  private static void nemesis(List<Op> ops, long end, double at, String f, Object value) {
    long t = (long) (end * at);
    ops.add(new Op(-1, t, Op.Type.INVOKE, Op.NEMESIS, f, value, null, null));
    ops.add(new Op(-1, t + 1_000_000, Op.Type.INFO, Op.NEMESIS, f, value, null, null));
  }

  /** Checks {@code history} with the kv model and stores it as a run in {@code dir}, as the runner would. */
  static RunDir storeRun(Path dir, History history) throws IOException {
    Files.createDirectories(dir);
    RunDir run = new RunDir(dir);
    TestSpec spec =
        TestSpec.builder()
            .name("report-fixture")
            .workload("register")
            .nodes(5)
            .concurrency(5)
            .timeLimit(Duration.ofSeconds(30))
            .nemesis(List.of("partition", "kill", "pause", "clock"))
            .seed(42)
            .build();
    Json.write(run.testJson(), spec);
    HistoryFormat.JSONL.write(history, run.history());
    LinearizabilityResult result =
        new LinearizabilityChecker(Models.create("kv", null)).check(history);
    Map<String, Object> results = new LinkedHashMap<>();
    results.put("valid", result.verdict().jsonValue());
    Map<String, Object> counts = new LinkedHashMap<>();
    for (Op.Type t : Op.Type.values()) {
      counts.put(t.jepsenName(), history.ops().stream().filter(o -> o.type() == t).count());
    }
    results.put("counts", counts);
    results.put("linearizability", result.toJson());
    Json.write(run.results(), results);
    for (String node : List.of("n1", "n2")) {
      Path log = run.nodes().resolve(node).resolve("node.log");
      Files.createDirectories(log.getParent());
      Files.writeString(log, "started " + node + "\n");
    }
    return run;
  }
}
