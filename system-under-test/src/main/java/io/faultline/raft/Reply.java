package io.faultline.raft;

/**
 * The outcome of a client request at a node.
 *
 * @param status what happened
 * @param value  the result when {@code status} is {@link Status#OK}
 * @param leader the id of the leader this node believes in, when known (for redirects)
 */
public record Reply(Status status, Object value, String leader) {

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
