package io.faultline.harness.checker.model;

import java.util.Optional;

/**
 * A sequential specification: an initial state and a transition function. Implementations are immutable and
 * thread-safe, and their states are immutable values with {@code equals} and {@code hashCode}, because the checker
 * caches (linearized set, state) pairs and shares a model across threads.
 *
 * @param <S> the state type; states are never {@code null} (models represent "no value" with a value of their own)
 */
public interface Model<S> {

  /** The name users select the model by, e.g. {@code cas-register}. */
  String name();

  /** The state before any operation. */
  S init();

  /**
   * Applies an operation.
   *
   * @return the state after {@code op}, or {@code null} when {@code op} cannot happen in {@code state}
   */
  S step(S state, Operation op);

  /**
   * True when {@code f} never changes the state, so that an indeterminate call of it constrains nothing and the
   * checker may drop it. Reads are the usual example.
   */
  default boolean isReadOnly(String f) {
    return false;
  }

  /**
   * Whether this model splits histories into independent parts (P-compositionality, Horn and Kroening 2015): a
   * history is linearizable iff each part is, under {@link Partitioning#partModel(Object)}.
   */
  default Optional<Partitioning<?>> partitioning() {
    return Optional.empty();
  }

  /**
   * An estimate of the heap bytes that {@code state} holds beyond what other states share with it, for the checker's
   * memory guard. Models whose states grow with the history (lists, maps) override it; the default suits a state of a
   * few small fields.
   */
  default long stateBytes(S state) {
    return 32;
  }

  /** A short human description of a state, for reports. */
  default String describe(S state) {
    return Values.show(state);
  }

  /**
   * Why {@code op} cannot happen in {@code state}, for reports; called only when {@link #step} returned {@code null}.
   */
  default String explain(S state, Operation op) {
    return "can't " + op.f() + " " + Values.show(op.value()) + " from " + describe(state);
  }
}
