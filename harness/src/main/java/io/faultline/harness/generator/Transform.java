package io.faultline.harness.generator;

import io.faultline.harness.history.Op;
import java.util.HashSet;
import java.util.Set;
import java.util.function.Predicate;
import java.util.function.UnaryOperator;

/** Generators that rewrite, drop or stop the ops of another generator. */
final class Transform {
  private Transform() {}

  /** Rewrites every op but the directives ({@link Generators#isDirective}). */
  record MapOps(UnaryOperator<Op> f, Generator gen) implements Generator {
    @Override
    public Yield op(Context ctx) {
      Yield y = gen.op(ctx);
      if (y instanceof Yield.Emit e) {
        Op op = Generators.isDirective(e.op()) ? e.op() : f.apply(e.op());
        return Yield.emit(op, new MapOps(f, e.next()));
      }
      return y;
    }

    @Override
    public Generator update(Context ctx, Op event) {
      return new MapOps(f, gen.update(ctx, event));
    }
  }

  /** Skips the ops that fail {@code keep}; directives always pass. A generator that never emits a kept op never returns. */
  record FilterOps(Predicate<Op> keep, Generator gen) implements Generator {
    @Override
    public Yield op(Context ctx) {
      Generator g = gen;
      while (true) {
        Yield y = g.op(ctx);
        if (!(y instanceof Yield.Emit e)) {
          return y;
        }
        if (Generators.isDirective(e.op()) || keep.test(e.op())) {
          return Yield.emit(e.op(), new FilterOps(keep, e.next()));
        }
        g = e.next();
      }
    }

    @Override
    public Generator update(Context ctx, Op event) {
      return new FilterOps(keep, gen.update(ctx, event));
    }
  }

  /**
   * The ops of {@code gen} until one of them completes ok. {@code active} holds the processes of the ops it emitted
   * that have not completed yet, so that completions of other generators' ops do not count.
   */
  record UntilOk(Generator gen, Set<Integer> active, boolean done) implements Generator {
    @Override
    public Yield op(Context ctx) {
      if (done) {
        return Yield.exhausted();
      }
      Yield y = gen.op(ctx);
      if (y instanceof Yield.Emit e) {
        Set<Integer> a = new HashSet<>(active);
        a.add(e.op().process());
        return Yield.emit(e.op(), new UntilOk(e.next(), Set.copyOf(a), false));
      }
      return y;
    }

    @Override
    public Generator update(Context ctx, Op event) {
      if (done) {
        return this;
      }
      Generator g = gen.update(ctx, event);
      if (!event.isCompletion() || !active.contains(event.process())) {
        return new UntilOk(g, active, false);
      }
      Set<Integer> a = new HashSet<>(active);
      a.remove(event.process());
      return new UntilOk(g, Set.copyOf(a), event.type() == Op.Type.OK);
    }
  }
}
