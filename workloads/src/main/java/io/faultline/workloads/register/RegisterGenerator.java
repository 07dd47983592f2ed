package io.faultline.workloads.register;

import io.faultline.harness.generator.Context;
import io.faultline.harness.generator.Generator;
import io.faultline.harness.generator.Yield;
import io.faultline.harness.history.Op;
import io.faultline.workloads.keys.RotatingKeys;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Reads, writes and compare-and-sets on {@link RotatingKeys}. Op values are {@code [key value]} tuples:
 * {@code [k nil]} for a read, {@code [k v]} for a write and {@code [k [from to]]} for a compare-and-set, with values
 * drawn from {@code 0..values-1}.
 *
 * <p>Immutable: the keys' state is copied on every invocation.
 */
public final class RegisterGenerator implements Generator {
  private final int values;
  private final RotatingKeys keys;

  private RegisterGenerator(int values, RotatingKeys keys) {
    this.values = values;
    this.keys = keys;
  }

  /**
   * @param concurrency client threads
   * @param threadsPerKey threads working on one key at a time
   * @param opsPerKey operations invoked on a key before its group moves on
   * @param values how many distinct values to write
   */
  public static RegisterGenerator of(int concurrency, int threadsPerKey, int opsPerKey, int values) {
    return new RegisterGenerator(values, RotatingKeys.of(concurrency, threadsPerKey, opsPerKey));
  }

  @Override
  public Yield op(Context ctx) {
    SplittableRandom rnd = ctx.random();
    int thread = RotatingKeys.randomFreeClientThread(ctx, rnd);
    if (thread < 0) {
      return Yield.pending();
    }
    String key = keys.keyOf(thread);
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
    return Yield.emit(op, new RegisterGenerator(values, keys.advance(thread)));
  }
}
