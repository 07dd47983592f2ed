package io.faultline.nemesis.disk;

import io.faultline.harness.history.Op;
import io.faultline.harness.spi.Nemesis;
import io.faultline.harness.spi.db.DiskFaultable;
import io.faultline.harness.spi.db.HasLeader;
import io.faultline.nemesis.family.Targets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The disk faults of a cluster that is {@link DiskFaultable}:
 *
 * <ul>
 *   <li>{@code power-loss}: the nodes its value names lose power at once (each on its own thread): killed, and every
 *       write they had not made durable dropped; completes with the nodes hit.
 *   <li>{@code corrupt}: each named node is killed (the page cache survives, as in {@code kill}) and one of its newest
 *       data files is damaged ({@link Damage}, drawn from the seed); completes with one map per damage: {@code node,
 *       file, damage, offset, length}. A node with no data file yet is only killed.
 *   <li>{@code power-on}: the named nodes that are down start again on what their disks kept.
 * </ul>
 *
 * <p>Values name nodes as {@link Targets} does. {@link #teardown} starts every node this nemesis took down.
 */
public final class DiskNemesis implements Nemesis {
  private static final Logger LOG = LoggerFactory.getLogger(DiskNemesis.class);

  /** The {@code f}s. */
  public static final String POWER_LOSS = "power-loss";

  public static final String CORRUPT = "corrupt";
  public static final String POWER_ON = "power-on";

  private final DiskFaultable db;
  private final List<String> nodes;
  private final Random random;
  private final HasLeader leaders;
  private final Set<String> down = new LinkedHashSet<>();

  public DiskNemesis(DiskFaultable db, List<String> nodes, long seed) {
    this.db = db;
    this.nodes = List.copyOf(nodes);
    this.random = new Random(seed);
    this.leaders = db instanceof HasLeader l ? l : null;
  }

  @Override
  public synchronized Op invoke(Op op) {
    List<String> targets = Targets.resolve(op.value(), nodes, random, leaders);
    return switch (op.f()) {
      case POWER_LOSS -> op.withValue(powerLoss(targets));
      case CORRUPT -> op.withValue(corrupt(targets));
      case POWER_ON -> op.withValue(powerOn(targets));
      default ->
          throw new IllegalArgumentException(
              "this nemesis does power-loss, corrupt and power-on, not " + op.f());
    };
  }

  private List<String> powerLoss(List<String> targets) {
    down.addAll(targets);
    CompletableFuture.allOf(
            targets.stream()
                .map(n -> CompletableFuture.runAsync(() -> db.powerLoss(n)))
                .toArray(CompletableFuture[]::new))
        .join();
    LOG.info("power-loss {}", targets);
    return targets;
  }

  private List<Object> corrupt(List<String> targets) {
    List<Object> done = new ArrayList<>();
    for (String n : targets) {
      down.add(n);
      db.kill(n);
      List<Path> files = db.dataFiles(n);
      if (files.isEmpty()) {
        done.add(Map.of("node", n, "damage", "none"));
        continue;
      }
      Path file = files.get(random.nextInt(files.size()));
      Damage d = Damage.draw(file, random);
      d.apply();
      Map<String, Object> v = d.describe(n, db.dataRoot(n));
      done.add(v);
      LOG.info("corrupt {}", v);
    }
    return done;
  }

  private List<String> powerOn(List<String> targets) {
    List<String> started = targets.stream().filter(n -> !db.isRunning(n)).toList();
    started.forEach(db::restart);
    down.removeAll(targets);
    LOG.info("power-on {}", started);
    return started;
  }

  @Override
  public synchronized void teardown() {
    if (!down.isEmpty()) {
      powerOn(List.copyOf(down));
    }
  }

  @Override
  public Set<String> fs() {
    return Set.of(POWER_LOSS, CORRUPT, POWER_ON);
  }

  @Override
  public String toString() {
    return "DiskNemesis";
  }
}
