package io.faultline.harness.checker.linear;

import io.faultline.harness.checker.Verdict;
import io.faultline.harness.checker.model.Model;
import io.faultline.harness.checker.model.Operation;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/**
 * One Wing-Gong-Lowe search over the operations of one part. The entry list is kept in arrays (dancing links):
 * operation {@code k} owns call entry {@code 2k} and return entry {@code 2k + 1}, and the head sentinel is entry
 * {@code 2n}. Lifting an operation unlinks both of its entries; backtracking relinks them in reverse order.
 *
 * <p>Operations that never change the state (reads, and failed compare-and-sets kept as observations) are pure: if
 * one can be linearized in a configuration, then that configuration has a linearization iff the one after it has,
 * because moving a pure operation earlier changes no other operation's state and breaks no real-time order. So when
 * the search backtracks over a pure operation it backtracks over its parent too, instead of trying the parent's other
 * choices. On read-heavy histories this prunes most of the tree.
 *
 * <p>The call stack is two arrays (the operation linearized at each depth and the state before it), so a step
 * allocates nothing beyond what the model allocates; a dead end at the greatest depth copies the top of the stack,
 * which is all that the report shows of it.
 */
final class WglSearch {
  private static final int NIL = -1;
  private static final int POLL_EVERY = 1 << 12;

  /** How often to poll once the heap is half full after a collection: the states may be large. */
  private static final int POLL_OFTEN = 1 << 6;

  private static final int MAX_SAMPLES = 8;
  private static final int MAX_PATH_STEPS = 24;

  private final Model<Object> model;
  private final Operation[] ops;
  private final SearchLimits limits;
  private final int[] next;
  private final int[] prev;
  private final long[] zobrist;
  private final boolean[] pure;

  /**
   * A dead end at the greatest depth seen: the last operations linearized before it (oldest first) with the state
   * after each, the operation that could not follow, the state it met, and the last completed operation linearized.
   */
  private record DeadEnd(
      int[] pathOps, Object[] pathStates, int stuckOp, Object state, Operation lastOk) {}

  private final List<DeadEnd> deepest = new ArrayList<>();
  private int deepestDepth = -1;

  // Where the search is between two slices (see resume).
  private final Object key;
  private final long[] bits;
  private final long entryBytes;
  private final ConfigCache cache;
  private final int[] stackOps;
  private final Object[] stackStates;
  private long zob;
  private int depth;
  private Object state;
  private int remaining;
  private int entry;
  private long steps;
  private long activeNanos;
  private long charged;

  private WglSearch(
      Object key, Model<Object> model, List<Operation> operations, SearchLimits limits) {
    this.key = key;
    this.model = model;
    this.ops = operations.toArray(new Operation[0]);
    this.limits = limits;
    int n = ops.length;
    this.next = new int[2 * n + 1];
    this.prev = new int[2 * n + 1];
    this.zobrist = new long[n];
    this.pure = new boolean[n];
    for (int k = 0; k < n; k++) {
      pure[k] = model.isReadOnly(ops[k].f()) || ops[k].outcome() == Operation.Outcome.FAILED;
    }
    SplittableRandom random = new SplittableRandom(0x5EED_FA17L);
    for (int k = 0; k < n; k++) {
      zobrist[k] = random.nextLong();
    }
    link(entriesInRealTimeOrder());
    this.bits = new long[Math.max(1, (n + 63) >>> 6)];
    this.entryBytes = ConfigCache.entryBytes(bits.length);
    this.cache = new ConfigCache(bits.length, Math.min(2 * n, 1 << 16));
    this.stackOps = new int[n];
    this.stackStates = new Object[n];
    this.state = model.init();
    for (Operation op : ops) {
      if (op.outcome() != Operation.Outcome.PENDING) {
        remaining++;
      }
    }
    this.entry = next[2 * n];
  }

  /**
   * A search for a linearization of {@code operations}, whose ids must be 0..n-1, that {@link #resume} runs.
   *
   * @param key the part's key, for the result; {@code null} when unpartitioned
   */
  @SuppressWarnings("unchecked")
  static WglSearch start(
      Object key, Model<?> model, List<Operation> operations, SearchLimits limits) {
    return new WglSearch(key, (Model<Object>) model, operations, limits);
  }

  /** Searches to the end: the verdict on the whole part. */
  static PartResult run(
      Object key, Model<?> model, List<Operation> operations, SearchLimits limits) {
    WglSearch search = start(key, model, operations, limits);
    PartResult r;
    do {
      r = search.resume(Long.MAX_VALUE);
    } while (r == null);
    return r;
  }

