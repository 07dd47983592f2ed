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
 * drawn from {@code 0..values-1}. Each op is a read, a write or a cas with probabilities in the proportions of a
 * {@link Mix}.
 *
 * <p>Immutable: the keys' state is copied on every invocation.
 */
public final class RegisterGenerator implements Generator {
  private final int values;
  private final Mix mix;
  private final RotatingKeys keys;

  /**
   * The weights of reads, writes and compare-and-sets: each op is a read with probability
   * {@code read / (read + write + cas)}, and so on.
   */
  public record Mix(int read, int write, int cas) {
    /** One of each: a third of the ops are reads. */
    public static final Mix EVEN = new Mix(1, 1, 1);

    public Mix {
      if (read < 0 || write < 0 || cas < 0 || read + write + cas <= 0) {
        throw new IllegalArgumentException(
            "a mix needs weights of at least 0 with a positive sum, not "
                + read
                + ":"
                + write
                + ":"
                + cas);
      }
    }

    /**
     * Parses {@code read:write:cas}, e.g. {@code 3:2:0}.
     *
     * @throws IllegalArgumentException for anything else
     */
    public static Mix parse(String s) {
      String[] parts = s.split(":", -1);
      if (parts.length != 3) {
        throw new IllegalArgumentException(
            "a mix is read:write:cas weights, e.g. 3:2:0, not '" + s + "'");
      }
      try {
        return new Mix(
            Integer.parseInt(parts[0].strip()),
            Integer.parseInt(parts[1].strip()),
            Integer.parseInt(parts[2].strip()));
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException(
            "a mix is read:write:cas weights, e.g. 3:2:0, not '" + s + "'");
      }
    }

    /** 0 for a read, 1 for a write, 2 for a cas, drawn with {@code rnd}. */
    int draw(SplittableRandom rnd) {
      int r = rnd.nextInt(read + write + cas);
      return r < read ? 0 : r < read + write ? 1 : 2;
    }
  }

  private RegisterGenerator(int values, Mix mix, RotatingKeys keys) {
    this.values = values;
    this.mix = mix;
    this.keys = keys;
  }

  /**
   * @param concurrency client threads
   * @param threadsPerKey threads working on one key at a time
   * @param opsPerKey operations invoked on a key before its group moves on
   * @param values how many distinct values to write
   */
  public static RegisterGenerator of(
      int concurrency, int threadsPerKey, int opsPerKey, int values) {
    return of(concurrency, threadsPerKey, opsPerKey, values, Mix.EVEN);
  }

  /** As {@link #of(int, int, int, int)}, with reads, writes and compare-and-sets in the proportions of {@code mix}. */
  public static RegisterGenerator of(
      int concurrency, int threadsPerKey, int opsPerKey, int values, Mix mix) {
    return new RegisterGenerator(
        values, mix, RotatingKeys.of(concurrency, threadsPerKey, opsPerKey));
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
    switch (mix.draw(rnd)) {
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
    Op op =
        new Op(
            -1,
            ctx.time(),
            Op.Type.INVOKE,
            ctx.process(thread),
            f,
            Arrays.asList(key, v),
            null,
            null);
    return Yield.emit(op, new RegisterGenerator(values, mix, keys.advance(thread)));
  }
}
