package io.faultline.workloads.keys;

import io.faultline.harness.generator.Context;
import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * Which key each client thread works on. Threads form groups of {@code threadsPerKey}; each group works on one key
 * until it has invoked {@code opsPerKey} operations on it, then moves to the next unused key, so that every per-key
 * history stays small enough to check. Keys are decimal strings from {@code "0"}.
 *
 * <p>Immutable: {@link #advance} returns a copy.
 */
public final class RotatingKeys {
  private final int threadsPerKey;
  private final int opsPerKey;
  private final long[] groupKey;
  private final int[] groupCount;
  private final long nextKey;

  private RotatingKeys(
      int threadsPerKey, int opsPerKey, long[] groupKey, int[] groupCount, long nextKey) {
    this.threadsPerKey = threadsPerKey;
    this.opsPerKey = opsPerKey;
    this.groupKey = groupKey;
    this.groupCount = groupCount;
    this.nextKey = nextKey;
  }

  /** Keys for {@code concurrency} client threads, {@code threadsPerKey} to a key, {@code opsPerKey} ops each. */
  public static RotatingKeys of(int concurrency, int threadsPerKey, int opsPerKey) {
    int groups = (concurrency + threadsPerKey - 1) / threadsPerKey;
    long[] keys = new long[groups];
    Arrays.setAll(keys, g -> g);
    return new RotatingKeys(threadsPerKey, opsPerKey, keys, new int[groups], groups);
  }

  /** The key {@code thread} works on now. */
  public String keyOf(int thread) {
    return Long.toString(groupKey[thread / threadsPerKey]);
  }

  /** Whether some group of threads works on {@code key} now. */
  public boolean isCurrent(String key) {
    for (long k : groupKey) {
      if (Long.toString(k).equals(key)) {
        return true;
      }
    }
    return false;
  }

  /** The keys after {@code thread} invoked one more operation on its key. */
  public RotatingKeys advance(int thread) {
    int group = thread / threadsPerKey;
    long[] keys = groupKey.clone();
    int[] counts = groupCount.clone();
    long next = nextKey;
    if (++counts[group] >= opsPerKey) {
      keys[group] = next++;
      counts[group] = 0;
    }
    return new RotatingKeys(threadsPerKey, opsPerKey, keys, counts, next);
  }

  /** A free client thread chosen at random, so that every group gets work at any rate; -1 if none is free. */
  public static int randomFreeClientThread(Context ctx, SplittableRandom rnd) {
    int[] free = Arrays.stream(ctx.freeThreads()).filter(ctx::isClientThread).toArray();
    return free.length == 0 ? -1 : free[rnd.nextInt(free.length)];
  }
}
