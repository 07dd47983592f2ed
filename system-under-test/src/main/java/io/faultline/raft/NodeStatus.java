package io.faultline.raft;

import java.util.List;

/** A consistent view of one node's Raft state, as served by the admin endpoint. */
public record NodeStatus(
    String id,
    Role role,
    long term,
    String leader,
    String votedFor,
    long commitIndex,
    long lastApplied,
    long snapshotIndex,
    long lastIndex,
    long durableIndex,
    ReadMode readMode,
    List<String> unsafe) {

  /** Entries currently held in the log after the last snapshot. */
  public long logSize() {
    return lastIndex - snapshotIndex;
  }
}
