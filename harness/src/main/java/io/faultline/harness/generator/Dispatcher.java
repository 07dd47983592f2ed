package io.faultline.harness.generator;

import io.faultline.harness.history.Op;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs a generator: the bookkeeping that every driver does, whether its clock is real (the interpreter) or fake (the
 * {@link Simulator}). It holds the current generator and context, asks for ops, decides when an op is due, marks
 * threads busy and free, moves a crashed client thread to its next process, and feeds every event back to the
 * generator. It performs no I/O and never blocks: the driver owns the clock, the workers and the history.
 *
 * <p>A driver loops: {@link #next(long)} says what to do now, an {@link Decision.Invoke} (send this op to this
 * thread), a {@link Decision.Wait} (nothing until that time or the next completion) or {@link Decision#DONE}. Each
 * completion goes to {@link #complete(Op, long)}. {@link Generators#sleep sleep} and {@link Generators#log log} ops
 * ops are taken here and never reach the driver. Not thread-safe: one driver thread.
 */
public final class Dispatcher {
  private static final Logger LOG = LoggerFactory.getLogger(Dispatcher.class);

  /** What the driver should do next. */
  public sealed interface Decision permits Decision.Invoke, Decision.Wait, Decision.Done {
    /** Everything is over: the generator is exhausted and no thread is busy. */
    Done DONE = Done.INSTANCE;

    /**
     * Invoke {@code op} (type {@code invoke}, with its process and the time of the decision) on {@code thread}.
     * {@code intendedTime} is when the generator wanted it issued, at most the op's time; a rate-limited schedule
     * that fell behind has an earlier intended time, from which latency should be measured.
     */
    record Invoke(Op op, int thread, long intendedTime) implements Decision {}

    /** Nothing to do before {@code until} ({@link Long#MAX_VALUE}: before the next completion). */
    record Wait(long until) implements Decision {}

    /** See {@link #DONE}. */
    enum Done implements Decision {
      INSTANCE
    }
  }

  private Generator gen;
  private Context ctx;
  private long tick;
  private int inFlight;

  /** A dispatcher for {@code gen} with {@code concurrency} client threads, one nemesis thread and this seed. */
  public Dispatcher(Generator gen, int concurrency, long seed) {
    this.gen = Objects.requireNonNull(gen, "gen");
    this.ctx = Context.initial(concurrency, seed);
  }

  /** The context as of the last event. */
  public Context context() {
    return ctx;
  }

  /** How many ops are invoked and not yet completed. */
  public int inFlight() {
    return inFlight;
  }

  /** What to do at time {@code now} (nanoseconds since the start of the test, never decreasing). */
  public Decision next(long now) {
    while (true) {
      ctx = ctx.withTime(now).withTick(tick);
      Yield y = gen.op(ctx);
      if (y == Yield.exhausted()) {
        return inFlight == 0 ? Decision.DONE : new Decision.Wait(Long.MAX_VALUE);
      }
      if (y instanceof Yield.Pending p) {
        if (p.wakeAt() == Long.MAX_VALUE && inFlight == 0) {
          throw new IllegalStateException(
              "the generator is pending but nothing is in flight and it names no time "
                  + "to wake up, so it would wait forever: "
                  + gen
                  + " in "
                  + ctx);
        }
        return new Decision.Wait(p.wakeAt());
      }
      Yield.Emit e = (Yield.Emit) y;
      Op op = e.op();
      if (op.time() > now) {
        return new Decision.Wait(op.time());
      }
      tick++;
      if (Generators.isDirective(op)) {
        if (Generators.LOG.equals(op.f())) {
          LOG.info("{}", op.value());
        }
        gen = e.next();
        continue;
      }
      int thread = checkedThread(op);
      ctx = ctx.withThreadBusy(thread);
      Op invoke =
          new Op(-1, now, Op.Type.INVOKE, op.process(), op.f(), op.value(), op.error(), op.node());
      gen = e.next().update(ctx, invoke);
      inFlight++;
      return new Decision.Invoke(invoke, thread, Math.min(op.time(), now));
    }
  }

  /**
   * Absorbs the completion of an op invoked through {@link #next}: frees its thread, updates the generator, and after
   * an {@code info} moves a client thread to its next process.
   */
  public void complete(Op completion, long now) {
    if (!completion.isCompletion()) {
      throw new IllegalArgumentException("not a completion: " + completion);
    }
    int thread = ctx.threadOf(completion.process());
    if (ctx.process(thread) != completion.process() || ctx.isFree(thread)) {
      throw new IllegalArgumentException(
          "no op of process " + completion.processName() + " is in flight: " + completion);
    }
    tick++;
    inFlight--;
    ctx = ctx.withTime(now).withTick(tick).withThreadFree(thread);
    gen = gen.update(ctx, completion);
    if (completion.type() == Op.Type.INFO) {
      ctx = ctx.withNextProcess(thread);
    }
  }

  private int checkedThread(Op op) {
    int thread = ctx.threadOf(op.process());
    if (op.process() == Generators.ANY_PROCESS
        || thread < 0
        || thread >= ctx.threadCount()
        || ctx.process(thread) != op.process()
        || !ctx.isFree(thread)) {
      throw new IllegalStateException(
          "the generator emitted an op for process "
              + op.processName()
              + ", which is not a free process ("
              + ctx
              + "): "
              + op);
    }
    return thread;
  }
}
