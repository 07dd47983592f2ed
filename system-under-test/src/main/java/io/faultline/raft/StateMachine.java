package io.faultline.raft;

/**
 * The replicated state machine. Commands are applied in log order on every member (§5.3); implementations must be
 * deterministic, must not block, and are called only from the node's scheduler.
 */
public interface StateMachine {
  /** Applies a committed command and returns its result. */
  Object apply(long index, byte[] command);

  /** The result the command would have if applied now, without changing any state (used only by an unsafe mode). */
  Object preview(byte[] command);

  /** Answers a read-only query from the local state. */
  Object query(byte[] query);

  /** Serialises the whole state, including client sessions (§7, thesis §6.3). */
  byte[] takeSnapshot();

  /** Replaces the whole state with a snapshot taken by {@link #takeSnapshot()}. */
  void restoreSnapshot(byte[] snapshot);
}
