package io.faultline.raft.impl;

import java.util.ArrayDeque;

/**
 * Tracks which prefix of the in-memory log is durable while log writes are still in flight. Each write is queued
 * with the log's last index after it and a floor: a truncation to {@code i} has floor {@code i - 1}, because until
 * it is durable a crash would bring back the old entries after {@code i - 1}. The durable index is the last index of
 * the newest completed write, capped by the floors of the writes still pending.
 */
final class Durability {
  private record Pending(long seq, long lastIndexAfter, long floor) {}

  private final ArrayDeque<Pending> pending = new ArrayDeque<>();
  private long nextSeq = 1;
  private long completedLastIndex;
  private long durableIndex;

  Durability(long recoveredLastIndex) {
    this.completedLastIndex = recoveredLastIndex;
    this.durableIndex = recoveredLastIndex;
  }

  /** Registers a new write and returns its sequence number. */
  long begin(long lastIndexAfter, long floor) {
    long seq = nextSeq++;
    pending.add(new Pending(seq, lastIndexAfter, floor));
    recompute();
    return seq;
  }

  /** Marks every write up to {@code seq} durable. */
  void completed(long seq) {
    while (!pending.isEmpty() && pending.peekFirst().seq() <= seq) {
      completedLastIndex = pending.pollFirst().lastIndexAfter();
    }
    recompute();
  }

  long durableIndex() {
    return durableIndex;
  }

  private void recompute() {
    long d = completedLastIndex;
    for (Pending p : pending) {
      d = Math.min(d, p.floor());
    }
    durableIndex = d;
  }
}
