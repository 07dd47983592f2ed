package io.faultline.raft.message;

import java.util.List;

/**
 * AppendEntries RPC (§5.3, Figure 2); with no entries it is a heartbeat. {@code readSeq} numbers the leader's
 * heartbeat rounds so that a reply also confirms leadership for ReadIndex and lease reads (thesis §6.4).
 */
public record AppendRequest(
    long term,
    String from,
    long prevLogIndex,
    long prevLogTerm,
    List<LogEntry> entries,
    long leaderCommit,
    long readSeq)
    implements RaftMessage {}
