package io.faultline.raft;

/**
 * Deliberate bugs, one per flag, each off by default. They exist only so that the harness can prove it catches each
 * class of bug; a correct run never enables any of them.
 */
public enum UnsafeMode {
  /** Every node, follower or leader, answers reads from its local state without any leadership check. */
  STALE_READS("stale-reads", "every node answers reads from its local state (stale reads)"),
  /** Writes are acknowledged before they reach the disk: nothing is fsync'd and the log is flushed lazily. */
  NO_FSYNC("no-fsync", "acknowledge before data reaches the disk (no fsync, lazy flush)"),
  /**
   * Every write reaches the OS at once (through {@code write}) and is acknowledged then, but {@code fsync} runs only
   * on a timer, every 2 s: a kill loses nothing (the page cache survives it), a power loss loses the last seconds.
   */
  LAZY_FSYNC("lazy-fsync", "fsync only on a 2 s timer; writes reach the page cache at once"),
  /** The leader answers a write as soon as the entry is in its own log, before it is committed. */
  ACK_BEFORE_COMMIT("ack-before-commit", "the leader replies once the entry is in its own log"),
  /** Lease reads measured on the wall clock, with no clock-drift margin. */
  LEASE_WALLCLOCK("lease-wallclock", "lease reads measured on the wall clock, no drift margin"),
  /** {@code votedFor} is not persisted, so a restarted node may vote twice in one term. */
  FORGET_VOTE("forget-vote", "votedFor is not persisted (double votes after a restart)"),
  /** The leader commits entries of earlier terms by counting replicas: the Figure 8 bug (§5.4.2). */
  COMMIT_PREVIOUS_TERM(
      "commit-previous-term",
      "commit entries of earlier terms by counting replicas (Figure 8 bug, no leader no-op)"),
  /** Client retries are applied again: client sessions do not deduplicate (thesis §6.3). */
  NO_DEDUP("no-dedup", "client retries are applied again (no session deduplication)"),
  /**
   * The lease resumes {@code electionMin} after TimeoutNow was sent, while the target may still win with votes that
   * override stickiness (thesis §3.10, §6.4.1).
   */
  LEASE_AFTER_TRANSFER(
      "lease-after-transfer",
      "the lease resumes electionMin after TimeoutNow, while the target may still win"),
  /** A forward step of the clock fires the election timer at once, ending stickiness (thesis §4.2.3, §6.4.1). */
  LEASE_CLOCK_JUMP(
      "lease-clock-jump",
      "a forward clock step ends stickiness at once (real-clock election timer)"),
  /** The lease ignores that stickiness is counted in 10 ms ticks, so it can outlast it (thesis §6.4.1). */
  LEASE_TICK("lease-tick", "the lease is not shortened by the 10 ms stickiness tick"),
  /** A restarted node grants votes at once, having forgotten that it heard from a leader (thesis §6.4.1). */
  LEASE_RESTART("lease-restart", "a restarted node votes at once, forgetting stickiness"),
  /** A retry from a client whose session was evicted is applied again instead of refused (thesis §6.3). */
  SESSION_EVICT_REAPPLY(
      "session-evict-reapply", "a retry from an evicted client session is applied again"),
  /**
   * Votes and pre-votes are granted without the election restriction of §5.4.1 ("candidate's log is at least as
   * up-to-date as receiver's log", Figure 2, RequestVote receiver rule 2), so a candidate that misses committed
   * entries can win and overwrite them: Leader Completeness (§5.4) fails. The class of bug that leifdb's issue 40
   * names (btmorr/leifdb#40: votes granted on the term alone); every Raft course's first election bug.
   */
  VOTE_IGNORES_LOG(
      "vote-ignores-log", "votes and pre-votes granted without the log up-to-date check (§5.4.1)"),
  /**
   * The leader answers a ReadIndex read once it has applied the read index, without the heartbeat round that
   * confirms it still leads (thesis §6.4, step 3; paper §8: "a leader must check whether it has been deposed before
   * processing a read-only request"). A leader cut off from the majority, until check-quorum deposes it, answers
   * from a state that a newer leader has already moved past. Unlike {@code stale-reads}, followers still redirect
   * and the leader still waits for its no-op. The bug of deventlab/d-engine#381 (reads served before the heartbeat
   * that should confirm them) and of consul's early reads from the leader's state (hashicorp/consul#54).
   */
  READ_INDEX_UNCONFIRMED(
      "read-index-unconfirmed",
      "the leader serves ReadIndex reads without confirming it still leads (thesis §6.4)"),
  /**
   * A ReadIndex read takes the leader's commit index as its read index even before the leader has committed an
   * entry of its own term (thesis §6.4 step 1: "if the leader has not yet marked an entry from its current term
   * committed, it waits until it has"). A new leader may not yet know that the last entries of the old leader were
   * committed, so a read right after an election misses a write that was acknowledged before it. The bug of
   * etcd-io/etcd#7331 ("ReadIndex may read stale value" after a leader change).
   */
  READ_INDEX_BEFORE_NOOP(
      "read-index-before-noop",
      "ReadIndex uses the commit index before the new leader's no-op commits (thesis §6.4)"),
  /**
   * Responses from an earlier term are counted as if they answered this term's requests: a candidate counts a vote
   * granted in an earlier term towards its current election, and a leader counts an AppendEntries acknowledgement
   * of an earlier term towards matchIndex. Figure 2 ties every vote and acknowledgement to currentTerm ("If votes
   * received from majority of servers: become leader", §5.2; a term is a logical clock, §5.1), and a delayed
   * response outlives the term it answered, so a candidate can win a term in which the voter voted for another: two
   * leaders in one term. The bug of andreev-io/little-raft#44 (a vote response's stale term not checked).
   */
  STALE_TERM_RESPONSES(
      "stale-term-responses",
      "vote grants and AppendEntries acks of earlier terms count in the current term"),
  /**
   * Played by the client library, not the node: a write whose outcome the client does not know (it was sent, and
   * then the connection failed, the node answered that the outcome is unknown, or the deadline passed) is reported
   * as a {@link io.faultline.raft.client.DefiniteFailure} instead of an
   * {@link io.faultline.raft.client.IndeterminateFailure}. A harness then takes a write that may have been applied
   * for one that was not (Jepsen's {@code :fail} for {@code :info}), the misreporting that Jepsen keeps finding in
   * clients (e.g. scalar-labs/scalar-jepsen#29: Cassandra write timeouts recorded as failures although the writes
   * were applied). The node tells each client of it in its answer to the session open (see
   * {@link #playedByClient}).
   */
  TIMEOUT_AS_FAILURE(
      "timeout-as-failure",
      "the client library reports a write of unknown outcome as a definite failure (told at session open)"),
  /**
   * A follower installs an InstallSnapshot older than what it has already applied: its state machine reverts to
   * the snapshot while its log and lastApplied stay, so the entries between the snapshot and lastApplied are never
   * applied again and the replica silently diverges. Figure 13's receiver rules install a snapshot only to replace
   * a log prefix the follower lacks, and §7 lets a follower skip one that covers no new entries; a leader sends an
   * older one when it falls back to probing from a stale matchIndex (lost or delayed acknowledgements) past its
   * latest snapshot. The bug of databendlabs/openraft#543 ("snapshot with smaller last_log_id than last_applied
   * should not be installed"). Reachable only once a snapshot is taken ({@code --snapshot-entries}).
   */
  STALE_SNAPSHOT_INSTALLS(
      "stale-snapshot-installs",
      "a follower installs a snapshot older than its applied state (state machine rolled back)");

  private final String flag;
  private final String description;

  UnsafeMode(String flag, String description) {
    this.flag = flag;
    this.description = description;
  }

  /** The name without the {@code --unsafe-} prefix, e.g. {@code no-fsync}. */
  public String flag() {
    return flag;
  }

  /** One line for {@code --help}. */
  public String description() {
    return description;
  }

  /**
   * Whether the client library plays this bug. A node started with such a mode names it, with the others of its
   * kind, in its answer to every session open (a list of flags where a correct node answers null), and the client
   * that opened the session plays it; so {@code --unsafe-MODE} on the nodes is all a harness passes.
   */
  public boolean playedByClient() {
    return this == TIMEOUT_AS_FAILURE;
  }

  /** Finds the mode for a name without the {@code --unsafe-} prefix, or null. */
  public static UnsafeMode byFlag(String flag) {
    for (UnsafeMode m : values()) {
      if (m.flag.equals(flag)) {
        return m;
      }
    }
    return null;
  }
}
