package io.faultline.harness.cluster.docker;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.command.InspectContainerResponse;
import com.github.dockerjava.api.exception.DockerException;
import com.github.dockerjava.api.model.Bind;
import com.github.dockerjava.api.model.Network;
import com.github.dockerjava.api.model.Volume;
import io.faultline.harness.cluster.Backend;
import io.faultline.harness.cluster.BackendFactory;
import io.faultline.harness.cluster.NodeFiles;
import io.faultline.harness.cluster.NodeSpec;
import io.faultline.harness.cluster.Ports;
import io.faultline.harness.spi.db.ClockSkewable;
import io.faultline.harness.spi.db.DbException;
import io.faultline.harness.spi.db.ProxySite;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.output.OutputFrame;
import org.testcontainers.utility.DockerImageName;

/**
 * The {@code docker} backend: each node a container on a private Docker network of the cluster's own, started
 * through Testcontainers from the system's image.
 *
 * <p>Each node has a fixed address on the network ({@link #ip}), where its peers reach its ports at their fixed
 * numbers; every port is also published on 127.0.0.1 (only), where the harness reaches it. The node's data is a
 * named volume mounted at {@value #DATA_DIR}, and its folder in the run folder is mounted at {@value #NODE_DIR} (its
 * clock file). {@link #kill} is {@code docker kill} (the container is then removed), and {@link #restart} starts a
 * new container with the same address on the same volume, as a rebooted machine would come back. {@link #pause} is
 * {@code docker pause} (the cgroup freezer). The container's output is appended to the node's log as it comes.
 * {@link #close} removes every container, the volumes and the network.
 *
 * <p>A {@link NodeSpec.Jar} runs as the image's entry point with {@code JAVA_OPTS} set to its JVM flags; the image
 * carries libfaketime at the same path as Debian does.
 */
public final class DockerBackend implements Backend {
  private static final Logger LOG = LoggerFactory.getLogger(DockerBackend.class);
  private static final int NETWORK_TRIES = 20;

  /** Where the node's folder of the run folder appears in the container (its clock file). */
  public static final String NODE_DIR = "/node";

  /** Where the node's data volume appears in the container; it survives restarts and is removed at the end. */
  public static final String DATA_DIR = "/data";

  private final String id = Long.toHexString(ThreadLocalRandom.current().nextLong() >>> 24);
  private final List<String> nodes;
  private final Map<String, Integer> portNumbers;
  private final Map<String, Map<String, Integer>> published = new LinkedHashMap<>();
  private final Path runDir;
  private final Supplier<String> image;
  private final Path root;
  private final Map<String, GenericContainer<?>> live = new ConcurrentHashMap<>();
  private final Map<String, NodeSpec> specs = new ConcurrentHashMap<>();
  private DockerClient docker;
  private String network;
  private String subnet;
  private String nodeImage;
  private ToxiproxyBeside toxiproxy;

  /**
   * @param nodes the node names, in order (node {@code i} gets address {@code .(10 + i)} of the subnet)
   * @param ports each port's name and its number inside the containers, e.g. {@code raft=7000}
   * @param runDir the run folder; node folders live under {@code nodes/}
   * @param image the node image, built on first need (e.g. {@link LocalImages#raftNode})
   * @param root the Faultline checkout, for the Toxiproxy image ({@link LocalImages#toxiproxy})
   */
  public DockerBackend(
      List<String> nodes,
      Map<String, Integer> ports,
      Path runDir,
      Supplier<String> image,
      Path root) {
    this.nodes = List.copyOf(nodes);
    this.portNumbers = Map.copyOf(ports);
    this.runDir = runDir;
    this.image = image;
    this.root = root;
    published.putAll(Ports.perNode(this.nodes, List.copyOf(ports.keySet())));
  }

  /** {@code --cluster docker}. */
  public static final class Factory implements BackendFactory {
    @Override
    public String name() {
      return "docker";
    }

    @Override
    public Backend create(
        io.faultline.harness.spi.TestSpec spec,
        List<String> nodes,
        Map<String, Integer> ports,
        Path runDir,
        Path root,
        Supplier<String> image) {
      return new DockerBackend(nodes, ports, runDir, image, root);
    }
  }

  @Override
  public String name() {
    return "docker";
  }

  @Override
  public List<String> nodes() {
    return nodes;
  }

  /** Inside its container, a node binds every interface of its own network namespace. */
  @Override
  public InetSocketAddress bind(String node, String port) {
    return new InetSocketAddress("0.0.0.0", number(port));
  }

  @Override
  public InetSocketAddress reach(String node, String port) {
    return new InetSocketAddress(ip(node), number(port));
  }

  /** The port published on 127.0.0.1. */
  @Override
  public InetSocketAddress local(String node, String port) {
    number(port);
    return new InetSocketAddress("127.0.0.1", published.get(node).get(port));
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
    return DATA_DIR;
  }

