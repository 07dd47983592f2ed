package io.faultline.workloads.etcd;

import io.faultline.harness.cluster.NodeFaults;
import io.faultline.harness.cluster.NodeGroup;
import io.faultline.harness.cluster.NodeProcess;
import io.faultline.harness.cluster.Nodes;
import io.faultline.harness.cluster.Ports;
import io.faultline.harness.spi.db.Db;
import io.faultline.harness.spi.db.DbException;
import io.faultline.harness.spi.db.HasLeader;
import io.faultline.harness.spi.db.HasLogs;
import io.faultline.harness.spi.db.Routable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BiFunction;
import java.util.function.Function;

/**
 * A cluster of etcd members, one {@code etcd} process per node on 127.0.0.1, each with its data directory and log
 * under {@code <run>/nodes/<node>/}.
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
public final class EtcdDb implements Db, NodeFaults, HasLogs, HasLeader, Routable {
  /** The package that provides etcd on Debian. */
  public static final String NOT_INSTALLED = "etcd not installed: apt-get install etcd-server";

  public static final Path DEFAULT_BIN = Path.of("/usr/bin/etcd");

  /** One member's ports. */
  public record MemberPorts(int peer, int advertised, int client) {}

  private final List<String> nodes = new ArrayList<>();
  private final Path bin;
  private final Path runDir;
  private final Duration readyTimeout;
  private final String token;
  private final Map<String, MemberPorts> ports = new LinkedHashMap<>();
  private final NodeGroup group = new NodeGroup(this::launch);
  private final Map<String, PeerRouter> routers = new ConcurrentHashMap<>();

  /** Answers status requests, straight from each member's client port. */
  private final EtcdGateway statusGateway = new EtcdGateway(Duration.ofMillis(500));

  private volatile BiFunction<String, String, InetSocketAddress> peerRoute =
      (from, to) -> peerListenAddress(to);
  private volatile Function<String, InetSocketAddress> clientRoute = this::clientListenAddress;
  private volatile boolean routed;

  /**
   * @param nodeCount how many members, named {@code n1..nN}
   * @param bin the etcd binary
   * @param runDir the run folder; members live under {@code nodes/}
   */
  public EtcdDb(int nodeCount, Path bin, Path runDir, Duration readyTimeout) {
    if (nodeCount < 1) {
      throw new IllegalArgumentException("a cluster needs at least one node");
    }
    this.bin = bin;
    this.runDir = runDir;
    this.readyTimeout = readyTimeout;
    this.token = "faultline-" + Long.toHexString(System.nanoTime());
    List<Integer> free = Ports.free(3 * nodeCount);
    nodes.addAll(Nodes.names(nodeCount));
    for (int i = 0; i < nodeCount; i++) {
      ports.put(
          nodes.get(i), new MemberPorts(free.get(3 * i), free.get(3 * i + 1), free.get(3 * i + 2)));
    }
  }

  /** Whether {@code bin} is an executable file. */
  public static boolean installed(Path bin) {
    return Files.isRegularFile(bin) && Files.isExecutable(bin);
  }

  @Override
  public List<String> nodes() {
    return List.copyOf(nodes);
  }

  public MemberPorts ports(String node) {
    return ports.get(node);
  }

  @Override
  public InetSocketAddress peerListenAddress(String node) {
    return new InetSocketAddress("127.0.0.1", ports.get(node).peer());
  }

  @Override
  public InetSocketAddress clientListenAddress(String node) {
    return new InetSocketAddress("127.0.0.1", ports.get(node).client());
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
    return "http://127.0.0.1:" + (routed ? ports.get(node).advertised() : ports.get(node).peer());
  }

  private String senderOf(String url) {
    for (String n : nodes) {
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
      for (String n : routed ? nodes : List.<String>of()) {
        routers.put(
            n,
            new PeerRouter(
                n,
                new InetSocketAddress("127.0.0.1", ports.get(n).advertised()),
                this::senderOf,
                from ->
                    from == null || from.equals(n)
                        ? peerListenAddress(n)
                        : peerRoute.apply(from, n)));
      }
      for (String n : nodes) {
        group.start(n);
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

  private NodeProcess launch(String node) {
    Path dir = nodeDir(node);
    try {
      Files.createDirectories(dir);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    StringBuilder cluster = new StringBuilder();
    for (String n : nodes) {
      cluster
          .append(cluster.length() == 0 ? "" : ",")
          .append(n)
          .append('=')
          .append(advertisedUrl(n));
    }
    String clientUrl = "http://127.0.0.1:" + ports.get(node).client();
    List<String> cmd =
        List.of(
            bin.toString(),
            "--name",
            node,
            "--data-dir",
            dir.resolve("data").toString(),
            "--listen-peer-urls",
            "http://127.0.0.1:" + ports.get(node).peer(),
            "--initial-advertise-peer-urls",
            advertisedUrl(node),
            "--listen-client-urls",
            clientUrl,
            "--advertise-client-urls",
            clientUrl,
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
    return NodeProcess.start(node, cmd, Map.of(), dir.resolve("node.log"));
  }

  private Path nodeDir(String node) {
    return runDir.resolve("nodes").resolve(node);
  }

  /** Waits until every running member answers its status and a majority names the same live leader. */
  @Override
  public void awaitReady() {
    long deadline = System.nanoTime() + readyTimeout.toNanos();
    while (System.nanoTime() - deadline < 0) {
      group.requireAlive("etcd member");
      Map<String, EtcdStatus> status = statuses();
      if (status.size() == group.size() && leader(status).isPresent()) {
        return;
      }
      LockSupport.parkNanos(100_000_000L);
    }
    StringBuilder msg =
        new StringBuilder(
            "the etcd cluster did not elect a leader within "
                + readyTimeout.toSeconds()
                + " s; the end of each member's log:");
    throw new DbException(msg.append(group.tails(8)).toString());
  }

  /** Each reachable running member's {@code /v3/maintenance/status}, by node. */
  public Map<String, EtcdStatus> statuses() {
    Map<String, EtcdStatus> out = new LinkedHashMap<>();
    for (String n : nodes) {
      if (isRunning(n)) {
        status(n).ifPresent(s -> out.put(n, s));
      }
    }
    return out;
  }

  /** The member's status, straight from its client port, or empty if it does not answer within half a second. */
  public Optional<EtcdStatus> status(String node) {
    try {
      return Optional.of(statusGateway.status(clientListenAddress(node)));
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
    return HasLeader.namedByMajority(named, nodes.size()).map(nodeOfId::get);
  }

  @Override
  public Nodes group() {
    return group;
  }

  @Override
  public Map<String, List<Path>> logFiles() {
    Map<String, List<Path>> out = new LinkedHashMap<>();
    for (String n : nodes) {
      out.put(n, List.of(nodeDir(n).resolve("node.log")));
    }
    return out;
  }

  @Override
  public void teardown() {
    group.stopAll(Duration.ofSeconds(3));
    routers.values().forEach(PeerRouter::close);
    routers.clear();
    statusGateway.close();
  }
}
