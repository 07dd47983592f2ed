package io.faultline.raft;

/**
 * An optional tuning hint a {@link RaftStore} may also implement: where its next writes should run. The core checks
 * for it once, when it is built; a store without it is simply not told.
 */
public interface WritePlacement {

  /**
   * Says where the next writes should run. With {@code overlap}, the caller has other work while the disk works: a
   * leader whose earlier writes still wait for their commit takes new requests and acknowledgements meanwhile
   * (thesis §10.2.1), so a store may write on a thread of its own. Without it, the caller would only wait for the
   * write: a follower's acknowledgement needs it, and a leader's lone write has already left for the followers. A
   * store may then rather write on the caller's thread and save a wake-up each way.
   */
  void overlapWrites(boolean overlap);
}
