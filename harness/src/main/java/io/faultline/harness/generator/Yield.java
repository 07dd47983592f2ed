package io.faultline.harness.generator;

import io.faultline.harness.history.Op;
import java.util.Objects;

/**
 * What a generator answers when asked for an op: an op and the generator that follows it, pending, or exhausted.
 * Jepsen's {@code [op gen']}, {@code :pending} and {@code nil}.
 */
public sealed interface Yield permits Yield.Emit, Yield.Pending, Yield.Exhausted {

  /**
   * An op to invoke, and the generator to use after it has been invoked. The op carries its process and the time at
   * which it should be issued; a time later than the context's means "not before then": the driver waits and asks
   * again, so an op that is not yet due commits nothing.
   */
  record Emit(Op op, Generator next) implements Yield {
    public Emit {
      Objects.requireNonNull(op, "op");
      Objects.requireNonNull(next, "next");
    }
  }

  /**
   * Nothing now. {@code wakeAt} is the earliest time at which asking again without any other event could give an op;
   * {@link Long#MAX_VALUE} means only an event (a completion, a thread becoming free) can change the answer.
   */
  record Pending(long wakeAt) implements Yield {}

  /** No more ops, ever. */
  enum Exhausted implements Yield {
    INSTANCE
  }

  /** Pending until an event. */
  Pending PENDING = new Pending(Long.MAX_VALUE);

  static Emit emit(Op op, Generator next) {
    return new Emit(op, next);
  }

  static Pending pending() {
    return PENDING;
  }

  static Pending pendingUntil(long wakeAt) {
    return wakeAt == Long.MAX_VALUE ? PENDING : new Pending(wakeAt);
  }

  static Exhausted exhausted() {
    return Exhausted.INSTANCE;
  }
}
