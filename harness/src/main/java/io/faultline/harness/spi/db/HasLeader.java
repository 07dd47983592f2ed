package io.faultline.harness.spi.db;

import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/** A consensus system that can say which node leads, for faults aimed at the leader. */
public interface HasLeader {

  /** The node that currently leads, as a majority of reachable nodes report it; empty when there is none. */
  Optional<String> leader();

  /**
   * The leader that a majority of a cluster of {@code clusterSize} nodes names, each entry of {@code named} being one
   * node's answer; empty when no name reaches a majority.
   */
  static Optional<String> namedByMajority(Collection<String> named, int clusterSize) {
    Map<String, Integer> votes = new HashMap<>();
    named.forEach(n -> votes.merge(n, 1, Integer::sum));
    return votes.entrySet().stream()
        .filter(e -> e.getValue() > clusterSize / 2)
        .map(Map.Entry::getKey)
        .findFirst();
  }
}
