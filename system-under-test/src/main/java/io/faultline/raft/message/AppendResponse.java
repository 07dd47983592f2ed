package io.faultline.raft.message;

/**
 * Reply to an {@link AppendRequest}. On success, {@code matchIndex} is the last index known to match the leader's
 * log and to be durable on the sender. On failure, {@code conflictTerm}/{@code conflictIndex} let the leader skip a
 * whole term at a time when backtracking (§5.3, "fast backtracking"); {@code conflictTerm} is 0 when the follower's
 * log is simply too short. {@code requestPrevIndex} echoes the request so that stale replies can be recognised.
 */
public record AppendResponse(long term, String from, boolean success, long matchIndex, long conflictIndex,
                             long conflictTerm, long requestPrevIndex, long readSeq) implements RaftMessage {
}
