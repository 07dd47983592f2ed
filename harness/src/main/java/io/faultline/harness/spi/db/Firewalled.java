package io.faultline.harness.spi.db;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A cluster whose hosts drop the traffic between nodes themselves, with packet-filter rules (iptables on SSH hosts, as
 * Jepsen's {@code net/iptables} does), so that a partition needs no proxy in the path of the nodes' links.
 */
public interface Firewalled {

  /** The hosts' packet filter, or empty when this cluster's links are cut by proxies instead. */
  Optional<Firewall> firewall();

  /** The packet filter of a cluster's hosts. Thread-safe. */
  interface Firewall {

    /** The nodes whose hosts it filters, in order. */
    List<String> nodes();

    /**
     * Makes each node {@code to} drop (or, with {@code refuse}, reject with a TCP reset) the traffic of exactly the
     * nodes in {@code drops.get(to)}, and no other; a link cut before and after stays cut throughout. Returns when
     * the rules are in force on every host.
     *
     * @throws DbException naming the host whose rules could not be set
     */
    void apply(Map<String, Set<String>> drops, boolean refuse);

    /** Removes every rule it made; the hosts' other rules are never touched. */
    default void heal() {
      apply(Map.of(), false);
    }

    /** Why packet faults (tc netem) cannot run on these hosts, or empty when they can. */
    Optional<String> whyNoPacketFaults();
  }
}
