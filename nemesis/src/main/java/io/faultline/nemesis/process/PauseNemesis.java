package io.faultline.nemesis.process;

import io.faultline.harness.db.Killable;
import io.faultline.harness.db.Pausable;
import io.faultline.harness.history.Op;
import io.faultline.harness.runner.Nemesis;
import io.faultline.nemesis.Targets;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Freezes and thaws nodes through {@link Pausable}: {@code pause} sends SIGSTOP to the nodes its value names (their
 * sockets stay open, so peers and clients see a node that accepts but never answers), {@code resume} sends SIGCONT.
 *
 * <p>Values are those of {@link KillNemesis}: a list of nodes, a target kind, or {@code null} for all. The completion's
 * value is the list of nodes the op acted on: a node that is not running (when the cluster is also {@link Killable})
 * is neither paused nor listed.
 *
 * <p>{@link #teardown()} resumes every node this nemesis paused and has not resumed.
 */
public final class PauseNemesis implements Nemesis {
  private static final Logger LOG = LoggerFactory.getLogger(PauseNemesis.class);
  static final Set<String> FS = Set.of("pause", "resume");

  private final Pausable db;
  private final List<String> nodes;
  private final Random random;
  private final Set<String> paused = new LinkedHashSet<>();

  /**
   * @param db the cluster
   * @param nodes every node of the cluster
   * @param seed seeds the choice of nodes for ops that name a target kind
   */
  public PauseNemesis(Pausable db, List<String> nodes, long seed) {
    this.db = db;
    this.nodes = List.copyOf(nodes);
    this.random = new Random(seed);
  }

  @Override
  public synchronized Op invoke(Op op) {
    List<String> targets = Targets.resolve(op.value(), nodes, random);
    return switch (op.f()) {
      case "pause" -> op.withValue(pause(targets));
      case "resume" -> op.withValue(resume(targets));
      default -> throw new IllegalArgumentException("the pause nemesis does pause and resume, not " + op.f());
    };
  }

  private List<String> pause(List<String> targets) {
    List<String> done = targets.stream().filter(this::isRunning).toList();
    for (String n : done) {
      paused.add(n);
      db.pause(n);
    }
    LOG.info("paused {}", done);
    return done;
  }

  private List<String> resume(List<String> targets) {
    List<String> done = targets.stream().filter(this::isRunning).toList();
    for (String n : done) {
      db.resume(n);
    }
    paused.removeAll(targets);
    LOG.info("resumed {}", done);
    return done;
  }

  private boolean isRunning(String node) {
    return !(db instanceof Killable k) || k.isRunning(node);
  }

  /** Resumes the nodes this nemesis paused and nothing resumed since. */
  @Override
  public synchronized void teardown() {
    List<String> frozen = List.copyOf(paused);
    if (!frozen.isEmpty()) {
      LOG.info("teardown: resuming {}", frozen);
      resume(frozen);
    }
  }

  @Override
  public Set<String> fs() {
    return FS;
  }

  @Override
  public String toString() {
    return "PauseNemesis";
  }
}
