package io.faultline.harness.generator;

import io.faultline.harness.history.Op;

/** Generators that decide when ops are issued. */
final class Timing {
  private Timing() {}

  /**
   * Spaces the ops of {@code gen}: each op is due {@code dt} after the previous one's due time (uniformly random in
   * {@code [0, 2·dt)} when {@code random}). {@code next} is the due time of the next op, or {@code -1} before the first.
   *
   * <p>An op keeps its due time even when that time has passed by the time a thread is free (a backlog), so that the
   * schedule is open-loop and the interpreter can measure latency from the intended time (no coordinated omission).
   * An op that the inner generator itself schedules later than {@code next} keeps its later time.
   */
  record Stagger(long dt, boolean random, long next, Generator gen) implements Generator {
    @Override
    public Yield op(Context ctx) {
      Yield y = gen.op(ctx);
      if (!(y instanceof Yield.Emit e)) {
        return y;
      }
      Op op = e.op();
      if (Generators.isDirective(op)) {
        return Yield.emit(op, new Stagger(dt, random, next, e.next()));
      }
      long due = op.time();
      if (next >= 0) {
        due = due > ctx.time() ? Math.max(due, next) : next;
      }
      long gap = random ? (long) (ctx.random().nextDouble() * 2 * dt) : dt;
      return Yield.emit(op.withTime(due), new Stagger(dt, random, due + gap, e.next()));
    }

    @Override
    public Generator update(Context ctx, Op event) {
      return new Stagger(dt, random, next, gen.update(ctx, event));
    }
  }

  /** The ops of {@code gen} due before {@code cutoff}; {@code cutoff} is set from the first op, {@code -1} before. */
  record TimeLimit(long limit, long cutoff, Generator gen) implements Generator {
    @Override
    public Yield op(Context ctx) {
      if (cutoff >= 0 && ctx.time() >= cutoff) {
        return Yield.exhausted();
      }
      Yield y = gen.op(ctx);
      if (y instanceof Yield.Emit e) {
        long c = cutoff >= 0 ? cutoff : e.op().time() + limit;
        return e.op().time() >= c
            ? Yield.exhausted()
            : Yield.emit(e.op(), new TimeLimit(limit, c, e.next()));
      }
      if (y instanceof Yield.Pending p && cutoff >= 0) {
        return Yield.pendingUntil(Math.min(p.wakeAt(), cutoff));
      }
      return y;
    }

    @Override
    public Generator update(Context ctx, Op event) {
      return new TimeLimit(limit, cutoff, gen.update(ctx, event));
    }
  }

  /** Emits the {@link Generators#SLEEP} op on a free thread, then waits {@code nanos} from the time it was taken. */
  record Sleep(long nanos) implements Generator {
    @Override
    public Yield op(Context ctx) {
      Op template =
          new Op(
              -1, -1, Op.Type.INVOKE, Generators.ANY_PROCESS, Generators.SLEEP, nanos, null, null);
      Yield y = Generators.fill(ctx, template, Generators.empty());
      return y instanceof Yield.Emit e
          ? Yield.emit(e.op(), new WaitUntil(e.op().time() + nanos))
          : y;
    }
  }

  /** Pending until {@code time}, then exhausted. */
  record WaitUntil(long time) implements Generator {
    @Override
    public Yield op(Context ctx) {
      return ctx.time() >= time ? Yield.exhausted() : Yield.pendingUntil(time);
    }
  }
}
