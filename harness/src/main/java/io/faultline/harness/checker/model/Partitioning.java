package io.faultline.harness.checker.model;

/**
 * How a model splits a history into independent parts, for example one per key.
 *
 * @param <S> the state type of the part model
 */
public interface Partitioning<S> {

  /** The part an operation belongs to, e.g. its key. Must not be {@code null}. */
  Object keyOf(Operation op);

  /** The value the operation carries within its part, e.g. the value without its key. */
  Object partValue(Operation op);

  /** The model the part of {@code key} is checked against (its initial state may depend on the key). */
  Model<S> partModel(Object key);
}
