package io.faultline.harness.checker.model;

/**
 * A single register, as Knossos' {@code register} and {@code cas-register}: {@code read}, {@code write}, and for the
 * cas-register {@code cas [from to]}. A read of {@code nil} is always legal (an indeterminate read saw nothing).
 * States are the value, or {@link Nil#NIL}.
 */
public final class RegisterModel implements Model<Object> {
  private final boolean cas;
  private final Object init;

  private RegisterModel(boolean cas, Object init) {
    this.cas = cas;
    this.init = Nil.wrap(init);
  }

  /** A read/write register holding {@code init} ({@code null} for none). */
  public static RegisterModel register(Object init) {
    return new RegisterModel(false, init);
  }

  /** A read/write/compare-and-set register holding {@code init} ({@code null} for none). */
  public static RegisterModel casRegister(Object init) {
    return new RegisterModel(true, init);
  }

  @Override
  public String name() {
    return cas ? "cas-register" : "register";
  }

  @Override
  public Object init() {
    return init;
  }

  @Override
  public boolean isReadOnly(String f) {
    return f.equals("read");
  }

  @Override
  public Object step(Object state, Operation op) {
    Object v = op.value();
    switch (op.f()) {
      case "read":
        return v == null || Values.same(v, Nil.unwrap(state)) ? state : null;
      case "write":
        return Nil.wrap(v);
      case "cas":
        if (cas && Values.isTuple(v, 2)) {
          boolean matches = Values.same(Values.nth(v, 0), Nil.unwrap(state));
          if (op.outcome() == Operation.Outcome.FAILED) {
            return matches ? null : state;
          }
          return matches ? Nil.wrap(Values.nth(v, 1)) : null;
        }
        break;
      default:
        break;
    }
    throw new UnknownFunctionException(
        name(), op, cas ? "read, write, or cas [from to]" : "read or write");
  }

  @Override
  public String explain(Object state, Operation op) {
    if (op.f().equals("cas") && op.outcome() == Operation.Outcome.FAILED) {
      return "can't fail cas "
          + Values.show(op.value())
          + ": the register holds "
          + describe(state);
    }
    return "can't " + op.f() + " " + Values.show(op.value()) + " from register " + describe(state);
  }
}
