package io.faultline.harness.cluster;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One node process, started under a watchdog that kills it when the harness goes away.
 *
 * <p>The watchdog is {@code bash}: it starts the node in the background with its output appended to the log file,
 * prints the node's pid, then reads its standard input (a pipe from this JVM) until end of file, and kills the node.
 * End of file comes when {@link #close()} closes the pipe, or when this JVM dies, however it dies.
 */
public final class NodeProcess implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(NodeProcess.class);
  private static final Set<NodeProcess> LIVE = ConcurrentHashMap.newKeySet();

  static {
    Runtime.getRuntime().addShutdownHook(new Thread(NodeProcess::killAll, "node-reaper"));
  }

  /** The watchdog script; {@code $1} is the log file, the rest the node's command. */
  private static final String WATCHDOG =
      String.join(
          "\n",
          "log=\"$1\"; shift",
          "\"$@\" </dev/null >>\"$log\" 2>&1 &",
          "node=$!",
          "echo \"$node\"",
          "while read -r _; do :; done",
          "kill -CONT \"$node\" 2>/dev/null",
          "kill -KILL \"$node\" 2>/dev/null",
          "wait \"$node\" 2>/dev/null",
          "exit 0");

  private final String name;
  private final Process watchdog;
  private final ProcessHandle node;
  private final Path log;

  private NodeProcess(String name, Process watchdog, ProcessHandle node, Path log) {
    this.name = name;
    this.watchdog = watchdog;
    this.node = node;
    this.log = log;
  }

  /**
   * Starts {@code command} as node {@code name}, appending its standard output and error to {@code log}.
   *
   * @param env variables added to this JVM's environment for the node
   * @throws UncheckedIOException when the process cannot be started
   */
  public static NodeProcess start(
      String name, List<String> command, Map<String, String> env, Path log) {
    List<String> argv =
        new ArrayList<>(List.of("bash", "-c", WATCHDOG, "watchdog-" + name, log.toString()));
    argv.addAll(command);
    ProcessBuilder pb = new ProcessBuilder(argv).redirectError(ProcessBuilder.Redirect.DISCARD);
    pb.environment().putAll(env);
    try {
      Files.createDirectories(log.toAbsolutePath().getParent());
      Process watchdog = pb.start();
      BufferedReader out =
          new BufferedReader(
              new InputStreamReader(watchdog.getInputStream(), StandardCharsets.UTF_8));
      String pidLine = out.readLine();
      if (pidLine == null) {
        throw new IOException("the watchdog of " + name + " exited before starting it");
      }
      long pid = Long.parseLong(pidLine.strip());
      ProcessHandle node =
          ProcessHandle.of(pid)
              .orElseThrow(() -> new IOException(name + " exited at once; see " + log));
      NodeProcess p = new NodeProcess(name, watchdog, node, log);
      LIVE.add(p);
      LOG.debug("started {} as pid {}", name, pid);
      return p;
    } catch (IOException | NumberFormatException e) {
      throw new UncheckedIOException(
          new IOException("cannot start node " + name + ": " + e.getMessage(), e));
    }
  }

  public String name() {
    return name;
  }

  public long pid() {
    return node.pid();
  }

  public Path log() {
    return log;
  }

  public boolean isAlive() {
    return node.isAlive();
  }

  /** SIGKILL, and waits until the process is gone. */
  public void kill() {
    signal("KILL");
    awaitExit(Duration.ofSeconds(10));
    close();
  }

  /** SIGTERM, then SIGKILL if it has not exited within {@code grace}. */
  public void terminate(Duration grace) {
    signal("CONT");
    signal("TERM");
    if (!awaitExit(grace)) {
      signal("KILL");
      awaitExit(Duration.ofSeconds(10));
    }
    close();
  }

  /** SIGSTOP: the process freezes, its sockets stay open. */
  public void pause() {
    signal("STOP");
  }

  /** SIGCONT. */
  public void resume() {
    signal("CONT");
  }

  /** Waits for the process to exit; true if it did within the timeout. */
  public boolean awaitExit(Duration timeout) {
    try {
      node.onExit().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
      return true;
    } catch (java.util.concurrent.TimeoutException e) {
      return false;
    } catch (java.util.concurrent.ExecutionException e) {
      return !node.isAlive();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return !node.isAlive();
    }
  }

  /** The last {@code lines} lines of the node's log, for error messages. */
  public String tail(int lines) {
    return NodeFiles.tail(log, lines);
  }

  /** Kills the node if it still runs (through the watchdog), and forgets it. Idempotent. */
  @Override
  public void close() {
    if (!LIVE.remove(this)) {
      return;
    }
    try {
      OutputStream in = watchdog.getOutputStream();
      in.close();
    } catch (IOException ignored) {
      // the watchdog is gone already
    }
    try {
      if (!watchdog.waitFor(10, TimeUnit.SECONDS)) {
        watchdog.destroyForcibly();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    if (node.isAlive()) {
      node.destroyForcibly();
    }
  }

  private void signal(String sig) {
    if (!node.isAlive()) {
      return;
    }
    try {
      Process kill =
          new ProcessBuilder("kill", "-" + sig, Long.toString(node.pid()))
              .redirectErrorStream(true)
              .redirectOutput(ProcessBuilder.Redirect.DISCARD)
              .start();
      kill.waitFor(10, TimeUnit.SECONDS);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot send SIG" + sig + " to " + name, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** Every node process this JVM started and has not closed. */
  public static Set<NodeProcess> live() {
    return Set.copyOf(LIVE);
  }

  /** Kills every node still running; the shutdown hook calls it. */
  public static void killAll() {
    for (NodeProcess p : Set.copyOf(LIVE)) {
      p.close();
    }
  }

  @Override
  public String toString() {
    return name + " (pid " + node.pid() + ")";
  }
}
