package io.faultline.harness.checker.linear;

import static org.assertj.core.api.Assertions.assertThat;

import io.faultline.harness.checker.Verdict;
import io.faultline.harness.checker.model.Model;
import io.faultline.harness.checker.model.Models;
import io.faultline.harness.checker.model.Operation;
import io.faultline.harness.history.History;
import io.faultline.harness.history.Op;
import io.faultline.harness.history.sim.HistorySimulator;
import io.faultline.harness.history.sim.HistorySimulator.Shape;
import io.faultline.harness.history.sim.HistorySimulator.Workload;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The search agrees with the definition of linearizability: on small random histories, with an exhaustive search
 * that tries every real-time-respecting order; on larger simulated ones, with what the simulation knows.
 */
class AgreementTest {

  @Test
  void simulatedHistoriesAreValidAndCorruptedOnesInvalid() {
    Model<?> casRegister = Models.create("cas-register", null);
    for (long seed = 0; seed < 200; seed++) {
      Shape shape = Shape.etcdRegister();
      assertThat(
              new LinearizabilityChecker(casRegister)
                  .check(HistorySimulator.record(shape, seed))
                  .verdict())
          .as("seed %d", seed)
          .isEqualTo(Verdict.VALID);
      History corrupt = HistorySimulator.record(shape.withCorruptRead(true), seed);
      assertThat(new LinearizabilityChecker(casRegister).check(corrupt).verdict())
          .as("corrupted seed %d", seed)
          .isEqualTo(Verdict.INVALID);
    }
  }

  @Test
  void partitionedAndWholeChecksAgreeOnKeyValueHistories() {
    Model<?> kv = Models.create("kv", null);
    LinearizabilityChecker whole =
        new LinearizabilityChecker(kv, LinearizabilityOptions.defaults().withPartition(false));
    LinearizabilityChecker perKey = new LinearizabilityChecker(kv);
    for (long seed = 0; seed < 60; seed++) {
      for (boolean corrupt : new boolean[] {false, true}) {
        Shape shape =
            new Shape(
                seed % 2 == 0 ? Workload.KV_STRINGS : Workload.KV_REGISTER,
                4,
                40,
                3,
                4,
                0.1,
                corrupt);
        History h = HistorySimulator.record(shape, seed);
        Verdict expected = corrupt ? Verdict.INVALID : Verdict.VALID;
        assertThat(perKey.check(h).verdict()).as("per key, seed %d", seed).isEqualTo(expected);
        assertThat(whole.check(h).verdict()).as("whole, seed %d", seed).isEqualTo(expected);
      }
    }
  }

  @Test
  void smallRandomHistoriesGetTheVerdictOfAnExhaustiveSearch() {
    SplittableRandom rnd = new SplittableRandom(7);
    Model<?> model = Models.create("cas-register", 0L);
    int invalid = 0;
    for (int i = 0; i < 3000; i++) {
      History h = randomHistory(rnd);
      Verdict expected = exhaustive(model, h) ? Verdict.VALID : Verdict.INVALID;
      if (expected == Verdict.INVALID) {
        invalid++;
      }
      assertThat(new LinearizabilityChecker(model).check(h).verdict())
          .as("%s", h)
          .isEqualTo(expected);
    }
    assertThat(invalid).as("the random histories include invalid ones").isBetween(300, 2700);
  }

  @Test
  void smallRandomKeyValueHistoriesGetTheVerdictOfAnExhaustiveSearchOverPlainStrings() {
    SplittableRandom rnd = new SplittableRandom(20);
    Model<?> kv = Models.create("kv", null);
    LinearizabilityChecker perKey = new LinearizabilityChecker(kv);
    LinearizabilityChecker perKeyOneThread =
        new LinearizabilityChecker(kv, LinearizabilityOptions.defaults().withParallelism(1));
    LinearizabilityChecker whole =
        new LinearizabilityChecker(kv, LinearizabilityOptions.defaults().withPartition(false));
    int invalid = 0;
    for (int i = 0; i < 3000; i++) {
      History h = randomKvHistory(rnd);
      Verdict expected = exhaustive(new PlainKv(), h) ? Verdict.VALID : Verdict.INVALID;
      if (expected == Verdict.INVALID) {
        invalid++;
      }
      assertThat(perKey.check(h).verdict()).as("per key: %s", h).isEqualTo(expected);
      assertThat(perKeyOneThread.check(h).verdict()).as("one thread: %s", h).isEqualTo(expected);
      assertThat(whole.check(h).verdict()).as("whole: %s", h).isEqualTo(expected);
    }
    assertThat(invalid).as("the random histories include invalid ones").isBetween(300, 2700);
  }

  /**
   * The oracle's key-value store: a map of plain strings, copied at each step, so the checker's {@link
   * io.faultline.harness.checker.model.Text} states are compared with no code of their own.
   */
  private static final class PlainKv implements Model<Map<Object, String>> {
    @Override
    public String name() {
      return "plain-kv";
    }

    @Override
    public Map<Object, String> init() {
      return Map.of();
    }

    @Override
    public boolean isReadOnly(String f) {
      return f.equals("get");
    }

    @Override
    public Map<Object, String> step(Map<Object, String> state, Operation op) {
      List<?> kv = (List<?>) op.value();
      Object key = kv.get(0);
      String current = state.getOrDefault(key, "");
      Map<Object, String> next = new HashMap<>(state);
      switch (op.f()) {
        case "get":
          return kv.get(1) == null || current.equals(kv.get(1)) ? state : null;
        case "put":
          next.put(key, (String) kv.get(1));
          return next;
        default:
          next.put(key, current + kv.get(1));
          return next;
      }
    }
  }

