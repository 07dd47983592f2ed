package io.faultline.harness.generator;

import io.faultline.harness.history.Op;

/** Generators that order or count the ops of other generators. */
final class Sequencing {
  private Sequencing() {}

  /** {@code head} until it is exhausted, then {@code rest}. A cons list, so that each step costs O(1). */
  record Seq(Generator head, Generator rest) implements Generator {
    @Override
    public Yield op(Context ctx) {
      Yield y = head.op(ctx);
      if (y instanceof Yield.Emit e) {
        return Yield.emit(e.op(), e.next() == Generators.empty() ? rest : new Seq(e.next(), rest));
      }
      return y == Yield.exhausted() ? rest.op(ctx) : y;
    }

    @Override
    public Generator update(Context ctx, Op event) {
      return new Seq(head.update(ctx, event), rest);
    }
  }

  /** {@code current} until exhausted, then {@code original} again, {@code rounds} rounds in all. */
  record Cycle(Generator original, Generator current, long rounds, boolean emittedThisRound)
      implements Generator {
    @Override
    public Yield op(Context ctx) {
      if (rounds <= 0) {
        return Yield.exhausted();
      }
      Yield y = current.op(ctx);
      if (y instanceof Yield.Emit e) {
        return Yield.emit(e.op(), new Cycle(original, e.next(), rounds, true));
      }
      if (y instanceof Yield.Pending) {
        return y;
      }
      // A round that emitted nothing would emit nothing forever: stop rather than loop.
      if (!emittedThisRound || rounds == 1) {
        return Yield.exhausted();
      }
      long left = rounds == Long.MAX_VALUE ? rounds : rounds - 1;
      return new Cycle(original, original, left, false).op(ctx);
    }

    @Override
    public Generator update(Context ctx, Op event) {
      return new Cycle(original, current.update(ctx, event), rounds, emittedThisRound);
    }
  }

  /** The first op of {@code gen}, {@code times} times; {@code gen} keeps its original state. */
  record Repeat(long times, Generator gen) implements Generator {
    @Override
    public Yield op(Context ctx) {
      if (times <= 0) {
        return Yield.exhausted();
      }
      Yield y = gen.op(ctx);
      if (y instanceof Yield.Emit e) {
        Generator next =
            times == Long.MAX_VALUE
                ? this
                : times == 1 ? Generators.empty() : new Repeat(times - 1, gen);
        return Yield.emit(e.op(), next);
      }
      return y;
    }

    @Override
    public Generator update(Context ctx, Op event) {
      return new Repeat(times, gen.update(ctx, event));
    }
  }

  /** At most {@code remaining} ops of {@code gen}. */
  record Limit(long remaining, Generator gen) implements Generator {
    @Override
    public Yield op(Context ctx) {
      if (remaining <= 0) {
        return Yield.exhausted();
      }
      Yield y = gen.op(ctx);
      if (y instanceof Yield.Emit e) {
        return Yield.emit(
            e.op(), remaining == 1 ? Generators.empty() : new Limit(remaining - 1, e.next()));
      }
      return y;
    }

    @Override
    public Generator update(Context ctx, Op event) {
      return new Limit(remaining, gen.update(ctx, event));
    }
  }

  /** Pending until every visible thread is free; from the first op on, {@code gen} itself. */
  record Synchronize(Generator gen) implements Generator {
    @Override
    public Yield op(Context ctx) {
      return ctx.allThreadsFree() ? gen.op(ctx) : Yield.pending();
    }

    @Override
    public Generator update(Context ctx, Op event) {
      return new Synchronize(gen.update(ctx, event));
    }
  }
}
