package io.faultline.harness.replica;

import io.faultline.harness.spi.db.ReplicaDigests;
import io.faultline.harness.spi.db.ReplicaDigests.Digest;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Takes one {@link AgreementSample}: reads every node's latest applied index, takes the smallest (every node has
 * applied it), and asks each node for its digest there. A node that does not answer, or that no longer remembers
 * that index (it installed a snapshot past it), makes the attempt start over, until the deadline.
 */
final class AgreementProbe {
  private AgreementProbe() {}

  /** What stopped the last attempt, when no sample could be taken. */
  record Attempt(AgreementSample sample, String problem) {}

  static Attempt sample(
      ReplicaDigests cluster, List<String> nodes, long deadlineNanos, String moment, long atMillis)
      throws InterruptedException {
    String problem = "no attempt";
    do {
      problem = null;
      long common = Long.MAX_VALUE;
      for (String n : nodes) {
        Optional<Digest> d = cluster.latest(n);
        if (d.isEmpty()) {
          problem = n + " does not answer";
          break;
        }
        common = Math.min(common, d.get().index());
      }
      Map<String, String> digests = new LinkedHashMap<>();
      for (int i = 0; problem == null && i < nodes.size(); i++) {
        Optional<Digest> d = cluster.at(nodes.get(i), common);
        if (d.isEmpty()) {
          problem = nodes.get(i) + " has no digest at index " + common;
        } else {
          digests.put(nodes.get(i), d.get().value());
        }
      }
      if (problem == null) {
        return new Attempt(new AgreementSample(common, digests, moment, atMillis), null);
      }
      Thread.sleep(50);
    } while (System.nanoTime() < deadlineNanos);
    return new Attempt(null, problem);
  }
}
