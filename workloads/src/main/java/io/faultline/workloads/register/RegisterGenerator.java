package io.faultline.workloads.register;

import io.faultline.harness.generator.Context;
import io.faultline.harness.generator.Generator;
import io.faultline.harness.generator.Yield;
import io.faultline.harness.history.Op;
import io.faultline.workloads.keys.RotatingKeys;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Reads, writes and compare-and-sets on {@link RotatingKeys}. Op values are {@code [key value]} tuples:
 * {@code [k nil]} for a read, {@code [k v]} for a write and {@code [k [from to]]} for a compare-and-set. Each op is a
 * read, a write or a cas with probabilities in the proportions of a {@link Mix}.
 *
 * <p>Values are either {@linkplain #UNIQUE unique}: every write and every cas's new value is written once in the
 * whole run (1, 2, 3, ...), and a cas expects one of the last {@value #RECENT} values written to its key, so that it
 * can succeed; or drawn from {@code 0..values-1}, as Knossos's classic register test does. Unique values make a lost,
 * reordered or misreported write visible: with five values, a later write of the same value hides it.
 *
 * <p>Immutable: the keys' state is copied on every invocation.
 */
public final class RegisterGenerator implements Generator {
  /** The {@code values} argument for values unique in the run. */
  public static final int UNIQUE = 0;

  /** How many of a key's latest values a cas may expect. */
  public static final int RECENT = 3;

  private final int values;
  private final Mix mix;
  private final RotatingKeys keys;
  private final long next;
  private final Map<String, long[]> recent;

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

  private RegisterGenerator(
      int values, Mix mix, RotatingKeys keys, long next, Map<String, long[]> recent) {
    this.values = values;
    this.mix = mix;
    this.keys = keys;
    this.next = next;
    this.recent = recent;
  }

  /**
   * @param concurrency client threads
   * @param threadsPerKey threads working on one key at a time
   * @param opsPerKey operations invoked on a key before its group moves on
   * @param values how many distinct values to write, or {@link #UNIQUE}
   */
  public static RegisterGenerator of(
      int concurrency, int threadsPerKey, int opsPerKey, int values) {
    return of(concurrency, threadsPerKey, opsPerKey, values, Mix.EVEN);
  }

  /** As {@link #of(int, int, int, int)}, with reads, writes and compare-and-sets in the proportions of {@code mix}. */
  public static RegisterGenerator of(
      int concurrency, int threadsPerKey, int opsPerKey, int values, Mix mix) {
    if (values < 0) {
      throw new IllegalArgumentException("values must be at least 1, or UNIQUE, not " + values);
    }
    return new RegisterGenerator(
        values, mix, RotatingKeys.of(concurrency, threadsPerKey, opsPerKey), 1, Map.of());
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
    long written = -1;
    switch (mix.draw(rnd)) {
      case 0 -> {
        f = "read";
        v = null;
      }
      case 1 -> {
        f = "write";
        written = fresh(rnd);
        v = written;
      }
      default -> {
        f = "cas";
        long from = expected(key, rnd);
        written = fresh(rnd);
        v = List.of(from, written);
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
    RotatingKeys after = keys.advance(thread);
    return Yield.emit(
        op,
        values == UNIQUE
            ? new RegisterGenerator(
                values, mix, after, written < 0 ? next : next + 1, remember(after, key, written))
            : new RegisterGenerator(values, mix, after, next, recent));
  }

  /** A value to write: the next unique one, or one drawn from the small domain. */
  private long fresh(SplittableRandom rnd) {
    return values == UNIQUE ? next : rnd.nextInt(values);
  }

  /**
   * The value a cas on {@code key} expects: one of the key's latest (0, never written, before the first), or one drawn
   * from the small domain.
   */
  private long expected(String key, SplittableRandom rnd) {
    if (values != UNIQUE) {
      return rnd.nextInt(values);
    }
    long[] latest = recent.get(key);
    return latest == null ? 0 : latest[rnd.nextInt(latest.length)];
  }

  /** The keys' latest values after {@code written} went to {@code key}, for the keys still worked on. */
  private Map<String, long[]> remember(RotatingKeys after, String key, long written) {
    Map<String, long[]> out = new HashMap<>();
    recent.forEach(
        (k, latest) -> {
          if (after.isCurrent(k)) {
            out.put(k, latest);
          }
        });
    if (written >= 0 && after.isCurrent(key)) {
      long[] old = out.getOrDefault(key, new long[0]);
      long[] latest = new long[Math.min(RECENT, old.length + 1)];
      latest[0] = written;
      System.arraycopy(old, 0, latest, 1, latest.length - 1);
      out.put(key, latest);
    }
    return out;
  }
}
