package io.faultline.nemesis;

import io.faultline.harness.spi.db.ClockSkewable;
import io.faultline.harness.spi.db.Db;
import io.faultline.harness.spi.db.Killable;
import io.faultline.harness.spi.db.Pausable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * A cluster that only pretends: nodes are names in sets of running and paused nodes, and clock files are real files in
 * a folder (empty folder: clock faults unsupported). Every action is logged, so tests can assert what a nemesis did.
 */
public final class FakeCluster implements Db, Killable, Pausable, ClockSkewable {
  private final List<String> nodes = new ArrayList<>();
  private final Path clockDir;
  public final Set<String> running = new LinkedHashSet<>();
  public final Set<String> paused = new LinkedHashSet<>();
  public final List<String> actions = new ArrayList<>();

  /** {@code n} nodes, running; clock files under {@code clockDir}, or no clock faults when it is {@code null}. */
  public FakeCluster(int n, Path clockDir) {
    for (int i = 1; i <= n; i++) {
      nodes.add("n" + i);
    }
    this.clockDir = clockDir;
    setup();
  }

  @Override
  public synchronized void setup() {
    running.addAll(nodes);
    if (clockDir != null) {
      for (String n : nodes) {
        try {
          Files.writeString(clockDir.resolve(n + ".faketime"), "+0\n");
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      }
    }
  }

  @Override
  public synchronized void teardown() {
    running.clear();
  }

  @Override
  public List<String> nodes() {
    return List.copyOf(nodes);
  }

  @Override
  public synchronized void kill(String node) {
    actions.add("kill " + node);
    running.remove(node);
    paused.remove(node);
  }

  @Override
  public synchronized void restart(String node) {
    actions.add("restart " + node);
    running.add(node);
  }

  @Override
  public synchronized boolean isRunning(String node) {
    return running.contains(node);
  }

  @Override
  public synchronized void pause(String node) {
    actions.add("pause " + node);
    paused.add(node);
  }

  @Override
  public synchronized void resume(String node) {
    actions.add("resume " + node);
    paused.remove(node);
  }

  @Override
  public Optional<Path> clockFile(String node) {
    return clockDir == null ? Optional.empty() : Optional.of(clockDir.resolve(node + ".faketime"));
  }

  /** What the node's clock file says, trimmed. */
  public String clock(String node) {
    try {
      return Files.readString(clockFile(node).orElseThrow()).strip();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
