package io.faultline.nemesis.process;

import io.faultline.harness.history.Op;
import io.faultline.harness.spi.Nemesis;
import io.faultline.harness.spi.db.HasLeader;
import io.faultline.harness.spi.db.Killable;
import io.faultline.harness.spi.db.Pausable;
import io.faultline.nemesis.family.Targets;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A fault done to node processes and the op that undoes it, through the cluster's capabilities:
 *
 * <ul>
 *   <li>{@link #kill}: {@code kill} sends SIGKILL (kill -9) to the running nodes its value names; {@code start} starts
 *       again, on their own data, the named nodes that are not running ({@link Killable}).
 *   <li>{@link #pause}: {@code pause} sends SIGSTOP to the running nodes its value names (their sockets stay open, so
 *       peers and clients see a node that accepts but never answers); {@code resume} sends SIGCONT to the named nodes
 *       that are running ({@link Pausable}).
 * </ul>
 *
 * <p>Values: a list of nodes, or a target kind of {@link Targets} ({@code one}, {@code minority}, {@code majority},
 * {@code all}, resolved with a random source seeded by the test's seed); {@code null} means all. The completion's value
 * is the list of nodes the op acted on, in node order: {@code kill} with {@code ["n2","n3"]} completes with
 * {@code ["n2","n3"]}, and {@code start} with {@code "all"} completes with the nodes that were down. The value
 * {@code "leader"} names the node that leads at that moment, when the cluster can say ({@link HasLeader}).
 *
 * <p>A fault hits its nodes at once, one thread per node, so that "kill all" is a crash of the whole cluster at one
 * moment (as a power loss is) rather than a rolling one that lets the last nodes flush what the first ones lost.
 *
 * <p>{@link #teardown()} undoes the fault on every node this nemesis broke and has not healed since. Ops and teardown
 * are serialised, so teardown never races a fault in progress.
 */
public final class ProcessNemesis implements Nemesis {
  private static final Logger LOG = LoggerFactory.getLogger(ProcessNemesis.class);

  private final String faultF;
  private final String healF;
  private final Action fault;
  private final Action heal;
  private final List<String> nodes;
  private final Random random;
  private final HasLeader leaders;
  private final Set<String> broken = new LinkedHashSet<>();

  /** What an op does to one node, and to which of the named nodes it applies. */
  private record Action(Consumer<String> act, Predicate<String> appliesTo) {}

  private ProcessNemesis(
      String faultF,
      Action fault,
      String healF,
      Action heal,
      List<String> nodes,
      long seed,
      HasLeader leaders) {
    this.faultF = faultF;
    this.healF = healF;
    this.fault = fault;
    this.heal = heal;
    this.nodes = List.copyOf(nodes);
    this.random = new Random(seed);
    this.leaders = leaders;
  }

  /** {@code kill} and {@code start} of the nodes of {@code db}; {@code seed} draws the nodes of target kinds. */
  public static ProcessNemesis kill(Killable db, List<String> nodes, long seed) {
    return new ProcessNemesis(
        "kill",
        new Action(db::kill, db::isRunning),
        "start",
        new Action(db::restart, n -> !db.isRunning(n)),
        nodes,
        seed,
        leaderOf(db));
  }

  /** {@code pause} and {@code resume} of the nodes of {@code db}; {@code seed} draws the nodes of target kinds. */
  public static ProcessNemesis pause(Pausable db, List<String> nodes, long seed) {
    Predicate<String> running = db instanceof Killable k ? k::isRunning : n -> true;
    return new ProcessNemesis(
        "pause",
        new Action(db::pause, running),
        "resume",
        new Action(db::resume, running),
        nodes,
        seed,
        leaderOf(db));
  }

  private static HasLeader leaderOf(Object db) {
    return db instanceof HasLeader l ? l : null;
  }

  @Override
  public synchronized Op invoke(Op op) {
    List<String> targets = Targets.resolve(op.value(), nodes, random, leaders);
    if (op.f().equals(faultF)) {
      return op.withValue(apply(faultF, fault, targets));
    }
    if (op.f().equals(healF)) {
      List<String> healed = apply(healF, heal, targets);
      broken.removeAll(targets);
      return op.withValue(healed);
    }
    throw new IllegalArgumentException(
        "this nemesis does " + faultF + " and " + healF + ", not " + op.f());
  }

  private List<String> apply(String f, Action action, List<String> targets) {
    List<String> done = targets.stream().filter(action.appliesTo()).toList();
    if (action == fault) {
      broken.addAll(done);
      atOnce(action.act(), done);
    } else {
      done.forEach(action.act());
    }
    LOG.info("{} {}", f, done);
    return done;
  }

  /** {@code act} on every node of {@code targets}, each on its own thread, returning when all are done. */
  private static void atOnce(Consumer<String> act, List<String> targets) {
    if (targets.size() <= 1) {
      targets.forEach(act);
      return;
    }
    ExecutorService threads = Executors.newFixedThreadPool(targets.size());
    try {
      List<Future<?>> acts = new ArrayList<>();
      for (String n : targets) {
        acts.add(threads.submit(() -> act.accept(n)));
      }
      for (Future<?> a : acts) {
        a.get();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while faulting " + targets, e);
    } catch (ExecutionException e) {
      throw e.getCause() instanceof RuntimeException r
          ? r
          : new IllegalStateException(e.getCause());
    } finally {
      threads.shutdown();
    }
  }

  /** Heals the nodes this nemesis broke and nothing healed since. */
  @Override
  public synchronized void teardown() {
    List<String> toHeal = List.copyOf(broken);
    if (!toHeal.isEmpty()) {
      LOG.info("teardown: {} {}", healF, toHeal);
      apply(healF, heal, toHeal);
      broken.removeAll(toHeal);
    }
  }

  @Override
  public Set<String> fs() {
    return Set.of(faultF, healF);
  }

  @Override
  public String toString() {
    return "ProcessNemesis(" + faultF + ", " + healF + ")";
  }
}
