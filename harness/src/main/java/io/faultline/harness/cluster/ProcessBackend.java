package io.faultline.harness.cluster;

import io.faultline.harness.spi.db.ClockSkewable;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * The {@code process} backend: each node a process on this machine, bound to 127.0.0.1 on ports of its own
 * ({@link Ports}), with its data, log and clock file under {@code <run>/nodes/<node>/}. Processes run under
 * {@link NodeProcess}'s watchdog, so none outlives the harness; signals are real and go to the node's own pid.
 */
public final class ProcessBackend implements Backend {
  private static final String LOOPBACK = "127.0.0.1";

  private final List<String> nodes;
  private final Path runDir;
  private final Map<String, Map<String, Integer>> ports = new LinkedHashMap<>();
  private final Map<String, NodeProcess> processes = new ConcurrentHashMap<>();
  private final Map<String, NodeSpec> specs = new ConcurrentHashMap<>();

  /**
   * @param nodes the node names, in order
   * @param portNames the ports each node listens on, e.g. {@code raft, client, admin}; each gets a free port
   * @param runDir the run folder; nodes live under {@code nodes/}
   */
  public ProcessBackend(List<String> nodes, List<String> portNames, Path runDir) {
    this.nodes = List.copyOf(nodes);
    this.runDir = runDir;
    ports.putAll(Ports.perNode(this.nodes, portNames));
  }

  /** {@code --cluster process}. */
  public static final class Factory implements BackendFactory {
    @Override
    public String name() {
      return "process";
    }

    @Override
    public Backend create(
        io.faultline.harness.spi.TestSpec spec,
        List<String> nodes,
        Map<String, Integer> ports,
        Path runDir,
        Path root,
        Supplier<String> image) {
      return new ProcessBackend(nodes, List.copyOf(ports.keySet()), runDir);
    }
  }

  @Override
  public String name() {
    return "process";
  }

  @Override
  public List<String> nodes() {
    return nodes;
  }

  @Override
  public InetSocketAddress bind(String node, String port) {
    Map<String, Integer> mine = ports.get(node);
    if (mine == null || !mine.containsKey(port)) {
      throw new IllegalArgumentException("no port '" + port + "' of node " + node);
    }
    return new InetSocketAddress(LOOPBACK, mine.get(port));
  }

  /** On one machine, peers reach a node where it binds. */
  @Override
  public InetSocketAddress reach(String node, String port) {
    return bind(node, port);
  }

  /** On one machine, the harness reaches a node where it binds. */
  @Override
  public InetSocketAddress local(String node, String port) {
    return bind(node, port);
  }

  @Override
  public String dataDir(String node) {
    return nodeDir(node).resolve("data").toString();
  }

  @Override
  public Optional<Path> hostDataDir(String node) {
    return Optional.of(Path.of(dataDir(node)));
  }

  @Override
  public Path nodeDir(String node) {
    return runDir.resolve("nodes").resolve(node);
  }

  @Override
  public Optional<Path> clockFile(String node) {
    return ClockSkewable.libfaketimeInstalled()
        ? Optional.of(NodeFiles.clock(nodeDir(node)))
        : Optional.empty();
  }

  @Override
  public void start(String node, NodeSpec spec) {
    specs.put(node, spec);
    Path dir = nodeDir(node);
    boolean clock = spec.fakeClock() && clockFile(node).isPresent();
    NodeFiles.prepare(dir, clock);
    NodeFiles.prepare(Path.of(dataDir(node)), false);
    List<String> cmd = new ArrayList<>();
    if (spec.program() instanceof NodeSpec.Jar j) {
      cmd.add("java");
      cmd.addAll(j.jvm());
      cmd.addAll(List.of("-jar", j.jar().toString()));
    } else if (spec.program() instanceof NodeSpec.Binary b) {
      cmd.add(b.path().toString());
    }
    cmd.addAll(spec.args());
    Map<String, String> env = new HashMap<>(spec.env());
    if (clock) {
      env.putAll(
          NodeFiles.fakeClockEnv(ClockSkewable.LIBFAKETIME, NodeFiles.clock(dir).toString()));
    }
    try {
      processes.put(node, NodeProcess.start(node, cmd, env, NodeFiles.log(dir)));
    } catch (java.io.UncheckedIOException e) {
      throw new io.faultline.harness.spi.db.DbException(
          e.getCause().getMessage()
              + "; the end of its log:\n"
              + NodeFiles.tail(NodeFiles.log(dir), 15));
    }
  }

  @Override
  public void restart(String node) {
    NodeSpec spec = specs.get(node);
    if (spec != null && !isRunning(node)) {
      kill(node); // a node that exited on its own still has its watchdog: close it first
      start(node, spec);
    }
  }

  @Override
  public void kill(String node) {
    NodeProcess p = processes.remove(node);
    if (p != null) {
      p.kill();
    }
  }

  @Override
  public void stop(String node, Duration grace) {
    NodeProcess p = processes.remove(node);
    if (p != null) {
      p.terminate(grace);
    }
  }

  @Override
  public void pause(String node) {
    NodeProcess p = processes.get(node);
    if (p != null) {
      p.pause();
    }
  }

  @Override
  public void resume(String node) {
    NodeProcess p = processes.get(node);
    if (p != null) {
      p.resume();
    }
  }

  @Override
  public boolean isRunning(String node) {
    NodeProcess p = processes.get(node);
    return p != null && p.isAlive();
  }

  @Override
  public List<String> started() {
    return nodes.stream().filter(processes::containsKey).toList();
  }

  @Override
  public void close() {
    stopAll(Duration.ofSeconds(3));
  }

  @Override
  public String toString() {
    return "the node processes under " + runDir.resolve("nodes");
  }
}