  /**
   * Up to 4 processes and 7 get, put and append operations on two keys, with gets that return random short strings
   * (often wrong) and some info completions.
   */
  private static History randomKvHistory(SplittableRandom rnd) {
    String[] reads = {"", "a", "b", "ab", "ba", "aa", "bab", "abb"};
    List<Op> ops = new ArrayList<>();
    int processes = 1 + rnd.nextInt(4);
    boolean[] open = new boolean[processes];
    List<Object> call = new ArrayList<>(java.util.Collections.nCopies(processes, null));
    String[] f = new String[processes];
    int[] pid = new int[processes];
    for (int p = 0; p < processes; p++) {
      pid[p] = p;
    }
    int left = 2 + rnd.nextInt(6);
    while (left > 0 || anyOpen(open)) {
      int p = rnd.nextInt(processes);
      if (!open[p] && left > 0) {
        f[p] =
            switch (rnd.nextInt(4)) {
              case 0, 1 -> "get";
              case 2 -> "append";
              default -> "put";
            };
        String key = rnd.nextInt(4) == 0 ? "y" : "x";
        String v = f[p].equals("get") ? null : rnd.nextBoolean() ? "a" : "b";
        call.set(p, Arrays.asList(key, v));
        ops.add(Op.invoke(pid[p], f[p], call.get(p)));
        open[p] = true;
        left--;
      } else if (open[p]) {
        List<?> c = (List<?>) call.get(p);
        if (rnd.nextInt(10) == 0) {
          ops.add(Op.info(pid[p], f[p], c));
          pid[p] += processes;
        } else if (f[p].equals("get")) {
          ops.add(Op.ok(pid[p], f[p], Arrays.asList(c.get(0), reads[rnd.nextInt(reads.length)])));
        } else {
          ops.add(Op.ok(pid[p], f[p], c));
        }
        open[p] = false;
      }
    }
    return History.of(ops);
  }

  /** Up to 4 processes and 7 operations, with random (often wrong) read results and some info completions. */
  private static History randomHistory(SplittableRandom rnd) {
    List<Op> ops = new ArrayList<>();
    int processes = 1 + rnd.nextInt(4);
    boolean[] open = new boolean[processes];
    String[] f = new String[processes];
    Object[] arg = new Object[processes];
    int[] pid = new int[processes];
    for (int p = 0; p < processes; p++) {
      pid[p] = p;
    }
    int left = 2 + rnd.nextInt(6);
    while (left > 0 || anyOpen(open)) {
      int p = rnd.nextInt(processes);
      if (!open[p] && left > 0) {
        f[p] =
            switch (rnd.nextInt(3)) {
              case 0 -> "read";
              case 1 -> "write";
              default -> "cas";
            };
        arg[p] =
            switch (f[p]) {
              case "read" -> null;
              case "write" -> (long) rnd.nextInt(3);
              default -> List.of((long) rnd.nextInt(3), (long) rnd.nextInt(3));
            };
        ops.add(Op.invoke(pid[p], f[p], arg[p]));
        open[p] = true;
        left--;
      } else if (open[p]) {
        int kind = rnd.nextInt(10);
        Object v = f[p].equals("read") ? (Object) (long) rnd.nextInt(3) : arg[p];
        if (kind == 0) {
          ops.add(Op.info(pid[p], f[p], arg[p]));
          pid[p] += processes;
        } else if (kind == 1 && f[p].equals("cas")) {
          ops.add(Op.fail(pid[p], f[p], arg[p]));
        } else {
          ops.add(Op.ok(pid[p], f[p], v));
        }
        open[p] = false;
      }
    }
    return History.of(ops);
  }

  private static boolean anyOpen(boolean[] open) {
    for (boolean o : open) {
      if (o) {
        return true;
      }
    }
    return false;
  }

  /** Tries every order of the operations that respects real time; pending operations may also never happen. */
  @SuppressWarnings("unchecked")
  private static boolean exhaustive(Model<?> m, History h) {
    List<Operation> ops = Operations.of(h, m, false);
    return search((Model<Object>) m, ops, new boolean[ops.size()], m.init());
  }

  private static boolean search(
      Model<Object> m, List<Operation> ops, boolean[] done, Object state) {
    boolean allCompletedDone = true;
    for (int i = 0; i < ops.size(); i++) {
      if (!done[i] && ops.get(i).outcome() != Operation.Outcome.PENDING) {
        allCompletedDone = false;
      }
    }
    if (allCompletedDone) {
      return true;
    }
    for (int i = 0; i < ops.size(); i++) {
      if (done[i] || !minimal(ops, done, i)) {
        continue;
      }
      Object next = m.step(state, ops.get(i));
      if (next != null) {
        done[i] = true;
        boolean ok = search(m, ops, done, next);
        done[i] = false;
        if (ok) {
          return true;
        }
      }
    }
    return false;
  }

  /** No operation left undone completed before operation {@code i} was invoked. */
  private static boolean minimal(List<Operation> ops, boolean[] done, int i) {
    long invoked = ops.get(i).invoke().index();
    for (int j = 0; j < ops.size(); j++) {
      Operation o = ops.get(j);
      if (!done[j]
          && j != i
          && o.outcome() != Operation.Outcome.PENDING
          && o.completion().index() < invoked) {
        return false;
      }
    }
    return true;
  }
}
