package io.faultline.raft.message;

/**
 * One log entry: a command and the term in which a leader received it (§5.3). An empty command is the no-op a new
 * leader appends to commit entries of earlier terms (§8).
 */
public record LogEntry(long index, long term, byte[] command) {
  /** True for the leader's no-op entry. */
  public boolean isNoop() {
    return command.length == 0;
  }
}
