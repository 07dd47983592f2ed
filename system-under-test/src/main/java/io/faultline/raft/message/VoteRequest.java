package io.faultline.raft.message;

/**
 * RequestVote RPC (§5.2, Figure 2), or its Pre-Vote variant (thesis §9.6) when {@code preVote} is set; a pre-vote
 * carries the term the sender would campaign in, without the sender having incremented its own term.
 * {@code transfer} marks an election started by {@link TimeoutNow}: voters then grant it even if they heard from
 * the leader recently (thesis §3.10).
 */
public record VoteRequest(
    long term, String from, long lastLogIndex, long lastLogTerm, boolean preVote, boolean transfer)
    implements RaftMessage {

  /** A Pre-Vote (thesis §9.6) for {@code term}, the term the sender would campaign in. */
  public static VoteRequest preVote(long term, String from, long lastLogIndex, long lastLogTerm) {
    return new VoteRequest(term, from, lastLogIndex, lastLogTerm, true, false);
  }

  /** An ordinary RequestVote (§5.2). */
  public static VoteRequest vote(long term, String from, long lastLogIndex, long lastLogTerm) {
    return new VoteRequest(term, from, lastLogIndex, lastLogTerm, false, false);
  }

  /** A RequestVote of an election started by {@link TimeoutNow} (thesis §3.10). */
  public static VoteRequest transfer(long term, String from, long lastLogIndex, long lastLogTerm) {
    return new VoteRequest(term, from, lastLogIndex, lastLogTerm, false, true);
  }
}
