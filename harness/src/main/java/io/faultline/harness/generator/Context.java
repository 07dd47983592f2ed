package io.faultline.harness.generator;

import io.faultline.harness.history.Op;
import java.util.Arrays;
import java.util.BitSet;
import java.util.OptionalInt;
import java.util.SplittableRandom;

/**
 * What a generator may know when it is asked for an op: the time, which threads exist and which are free, which
 * process each thread currently runs, and a random source. Immutable: every {@code with…} method returns a copy.
 *
 * <p><b>Threads and processes.</b> Client threads are numbered {@code 0 .. concurrency-1}; the nemesis thread is
 * number {@code concurrency} and always runs process {@link Op#NEMESIS}. Client thread {@code t} starts as process
 * {@code t}; after an indeterminate ({@code info}) completion it continues as process {@code p + concurrency}, as in
 * Jepsen, so the thread of a client process {@code p} is always {@code p % concurrency}.
 *
 * <p><b>Visible threads.</b> Combinators such as {@link Generators#clients}, {@link Generators#reserve} and
 * {@link Generators#eachThread} hand their children a context restricted to some threads. Free-thread queries and
 * {@link #allThreadsFree()} only consider visible threads.
 *
 * <p><b>Randomness.</b> {@link #random()} is a stream derived from the test seed and the number of events the run has
 * seen so far (its tick). Asking a generator twice at the same tick yields the same random choices, so one seed
 * drives the whole schedule and a generator that is re-asked after waiting does not change its mind.
 */
public final class Context {
  private final long time;
  private final int concurrency;
  private final int[] processes;
  private final BitSet visible;
  private final BitSet free;
  private final long seed;
  private final long tick;
  private final SplittableRandom random;

  private Context(
      long time,
      int concurrency,
      int[] processes,
      BitSet visible,
      BitSet free,
      long seed,
      long tick,
      SplittableRandom random) {
    this.time = time;
    this.concurrency = concurrency;
    this.processes = processes;
    this.visible = visible;
    this.free = free;
    this.seed = seed;
    this.tick = tick;
    this.random = random;
  }

  /** The context at the start of a test: time 0, every thread free, client thread {@code t} running process t. */
  public static Context initial(int concurrency, long seed) {
    if (concurrency < 1) {
      throw new IllegalArgumentException("concurrency must be at least 1, got " + concurrency);
    }
    int[] processes = new int[concurrency + 1];
    for (int t = 0; t < concurrency; t++) {
      processes[t] = t;
    }
    processes[concurrency] = Op.NEMESIS;
    BitSet all = new BitSet(concurrency + 1);
    all.set(0, concurrency + 1);
    return new Context(
        0, concurrency, processes, all, (BitSet) all.clone(), seed, 0, randomFor(seed, 0));
  }

  private static SplittableRandom randomFor(long seed, long tick) {
    return new SplittableRandom(seed ^ (tick * 0x9E3779B97F4A7C15L));
  }

  /** Nanoseconds since the start of the test. */
  public long time() {
    return time;
  }

  /** The number of client threads. */
  public int concurrency() {
    return concurrency;
  }

  /** The thread that runs the nemesis. */
  public int nemesisThread() {
    return concurrency;
  }

  /** The number of threads, visible or not: the client threads and the nemesis thread. */
  public int threadCount() {
    return concurrency + 1;
  }

  /** The seed of the test. */
  public long seed() {
    return seed;
  }

  /** How many events (invocations and completions) the run has seen; part of the seed of {@link #random()}. */
  public long tick() {
    return tick;
  }

  /**
   * The random source for this query. Every copy of this context made while answering one query shares the same
   * stream, so nested combinators draw different numbers; a new tick gives a new stream.
   */
  public SplittableRandom random() {
    return random;
  }

  /** The process that {@code thread} currently runs. */
  public int process(int thread) {
    return processes[thread];
  }

  /** The thread that runs (or ran) {@code process}: {@code p % concurrency}, or the nemesis thread. */
  public int threadOf(int process) {
    return process == Op.NEMESIS ? concurrency : Math.floorMod(process, concurrency);
  }

  /** True if {@code thread} is visible to this generator. */
  public boolean isVisible(int thread) {
    return visible.get(thread);
  }

