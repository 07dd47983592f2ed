package io.faultline.raft.client;

/**
 * The operation certainly did not take effect: no node accepted it (no leader was reachable, or every node
 * answered "not leader"), or it was a read. The harness records {@code :fail}.
 */
public final class DefiniteFailure extends RaftKvException {
  public DefiniteFailure(String message, Throwable cause) {
    super(message, cause);
  }

  @Override
  public boolean definite() {
    return true;
  }
}
