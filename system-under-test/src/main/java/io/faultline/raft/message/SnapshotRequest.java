package io.faultline.raft.message;

/** InstallSnapshot RPC (§7, Figure 13), sent in one piece when a follower needs entries the leader compacted. */
public record SnapshotRequest(long term, String from, Snapshot snapshot, long readSeq)
    implements RaftMessage {}
