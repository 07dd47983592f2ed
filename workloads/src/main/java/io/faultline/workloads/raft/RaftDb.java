package io.faultline.workloads.raft;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.faultline.harness.cluster.Backend;
import io.faultline.harness.cluster.NodeFaults;
import io.faultline.harness.cluster.NodeSpec;
import io.faultline.harness.cluster.ProcessBackend;
import io.faultline.harness.cluster.Readiness;
import io.faultline.harness.spi.db.ClockSkewable;
import io.faultline.harness.spi.db.Db;
import io.faultline.harness.spi.db.DbException;
import io.faultline.harness.spi.db.HasLeader;
import io.faultline.harness.spi.db.LogPositions;
import io.faultline.harness.spi.db.ProxySite;
import io.faultline.harness.spi.db.ReplicaDigests;
import io.faultline.harness.spi.db.Routable;
import io.faultline.harness.spi.db.TransfersLeadership;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.BiFunction;
import java.util.function.Function;

/**
 * A cluster of Faultline's Raft store, as a description of its nodes (command line, ports, readiness), on whatever
 * {@link Backend} runs them: processes on this machine, containers, hosts. Each node has three ports ({@link #PORTS}:
 * Raft, client, admin), its data directory and log where the backend puts them, and the harness reaches its client
 * and admin ports where the backend says. Nodes run with small heaps ({@link #NODE_JVM}: {@code -Xmx128m}, serial
 * GC, C1 only) so five fit on two cores beside the harness.
 *
 * <p>Peer and client addresses come from functions ({@link #route}), so the nemesis can route every directed link,
 * and every client link, through a proxy of its own; by default nodes and clients talk to each other directly. Where
 * the nodes cannot reach proxies in the harness (containers), those proxies live beside them
 * ({@link #toxiproxySite}).
 *
 * <p>Below the clients' view, the admin endpoint shows each node's state-machine digest at recent applied indexes
 * ({@link ReplicaDigests}) and its log's terms; the clients record every write acknowledged with its log position
 * ({@link LogPositions}).
 */