  @Override
  public Path nodeDir(String node) {
    return runDir.resolve("nodes").resolve(node);
  }

  /** The image carries libfaketime, so every node can have a fake clock. */
  @Override
  public Optional<Path> clockFile(String node) {
    return Optional.of(NodeFiles.clock(nodeDir(node)));
  }

  @Override
  public Duration patience() {
    return Duration.ofSeconds(60);
  }

  /** This cluster's id, in the names and labels of its containers, network and volumes. */
  public String id() {
    return id;
  }

  /** The node's address on the cluster's network; fixed for the cluster's life. */
  public synchronized String ip(String node) {
    ensureNetwork();
    return subnet + "." + (10 + nodes.indexOf(node));
  }

  /**
   * Creates the network if it does not exist yet.
   *
   * @throws DbException when there is no engine, or no free subnet
   */
  private synchronized void ensureNetwork() {
    if (network != null) {
      return;
    }
    docker = DockerEngine.client();
    Ownership.sweepOrphans(docker);
    String name = "faultline-" + id;
    RuntimeException last = null;
    for (int i = 0; i < NETWORK_TRIES; i++) {
      String prefix = "10.213." + ThreadLocalRandom.current().nextInt(256);
      try {
        docker
            .createNetworkCmd()
            .withName(name)
            .withDriver("bridge")
            .withLabels(Ownership.labels(id))
            .withIpam(
                new Network.Ipam()
                    .withConfig(new Network.Ipam.Config().withSubnet(prefix + ".0/24")))
            .exec();
        network = name;
        subnet = prefix;
        Ownership.opened(this);
        return;
      } catch (DockerException e) {
        last = e;
      }
    }
    throw new DbException(
        "cannot create a Docker network for the cluster: " + DockerEngine.firstLine(last));
  }

  @Override
  public void start(String node, NodeSpec spec) {
    if (!(spec.program() instanceof NodeSpec.Jar jar)) {
      throw new DbException(
          "the docker backend runs Java nodes from an image; it cannot run " + spec.program());
    }
    specs.put(node, spec);
    Path dir = nodeDir(node);
    Map<String, String> env = new HashMap<>(spec.env());
    env.put("JAVA_OPTS", String.join(" ", jar.jvm()));
    Optional<Path> clock = spec.fakeClock() ? clockFile(node) : Optional.empty();
    clock.ifPresent(
        f ->
            env.putAll(
                NodeFiles.fakeClockEnv(
                    ClockSkewable.LIBFAKETIME, NODE_DIR + "/" + f.getFileName())));
    NodeFiles.prepare(dir, clock.isPresent());
    GenericContainer<?> c = container(node, spec, env);
    try {
      c.start();
    } catch (RuntimeException e) {
      c.stop();
      throw new DbException(
          "node "
              + node
              + "'s container did not start: "
              + DockerEngine.firstLine(e)
              + "; the end of its log:\n"
              + NodeFiles.tail(NodeFiles.log(dir), 15));
    }
    live.put(node, c);
  }

  private GenericContainer<?> container(String node, NodeSpec spec, Map<String, String> env) {
    String ip = ip(node);
    String volume = volume(node);
    Path dir = nodeDir(node);
    Path log = NodeFiles.log(dir);
    GenericContainer<?> c =
        new GenericContainer<>(DockerImageName.parse(nodeImage()))
            .withNetworkMode(network)
            .withLabels(Ownership.labels(id))
            .withEnv(env)
            .withCommand(spec.args().toArray(String[]::new))
            .withStartupTimeout(Duration.ofSeconds(60))
            .withLogConsumer(frame -> append(log, frame))
            .withCreateContainerCmdModifier(
                cmd -> {
                  cmd.withName("faultline-" + id + "-" + node + "-" + System.nanoTime() % 100_000)
                      .withIpv4Address(ip)
                      .withAliases(node);
                  cmd.getHostConfig()
                      .withBinds(
                          new Bind(volume, new Volume(DATA_DIR)),
                          new Bind(dir.toAbsolutePath().toString(), new Volume(NODE_DIR)));
                });
    c.setPortBindings(
        published.get(node).entrySet().stream()
            .map(e -> "127.0.0.1:" + e.getValue() + ":" + number(e.getKey()))
            .toList());
    return c;
  }

  private synchronized String nodeImage() {
    ensureNetwork();
    if (nodeImage == null) {
      nodeImage = image.get();
    }
    return nodeImage;
  }

  private String volume(String node) {
    String name = "faultline-" + id + "-" + node;
    docker.createVolumeCmd().withName(name).withLabels(Ownership.labels(id)).exec(); // idempotent
    return name;
  }

