package io.faultline.raft.client;

/**
 * The operation may or may not have taken effect: it reached a leader, which may have appended it, and no outcome
 * came back in time (a timeout, a lost connection, or leadership lost after the append). The harness records
 * {@code :info}.
 */
public final class IndeterminateFailure extends RaftKvException {
  public IndeterminateFailure(String message, Throwable cause) {
    super(message, cause);
  }

  @Override
  public boolean definite() {
    return false;
  }
}
