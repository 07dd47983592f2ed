package io.faultline.nemesis.process;

import io.faultline.harness.db.Killable;
import io.faultline.harness.history.Op;
import io.faultline.harness.runner.Nemesis;
import io.faultline.nemesis.Targets;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Crashes and restarts nodes through {@link Killable}: {@code kill} sends SIGKILL (kill -9) to the nodes its value
 * names, {@code start} starts again, on their own data, the nodes its value names that are not running.
 *
 * <p>Values: a list of nodes, or a target kind of {@link Targets} ({@code one}, {@code minority}, {@code majority},
 * {@code all}); {@code null} means all. The completion's value is the list of nodes the op acted on, in node order:
 * {@code kill} with {@code ["n2","n3"]} completes with {@code ["n2","n3"]}, and {@code start} with {@code "all"}
 * completes with the nodes that were down.
 *
 * <p>{@link #teardown()} restarts every node this nemesis killed that is still down. Ops and teardown are serialised,
 * so teardown never races a kill in progress.
 */
public final class KillNemesis implements Nemesis {
  private static final Logger LOG = LoggerFactory.getLogger(KillNemesis.class);
  static final Set<String> FS = Set.of("kill", "start");

  private final Killable db;
  private final List<String> nodes;
  private final Random random;
  private final Set<String> killed = new LinkedHashSet<>();

  /**
   * @param db the cluster
   * @param nodes every node of the cluster
   * @param seed seeds the choice of nodes for ops that name a target kind
   */
  public KillNemesis(Killable db, List<String> nodes, long seed) {
    this.db = db;
    this.nodes = List.copyOf(nodes);
    this.random = new Random(seed);
  }

  @Override
  public synchronized Op invoke(Op op) {
    List<String> targets = Targets.resolve(op.value(), nodes, random);
    return switch (op.f()) {
      case "kill" -> op.withValue(kill(targets));
      case "start" -> op.withValue(start(targets));
      default -> throw new IllegalArgumentException("the kill nemesis does kill and start, not " + op.f());
    };
  }

  private List<String> kill(List<String> targets) {
    for (String n : targets) {
      killed.add(n);
      db.kill(n);
    }
    LOG.info("killed {}", targets);
    return targets;
  }

  private List<String> start(List<String> targets) {
    List<String> started = new ArrayList<>();
    for (String n : targets) {
      if (!db.isRunning(n)) {
        db.restart(n);
        started.add(n);
      }
      killed.remove(n);
    }
    LOG.info("started {}", started);
    return started;
  }

  /** Restarts the nodes this nemesis killed and nothing started since. */
  @Override
  public synchronized void teardown() {
    List<String> down = List.copyOf(killed);
    if (!down.isEmpty()) {
      LOG.info("teardown: restarting {}", down);
      start(down);
    }
  }

  @Override
  public Set<String> fs() {
    return FS;
  }

  @Override
  public String toString() {
    return "KillNemesis";
  }
}
