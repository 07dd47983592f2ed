package io.faultline.raft;

/**
 * The outcome of a client request at a node.
 *
 * @param status what happened
 * @param value  the result when {@code status} is {@link Status#OK}
 * @param leader the id of the leader this node believes in, when known (for redirects)
 * @param index for an acknowledged write, the log index of its entry; 0 otherwise
 * @param term for an acknowledged write, the term of its entry; 0 otherwise. An acknowledged write's entry must
 *     stay at {@code index} with {@code term} in the log of a majority for ever (Leader Completeness, §5.4)
 */
public record Reply(Status status, Object value, String leader, long index, long term) {

  /** A reply that names no log entry. */
  public Reply(Status status, Object value, String leader) {
    this(status, value, leader, 0, 0);
  }

  /** Outcome classes; {@link #definite()} says whether the request certainly had no effect. */
  public enum Status {
    /** Applied (or read) successfully. */
    OK(false),
    /** This node is not the leader and did not append the request: certainly not applied. */
    NOT_LEADER(true),
    /** Leadership was lost after the entry was appended: it may or may not be committed later. */
    UNCERTAIN(false),
    /** The request was rejected before it reached the log (malformed, or the node is stopping). */
    REJECTED(true);

    private final boolean definite;

    Status(boolean definite) {
      this.definite = definite;
    }

    /** True when the request certainly did not take effect. */
    public boolean definite() {
      return definite;
    }
  }

  public static Reply ok(Object value) {
    return new Reply(Status.OK, value, null);
  }

  /** {@link Status#OK} for a write whose entry is at {@code index} with {@code term}. */
  public static Reply ok(Object value, long index, long term) {
    return new Reply(Status.OK, value, null, index, term);
  }

  public static Reply notLeader(String leader) {
    return new Reply(Status.NOT_LEADER, null, leader);
  }

  public static Reply uncertain(String leader) {
    return new Reply(Status.UNCERTAIN, null, leader);
  }

  /** {@link Status#REJECTED}, naming the leader this node believes in ({@code null} when unknown). */
  public static Reply rejected(String leader) {
    return new Reply(Status.REJECTED, null, leader);
  }
}
