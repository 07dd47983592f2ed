package io.faultline.nemesis.leader;

import io.faultline.harness.history.Op;
import io.faultline.harness.spi.Nemesis;
import io.faultline.harness.spi.db.TransfersLeadership;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Performs {@code transfer-leader}: finds the leader and asks it to hand over to the node the op names, or to another
 * member drawn from the seed. The completion says who was asked and to whom, and why nothing happened when it did
 * not: {@code ok} when the handover started, {@code fail} when there was no leader or it refused.
 */
final class TransferNemesis implements Nemesis {
  static final String F = "transfer-leader";
  private static final Logger LOG = LoggerFactory.getLogger(TransferNemesis.class);

  private final TransfersLeadership cluster;
  private final List<String> nodes;
  private final Random random;

  TransferNemesis(TransfersLeadership cluster, List<String> nodes, long seed) {
    this.cluster = cluster;
    this.nodes = List.copyOf(nodes);
    this.random = new Random(seed ^ 0x1eade5L);
  }

  @Override
  public Set<String> fs() {
    return Set.of(F);
  }

  @Override
  public synchronized Op invoke(Op op) {
    String leader = cluster.leader().orElse(null);
    if (leader == null || nodes.size() < 2) {
      return Op.fail(op.process(), F, Map.of("error", "no-leader"));
    }
    String to = op.value() instanceof String named ? named : other(leader);
    String refused = cluster.transferLeadership(leader, to);
    Map<String, Object> value = new LinkedHashMap<>();
    value.put("from", leader);
    value.put("to", to);
    LOG.info("transfer-leader {} -> {}: {}", leader, to, refused == null ? "started" : refused);
    if (refused != null) {
      value.put("error", refused);
      return Op.fail(op.process(), F, value);
    }
    return Op.ok(op.process(), F, value);
  }

  private String other(String leader) {
    List<String> others = nodes.stream().filter(n -> !n.equals(leader)).toList();
    return others.get(random.nextInt(others.size()));
  }

  @Override
  public void teardown() {}
}
