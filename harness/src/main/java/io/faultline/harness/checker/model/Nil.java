package io.faultline.harness.checker.model;

/** The state of a register that holds no value ({@code nil}); models use it because states are never {@code null}. */
public enum Nil {
  NIL;

  /** The state that holds {@code v}: {@link #NIL} for {@code null}, keywords by name, anything else as it is. */
  public static Object wrap(Object v) {
    return v == null ? NIL : Values.key(v);
  }

  /** The value a state holds: {@code null} for {@link #NIL}. */
  public static Object unwrap(Object state) {
    return state == NIL ? null : state;
  }

  @Override
  public String toString() {
    return "nil";
  }
}
