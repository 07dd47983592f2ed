package io.faultline.nemesis.net;

import io.faultline.harness.history.Op;
import io.faultline.harness.spi.Nemesis;
import io.faultline.harness.spi.db.HasLeader;
import io.faultline.nemesis.net.Grudge.Link;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * Partitions the network through a {@link PartitionNet}: the per-link proxies, or the hosts' packet filters.
 *
 * <ul>
 *   <li>{@code start-partition} with a kind ({@link Grudge#KINDS}, or for schedules {@code isolate-followers} or
 *       {@code mute-leader}), optionally {@code {"kind": k, "mode": "blackhole"|"refuse"}}: draws a grudge, cuts its
 *       links and heals the links of any earlier partition that it does not cut (a link both cut stays cut throughout,
 *       so a node never hears the other side while the partition changes, unless the mode changes, which heals
 *       everything first); the completion's value is the grudge, so the history says exactly who heard whom; a value
 *       that names its grudge, {@code {"kind": k, "drops": {node: [nodes it does not hear]}}} (the form of a
 *       completion's value), cuts exactly those links;
 *   <li>{@code stop-partition}: heals every link.
 * </ul>
 *
 * The leader for {@code isolate-leader} and {@code isolate-followers} comes from the cluster's {@link HasLeader}, asked at the moment of the fault.
 */
public final class PartitionNemesis implements Nemesis {
  private final PartitionNet net;
  private final HasLeader leaders;
  private final SplittableRandom rnd;

  /** The links the current partition cuts, and whether it refuses connections; empty when healed. */
  private Set<Link> cut = Set.of();

  private boolean cutRefuses;

  /**
   * @param leaders where to ask for the leader; {@code null} when the cluster cannot say
   * @param seed the seed of the grudges' random choices
   */
  public PartitionNemesis(PartitionNet net, HasLeader leaders, long seed) {
    this.net = net;
    this.leaders = leaders;
    this.rnd = new SplittableRandom(seed);
  }

  @Override
  public Set<String> fs() {
    return Set.of("start-partition", "stop-partition");
  }

  @Override
  public synchronized Op invoke(Op op) throws Exception {
    return switch (op.f()) {
      case "start-partition" -> start(op);
      case "stop-partition" -> {
        net.healPartitions();
        cut = Set.of();
        yield op.withValue("healed");
      }
      default -> throw new IllegalArgumentException("the partition nemesis has no op " + op.f());
    };
  }

  private Op start(Op op) throws Exception {
    String kind =
        op.value() instanceof Map<?, ?> m
            ? String.valueOf(m.get("kind"))
            : String.valueOf(op.value());
    boolean refuse = op.value() instanceof Map<?, ?> m && "refuse".equals(m.get("mode"));
    String leader =
        Grudge.LEADER_KINDS.contains(kind) && leaders != null
            ? leaders.leader().orElse(null)
            : null;
    Grudge grudge =
        op.value() instanceof Map<?, ?> m && m.containsKey("drops")
            ? given(m)
            : Grudge.draw(kind, net.nodes(), rnd, leader);
    switchTo(grudge.cutLinks(), refuse);
    Map<String, Object> value = new LinkedHashMap<>(grudge.toValue());
    value.put("mode", refuse ? "refuse" : "blackhole");
    if (leader != null) {
      value.put("leader", leader);
    }
    return op.withValue(value);
  }

  /** Cuts {@code links} and heals the other links cut before, without healing a link both cut. */
  private void switchTo(Set<Link> links, boolean refuse) throws IOException {
    if (refuse != cutRefuses) {
      net.healPartitions();
      cut = Set.of();
    }
    net.switchTo(cut, links, refuse);
    cut = Set.copyOf(links);
    cutRefuses = refuse;
  }

  /** The grudge an op names, over nodes of this network. */
  private Grudge given(Map<?, ?> value) {
    Grudge g = Grudge.fromValue(value);
    g.drops()
        .forEach(
            (to, froms) -> {
              if (!net.nodes().contains(to) || !net.nodes().containsAll(froms)) {
                throw new IllegalArgumentException(
                    "partition " + g.drops() + " names a node that is not one of " + net.nodes());
              }
            });
    return g;
  }

  /** Heals this family's faults and gives the proxies back; the last network nemesis to finish closes them. */
  @Override
  public void teardown() throws Exception {
    try {
      net.healPartitions();
    } finally {
      net.release();
    }
  }
}
