package io.faultline.harness.cluster;

import java.time.Duration;
import java.util.List;
import java.util.stream.IntStream;

/**
 * The nodes of one cluster, by node name, wherever they run (processes, containers): what a
 * {@link io.faultline.harness.spi.db.Db} needs to start, crash, freeze, stop and watch them. Implementations are
 * thread-safe.
 */
public interface Nodes {

  /** The names of a cluster of {@code count} nodes, in order: {@code n1} to {@code nN}, whatever runs them. */
  static List<String> names(int count) {
    return IntStream.rangeClosed(1, count).mapToObj(i -> "n" + i).toList();
  }

  /** Starts {@code node}. */
  void start(String node);

  /** Kills the node at once (SIGKILL, {@code docker kill}) and waits until it is gone; nothing when not running. */
  void kill(String node);

  /** Starts a killed node again on its own data; nothing when it is running. */
  default void restart(String node) {
    if (!isRunning(node)) {
      start(node);
    }
  }

  /** Whether the node runs (a paused node runs). */
  boolean isRunning(String node);

  /** Freezes the node (SIGSTOP, {@code docker pause}). */
  void pause(String node);

  /** Thaws the node. */
  void resume(String node);

  /** How many nodes were started and not killed or stopped (running, paused, or exited on their own). */
  int size();

  /** Stops every node, gracefully within {@code grace}, then by force. */
  void stopAll(Duration grace);

  /**
   * Fails when a node has exited during startup.
   *
   * @param what how to call a node in the message, e.g. {@code node} or {@code etcd member}
   * @throws io.faultline.harness.spi.db.DbException naming the node, with the end of its log
   */
  void requireAlive(String what);

  /** The last {@code lines} lines of each node's log, headed by the node. */
  String tails(int lines);
}