  /** True if {@code thread} is visible and free. */
  public boolean isFree(int thread) {
    return visible.get(thread) && free.get(thread);
  }

  /** True if {@code thread} is a client thread, not the nemesis thread. */
  public boolean isClientThread(int thread) {
    return thread >= 0 && thread < concurrency;
  }

  /** The visible threads, in increasing order (client threads first, then the nemesis thread). */
  public int[] threads() {
    return visible.stream().toArray();
  }

  /** The visible free threads, in increasing order. */
  public int[] freeThreads() {
    BitSet b = (BitSet) visible.clone();
    b.and(free);
    return b.stream().toArray();
  }

  /** True when every visible thread is free: nothing this generator can see is in flight. */
  public boolean allThreadsFree() {
    for (int t = visible.nextSetBit(0); t >= 0; t = visible.nextSetBit(t + 1)) {
      if (!free.get(t)) {
        return false;
      }
    }
    return true;
  }

  /**
   * The thread an op for "any process" goes to: the lowest-numbered visible free client thread. The nemesis thread is
   * chosen only when no client thread is visible (under {@link Generators#nemesis}), so that an op never reaches the
   * nemesis by accident. (Jepsen would route it to a free nemesis too.) {@code -1} when there is none.
   */
  public int someFreeThread() {
    int first = visible.nextSetBit(0);
    if (first < 0) {
      return -1;
    }
    if (first >= concurrency) {
      return free.get(first) ? first : -1;
    }
    for (int t = free.nextSetBit(0); t >= 0 && t < concurrency; t = free.nextSetBit(t + 1)) {
      if (visible.get(t)) {
        return t;
      }
    }
    return -1;
  }

  /** The process of {@link #someFreeThread()}, if any. */
  public OptionalInt someFreeProcess() {
    int t = someFreeThread();
    return t < 0 ? OptionalInt.empty() : OptionalInt.of(processes[t]);
  }

  /** This context at another time. */
  public Context withTime(long newTime) {
    return new Context(newTime, concurrency, processes, visible, free, seed, tick, random);
  }

  /** This context at another tick, with that tick's random stream. */
  public Context withTick(long newTick) {
    return new Context(
        time, concurrency, processes, visible, free, seed, newTick, randomFor(seed, newTick));
  }

  /** This context with {@code thread} running an operation. */
  public Context withThreadBusy(int thread) {
    if (!free.get(thread)) {
      return this;
    }
    BitSet f = (BitSet) free.clone();
    f.clear(thread);
    return new Context(time, concurrency, processes, visible, f, seed, tick, random);
  }

  /** This context with {@code thread} idle. */
  public Context withThreadFree(int thread) {
    if (free.get(thread)) {
      return this;
    }
    BitSet f = (BitSet) free.clone();
    f.set(thread);
    return new Context(time, concurrency, processes, visible, f, seed, tick, random);
  }

  /**
   * This context after {@code thread}'s process crashed (an {@code info} completion): a client thread continues as
   * process {@code p + concurrency}. The nemesis thread keeps its process.
   */
  public Context withNextProcess(int thread) {
    if (!isClientThread(thread)) {
      return this;
    }
    int[] p = Arrays.copyOf(processes, processes.length);
    p[thread] += concurrency;
    return new Context(time, concurrency, p, visible, free, seed, tick, random);
  }

  /** This context restricted to the visible threads that are also in {@code threads}. */
  public Context onThreads(BitSet threads) {
    BitSet v = (BitSet) visible.clone();
    v.and(threads);
    return new Context(time, concurrency, processes, v, free, seed, tick, random);
  }

  /** This context restricted to one thread (which need not be free). */
  public Context onThread(int thread) {
    BitSet v = new BitSet(thread + 1);
    if (visible.get(thread)) {
      v.set(thread);
    }
    return new Context(time, concurrency, processes, v, free, seed, tick, random);
  }

  @Override
  public String toString() {
    return "Context{time "
        + time
        + ", tick "
        + tick
        + ", visible "
        + visible
        + ", free "
        + free
        + ", processes "
        + Arrays.toString(processes)
        + "}";
  }
}
