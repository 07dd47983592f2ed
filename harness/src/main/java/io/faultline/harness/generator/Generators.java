package io.faultline.harness.generator;

import io.faultline.harness.history.Op;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;

/**
 * The factories of generators: single ops, sequences, repetition, random choice, timing, thread routing and
 * transformations. Each returns an immutable {@link Generator}; they nest freely.
 *
 * <p>A typical test: clients read and write at 100 ops/s in total while the nemesis partitions and heals every 5 s,
 * for a minute, and then every client reads once more after the final heal.
 *
 * <pre>{@code
 * Generator main = timeLimit(Duration.ofSeconds(60), clientsAndNemesis(
 *     rate(100, mix(repeat(invoke("read", null)), fn(ctx -> invoke("write", ctx.random().nextInt(5))))),
 *     cycle(seq(sleep(Duration.ofSeconds(5)), once(invoke("partition", null)),
 *               sleep(Duration.ofSeconds(5)), once(invoke("heal", null))))));
 * Generator test = phases(main, nemesis(once(invoke("heal", null))), clients(eachThread(once(invoke("read", null)))));
 * }</pre>
 *
 * <p><b>Op templates.</b> Ops given to {@link #once}, {@link #repeat(Op)}, {@link #of} and {@link #fn} are templates:
 * an op whose process is {@link #ANY_PROCESS} is given a free process, and one whose time is negative is issued at the
 * context's time. {@link #invoke(String, Object)} makes such a template.
 */
public final class Generators {
  /** A template's process meaning "any free process", filled in when the op is emitted. */
  public static final int ANY_PROCESS = Integer.MIN_VALUE;

  /** The {@code f} of the op that starts a {@link #sleep}: taken by the driver, never invoked nor recorded. */
  public static final String SLEEP = ":sleep";

  /** The {@code f} of a {@link #log} op: the driver logs {@code value}; never invoked nor recorded. */
  public static final String LOG = ":log";

  private static final Generator EMPTY = ctx -> Yield.exhausted();

  private Generators() {}

  // ---- op templates and single ops
  // -------------------------------------------------------------------------------

  /** A template: invoke {@code f} with {@code value} on any free process, now. */
  public static Op invoke(String f, Object value) {
    return new Op(-1, -1, Op.Type.INVOKE, ANY_PROCESS, f, value, null, null);
  }

  /**
   * {@code template} completed for {@code ctx}: given a free process if it names none, and the context's time if it has
   * none. Pending if no suitable process is free.
   */
  public static Yield fill(Context ctx, Op template, Generator next) {
    int process = template.process();
    if (process == ANY_PROCESS) {
      int thread = ctx.someFreeThread();
      if (thread < 0) {
        return Yield.pending();
      }
      process = ctx.process(thread);
    } else {
      int thread = ctx.threadOf(process);
      if (!ctx.isFree(thread) || ctx.process(thread) != process) {
        return Yield.pending();
      }
    }
    long time = template.time() < 0 ? ctx.time() : template.time();
    Op op =
        new Op(
            -1,
            time,
            Op.Type.INVOKE,
            process,
            template.f(),
            template.value(),
            template.error(),
            template.node());
    return Yield.emit(op, next);
  }

  /** The generator that emits nothing. */
  public static Generator empty() {
    return EMPTY;
  }

  /** Emits {@code template} once. */
  public static Generator once(Op template) {
    Objects.requireNonNull(template, "template");
    return ctx -> fill(ctx, template, EMPTY);
  }

  /** Emits {@code invoke(f, value)} once. */
  public static Generator once(String f, Object value) {
    return once(invoke(f, value));
  }

  /** Emits {@code template} forever. */
  public static Generator repeat(Op template) {
    Objects.requireNonNull(template, "template");
    return new Basic.Repeat(template);
  }

  /**
   * Emits an op from {@code supplier} each time, forever; a {@code null} op exhausts the generator. The supplier may
   * be called for answers that are then discarded (a driver asks again after waiting), so it must not count on one
   * call per op; prefer {@link #fn} with the context's random source.
   */
  public static Generator of(Supplier<Op> supplier) {
    Objects.requireNonNull(supplier, "supplier");
    return new Basic.Fn(ctx -> supplier.get());
  }

  /**
   * The generator that {@code supplier} makes from what is known when it is asked, e.g. the final reads of the keys
   * an earlier phase touched. It is still a value: until the made generator has emitted or been updated, each ask
   * makes it afresh, so {@code supplier} must give the same generator for the same settled state (under
   * {@link #phases}, a later phase is first asked only after every earlier phase has ended).
   */
  public static Generator defer(Supplier<Generator> supplier) {
    Objects.requireNonNull(supplier, "supplier");
    return new Basic.Deferred(supplier);
  }

