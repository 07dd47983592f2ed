package io.faultline.raft.client;

/**
 * A failed operation. {@link #definite()} tells whether the operation certainly did not take effect (Jepsen's
 * {@code :fail}) or may have taken effect (Jepsen's {@code :info}).
 */
public abstract class RaftKvException extends RuntimeException {
  protected RaftKvException(String message, Throwable cause) {
    super(message, cause);
  }

  /** True when the operation certainly did not take effect. */
  public abstract boolean definite();
}
