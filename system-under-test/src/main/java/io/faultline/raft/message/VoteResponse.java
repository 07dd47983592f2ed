package io.faultline.raft.message;

/** Reply to a {@link VoteRequest}: {@code granted} means the vote (or pre-vote) was given. */
public record VoteResponse(long term, String from, boolean granted, boolean preVote) implements RaftMessage {
}
