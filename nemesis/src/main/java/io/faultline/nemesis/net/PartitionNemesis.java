package io.faultline.nemesis.net;

import io.faultline.harness.db.HasLeader;
import io.faultline.harness.history.Op;
import io.faultline.harness.runner.Nemesis;
import io.faultline.nemesis.net.Grudge.Link;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * Partitions the network through {@link ProxyNet}.
 *
 * <ul>
 *   <li>{@code start-partition} with a kind ({@link Grudge#KINDS}, or {@code isolate-followers}), optionally {@code {"kind": k, "mode":
 *       "blackhole"|"refuse"}}: heals any earlier partition, draws a grudge and cuts its links; the completion's value
 *       is the grudge, so the history says exactly who heard whom;
 *   <li>{@code stop-partition}: heals every link.
 * </ul>
 *
 * The leader for {@code isolate-leader} and {@code isolate-followers} comes from the cluster's {@link HasLeader}, asked at the moment of the fault.
 */
public final class PartitionNemesis implements Nemesis {
  private final ProxyNet net;
  private final HasLeader leaders;
  private final SplittableRandom rnd;

  /**
   * @param leaders where to ask for the leader; {@code null} when the cluster cannot say
   * @param seed the seed of the grudges' random choices
   */
  public PartitionNemesis(ProxyNet net, HasLeader leaders, long seed) {
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
        yield op.withValue("healed");
      }
      default -> throw new IllegalArgumentException("the partition nemesis has no op " + op.f());
    };
  }

  private Op start(Op op) throws Exception {
    String kind = op.value() instanceof Map<?, ?> m ? String.valueOf(m.get("kind")) : String.valueOf(op.value());
    boolean refuse = op.value() instanceof Map<?, ?> m && "refuse".equals(m.get("mode"));
    String leader = Grudge.LEADER_KINDS.contains(kind) && leaders != null ? leaders.leader().orElse(null) : null;
    Grudge grudge = Grudge.draw(kind, net.nodes(), rnd, leader);
    net.healPartitions();
    for (Link link : grudge.cutLinks()) {
      net.cut(link, refuse);
    }
    Map<String, Object> value = new LinkedHashMap<>(grudge.toValue());
    value.put("mode", refuse ? "refuse" : "blackhole");
    if (leader != null) {
      value.put("leader", leader);
    }
    return op.withValue(value);
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
