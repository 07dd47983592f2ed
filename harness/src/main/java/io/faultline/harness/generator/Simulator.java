package io.faultline.harness.generator;

import io.faultline.harness.history.History;
import io.faultline.harness.history.Op;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.PriorityQueue;
import java.util.function.Function;
import java.util.function.ToLongFunction;

/**
 * Runs a generator against fake time and simulated workers, so that a test can assert the exact schedule a generator
 * produces for a seed. Each op completes after {@link #latency latency}; {@link #outcome outcome} says how (ok, fail
 * or info). Time jumps from event to event: a simulated minute costs microseconds.
 *
 * <pre>{@code
 * History h = Simulator.of(3).latency(Duration.ofMillis(10)).run(limit(3, repeat(invoke("read", null))));
 * }</pre>
 *
 * <p>It uses the same {@link Dispatcher} as the interpreter, so what it shows is what a real run schedules, given the
 * same completion times. An immutable configuration: each setter returns a copy.
 */
public final class Simulator {
  private final int concurrency;
  private final long seed;
  private final ToLongFunction<Op> latency;
  private final Function<Op, Op.Type> outcome;
  private final long maxOps;

  private Simulator(
      int concurrency,
      long seed,
      ToLongFunction<Op> latency,
      Function<Op, Op.Type> outcome,
      long maxOps) {
    this.concurrency = concurrency;
    this.seed = seed;
    this.latency = latency;
    this.outcome = outcome;
    this.maxOps = maxOps;
  }

  /**
   * A simulator with {@code concurrency} client threads (and a nemesis thread), seed 0, a latency of 1 ms, clients
   * completing ok and the nemesis info, and at most a million invocations.
   */
  public static Simulator of(int concurrency) {
    return new Simulator(
        concurrency,
        0,
        op -> 1_000_000L,
        op -> op.isNemesis() ? Op.Type.INFO : Op.Type.OK,
        1_000_000);
  }

  public Simulator seed(long newSeed) {
    return new Simulator(concurrency, newSeed, latency, outcome, maxOps);
  }

  /** Every op takes {@code d}. */
  public Simulator latency(Duration d) {
    long nanos = d.toNanos();
    return latency(op -> nanos);
  }

  /** Each op takes {@code nanos.applyAsLong(invocation)} nanoseconds. */
  public Simulator latency(ToLongFunction<Op> nanos) {
    return new Simulator(concurrency, seed, Objects.requireNonNull(nanos), outcome, maxOps);
  }

  /** How each invocation completes: {@code OK}, {@code FAIL} or {@code INFO}. */
  public Simulator outcome(Function<Op, Op.Type> type) {
    return new Simulator(concurrency, seed, latency, Objects.requireNonNull(type), maxOps);
  }

  /** Fails the run after this many invocations, to catch generators that never end. */
  public Simulator maxOps(long n) {
    return new Simulator(concurrency, seed, latency, outcome, n);
  }

  private record Pending(long time, long seq, Op completion) {}

  /** The whole history of running {@code gen}: invocations and completions, times in fake nanoseconds. */
  public History run(Generator gen) {
    Dispatcher d = new Dispatcher(gen, concurrency, seed);
    PriorityQueue<Pending> events =
        new PriorityQueue<>(
            (a, b) -> a.time != b.time ? Long.compare(a.time, b.time) : Long.compare(a.seq, b.seq));
    List<Op> ops = new ArrayList<>();
    long now = 0;
    long seq = 0;
    long invoked = 0;
    while (true) {
      Dispatcher.Decision decision = d.next(now);
      if (decision instanceof Dispatcher.Decision.Invoke inv) {
        if (++invoked > maxOps) {
          throw new IllegalStateException(
              "more than " + maxOps + " invocations: does the generator ever end?");
        }
        Op op = inv.op();
        ops.add(op);
        Op.Type type = outcome.apply(op);
        if (type == Op.Type.INVOKE) {
          throw new IllegalArgumentException("an outcome must be OK, FAIL or INFO");
        }
        long done = now + Math.max(0, latency.applyAsLong(op));
        events.add(
            new Pending(
                done,
                seq++,
                new Op(-1, done, type, op.process(), op.f(), op.value(), null, op.node())));
      } else if (decision instanceof Dispatcher.Decision.Wait w) {
        Pending p = events.peek();
        if (p != null && p.time <= w.until()) {
          events.poll();
          now = Math.max(now, p.time);
          ops.add(p.completion.withTime(now));
          d.complete(p.completion, now);
        } else if (w.until() == Long.MAX_VALUE) {
          throw new IllegalStateException("waiting forever with nothing in flight");
        } else {
          now = Math.max(now, w.until());
        }
      } else {
        return History.of(ops);
      }
    }
  }

  /** Only the invocations of {@code history}, in order: the schedule. */
  public static List<Op> invocations(History history) {
    List<Op> out = new ArrayList<>();
    for (Op op : history.ops()) {
      if (op.type() == Op.Type.INVOKE) {
        out.add(op);
      }
    }
    return out;
  }
}
