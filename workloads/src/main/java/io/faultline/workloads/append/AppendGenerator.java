package io.faultline.workloads.append;

import io.faultline.harness.generator.Context;
import io.faultline.harness.generator.Generator;
import io.faultline.harness.generator.Yield;
import io.faultline.harness.history.Op;
import io.faultline.workloads.keys.RotatingKeys;
import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * Appends and reads on {@link RotatingKeys}: {@code append [k e]} with an element {@code e} unique across the whole
 * test (1, 2, 3, ...), so that a duplicated or invented element can be told apart from a legal one, and
 * {@code read [k nil]}. Half the operations are appends.
 *
 * <p>Immutable: the keys' state and the next element are copied on every invocation.
 */
public final class AppendGenerator implements Generator {
  private final RotatingKeys keys;
  private final long nextElement;

  private AppendGenerator(RotatingKeys keys, long nextElement) {
    this.keys = keys;
    this.nextElement = nextElement;
  }

  /**
   * @param concurrency client threads
   * @param threadsPerKey threads working on one key at a time
   * @param opsPerKey operations invoked on a key before its group moves on
   */
  public static AppendGenerator of(int concurrency, int threadsPerKey, int opsPerKey) {
    return new AppendGenerator(RotatingKeys.of(concurrency, threadsPerKey, opsPerKey), 1);
  }

  @Override
  public Yield op(Context ctx) {
    SplittableRandom rnd = ctx.random();
    int thread = RotatingKeys.randomFreeClientThread(ctx, rnd);
    if (thread < 0) {
      return Yield.pending();
    }
    String key = keys.keyOf(thread);
    boolean append = rnd.nextBoolean();
    Op op =
        new Op(
            -1,
            ctx.time(),
            Op.Type.INVOKE,
            ctx.process(thread),
            append ? "append" : "read",
            Arrays.asList(key, append ? nextElement : null),
            null,
            null);
    return Yield.emit(
        op, new AppendGenerator(keys.advance(thread), append ? nextElement + 1 : nextElement));
  }
}
