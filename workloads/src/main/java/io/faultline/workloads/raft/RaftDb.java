package io.faultline.workloads.raft;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.faultline.harness.cluster.NodeFaults;
import io.faultline.harness.cluster.NodeGroup;
import io.faultline.harness.cluster.NodeProcess;
import io.faultline.harness.cluster.Nodes;
import io.faultline.harness.cluster.Ports;
import io.faultline.harness.cluster.docker.ContainerCluster;
import io.faultline.harness.cluster.docker.LocalImages;
import io.faultline.harness.cluster.docker.NodeContainer;
import io.faultline.harness.spi.db.ClockSkewable;
import io.faultline.harness.spi.db.Db;
import io.faultline.harness.spi.db.DbException;
import io.faultline.harness.spi.db.HasLeader;
import io.faultline.harness.spi.db.HasLogs;
import io.faultline.harness.spi.db.ProxySite;
import io.faultline.harness.spi.db.Routable;
import io.faultline.harness.spi.db.TransfersLeadership;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiFunction;

/**
 * A cluster of Faultline's Raft store, one JVM per node on 127.0.0.1 ({@code process} backend) or one container per
 * node on a private Docker network ({@link #inContainers}, the {@code docker} backend). Either way each node has its
 * own ports, data (a directory, or a volume) and log under {@code <run>/nodes/<node>/}, and the harness reaches its
 * client and admin ports on 127.0.0.1 (published from the containers). Nodes run with small heaps ({@code -Xmx128m},
 * serial GC, C1 only) so five fit on two cores beside the harness.
 *
 * <p>Peer and client addresses come from functions ({@link #route}), so the nemesis can route every directed link,
 * and every client link, through a proxy of its own; by default nodes and clients talk to each other directly. In
 * containers, those proxies live in a Toxiproxy container beside the nodes ({@link #toxiproxySite}).
 */
