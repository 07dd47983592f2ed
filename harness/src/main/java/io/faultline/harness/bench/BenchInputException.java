package io.faultline.harness.bench;

/** A results file that cannot be used: missing, unreadable, not JSON, or not shaped like JMH's output. */
public final class BenchInputException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public BenchInputException(String message) {
    super(message, null, false, false);
  }
}
