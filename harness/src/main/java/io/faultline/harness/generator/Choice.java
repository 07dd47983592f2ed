package io.faultline.harness.generator;

import io.faultline.harness.history.Op;
import java.util.ArrayList;
import java.util.List;

/** Generators that choose among several generators. */
final class Choice {
  private Choice() {}

  private static List<Generator> replace(List<Generator> gens, int i, Generator g) {
    List<Generator> out = new ArrayList<>(gens);
    if (g == Generators.empty()) {
      out.remove(i);
    } else {
      out.set(i, g);
    }
    return List.copyOf(out);
  }

  private static List<Generator> updateAll(List<Generator> gens, Context ctx, Op event) {
    List<Generator> out = new ArrayList<>(gens.size());
    for (Generator g : gens) {
      out.add(g.update(ctx, event));
    }
    return List.copyOf(out);
  }

  /** A random generator for each op. A pending choice makes the mix pending, as in Jepsen. */
  record Mix(List<Generator> gens) implements Generator {
    @Override
    public Yield op(Context ctx) {
      List<Generator> live = gens;
      while (!live.isEmpty()) {
        int i = live.size() == 1 ? 0 : ctx.random().nextInt(live.size());
        Yield y = live.get(i).op(ctx);
        if (y instanceof Yield.Emit e) {
          return Yield.emit(e.op(), new Mix(replace(live, i, e.next())));
        }
        if (y instanceof Yield.Pending) {
          return y;
        }
        live = replace(live, i, Generators.empty());
      }
      return Yield.exhausted();
    }

    @Override
    public Generator update(Context ctx, Op event) {
      return new Mix(updateAll(gens, ctx, event));
    }
  }

  /** The soonest op of any generator; ties go to the earlier generator. */
  record Any(List<Generator> gens) implements Generator {
    @Override
    public Yield op(Context ctx) {
      Soonest s = new Soonest();
      for (int i = 0; i < gens.size(); i++) {
        s.offer(i, gens.get(i).op(ctx));
      }
      return s.answer(ctx, (i, next) -> new Any(replace(gens, i, next)));
    }

    @Override
    public Generator update(Context ctx, Op event) {
      return new Any(updateAll(gens, ctx, event));
    }
  }

  /** Alternates between {@code a} and {@code b}, starting with {@code a} when {@code aNext}. */
  record FlipFlop(Generator a, Generator b, boolean aNext) implements Generator {
    @Override
    public Yield op(Context ctx) {
      Yield y = (aNext ? a : b).op(ctx);
      if (y instanceof Yield.Emit e) {
        return Yield.emit(
            e.op(), aNext ? new FlipFlop(e.next(), b, false) : new FlipFlop(a, e.next(), true));
      }
      return y;
    }

    @Override
    public Generator update(Context ctx, Op event) {
      return new FlipFlop(a.update(ctx, event), b.update(ctx, event), aNext);
    }
  }
}
