package io.faultline.raft;

/** The role of a Raft node (§5.1), plus the pre-candidate state of Pre-Vote (thesis §9.6). */
public enum Role {
  FOLLOWER,
  PRE_CANDIDATE,
  CANDIDATE,
  LEADER;

  /** Lower-case name for JSON, e.g. {@code pre-candidate}. */
  public String label() {
    return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
  }
}
