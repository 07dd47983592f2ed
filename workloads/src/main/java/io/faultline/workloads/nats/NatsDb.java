package io.faultline.workloads.nats;

import io.faultline.harness.cluster.Backend;
import io.faultline.harness.cluster.NodeFaults;
import io.faultline.harness.cluster.NodeSpec;
import io.faultline.harness.cluster.Readiness;
import io.faultline.harness.spi.db.Db;
import io.faultline.harness.spi.db.DbException;
import io.faultline.harness.spi.db.Routable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.HttpURLConnection;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import java.util.function.Function;

/**
 * A cluster of {@code nats-server}s with JetStream, as a description of its servers on a {@link Backend} that runs
 * binaries on hosts: one server per node, its JetStream store in the backend's {@link Backend#dataDir data directory}
 * (so faults on a node's files reach the stream's {@code .blk} files), its configuration file and log in the node's
 * folder of the run.
 *
 * <p>Each server has three ports: {@code cluster} (routes from its peers), {@code client} and {@code http} (the
 * monitoring endpoint, for {@code /healthz}). Unlike etcd's shared membership, a NATS route is dialled at whatever URL
 * the dialling server's own configuration lists, so each server lists, for each peer, the proxy of the directed link
 * {@code self -> peer}: every route connection passes through a proxy, and partitions and packet faults cut it. NATS
 * keeps one route connection per pair of servers (it drops the duplicate when both dial), so an asymmetric partition
 * cuts the pair's single connection whichever direction it names. Each server advertises an address nothing listens
 * on as its route URL, so that the URLs servers gossip to each other ("implicit routes") never open a connection
 * around the proxies; the configured routes already name every peer.
 *
 * <p>Not {@link io.faultline.harness.spi.db.ClockSkewable}: nats-server is a Go program; under libfaketime its log
 * still stamps the real time ({@link NatsSut#NO_CLOCK_FAULTS}).
 */
public final class NatsDb implements Db, NodeFaults, Routable {
  /** The package that provides nats-server on Debian. */
  public static final String NOT_INSTALLED =
      "nats-server not installed: apt-get install nats-server";

  public static final Path DEFAULT_BIN = Path.of("/usr/sbin/nats-server");

  /** A server's ports by name, with NATS's own numbers where the backend uses fixed numbers. */
  public static final Map<String, Integer> PORTS =
      Map.of("cluster", 6222, "client", 4222, "http", 8222);

  /**
   * A server's log segments under its data directory, as a {@link java.nio.file.FileSystem#getPathMatcher} pattern:
   * the stream's message blocks ({@code jetstream/$G/streams/queue/msgs/N.blk}) and the Raft groups' write-ahead logs
   * ({@code jetstream/$SYS/_js_/GROUP/msgs/N.blk}), the files Jepsen's analysis flipped bits in and truncated.
   */
  public static final String LOG_FILES = "glob:**/msgs/*.blk";

  /** A server's Raft snapshots under its data directory ({@code jetstream/$SYS/_js_/GROUP/snapshots/snap.T.I}). */
  public static final String SNAPSHOT_FILES = "glob:**/snapshots/snap.*";

  /** The newest message block and the newest Raft snapshot, which the {@code disk} family's {@code corrupt} damages. */
  @Override
  public List<String> dataFileGlobs() {
    return List.of(
        LOG_FILES.substring("glob:".length()), SNAPSHOT_FILES.substring("glob:".length()));
  }

  /** Where servers advertise their route URL: a port nothing listens on (see the class comment). */
  static final String NO_IMPLICIT_ROUTES = "127.0.0.1:1";

  private final Backend backend;
  private final NatsConfig config;

  private volatile BiFunction<String, String, InetSocketAddress> peerRoute =
      (from, to) -> peerListenAddress(to);
  private volatile Function<String, InetSocketAddress> clientRoute = this::localClientAddress;
  private volatile boolean routed;

  /**
   * @param backend where the servers run (a host backend); this cluster owns it
   * @param config the binary, the sync policy and the stream's replication
   */
  public NatsDb(Backend backend, NatsConfig config) {
    this.backend = backend;
    this.config = config;
  }