  /**
   * Goes on with the search for at most about {@code maxSteps} steps (a step tries one entry), so that parts can take
   * turns on a thread as goroutines do in Porcupine, and a part that fails early ends the check early even when it
   * comes after parts that take long.
   *
   * @return the part's result, or {@code null} when the search is not done yet
   */
  PartResult resume(long maxSteps) {
    long start = System.nanoTime();
    PartResult r = search(start, maxSteps);
    activeNanos += System.nanoTime() - start;
    return r;
  }

  /** Entries sorted by history position; the returns of pending operations come last. */
  private int[] entriesInRealTimeOrder() {
    int n = ops.length;
    long[] keyed = new long[2 * n];
    for (int k = 0; k < n; k++) {
      Operation op = ops[k];
      long call = op.invoke().index();
      long ret = returnPosition(op, k);
      keyed[2 * k] = (call << 22) | (2L * k);
      keyed[2 * k + 1] = (ret << 22) | (2L * k + 1);
    }
    if (n >= (1 << 21)) {
      return sortWide(n);
    }
    Arrays.sort(keyed);
    int[] order = new int[2 * n];
    for (int i = 0; i < keyed.length; i++) {
      order[i] = (int) (keyed[i] & ((1 << 22) - 1));
    }
    return order;
  }

  /** The same order for parts too large to pack an entry id into 22 bits. */
  private int[] sortWide(int n) {
    Integer[] boxed = new Integer[2 * n];
    for (int e = 0; e < 2 * n; e++) {
      boxed[e] = e;
    }
    Arrays.sort(boxed, (a, b) -> Long.compare(position(a), position(b)));
    return Arrays.stream(boxed).mapToInt(Integer::intValue).toArray();
  }

  private long position(int e) {
    Operation op = ops[e >> 1];
    if ((e & 1) == 0) {
      return op.invoke().index();
    }
    return returnPosition(op, e >> 1);
  }

  /** Where an operation's return goes: its completion, or past the end of the history when it is pending. */
  private static long returnPosition(Operation op, int k) {
    return op.outcome() == Operation.Outcome.PENDING ? (1L << 40) + k : op.completion().index();
  }

  private void link(int[] order) {
    int head = 2 * ops.length;
    int last = head;
    for (int e : order) {
      next[last] = e;
      prev[e] = last;
      last = e;
    }
    next[last] = NIL;
  }

  /** The loop, on locals; they go back to the fields when a slice ends. */
  private PartResult search(long start, long maxSteps) {
    int n = ops.length;
    int head = 2 * n;
    long[] bits = this.bits;
    ConfigCache cache = this.cache;
    int[] stackOps = this.stackOps;
    Object[] stackStates = this.stackStates;
    long zob = this.zob;
    int depth = this.depth;
    Object state = this.state;
    int remaining = this.remaining;
    int e = this.entry;
    long steps = this.steps;
    long end = maxSteps >= Long.MAX_VALUE - steps ? Long.MAX_VALUE : steps + maxSteps;
    int pollMask = POLL_EVERY - 1;
    while (remaining > 0) {
      if ((++steps & pollMask) == 0) {
        pollMask = limits.heapHalfFull() ? POLL_OFTEN - 1 : POLL_EVERY - 1;
        SearchLimits.Stop stop = limits.check(cache.bytesSoon(pollMask + 1));
        if (stop != null) {
          return stopped(start, stop);
        }
        if (steps >= end) {
          this.zob = zob;
          this.depth = depth;
          this.state = state;
          this.remaining = remaining;
          this.entry = e;
          this.steps = steps;
          return null;
        }
      }
      if ((e & 1) == 0) {
        int k = e >> 1;
        Object after = model.step(state, ops[k]);
        if (after != null) {
          bits[k >>> 6] |= 1L << k;
          long h = zob ^ zobrist[k];
          if (cache.add(h ^ (after.hashCode() * 0x9E3779B97F4A7C15L), bits, after)) {
            if ((cache.size() & 1023) == 0) {
              // The state added now stands for the 1024 added since the last charge.
              long bytes = 1024 * (entryBytes + model.stateBytes(after));
              charged += bytes;
              limits.addCacheBytes(bytes);
            }
            zob = h;
            stackOps[depth] = k;
            stackStates[depth++] = state;
            state = after;
            if (ops[k].outcome() != Operation.Outcome.PENDING) {
              remaining--;
            }
            lift(e);
            e = next[head];
            continue;
          }
          bits[k >>> 6] &= ~(1L << k);
        }
        e = next[e];
      } else {
        noteDeadEnd(stackOps, stackStates, depth, e >> 1, state);
        int k;
        do {
          if (depth == 0) {
            return invalid(start);
          }
          k = stackOps[--depth];
          state = stackStates[depth];
          bits[k >>> 6] &= ~(1L << k);
          zob ^= zobrist[k];
          if (ops[k].outcome() != Operation.Outcome.PENDING) {
            remaining++;
          }
          unlift(2 * k);
        } while (pure[k]);
        e = next[2 * k];
      }
    }
    return new PartResult(key, Verdict.VALID, n, elapsed(start), cache.size(), null, null);
  }