public final class RaftDb
    implements Db, NodeFaults, ClockSkewable, HasLogs, TransfersLeadership, Routable, ProxySite {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final List<String> NODE_JVM =
      List.of(
          "-Xmx128m",
          "-Xss512k",
          "-XX:+UseSerialGC",
          "-XX:TieredStopAtLevel=1",
          "-XX:-UsePerfData");

  /** Ports of a node inside its container: Raft, client, admin. */
  private static final int C_RAFT = 7000;

  private static final int C_CLIENT = 7100;
  private static final int C_ADMIN = 7200;

  /** One node's ports on 127.0.0.1 (in containers, client and admin are published there; raft is not). */
  public record NodePorts(int raft, int client, int admin) {}

  private final List<String> nodes;
  private final Path jar;
  private final Path runDir;
  private final Path root;
  private final List<String> nodeOptions;
  private final Duration readyTimeout;
  private final Map<String, NodePorts> ports = new LinkedHashMap<>();
  private final ContainerCluster containers;
  private boolean clockFaults = true;
  private final Nodes group;
  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofMillis(500)).build();
  private volatile BiFunction<String, String, InetSocketAddress> peerAddress = this::directAddress;
  private volatile java.util.function.Function<String, InetSocketAddress> clientRoute =
      this::localClientAddress;
  private volatile List<String> nodeJvm = NODE_JVM;

  /**
   * @param nodeCount how many nodes, named {@code n1..nN}
   * @param jar the store's {@code raft-node.jar}
   * @param runDir the run folder; nodes live under {@code nodes/}
   * @param nodeOptions extra node flags, e.g. {@code --read-mode lease} or {@code --unsafe-stale-reads}
   */
  public RaftDb(
      int nodeCount, Path jar, Path runDir, List<String> nodeOptions, Duration readyTimeout) {
    this(nodeCount, jar, runDir, nodeOptions, readyTimeout, null);
  }

  /**
   * The same cluster with each node in a container of the node image, built from {@code jar} when it changed.
   *
   * @param root the Faultline checkout (the Dockerfiles, and the jars of the Toxiproxy image)
   */
  public static RaftDb inContainers(
      int nodeCount,
      Path jar,
      Path runDir,
      List<String> nodeOptions,
      Duration readyTimeout,
      Path root) {
    return new RaftDb(nodeCount, jar, runDir, nodeOptions, readyTimeout, root);
  }

  private RaftDb(
      int nodeCount,
      Path jar,
      Path runDir,
      List<String> nodeOptions,
      Duration readyTimeout,
      Path root) {
    if (nodeCount < 1) {
      throw new IllegalArgumentException("a cluster needs at least one node");
    }
    this.nodes = new ArrayList<>(Nodes.names(nodeCount));
    this.jar = jar;
    this.runDir = runDir;
    this.nodeOptions = List.copyOf(nodeOptions);
    this.readyTimeout = readyTimeout;
    List<Integer> free = Ports.free(3 * nodeCount);
    for (int i = 0; i < nodeCount; i++) {
      ports.put(
          nodes.get(i), new NodePorts(free.get(3 * i), free.get(3 * i + 1), free.get(3 * i + 2)));
    }
    this.root = root;
    this.containers =
        root == null
            ? null
            : new ContainerCluster(nodes, this::container, () -> LocalImages.raftNode(root, jar));
    this.group = containers == null ? new NodeGroup(this::launch) : containers;
  }

  /** The jar of the store in a Faultline checkout. */
  public static Path jarIn(Path faultlineRoot) {
    return faultlineRoot.resolve("system-under-test/target/raft-node.jar");
  }

  @Override
  public List<String> nodes() {
    return List.copyOf(nodes);
  }

  public NodePorts ports(String node) {
    return ports.get(node);
  }

  @Override
  public InetSocketAddress peerListenAddress(String node) {
    return containers == null
        ? new InetSocketAddress("127.0.0.1", ports.get(node).raft())
        : new InetSocketAddress(containers.ip(node), C_RAFT);
  }

  @Override
  public InetSocketAddress clientListenAddress(String node) {
    return containers == null
        ? localClientAddress(node)
        : new InetSocketAddress(containers.ip(node), C_CLIENT);
  }

  /** Where the harness reaches {@code node}'s client port directly, with no proxy. */
  private InetSocketAddress localClientAddress(String node) {
    return new InetSocketAddress("127.0.0.1", ports.get(node).client());
  }

  /** In containers, the Toxiproxy container beside the nodes, with a proxy slot per directed and client link. */
  @Override
  public Optional<Site> toxiproxySite() {
    return containers == null
        ? Optional.empty()
        : Optional.of(
            containers.toxiproxy(() -> LocalImages.toxiproxy(root), nodes.size() * nodes.size()));
  }

  /** Where clients reach {@code node}: its client port, or the proxy in front of it. */
  public InetSocketAddress clientAddress(String node) {
    return clientRoute.apply(node);
  }

  @Override
  public void route(
      BiFunction<String, String, InetSocketAddress> peer,
      java.util.function.Function<String, InetSocketAddress> client) {
    this.peerAddress = peer;
    this.clientRoute = client;
  }

  /**
   * The JVM flags of nodes started (or restarted) afterwards, instead of the small C1-only default; benchmarks give
   * the nodes the JIT they would have in production.
   */
  public void nodeJvmOptions(List<String> flags) {
    this.nodeJvm = List.copyOf(flags);
  }

  /**
   * Whether nodes started afterwards run under libfaketime, so that their clocks can be set (on by default, where
   * libfaketime is installed or in containers). Off, nodes read the real clock directly: under libfaketime every
   * clock read of a node also reads its clock file ({@code FAKETIME_NO_CACHE}, so that a new offset takes effect at
   * once), which costs a single-client write about 160 µs here, so tests without clock faults and benchmarks turn it
   * off.
   */
  public void clockFaults(boolean on) {
    this.clockFaults = on;
  }

  private InetSocketAddress directAddress(String node, String peer) {
    return peerListenAddress(peer);
  }

  @Override
  public void setup() {
    if (!Files.isRegularFile(jar)) {
      throw new DbException(
          "the store's jar is missing: "
              + jar
              + " (build it with: mvn -pl system-under-test package)");
    }
    try {
      for (String n : nodes) {
        group.start(n);
      }
      awaitReady();
    } catch (RuntimeException e) {
      teardown();
      throw e;
    }
  }

  private NodeProcess launch(String node) {
    Path dir = nodeDir(node);
    try {
      Files.createDirectories(dir.resolve("data"));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    List<String> cmd = new ArrayList<>(List.of("java"));
    cmd.addAll(nodeJvm);
    cmd.addAll(
        List.of(
            "-jar",
            jar.toString(),
            "--id",
            node,
            "--peers",
            peersOf(node),
            "--client-port",
            Integer.toString(ports.get(node).client()),
            "--admin-port",
            Integer.toString(ports.get(node).admin()),
            "--data-dir",
            dir.resolve("data").toString()));
    cmd.addAll(nodeOptions);
    Map<String, String> env = new HashMap<>();
    clockFile(node)
        .ifPresent(
            f -> {
              resetClockFile(f);
              env.put("LD_PRELOAD", LIBFAKETIME.toString());
              env.put("FAKETIME_TIMESTAMP_FILE", f.toString());
              env.put("FAKETIME_NO_CACHE", "1");
            });
    return NodeProcess.start(node, cmd, env, dir.resolve("node.log"));
  }

  /** The container of {@code node}: its data on the volume, its clock file in the mounted node folder. */
  private NodeContainer container(String node) {
    Path dir = nodeDir(node);
    List<String> args =
        new ArrayList<>(
            List.of(
                "--id",
                node,
                "--peers",
                peersOf(node),
                "--client-port",
                Integer.toString(C_CLIENT),
                "--admin-port",
                Integer.toString(C_ADMIN),
                "--client-host",
                "0.0.0.0",
                "--data-dir",
                NodeContainer.DATA_DIR));
    args.addAll(nodeOptions);
    try {
      Files.createDirectories(dir);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    Map<String, String> env = new HashMap<>(Map.of("JAVA_OPTS", String.join(" ", nodeJvm)));
    clockFile(node)
        .ifPresent(
            clock -> {
              resetClockFile(clock);
              env.put("LD_PRELOAD", LIBFAKETIME.toString());
              env.put(
                  "FAKETIME_TIMESTAMP_FILE", NodeContainer.NODE_DIR + "/" + clock.getFileName());
              env.put("FAKETIME_NO_CACHE", "1");
            });
    return new NodeContainer(
        args,
        env,
        Map.of(C_CLIENT, ports.get(node).client(), C_ADMIN, ports.get(node).admin()),
        dir,
        dir.resolve("node.log"));
  }

  private String peersOf(String node) {
    StringBuilder sb = new StringBuilder();
    for (String peer : nodes) {
      InetSocketAddress a =
          peer.equals(node) ? peerListenAddress(node) : peerAddress.apply(node, peer);
      sb.append(sb.length() == 0 ? "" : ",")
          .append(peer)
          .append('=')
          .append(a.getHostString())
          .append(':')
          .append(a.getPort());
    }
    return sb.toString();
  }

  private Path nodeDir(String node) {
    return runDir.resolve("nodes").resolve(node);
  }

  /** Waits until every running node answers and a leader is known to a majority. */
  @Override
  public void awaitReady() {
    long deadline = System.nanoTime() + readyTimeout.toNanos();
    while (System.nanoTime() - deadline < 0) {
      group.requireAlive("node");
      Map<String, JsonNode> status = statuses();
      if (status.size() == group.size() && leader(status).isPresent()) {
        return;
      }
      parkMillis(50);
    }
    StringBuilder msg =
        new StringBuilder(
            "the cluster did not elect a leader within "
                + readyTimeout.toSeconds()
                + " s; the end of each node's log:");
    throw new DbException(msg.append(group.tails(8)).toString());
  }

  /** Each reachable running node's {@code /status}, by node. */
  public Map<String, JsonNode> statuses() {
    Map<String, JsonNode> out = new LinkedHashMap<>();
    for (String n : nodes) {
      if (!group.isRunning(n)) {
        continue;
      }
      status(n).ifPresent(s -> out.put(n, s));
    }
    return out;
  }

  /** The node's {@code /status}, or empty if it does not answer within half a second. */
  public Optional<JsonNode> status(String node) {
    try {
      HttpRequest req =
          HttpRequest.newBuilder(
                  URI.create("http://127.0.0.1:" + ports.get(node).admin() + "/status"))
              .timeout(Duration.ofMillis(500))
              .GET()
              .build();
      HttpResponse<String> resp = http.send(req, HttpResponse.BodyHandlers.ofString());
      return resp.statusCode() == 200 ? Optional.of(JSON.readTree(resp.body())) : Optional.empty();
    } catch (IOException e) {
      return Optional.empty();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return Optional.empty();
    }
  }

  @Override
  public Optional<String> leader() {
    return leader(statuses());
  }

  /** {@code POST /transfer-leadership?to=} on the leader's admin port (thesis §3.10). */
  @Override
  public String transferLeadership(String leader, String to) {
    try {
      HttpRequest req =
          HttpRequest.newBuilder(
                  URI.create(
                      "http://127.0.0.1:"
                          + ports.get(leader).admin()
                          + "/transfer-leadership?to="
                          + to))
              .timeout(Duration.ofSeconds(6))
              .POST(HttpRequest.BodyPublishers.noBody())
              .build();
      HttpResponse<String> resp = http.send(req, HttpResponse.BodyHandlers.ofString());
      if (resp.statusCode() == 200) {
        return null;
      }
      JsonNode error = JSON.readTree(resp.body()).get("error");
      return error == null ? "http " + resp.statusCode() : error.asText();
    } catch (IOException e) {
      return "unreachable: " + e.getMessage();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return "interrupted";
    }
  }

  /** The node that a majority of the cluster names leader, in the highest term any of them reports. */
  private Optional<String> leader(Map<String, JsonNode> status) {
    List<String> named = new ArrayList<>();
    for (JsonNode s : status.values()) {
      JsonNode l = s.get("leader");
      if (l != null && !l.isNull()) {
        named.add(l.asText());
      }
    }
    return HasLeader.namedByMajority(named, nodes.size())
        .filter(l -> status.containsKey(l) && "leader".equals(status.get(l).path("role").asText()));
  }

  @Override
  public Nodes group() {
    return group;
  }

  @Override
  public Optional<Path> clockFile(String node) {
    // the node image carries libfaketime; on this machine it must be installed
    return clockFaults && (containers != null || ClockSkewable.libfaketimeInstalled())
        ? Optional.of(nodeDir(node).resolve("faketime"))
        : Optional.empty();
  }

  private static void resetClockFile(Path f) {
    try {
      if (!Files.exists(f)) {
        Files.writeString(f, "+0\n");
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
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
    if (containers != null) {
      containers.close();
    }
  }

  private static void parkMillis(long ms) {
    java.util.concurrent.locks.LockSupport.parkNanos(ms * 1_000_000L);
  }
}
