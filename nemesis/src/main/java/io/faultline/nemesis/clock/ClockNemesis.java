package io.faultline.nemesis.clock;

import io.faultline.harness.history.Op;
import io.faultline.harness.spi.Nemesis;
import io.faultline.harness.spi.db.ClockSkewable;
import io.faultline.harness.spi.db.HasLeader;
import io.faultline.nemesis.family.Targets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Moves the clocks of nodes from outside their processes, through the libfaketime timestamp file of each node
 * ({@link ClockSkewable#clockFile}). Its ops, with process {@code nemesis}:
 *
 * <ul>
 *   <li>{@code bump-clock} with offsets per node in ms, e.g. {@code {"n1": 60000, "n3": -250}}: each node's clocks
 *       run that far from the true time (at the node's current rate). The key {@code "followers"} names every node but
 *       the leader, and the key {@code "leader"} names the node that
 *       leads at that moment (when the cluster can say, {@link HasLeader}). Completes with the map by node name.
 *   <li>{@code skew-clock} with rates per node, e.g. {@code {"n2": 1.5}}: each node's clocks run that fast (see
 *       {@link FakeTime} for the jump this causes). Completes with the same map.
 *   <li>{@code strobe-clock} with {@code {"nodes": ["n1"], "delta": 200, "period": 10, "duration": 1000}}: for
 *       {@code duration} ms, every {@code period} ms, the nodes' offsets flip between their current value and
 *       {@code delta} ms more; then they go back to their current value. The op holds the nemesis for the duration
 *       (at most {@value #MAX_STROBE_MILLIS} ms). Completes with the value and the number of {@code flips}.
 *   <li>{@code reset-clock} with nodes (a list, a target kind, or {@code null} for all): true time at true speed.
 *       Completes with the nodes.
 * </ul>
 *
 * <p>{@link #teardown()} resets every node's clock, and stops a strobe in progress first.
 */
public final class ClockNemesis implements Nemesis {
  private static final Logger LOG = LoggerFactory.getLogger(ClockNemesis.class);

  /** The longest strobe. */
  public static final long MAX_STROBE_MILLIS = 10_000;

  static final Set<String> FS = Set.of("bump-clock", "skew-clock", "strobe-clock", "reset-clock");

  private final ClockSkewable db;
  private final Map<String, Path> files = new LinkedHashMap<>();
  private final Map<String, FakeTime> clocks = new LinkedHashMap<>();
  private final List<String> nodes;
  private final Random random;
  private final HasLeader leaders;
  private volatile boolean tornDown;

  /**
   * @param db the cluster
   * @param nodes every node of the cluster
   * @param seed seeds the choice of nodes for ops that name a target kind
   * @throws IllegalArgumentException with {@link #NEEDS_LIBFAKETIME} when a node has no clock file
   */
  public ClockNemesis(ClockSkewable db, List<String> nodes, long seed) {
    this(db, nodes, seed, null);
  }

  /**
   * @param leaders where to ask who leads, for bumps of {@code "leader"}; {@code null} when the cluster cannot say
   * @throws IllegalArgumentException with {@link #NEEDS_LIBFAKETIME} when a node has no clock file
   */
  public ClockNemesis(ClockSkewable db, List<String> nodes, long seed, HasLeader leaders) {
    this.db = db;
    this.nodes = List.copyOf(nodes);
    this.random = new Random(seed);
    this.leaders = leaders;
    for (String n : nodes) {
      files.put(
          n,
          db.clockFile(n)
              .orElseThrow(() -> new IllegalArgumentException(ClockSkewable.NEEDS_LIBFAKETIME)));
      clocks.put(n, FakeTime.TRUE);
    }
  }

  @Override
  public Op invoke(Op op) {
    return switch (op.f()) {
      case "bump-clock" -> op.withValue(bump(perNode(withLeader(op.value()))));
      case "skew-clock" -> op.withValue(skew(perNode(op.value())));
      case "strobe-clock" -> op.withValue(strobe(Strobe.parse(op.value(), nodes, random)));
      case "reset-clock" -> op.withValue(reset(Targets.resolve(op.value(), nodes, random)));
      default ->
          throw new IllegalArgumentException(
              "the clock nemesis does "
                  + String.join(", ", FS.stream().sorted().toList())
                  + ", not "
                  + op.f());
    };
  }

  private Map<String, Number> bump(Map<String, Number> offsets) {
    offsets.forEach((n, ms) -> set(n, clock(n).withOffset(ms.longValue())));
    LOG.info("bumped clocks {}", offsets);
    return offsets;
  }

  private Map<String, Number> skew(Map<String, Number> rates) {
    rates
        .values()
        .forEach(r -> FakeTime.TRUE.withRate(r.doubleValue())); // all valid before any is applied
    rates.forEach((n, r) -> set(n, clock(n).withRate(r.doubleValue())));
    LOG.info("skewed clock rates {}", rates);
    return rates;
  }

  private List<String> reset(List<String> targets) {
    targets.forEach(n -> set(n, FakeTime.TRUE));
    LOG.info("reset clocks {}", targets);
    return targets;
  }

  /** Flips the nodes' offsets until the strobe's duration is over, then puts them back. */
  private Map<String, Object> strobe(Strobe s) {
    Map<String, FakeTime> base = new LinkedHashMap<>();
    s.nodes().forEach(n -> base.put(n, clock(n)));
    long end = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(s.durationMillis());
    int flips = 0;
    try {
      while (System.nanoTime() - end < 0 && !tornDown && !Thread.currentThread().isInterrupted()) {
        boolean shifted = flips % 2 == 0;
        base.forEach(
            (n, t) -> set(n, shifted ? t.withOffset(t.offsetMillis() + s.deltaMillis()) : t));
        flips++;
        LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(s.periodMillis()));
      }
    } finally {
      base.forEach(this::set);
    }
    LOG.info("strobed clocks {} {} times", s.nodes(), flips);
    Map<String, Object> out = s.toValue();
    out.put("flips", flips);
    return out;
  }

  private synchronized FakeTime clock(String node) {
    return clocks.get(node);
  }

  /** Sets a node's clock, unless the nemesis has been torn down (its clocks then stay true). */
  private synchronized void set(String node, FakeTime t) {
    if (tornDown && !t.equals(FakeTime.TRUE)) {
      return;
    }
    db.setClock(node, t.spec());
    clocks.put(node, t);
  }

  /**
   * {@code value} with its key {@code "leader"}, if any, replaced by the node that leads now, and its key
   * {@code "followers"} by every other node.
   *
   * @throws IllegalStateException when it names the leader and no node leads (or the cluster cannot say)
   */
  private Object withLeader(Object value) {
    if (!(value instanceof Map<?, ?> m)
        || !(m.containsKey(Targets.LEADER) || m.containsKey(Targets.FOLLOWERS))) {
      return value;
    }
    String leader = Targets.leader(leaders);
    Map<Object, Object> out = new LinkedHashMap<>(m);
    if (out.containsKey(Targets.LEADER)) {
      out.put(leader, out.remove(Targets.LEADER));
    }
    if (out.containsKey(Targets.FOLLOWERS)) {
      Object each = out.remove(Targets.FOLLOWERS);
      nodes.stream().filter(n -> !n.equals(leader)).forEach(n -> out.put(n, each));
    }
    return out;
  }

  /**
   * A value of per-node numbers, checked: every key a node, every value a number, in node order.
   *
   * @throws IllegalArgumentException otherwise
   */
  private Map<String, Number> perNode(Object value) {
    if (!(value instanceof Map<?, ?> m) || m.isEmpty()) {
      throw new IllegalArgumentException(
          "expected a map of node to number, e.g. {\"n1\": 60000}, not " + value);
    }
    Map<String, Number> out = new LinkedHashMap<>();
    for (String n : nodes) {
      Object v = m.get(n);
      if (v != null) {
        if (!(v instanceof Number num)) {
          throw new IllegalArgumentException("expected a number for " + n + ", not " + v);
        }
        out.put(n, num);
      }
    }
    if (out.size() != m.size()) {
      throw new IllegalArgumentException(
          "unknown node in " + m + "; nodes: " + String.join(", ", nodes));
    }
    return out;
  }

  /** Ends a strobe in progress and resets every node's clock that has a clock file. */
  @Override
  public void teardown() {
    tornDown = true;
    synchronized (this) {
      for (String n : nodes) {
        if (Files.exists(files.get(n))) {
          set(n, FakeTime.TRUE);
        }
      }
    }
    LOG.info("teardown: reset every clock");
  }

  @Override
  public Set<String> fs() {
    return FS;
  }

  @Override
  public String toString() {
    return "ClockNemesis";
  }
}
