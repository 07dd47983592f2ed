package io.faultline.raft.message;

/**
 * Reply to an {@link AppendRequest}. On success, {@code matchIndex} is the last index known to match the leader's
 * log and to be durable on the sender. On failure, {@code conflictTerm}/{@code conflictIndex} let the leader skip a
 * whole term at a time when backtracking (§5.3, "fast backtracking"); {@code conflictTerm} is 0 when the follower's
 * log is simply too short. {@code requestPrevIndex} echoes the request so that stale replies can be recognised.
 */
public record AppendResponse(
    long term,
    String from,
    boolean success,
    long matchIndex,
    long conflictIndex,
    long conflictTerm,
    long requestPrevIndex,
    long readSeq)
    implements RaftMessage {

  /** Success: the sender's log matches the leader's up to {@code matchIndex}; echoes {@code request}. */
  public static AppendResponse success(
      long term, String from, long matchIndex, AppendRequest request) {
    return new AppendResponse(
        term, from, true, matchIndex, 0, 0, request.prevLogIndex(), request.readSeq());
  }

  /** Consistency-check failure (§5.3) with the fast-backtracking hint; echoes {@code request}. */
  public static AppendResponse conflict(
      long term, String from, long conflictIndex, long conflictTerm, AppendRequest request) {
    return new AppendResponse(
        term,
        from,
        false,
        0,
        conflictIndex,
        conflictTerm,
        request.prevLogIndex(),
        request.readSeq());
  }

  /**
   * Refusal of a request from a stale term ("Reply false if term < currentTerm", §5.1). Carries no read
   * sequence, so a stale leader's read cannot count it as a confirmation.
   */
  public static AppendResponse staleTerm(long term, String from, AppendRequest request) {
    return new AppendResponse(term, from, false, 0, 0, 0, request.prevLogIndex(), 0);
  }
}
