package io.faultline.nemesis.net;

import eu.rekawek.toxiproxy.Proxy;
import eu.rekawek.toxiproxy.ToxiproxyClient;
import eu.rekawek.toxiproxy.model.ToxicDirection;
import io.faultline.harness.cluster.Ports;
import io.faultline.harness.spi.db.ProxySite;
import io.faultline.harness.spi.db.Routable;
import io.faultline.nemesis.net.Grudge.Link;
import io.faultline.nemesis.toxiproxy.ToxiproxyServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A proxy per directed node link ({@code n1->n2}) and per client link ({@code client->n1}), created through the
 * Toxiproxy API before the cluster starts, and routed into the cluster with {@link Routable#route}.
 *
 * <p>By default it runs Faultline's own Toxiproxy-compatible server in this JVM, on a free loopback port; given the
 * address of another server (a real {@code toxiproxy-server}), it uses that one instead; a cluster that runs its own
 * server beside its nodes ({@link ProxySite}, the docker backend) gets its proxies there, and nodes and clients
 * reach them at the addresses the site names. Either way it speaks only through {@code toxiproxy-java}.
 *
 * <p>A fault that spans links (a partition, a heal) calls the API for its links in parallel, on up to
 * {@value #API_THREADS} connections, and returns once every call has answered: on a loaded machine the calls of a
 * five-node partition one after the other took 0.3 to 1.2 s, longer than the windows that lease bugs need.
 */
public final class ProxyNet implements PartitionNet, AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(ProxyNet.class);

  /** Names of the toxics the nemeses add, so healing removes exactly theirs. */
  static final String PARTITION_UP = "partition-up";

  static final String PARTITION_DOWN = "partition-down";

  /** How many API calls a fault makes at once. */
  static final int API_THREADS = 8;

  private final java.util.concurrent.ExecutorService api =
      java.util.concurrent.Executors.newFixedThreadPool(
          API_THREADS,
          r -> {
            Thread t = new Thread(r, "toxiproxy-api");
            t.setDaemon(true);
            return t;
          });
  private final ToxiproxyServer ownServer;
  private final ToxiproxyClient client;
  private final List<String> nodes;
  private final Map<Link, Proxy> links = new LinkedHashMap<>();
  private final Map<String, Proxy> clientLinks = new LinkedHashMap<>();

  /** Where nodes reach each link's proxy, and where clients reach each client link's proxy. */
  private final Map<Link, InetSocketAddress> linkRoutes = new LinkedHashMap<>();

  private final Map<String, InetSocketAddress> clientRoutes = new LinkedHashMap<>();
  private int users;
  private boolean closed;

  /** The net shared by the network packages of one cluster, while any of them uses it. */
  private static final Map<Routable, ProxyNet> SHARED = new java.util.IdentityHashMap<>();

  private ProxyNet(ToxiproxyServer ownServer, ToxiproxyClient client, List<String> nodes) {
    this.ownServer = ownServer;
    this.client = client;
    this.nodes = List.copyOf(nodes);
  }

  /**
   * Creates the proxies for {@code db}'s nodes and routes the cluster through them.
   *
   * @param toxiproxy a Toxiproxy server's {@code host:port}, or {@code null} to run Faultline's own here
   */
  public static ProxyNet install(Routable db, List<String> nodes, String toxiproxy) {
    ProxySite.Site site = db instanceof ProxySite s ? s.toxiproxySite().orElse(null) : null;
    if (site != null && toxiproxy != null) {
      throw new IllegalArgumentException(
          "--toxiproxy cannot be used with a cluster that runs its own Toxiproxy beside"
              + " its nodes (--cluster docker)");
    }
    ToxiproxyServer own = null;
    ToxiproxyClient client;
    if (site != null) {
      toxiproxy = site.api();
    }
    if (toxiproxy == null) {
      own = ToxiproxyServer.onFreePort().start();
      client = new ToxiproxyClient(own.host(), own.port());
    } else {
      int colon = toxiproxy.lastIndexOf(':');
      client =
          new ToxiproxyClient(
              toxiproxy.substring(0, colon), Integer.parseInt(toxiproxy.substring(colon + 1)));
    }
    ProxyNet net = new ProxyNet(own, client, nodes);
    try {
      net.createProxies(db, site);
    } catch (RuntimeException e) {
      net.close();
      throw e;
    }
    db.route((from, to) -> net.linkRoutes.get(new Link(from, to)), net.clientRoutes::get);
    return net;
  }

  /** One proxy per directed node link, then one per client link; slot {@code p} is the {@code p}th created. */
  private void createProxies(Routable db, ProxySite.Site site) {
    int needed = nodes.size() * nodes.size();
    if (site != null && site.slots() < needed) {
      throw new IllegalArgumentException(
          "the cluster's Toxiproxy has " + site.slots() + " proxy slots, not " + needed);
    }
    List<Integer> ports = site == null ? Ports.free(needed) : List.of();
    int p = 0;
    try {
      for (String from : nodes) {
        for (String to : nodes) {
          if (!from.equals(to)) {
            Proxy proxy =
                create(from + "->" + to, listen(site, ports, p), db.peerListenAddress(to));
            links.put(new Link(from, to), proxy);
            linkRoutes.put(
                new Link(from, to), site == null ? listenAddress(proxy) : site.forNodes(p));
            p++;
          }
        }
      }
      for (String node : nodes) {
        Proxy proxy =
            create("client->" + node, listen(site, ports, p), db.clientListenAddress(node));
        clientLinks.put(node, proxy);
        clientRoutes.put(node, site == null ? listenAddress(proxy) : site.forClients(p));
        p++;
      }
    } catch (IOException e) {
      throw new UncheckedIOException(
          "cannot create proxies through the Toxiproxy API: " + e.getMessage(), e);
    }
  }

  private static String listen(ProxySite.Site site, List<Integer> ports, int slot) {
    return site == null ? "127.0.0.1:" + ports.get(slot) : site.listen(slot);
  }

  private Proxy create(String name, String listen, InetSocketAddress upstream) throws IOException {
    Proxy existing = client.getProxyOrNull(name);
    if (existing != null) {
      existing.delete();
    }
    return client.createProxy(name, listen, upstream.getHostString() + ":" + upstream.getPort());
  }

  private InetSocketAddress listenAddress(Proxy proxy) {
    String listen = proxy.getListen();
    int colon = listen.lastIndexOf(':');
    return new InetSocketAddress(
        listen.substring(0, colon), Integer.parseInt(listen.substring(colon + 1)));
  }

  /**
   * The net of {@code db}: installed on the first call, shared by later calls (the partition and packet packages of
   * one test use the same proxies), and closed when every user has {@link #release released} it.
   */
  public static ProxyNet acquire(Routable db, List<String> nodes, String toxiproxy) {
    synchronized (SHARED) {
      ProxyNet net = SHARED.get(db);
      if (net == null) {
        net = install(db, nodes, toxiproxy);
        SHARED.put(db, net);
      }
      net.users++;
      return net;
    }
  }

  /** Gives back a net from {@link #acquire}; the last user's release closes it. */
  @Override
  public void release() {
    synchronized (SHARED) {
      if (--users <= 0) {
        SHARED.values().remove(this);
        close();
      }
    }
  }

  @Override
  public List<String> nodes() {
    return nodes;
  }

  /** The proxy of a directed node link. */
  public Proxy link(Link link) {
    return links.get(link);
  }

  /** Every directed node link. */
  public Set<Link> links() {
    return links.keySet();
  }

  /** The proxy in front of {@code node}'s client port. */
  public Proxy clientLink(String node) {
    return clientLinks.get(node);
  }

  /**
   * Cuts {@code link}: as a silent blackhole (a {@code timeout} toxic of 0 each way: bytes vanish, connections hang)
   * or as a refusal (the proxy disabled: connections are refused and the open ones closed).
   */
  @Override
  public void cut(Link link, boolean refuse) throws IOException {
    Proxy p = links.get(link);
    if (refuse) {
      p.disable();
    } else {
      p.toxics().timeout(PARTITION_UP, ToxicDirection.UPSTREAM, 0);
      p.toxics().timeout(PARTITION_DOWN, ToxicDirection.DOWNSTREAM, 0);
    }
  }

  /** Cuts the links of {@code after} not in {@code before} and heals those of {@code before} not in it, all at once. */
  @Override
  public void switchTo(Set<Link> before, Set<Link> after, boolean refuse) throws IOException {
    List<IoAction> calls = new java.util.ArrayList<>();
    after.stream().filter(l -> !before.contains(l)).forEach(l -> calls.add(() -> cut(l, refuse)));
    before.stream().filter(l -> !after.contains(l)).forEach(l -> calls.add(() -> heal(l)));
    inParallel(calls);
  }

  /** Heals the partition of {@code link} only: its proxy enabled, its partition toxics removed. */
  @Override
  public void heal(Link link) throws IOException {
    heal(links.get(link), "partition-");
  }

  private static void heal(Proxy p, String prefix) throws IOException {
    if (prefix.equals("partition-") || prefix.isEmpty()) {
      p.enable();
    }
    for (var toxic : p.toxics().getAll()) {
      if (toxic.getName().startsWith(prefix)) {
        toxic.remove();
      }
    }
  }

  /** Heals every partition: proxies enabled, partition toxics removed; packet faults stay. */
  @Override
  public void healPartitions() throws IOException {
    removeToxics("partition-");
  }

  /** Removes every packet fault; partitions stay. */
  public void healPackets() throws IOException {
    removeToxics("packet-");
  }

  /** Restores every proxy: enabled, with no toxics. */
  public void healAll() throws IOException {
    removeToxics("");
  }

  /** Removes the toxics named with {@code prefix} from every proxy (and enables it, for partitions), at once. */
  private void removeToxics(String prefix) throws IOException {
    List<IoAction> calls = new java.util.ArrayList<>();
    allProxies().forEach(p -> calls.add(() -> heal(p, prefix)));
    inParallel(calls);
  }

  /** An API call that may fail. */
  @FunctionalInterface
  private interface IoAction {
    void run() throws IOException;
  }

  /** Runs {@code calls} on the API threads and waits for all; the first failure is thrown once all have ended. */
  private void inParallel(List<IoAction> calls) throws IOException {
    List<java.util.concurrent.Future<?>> pending = new java.util.ArrayList<>();
    for (IoAction call : calls) {
      pending.add(
          api.submit(
              () -> {
                call.run();
                return null;
              }));
    }
    IOException first = null;
    for (java.util.concurrent.Future<?> f : pending) {
      try {
        f.get();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new java.io.InterruptedIOException("interrupted while calling the Toxiproxy API");
      } catch (java.util.concurrent.ExecutionException e) {
        if (first == null) {
          first =
              e.getCause() instanceof IOException io
                  ? io
                  : new IOException(e.getCause().toString(), e.getCause());
        }
      }
    }
    if (first != null) {
      throw first;
    }
  }

  private List<Proxy> allProxies() {
    List<Proxy> all = new java.util.ArrayList<>(links.values());
    all.addAll(clientLinks.values());
    return all;
  }

  /**
   * Stops Faultline's own server (which takes its proxies with it), or removes the proxies from another server.
   * Idempotent: the API is never called again once closed.
   */
  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    api.shutdownNow();
    if (ownServer != null) {
      ownServer.close();
      return;
    }
    try {
      for (Proxy p : allProxies()) {
        p.delete();
      }
    } catch (IOException | RuntimeException e) {
      LOG.debug("cannot delete proxies: {}", e.toString());
    }
  }
}
