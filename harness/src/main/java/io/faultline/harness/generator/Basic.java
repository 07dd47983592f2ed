package io.faultline.harness.generator;

import io.faultline.harness.history.Op;
import java.util.function.Function;
import java.util.function.Supplier;

/** Generators of op templates: the leaves of a generator tree. */
final class Basic {
  private Basic() {}

  /** The same template forever. */
  record Repeat(Op template) implements Generator {
    @Override
    public Yield op(Context ctx) {
      return Generators.fill(ctx, template, this);
    }
  }

  /** A template computed from the context each time; {@code null} ends it. */
  record Fn(Function<Context, Op> f) implements Generator {
    @Override
    public Yield op(Context ctx) {
      if (ctx.someFreeThread() < 0) {
        return Yield.pending();
      }
      Op template = f.apply(ctx);
      return template == null ? Yield.exhausted() : Generators.fill(ctx, template, this);
    }
  }

  /** {@link Generators#defer}: the made generator answers, and its answers carry it on. */
  record Deferred(Supplier<Generator> supplier) implements Generator {
    @Override
    public Yield op(Context ctx) {
      return supplier.get().op(ctx);
    }

    @Override
    public Generator update(Context ctx, Op event) {
      return supplier.get().update(ctx, event);
    }
  }
}
