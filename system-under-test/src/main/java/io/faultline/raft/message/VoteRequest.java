package io.faultline.raft.message;

/**
 * RequestVote RPC (§5.2, Figure 2), or its Pre-Vote variant (thesis §9.6) when {@code preVote} is set; a pre-vote
 * carries the term the sender would campaign in, without the sender having incremented its own term.
 * {@code transfer} marks an election started by {@link TimeoutNow}: voters then grant it even if they heard from
 * the leader recently (thesis §3.10).
 */
public record VoteRequest(long term, String from, long lastLogIndex, long lastLogTerm, boolean preVote,
                          boolean transfer) implements RaftMessage {
}
