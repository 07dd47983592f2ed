package io.faultline.harness.spi.db;

import java.util.List;
import java.util.Optional;

/**
 * A cluster whose acknowledged writes name where their entry sits in the replicated log, and whose nodes list the
 * terms of their logs. An acknowledged entry must stay at its index with its term in the log of a majority for ever
 * (Leader Completeness, Raft §5.4); a follower that acknowledged an entry and then lost it (no fsync) may be
 * repaired before any client notices, but a majority that no longer holds it is a lost write.
 */
public interface LogPositions {

  /**
   * An acknowledged write.
   *
   * @param index its entry's log index
   * @param term its entry's term
   * @param what the operation, for the report (e.g. {@code write [3 4]})
   */
  record Ack(long index, long term, String what) {}

  /**
   * The terms of a node's log from {@code from} on.
   *
   * @param snapshotIndex entries up to here are compacted into a snapshot whose last entry has {@code snapshotTerm}
   * @param lastIndex the index of the node's last entry
   * @param from the index of {@code terms[0]} (after the snapshot)
   * @param terms the terms, possibly fewer than asked for (ask again from where they end)
   */
  record Terms(long snapshotIndex, long snapshotTerm, long lastIndex, long from, long[] terms) {}

  /** Every write acknowledged so far in this cluster's life, with its log position. */
  List<Ack> acknowledged();

  /** The terms of {@code node}'s entries from {@code from} to {@code to}; empty when the node does not answer. */
  Optional<Terms> terms(String node, long from, long to);
}
