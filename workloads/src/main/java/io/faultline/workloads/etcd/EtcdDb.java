package io.faultline.workloads.etcd;

import io.faultline.harness.cluster.Backend;
import io.faultline.harness.cluster.NodeFaults;
import io.faultline.harness.cluster.NodeSpec;
import io.faultline.harness.cluster.Ports;
import io.faultline.harness.cluster.ProcessBackend;
import io.faultline.harness.cluster.Readiness;
import io.faultline.harness.spi.db.Db;
import io.faultline.harness.spi.db.DbException;
import io.faultline.harness.spi.db.HasLeader;
import io.faultline.harness.spi.db.Routable;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiFunction;
import java.util.function.Function;

/**
 * A cluster of etcd members, as a description of its members (command line, ports, readiness) on a {@link Backend}
 * that runs binaries on hosts: one {@code etcd} per node, its data directory and log where the backend puts them.
 * Its routers ({@link PeerRouter}) run in the harness, so a routed cluster needs members that reach the harness on
 * 127.0.0.1: the {@code process} backend, the one {@link EtcdSut} offers.
 *
 * <p>Each member has three ports: {@code peer} where it listens for its peers, {@code advertised} (the peer URL in
 * the shared membership, where a {@link PeerRouter} of this class listens) and {@code client} (the v3 API and its
 * JSON gateway). The router names the sender of each peer connection and splices it to {@code route}'s address for
 * the directed link {@code sender -> member}, so the nemesis' per-link proxies see, and can cut, each direction
 * separately, as with Faultline's own store. Clients reach a member through {@code route}'s client address.
 *
 * <p>When nothing {@linkplain #route routed} the cluster before {@link #setup()} (e.g. in the benchmarks), there are no
 * routers: each member advertises its own peer port and members talk directly.
 *
 * <p>Not {@link io.faultline.harness.spi.db.ClockSkewable}: etcd is a Go program, whose runtime reads the clock through
 * the vDSO rather than libc, so libfaketime cannot move its clocks ({@link EtcdSut} refuses the clock nemesis).
 *
 * <p>Peer connections whose sender the router cannot name ({@code /version}, {@code /members}, lease forwarding, the
 * raft transport's {@code /raft/probing}) go straight to the member, not through a proxy, one request per connection:
 * partitions cut raft traffic, not those.
 */
public final class EtcdDb implements Db, NodeFaults, HasLeader, Routable {
  /** The package that provides etcd on Debian. */
  public static final String NOT_INSTALLED = "etcd not installed: apt-get install etcd-server";

  public static final Path DEFAULT_BIN = Path.of("/usr/bin/etcd");

  /** A member's ports by name, with etcd's own numbers where the backend uses fixed numbers. */
  public static final Map<String, Integer> PORTS = Map.of("peer", 2380, "client", 2379);

  private final Backend backend;
  private final Path bin;
  private final String token;
  private final Map<String, Integer> advertised = new LinkedHashMap<>();
  private final Map<String, PeerRouter> routers = new ConcurrentHashMap<>();

  /** Answers status requests, straight from each member's client port. */
  private final EtcdGateway statusGateway = new EtcdGateway(Duration.ofMillis(500));

  private volatile BiFunction<String, String, InetSocketAddress> peerRoute =
      (from, to) -> peerListenAddress(to);
  private volatile Function<String, InetSocketAddress> clientRoute = this::localClientAddress;
  private volatile boolean routed;

  /**
   * @param backend where the members run (a host backend: etcd runs as its binary); this cluster owns it
   * @param bin the etcd binary
   */
  public EtcdDb(Backend backend, Path bin) {
    this.backend = backend;
    this.bin = bin;
    this.token = "faultline-" + Long.toHexString(System.nanoTime());
    List<Integer> free = Ports.free(backend.nodes().size());
    for (int i = 0; i < free.size(); i++) {
      advertised.put(backend.nodes().get(i), free.get(i));
    }
  }

  /**
   * {@code nodeCount} members as processes on this machine.
   *
   * @param runDir the run folder; members live under {@code nodes/}
   */
  public static EtcdDb processes(int nodeCount, Path bin, Path runDir) {
    if (nodeCount < 1) {
      throw new IllegalArgumentException("a cluster needs at least one node");
    }
    return new EtcdDb(
        new ProcessBackend(Backend.names(nodeCount), List.copyOf(PORTS.keySet()), runDir), bin);
  }

  /** Whether {@code bin} is an executable file. */
  public static boolean installed(Path bin) {
    return new NodeSpec.Binary(bin).installed();
  }

  @Override
  public List<String> nodes() {
    return backend.nodes();
  }

  @Override
  public Backend backend() {
    return backend;
  }