  /** The binary, sync policy and replication this cluster runs with. */
  public NatsConfig config() {
    return config;
  }

  @Override
  public List<String> nodes() {
    return backend.nodes();
  }

  @Override
  public Backend backend() {
    return backend;
  }

  @Override
  public InetSocketAddress peerListenAddress(String node) {
    return backend.reach(node, "cluster");
  }

  @Override
  public InetSocketAddress clientListenAddress(String node) {
    return backend.reach(node, "client");
  }

  private InetSocketAddress localClientAddress(String node) {
    return backend.local(node, "client");
  }

  /** Where clients reach {@code node}: its client port, or the proxy in front of it. */
  public InetSocketAddress clientAddress(String node) {
    return clientRoute.apply(node);
  }

  @Override
  public void route(
      BiFunction<String, String, InetSocketAddress> peer,
      Function<String, InetSocketAddress> client) {
    this.peerRoute = peer;
    this.clientRoute = client;
    this.routed = true;
  }

  @Override
  public void setup() {
    if (!new NodeSpec.Binary(config.bin()).installed()) {
      throw new DbException(
          config.bin().equals(DEFAULT_BIN)
              ? NOT_INSTALLED
              : "nats-server binary not found: " + config.bin());
    }
    try {
      for (String n : nodes()) {
        backend.start(n, spec(n));
      }
      awaitReady();
    } catch (RuntimeException e) {
      teardown();
      throw e;
    }
  }

  /** What runs on {@code node}: nats-server with the configuration file {@link #configFile} wrote. */
  private NodeSpec spec(String node) {
    Path file = backend.nodeDir(node).resolve("nats.conf");
    try {
      Files.createDirectories(file.getParent());
      Files.writeString(file, configFile(node));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return new NodeSpec(
        new NodeSpec.Binary(config.bin()), List.of("-c", file.toString()), Map.of(), false);
  }

  /** {@code node}'s configuration: its ports, its JetStream store, its routes to every peer. */
  String configFile(String node) {
    StringBuilder routes = new StringBuilder();
    for (String peer : nodes()) {
      if (!peer.equals(node)) {
        InetSocketAddress a = peerRoute.apply(node, peer);
        routes.append("    \"nats-route://").append(hostPort(a)).append("\"\n");
      }
    }
    return "server_name: "
        + node
        + "\nlisten: "
        + hostPort(backend.bind(node, "client"))
        + "\nhttp: "
        + hostPort(backend.bind(node, "http"))
        + "\njetstream {\n  store_dir: \""
        + backend.dataDir(node)
        + "\"\n"
        + (config.syncAlways() ? "  sync_interval: always\n" : "")
        + "}\ncluster {\n  name: faultline\n  listen: "
        + hostPort(backend.bind(node, "cluster"))
        + "\n  no_advertise: true\n"
        + (routed ? "  advertise: \"" + NO_IMPLICIT_ROUTES + "\"\n" : "")
        + "  routes: [\n"
        + routes
        + "  ]\n}\n";
  }

  private static String hostPort(InetSocketAddress a) {
    return a.getHostString() + ":" + a.getPort();
  }

  /** Waits until every running server answers {@code /healthz} with 200: JetStream on and current. */
  @Override
  public void awaitReady() {
    Readiness.await(
        backend,
        "nats server",
        "the NATS cluster",
        () -> backend.started().stream().allMatch(n -> isRunning(n) && healthy(n)));
  }

  /** Whether {@code node}'s monitoring endpoint answers {@code /healthz} with 200 within half a second. */
  public boolean healthy(String node) {
    InetSocketAddress a = backend.local(node, "http");
    try {
      HttpURLConnection c =
          (HttpURLConnection)
              URI.create("http://" + hostPort(a) + "/healthz").toURL().openConnection();
      c.setConnectTimeout(500);
      c.setReadTimeout(500);
      try {
        return c.getResponseCode() == 200;
      } finally {
        c.disconnect();
      }
    } catch (IOException e) {
      return false;
    }
  }

  @Override
  public void teardown() {
    backend.close();
  }
}
