package io.faultline.harness.checker.model;

import java.util.function.Function;

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

  /**
   * Parts of operations whose values are {@code [key value]} tuples: {@code keyOf} names the part, the second element
   * is the value within it, and {@code partModel} gives each key's model.
   */
  static <S> Partitioning<S> byKeyTuple(
      Function<Operation, Object> keyOf, Function<Object, Model<S>> partModel) {
    return new Partitioning<>() {
      @Override
      public Object keyOf(Operation op) {
        return keyOf.apply(op);
      }

      @Override
      public Object partValue(Operation op) {
        return Values.nth(op.value(), 1);
      }

      @Override
      public Model<S> partModel(Object key) {
        return partModel.apply(key);
      }
    };
  }
}