  /**
   * Emits an op computed from the context each time, forever; a {@code null} op exhausts the generator. Draw random
   * values from {@link Context#random()} so that the seed decides them.
   */
  public static Generator fn(Function<Context, Op> f) {
    Objects.requireNonNull(f, "f");
    return new Basic.Fn(f);
  }

  /**
   * Nothing for {@code duration}, counted from when one of its threads is free: in a sequence, what follows starts
   * that much later. Under {@link #nemesis}, {@code seq(once(start), sleep(d), once(stop))} stops {@code d} after the
   * start completed, as in Jepsen; unlike Jepsen's, the sleep holds no thread, so a {@link #timeLimit} or the end of
   * a test is never held up by it. The sleep begins with an op of {@code f} {@link #SLEEP}, which drivers take
   * without invoking or recording it (it does count towards a {@link #limit}).
   */
  public static Generator sleep(Duration duration) {
    return new Timing.Sleep(duration.toNanos());
  }

  /** Logs {@code message} when reached and a thread is free; takes no thread and is not recorded. */
  public static Generator log(String message) {
    return once(new Op(-1, -1, Op.Type.INVOKE, ANY_PROCESS, LOG, message, null, null));
  }

  /** True for the ops of {@link #sleep} and {@link #log}, which drivers take without invoking or recording them. */
  public static boolean isDirective(Op op) {
    return SLEEP.equals(op.f()) || LOG.equals(op.f());
  }

  // ---- sequences and repetition
  // ----------------------------------------------------------------------------------

  /** Each generator until it is exhausted, then the next. No synchronisation between them; see {@link #phases}. */
  public static Generator seq(Generator... gens) {
    return seq(List.of(gens));
  }

  /** Each generator until it is exhausted, then the next. */
  public static Generator seq(List<? extends Generator> gens) {
    Generator g = EMPTY;
    for (int i = gens.size() - 1; i >= 0; i--) {
      g = new Sequencing.Seq(Objects.requireNonNull(gens.get(i)), g);
    }
    return g;
  }

  /** Runs {@code gen} to exhaustion, then again from its original state, forever. */
  public static Generator cycle(Generator gen) {
    return cycle(Long.MAX_VALUE, gen);
  }

  /** Runs {@code gen} to exhaustion {@code times} times. */
  public static Generator cycle(long times, Generator gen) {
    return new Sequencing.Cycle(gen, gen, times, false);
  }

  /** The first op of {@code gen}, over and over: {@code gen} is asked afresh each time. */
  public static Generator repeat(Generator gen) {
    return repeat(Long.MAX_VALUE, gen);
  }

  /** The first op of {@code gen}, {@code times} times. */
  public static Generator repeat(long times, Generator gen) {
    return new Sequencing.Repeat(times, gen);
  }

  /** At most {@code n} ops of {@code gen}. */
  public static Generator limit(long n, Generator gen) {
    return new Sequencing.Limit(n, gen);
  }

  /**
   * {@code gens} one after the other, each starting only when every thread it can see is free (and the previous
   * one is exhausted): Jepsen's {@code phases}.
   */
  public static Generator phases(Generator... gens) {
    List<Generator> synced = new ArrayList<>(gens.length);
    for (Generator g : gens) {
      synced.add(synchronize(g));
    }
    return seq(synced);
  }

  /** Waits until every visible thread is free, then behaves as {@code gen}. */
  public static Generator synchronize(Generator gen) {
    return new Sequencing.Synchronize(gen);
  }

  // ---- choice
  // ----------------------------------------------------------------------------------------------------

  /** A random one of {@code gens} for each op, chosen with the context's random source; exhausted ones drop out. */
  public static Generator mix(Generator... gens) {
    return new Choice.Mix(List.of(gens));
  }

  /** All of {@code gens} at once: the soonest op of any of them. Exhausted when all of them are. */
  public static Generator any(Generator... gens) {
    return new Choice.Any(List.of(gens));
  }

  /** An op from {@code a}, then one from {@code b}, then {@code a}, …; exhausted as soon as either is. */
  public static Generator flipFlop(Generator a, Generator b) {
    return new Choice.FlipFlop(a, b, true);
  }

  // ---- time
  // ------------------------------------------------------------------------------------------------------

