package io.faultline.harness.cluster.ssh;

import io.faultline.harness.cluster.Backend;
import io.faultline.harness.cluster.BackendFactory;
import io.faultline.harness.cluster.NodeFiles;
import io.faultline.harness.cluster.NodeSpec;
import io.faultline.harness.spi.TestSpec;
import io.faultline.harness.spi.db.ClockSkewable;
import io.faultline.harness.spi.db.DbException;
import io.faultline.harness.spi.db.Firewalled;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@code ssh} backend: each node on a host of its own, reached over SSH ({@link SshOptions}: a nodes file, a
 * user, a key), as Jepsen's control node reaches its nodes.
 *
 * <p>The first node's start checks every host first ({@link HostChecks}), then installs the program where the host
 * lacks it (a jar over SFTP, only when its SHA-256 differs from the host's copy). Each node is a daemon
 * ({@link NodeDaemon}: {@code setsid}, a pid file, its log in its folder) that dies by itself when the harness has not
 * been heard from for {@link NodeDaemon#LEASE}. Signals go through the pid file. A node binds its ports at their fixed
 * numbers on every interface of its host; its peers reach it at its host's {@code ip}; the harness reaches each port
 * through a local forward of the host's SSH connection, so nothing but sshd needs to be open to the harness.
 *
 * <p>Partitions are iptables rules on the hosts ({@link Iptables}, {@code net=iptables}). Clock files live on the
 * hosts, written over SSH ({@link #setClock}), with a copy in the node's folder of the run folder. {@link #close}
 * stops every node, removes the chain and the run's folders on every host, and brings each node's log back into
 * {@code nodes/<node>/node.log}; a shutdown hook does the same when the harness is interrupted.
 */
public final class SshBackend implements Backend {
  private static final Logger LOG = LoggerFactory.getLogger(SshBackend.class);
  private static final Duration COMMAND = Duration.ofSeconds(20);

  private final SshOptions options;
  private final List<String> nodes;
  private final Map<String, SshOptions.Host> hostOf = new LinkedHashMap<>();
  private final Map<String, Integer> portNumbers;
  private final Path runDir;
  private final String runFolder;
  private final HostChecks.Needs needs;
  private final Map<String, NodeDaemon> daemons = new LinkedHashMap<>();
  private final Map<String, NodeSpec> specs = new ConcurrentHashMap<>();
  private final Set<String> started = ConcurrentHashMap.newKeySet();
  private final Map<String, InetSocketAddress> forwards = new ConcurrentHashMap<>();
  private final Set<NodeSpec.Program> installed = ConcurrentHashMap.newKeySet();
  private final ExecutorService pool =
      Executors.newCachedThreadPool(
          r -> {
            Thread t = new Thread(r, "ssh-host");
            t.setDaemon(true);
            return t;
          });
  private volatile Map<String, SshHost> hosts;
  private ScheduledExecutorService heartbeat;
  private Iptables iptables;
  private Thread hook;

  /**
   * @param options the hosts and how to reach them
   * @param nodes the node names, in order; node {@code i} runs on host {@code i}
   * @param ports each port's name and its fixed number on the hosts
   * @param runDir the run folder; node folders live under {@code nodes/}
   * @param needs what the test needs of the hosts beyond running the program
   */
  public SshBackend(
      SshOptions options,
      List<String> nodes,
      Map<String, Integer> ports,
      Path runDir,
      HostChecks.Needs needs) {
    this.options = options;
    List<SshOptions.Host> hs = options.first(nodes.size());
    boolean named = hs.get(0).name() != null;
    List<String> names = new ArrayList<>();
    for (int i = 0; i < hs.size(); i++) {
      String n = named ? hs.get(i).name() : nodes.get(i);
      names.add(n);
      hostOf.put(n, hs.get(i));
    }
    this.nodes = List.copyOf(names);
    this.portNumbers = Map.copyOf(ports);
    this.runDir = runDir;
    this.needs = needs;
    this.runFolder =
        options.remoteDir()
            + "/runs/"
            + runDir.getFileName().toString().replaceAll("[^A-Za-z0-9._-]", "_")
            + "-"
            + Long.toHexString(ThreadLocalRandom.current().nextLong() >>> 40);
    for (String n : this.nodes) {
      daemons.put(n, new NodeDaemon(runFolder + "/" + n, runFolder + "/heartbeat"));
    }
  }

  /** {@code --cluster ssh}. */
  public static final class Factory implements BackendFactory {
    @Override
    public String name() {
      return "ssh";
    }

    @Override
    public Backend create(
        TestSpec spec,
        List<String> nodes,
        Map<String, Integer> ports,
        Path runDir,
        Path root,
        Supplier<String> image) {
      SshOptions o = SshOptions.parse(spec.clusterOptions());
      boolean iptables = o.net().equals("iptables");
      if (!iptables && (spec.includes("partition") || spec.includes("packet"))) {
        throw new IllegalArgumentException(
            "--net proxy is not available on --cluster ssh yet (the nodes on the hosts cannot reach proxies in"
                + " the harness); use --net iptables");
      }
      HostChecks.Needs needs =
          new HostChecks.Needs(
              iptables && spec.includes("partition"),
              spec.includes("clock"),
              iptables && spec.includes("packet"));
      return new SshBackend(o, nodes, ports, runDir, needs);
    }
  }

  @Override
  public String name() {
    return "ssh";
  }

  @Override
  public List<String> nodes() {
    return nodes;
  }

  /** A node binds every interface of its host, at the port's fixed number. */
  @Override
  public InetSocketAddress bind(String node, String port) {
    host(node);
    return new InetSocketAddress("0.0.0.0", number(port));
  }

  @Override
  public InetSocketAddress reach(String node, String port) {
    return InetSocketAddress.createUnresolved(host(node).ip(), number(port));
  }

  /** A local forward of the host's SSH connection to the port, made on first use. */
  @Override
  public InetSocketAddress local(String node, String port) {
    int remote = number(port);
    host(node);
    return forwards.computeIfAbsent(
        node + "/" + port,
        k -> new InetSocketAddress("127.0.0.1", hosts().get(node).forward(remote)));
  }

  private SshOptions.Host host(String node) {
    SshOptions.Host h = hostOf.get(node);
    if (h == null) {
      throw new IllegalArgumentException("no node " + node + " in " + nodes);
    }
    return h;
  }

  private int number(String port) {
    Integer n = portNumbers.get(port);
    if (n == null) {
      throw new IllegalArgumentException("no port '" + port + "' in " + portNumbers.keySet());
    }
    return n;
  }

  @Override
  public String dataDir(String node) {
    return daemons.get(node).data();
  }

  @Override
  public Path nodeDir(String node) {
    return runDir.resolve("nodes").resolve(node);
  }

  /** A copy of the clock file on the host; {@link #setClock} writes both. */
  @Override
  public Optional<Path> clockFile(String node) {
    return Optional.of(NodeFiles.clock(nodeDir(node)));
  }

  @Override
  public Duration patience() {
    return Duration.ofSeconds(60);
  }

  /** The run's folder on every host. */
  public String runFolder() {
    return runFolder;
  }

  /**
   * Every host's connection, made (and every host checked) on the first call.
   *
   * @throws DbException with a line per host that failed its checks
   */
  Map<String, SshHost> hosts() {
    Map<String, SshHost> up = hosts;
    return up != null ? up : connect();
  }

  private synchronized Map<String, SshHost> connect() {
    if (hosts == null) {
      long t0 = System.nanoTime();
      hosts = HostChecks.connect(hostOf, options, needs, pool);
      LOG.info(
          "connected to and checked {} hosts in {} ms",
          hosts.size(),
          (System.nanoTime() - t0) / 1_000_000);
      hook = new Thread(this::close, "ssh-backend-close");
      Runtime.getRuntime().addShutdownHook(hook);
      heartbeat =
          Executors.newSingleThreadScheduledExecutor(
              r -> {
                Thread t = new Thread(r, "ssh-heartbeat");
                t.setDaemon(true);
                return t;
              });
      heartbeat.scheduleWithFixedDelay(
          this::beat, 0, NodeDaemon.BEAT.toMillis(), TimeUnit.MILLISECONDS);
    }
    return hosts;
  }

  private void beat() {
    Map<String, SshHost> hs = hosts;
    if (hs == null) {
      return;
    }
    for (SshHost h : hs.values()) {
      try {
        h.run(
            "mkdir -p "
                + Shell.quote(runFolder)
                + " && touch "
                + Shell.quote(runFolder + "/heartbeat"),
            COMMAND);
      } catch (RuntimeException e) {
        LOG.debug("heartbeat to {}: {}", h, e.getMessage());
      }
    }
  }

  @Override
  public void start(String node, NodeSpec spec) {
    host(node);
    SshHost h = hosts().get(node);
    String program = install(spec.program());
    specs.put(node, spec);
    NodeDaemon d = daemons.get(node);
    boolean clock = spec.fakeClock();
    NodeFiles.prepare(nodeDir(node), clock);
    List<String> cmd = new ArrayList<>();
    if (spec.program() instanceof NodeSpec.Jar j) {
      cmd.add("java");
      cmd.addAll(j.jvm());
      cmd.addAll(List.of("-jar", program));
    } else {
      cmd.add(program);
    }
    cmd.addAll(spec.args());
    Map<String, String> env = new LinkedHashMap<>(spec.env());
    if (clock) {
      env.putAll(NodeFiles.fakeClockEnv(ClockSkewable.LIBFAKETIME, d.clock()));
    }
    SshHost.Result r = h.run(d.start(cmd, env, clock), COMMAND);
    if (!r.ok() || r.out().isBlank()) {
      fetchLog(node);
      throw new DbException(
          "node "
              + node
              + " did not start on host "
              + h.host()
              + ": "
              + r.firstLine()
              + "; the end of its log:\n"
              + NodeFiles.tail(NodeFiles.log(nodeDir(node)), 15));
    }
    started.add(node);
    LOG.debug("started {} on {} as pid {}", node, h.host(), r.out().strip());
  }

  /**
   * The program's path on the hosts, checked (and for a jar, installed) on every host at its first use.
   *
   * @throws DbException with a line per host that cannot run it
   */
  private synchronized String install(NodeSpec.Program program) {
    String path =
        program instanceof NodeSpec.Jar j
            ? options.remoteDir() + "/bin/" + j.jar().getFileName()
            : ((NodeSpec.Binary) program).path().toString();
    if (installed.contains(program)) {
      return path;
    }
    List<String> failures;
    if (program instanceof NodeSpec.Jar j) {
      String hash = sha256(j.jar());
      failures =
          HostChecks.onEach(
              hosts(),
              h -> {
                String why = HostChecks.java(h);
                return why.isEmpty() ? upload(h, j.jar(), path, hash) : why;
              },
              pool);
    } else {
      failures = HostChecks.onEach(hosts(), h -> HostChecks.binary(h, path), pool);
    }
    failures = failures.stream().filter(s -> !s.isEmpty()).toList();
    if (!failures.isEmpty()) {
      throw new DbException(String.join("\n", failures));
    }
    installed.add(program);
    return path;
  }

  /** Uploads {@code jar} to {@code path} unless the host's copy has {@code hash}; empty, or why it failed. */
  private static String upload(SshHost h, Path jar, String path, String hash) {
    String sum = Shell.quote(path + ".sha256");
    SshHost.Result have = h.run("cat " + sum + " 2>/dev/null", COMMAND);
    if (have.ok() && have.out().strip().equals(hash)) {
      return "";
    }
    SshHost.Result mk =
        h.run("mkdir -p " + Shell.quote(path.substring(0, path.lastIndexOf('/'))), COMMAND);
    if (!mk.ok()) {
      return "host " + h.host() + ": cannot create the folder of " + path + ": " + mk.firstLine();
    }
    LOG.info("installing {} on {}", jar.getFileName(), h.host());
    h.upload(jar, path);
    h.require("printf '%s\\n' " + hash + " >" + sum, COMMAND, "cannot write " + sum);
    return "";
  }

  static String sha256(Path file) {
    try (InputStream in = Files.newInputStream(file)) {
      MessageDigest md = MessageDigest.getInstance("SHA-256");
      byte[] buf = new byte[1 << 16];
      for (int k; (k = in.read(buf)) > 0; ) {
        md.update(buf, 0, k);
      }
      return HexFormat.of().formatHex(md.digest());
    } catch (IOException | NoSuchAlgorithmException e) {
      throw new DbException("cannot read " + file + ": " + e.getMessage());
    }
  }

  @Override
  public void restart(String node) {
    NodeSpec spec = specs.get(node);
    if (spec != null && !isRunning(node)) {
      start(node, spec);
    }
  }

  @Override
  public void kill(String node) {
    if (started.remove(node)) {
      run(node, daemons.get(node).kill());
    }
  }

  @Override
  public void stop(String node, Duration grace) {
    if (started.remove(node)) {
      run(node, daemons.get(node).stop(grace));
    }
  }

  @Override
  public void pause(String node) {
    if (started.contains(node)) {
      run(node, daemons.get(node).signal("STOP"));
    }
  }

  @Override
  public void resume(String node) {
    if (started.contains(node)) {
      run(node, daemons.get(node).signal("CONT"));
    }
  }

  @Override
  public boolean isRunning(String node) {
    return started.contains(node)
        && hosts().get(node).run(daemons.get(node).running(), COMMAND).ok();
  }

  @Override
  public List<String> started() {
    return nodes.stream().filter(started::contains).toList();
  }

  private void run(String node, String command) {
    SshHost.Result r = hosts().get(node).run(command, COMMAND);
    if (!r.ok()) {
      throw new DbException("host " + hostOf.get(node) + ": " + r.firstLine());
    }
  }

  /** Writes the node's clock file on its host (atomically: a sibling file, then a rename), and the local copy. */
  @Override
  public void setClock(String node, String line) {
    String f = daemons.get(node).clock();
    run(
        node,
        "printf '%s\\n' "
            + Shell.quote(line)
            + " >"
            + Shell.quote(f + ".tmp")
            + " && mv "
            + Shell.quote(f + ".tmp")
            + " "
            + Shell.quote(f));
    ClockSkewable.write(NodeFiles.clock(nodeDir(node)), line);
  }

  @Override
  public synchronized Optional<Firewalled.Firewall> firewall() {
    if (!options.net().equals("iptables")) {
      return Optional.empty();
    }
    if (iptables == null) {
      Map<String, String> ips = new LinkedHashMap<>();
      hostOf.forEach((n, h) -> ips.put(n, h.ip()));
      iptables = new Iptables(nodes, this::hosts, ips, pool, this::whyNoNetem);
    }
    return Optional.of(iptables);
  }

  private Optional<String> whyNoNetem() {
    List<String> why =
        HostChecks.onEach(hosts(), h -> h.run(HostChecks.NETEM, COMMAND).out().strip(), pool);
    for (int i = 0; i < nodes.size(); i++) {
      if (!why.get(i).isEmpty()) {
        return Optional.of("host " + hostOf.get(nodes.get(i)) + ": " + why.get(i));
      }
    }
    return Optional.empty();
  }

  /** Fails when a started node has exited, with the end of its log (brought back from its host). */
  @Override
  public void requireAlive(String what) {
    for (String node : started()) {
      if (!isRunning(node)) {
        fetchLog(node);
        throw new DbException(
            what
                + " "
                + node
                + " on host "
                + hostOf.get(node)
                + " exited during startup; the end of its log:\n"
                + NodeFiles.tail(NodeFiles.log(nodeDir(node)), 15));
      }
    }
  }

  @Override
  public String tails(int lines) {
    nodes.forEach(this::fetchLog);
    return Backend.super.tails(lines);
  }

  private void fetchLog(String node) {
    Map<String, SshHost> hs = hosts;
    if (hs != null && hs.get(node).connected()) {
      try {
        hs.get(node).download(daemons.get(node).log(), NodeFiles.log(nodeDir(node)));
      } catch (DbException e) {
        LOG.warn("{}", e.getMessage());
      }
    }
  }

  /** Stops every node at once. */
  @Override
  public void stopAll(Duration grace) {
    if (hosts == null) {
      return;
    }
    HostChecks.onEach(
        hosts,
        h -> {
          String n = nodes.stream().filter(x -> hosts.get(x) == h).findFirst().orElseThrow();
          stop(n, grace);
          return "";
        },
        pool);
  }

  /**
   * Stops every node, removes the iptables chain, brings the logs back and removes the run's folder on every host.
   * Idempotent.
   */
  @Override
  public synchronized void close() {
    if (hosts == null) {
      return;
    }
    stopHeartbeat();
    stopAll(Duration.ofSeconds(2));
    if (iptables != null) {
      iptables.remove();
    }
    HostChecks.onEach(
        hosts,
        h -> {
          String n = nodes.stream().filter(x -> hosts.get(x) == h).findFirst().orElseThrow();
          fetchLog(n);
          h.run("rm -rf " + Shell.quote(runFolder), COMMAND);
          h.close();
          return "";
        },
        pool);
    hosts = null;
    forwards.clear();
    installed.clear();
    if (hook != null && Thread.currentThread() != hook) {
      try {
        Runtime.getRuntime().removeShutdownHook(hook);
      } catch (IllegalStateException e) {
        // shutting down already
      }
    }
  }

  /** Stops the heartbeat and waits for a beat in flight, so that none recreates a run folder after its removal. */
  private void stopHeartbeat() {
    heartbeat.shutdownNow();
    try {
      heartbeat.awaitTermination(COMMAND.toSeconds(), TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /**
   * Drops every connection at once, with no teardown, as a harness killed outright would: the nodes then die by
   * themselves within {@link NodeDaemon#LEASE}, and {@code ./faultline clean} removes the rest. For tests of that.
   */
  public synchronized void abandon() {
    if (hosts == null) {
      return;
    }
    stopHeartbeat();
    hosts.values().forEach(SshHost::close);
    hosts = null;
    started.clear();
    forwards.clear();
    installed.clear();
    if (hook != null) {
      Runtime.getRuntime().removeShutdownHook(hook);
    }
  }

  @Override
  public String toString() {
    return "the nodes on hosts " + hostOf.values();
  }
}
