package io.faultline.raft;

/** How the leader serves linearizable reads without appending them to the log (thesis §6.4). */
public enum ReadMode {
  /**
   * ReadIndex (thesis §6.4): the leader records its commit index, confirms with a round of heartbeats that a
   * majority still follows it, waits until that index is applied, then reads its local state.
   */
  READ_INDEX("read-index"),
  /**
   * Leader lease (thesis §6.4.1): while a majority acknowledged a heartbeat sent less than the lease duration ago
   * (measured on the monotonic clock, shortened by a clock-drift margin) the leader skips the heartbeat round.
   */
  LEASE("lease");

  private final String flag;

  ReadMode(String flag) {
    this.flag = flag;
  }

  /** The spelling used on the command line and in the admin JSON. */
  public String flag() {
    return flag;
  }

  /** Parses {@code read-index} or {@code lease}. */
  public static ReadMode parse(String s) {
    for (ReadMode m : values()) {
      if (m.flag.equals(s)) {
        return m;
      }
    }
    throw new IllegalArgumentException(
        "unknown read mode '" + s + "' (expected read-index or lease)");
  }
}
