package io.faultline.raft.impl;

/**
 * The leader's view of one follower (Figure 2's nextIndex and matchIndex, plus flow control). While
 * {@code probing}, the leader sends one AppendEntries at a time until it finds where the logs match (§5.3); after
 * that it pipelines up to {@code maxInflight} messages, advancing {@code next} optimistically.
 */
final class Progress {
  final String id;
  long next;
  long match;
  int inflight;
  boolean probing = true;

  /** Tick (see {@link RaftNodeImpl#ticks}) of the last reply from this follower. */
  long lastResponseTick;

  long ackedReadSeq;

  /** Tick at which an InstallSnapshot was last sent and not yet answered, or {@link #NONE}. */
  long snapshotSentTick = NONE;

  static final long NONE = Long.MIN_VALUE;

  Progress(String id, long next, long nowTick) {
    this.id = id;
    this.next = next;
    this.lastResponseTick = nowTick;
  }

  void startProbing(long nextIndex) {
    probing = true;
    inflight = 0;
    next = nextIndex;
  }
}
