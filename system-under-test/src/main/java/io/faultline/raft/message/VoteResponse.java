package io.faultline.raft.message;

/** Reply to a {@link VoteRequest}: {@code granted} means the vote (or pre-vote) was given. */
public record VoteResponse(long term, String from, boolean granted, boolean preVote)
    implements RaftMessage {

  /** Answer to an ordinary RequestVote (§5.2). */
  public static VoteResponse vote(long term, String from, boolean granted) {
    return new VoteResponse(term, from, granted, false);
  }

  /** Answer to a Pre-Vote (thesis §9.6). */
  public static VoteResponse preVote(long term, String from, boolean granted) {
    return new VoteResponse(term, from, granted, true);
  }
}
