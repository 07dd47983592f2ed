package io.faultline.harness.history.sim;

import io.faultline.harness.history.History;
import io.faultline.harness.history.Op;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
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
    KV_STRINGS,
    /**
     * As {@link #KV_STRINGS}, with puts rare (1 in 20, the rest half gets and half appends), so that a value grows by
     * appends to hundreds of characters and every get returns it whole, as in the 6.824 lab's tests.
     */
    KV_APPENDS
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
   * @param staleReadAt when in {@code [0, 1]}: once this fraction of the operations has been invoked, the first ok
   *     read that can be made stale returns its key's value from before a write that completed before the read was
   *     invoked (a late stale read, which a search finds only deep in the history); negative for none
   */
  public record Shape(
      Workload workload,
      int processes,
      int operations,
      int keys,
      int values,
      double infoRate,
      boolean corruptRead,
      double staleReadAt) {

    /** A shape without a stale read. */
    public Shape(
        Workload workload,
        int processes,
        int operations,
        int keys,
        int values,
        double infoRate,
        boolean corruptRead) {
      this(workload, processes, operations, keys, values, infoRate, corruptRead, -1);
    }

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
      return new Shape(workload, processes, n, keys, values, infoRate, corruptRead, staleReadAt);
    }

    public Shape withCorruptRead(boolean c) {
      return new Shape(workload, processes, operations, keys, values, infoRate, c, staleReadAt);
    }

    public Shape withStaleReadAt(double at) {
      return new Shape(workload, processes, operations, keys, values, infoRate, corruptRead, at);
    }
  }

  private HistorySimulator() {}

  /**
   * An invoked operation; {@code before} and {@code after} are its key's values just before and after it took
   * effect, {@code invokedAt} the position of its invocation in the history.
   */
  private record InFlight(
      int process,
      String f,
      Object key,
      Object arg,
      boolean applied,
      Object result,
      boolean failed,
      Object before,
      Object after,
      int invokedAt) {}

  /**
   * A write that completed ok: the value it overwrote, where it was invoked and where it completed, and where the
   * write of the value it overwrote completed ({@code -1} for the initial value).
   */
  private record Overwritten(Object before, int invokedAt, int completedAt, int beforeWrittenAt) {}

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
    boolean staled = shape.staleReadAt() < 0;
    Map<Object, List<Overwritten>> overwritten = new HashMap<>();
    Map<Object, Integer> writtenAt = new HashMap<>();
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
        if (!staled && !indeterminate && invoked >= shape.staleReadAt() * shape.operations()) {
          Object stale = staleFor(in, overwritten);
          if (stale != null) {
            result = stale;
            staled = true;
          }
        }
        if (!indeterminate && !in.failed() && !isRead(in.f())) {
          int beforeAt = in.before() == null ? -1 : writtenAt.getOrDefault(in.before(), ops.size());
          overwritten
              .computeIfAbsent(keyOf(in), k -> new ArrayList<>())
              .add(new Overwritten(in.before(), in.invokedAt(), ops.size(), beforeAt));
          writtenAt.put(in.after(), ops.size());
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

  /**
   * A value that {@code read} cannot return: what its key held before the last write {@code w} that completed before
   * the read was invoked, where the write of that value completed before {@code w} was invoked, so that every
   * linearization orders it, then {@code w}, then the read (values never repeat, as appends only grow and writes draw
   * from many values); {@code null} when there is no such write or {@code read} is no read.
   */
  private static Object staleFor(InFlight read, Map<Object, List<Overwritten>> overwritten) {
    List<Overwritten> writes = overwritten.getOrDefault(keyOf(read), List.of());
    int i = writes.size() - 1;
    while (i >= 0
        && (writes.get(i).completedAt() >= read.invokedAt()
            || writes.get(i).beforeWrittenAt() >= writes.get(i).invokedAt())) {
      i--;
    }
    if (!isRead(read.f()) || i < 0) {
      return null;
    }
    Overwritten w = writes.get(i);
    Object stale = read.f().equals("get") && w.before() == null ? "" : w.before();
    return Objects.equals(stale, read.result()) ? null : stale;
  }

  private static Object keyOf(InFlight in) {
    return in.key() == null ? "" : in.key();
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
    if (shape.workload() == Workload.KV_STRINGS || shape.workload() == Workload.KV_APPENDS) {
      boolean rarePuts = shape.keys() == 0 || shape.workload() == Workload.KV_APPENDS;
      f =
          switch (rnd.nextInt(rarePuts ? 20 : 3)) {
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
    return new InFlight(p, f, key, arg, false, null, false, null, null, ops.size() - 1);
  }

  private static InFlight apply(InFlight in, Map<Object, Object> store) {
    Object k = keyOf(in);
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
    return new InFlight(
        in.process(),
        in.f(),
        in.key(),
        in.arg(),
        true,
        result,
        failed,
        current,
        store.get(k),
        in.invokedAt());
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
    if (shape.workload() != Workload.CAS_REGISTER && shape.workload() != Workload.KV_REGISTER) {
      return read + "corrupt";
    }
    return read instanceof Long l ? l + shape.values() : (long) shape.values() + 7;
  }

  private static Object wrap(Object key, Object value) {
    return key == null ? value : Arrays.asList(key, value);
  }
}
