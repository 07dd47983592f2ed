package io.faultline.harness.cluster;

import io.faultline.harness.spi.db.DbException;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * The node processes of one cluster, by node name: what a process-backed {@link io.faultline.harness.spi.db.Db} needs to
 * start, crash, freeze, stop and watch its nodes, whatever system they run. Thread-safe.
 */
public final class NodeGroup implements Nodes {
  private final Map<String, NodeProcess> processes = new ConcurrentHashMap<>();
  private final Function<String, NodeProcess> launcher;

  /** @param launcher starts the process of a node (on its own data), e.g. {@code NodeProcess.start(...)} */
  public NodeGroup(Function<String, NodeProcess> launcher) {
    this.launcher = launcher;
  }

  /** Starts {@code node}'s process. */
  public void start(String node) {
    processes.put(node, launcher.apply(node));
  }

  /** SIGKILL, and waits until the process is gone; nothing when the node is not running. */
  public void kill(String node) {
    NodeProcess p = processes.remove(node);
    if (p != null) {
      p.kill();
    }
  }

  /** Whether the node's process is running (a paused process is running). */
  public boolean isRunning(String node) {
    NodeProcess p = processes.get(node);
    return p != null && p.isAlive();
  }

  /** SIGSTOP. */
  public void pause(String node) {
    NodeProcess p = processes.get(node);
    if (p != null) {
      p.pause();
    }
  }

  /** SIGCONT. */
  public void resume(String node) {
    NodeProcess p = processes.get(node);
    if (p != null) {
      p.resume();
    }
  }

  /** How many nodes have a process (running, paused, or exited on their own). */
  public int size() {
    return processes.size();
  }

  /** Stops every node: SIGTERM, then SIGKILL after {@code grace}. */
  public void stopAll(Duration grace) {
    for (String node : processes.keySet()) {
      NodeProcess p = processes.remove(node);
      if (p != null) {
        p.terminate(grace);
      }
    }
  }

  /**
   * Fails when a node's process has exited during startup.
   *
   * @param what how to call a node in the message, e.g. {@code node} or {@code etcd member}
   * @throws DbException naming the node, with the end of its log
   */
  public void requireAlive(String what) {
    processes.forEach(
        (node, p) -> {
          if (!p.isAlive()) {
            throw new DbException(
                what + " " + node + " exited during startup; the end of its log:\n" + p.tail(15));
          }
        });
  }

  /** The last {@code lines} lines of each node's log, headed by the node and the log's path. */
  public String tails(int lines) {
    StringBuilder sb = new StringBuilder();
    processes.forEach(
        (n, p) ->
            sb.append("\n--- ")
                .append(n)
                .append(" (")
                .append(p.log())
                .append(")\n")
                .append(p.tail(lines)));
    return sb.toString();
  }
}