  /** Gives back to the limits the cache bytes this search charged: called once it has ended. */
  void release() {
    limits.addCacheBytes(-charged);
    charged = 0;
  }

  /** Nanoseconds spent searching: the slices before this one and this one so far. */
  private long elapsed(long sliceStart) {
    return activeNanos + System.nanoTime() - sliceStart;
  }

  private void lift(int call) {
    unlink(call);
    unlink(call + 1);
  }

  private void unlift(int call) {
    relink(call + 1);
    relink(call);
  }

  private void unlink(int e) {
    int p = prev[e];
    int nx = next[e];
    next[p] = nx;
    if (nx != NIL) {
      prev[nx] = p;
    }
  }

  private void relink(int e) {
    int p = prev[e];
    int nx = next[e];
    next[p] = e;
    if (nx != NIL) {
      prev[nx] = e;
    }
  }

  private void noteDeadEnd(
      int[] stackOps, Object[] stackStates, int depth, int stuckOp, Object state) {
    if (depth > deepestDepth) {
      deepestDepth = depth;
      deepest.clear();
    }
    if (depth == deepestDepth && deepest.size() < MAX_SAMPLES) {
      int from = Math.max(0, depth - MAX_PATH_STEPS);
      int[] pathOps = Arrays.copyOfRange(stackOps, from, depth);
      Object[] pathStates = new Object[depth - from];
      for (int i = from; i < depth; i++) {
        pathStates[i - from] = i + 1 < depth ? stackStates[i + 1] : state;
      }
      deepest.add(new DeadEnd(pathOps, pathStates, stuckOp, state, lastOk(stackOps, depth)));
    }
  }

  private PartResult stopped(long start, SearchLimits.Stop stop) {
    String cause =
        switch (stop) {
          case CANCELLED -> limits.cancelledCause();
          case TIMEOUT -> "timed out after exploring " + cache.size() + " configurations";
          case MEMORY ->
              "memory guard: the search caches reached their budget of "
                  + (limits.memoryBudgetBytes() >> 20)
                  + " MiB after "
                  + cache.size()
                  + " configurations; give the JVM more heap (-Xmx) or check a smaller history";
          case HEAP ->
              "memory guard: the heap or its old generation was "
                  + Math.round(HeapWatch.LIMIT * 100)
                  + "% full after a garbage collection ("
                  + (limits.heap().usedAfterGc() >> 20)
                  + " of "
                  + (limits.heap().max() >> 20)
                  + " MiB in use) after "
                  + cache.size()
                  + " configurations; give the JVM more heap (-Xmx) or check a smaller history";
        };
    return new PartResult(
        key, Verdict.UNKNOWN, ops.length, elapsed(start), cache.size(), null, cause);
  }

  private PartResult invalid(long start) {
    List<List<Step>> paths = new ArrayList<>();
    Operation previousOk = null;
    for (DeadEnd d : deepest) {
      paths.add(path(d));
      if (previousOk == null) {
        previousOk = d.lastOk();
      }
    }
    DeadEnd first = deepest.get(0);
    Failure failure =
        new Failure(ops[first.stuckOp], previousOk, List.copyOf(paths), Math.max(deepestDepth, 0));
    return new PartResult(
        key, Verdict.INVALID, ops.length, elapsed(start), cache.size(), failure, null);
  }

  /** The last completed operation among the first {@code depth} on the stack, or {@code null}. */
  private Operation lastOk(int[] stackOps, int depth) {
    for (int i = depth - 1; i >= 0; i--) {
      if (ops[stackOps[i]].outcome() == Operation.Outcome.OK) {
        return ops[stackOps[i]];
      }
    }
    return null;
  }

  private List<Step> path(DeadEnd d) {
    List<Step> steps = new ArrayList<>();
    for (int i = 0; i < d.pathOps().length; i++) {
      steps.add(new Step(ops[d.pathOps()[i]], model.describe(d.pathStates()[i]), null));
    }
    Operation stuck = ops[d.stuckOp];
    Object after = model.step(d.state, stuck);
    String why =
        after == null
            ? model.explain(d.state, stuck)
            : "it could be applied here, but no order of the operations concurrent with it leads to a linearization";
    steps.add(new Step(stuck, null, why));
    return List.copyOf(steps);
  }
}
