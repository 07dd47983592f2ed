package io.faultline.workloads.register;

import io.faultline.harness.generator.Context;
import io.faultline.harness.generator.Generator;
import io.faultline.harness.generator.Yield;
import io.faultline.harness.history.Op;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Reads, writes and compare-and-sets on rotating keys. Client threads form groups of {@code threadsPerKey}; each group
 * works on one key until it has invoked {@code opsPerKey} operations on it, then moves to the next unused key. Op
 * values are {@code [key value]} tuples: {@code [k nil]} for a read, {@code [k v]} for a write and
 * {@code [k [from to]]} for a compare-and-set, with values drawn from {@code 0..values-1}.
 *
 * <p>Immutable: the state (each group's key and count, the next unused key) is copied on every invocation.
 */
public final class RegisterGenerator implements Generator {
  private final int threadsPerKey;
  private final int opsPerKey;
  private final int values;
  private final long[] groupKey;
  private final int[] groupCount;
  private final long nextKey;

  private RegisterGenerator(int threadsPerKey, int opsPerKey, int values, long[] groupKey, int[] groupCount,
      long nextKey) {
    this.threadsPerKey = threadsPerKey;
    this.opsPerKey = opsPerKey;
    this.values = values;
    this.groupKey = groupKey;
    this.groupCount = groupCount;
    this.nextKey = nextKey;
  }

  /**
   * @param concurrency client threads
   * @param threadsPerKey threads working on one key at a time
   * @param opsPerKey operations invoked on a key before its group moves on
   * @param values how many distinct values to write
   */
  public static RegisterGenerator of(int concurrency, int threadsPerKey, int opsPerKey, int values) {
    int groups = (concurrency + threadsPerKey - 1) / threadsPerKey;
    long[] keys = new long[groups];
    Arrays.setAll(keys, g -> g);
    return new RegisterGenerator(threadsPerKey, opsPerKey, values, keys, new int[groups], groups);
  }

  @Override
  public Yield op(Context ctx) {
    SplittableRandom rnd = ctx.random();
    int thread = randomFreeClientThread(ctx, rnd);
    if (thread < 0) {
      return Yield.pending();
    }
    int group = thread / threadsPerKey;
    String key = Long.toString(groupKey[group]);
    String f;
    Object v;
    switch (rnd.nextInt(3)) {
      case 0 -> {
        f = "read";
        v = null;
      }
      case 1 -> {
        f = "write";
        v = (long) rnd.nextInt(values);
      }
      default -> {
        f = "cas";
        v = List.of((long) rnd.nextInt(values), (long) rnd.nextInt(values));
      }
    }
    Op op = new Op(-1, ctx.time(), Op.Type.INVOKE, ctx.process(thread), f, Arrays.asList(key, v), null, null);
    return Yield.emit(op, advance(group));
  }

  /** A free client thread chosen at random, so that every group gets work at any rate; -1 if none is free. */
  private static int randomFreeClientThread(Context ctx, SplittableRandom rnd) {
    int[] free = Arrays.stream(ctx.freeThreads()).filter(ctx::isClientThread).toArray();
    return free.length == 0 ? -1 : free[rnd.nextInt(free.length)];
  }

  private RegisterGenerator advance(int group) {
    long[] keys = groupKey.clone();
    int[] counts = groupCount.clone();
    long next = nextKey;
    if (++counts[group] >= opsPerKey) {
      keys[group] = next++;
      counts[group] = 0;
    }
    return new RegisterGenerator(threadsPerKey, opsPerKey, values, keys, counts, next);
  }
}
