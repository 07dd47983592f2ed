package io.faultline.harness.spi.db;

/** Nodes that can crash and come back: Jepsen's {@code Kill} protocol. */
public interface Killable {

  /** Kills the node at once (SIGKILL, {@code docker kill}); it loses nothing it had made durable. */
  void kill(String node);

  /** Starts a killed node again on its own data, and returns once its process is up (not necessarily caught up). */
  void restart(String node);

  /** Whether the node's process is running (a paused process is running). */
  boolean isRunning(String node);
}
