package io.faultline.raft.kv;

/**
 * What a member's state machine looked like once it had applied the log up to {@code index}: a running hash
 * {@code chain} over every command applied so far (in order, with its index), and an order-independent hash
 * {@code state} of the key-value data and client sessions at that point. Two members that applied the same log
 * prefix have equal digests at its last index (State Machine Safety, §5.4.3, and a deterministic state machine);
 * a different {@code chain} means they applied different commands, a different {@code state} with an equal chain
 * means the same commands led to different states (a snapshot that lost data, say).
 *
 * @param index the index of the last command applied; the digest also holds at later indexes up to the member's
 *     {@code lastApplied} when those entries are no-ops (which the state machine never sees)
 */
public record AppliedDigest(long index, long chain, long state) {

  /** The digest as one string to compare: {@code chain-state}, both as 16 hex digits. */
  public String value() {
    return String.format("%016x-%016x", chain, state);
  }
}
