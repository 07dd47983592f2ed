package io.faultline.raft.message;

/** Reply to a {@link SnapshotRequest}; on success the sender's log matches up to {@code lastIndex}. */
public record SnapshotResponse(
    long term, String from, boolean success, long lastIndex, long readSeq) implements RaftMessage {

  /** Success: the sender's log now matches up to {@code lastIndex}; echoes the request's read sequence. */
  public static SnapshotResponse success(
      long term, String from, long lastIndex, SnapshotRequest request) {
    return new SnapshotResponse(term, from, true, lastIndex, request.readSeq());
  }

  /** Refusal of a request from a stale term (§5.1, Figure 13). */
  public static SnapshotResponse staleTerm(long term, String from) {
    return new SnapshotResponse(term, from, false, 0, 0);
  }
}
