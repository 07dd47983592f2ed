package io.faultline.harness.cluster;

import io.faultline.harness.spi.db.ProxySite;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.IntStream;

/**
 * Where the nodes of one cluster run, and their lifecycle there: processes on this machine ({@link ProcessBackend}),
 * containers on a private Docker network ({@link io.faultline.harness.cluster.docker.DockerBackend}), or hosts over
 * SSH. A system under test says <em>what</em> runs on a node ({@link NodeSpec}); the backend decides <em>where</em>:
 * each node's addresses, its data directory, its log, its clock file, and how a signal reaches it.
 *
 * <p>Each node listens on named ports (e.g. {@code raft}, {@code client}, {@code admin}) whose numbers the backend
 * chooses. Three addresses of each port matter, and they differ by backend: where the node {@linkplain #bind binds}
 * it, where its peers (and proxies beside them) {@linkplain #reach reach} it, and where the harness
 * {@linkplain #local reaches} it. Addresses are fixed for the backend's life, so a restarted node comes back at the
 * same ones, as a rebooted machine would.
 *
 * <p>Implementations are thread-safe. {@link #close} stops every node and removes what the backend created (for
 * containers: the network and volumes); no node outlives it, nor the harness.
 */
public interface Backend extends AutoCloseable {

  /** The names of a cluster of {@code count} nodes, in order: {@code n1} to {@code nN}, whatever runs them. */
  static List<String> names(int count) {
    return IntStream.rangeClosed(1, count).mapToObj(i -> "n" + i).toList();
  }

  /** The backend's name, as in {@code --cluster}. */
  String name();

  /** The node names, in order. */
  List<String> nodes();

  /** Where {@code node} binds {@code port}, as the node sees it. */
  InetSocketAddress bind(String node, String port);

  /** Where the other nodes, and proxies that live beside them, reach {@code node}'s {@code port}. */
  InetSocketAddress reach(String node, String port);

  /** Where the harness reaches {@code node}'s {@code port}. */
  InetSocketAddress local(String node, String port);

  /** The node's data directory, as the node sees it; it survives kills and restarts, not {@link #close}. */
  String dataDir(String node);

  /** The node's folder in the run folder (its log, its clock file). */
  Path nodeDir(String node);

  /** Each node's log files in the run folder, by node. */
  default Map<String, List<Path>> logFiles() {
    Map<String, List<Path>> out = new java.util.LinkedHashMap<>();
    nodes().forEach(n -> out.put(n, List.of(NodeFiles.log(nodeDir(n)))));
    return out;
  }

  /**
   * The file that sets {@code node}'s clock (see {@link io.faultline.harness.spi.db.ClockSkewable}) when it runs with
   * {@link NodeSpec#fakeClock}, or empty when this backend has no libfaketime for it. Known before the node starts.
   */
  Optional<Path> clockFile(String node);

  /** How long a cluster on this backend may take to become ready (images and containers start slower). */
  default Duration patience() {
    return Duration.ofSeconds(30);
  }

  /**
   * Starts {@code node} as {@code spec} says, on its own data.
   *
   * @throws io.faultline.harness.spi.db.DbException with one line naming the cause when it cannot start
   */
  void start(String node, NodeSpec spec);

  /** Starts a killed or stopped node again with its last spec, on its own data; nothing when it runs. */
  void restart(String node);

  /** Kills the node at once (SIGKILL, {@code docker kill}) and waits until it is gone; nothing when not running. */
  void kill(String node);

  /** Stops the node: SIGTERM, then SIGKILL after {@code grace}; nothing when not running. */
  void stop(String node, Duration grace);

  /** Freezes the node (SIGSTOP, {@code docker pause}); nothing when not running. */
  void pause(String node);

  /** Thaws the node; nothing when not paused. */
  void resume(String node);

  /** Whether the node runs (a paused node runs). */
  boolean isRunning(String node);

  /** The nodes started and not killed or stopped since (running, paused, or exited on their own), in order. */
  List<String> started();

  /**
   * Fails when a started node has exited (during startup, say).
   *
   * @param what how to call a node in the message, e.g. {@code node} or {@code etcd member}
   * @throws io.faultline.harness.spi.db.DbException naming the node, with the end of its log
   */
  default void requireAlive(String what) {
    for (String node : started()) {
      if (!isRunning(node)) {
        throw new io.faultline.harness.spi.db.DbException(
            what
                + " "
                + node
                + " exited during startup; the end of its log:\n"
                + NodeFiles.tail(NodeFiles.log(nodeDir(node)), 15));
      }
    }
  }

  /** The last {@code lines} lines of each started node's log, headed by the node and the log's path. */
  default String tails(int lines) {
    StringBuilder sb = new StringBuilder();
    for (String n : nodes()) {
      Path log = NodeFiles.log(nodeDir(n));
      if (java.nio.file.Files.exists(log)) {
        sb.append("\n--- ").append(n).append(" (").append(log).append(")\n");
        sb.append(NodeFiles.tail(log, lines));
      }
    }
    return sb.toString();
  }

  /**
   * A Toxiproxy server beside the nodes with {@code slots} proxy ports, started on the first call, when the nodes
   * cannot reach proxies in the harness; empty when they can.
   */
  default Optional<ProxySite.Site> toxiproxySite(int slots) {
    return Optional.empty();
  }

  /**
   * The packet filter of the nodes' hosts, when this backend cuts links with rules on the hosts (see
   * {@link io.faultline.harness.spi.db.Firewalled}); empty when links are cut by proxies.
   */
  default Optional<io.faultline.harness.spi.db.Firewalled.Firewall> firewall() {
    return Optional.empty();
  }

  /**
   * Sets {@code node}'s clock file ({@link #clockFile}) to {@code line} (libfaketime's format, e.g. {@code +60.000
   * x1.5}) so that a node never reads a half-written file; the new clock is in force when it returns.
   */
  default void setClock(String node, String line) {
    io.faultline.harness.spi.db.ClockSkewable.write(
        clockFile(node)
            .orElseThrow(
                () ->
                    new IllegalStateException(
                        io.faultline.harness.spi.db.ClockSkewable.NEEDS_LIBFAKETIME)),
        line);
  }

  /**
   * Why this backend cannot take disk faults ({@link #powerLoss}, and damage to {@link #hostDataDir}), or empty when
   * it can. Only a backend made with {@code --nemesis disk}, or {@code all} where the machine allows it ({@link
   * LazyDiskBackend}), can.
   */
  default Optional<String> diskFaultsRefused() {
    return Optional.of(
        "the " + name() + " backend runs no lazy file system (needs --nemesis disk)");
  }

  /**
   * Kills the node at once and drops every write to its data that it had not made durable, as a power failure
   * would; it stays down until {@link #restart}.
   *
   * @throws UnsupportedOperationException when {@link #diskFaultsRefused} says why not
   */
  default void powerLoss(String node) {
    throw new UnsupportedOperationException(diskFaultsRefused().orElse("no disk faults here"));
  }

  /** The node's data directory as a path on this machine, where the harness can read and damage it; empty if none. */
  default Optional<Path> hostDataDir(String node) {
    return Optional.empty();
  }

  /** Stops every node, gracefully within {@code grace}, then by force. */
  default void stopAll(Duration grace) {
    for (String node : started()) {
      stop(node, grace);
    }
  }

  /** Stops every node and removes what the backend made. Idempotent; a later {@link #start} begins afresh. */
  @Override
  void close();
}
