package io.faultline.harness.generator;

import io.faultline.harness.history.Op;

/**
 * A schedule of operations as an immutable value, in the manner of Jepsen's generators.
 *
 * <p>A driver (the {@link Dispatcher}, used by the interpreter and the {@link Simulator}) repeatedly asks
 * {@link #op(Context)} what to do next. The answer is an op and the generator that follows it, or pending, or
 * exhausted. Asking is free of side effects: a driver may ask again with a later context and discard the answer, so
 * implementations must never sleep, block, read the clock or keep mutable state. Time and randomness come from the
 * {@link Context}.
 *
 * <p>Every event the driver sees, each invocation it dispatches and each completion it receives, is passed to
 * {@link #update(Context, Op)}, which returns the generator to use from then on. Most generators ignore events;
 * {@link Generators#untilOk} is one that does not.
 *
 * <p>Build generators with the factories on {@link Generators}.
 */
public interface Generator {

  /**
   * The next op, pending, or exhausted, given {@code ctx}. An emitted op must name a free, visible process of
   * {@code ctx} and an issue time; {@link Generators#fill} does both for an op template.
   */
  Yield op(Context ctx);

  /** The generator after {@code event}, an invocation or a completion, happened in {@code ctx}. */
  default Generator update(Context ctx, Op event) {
    return this;
  }
}