public final class RaftDb
    implements Db,
        NodeFaults,
        ClockSkewable,
        TransfersLeadership,
        Routable,
        ProxySite,
        ReplicaDigests,
        LogPositions {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** The JVM flags of a node: small heap, serial GC, C1 only. */
  public static final List<String> NODE_JVM =
      List.of(
          "-Xmx128m",
          "-Xss512k",
          "-XX:+UseSerialGC",
          "-XX:TieredStopAtLevel=1",
          "-XX:-UsePerfData");

  /** A node's ports by name, with their numbers where the backend uses fixed numbers. */
  public static final Map<String, Integer> PORTS = ports();

  private static Map<String, Integer> ports() {
    Map<String, Integer> p = new LinkedHashMap<>();
    p.put("raft", 7000);
    p.put("client", 7100);
    p.put("admin", 7200);
    return java.util.Collections.unmodifiableMap(p);
  }

  private final Backend backend;
  private final Path jar;
  private final List<String> nodeFlags;
  private final List<String> jvm;
  private final boolean clockFaults;
  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofMillis(500)).build();
  private volatile BiFunction<String, String, InetSocketAddress> peerRoute = this::directAddress;
  private volatile Function<String, InetSocketAddress> clientRoute = this::localClientAddress;
  private final Queue<Ack> acknowledged = new ConcurrentLinkedQueue<>();

  /**
   * @param backend where the nodes run; this cluster owns it and closes it at {@link #teardown}
   * @param jar the store's {@code raft-node.jar}
   * @param nodeFlags extra node flags, e.g. {@code --read-mode lease} or {@code --unsafe-stale-reads}
   * @param jvm the nodes' JVM flags, e.g. {@link #NODE_JVM}; benchmarks give them the JIT of production
   * @param clockFaults whether nodes run under libfaketime, so that their clocks can be set (where libfaketime is
   *     there). Under libfaketime every clock read of a node also reads its clock file ({@code FAKETIME_NO_CACHE},
   *     so that a new offset takes effect at once), which costs a single-client write about 160 µs here, so runs
   *     without clock faults and benchmarks turn it off.
   */
  public RaftDb(
      Backend backend, Path jar, List<String> nodeFlags, List<String> jvm, boolean clockFaults) {
    this.backend = backend;
    this.jar = jar;
    this.nodeFlags = List.copyOf(nodeFlags);
    this.jvm = List.copyOf(jvm);
    this.clockFaults = clockFaults;
  }

  /**
   * {@code nodeCount} node processes on this machine, with clocks that can be set and the small default JVM.
   *
   * @param runDir the run folder; nodes live under {@code nodes/}
   */
  public static RaftDb processes(int nodeCount, Path jar, Path runDir, List<String> nodeFlags) {
    if (nodeCount < 1) {
      throw new IllegalArgumentException("a cluster needs at least one node");
    }
    Backend b = new ProcessBackend(Backend.names(nodeCount), List.copyOf(PORTS.keySet()), runDir);
    return new RaftDb(b, jar, nodeFlags, NODE_JVM, true);
  }

  /** The jar of the store in a Faultline checkout. */
  public static Path jarIn(Path faultlineRoot) {
    return faultlineRoot.resolve("system-under-test/target/raft-node.jar");
  }

  @Override
  public List<String> nodes() {
    return backend.nodes();
  }

  @Override
  public Backend backend() {
    return backend;
  }

  /** Its log and its snapshot ({@code FileRaftStore}); the term and vote file is left alone. */
  @Override
  public List<String> dataFileGlobs() {
    return List.of("log.dat", "snapshot.dat");
  }

  @Override
  public InetSocketAddress peerListenAddress(String node) {
    return backend.reach(node, "raft");
  }

  @Override
  public InetSocketAddress clientListenAddress(String node) {
    return backend.reach(node, "client");
  }

  /** Where the harness reaches {@code node}'s client port directly, with no proxy. */
  private InetSocketAddress localClientAddress(String node) {
    return backend.local(node, "client");
  }

  /** A Toxiproxy server beside the nodes, with a proxy slot per directed and client link, where they need one. */
  @Override
  public Optional<Site> toxiproxySite() {
    return backend.toxiproxySite(nodes().size() * nodes().size());
  }

  /** Where clients reach {@code node}: its client port, or the proxy in front of it. */
  public InetSocketAddress clientAddress(String node) {
    return clientRoute.apply(node);
  }

  /**
   * Routes the nodes' and clients' traffic (see {@link Routable}); the one setting made after construction, since
   * the proxies are made from this cluster's addresses. Call it before {@link #setup}.
   */
  @Override
  public void route(
      BiFunction<String, String, InetSocketAddress> peer,
      Function<String, InetSocketAddress> client) {
    this.peerRoute = peer;
    this.clientRoute = client;
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
      for (String n : nodes()) {
        backend.start(n, spec(n));
      }
      awaitReady();
    } catch (RuntimeException e) {
      teardown();
      throw e;
    }
  }

  /** What runs on {@code node}: the store's jar, with its peers at the addresses routed for it. */
  private NodeSpec spec(String node) {
    InetSocketAddress client = backend.bind(node, "client");
    List<String> args =
        new ArrayList<>(
            List.of(
                "--id",
                node,
                "--peers",
                peersOf(node),
                "--client-port",
                Integer.toString(client.getPort()),
                "--admin-port",
                Integer.toString(backend.bind(node, "admin").getPort()),
                "--client-host",
                client.getHostString(),
                "--data-dir",
                backend.dataDir(node)));
    args.addAll(nodeFlags);
    return new NodeSpec(new NodeSpec.Jar(jar, jvm), args, Map.of(), clockFaults);
  }

  private String peersOf(String node) {
    StringBuilder sb = new StringBuilder();
    for (String peer : nodes()) {
      InetSocketAddress a =
          peer.equals(node) ? peerListenAddress(node) : peerRoute.apply(node, peer);
      sb.append(sb.length() == 0 ? "" : ",")
          .append(peer)
          .append('=')
          .append(a.getHostString())
          .append(':')
          .append(a.getPort());
    }
    return sb.toString();
  }

  /** Waits until every running node answers and a leader is known to a majority. */
  @Override
  public void awaitReady() {
    Readiness.await(
        backend,
        "node",
        "the cluster",
        () -> statuses().size() == backend.started().size() && leader().isPresent());
  }

  /** Each reachable running node's {@code /status}, by node. */
  public Map<String, JsonNode> statuses() {
    Map<String, JsonNode> out = new LinkedHashMap<>();
    for (String n : backend.started()) {
      if (backend.isRunning(n)) {
        status(n).ifPresent(s -> out.put(n, s));
      }
    }
    return out;
  }

  /** The node's {@code /status}, or empty if it does not answer within half a second. */
  public Optional<JsonNode> status(String node) {
    return get(node, "/status");
  }

  /** A {@code GET} of the node's admin endpoint: its JSON when it answers 200 within half a second, else empty. */
  private Optional<JsonNode> get(String node, String path) {
    try {
      HttpRequest req =
          HttpRequest.newBuilder(URI.create("http://" + admin(node) + path))
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

  /** {@code GET /digest}: the node's last applied index and its state machine's digest there. */
  @Override
  public Optional<Digest> latest(String node) {
    return get(node, "/digest").map(RaftDb::digest);
  }

  /** {@code GET /digest?index=I}; empty when the node has not applied it or no longer remembers it. */
  @Override
  public Optional<Digest> at(String node, long index) {
    return get(node, "/digest?index=" + index).map(RaftDb::digest);
  }

  private static Digest digest(JsonNode d) {
    return new Digest(d.path("index").asLong(), d.path("digest").asText());
  }

  /** Records a write acknowledged at its log position, as the store's reply named it. */
  void acknowledged(Ack ack) {
    acknowledged.add(ack);
  }

  @Override
  public List<Ack> acknowledged() {
    return List.copyOf(acknowledged);
  }

  /** {@code GET /log-terms?from=&to=}. */
  @Override
  public Optional<Terms> terms(String node, long from, long to) {
    return get(node, "/log-terms?from=" + from + "&to=" + to)
        .map(
            t -> {
              JsonNode list = t.path("terms");
              long[] terms = new long[list.size()];
              for (int i = 0; i < terms.length; i++) {
                terms[i] = list.get(i).asLong();
              }
              return new Terms(
                  t.path("snapshotIndex").asLong(),
                  t.path("snapshotTerm").asLong(),
                  t.path("lastIndex").asLong(),
                  t.path("from").asLong(),
                  terms);
            });
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
                  URI.create("http://" + admin(leader) + "/transfer-leadership?to=" + to))
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
    return HasLeader.namedByMajority(named, nodes().size())
        .filter(l -> status.containsKey(l) && "leader".equals(status.get(l).path("role").asText()));
  }

  /** {@code host:port} of the node's admin endpoint, as the harness reaches it. */
  private String admin(String node) {
    InetSocketAddress a = backend.local(node, "admin");
    return a.getHostString() + ":" + a.getPort();
  }

  /** The node's clock file, when this cluster runs with clock faults and the backend has libfaketime. */
  @Override
  public Optional<Path> clockFile(String node) {
    return clockFaults ? backend.clockFile(node) : Optional.empty();
  }

  /** Sets the node's clock where its backend keeps it (on this machine, or on the node's host). */
  @Override
  public void setClock(String node, String line) {
    backend.setClock(node, line);
  }

  @Override
  public void teardown() {
    backend.close();
  }
}