  /**
   * The ops of {@code gen} at random intervals, uniform in {@code [0, 2·dt)}: a mean of one op per {@code dt}, in
   * total across all threads. The schedule is open-loop: when threads are busy past an op's intended time, the op
   * keeps that time (and is issued as soon as a thread is free), so measured latency can start from it.
   */
  public static Generator stagger(Duration dt, Generator gen) {
    return new Timing.Stagger(dt.toNanos(), true, -1, gen);
  }

  /** {@link #stagger} at a mean total rate of {@code opsPerSecond}. */
  public static Generator rate(double opsPerSecond, Generator gen) {
    if (!(opsPerSecond > 0)) {
      throw new IllegalArgumentException("rate must be positive, got " + opsPerSecond);
    }
    return new Timing.Stagger(Math.round(1e9 / opsPerSecond), true, -1, gen);
  }

  /** The ops of {@code gen}, exactly {@code dt} apart (at the earliest), open-loop like {@link #stagger}. */
  public static Generator delay(Duration dt, Generator gen) {
    return new Timing.Stagger(dt.toNanos(), false, -1, gen);
  }

  /**
   * The ops of {@code gen} until {@code limit} after its first op; an op due at or after the cutoff is not emitted,
   * and once the context's time reaches the cutoff the generator is exhausted even if {@code gen} is pending.
   */
  public static Generator timeLimit(Duration limit, Generator gen) {
    return new Timing.TimeLimit(limit.toNanos(), -1, gen);
  }

  // ---- threads
  // ---------------------------------------------------------------------------------------------------

  /** {@code gen} restricted to the client threads. */
  public static Generator clients(Generator gen) {
    return new Routing.OnThreads(Routing.Threads.CLIENTS, gen);
  }

  /** {@code gen} restricted to the nemesis thread. */
  public static Generator nemesis(Generator gen) {
    return new Routing.OnThreads(Routing.Threads.NEMESIS, gen);
  }

  /** {@code clientGen} on the client threads and {@code nemesisGen} on the nemesis thread, together. */
  public static Generator clientsAndNemesis(Generator clientGen, Generator nemesisGen) {
    return any(clients(clientGen), nemesis(nemesisGen));
  }

  /** A separate copy of {@code gen}, in its original state, for each visible thread. */
  public static Generator eachThread(Generator gen) {
    return new Routing.EachThread(gen, null);
  }

  /**
   * Splits the visible threads, in order, into two groups: the first {@code n} run {@code gen}, the others run
   * {@code rest}. Use it under {@link #clients} to keep the nemesis thread out of the groups.
   */
  public static Generator reserve(int n, Generator gen, Generator rest) {
    return reserve(new int[] {n}, List.of(gen), rest);
  }

  /** Three groups: the first {@code n1} threads run {@code g1}, the next {@code n2} run {@code g2}, the rest the rest. */
  public static Generator reserve(int n1, Generator g1, int n2, Generator g2, Generator rest) {
    return reserve(new int[] {n1, n2}, List.of(g1, g2), rest);
  }

  /**
   * Groups of threads, Jepsen's {@code reserve}: in the order of the visible threads, {@code counts[i]} threads run
   * {@code gens.get(i)}, and the threads left over run {@code rest}. A group gets fewer threads, or none, when the
   * threads run out. Events go to the group of the thread they happened on.
   */
  public static Generator reserve(int[] counts, List<? extends Generator> gens, Generator rest) {
    if (counts.length != gens.size()) {
      throw new IllegalArgumentException(
          "reserve: " + counts.length + " counts for " + gens.size() + " generators");
    }
    Generator[] all = new Generator[counts.length + 1];
    for (int i = 0; i < counts.length; i++) {
      if (counts[i] < 0) {
        throw new IllegalArgumentException(
            "reserve: a thread count must not be negative, got " + counts[i]);
      }
      all[i] = Objects.requireNonNull(gens.get(i));
    }
    all[counts.length] = Objects.requireNonNull(rest);
    return new Routing.Reserve(counts.clone(), all);
  }

  // ---- transformations
  // -------------------------------------------------------------------------------------------

  /** The ops of {@code gen}, transformed by {@code f} (which must keep the process). */
  public static Generator map(UnaryOperator<Op> f, Generator gen) {
    return new Transform.MapOps(f, gen);
  }

  /** Only the ops of {@code gen} that satisfy {@code keep}; the others are skipped. */
  public static Generator filter(Predicate<Op> keep, Generator gen) {
    return new Transform.FilterOps(keep, gen);
  }

  /** The ops of {@code gen} until one of them completes {@code ok}. */
  public static Generator untilOk(Generator gen) {
    return new Transform.UntilOk(gen, java.util.Set.of(), false);
  }
}