  private static void append(Path log, OutputFrame frame) {
    byte[] bytes = frame.getBytes();
    if (bytes == null) {
      return;
    }
    try (OutputStream out =
        Files.newOutputStream(log, StandardOpenOption.CREATE, StandardOpenOption.APPEND)) {
      out.write(bytes);
    } catch (IOException e) {
      LOG.debug("cannot append to {}: {}", log, e.toString());
    }
  }

  @Override
  public void restart(String node) {
    NodeSpec spec = specs.get(node);
    if (spec != null && !isRunning(node)) {
      kill(node);
      start(node, spec);
    }
  }

  /** {@code docker kill}, then the container is removed; its volume stays. */
  @Override
  public void kill(String node) {
    GenericContainer<?> c = live.remove(node);
    if (c == null) {
      return;
    }
    quietly(() -> docker.killContainerCmd(c.getContainerId()).exec());
    c.stop();
  }

  /** {@code docker stop} with {@code grace} (SIGTERM, then SIGKILL), then the container is removed. */
  @Override
  public void stop(String node, Duration grace) {
    resume(node);
    GenericContainer<?> c = live.remove(node);
    if (c != null) {
      quietly(
          () ->
              docker
                  .stopContainerCmd(c.getContainerId())
                  .withTimeout((int) Math.max(1, grace.toSeconds()))
                  .exec());
      c.stop();
    }
  }

  @Override
  public boolean isRunning(String node) {
    return state(node).map(s -> Boolean.TRUE.equals(s.getRunning())).orElse(false);
  }

  private Optional<InspectContainerResponse.ContainerState> state(String node) {
    GenericContainer<?> c = live.get(node);
    if (c == null) {
      return Optional.empty();
    }
    try {
      return Optional.ofNullable(docker.inspectContainerCmd(c.getContainerId()).exec().getState());
    } catch (DockerException e) {
      return Optional.empty();
    }
  }

  /** {@code docker pause}; nothing when the node is not running or already paused. */
  @Override
  public void pause(String node) {
    if (state(node)
        .map(s -> Boolean.TRUE.equals(s.getRunning()) && !Boolean.TRUE.equals(s.getPaused()))
        .orElse(false)) {
      quietly(() -> docker.pauseContainerCmd(live.get(node).getContainerId()).exec());
    }
  }

  /** {@code docker unpause}; nothing when the node is not paused. */
  @Override
  public void resume(String node) {
    if (state(node).map(s -> Boolean.TRUE.equals(s.getPaused())).orElse(false)) {
      quietly(() -> docker.unpauseContainerCmd(live.get(node).getContainerId()).exec());
    }
  }

  @Override
  public List<String> started() {
    return nodes.stream().filter(live::containsKey).toList();
  }

  /** Fails when a started node's container is not running, with its exit code and the end of its log. */
  @Override
  public void requireAlive(String what) {
    for (String node : started()) {
      Optional<InspectContainerResponse.ContainerState> s = state(node);
      if (s.isEmpty() || !Boolean.TRUE.equals(s.get().getRunning())) {
        throw new DbException(
            what
                + " "
                + node
                + "'s container exited during startup (exit code "
                + s.map(InspectContainerResponse.ContainerState::getExitCodeLong).orElse(null)
                + "); the end of its log:\n"
                + NodeFiles.tail(NodeFiles.log(nodeDir(node)), 15));
      }
    }
  }

  /**
   * A Toxiproxy server in a container on this cluster's network with {@code slots} proxy ports, started on the
   * first call: Toxiproxy's own image, or Faultline's substitute (see {@link LocalImages#toxiproxy}).
   */
  @Override
  public synchronized Optional<ProxySite.Site> toxiproxySite(int slots) {
    ensureNetwork();
    if (toxiproxy == null) {
      toxiproxy =
          ToxiproxyBeside.start(
              LocalImages.toxiproxy(root), network, subnet + ".2", slots, Ownership.labels(id));
    }
    return Optional.of(toxiproxy);
  }

  /**
   * Removes every container of the cluster, its volumes and its network. Idempotent; a later {@link #start} begins a
   * new network (and new data).
   */
  @Override
  public synchronized void close() {
    if (network == null) {
      return;
    }
    stopAll(Duration.ofSeconds(1));
    if (toxiproxy != null) {
      toxiproxy.close();
      toxiproxy = null;
    }
    for (String n : nodes) {
      quietly(() -> docker.removeVolumeCmd("faultline-" + id + "-" + n).exec());
    }
    String net = network;
    quietly(() -> docker.removeNetworkCmd(net).exec());
    network = null;
    Ownership.closed(this);
  }

  /** Runs a Docker call whose failure means the thing is gone already. */
  static void quietly(Runnable call) {
    try {
      call.run();
    } catch (DockerException e) {
      LOG.debug("docker: {}", e.toString());
    }
  }

  @Override
  public String toString() {
    return "the containers of cluster " + id;
  }
}
