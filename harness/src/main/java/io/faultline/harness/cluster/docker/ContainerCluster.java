package io.faultline.harness.cluster.docker;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.command.InspectContainerResponse;
import com.github.dockerjava.api.exception.DockerException;
import com.github.dockerjava.api.model.Bind;
import com.github.dockerjava.api.model.Network;
import com.github.dockerjava.api.model.Volume;
import io.faultline.harness.cluster.Nodes;
import io.faultline.harness.spi.db.DbException;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Function;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.output.OutputFrame;
import org.testcontainers.utility.DockerImageName;

/**
 * The nodes of one cluster as containers on a private Docker network of their own, started through Testcontainers.
 *
 * <p>Each node has a fixed address on the network ({@link #ip}) and a named data volume mounted at
 * {@value NodeContainer#DATA_DIR}; {@link #kill} is {@code docker kill} (the container is then removed), and
 * {@link #restart} starts a new container with the same address on the same volume, as a rebooted machine would come
 * back. {@link #pause} is {@code docker pause} (the cgroup freezer). The container's output is appended to the node's
 * log file as it comes. {@link #close} removes every container, the volumes and the network.
 */
public final class ContainerCluster implements Nodes, AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(ContainerCluster.class);
  private static final int NETWORK_TRIES = 20;

  private final String id = Long.toHexString(ThreadLocalRandom.current().nextLong() >>> 24);
  private final List<String> nodes;
  private final Function<String, NodeContainer> specs;
  private final Supplier<String> image;
  private final Map<String, GenericContainer<?>> live = new ConcurrentHashMap<>();
  private final Map<String, Path> logs = new ConcurrentHashMap<>();
  private DockerClient docker;
  private String network;
  private String subnet;
  private String nodeImage;
  private ToxiproxyBeside toxiproxy;

  /**
   * @param nodes the node names, in order (node {@code i} gets address {@code .(10 + i)} of the subnet)
   * @param specs how to run each node
   * @param image the node image, built on first need (e.g. {@link LocalImages#raftNode})
   */
  public ContainerCluster(
      List<String> nodes, Function<String, NodeContainer> specs, Supplier<String> image) {
    this.nodes = List.copyOf(nodes);
    this.specs = specs;
    this.image = image;
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
  public void start(String node) {
    NodeContainer spec = specs.apply(node);
    String ip = ip(node);
    String volume = volume(node);
    GenericContainer<?> c =
        new GenericContainer<>(DockerImageName.parse(nodeImage()))
            .withNetworkMode(network)
            .withLabels(Ownership.labels(id))
            .withEnv(spec.env())
            .withCommand(spec.command().toArray(String[]::new))
            .withStartupTimeout(Duration.ofSeconds(60))
            .withLogConsumer(frame -> append(spec.log(), frame))
            .withCreateContainerCmdModifier(
                cmd -> {
                  cmd.withName("faultline-" + id + "-" + node + "-" + System.nanoTime() % 100_000)
                      .withIpv4Address(ip)
                      .withAliases(node);
                  cmd.getHostConfig()
                      .withBinds(
                          new Bind(volume, new Volume(NodeContainer.DATA_DIR)),
                          new Bind(
                              spec.hostDir().toAbsolutePath().toString(),
                              new Volume(NodeContainer.NODE_DIR)));
                });
    c.setPortBindings(
        spec.publish().entrySet().stream()
            .map(e -> "127.0.0.1:" + e.getValue() + ":" + e.getKey())
            .toList());
    logs.put(node, spec.log());
    try {
      Files.createDirectories(spec.hostDir());
      c.start();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (RuntimeException e) {
      c.stop();
      throw new DbException(
          "node "
              + node
              + "'s container did not start: "
              + DockerEngine.firstLine(e)
              + "; the end of its log:\n"
              + tail(node, 15));
    }
    live.put(node, c);
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
  public int size() {
    return live.size();
  }

  /** {@code docker stop} with {@code grace} (SIGTERM, then SIGKILL), then removes the containers. */
  @Override
  public void stopAll(Duration grace) {
    for (String node : List.copyOf(live.keySet())) {
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
  }

  @Override
  public void requireAlive(String what) {
    live.forEach(
        (node, c) -> {
          Optional<InspectContainerResponse.ContainerState> s = state(node);
          if (s.isEmpty() || !Boolean.TRUE.equals(s.get().getRunning())) {
            throw new DbException(
                what
                    + " "
                    + node
                    + "'s container exited during startup (exit code "
                    + s.map(InspectContainerResponse.ContainerState::getExitCodeLong).orElse(null)
                    + "); the end of its log:\n"
                    + tail(node, 15));
          }
        });
  }

  @Override
  public String tails(int lines) {
    StringBuilder sb = new StringBuilder();
    for (String n : nodes) {
      if (logs.containsKey(n)) {
        sb.append("\n--- ")
            .append(n)
            .append(" (")
            .append(logs.get(n))
            .append(")\n")
            .append(tail(n, lines));
      }
    }
    return sb.toString();
  }

  private String tail(String node, int lines) {
    Path log = logs.get(node);
    try {
      List<String> all =
          log != null && Files.exists(log)
              ? Files.readAllLines(log, StandardCharsets.UTF_8)
              : List.of();
      return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
    } catch (IOException e) {
      return "(cannot read " + log + ": " + e.getMessage() + ")";
    }
  }

  /**
   * A Toxiproxy server in a container on this cluster's network with {@code slots} proxy ports, started on the
   * first call.
   *
   * @param image the Toxiproxy image and whether it is Faultline's substitute (see {@link LocalImages#toxiproxy})
   */
  public synchronized ToxiproxyBeside toxiproxy(
      Supplier<Map.Entry<String, Boolean>> image, int slots) {
    ensureNetwork();
    if (toxiproxy == null) {
      toxiproxy =
          ToxiproxyBeside.start(image.get(), network, subnet + ".2", slots, Ownership.labels(id));
    }
    return toxiproxy;
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
