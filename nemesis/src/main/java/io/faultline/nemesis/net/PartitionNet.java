package io.faultline.nemesis.net;

import io.faultline.nemesis.net.Grudge.Link;
import java.io.IOException;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Where a partition takes effect: the per-link proxies ({@link ProxyNet}) or the hosts' packet filters
 * ({@link FirewallNet}). {@link PartitionNemesis} speaks only to this.
 */
public interface PartitionNet {

  /** The nodes, in order. */
  List<String> nodes();

  /** Cuts {@code link}: dropping its packets silently, or with {@code refuse} refusing its connections. */
  void cut(Link link, boolean refuse) throws IOException;

  /** Heals {@code link} only. */
  void heal(Link link) throws IOException;

  /** Heals every partition. */
  void healPartitions() throws IOException;

  /** Gives the net back when its user is done with it. */
  void release();

  /**
   * Changes the cut links from {@code before} to exactly {@code after}, without healing a link in both; in force
   * when it returns.
   */
  default void switchTo(Set<Link> before, Set<Link> after, boolean refuse) throws IOException {
    for (Link link : after) {
      if (!before.contains(link)) {
        cut(link, refuse);
      }
    }
    Set<Link> healed = new HashSet<>(before);
    healed.removeAll(after);
    for (Link link : healed) {
      heal(link);
    }
  }
}
