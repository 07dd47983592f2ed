package io.faultline.harness.spi.db;

import java.util.Optional;

/**
 * A cluster whose nodes can show a digest of their replicated state machine at an index they applied, so that
 * replicas can be compared below what clients see: any two nodes that applied the same index to different states
 * break State Machine Safety (Raft §5.4.3), even when the divergence heals before any client reads it. Nodes apply
 * at different speeds, so a node must answer for recent indexes, not only its latest.
 */
public interface ReplicaDigests {

  /**
   * One node's digest at one applied index.
   *
   * @param index the applied index (for etcd, a revision)
   * @param value the digest; equal values mean equal states
   */
  record Digest(long index, String value) {}

  /** The node's latest applied index and its digest; empty when the node does not answer. */
  Optional<Digest> latest(String node);

  /**
   * The node's digest at {@code index}; empty when it has not applied that index yet, no longer remembers it, or
   * does not answer.
   */
  Optional<Digest> at(String node, long index);
}
