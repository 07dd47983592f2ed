package io.faultline.harness.checker.model;

/** An operation whose function, or whose value's shape, the model does not know. */
public final class UnknownFunctionException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;

  public UnknownFunctionException(String model, Operation op, String expected) {
    super(
        "model "
            + model
            + " cannot apply "
            + op.f()
            + " "
            + Values.show(op.value())
            + " (expected "
            + expected
            + "), at op "
            + op.invoke().index());
  }
}
