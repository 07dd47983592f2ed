package io.faultline.harness.cluster;

import io.faultline.harness.spi.db.ProxySite;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A {@link Backend} whose nodes keep their data on Faultline's lazy file system ({@link LazyFs}), so that a node can
 * lose power: it is killed and every write it had not made durable is dropped. Whatever runs on the nodes (the Raft
 * store, etcd, any binary) gets the fault without code of its own, since the file system sits between the node and
 * its files.
 *
 * <p>Each node's files live in {@code <node folder>/disk/}; the file system is mounted over the node's
 * {@linkplain Backend#dataDir data directory} before its first start and stays mounted across kills and restarts.
 * {@link #close} stops the nodes, then unmounts every mount; mounts of harnesses that died are removed when the next
 * one is made ({@link LazyFs#cleanLeftovers}). It needs the backing backend's data directories on this machine
 * ({@link Backend#hostDataDir}), root and FUSE; without them it runs as the backend it wraps, and {@link
 * #diskFaultsRefused} says why.
 */
public final class LazyDiskBackend implements Backend {
  /** The fault family that needs it. */
  public static final String FAMILY = "disk";

  /**
   * The nemesis option that says which name changes survive a power loss: {@code strict} (the default: a create,
   * unlink or rename once its directory is fsync'd, as POSIX promises) or {@code durable} (all of them at once, as
   * ext4's journal most likely keeps them; only unsynced file data is lost).
   */
  public static final String NAMES_OPTION = "disk-names";

  private final Backend backend;
  private final Path root;
  private final Optional<String> refused;
  private final boolean namesDurable;
  private final Map<String, LazyFs.Mount> mounts = new ConcurrentHashMap<>();

  /**
   * @param backend where the nodes run
   * @param root the Faultline checkout, where the file system is built
   */
  public LazyDiskBackend(Backend backend, Path root) {
    this(backend, root, false);
  }

  /**
   * @param backend where the nodes run
   * @param root the Faultline checkout, where the file system is built
   * @param namesDurable whether name changes are durable at once ({@code disk-names=durable})
   */
  public LazyDiskBackend(Backend backend, Path root, boolean namesDurable) {
    this.backend = backend;
    this.root = root;
    this.namesDurable = namesDurable;
    Optional<String> why =
        backend.nodes().isEmpty() || backend.hostDataDir(backend.nodes().get(0)).isEmpty()
            ? Optional.of(
                "disk faults need the nodes' data on this machine; the "
                    + backend.name()
                    + " backend has it elsewhere (use --cluster process)")
            : LazyFs.refusal(root);
    this.refused = why;
    if (why.isEmpty()) {
      LazyFs.cleanLeftovers();
    }
  }

  /**
   * Whether {@code spec}'s {@value #NAMES_OPTION} option makes name changes durable at once.
   *
   * @throws IllegalArgumentException with one line for a value other than {@code strict} or {@code durable}
   */
  public static boolean namesDurable(io.faultline.harness.spi.TestSpec spec) {
    String v = spec.nemesisOptions().getOrDefault(NAMES_OPTION, "strict");
    if (!v.equals("strict") && !v.equals("durable")) {
      throw new IllegalArgumentException(
          "nemesis option " + NAMES_OPTION + " must be strict or durable, not '" + v + "'");
    }
    return v.equals("durable");
  }

  @Override
  public Optional<String> diskFaultsRefused() {
    return refused;
  }

  @Override
  public void start(String node, NodeSpec spec) {
    if (refused.isEmpty()) {
      mounts.computeIfAbsent(
          node,
          n ->
              LazyFs.mount(
                  root,
                  backend.nodeDir(n).resolve("disk"),
                  backend.hostDataDir(n).orElseThrow(),
                  backend.nodeDir(n).resolve("lazyfs.log"),
                  namesDurable));
    }
    backend.start(node, spec);
  }

  @Override
  public void powerLoss(String node) {
    LazyFs.Mount mount = mounts.get(node);
    if (mount == null) {
      throw new UnsupportedOperationException(
          refused.orElse("node " + node + " has no lazy file system (never started)"));
    }
    backend.kill(node);
    mount.powerLoss();
  }

  @Override
  public Optional<Path> hostDataDir(String node) {
    return backend.hostDataDir(node);
  }

  @Override
  public void close() {
    try {
      backend.close();
    } finally {
      mounts.values().forEach(LazyFs.Mount::close);
      mounts.clear();
    }
  }

  @Override
  public String name() {
    return backend.name();
  }

  @Override
  public List<String> nodes() {
    return backend.nodes();
  }

  @Override
  public InetSocketAddress bind(String node, String port) {
    return backend.bind(node, port);
  }

  @Override
  public InetSocketAddress reach(String node, String port) {
    return backend.reach(node, port);
  }

  @Override
  public InetSocketAddress local(String node, String port) {
    return backend.local(node, port);
  }

  @Override
  public String dataDir(String node) {
    return backend.dataDir(node);
  }

  @Override
  public Path nodeDir(String node) {
    return backend.nodeDir(node);
  }

  @Override
  public Map<String, List<Path>> logFiles() {
    return backend.logFiles();
  }

  @Override
  public Optional<Path> clockFile(String node) {
    return backend.clockFile(node);
  }

  @Override
  public Duration patience() {
    return backend.patience();
  }

  @Override
  public void restart(String node) {
    backend.restart(node);
  }

  @Override
  public void kill(String node) {
    backend.kill(node);
  }

  @Override
  public void stop(String node, Duration grace) {
    backend.stop(node, grace);
  }

  @Override
  public void pause(String node) {
    backend.pause(node);
  }

  @Override
  public void resume(String node) {
    backend.resume(node);
  }

  @Override
  public boolean isRunning(String node) {
    return backend.isRunning(node);
  }

  @Override
  public List<String> started() {
    return backend.started();
  }

  @Override
  public Optional<ProxySite.Site> toxiproxySite(int slots) {
    return backend.toxiproxySite(slots);
  }

  @Override
  public void stopAll(Duration grace) {
    backend.stopAll(grace);
  }

  @Override
  public Optional<io.faultline.harness.spi.db.Firewalled.Firewall> firewall() {
    return backend.firewall();
  }

  @Override
  public void setClock(String node, String line) {
    backend.setClock(node, line);
  }

  @Override
  public String toString() {
    return backend
        + (refused.isEmpty()
            ? ", on lazy file systems" + (namesDurable ? " (names durable)" : "")
            : "");
  }
}
