package io.faultline.raft.message;

/** A message between members. Every message carries the sender's term and id (§5.1). */
public sealed interface RaftMessage
    permits VoteRequest,
        VoteResponse,
        AppendRequest,
        AppendResponse,
        SnapshotRequest,
        SnapshotResponse,
        TimeoutNow {
  /** The sender's current term (or, for a pre-vote request, the term it would campaign in). */
  long term();

  /** The sender's member id. */
  String from();
}
