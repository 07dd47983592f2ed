package io.faultline.harness.history.sim;

import io.faultline.harness.history.History;
import io.faultline.harness.history.Op;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Records histories of a simulated linearizable key-value object driven by concurrent processes.
 *
 * <p>Each step either invokes an operation on an idle process, takes effect for one invoked operation (its
 * linearization point), or completes one that took effect. A completion is {@code info} with probability
 * {@link Shape#infoRate()}; the process then continues under a new id ({@code process + processes}), as in Jepsen.
 * A {@code cas} whose expected value does not match fails definitely. With the same probability as an indeterminate
 * completion, an operation crashes before taking effect, and completes {@code info} as well.
 */
public final class HistorySimulator {

  /** Which operations to draw. */
  public enum Workload {
    /** read, write, cas on one register (values are longs); op values are plain, as Knossos' cas-register. */
    CAS_REGISTER,
    /** read, write, cas per key; op values are {@code [key value]} tuples. */
    KV_REGISTER,
    /** get, put, append of strings per key; op values are {@code [key value]} tuples, as the 6.824 lab. */
    KV_STRINGS
  }

  /**
   * The shape of a history.
   *
   * @param workload which operations
   * @param processes concurrent processes
   * @param operations how many operations to invoke (the history has about twice as many ops)
   * @param keys how many keys (1 for {@link Workload#CAS_REGISTER}); 0 to give each process a key of its own, as
   *     the 6.824 lab's clients do
   * @param values how many distinct values to write
   * @param infoRate the probability that a completion is indeterminate, and that an operation crashes before it takes
   *     effect
   * @param corruptRead whether to make the first ok read return a value that no linearization allows
   */
  public record Shape(
      Workload workload,
      int processes,
      int operations,
      int keys,
      int values,
      double infoRate,
      boolean corruptRead) {

    /** About the shape of Jepsen's etcd register histories: 5 processes, ~180 ops. */
    public static Shape etcdRegister() {
      return new Shape(Workload.CAS_REGISTER, 5, 90, 1, 5, 0.2, false);
    }

    /**
     * The shape of the 6.824 lab's key-value histories: clients that get, put and append on keys drawn from as many
     * keys as there are clients, with unique appended strings, and clients that retry until they hear back, so no op
     * is indeterminate unless {@code infoRate} says so.
     */
    public static Shape lab6824(int clients, int operations, double infoRate) {
      return new Shape(
          Workload.KV_STRINGS, clients, operations, clients, 1_000_000, infoRate, false);
    }

    public Shape withOperations(int n) {
      return new Shape(workload, processes, n, keys, values, infoRate, corruptRead);
    }

    public Shape withCorruptRead(boolean c) {
      return new Shape(workload, processes, operations, keys, values, infoRate, c);
    }
  }

  private HistorySimulator() {}

  private record InFlight(
      int process,
      String f,
      Object key,
      Object arg,
      boolean applied,
      Object result,
      boolean failed) {}

  /** Records one history of the given shape; the same seed gives the same history. */
  public static History record(Shape shape, long seed) {
    SplittableRandom rnd = new SplittableRandom(seed);
    Map<Object, Object> store = new HashMap<>();
    List<Op> ops = new ArrayList<>(shape.operations() * 2 + 8);
    InFlight[] slots = new InFlight[shape.processes()];
    int[] process = new int[shape.processes()];
    Arrays.setAll(process, i -> i);
    int invoked = 0;
    int open = 0;
    long time = 0;
    boolean corrupted = !shape.corruptRead();
    while (invoked < shape.operations() || open > 0) {
      int s = rnd.nextInt(shape.processes());
      time += 1 + rnd.nextInt(1000);
      InFlight in = slots[s];
      if (in == null) {
        if (invoked < shape.operations()) {
          slots[s] = invoke(shape, rnd, s, process[s], ops, time);
          invoked++;
          open++;
        }
      } else if (!in.applied() && rnd.nextDouble() >= shape.infoRate()) {
        slots[s] = apply(in, store);
      } else {
        boolean indeterminate = !in.applied() || rnd.nextDouble() < shape.infoRate();
        Object result = in.result();
        if (!corrupted && !indeterminate && isRead(in.f())) {
          result = corrupt(shape, result);
          corrupted = true;
        }
        ops.add(complete(shape, in, indeterminate, result, time));
        if (indeterminate) {
          process[s] += shape.processes();
        }
        slots[s] = null;
        open--;
      }
    }
    return History.of(ops);
  }

  private static boolean isRead(String f) {
    return f.equals("read") || f.equals("get");
  }

  private static InFlight invoke(
      Shape shape, SplittableRandom rnd, int slot, int p, List<Op> ops, long time) {
    Object key =
        shape.workload() == Workload.CAS_REGISTER
            ? null
            : Long.toString(shape.keys() == 0 ? slot : rnd.nextInt(shape.keys()));
    String f;
    Object arg;
    if (shape.workload() == Workload.KV_STRINGS) {
      f =
          switch (rnd.nextInt(shape.keys() == 0 ? 20 : 3)) {
            case 0 -> "put";
            case 1, 3, 5, 7, 9, 11, 13, 15, 17, 19 -> "get";
            default -> "append";
          };
      arg = f.equals("get") ? null : "x" + rnd.nextInt(shape.values()) + " ";
    } else {
      f =
          switch (rnd.nextInt(3)) {
            case 0 -> "read";
            case 1 -> "write";
            default -> "cas";
          };
      long v = rnd.nextInt(shape.values());
      arg =
          switch (f) {
            case "read" -> null;
            case "write" -> v;
            default -> List.of((long) rnd.nextInt(shape.values()), v);
          };
    }
    ops.add(new Op(-1, time, Op.Type.INVOKE, p, f, wrap(key, arg), null, null));
    return new InFlight(p, f, key, arg, false, null, false);
  }

  private static InFlight apply(InFlight in, Map<Object, Object> store) {
    Object k = in.key() == null ? "" : in.key();
    Object current = store.get(k);
    Object result = in.arg();
    boolean failed = false;
    switch (in.f()) {
      case "read" -> result = current;
      case "get" -> result = current == null ? "" : current;
      case "write", "put" -> store.put(k, in.arg());
      case "append" -> store.put(k, (current == null ? "" : (String) current) + in.arg());
      case "cas" -> {
        List<?> cas = (List<?>) in.arg();
        if (cas.get(0).equals(current)) {
          store.put(k, cas.get(1));
        } else {
          failed = true;
        }
      }
      default -> throw new IllegalStateException(in.f());
    }
    return new InFlight(in.process(), in.f(), in.key(), in.arg(), true, result, failed);
  }

  private static Op complete(
      Shape shape, InFlight in, boolean indeterminate, Object result, long time) {
    Op.Type type = indeterminate ? Op.Type.INFO : in.failed() ? Op.Type.FAIL : Op.Type.OK;
    Object value = type == Op.Type.OK ? result : in.arg();
    return new Op(
        -1,
        time,
        type,
        in.process(),
        in.f(),
        wrap(in.key(), value),
        indeterminate ? "timeout" : in.failed() ? "compare-failed" : null,
        null);
  }

  private static Object corrupt(Shape shape, Object read) {
    if (shape.workload() == Workload.KV_STRINGS) {
      return read + "corrupt";
    }
    return read instanceof Long l ? l + shape.values() : (long) shape.values() + 7;
  }

  private static Object wrap(Object key, Object value) {
    return key == null ? value : Arrays.asList(key, value);
  }
}