  /** Its newest write-ahead log segment and its newest Raft snapshot (etcd's data-dir layout). */
  @Override
  public List<String> dataFileGlobs() {
    return List.of("member/wal/*.wal", "member/snap/*.snap");
  }

  @Override
  public InetSocketAddress peerListenAddress(String node) {
    return backend.reach(node, "peer");
  }

  @Override
  public InetSocketAddress clientListenAddress(String node) {
    return backend.reach(node, "client");
  }

  /** Where the harness reaches {@code node}'s client port directly. */
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

  /** The peer URL the membership knows {@code node} by: its router's when routed, else its own peer port. */
  private String advertisedUrl(String node) {
    return routed ? "http://127.0.0.1:" + advertised.get(node) : url(peerListenAddress(node));
  }

  private static String url(InetSocketAddress a) {
    return "http://" + a.getHostString() + ":" + a.getPort();
  }

  private String senderOf(String url) {
    for (String n : nodes()) {
      if (advertisedUrl(n).equals(url)) {
        return n;
      }
    }
    return null;
  }

  @Override
  public void setup() {
    if (!installed(bin)) {
      throw new DbException(
          bin.equals(DEFAULT_BIN) ? NOT_INSTALLED : "etcd binary not found: " + bin);
    }
    try {
      for (String n : routed ? nodes() : List.<String>of()) {
        routers.put(
            n,
            new PeerRouter(
                n,
                new InetSocketAddress("127.0.0.1", advertised.get(n)),
                this::senderOf,
                from ->
                    from == null || from.equals(n)
                        ? peerListenAddress(n)
                        : peerRoute.apply(from, n)));
      }
      for (String n : nodes()) {
        backend.start(n, spec(n));
      }
      awaitReady();
    } catch (IOException e) {
      teardown();
      throw new DbException("cannot listen on the peer ports: " + e.getMessage());
    } catch (RuntimeException e) {
      teardown();
      throw e;
    }
  }

  /** What runs on {@code node}: the etcd binary, in the shared membership at the advertised peer URLs. */
  private NodeSpec spec(String node) {
    StringBuilder cluster = new StringBuilder();
    for (String n : nodes()) {
      cluster
          .append(cluster.length() == 0 ? "" : ",")
          .append(n)
          .append('=')
          .append(advertisedUrl(n));
    }
    String clientUrl = url(backend.bind(node, "client"));
    List<String> args =
        List.of(
            "--name",
            node,
            "--data-dir",
            backend.dataDir(node),
            "--listen-peer-urls",
            url(backend.bind(node, "peer")),
            "--initial-advertise-peer-urls",
            advertisedUrl(node),
            "--listen-client-urls",
            clientUrl,
            "--advertise-client-urls",
            url(backend.reach(node, "client")),
            "--initial-cluster",
            cluster.toString(),
            "--initial-cluster-token",
            token,
            "--initial-cluster-state",
            "new",
            "--heartbeat-interval",
            "100",
            "--election-timeout",
            "1000");
    return new NodeSpec(new NodeSpec.Binary(bin), args, Map.of(), false);
  }

  /** Waits until every running member answers its status and a majority names the same live leader. */
  @Override
  public void awaitReady() {
    Readiness.await(
        backend,
        "etcd member",
        "the etcd cluster",
        () -> statuses().size() == backend.started().size() && leader().isPresent());
  }

  /** Each reachable running member's {@code /v3/maintenance/status}, by node. */
  public Map<String, EtcdStatus> statuses() {
    Map<String, EtcdStatus> out = new LinkedHashMap<>();
    for (String n : backend.started()) {
      if (isRunning(n)) {
        status(n).ifPresent(s -> out.put(n, s));
      }
    }
    return out;
  }

  /** The member's status, straight from its client port, or empty if it does not answer within half a second. */
  public Optional<EtcdStatus> status(String node) {
    try {
      return Optional.of(statusGateway.status(localClientAddress(node)));
    } catch (EtcdException e) {
      return Optional.empty();
    }
  }

  @Override
  public Optional<String> leader() {
    return leader(statuses());
  }

  /** The member that a majority of the cluster names leader, if it answered and is that member id. */
  private Optional<String> leader(Map<String, EtcdStatus> status) {
    Map<String, String> nodeOfId = new LinkedHashMap<>();
    List<String> named = new ArrayList<>();
    status.forEach(
        (n, s) -> {
          nodeOfId.put(s.memberId(), n);
          if (s.hasLeader()) {
            named.add(s.leader());
          }
        });
    return HasLeader.namedByMajority(named, nodes().size()).map(nodeOfId::get);
  }

  @Override
  public void teardown() {
    backend.close();
    routers.values().forEach(PeerRouter::close);
    routers.clear();
    statusGateway.close();
  }
}
