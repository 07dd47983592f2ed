package io.faultline.harness.generator;

import io.faultline.harness.history.Op;
import java.util.Arrays;
import java.util.BitSet;

/** Generators that decide which threads other generators may use. */
final class Routing {
  private Routing() {}

  /** Fixed sets of threads. */
  enum Threads {
    CLIENTS,
    NEMESIS;

    BitSet of(Context ctx) {
      BitSet b = new BitSet(ctx.threadCount());
      if (this == CLIENTS) {
        b.set(0, ctx.concurrency());
      } else {
        b.set(ctx.nemesisThread());
      }
      return b;
    }

    boolean contains(Context ctx, int thread) {
      return this == CLIENTS ? ctx.isClientThread(thread) : thread == ctx.nemesisThread();
    }
  }

  /** {@code gen}, seeing only {@code threads}; it is updated only with the events of those threads. */
  record OnThreads(Threads threads, Generator gen) implements Generator {
    @Override
    public Yield op(Context ctx) {
      Yield y = gen.op(ctx.onThreads(threads.of(ctx)));
      if (y instanceof Yield.Emit e) {
        return Yield.emit(e.op(), new OnThreads(threads, e.next()));
      }
      return y;
    }

    @Override
    public Generator update(Context ctx, Op event) {
      if (!threads.contains(ctx, ctx.threadOf(event.process()))) {
        return this;
      }
      return new OnThreads(threads, gen.update(ctx.onThreads(threads.of(ctx)), event));
    }
  }

  /**
   * A copy of {@code fresh} per visible thread. {@code copies[t]} is thread t's generator once it has diverged from
   * {@code fresh}, else {@code null}.
   */
  record EachThread(Generator fresh, Generator[] copies) implements Generator {
    private Generator of(int thread) {
      return copies == null || copies[thread] == null ? fresh : copies[thread];
    }

    private EachThread with(Context ctx, int thread, Generator g) {
      Generator[] c =
          copies == null ? new Generator[ctx.threadCount()] : Arrays.copyOf(copies, copies.length);
      c[thread] = g;
      return new EachThread(fresh, c);
    }

    @Override
    public Yield op(Context ctx) {
      Soonest s = new Soonest();
      for (int t : ctx.threads()) {
        s.offer(t, of(t).op(ctx.onThread(t)));
      }
      return s.answer(ctx, (t, next) -> with(ctx, t, next));
    }

    @Override
    public Generator update(Context ctx, Op event) {
      int t = ctx.threadOf(event.process());
      if (!ctx.isVisible(t)) {
        return this;
      }
      return with(ctx, t, of(t).update(ctx.onThread(t), event));
    }
  }

  /**
   * Groups of threads: the first {@code counts[0]} visible threads run {@code gens[0]}, and so on; the last generator
   * runs on the remaining threads.
   */
  record Reserve(int[] counts, Generator[] gens) implements Generator {
    private BitSet[] groups(Context ctx) {
      int[] threads = ctx.threads();
      BitSet[] groups = new BitSet[gens.length];
      int start = 0;
      for (int g = 0; g < gens.length; g++) {
        int end = g < counts.length ? Math.min(threads.length, start + counts[g]) : threads.length;
        groups[g] = new BitSet();
        for (int i = start; i < end; i++) {
          groups[g].set(threads[i]);
        }
        start = end;
      }
      return groups;
    }

    private Reserve with(int g, Generator gen) {
      Generator[] copy = Arrays.copyOf(gens, gens.length);
      copy[g] = gen;
      return new Reserve(counts, copy);
    }

    @Override
    public Yield op(Context ctx) {
      BitSet[] groups = groups(ctx);
      Soonest s = new Soonest();
      for (int g = 0; g < gens.length; g++) {
        if (!groups[g].isEmpty()) {
          s.offer(g, gens[g].op(ctx.onThreads(groups[g])));
        }
      }
      return s.answer(ctx, this::with);
    }

    @Override
    public Generator update(Context ctx, Op event) {
      int t = ctx.threadOf(event.process());
      BitSet[] groups = groups(ctx);
      for (int g = 0; g < gens.length; g++) {
        if (groups[g].get(t)) {
          return with(g, gens[g].update(ctx.onThreads(groups[g]), event));
        }
      }
      return this;
    }
  }
}
