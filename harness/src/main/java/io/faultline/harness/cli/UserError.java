package io.faultline.harness.cli;

/**
 * A problem with what the user gave us (a file, a flag, a model name), reported as one line with no stack trace and
 * exit code 3.
 */
public final class UserError extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public UserError(String message) {
    super(message, null, false, false);
  }
}
